"""Topic labels on wire-style reports of disasters and wars: the kind of people counted comes from the counted
noun (a generic word only when none is known), a headline's section prefix is not read, a cause dated by a
period phrase bounds no period, and the people on board, trapped or drowned are counted as such."""

from __future__ import annotations

from datetime import date, datetime

from claimscope.ingest import Document
from claimscope.reconcile import counting, materialise, reconcile
from claimscope.reconcile.loading import reconcile_store, records_of
from claimscope.reconcile.records import Place
from claimscope.store import Store

from test_reconcile_propositions import claim, figure, memberships_of

SUDAN = Place("Sudan", "SD", None, "country")
LIBYA = Place("Libya", "LY", None, "country")
AFGHANISTAN = Place("Afghanistan", "AF", None, "country")
INDONESIA = Place("Indonesia", "ID", None, "country")


def test_the_kind_of_people_counted_comes_from_the_counted_noun():
    civilians = "the RSF killed at least 124 civilians"
    people = "175 people were killed"
    migrants = "Seventy migrants are still missing"
    toll = "the death toll has risen to 800"
    topics = reconcile([
        claim("civilians", civilians, [figure("124 civilians", civilians, 124, "civilian")], [SUDAN], context="SD"),
        claim("people", people, [figure("175 people", people, 175, "people")], [SUDAN], context="SD"),
        claim("migrants", migrants, [figure("Seventy migrants", migrants, 70, "migrant")], [LIBYA], context="LY"),
        claim("toll", toll, [figure("800", toll, 800)], [AFGHANISTAN], context="AF"),
    ], texts={})
    # a generic noun ("people") does not outweigh a kind; nothing known: the generic word, never "personnel"
    assert set(memberships_of(topics, "civilians")) == set(memberships_of(topics, "people")) == {
        "civilians killed in Sudan"}
    assert set(memberships_of(topics, "migrants")) == {"migrants missing in Libya"}
    assert set(memberships_of(topics, "toll")) == {"people killed in Afghanistan"}


def test_different_kinds_in_one_topic_take_the_generic_word_or_their_broader_kind():
    civilians, soldiers = "12 civilians were killed", "30 soldiers were killed"
    fighters, forces = "40 Hezbollah fighters were killed", "Hezbollah forces lost 90 killed"
    lebanon = Place("Lebanon", "LB", None, "country")
    topics = reconcile([
        claim("civilians", civilians, [figure("12 civilians", civilians, 12, "civilian")], [SUDAN], context="SD"),
        claim("soldiers", soldiers, [figure("30 soldiers", soldiers, 30, "soldier")], [SUDAN], context="SD"),
        claim("fighters", fighters, [figure("40 Hezbollah fighters", fighters, 40, "fighter")], [lebanon]),
        claim("forces", forces, [figure("90", forces, 90)], [lebanon]),
    ], texts={})
    assert set(memberships_of(topics, "civilians")) == {"people killed in Sudan"}  # one topic, mixed kinds
    assert set(memberships_of(topics, "fighters")) == set(memberships_of(topics, "forces")) == {
        "Hezbollah personnel killed in Lebanon"}


def test_people_of_any_kind_are_counted_drowned_and_bodies_are_the_dead():
    drowned = "At least 61 migrants drowned when their boat capsized"
    bodies = "the Red Crescent had recovered 40 bodies from the shore"
    miners = "At least 12 miners were killed and 30 were trapped underground"
    topics = reconcile([
        claim("drowned", drowned, [figure("61 migrants", drowned, 61, "migrant")], [LIBYA], context="LY"),
        claim("bodies", bodies, [figure("40 bodies", bodies, 40, "body")], [LIBYA], context="LY"),
        claim("miners", miners, [figure("12 miners", miners, 12, "miner"), figure("30", miners, 30, "miner")],
              [Place("Ghana", "GH", None, "country")], context="GH"),
    ], texts={})
    assert memberships_of(topics, "drowned") == {"migrants killed in Libya": (61, 61)}
    assert memberships_of(topics, "bodies") == {"migrants killed in Libya": (40, 40)}
    assert memberships_of(topics, "miners") == {"miners killed in Ghana": (12, 12), "miners trapped in Ghana": (30, 30)}


def test_people_on_board_are_a_count_of_their_own_without_a_period():
    text = "Four people died and 38 were missing after a ferry carrying 65 people sank in the strait overnight"
    aboard = "the boat had carried about 95 migrants"
    counts = [figure("Four people", text, 4, "people"), figure("38", text, 38, "people"),
              figure("65 people", text, 65, "people")]
    topics = reconcile([
        claim("ferry", text, counts, [INDONESIA], context="ID"),
        claim("boat", aboard, [figure("about 95 migrants", aboard, 95, "migrant")], [LIBYA], context="LY"),
    ], texts={})
    assert memberships_of(topics, "ferry") == {"people killed in Indonesia": (4, 4),
                                               "people missing in Indonesia": (38, 38),
                                               "people on board in Indonesia": (65, 65)}
    assert set(memberships_of(topics, "boat")) == {"migrants on board in Libya"}


