"""Reconciliation rules on small hand-made claim sets whose right answers are derived by hand."""

from __future__ import annotations

from datetime import date

import pytest

from claimscope.reconcile import Edit, reconcile
from claimscope.reconcile.independence import near_duplicate_groups
from claimscope.reconcile.records import ClaimRecord, Count, Interval, Place

KURSK = Place("Kursk Oblast", "RU", "RU-KRS", "admin1")
RUSSIA = Place("Russia", "RU", None, "country")


def count(value, qualifier="exact", unit="soldier", subject="North Korean soldiers", low=None, high=None):
    bounds = {"exact": (value, value), "approx": (round(value * 0.9), round(value * 1.1)), "at_least": (value, None),
              "more_than": (value, None), "at_most": (None, value), "range": (value, high)}[qualifier]
    return Count(value, bounds[0] if low is None else low, bounds[1], qualifier, unit, subject)


def claim(cid, actor, day, content="", counts=(), places=(RUSSIA,), modality="asserted", doc=None, kind=None,
          country=None, cites=(), asserted=True, source_text=None, event="deployment"):
    when = date.fromisoformat(day)
    return ClaimRecord(
        claim_id=cid, document_id=doc or f"doc-{cid}", published=when, outlet="Wire", source_text=source_text or actor,
        actor=actor, source_kind=kind, source_country=country, asserted_on=when if asserted else None,
        content=content or "North Korean soldiers are in Russia", modality=modality, event=event,
        counts=tuple(counts), places=tuple(places), cites=tuple(cites), context_country="RU")


def topic_of(topics, claim_id):
    return next(t for t in topics if any(r.membership.claim.claim_id == claim_id for r in t.rows))


def row_of(topic, claim_id):
    return next(r for r in topic.rows if r.membership.claim.claim_id == claim_id)


# --- topics -----------------------------------------------------------------------------------------------

def test_topics_keep_presence_combat_and_casualties_apart_and_read_well():
    topics = reconcile([
        claim("a", "Pentagon", "2024-10-28", "about 10,000 North Korean soldiers were sent to Russia",
              [count(10000, "approx")]),
        claim("b", "National Intelligence Service", "2024-11-13", "some 3,000 North Korean troops are fighting",
              [count(3000, "approx", unit="troop", subject="North Korean troops")]),
        claim("c", "Volodymyr Zelensky", "2024-12-16", "about 200 North Korean soldiers were killed",
              [count(200, "approx")]),
        claim("d", "Volodymyr Zelensky", "2024-12-16", "about 100 North Korean soldiers were wounded",
              [count(100, "approx")]),
    ], texts={})
    labels = {topic_of(topics, cid).label for cid in "abcd"}
    assert labels == {"North Korean personnel in Russia", "North Korean personnel in combat in Russia",
                      "North Korean personnel killed in Russia", "North Korean personnel wounded in Russia"}


def test_affiliation_comes_from_the_counted_phrase_then_the_content():
    topics = reconcile([
        claim("a", "Volodymyr Zelensky", "2024-10-22",
              "Russia was training two units from North Korea involving around 12,000 individuals",
              [count(12000, "approx", unit="individual", subject="individuals")]),
        claim("b", "John Kirby", "2024-10-23", "", [count(3000, "at_least")]),
    ], texts={})
    assert topic_of(topics, "a") is topic_of(topics, "b")
    assert topic_of(topics, "a").label == "North Korean personnel in Russia"


def test_a_claim_about_a_region_is_a_lower_bound_for_the_country():
    topics = reconcile([
        claim("kursk", "Volodymyr Zelensky", "2024-11-04", "11,000 North Korean soldiers are in the Kursk region",
              [count(11000)], places=(KURSK,)),
        claim("all", "Pentagon", "2024-10-28", "", [count(10000, "approx")]),
    ], texts={})
    topic = topic_of(topics, "kursk")
    assert topic is topic_of(topics, "all")  # Kursk Oblast lies in Russia: one topic
    row = row_of(topic, "kursk")
    assert (row.membership.interval.low, row.membership.interval.high) == (11000, None)
    assert row.membership.scope_place == "Kursk Oblast" and str(row.membership.stated) == "11,000"


# --- estimates over time -------------------------------------------------------------------------------------

def test_undated_claims_stand_at_publication_and_are_marked():
    topics = reconcile([claim("a", "Pentagon", "2024-10-28", "", [count(10000, "approx")], asserted=False)], texts={})
    row = topics[0].rows[0].to_json()
    assert row["date"] == "2024-10-28" and row["date_is_publication"] is True


