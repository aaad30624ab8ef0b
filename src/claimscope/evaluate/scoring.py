"""Claim-level scores: the metrics of the project's reference scorer (shared/tools/score_claims.py).

A predicted claim *matches* a gold claim when their content words overlap substantially (at least 0.6 of the
gold words and 0.4 of the predicted words, stop words and commas aside); pairs are taken best first, each side
once. A match is *attributed* when the predicted source names the gold source; only attributed matches are
scored further (cue, asserted_on, modality, event, source country, quantities, places). Predictions without a
source (narration) are not scored. Figures are micro-averaged over all documents.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

STOP_WORDS = frozenset(
    "the a an of to in on at by for and or that this these those is are was were be been has have had "
    "with as from its it their his her our we".split()
)
CONTENT_RECALL = 0.6  # share of the gold content words the prediction must contain
CONTENT_PRECISION = 0.4  # share of the predicted content words that must be gold words
FIELDS = ("cue", "asserted_on", "modality", "event")


@dataclass
class Miss:
    """One gold claim not matched, or one field of a matched claim that came out wrong."""

    doc: str | None
    claim: str
    field: str
    got: Any = None


@dataclass
class Report:
    """Micro-averaged figures over all scored documents, and the misses behind them."""

    counts: Counter = field(default_factory=Counter)
    misses: list[Miss] = field(default_factory=list)
    documents: int = 0

    def figures(self) -> dict[str, float | int]:
        """The scorer's figures, named as score_claims.py names them."""
        c = self.counts
        precision = _ratio(c["attributed"], c["pred"])
        recall = _ratio(c["attributed"], c["gold"])
        return {
            "documents": self.documents,
            "gold_claims": c["gold"],
            "predicted_claims": c["pred"],
            "span_recall": round(_ratio(c["span"], c["gold"]), 3),
            "claim_precision": round(precision, 3),
            "claim_recall": round(recall, 3),
            "claim_f1": round(_ratio(2 * precision * recall, precision + recall), 3),
            "claim_f1_lenient_names": round(_ratio(2 * c["attributed_lenient"], c["pred"] + c["gold"]), 3),
            "source_country_acc": round(_ratio(c["country"], c["country_n"]), 3),
            **{f"{f}_acc": round(_ratio(c[f], c[f + "_n"]), 3) for f in FIELDS},
            "quantity_recall": round(_ratio(c["qty_hit"], c["qty_gold"]), 3),
            "quantity_precision": round(_ratio(c["qty_hit"], c["qty_pred"]), 3),
            "place_recall": round(_ratio(c["place_hit"], c["place_gold"]), 3),
        }

    def field_table(self) -> list[tuple[str, int, int, float]]:
        """Per field: (field, correct, scored, accuracy), for a table a person reads."""
        c = self.counts
        rows = [
            ("claims (attributed / gold)", c["attributed"], c["gold"]),
            ("content spans found", c["span"], c["gold"]),
            ("source country", c["country"], c["country_n"]),
            *((f, c[f], c[f + "_n"]) for f in FIELDS),
            ("quantities (recall)", c["qty_hit"], c["qty_gold"]),
            ("places (recall)", c["place_hit"], c["place_gold"]),
        ]
        return [(name, hit, n, round(_ratio(hit, n), 3)) for name, hit, n in rows]


def score(pairs: Iterable[tuple[dict[str, Any], dict[str, Any]]]) -> Report:
    """Score (gold, prediction) pairs of one document each; the prediction is the claims JSON."""
    report = Report()
    for gold, pred in pairs:
        report.documents += 1
        _score_document(gold, pred, report)
    return report


def words(text: str | None) -> set[str]:
    """Content words compared between gold and prediction."""
    tokens = re.findall(r"[a-z0-9]+", (text or "").lower().replace(",", ""))
    return {t for t in tokens if t not in STOP_WORDS}


def content_overlap(gold_text: str, pred_text: str | None) -> tuple[float, float]:
    """(share of gold words found, share of predicted words that are gold words)."""
    gold, pred = words(gold_text), words(pred_text)
    if not gold or not pred:
        return 0.0, 0.0
    common = len(gold & pred)
    return common / len(gold), common / len(pred)


def normalise_name(name: str | None) -> str:
    """A name as compared: lower case, no possessive 's, no leading "the", letters, digits and spaces."""
    name = re.sub(r"['’]s\b", "", (name or "").lower())
    name = re.sub(r"^the\s+", "", name.strip())
    return re.sub(r"[^a-z0-9 ]", "", name).strip()


