"""Reconciliation rules for the phenomena of real reports, on small hand-made claims with hand-derived answers."""

from __future__ import annotations

from datetime import date
from importlib import resources

import pytest
import yaml

from claimscope.reconcile import reconcile
from claimscope.reconcile.records import ClaimRecord, Count, Interval, Place

LEBANON = Place("Lebanon", "LB", None, "country")


def figure(text, content, value, qualifier="exact", unit=None, low=None, high=None):
    """A Count for `text`, found at its offset in `content`."""
    bounds = {"exact": (value, value), "approx": (round(value * 0.9), round(value * 1.1)),
              "at_least": (value, None), "at_most": (None, value)}[qualifier]
    return Count(value, bounds[0] if low is None else low, bounds[1] if high is None else high, qualifier, unit,
                 None, start=content.index(text), text=text)


def claim(cid, actor, content, counts=(), places=(), source_text=None, kind=None, country=None, day="2024-10-04",
          doc=None, modality="asserted", event=None):
    when = date.fromisoformat(day)
    return ClaimRecord(cid, doc or f"doc-{cid}", when, "Wire", source_text or actor, actor, kind, country, when,
                       content, modality, event, tuple(counts), tuple(places), (), "LB")


def labels_of(topics, claim_id):
    return {t.label for t in topics if any(r.membership.claim.claim_id == claim_id for r in t.rows)}


def test_killed_wounded_and_both_together_are_kept_apart():
    a = "The death toll from Israeli strikes on Lebanon has reached 2,011, with 9,535 wounded since Oct. 8"
    b = "North Korean forces have lost about 4,000 soldiers, including those killed and wounded"
    topics = reconcile([
        claim("a", "Ministry of Health of Lebanon", a, [figure("2,011", a, 2011), figure("9,535", a, 9535)],
              [Place("Lebanon", "LB", None, "country", "Lebanon", a.index("Lebanon"))]),
        claim("b", "Kyrylo Budanov", b, [figure("about 4,000 soldiers", b, 4000, "approx", "soldier")],
              [Place("Russia", "RU", None, "country")]),
    ], texts={})
    assert labels_of(topics, "a") == {"people killed in Lebanon", "people wounded in Lebanon"}
    assert labels_of(topics, "b") == {"North Korean personnel casualties (killed and wounded) in Russia"}


def test_increments_periods_and_single_events_are_not_the_cumulative_toll():
    toll = "the death toll since October 8 has reached 1,640"
    new = "there have been 11 new fatalities"
    strike = "an Israeli strike killed 16 people in the village"
    topics = reconcile([
        claim("toll", "Firass Abiad", toll, [figure("1,640", toll, 1640)], [LEBANON]),
        claim("new", "Firass Abiad", new, [figure("11 new fatalities", new, 11, unit="fatality")], [LEBANON]),
        claim("strike", "Firass Abiad", strike, [figure("16 people", strike, 16, unit="people")], [LEBANON]),
    ], texts={})
    assert labels_of(topics, "toll") == {"people killed in Lebanon"}
    assert labels_of(topics, "new") == {"additional people killed in Lebanon"}
    assert labels_of(topics, "strike") == {"people killed in Lebanon (one event, 2024-10-04)"}


def test_a_per_unit_figure_is_expanded_to_a_total_with_its_derivation():
    text = "Russia is training two brigades of North Korean soldiers with up to 6,000 troops each"
    topics = reconcile([claim("z", "Volodymyr Zelensky", text, [
        figure("two brigades", text, 2, unit="brigade"), figure("up to 6,000 troops", text, 6000, "at_most", "troop")],
        [Place("Russia", "RU", None, "country", "Russia", 0)])], texts={})
    personnel = next(t for t in topics if t.label == "North Korean personnel in Russia")
    (row,) = personnel.rows
    assert row.membership.interval == Interval(None, 12000) and "each" in row.membership.derivation


def test_a_party_named_as_a_place_is_not_where_people_are_counted():
    text = "North Korean soldiers who fought in battle against Ukraine number 3,000"
    topics = reconcile([claim("nis", "National Intelligence Service", text,
                              [figure("3,000", text, 3000, unit="soldier")],
                              [Place("Ukraine", "UA", None, "country", "Ukraine", text.index("Ukraine"))])],
                       texts={})
    assert not any("Ukraine" in t.label for t in topics)