def test_window_consensus_is_the_intersection_of_independent_origins():
    topics = reconcile([
        claim("us", "John Kirby", "2024-10-23", "", [count(3000, "at_least")]),
        claim("ua", "Defence Intelligence of Ukraine", "2024-10-24", "", [count(12000, "approx")]),
    ], texts={})
    (window,) = topics[0].windows
    assert (window.consensus.low, window.consensus.high) == (10800, 13200)
    assert not window.disagreement
    # low / best / high: lowest and highest stated figures, their median moved into the consensus
    assert (window.low, window.high) == (3000, 12000) and window.best == 10800




def test_disjoint_independent_estimates_flag_a_disagreement():
    topics = reconcile([
        claim("kr", "National Intelligence Service", "2024-10-23", "", [count(3000, "approx")]),
        claim("ua", "Defence Intelligence of Ukraine", "2024-10-24", "", [count(12000, "approx")]),
    ], texts={})
    (window,) = topics[0].windows
    assert window.consensus is None and window.disagreement


# --- independence ----------------------------------------------------------------------------------------------

def test_agencies_and_officials_of_one_state_are_one_origin():
    topics = reconcile([
        claim("hur", "Defence Intelligence of Ukraine", "2024-10-24", "", [count(12000, "approx")]),
        claim("zel", "Volodymyr Zelensky", "2024-10-24", "", [count(12000, "approx")]),
        claim("cnn", "CNN", "2024-10-24", "", [count(12000, "approx")]),
    ], texts={})
    topic = topics[0]
    assert row_of(topic, "hur").origin == row_of(topic, "zel").origin
    assert row_of(topic, "cnn").origin != row_of(topic, "hur").origin
    assert topic.origin_count == 2


def test_a_relay_shares_the_origin_of_whom_it_cites():
    topics = reconcile([
        claim("nyt", "The New York Times", "2024-10-25", "", [count(3000, "more_than")],
              cites=("Government of the United States",)),
        claim("us", "Lloyd Austin", "2024-10-25", "", [count(3000, "more_than")]),
    ], texts={})
    topic = topics[0]
    assert row_of(topic, "nyt").origin == row_of(topic, "us").origin


SYNDICATED = ("Ukraine's military intelligence said on Thursday that about 12,000 North Korean soldiers are "
              "training at five ranges in eastern Russia, including 500 officers and three generals, and that "
              "Russia's deputy defence minister oversees their preparation before deployment to the front.")


def test_near_duplicate_documents_count_once():
    rewrite = SYNDICATED.replace("soldiers", "troopers").replace("said", "stated")
    other = "Seoul's spy agency told lawmakers that about 3,000 North Korean soldiers had been moved to Russia."
    groups = near_duplicate_groups({"d1": SYNDICATED, "d2": rewrite, "d3": other})
    assert groups == [{"d1", "d2"}]
    topics = reconcile([
        claim("x1", None, "2024-10-24", "", [count(12000, "approx")], doc="d1", source_text="the agency"),
        claim("x2", None, "2024-10-24", "", [count(12000, "approx")], doc="d2", source_text="military sources"),
    ], texts={"d1": SYNDICATED, "d2": rewrite, "d3": other})
    topic = topics[0]
    assert topic.origin_count == 1
    assert row_of(topic, "x1").relations.repeats == {"x2"}


# --- consistency -----------------------------------------------------------------------------------------------

def test_agree_and_contradict_between_independent_origins_in_the_same_week():
    topics = reconcile([
        claim("kr", "National Intelligence Service", "2024-10-18", "", [count(1500, "approx")]),
        claim("ua", "Kyrylo Budanov", "2024-10-18", "", [count(11000, "approx")]),
        claim("us", "John Kirby", "2024-10-23", "", [count(3000, "at_least")]),
    ], texts={})
    topic = topics[0]
    assert row_of(topic, "kr").relations.contradict == {"ua", "us"}
    assert row_of(topic, "us").relations.agree == {"ua"}  # at least 3,000 fits about 11,000 ...
    assert row_of(topic, "us").relations.corroborate == set()  # ... but does not corroborate it
    assert row_of(topic, "kr").relations.label() == "contradict"


def test_a_claim_no_longer_holds_once_its_origin_updates_it():
    topics = reconcile([
        claim("kr1", "National Intelligence Service", "2024-10-18", "", [count(1500, "approx")]),
        claim("kr2", "National Intelligence Service", "2024-10-23", "", [count(3000, "approx")]),
        claim("us", "John Kirby", "2024-10-23", "", [count(3000, "at_least")]),
    ], texts={})
    topic = topics[0]
    assert row_of(topic, "kr1").relations.contradict == set()  # superseded before Kirby spoke
    assert row_of(topic, "kr2").relations.corroborate == {"us"}


