"""Figures derived from two a claim states (sums and differences), totals over phases, and participation, on
small hand-made claims with hand-derived answers."""

from __future__ import annotations

from claimscope.reconcile import reconcile
from claimscope.reconcile.records import Count, Place

from test_reconcile_propositions import claim, figure, memberships_of

YEMEN = Place("Yemen", "YE", None, "country")


def approx(text, content, value, unit=None):
    """An approximate Count (±10 %) for `text` in `content`."""
    return Count(value, round(value * 0.9), round(value * 1.1), "approx", unit, None, start=content.index(text),
                 text=text)


def test_killed_and_wounded_sum_to_casualties_where_a_source_states_casualties():
    parts = "Eritrean troops lost 200 killed, with some 1,000 others wounded"
    whole = "Eritrean casualties are estimated at 1,500 killed and wounded"
    topics = reconcile([
        claim("parts", parts, [figure("200", parts, 200), approx("some 1,000 others", parts, 1000, "other")],
              [YEMEN], context="YE"),
        claim("whole", whole, [figure("1,500", whole, 1500)], [YEMEN], context="YE"),
    ], texts={})
    got = memberships_of(topics, "parts")
    assert got["Eritrean personnel casualties (killed and wounded) in Yemen"] == (1100, 1300)
    assert got["Eritrean personnel killed in Yemen"] == (200, 200)
    row = next(r for t in topics for r in t.rows
               if r.membership.claim.claim_id == "parts" and r.membership.key.state == "casualties")
    assert row.membership.derived and row.membership.derivation.startswith("derived: 200 killed + 900–1,100")


def test_a_derived_figure_alone_makes_no_topic():
    parts = "Eritrean troops lost 200 killed, with some 1,000 others wounded"
    topics = reconcile([claim("parts", parts, [figure("200", parts, 200),
                                               approx("some 1,000 others", parts, 1000, "other")],
                              [YEMEN], context="YE")], texts={})
    assert set(memberships_of(topics, "parts")) == {"Eritrean personnel killed in Yemen",
                                                    "Eritrean personnel wounded in Yemen"}


def test_casualties_less_the_killed_are_the_wounded_and_vague_parts_derive_nothing():
    text = "Eritrean casualties are estimated at around 4,000, including approximately 500 deaths"
    wounded = "Eritrean troops had 3,000 wounded"
    vague = "around 500 Eritrean soldiers were killed and thousands more wounded"
    thousands = Count(2000, 2000, 10000, "approx", None, None, start=vague.index("thousands"), text="thousands")
    topics = reconcile([
        claim("a", text, [approx("around 4,000", text, 4000), approx("approximately 500 deaths", text, 500, "death")],
              [YEMEN], context="YE"),
        claim("w", wounded, [figure("3,000", wounded, 3000)], [YEMEN], context="YE"),
        claim("v", vague, [approx("around 500 Eritrean soldiers", vague, 500, "soldier"), thousands],
              [YEMEN], context="YE"),
        claim("c", "Eritrean casualties stand at 5,000", [figure("5,000", "Eritrean casualties stand at 5,000", 5000)],
              [YEMEN], context="YE"),
    ], texts={})
    assert memberships_of(topics, "a")["Eritrean personnel wounded in Yemen"] == (3600 - 550, 4400 - 450)
    assert "Eritrean personnel casualties (killed and wounded) in Yemen" not in memberships_of(topics, "v")


def test_a_total_over_phases_is_apart_from_one_contingent_and_the_sum_of_both_joins_it():
    first = "some 5,000 Eritrean soldiers were dispatched to Yemen"
    phased = "Eritrea deployed 8,000 troops in two waves to Yemen"
    both = "of the 5,000 Eritrean soldiers dispatched to Yemen, it appears 2,000 more soldiers have been sent"
    topics = reconcile([
        claim("first", first, [approx("some 5,000 Eritrean soldiers", first, 5000, "soldier")], [YEMEN],
              event="deployment", context="YE"),
        claim("phased", phased, [figure("8,000 troops", phased, 8000, "troop"), figure("two waves", phased, 2, "wave")],
              [YEMEN], event="deployment", context="YE"),
        claim("both", both, [figure("5,000 Eritrean soldiers", both, 5000, "soldier"), figure("2,000 more soldiers", both, 2000, "soldier")],
              [YEMEN], event="deployment", context="YE"),
    ], texts={})
    total = "Eritrean personnel in Yemen (in total, all phases)"
    assert set(memberships_of(topics, "first")) == {"Eritrean personnel in Yemen"}
    assert memberships_of(topics, "phased")[total] == (8000, 8000)
    assert memberships_of(topics, "both")[total] == (7000, 7000)
    assert memberships_of(topics, "both")["additional Eritrean personnel in Yemen"] == (2000, 2000)