@pytest.mark.parametrize("source_text, actor, kind, country, expected", [
    ("UNICEF spokesperson James Elder", "James Elder", "person", "LB", "United Nations"),
    ("U.N. agencies", None, "agency", None, "United Nations"),
    ("state-run KCNA", "Korean Central News Agency", "media outlet", "KP", "North Korea (state)"),
    ("Lebanese Health Minister Firass Abiad", "Firass Abiad", "person", "LB", "Lebanon (state)"),
    ("A source close to Hezbollah", None, "person", None, "Hezbollah"),
    ("PM", "PM", "person", "LB", "Lebanon (state)"),
])
def test_agencies_bodies_and_state_media_are_linked_to_their_origin(source_text, actor, kind, country, expected):
    text = "more than 200 children have been killed in Lebanon"
    (topic,) = reconcile([claim("c", actor, text, [figure("more than 200 children", text, 200, "at_least", "child")],
                                [LEBANON], source_text=source_text, kind=kind, country=country)], texts={})
    assert topic.rows[0].origin.label == expected


def test_a_surname_and_a_pronoun_take_the_origin_of_the_person_named_in_the_document():
    first = "the toll has reached 4,047 dead"
    later = "the real number of dead may be higher"
    topics = reconcile([
        claim("a", "Firass Abiad", first, [figure("4,047", first, 4047)], [LEBANON],
              source_text="Lebanese Health Minister Firass Abiad", country="LB", doc="d"),
        claim("b", "Abiad", later, [], [LEBANON], doc="d"),
        claim("c", None, later, [], [LEBANON], source_text="he", doc="d"),
    ], texts={})
    origins = {r.membership.claim.claim_id: r.origin.label for t in topics for r in t.rows}
    assert origins == {"a": "Lebanon (state)", "b": "Lebanon (state)", "c": "Lebanon (state)"}


def test_lexicon_words_are_strings():
    """YAML reads bare on / no / yes as booleans: every word list must hold strings only."""
    from lexicon_helpers import booleans_in

    for name in ("topics", "origins", "demonyms"):
        data = yaml.safe_load(resources.files("claimscope.reconcile").joinpath("data", f"{name}.yml").read_text())
        assert booleans_in(data) == [], name


def test_an_unnamed_office_with_a_guessed_country_is_the_state_the_document_quotes():
    """'authorities' whose country extraction took from a state named nearby (the attacker, say) speak for the
    state the document's named sources are of."""
    first = "the toll has reached 4,047 dead"
    later = "the toll in Lebanon has reached 3,823 dead"
    topics = reconcile([
        claim("a", "Ministry of Public Health of Lebanon", first, [figure("4,047", first, 4047)], [LEBANON],
              source_text="the Lebanese health ministry", kind="government", country="LB", doc="d"),
        claim("b", None, later, [figure("3,823", later, 3823)], [LEBANON], source_text="authorities",
              kind="government", country="IL", doc="d"),
    ], texts={})
    origins = {r.membership.claim.claim_id: r.origin.label for t in topics for r in t.rows}
    assert origins == {"a": "Lebanon (state)", "b": "Lebanon (state)"}


def test_an_outlet_that_relays_a_named_source_is_not_the_origin():
    """'B said X, according to outlet A': the claim is B's; 'outlet A said, citing B' stays B's too."""
    from claimscope.reconcile.loading import records_of

    def extraction(source, cites):
        return {"document": {"id": "d", "published": "2025-01-30", "outlet": "Wire"},
                "claims": [{"id": "c", "content": {"text": "8,000 soldiers are still fighting", "start": 0},
                            "source": source, "cites": cites}]}
    person = {"text": "Kyrylo Budanov", "actor": "Kyrylo Budanov", "kind": "person", "country": "UA"}
    outlet = {"text": "The War Zone", "actor": "The War Zone", "kind": "media outlet", "country": "US"}
    assert records_of(extraction(person, [outlet]))[0].cites == ()
    assert records_of(extraction(outlet, [person]))[0].cites == ("Kyrylo Budanov",)


def test_a_first_person_statement_before_any_named_source_is_its_publishers():
    from claimscope.reconcile.independence import document_origins

    when = date(2024, 10, 28)
    text = "North Korean troops have been sent to Russia"
    record = ClaimRecord("i", "statement", when, "NATO", "I", None, None, None, when, text, "asserted",
                         "deployment", (), (), (), "RU")
    assert document_origins([record])["i"].label == "NATO"