def test_further_apart_a_higher_figure_is_growth_and_a_lower_one_a_reversal():
    topics = reconcile([
        claim("early", "National Intelligence Service", "2024-10-01", "", [count(1500, "approx")]),
        claim("higher", "John Kirby", "2024-10-23", "", [count(3000, "at_least")]),
        claim("lower", "Volodymyr Zelensky", "2024-10-30", "", [count(500, "at_most")]),
    ], texts={})
    topic = topics[0]
    assert row_of(topic, "higher").relations.growth_from == {"early"}
    assert row_of(topic, "higher").relations.contradict == {"lower"}
    assert row_of(topic, "early").relations.contradict == {"lower"}


def test_a_later_claim_of_the_same_origin_supersedes_and_shows_growth():
    topics = reconcile([
        claim("oct18", "National Intelligence Service", "2024-10-18", "", [count(1500, "approx")]),
        claim("oct23", "National Intelligence Service", "2024-10-23", "", [count(3000, "approx")]),
        claim("nov20", "Lee Seong-kweun", "2024-11-20", "", [count(11000, "approx")], places=(KURSK,),
              kind="government", country="KR"),
    ], texts={})
    topic = topics[0]
    assert row_of(topic, "oct18").relations.superseded_by == {"oct23"}  # its successor, not every later claim
    assert row_of(topic, "oct23").relations.superseded_by == {"nov20"}
    assert row_of(topic, "oct23").relations.growth_from == {"oct18"}
    assert row_of(topic, "nov20").relations.growth_from == {"oct23"}
    assert row_of(topic, "oct18").relations.label() == "superseded"
    assert topic.growth  # 1,500 -> 3,000 -> at least 11,000 over three windows


def test_a_denial_is_its_own_track_beside_the_consensus():
    topics = reconcile([
        claim("peskov", "Dmitry Peskov", "2024-10-10", "reports of North Korean soldiers in Russia", (),
              modality="denied"),
        claim("zel", "Volodymyr Zelensky", "2024-10-17", "", [count(10000, "approx")]),
        claim("us", "Pentagon", "2024-10-17", "", [count(10000, "approx")]),
        claim("kr", "National Intelligence Service", "2024-10-17", "", [count(10000, "approx")]),
    ], texts={})
    topic = topic_of(topics, "peskov")
    assert topic is topic_of(topics, "zel")
    # the denial contradicts what it denies, but the claims it denies are denied, not contradicted
    assert row_of(topic, "peskov").relations.contradict == {"zel", "us", "kr"}
    zel = row_of(topic, "zel")
    assert zel.relations.denied_by == {"peskov"} and not zel.relations.contradict
    # three independent states corroborate: confirmed, the denial named in the reason
    assert zel.credibility.code == "1" and "denied by Russia (state)" in zel.credibility.reason
    (window,) = topic.windows[-1:]
    assert window.low == 9000 or window.low == 10000
    assert window.denied_by == {"state:RU"} and not window.disagreement
    assert "denied" in topic.flags()


def test_a_negated_claim_is_none_and_contradicts_earlier_figures_still_holding():
    topics = reconcile([
        claim("nis", "National Intelligence Service", "2024-11-13",
              "some North Korean troops are engaged in combat", [count(3000, "approx", unit="troop")]),
        claim("pentagon", "Pentagon", "2024-12-10",
              "North Korean troops have not been seen in direct combat"),
    ], texts={})
    topic = topic_of(topics, "pentagon")
    assert topic.label == "North Korean personnel in combat in Russia"
    assert row_of(topic, "pentagon").relations.contradict == {"nis"}


# --- grading ---------------------------------------------------------------------------------------------------

def test_credibility_from_independent_corroboration():
    topics = reconcile([
        claim("ua", "Defence Intelligence of Ukraine", "2024-10-24", "", [count(12000, "approx")]),
        claim("us", "Pentagon", "2024-10-24", "", [count(11000, "approx")]),
        claim("kr", "National Intelligence Service", "2024-10-24", "", [count(12000, "approx")]),
        claim("lone", "Volodymyr Zelensky", "2024-10-24", "", [count(12000, "approx")]),
    ], texts={})
    topic = topics[0]
    assert row_of(topic, "kr").credibility.code == "1"
    assert "2 independent origins" in row_of(topic, "kr").credibility.reason
    assert row_of(topic, "kr").credibility.reason.startswith("confirmed by other sources")


