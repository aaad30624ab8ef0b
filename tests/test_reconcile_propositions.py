"""Topics of parts of figures and of clauses without a figure, on small hand-made claims with hand-derived
answers: sub-counts, presence, return to combat, hospitals, weapons, whose people."""

from __future__ import annotations

from datetime import date

from claimscope.reconcile import reconcile
from claimscope.reconcile.records import ClaimRecord, Count, Place

LEBANON = Place("Lebanon", "LB", None, "country")
RUSSIA = Place("Russia", "RU", None, "country")


def figure(text, content, value, unit=None):
    """An exact Count for `text`, found at its offset in `content`."""
    return Count(value, value, value, "exact", unit, None, start=content.index(text), text=text)


def claim(cid, content, counts=(), places=(), actor="Source", source_text=None, doc=None, modality="asserted",
          event=None, context="LB"):
    when = date(2024, 10, 4)
    return ClaimRecord(cid, doc or f"doc-{cid}", when, "Wire", source_text or actor, actor, None, None, when,
                       content, modality, event, tuple(counts), tuple(places), (), context)


def memberships_of(topics, claim_id):
    """label -> the claim's interval in that topic."""
    return {t.label: (r.membership.interval.low, r.membership.interval.high)
            for t in topics for r in t.rows if r.membership.claim.claim_id == claim_id}


def test_a_part_of_a_figure_counts_in_its_state():
    text = "the total death toll stands at 1,640 people, including 104 children and 194 women"
    counts = [figure("1,640 people", text, 1640, "people"), figure("104 children", text, 104, "child"),
              figure("194 women", text, 194, "woman")]
    topics = reconcile([claim("a", text, counts, [LEBANON])], texts={})
    assert memberships_of(topics, "a") == {"people killed in Lebanon": (1640, 1640),
                                           "children killed in Lebanon": (104, 104),
                                           "women killed in Lebanon": (194, 194)}


def test_people_said_to_be_somewhere_without_a_figure_are_a_proposition_of_their_own():
    sent = "North Korean troops were deployed to Russia"
    more = "more North Korean troops were deployed to Russia"
    denied = "North Korean troops were deployed to Russia"
    count = "12,000 North Korean soldiers were deployed to Russia"
    places = [Place("Russia", "RU", None, "country", "Russia", sent.index("Russia"))]
    topics = reconcile([
        claim("sent", sent, (), places, event="deployment", context="RU"),
        claim("more", more, (), [Place("Russia", "RU", None, "country", "Russia", more.index("Russia"))],
              event="deployment", context="RU"),
        claim("denied", denied, (), places, modality="denied", event="deployment", context="RU"),
        claim("count", count, [figure("12,000 North Korean soldiers", count, 12000, "soldier")],
              [Place("Russia", "RU", None, "country", "Russia", count.index("Russia"))], context="RU"),
    ], texts={})
    assert set(memberships_of(topics, "sent")) == {"North Korean personnel in Russia (no figure)"}
    assert set(memberships_of(topics, "more")) == {"additional North Korean personnel in Russia"}
    assert set(memberships_of(topics, "denied")) == set(memberships_of(topics, "count")) == {
        "North Korean personnel in Russia"}


def test_people_said_to_be_in_a_region_join_its_count():
    text = "North Korean soldiers remain in Russia's Kursk region"
    kursk = Place("Kursk Oblast", "RU", "RU-KRS", "admin1", "Kursk", text.index("Kursk"))
    count = "11,000 North Korean soldiers were deployed to Russia's Kursk region"
    topics = reconcile([
        claim("there", text, (), [kursk], event="deployment", context="RU"),
        claim("count", count, [figure("11,000 North Korean soldiers", count, 11000, "soldier")],
              [Place("Kursk Oblast", "RU", "RU-KRS", "admin1", "Kursk", count.index("Kursk"))], context="RU"),
    ], texts={})
    region = "North Korean personnel in Kursk Oblast, Russia"
    assert region in memberships_of(topics, "there") and region in memberships_of(topics, "count")


def test_redeployed_to_the_front_is_back_in_combat_and_withdrawn_is_none_in_combat():
    back = "North Korean soldiers had been redeployed to the front line"
    out = "North Korean soldiers were pulled from the front lines"
    topics = reconcile([claim("back", back, (), [RUSSIA], context="RU"),
                        claim("out", out, (), [RUSSIA], context="RU")], texts={})
    assert memberships_of(topics, "back") == {"North Korean personnel back in combat in Russia": (1, None)}
    assert memberships_of(topics, "out") == {"North Korean personnel in combat in Russia": (0, 0)}