def test_a_local_officials_claim_without_a_place_is_about_the_officials_locality():
    """'Kharkiv regional governor X said two people were killed': the topic is Kharkiv's (and bounds Ukraine's),
    not the country the document is mostly about; a national source's place-less claim is left to the context."""
    from claimscope.reconcile.loading import records_of
    from claimscope.reconcile.topics import memberships

    text = "Kharkiv regional governor Oleh Syniehubov said two people were killed in a drone strike."
    content = "two people were killed in a drone strike"
    kharkiv = {"text": "Kharkiv", "start": 0, "end": 7, "name": "Kharkiv", "country": "UA", "admin1": "UA-63",
               "precision": "city"}
    russia = {"text": "Russia", "start": 200, "end": 206, "name": "Russia", "country": "RU", "precision": "country"}

    def extraction(source_text, kind):
        source = {"text": source_text, "start": 0, "end": len(source_text), "actor": "Oleh Syniehubov",
                  "kind": kind, "country": "UA"}
        return {"document": {"id": "d", "published": "2025-03-11"}, "places": [kharkiv, russia, russia],
                "claims": [{"id": "c", "content": {"text": content, "start": text.index(content)},
                            "source": source, "event": "casualty",
                            "quantities": [{"text": "two people", "start": text.index("two"), "value": 2, "low": 2,
                                            "high": 2, "qualifier": "exact", "unit": "people"}]}]}

    local = records_of(extraction("Kharkiv regional governor Oleh Syniehubov", "person"))[0]
    assert [p.name for p in local.places] == ["Kharkiv"]
    keys = {(m.key.measure, m.key.state, m.key.scope, m.key.region) for m in memberships(local)}
    assert {("personnel", "killed", "UA", None), ("personnel", "killed", "UA", "UA-63")} <= keys
    national = records_of(extraction("Kharkiv University", "organisation"))[0]  # no official's title
    assert national.places == ()


def test_a_part_of_what_an_earlier_claim_counted_is_that_claims_things():
    """'Russia launched 126 drones at Ukraine' then 'its air defences shot down 79 of the drones while 35 others
    were lost': Russian drones over Ukraine, not the document's own affiliation in its context country."""
    launched = "Russia launched 126 drones at Ukraine overnight"
    downed = "its air defences shot down 79 of the drones while 35 others were lost"
    kursk = "Russian air defences destroyed 300 Ukrainian drones over Russia, including 126 over the Kursk region " \
            "and 91 over the Moscow region"
    doc = dict(doc="d", day="2025-03-11")
    topics = reconcile([
        claim("a", "Ukrainian Air Force", launched, [figure("126 drones", launched, 126, unit="drone")],
              [Place("Russia", "RU", None, "country", "Russia", 0),
               Place("Ukraine", "UA", None, "country", "Ukraine", launched.index("Ukraine"))], **doc),
        claim("b", "Ukrainian Air Force", downed, [figure("79 of the drones", downed, 79, unit="drone"),
                                                     figure("35 others", downed, 35, unit="drone")], **doc),
        claim("c", "Ministry of Defence of Russia", kursk,
              [figure("300 Ukrainian drones", kursk, 300, unit="drone"), figure("126", kursk, 126, unit="drone"),
               figure("91", kursk, 91, unit="drone")],
              [Place("Russia", "RU", None, "country", "Russia", kursk.index("Russia,")),
               Place("Kursk Oblast", "RU", "RU-KRS", "admin1", "Kursk region", kursk.index("Kursk")),
               Place("Moscow Oblast", "RU", "RU-MOS", "admin1", "Moscow region", kursk.index("Moscow"))], **doc),
    ], texts={})
    assert "Russian equipment intercepted or shot down in Ukraine" in labels_of(topics, "b")
    assert not any("Lebanon" in label for label in labels_of(topics, "b"))
    by_region = {t.label.split(" in ")[-1]: sorted(r.membership.value for r in t.rows)
                 for t in topics if "Oblast" in t.label and "intercepted" in t.label}
    assert by_region == {"Kursk Oblast, Russia": [126.0], "Moscow Oblast, Russia": [91.0]}