def test_a_period_phrase_that_dates_a_cause_bounds_no_period():
    cause = "The number of people killed by last week's earthquake has risen to 800"
    toll = "800 people were killed"
    week = "1,200 people were killed in the past week"
    topics = reconcile([
        claim("cause", cause, [figure("800", cause, 800)], [AFGHANISTAN], context="AF"),
        claim("toll", toll, [figure("800 people", toll, 800, "people")], [AFGHANISTAN], context="AF"),
        claim("week", week, [figure("1,200 people", week, 1200, "people")], [AFGHANISTAN], context="AF"),
    ], texts={})
    assert set(memberships_of(topics, "cause")) == set(memberships_of(topics, "toll")) == {
        "people killed in Afghanistan"}
    assert set(memberships_of(topics, "week")) == {"people killed in Afghanistan (in a bounded period)"}


def test_a_headlines_section_prefix_is_not_read():
    assert counting.section_prefix("Battle for Kursk: North Korea deploys 12,000 troops") == len("Battle for Kursk: ")
    assert counting.section_prefix("Live updates: Israeli strikes kill 20 people") == len("Live updates: ")
    assert counting.section_prefix("Gaza death toll: 53,000") == 0  # no clause after it: the words count
    assert counting.section_prefix("Day 1,000: 12 killed in Kharkiv") == 0  # a figure in it
    content = "Battle for Kursk: North Korea deploys 12,000 troops to Russia"
    at = content.index("12,000")
    extraction = {"document": {"id": "d", "published": "2026-11-10", "outlet": "Wire"}, "claims": [{
        "id": "c", "content": {"text": content, "start": 0}, "modality": "asserted", "event": "deployment",
        "source": {"text": "Seoul", "actor": "South Korea", "kind": "government", "country": "KR"},
        "quantities": [{"value": 12000, "low": 12000, "high": 12000, "qualifier": "exact", "unit": "troop",
                        "subject": "troops", "start": at, "text": "12,000 troops"}],
        "places": [{"name": "Kursk Oblast", "country": "RU", "admin1": "RU-KRS", "precision": "admin1",
                    "text": "Kursk", "start": content.index("Kursk"), "role": "content"},
                   {"name": "Russia", "country": "RU", "precision": "country", "text": "Russia",
                    "start": content.index("Russia"), "role": "content"}]}]}
    (record,) = records_of(extraction)
    assert record.content == "North Korea deploys 12,000 troops to Russia"
    assert [p.name for p in record.places] == ["Russia"]
    # not "in combat" from "Battle", and whose from the country that opens the claim
    assert set(memberships_of(reconcile([record], texts={}), "c")) == {"North Korean personnel in Russia"}


def _report(n: int, day: date, content: str, figure_text: str, value: int, unit: str):
    """A one-claim report (claims JSON as OUTPUT.md) by a source of its own."""
    head = f"Agency {n} said that "
    text = head + content + "."
    start = len(head)
    at = start + content.index(figure_text)
    quantity = {"text": figure_text, "start": at, "end": at + len(figure_text), "value": value, "low": value,
                "high": value, "qualifier": "exact", "unit": unit, "subject": None}
    at = start + content.rindex("Sudan")
    place = {"text": "Sudan", "start": at, "end": at + 5, "name": "Sudan", "country": "SD", "precision": "country",
             "admin1": None}
    document = Document(text=text, title=f"report {n}", outlet=f"Wire {n}",
                        published=datetime(day.year, day.month, day.day), published_precision="day")
    data = {"document": {"id": document.id, "title": document.title, "published": day.isoformat(),
                         "language": "en", "outlet": document.outlet, "kind": "article"},
            "claims": [{"id": f"{n:08x}", "source": {"text": f"Agency {n}", "start": 0, "end": len(f"Agency {n}"),
                                                    "actor": f"Agency {n}", "kind": "agency", "country": None},
                        "cue": "say", "asserted_on": day.isoformat(), "modality": "asserted", "event": "casualty",
                        "content": {"text": content, "start": start, "end": start + len(content)},
                        "quantities": [quantity], "places": [{**place, "role": "content"}], "times": [],
                        "relayed_by": [], "cites": []}],
            "quantities": [quantity], "places": [place], "times": [], "actors": []}
    return document, data


