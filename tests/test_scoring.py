"""The package's scorer on small gold/prediction pairs whose figures are worked out by hand."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from claimscope.evaluate import score
from claimscope.evaluate.scoring import content_overlap, distance_km, normalise_name

GOLD = {
    "doc": "two-claims.txt",
    "claims": [
        {
            "id": "g1",
            "source": {"mention": "the ministry", "actor": ["Ministry of Defence of Ukraine"], "country": "UA"},
            "cue": ["say"],
            "content": "about 2,000 soldiers crossed the river near Kherson",
            "asserted_on": ["2024-11-02"],
            "modality": ["asserted"],
            "event": ["arrival", "deployment"],
            "quantities": [{"text": "about 2,000 soldiers", "value": 2000, "qualifier": "approx", "unit": ["soldier"]}],
            "places": [{"text": "Kherson", "lat": 46.64, "lon": 32.61, "tolerance_km": 50}],
        },
        {
            "id": "g2",
            "source": {"mention": "Reuters", "actor": ["Reuters"], "country": "GB"},
            "cue": ["report"],
            "content": "the convoy may have been delayed by heavy rain",
            "asserted_on": [None, "2024-11-03"],
            "modality": ["speculative", "hedged"],
            "event": [None],
            "quantities": [],
            "places": [],
        },
    ],
}


def claim(source_actor, content, **fields):
    """A predicted claim in the claims JSON shape."""
    base = {
        "source": {"text": source_actor, "actor": source_actor, "country": fields.pop("country", None)},
        "content": {"text": content},
        "cue": None, "asserted_on": None, "modality": "asserted", "event": None, "quantities": [], "places": [],
    }
    base.update(fields)
    return base


PERFECT = {
    "claims": [
        claim("Ministry of Defence of Ukraine", "about 2,000 soldiers crossed the river near Kherson", country="UA",
              cue="say", asserted_on="2024-11-02", event="arrival",
              quantities=[{"value": 2000, "qualifier": "approx", "unit": "soldier"}],
              places=[{"lat": 46.6, "lon": 32.6}]),
        claim("Reuters", "the convoy may have been delayed by heavy rain", country="GB", cue="report",
              modality="speculative"),
    ]
}


def test_perfect_prediction_scores_one_everywhere():
    figures = score([(GOLD, PERFECT)]).figures()
    for name in ("span_recall", "claim_precision", "claim_recall", "claim_f1", "source_country_acc", "cue_acc",
                 "asserted_on_acc", "modality_acc", "event_acc", "quantity_recall", "quantity_precision",
                 "place_recall"):
        assert figures[name] == 1.0, name


def test_empty_prediction_scores_zero_and_lists_every_gold_claim():
    report = score([(GOLD, {"claims": []})])
    figures = report.figures()
    assert figures["claim_f1"] == 0.0 and figures["predicted_claims"] == 0 and figures["gold_claims"] == 2
    assert [(m.claim, m.field) for m in report.misses] == [("g1", "claim not found"), ("g2", "claim not found")]


def test_partial_overlap_matches_only_above_both_thresholds():
    # g1's content words ("the" is a stop word): about, 2000, soldiers, crossed, river, near, kherson = 7.
    # Prediction 1 keeps 5 of 7 (recall 0.714 >= 0.6) and adds 2 words (precision 5/7 >= 0.4): a match.
    # Prediction 2 keeps 2 of g2's 7 words (convoy, delayed): recall 0.29 < 0.6: no match.
    pred = {"claims": [
        claim("Ministry of Defence of Ukraine", "about 2,000 soldiers crossed the river yesterday evening",
              cue="state", asserted_on="2024-11-02", event="arrival"),
        claim("Reuters", "the convoy was delayed"),
    ]}
    assert content_overlap(GOLD["claims"][0]["content"], pred["claims"][0]["content"]["text"]) == (5 / 7, 5 / 7)
    report = score([(GOLD, pred)])
    figures = report.figures()
    # 1 attributed of 2 predicted and 2 gold: P = R = F1 = 0.5
    assert (figures["claim_precision"], figures["claim_recall"], figures["claim_f1"]) == (0.5, 0.5, 0.5)
    assert figures["cue_acc"] == 0.0  # "state" is not an accepted cue for g1
    assert figures["asserted_on_acc"] == 1.0
    assert figures["quantity_recall"] == 0.0 and figures["place_recall"] == 0.0
    assert ("g1", "cue") in [(m.claim, m.field) for m in report.misses]


def test_wrong_source_finds_the_span_but_not_the_claim():
    pred = {"claims": [claim("Reuters", "about 2,000 soldiers crossed the river near Kherson")]}
    report = score([(GOLD, pred)])
    figures = report.figures()
    assert figures["span_recall"] == 0.5  # the span of g1 was found
    assert figures["claim_f1"] == 0.0  # but attributed to the wrong source
    assert figures["cue_acc"] == 0.0 and report.counts["cue_n"] == 0  # fields of a misattributed claim are not scored
    assert [(m.claim, m.field, m.got) for m in report.misses][0] == ("g1", "source", "Reuters")


def test_unsourced_predictions_are_not_scored():
    pred = {"claims": [{**PERFECT["claims"][0], "source": None}, PERFECT["claims"][1]]}
    figures = score([(GOLD, pred)]).figures()
    assert figures["predicted_claims"] == 1
    assert figures["claim_precision"] == 1.0 and figures["claim_recall"] == 0.5


def test_figures_are_micro_averaged_over_documents():
    figures = score([(GOLD, PERFECT), (GOLD, {"claims": []})]).figures()
    # 2 attributed of 2 predicted, 4 gold: P 1.0, R 0.5, F1 2/3
    assert figures["documents"] == 2
    assert (figures["claim_precision"], figures["claim_recall"], figures["claim_f1"]) == (1.0, 0.5, 0.667)


def test_names_and_distances():
    assert normalise_name("The Kremlin's") == "kremlin"
    assert round(distance_km(51.73, 36.19, 51.73, 36.19)) == 0
    assert 740 < distance_km(50.45, 30.52, 55.75, 37.62) < 770  # Kyiv to Moscow is about 755 km


SHARED_SCORER = Path(__file__).resolve().parents[2] / "shared" / "tools" / "score_claims.py"


@pytest.mark.skipif(not SHARED_SCORER.exists(), reason="the shared reference scorer is not beside the repository")
@pytest.mark.parametrize("pred", [PERFECT, {"claims": []}, {"claims": [PERFECT["claims"][1]]}])
def test_same_figures_as_the_reference_scorer(tmp_path, pred):
    gold_path, pred_path = tmp_path / "gold.json", tmp_path / "pred.json"
    gold_path.write_text(json.dumps(GOLD))
    pred_path.write_text(json.dumps(pred))
    out = subprocess.run([sys.executable, str(SHARED_SCORER), "--gold", str(gold_path), "--pred", str(pred_path),
                          "--json"], capture_output=True, text=True, check=True).stdout
    reference = json.loads(out[: out.rindex("}") + 1])
    reference.pop("misses")
    assert score([(GOLD, pred)]).figures() == reference