def test_taking_part_in_the_war_is_presence_not_being_in_combat_now():
    fought = "Putin thanked the Eritrean fighters who fought alongside Russia in the Kursk region"
    part = "units of the Eritrean armed forces had taken part in the operations in Kursk"
    absent = "Eritrean troops have been absent from combat since January"
    kursk = Place("Kursk Oblast", "RU", "RU-KRS", "admin1")
    topics = reconcile([
        claim("fought", fought, (), [Place("Russia", "RU", None, "country", "Russia", fought.index("Russia")),
                                     kursk], event="combat", context="RU"),
        claim("part", part, (), [kursk], event="combat", context="RU"),
        claim("absent", absent, (), [Place("Russia", "RU", None, "country")], event="combat", context="RU"),
    ], texts={})
    assert set(memberships_of(topics, "fought")) == set(memberships_of(topics, "part")) == {
        "Eritrean personnel in Russia (no figure)"}
    assert memberships_of(topics, "absent") == {"Eritrean personnel in combat in Russia": (0, 0)}


def test_withdrawn_is_none_in_combat_and_a_temporary_withdrawal_speaks_of_their_return():
    withdrawn = "these Eritrean soldiers were withdrawn after suffering heavy casualties"
    temporary = "the decision to withdraw Eritrean troops from the frontline may be temporary"
    activity = "the activity of Eritrean troops has decreased recently"
    yemen = [Place("Yemen", "YE", None, "country")]
    topics = reconcile([
        claim("w", withdrawn, (), yemen, event="relocation", context="YE"),
        claim("t", temporary, (), yemen, modality="speculative", context="YE"),
        claim("a", activity, (), yemen, context="YE"),
    ], texts={})
    assert memberships_of(topics, "w")["Eritrean personnel in combat in Yemen"] == (0, 0)
    assert "Eritrean personnel casualties (killed and wounded) in Yemen (no figure)" in memberships_of(topics, "w")
    assert set(memberships_of(topics, "t")) == {"Eritrean personnel back in combat in Yemen"}
    assert set(memberships_of(topics, "a")) == {"Eritrean personnel in combat in Yemen"}


def test_a_claim_that_refers_back_to_a_figure_takes_its_topics_with_its_own_figure():
    stated = "some 2,000 Eritrean soldiers were killed in Yemen"
    higher = "the estimated number may be much higher and could reach 5,000"
    denied = "the ministry said such reports were groundless"
    alone = "the reports were groundless"
    yemen = [Place("Yemen", "YE", None, "country")]
    topics = reconcile([
        claim("s", stated, [approx("some 2,000 Eritrean soldiers", stated, 2000, "soldier")], yemen,
              doc="d", context="YE"),
        claim("h", higher, [figure("5,000", higher, 5000)], (), doc="d", modality="speculative", context="YE"),
        claim("d", denied, (), (), doc="d", modality="denied", context="YE"),
        claim("x", alone, (), (), doc="other", modality="denied", context="YE"),
    ], texts={})
    assert memberships_of(topics, "h") == {"Eritrean personnel killed in Yemen": (5000, 5000)}
    assert set(memberships_of(topics, "d")) == {"Eritrean personnel killed in Yemen"}
    row = next(r for t in topics for r in t.rows if r.membership.claim.claim_id == "d")
    assert row.membership.denied
    assert memberships_of(topics, "x") == {}


def test_the_missing_and_the_rescued_are_counts_of_their_own():
    text = "4,521 people had been injured and 441 were still missing, while 60 people had been rescued"
    counts = [figure("4,521 people", text, 4521, "people"), figure("441", text, 441),
              figure("60 people", text, 60, "people")]
    topics = reconcile([claim("a", text, counts, [YEMEN])], texts={})
    assert memberships_of(topics, "a") == {"people wounded in Yemen": (4521, 4521),
                                           "people missing in Yemen": (441, 441),
                                           "people rescued in Yemen": (60, 60)}