def test_an_ingest_that_names_another_kind_relabels_the_stored_topic(db_url):
    reports = [(1, "40 civilians were killed in Sudan", "40 civilians", 40, "civilian"),
               (2, "55 civilians were killed in Sudan", "55 civilians", 55, "civilian"),
               (3, "70 people were killed in Sudan", "70 people", 70, "people"),
               (4, "90 soldiers were killed in Sudan", "90 soldiers", 90, "soldier")]
    labels = []
    with Store(db_url) as store:
        for n, content, figure_text, value, unit in reports:
            document, data = _report(n, date(2026, 11, n), content, figure_text, value, unit)
            store.add(document, data)
            materialise.refresh(store, materialise.add_document(store, data, document.text, refresh_topics=False),
                                incremental=True)
            (topic,) = store.topics()
            labels.append(topic["label"])
        assert [t.label for t in reconcile_store(store)] == [labels[-1]]
    assert labels == ["civilians killed in Sudan", "civilians killed in Sudan", "civilians killed in Sudan",
                      "people killed in Sudan"]


def test_coordinated_figures_share_the_period_or_event_after_the_last():
    period = "300 were killed and 2,700 wounded in the past two months"
    event = "an Israeli strike killed 16 people"
    story = "175 people were killed and 80 wounded in the attack by the Rapid Support Forces"
    topics = reconcile([
        claim("period", period, [figure("300", period, 300), figure("2,700", period, 2700)], [SUDAN], context="SD"),
        claim("event", event, [figure("16 people", event, 16, "people")], [SUDAN], context="SD"),
        claim("story", story, [figure("175 people", story, 175, "people"), figure("80", story, 80, "people")],
              [SUDAN], context="SD"),
    ], texts={})
    assert set(memberships_of(topics, "period")) >= {"people killed in Sudan (in a bounded period)",
                                                      "people wounded in Sudan (in a bounded period)"}
    # one event of a larger story; "the attack" is the event the report is about: its toll
    assert set(memberships_of(topics, "event")) == {"people killed in Sudan (one event, 2024-10-04)"}
    assert set(memberships_of(topics, "story")) == {"people killed in Sudan", "people wounded in Sudan"}


def test_people_of_a_trade_are_their_own_tally_beside_the_toll():
    gaza = Place("Gaza", "PS", None, "country")
    aid = "at least 280 aid workers had been killed in Gaza since October 2023"
    toll = "52,908 people had been killed since the war began"
    press = "the bodies of 12 journalists were recovered"
    convoy = "aid workers were killed in a strike on a convoy"
    topics = reconcile([
        claim("aid", aid, [figure("at least 280 aid workers", aid, 280, "worker")], [gaza], context="PS"),
        claim("toll", toll, [figure("52,908 people", toll, 52908, "people")], [gaza], context="PS"),
        claim("press", press, [figure("12 journalists", press, 12, "journalist")], [gaza], context="PS"),
        claim("convoy", convoy, (), [gaza], event="casualty", context="PS"),
    ], texts={})
    assert memberships_of(topics, "aid") == {"aid workers killed in Palestinian territories": (280, 280)}
    assert memberships_of(topics, "toll") == {"people killed in Palestinian territories": (52908, 52908)}
    assert memberships_of(topics, "press") == {"journalists killed in Palestinian territories": (12, 12)}
    assert set(memberships_of(topics, "convoy")) == {"aid workers killed in Palestinian territories (no figure)"}


def test_buildings_take_their_kind_and_the_affected_are_counted_as_such():
    pakistan = Place("Pakistan", "PK", None, "country")
    text = "more than 500,000 houses had been destroyed and 18,000 schools damaged"
    affected = "About 33 million people have been affected and 650,000 displaced"
    topics = reconcile([
        claim("b", text, [figure("more than 500,000 houses", text, 500000, "house"), figure("18,000 schools", text, 18000,
                                                                                  "school")], [pakistan],
              context="PK"),
        claim("a", affected, [figure("33 million people", affected, 33e6, "people"),
                              figure("650,000", affected, 650000)], [pakistan], context="PK"),
    ], texts={})
    assert set(memberships_of(topics, "b")) == {"homes destroyed in Pakistan", "schools damaged in Pakistan"}
    assert set(memberships_of(topics, "a")) == {"people affected in Pakistan", "people displaced in Pakistan"}


def test_one_claim_counting_two_kinds_of_people_keeps_them_apart():
    text = "authorities reported at least 82 soldiers and 47 civilians dead"
    alone = "15 soldiers were killed"
    israel = Place("Israel", "IL", None, "country")
    topics = reconcile([
        claim("both", text, [figure("at least 82 soldiers", text, 82, "soldier"),
                             figure("47 civilians", text, 47, "civilian")], [israel], context="IL"),
        claim("alone", alone, [figure("15 soldiers", alone, 15, "soldier")], [israel], context="IL"),
    ], texts={})
    assert memberships_of(topics, "both") == {"personnel killed in Israel": (82, 82),
                                              "civilians killed in Israel": (47, 47)}
    # the first kind keeps the topic of its state, whose and where, shared with claims of that kind alone
    (shared,) = [t for t in topics if any(r.membership.claim.claim_id == "alone" for r in t.rows)]
    assert shared.label == "personnel killed in Israel"
    assert sorted(r.membership.claim.claim_id for r in shared.rows) == ["alone", "both"]