def test_a_datelines_place_is_not_what_the_document_is_about():
    """'CAIRO, Aug 15 (Reuters) - ...': the filing place does not make the document one about Egypt; and
    Palestinians killed in Gaza are counted where they are, though it is their own country."""
    from claimscope.reconcile.loading import context_country, records_of

    cairo = {"text": "CAIRO", "start": 0, "end": 5, "name": "Cairo", "country": "EG", "precision": "city",
             "role": "dateline"}
    gaza = {"text": "Gaza", "start": 200, "end": 204, "name": "Gaza", "country": "PS", "precision": "city"}

    def extraction(content, places):
        return {"document": {"id": "d", "published": "2024-08-15"}, "places": [cairo, cairo, gaza],
                "claims": [{"id": "c", "content": {"text": content, "start": 30}, "places": places,
                            "source": {"text": "the ministry", "kind": "government", "country": "PS"},
                            "quantities": []}]}

    assert context_country(extraction("40,000 people have been killed", [])) == "PS"
    content = "The number of Palestinians killed in Gaza has passed 40,000"
    located = [{**gaza, "start": 30 + content.index("Gaza"), "role": "content"}]
    assert records_of(extraction(content, located))[0].context_country == "PS"


def test_a_possessive_after_to_does_not_locate_the_documents_counts():
    """ "an end to Israel's offensive" names whose offensive, not where: the document's counts stay in Lebanon."""
    from claimscope.reconcile.loading import records_of

    def made(cid, text, places):
        return {"id": cid, "source": {"text": "the ministry", "actor": None, "kind": "government", "country": "LB"},
                "cue": "say", "content": {"text": text, "start": 0, "end": len(text)}, "modality": "asserted",
                "event": None, "quantities": [], "asserted_on": None, "cites": [],
                "places": [{"name": n, "country": c, "precision": "country", "text": n, "start": text.index(n),
                            "role": "content"} for n, c in places]}

    lebanon = {"name": "Lebanon", "country": "LB", "precision": "country", "text": "Lebanon"}
    extraction = {"document": {"id": "d", "published": "2024-11-07"}, "places": [lebanon, lebanon],
                  "quantities": [], "claims": [
        made("c1", "16 people were killed in a strike on the village", []),
        made("c2", "talks would not bring an end to Israel's offensive", [("Israel", "IL")]),
    ]}
    assert {r.context_country for r in records_of(extraction)} == {"LB"}


@pytest.mark.parametrize("content, cited", [
    ("1,294 people were killed, a lower figure than the 2,053 given by the government", "2,053"),
    ("the death toll has risen to 2,000, up from 1,000 on Sunday", "1,000"),
    ("2,000 people were killed, compared with 1,000 reported by the ministry", "1,000"),
])
def test_a_figure_the_claim_cites_is_not_its_own(content, cited):
    own = content.split()[0] if content[0].isdigit() else "2,000"
    topics = reconcile([claim("a", "United Nations", content,
                              [figure(own, content, int(own.replace(",", ""))),
                               figure(cited, content, int(cited.replace(",", "")))], [LEBANON])], texts={})
    (topic,) = topics
    assert [r.membership.value for r in topic.rows] == [int(own.replace(",", ""))]


def test_arrests_are_a_count_of_their_own():
    text = "300 people had been injured and 50 arrested"
    topics = reconcile([claim("a", "Kenya National Commission on Human Rights", text,
                              [figure("300 people", text, 300, unit="people"), figure("50", text, 50)],
                              [Place("Kenya", "KE", None, "country")])], texts={})
    assert labels_of(topics, "a") == {"people wounded in Kenya", "people arrested in Kenya"}


@pytest.mark.parametrize("places, expected", [
    ([("NAIROBI", "KE", "dateline")], "KE"),  # no other place: the dateline's country
    ([("NAIROBI", "KE", "dateline"), ("Kenya", "KE", None)], "KE"),  # "Kenyan police" and Kenya only: Kenya
    ([("CAIRO", "EG", "dateline"), ("Gaza", "PS", None)], "PS"),
])
def test_the_context_country_of_a_document(places, expected):
    from claimscope.reconcile.loading import context_country

    content = "Kenyan police shot dead at least 22 people"
    extraction = {"places": [{"text": t, "country": c, **({"role": r} if r else {})} for t, c, r in places],
                  "claims": [{"content": {"text": content}}],
                  "quantities": [{"text": "at least 22 people", "subject": "people"}]}
    assert context_country(extraction) == expected