def source_matches(gold: dict[str, Any], pred: dict[str, Any], lenient: bool = False) -> bool:
    """The predicted source's actor or text is one of the gold's accepted names (or, lenient, contains one)."""
    accepted = {normalise_name(a) for a in gold["source"].get("actor") or []}
    if gold["source"].get("mention"):
        accepted.add(normalise_name(gold["source"]["mention"]))
    accepted.discard("")
    source = pred.get("source") or {}
    for candidate in (source.get("actor"), source.get("text")):
        name = normalise_name(candidate)
        if not name:
            continue
        if name in accepted:
            return True
        if lenient and any(_contains(name, n) or _contains(n, name) for n in accepted if len(n) >= 2):
            return True
    return False


def _contains(haystack: str, needle: str) -> bool:
    return re.search(rf"\b{re.escape(needle)}\b", haystack) is not None


def _content_text(pred: dict[str, Any]) -> str | None:
    content = pred.get("content")
    return content.get("text") if isinstance(content, dict) else content


def _score_document(gold: dict[str, Any], pred: dict[str, Any], report: Report) -> None:
    c = report.counts
    doc = gold.get("doc")
    predicted = [p for p in pred.get("claims", []) if p.get("source")]
    c["pred"] += len(predicted)
    c["gold"] += len(gold["claims"])
    candidates = []
    for gi, g in enumerate(gold["claims"]):
        for pi, p in enumerate(predicted):
            recall, precision = content_overlap(g["content"], _content_text(p))
            if recall >= CONTENT_RECALL and precision >= CONTENT_PRECISION:
                candidates.append((recall + precision + source_matches(g, p), gi, pi))
    candidates.sort(reverse=True)
    used_gold: set[int] = set()
    used_pred: set[int] = set()
    for _, gi, pi in candidates:
        if gi in used_gold or pi in used_pred:
            continue
        used_gold.add(gi)
        used_pred.add(pi)
        _score_match(doc, gold["claims"][gi], predicted[pi], report)
    for gi, g in enumerate(gold["claims"]):
        if gi not in used_gold:
            report.misses.append(Miss(doc, g["id"], "claim not found"))


def _score_match(doc: str | None, g: dict[str, Any], p: dict[str, Any], report: Report) -> None:
    c = report.counts
    c["span"] += 1
    c["attributed_lenient"] += source_matches(g, p, lenient=True)
    if not source_matches(g, p):
        report.misses.append(Miss(doc, g["id"], "source", (p.get("source") or {}).get("actor")))
        return
    c["attributed"] += 1
    for f in FIELDS:
        if f in g:
            c[f + "_n"] += 1
            if p.get(f) in g[f]:
                c[f] += 1
            else:
                report.misses.append(Miss(doc, g["id"], f, p.get(f)))
    country = g["source"].get("country")
    if country:
        c["country_n"] += 1
        c["country"] += ((p.get("source") or {}).get("country") or "").upper() == country
    predicted_quantities = p.get("quantities") or []
    c["qty_gold"] += len(g["quantities"])
    c["qty_pred"] += len(predicted_quantities)
    c["qty_hit"] += quantity_hits(g["quantities"], predicted_quantities)
    c["place_gold"] += len(g["places"])
    c["place_hit"] += place_hits(g["places"], p.get("places") or [])


def quantity_hits(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> int:
    """Gold quantities found with the same value, qualifier and an accepted unit, each prediction used once."""
    hits, used = 0, set()
    for g in gold:
        units = {u.lower() for u in g["unit"]}
        for i, p in enumerate(pred):
            if i not in used and _same_number(p.get("value"), g["value"]) and p.get("qualifier") == g["qualifier"] \
                    and (p.get("unit") or "").lower() in units:
                hits += 1
                used.add(i)
                break
    return hits


def place_hits(gold: list[dict[str, Any]], pred: list[dict[str, Any]]) -> int:
    """Gold places with a predicted point within their tolerance."""
    hits = 0
    for g in gold:
        for p in pred:
            try:
                near = distance_km(g["lat"], g["lon"], float(p["lat"]), float(p["lon"])) <= g["tolerance_km"]
            except (KeyError, TypeError, ValueError):
                continue
            if near:
                hits += 1
                break
    return hits


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine, Earth diameter 12,742 km)."""
    r = math.radians
    a = math.sin(r(lat2 - lat1) / 2) ** 2 + math.cos(r(lat1)) * math.cos(r(lat2)) * math.sin(r(lon2 - lon1) / 2) ** 2
    return 12742 * math.asin(math.sqrt(min(1.0, a)))


def _same_number(a: Any, b: Any) -> bool:
    try:
        return float(a) == float(b)
    except (TypeError, ValueError):
        return False


def _ratio(a: float, b: float) -> float:
    return a / b if b else 0.0