@pytest.mark.parametrize("others, code", [
    ([("us", "Pentagon", count(12500, "approx"))], "2"),
    ([("us", "John Kirby", count(3000, "at_least"))], "3"),
    ([("us", "John Kirby", count(3000, "at_least")), ("kr", "National Intelligence Service", count(3000, "approx"))],
     "4"),
    ([("kr", "National Intelligence Service", count(3000, "approx"))], "5"),
    ([], "6"),
])
def test_credibility_codes(others, code):
    claims = [claim("ua", "Defence Intelligence of Ukraine", "2024-10-24", "", [count(12000, "approx")])]
    claims += [claim(cid, actor, "2024-10-24", "", [c]) for cid, actor, c in others]
    row = row_of(reconcile(claims, texts={})[0], "ua")
    assert row.credibility.code == code and row.credibility.reason


def test_reliability_defaults_to_f_and_takes_the_users_letter():
    claims = [claim("ua", "Defence Intelligence of Ukraine", "2024-10-24", "", [count(12000, "approx")]),
              claim("us", "Pentagon", "2024-10-24", "", [count(12000, "approx")])]
    topic = reconcile(claims, texts={}, grades={"Pentagon": "B"})[0]
    assert row_of(topic, "ua").reliability.code == "F"
    assert row_of(topic, "us").reliability.code == "B"


# --- user edits ------------------------------------------------------------------------------------------------

def test_merge_split_and_rename_apply_by_stable_ids():
    claims = [claim("a", "Pentagon", "2024-10-28", "", [count(10000, "approx")]),
              claim("b", "Pentagon", "2024-10-28", "500 North Korean officers", [count(500, unit="officer",
                                                                                      subject="North Korean officers")])]
    first = reconcile(claims, texts={})
    personnel, officers = topic_of(first, "a").id, topic_of(first, "b").id
    assert personnel != officers
    merged = reconcile(claims, texts={}, edits=[Edit("merge", officers, target=personnel),
                                                Edit("rename", personnel, label="NK troops")])
    assert [t.label for t in merged] == ["NK troops"] and len(merged[0].rows) == 2
    split = reconcile(claims, texts={}, edits=[Edit("merge", officers, target=personnel),
                                               Edit("split", personnel, claim="b", label="Officers")])
    assert sorted(t.label for t in split) == ["North Korean personnel in Russia", "Officers"]
    assert reconcile(claims, texts={})[0].id in {personnel, officers}  # ids are stable across runs


def test_intervals():
    assert Interval(3000, None).intersect(Interval(10800, 13200)) == Interval(10800, 13200)
    assert Interval(2700, 3300).intersect(Interval(10800, 13200)) is None
    assert str(Interval(3000, None)) == "≥3,000" and str(Interval(10800, 13200)) == "10,800–13,200"


def test_a_figure_takes_the_state_of_its_own_clause():
    content = "nearly 11,000 North Korean soldiers are in Kursk; some have entered combat"
    topics = reconcile([
        claim("nis", "National Intelligence Service", "2024-11-20", content,
              [Count(11000, 9900, 12100, "approx", "soldier", "North Korean soldiers", start=0)], places=(KURSK,)),
    ], texts={})
    by_label = {t.label: t for t in topics}
    assert set(by_label) == {"North Korean personnel in Russia", "North Korean personnel in combat in Russia",
                             "North Korean personnel in Kursk Oblast, Russia"}
    assert row_of(by_label["North Korean personnel in Russia"], "nis").membership.value == 11000
    # the region's figure is its own topic, as stated, and a lower bound for the country
    assert row_of(by_label["North Korean personnel in Kursk Oblast, Russia"], "nis").membership.interval == \
        Interval(9900, 12100)
    assert row_of(by_label["North Korean personnel in Russia"], "nis").membership.interval == Interval(9900, None)
    combat = row_of(by_label["North Korean personnel in combat in Russia"], "nis").membership
    assert combat.value is None and combat.interval == Interval(1, None)


def test_a_figure_less_claim_speaks_to_presence_only_through_its_event():
    topics = reconcile([
        claim("seen", "Defence Intelligence of Ukraine", "2024-10-23", "North Korean troops were seen in Kursk",
              event="sighting"),
        claim("talk", "Government of Russia", "2024-10-21",
              "information about North Korean troops being sent to Russia was contradictory", event=None),
    ], texts={})
    held = {r.membership.claim.claim_id for t in topics for r in t.rows}
    assert held == {"seen"}


def test_a_spokesperson_takes_the_grade_of_the_body_it_speaks_for():
    claims = [claim("us", "Sabrina Singh", "2024-10-28", "", [count(10000, "approx")])]
    row = reconcile(claims, texts={}, grades={"US Department of Defense": "B"})[0].rows[0]
    assert row.reliability.code == "B" and "US Department of Defense" in row.reliability.reason