def test_hospitals_have_states_of_their_own():
    none = "no hospital has yet been rendered inoperative, but patients are moved to hospitals in targeted areas"
    seven = "Seven of these hospitals are still closed"
    topics = reconcile([
        claim("none", none, (), [LEBANON]),
        claim("seven", seven, [figure("Seven of these hospitals", seven, 7, "hospital")], [LEBANON]),
    ], texts={})
    assert memberships_of(topics, "seven") == {"hospitals out of service in Lebanon": (7, 7)}
    assert memberships_of(topics, "none")["hospitals out of service in Lebanon"] == (0, 0)


def test_weapons_without_a_figure_join_the_weapons_count():
    supply = "North Korean weapons and ammunition were supplied to Russia"
    count = "North Korea had provided Moscow with 200 long-range artillery pieces"
    topics = reconcile([
        claim("supply", supply, (), [Place("Russia", "RU", None, "country", "Russia", supply.index("Russia"))],
              event="supply", context="RU"),
        claim("count", count, [figure("200 long-range artillery pieces", count, 200, "piece")], [RUSSIA],
              doc="doc-supply", context="RU"),
    ], texts={})
    assert set(memberships_of(topics, "supply")) == set(memberships_of(topics, "count")) == {
        "North Korean equipment in Russia"}


def test_whose_people_from_the_source_a_noun_use_and_never_the_party_faced():
    group = "hundreds of the group's fighters had been killed"
    spotted = "no North Korean have been spotted on the frontline in Kursk"
    against = ("North Korean who joined their Russian allies in the war against the Ukrainian Defense Forces have "
               "been withdrawn from the frontline")
    topics = reconcile([
        claim("group", group, [Count(200, 200, 999, "vague", "fighter", None, 0, "hundreds")], [LEBANON],
              actor=None, source_text="A source close to Hezbollah"),
        claim("spotted", spotted, (), [RUSSIA], context="RU"),
        claim("against", against, (), [RUSSIA], context="RU"),
    ], texts={})
    assert set(memberships_of(topics, "group")) == {"Hezbollah fighters killed in Lebanon"}
    assert memberships_of(topics, "spotted") == {"North Korean personnel in combat in Russia": (0, 0)}
    assert memberships_of(topics, "against") == {"North Korean personnel in combat in Russia": (0, 0)}


def test_a_partitive_anaphor_takes_the_documents_affiliation():
    before = "some 11,000 North Korean soldiers were sent to Russia"
    part = "Of those, 300 are believed to have been killed, with some 2,700 others wounded"
    topics = reconcile([
        claim("before", before, [figure("some 11,000 North Korean soldiers", before, 11000, "soldier")], [RUSSIA],
              doc="d", context="RU"),
        claim("part", part, [figure("300", part, 300), figure("some 2,700 others", part, 2700, "other")], [RUSSIA],
              doc="d", context="RU"),
    ], texts={})
    assert memberships_of(topics, "part") == {"North Korean people killed in Russia": (300, 300),
                                              "North Korean people wounded in Russia": (2700, 2700)}


def test_weapons_launched_and_shot_down_are_two_counts_placed_at_the_target():
    text = ("Russia had launched 17 Shahed-type attack drones at the south overnight and that 15 of them had been "
            "shot down over the Odesa region")
    places = [Place("Russia", "RU", None, "country", "Russia", 0),
              Place("Odesa Oblast", "UA", "UA-51", "admin1", "Odesa", text.index("Odesa"))]
    counts = [figure("17 Shahed-type attack drones", text, 17, "drone"), figure("15", text, 15)]
    topics = reconcile([claim("a", text, counts, places, context="UA")], texts={})
    labels = memberships_of(topics, "a")
    assert labels["Russian equipment launched in Ukraine (in a bounded period)"] == (17, 17)
    assert labels["Russian equipment intercepted or shot down in Odesa Oblast, Ukraine (in a bounded period)"] == (15, 15)
    assert labels["Russian equipment intercepted or shot down in Ukraine (in a bounded period)"] == (15, None)


def test_weapons_named_without_a_figure_speak_to_a_count_only_when_sent():
    named = "the missiles were British-supplied Storm Shadows hitting the shipyard"
    topics = reconcile([claim("a", named, (), [RUSSIA], context="RU")], texts={})
    assert memberships_of(topics, "a") == {}


def test_a_vague_region_still_names_its_country_and_a_moved_figure_counts_the_documents_people():
    before = "some 11,000 North Korean soldiers were sent to Russia"
    moved = "at least 3,000 had moved to eastern Russia"
    topics = reconcile([
        claim("before", before, [figure("some 11,000 North Korean soldiers", before, 11000, "soldier")], [RUSSIA],
              doc="d", context="UA"),
        claim("moved", moved, [Count(3000, 3000, None, "at_least", None, None, moved.index("3,000"), "3,000")], (),
              doc="d", event="relocation", context="UA"),
    ], texts={})
    assert memberships_of(topics, "moved") == {"North Korean personnel in Russia": (3000, None)}
