"""Geoparsing on LGL and TR-News (`<root>/geoparsing/*.xml`): place detection and resolution of claimscope next to
a baseline run in the same process.

- claimscope: the model, the gazetteer entity ruler (place and actor patterns) and `claimscope_places` (the
  other components do not touch places); a prediction is a PlaceMention of `doc._.toponyms`, with its point when
  it has one, whatever its role: both corpora (and GeoWebNews) annotate demonyms ("Iraqi") and toponyms inside
  names ("Ohio State University") as toponyms, so the task counts them, while claims keep the literal places only
  (`doc._.places`).
- baseline: the bare model's GPE/LOC entities, each resolved to the most populous gazetteer entry of its name.

Detection: precision/recall/F1 of predicted spans against every gold toponym, by exact bounds and by overlap.
Resolution, on the gold toponyms with coordinates that a prediction overlaps: share within 161 km and median
error; a detected toponym left without a point counts as the largest error (20,039 km, half the circumference),
as in Gritta et al.'s pragmatic guide. End-to-end recall: the share of all gold toponyms with coordinates that
are both found and placed within 161 km (the issue's "end-to-end recall"; found-but-unplaced and missed ones
count against it alike). `CLAIMSCOPE_BENCH_LIMIT` caps the articles per corpus. `CLAIMSCOPE_PLACES_MISSES=1`
prints claimscope's misses to stderr, to sort errors by phenomenon: found toponyms placed over 161 km away (gold
and predicted entry, distance, context) and gold toponyms not found.
"""

from __future__ import annotations

import math
import os
import statistics
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from bench.common import Result, skipped

CORPORA = (("LGL", "lgl.xml"), ("TR-News", "TR-News.xml"))
ACCURACY_KM = 161.0
MAX_ERROR_KM = 20039.0
BASELINE_LABELS = ("GPE", "LOC")


@dataclass(frozen=True)
class Toponym:
    """A span with its point (None when there is none) and its GeoNames id when known."""

    start: int
    end: int
    lat: float | None
    lon: float | None
    geonames_id: int | None = None
    name: str | None = None  # the gazetteer entry's name and feature, for the misses listing
    feature: str | None = None


@dataclass
class Article:
    text: str
    gold: list[Toponym]


def load_corpus(path: Path, limit: int | None) -> list[Article]:
    """Articles with their gold toponyms; offsets that miss the phrase by a few characters are re-anchored."""
    articles = []
    for node in ET.parse(path).getroot().iter("article"):
        text = node.findtext("text") or ""
        gold = []
        for toponym in node.iter("toponym"):
            start, end = int(toponym.findtext("start")), int(toponym.findtext("end"))
            start, end = _anchor(text, toponym.findtext("phrase") or "", start, end)
            tag = toponym.find("gaztag")
            lat = float(tag.findtext("lat")) if tag is not None and tag.findtext("lat") else None
            lon = float(tag.findtext("lon")) if tag is not None and tag.findtext("lon") else None
            gid = tag.get("geonameid") if tag is not None else None
            gold.append(Toponym(start, end, lat, lon, int(gid) if gid and gid.isdigit() else None))
        articles.append(Article(text, gold))
        if limit and len(articles) >= limit:
            break
    return articles


def _anchor(text: str, phrase: str, start: int, end: int) -> tuple[int, int]:
    if not phrase or text[start:end] == phrase:
        return start, end
    hits = [i for i in range(max(0, start - 20), min(len(text), start + 20)) if text.startswith(phrase, i)]
    if not hits:
        return start, end
    best = min(hits, key=lambda i: abs(i - start))
    return best, best + len(phrase)


def claimscope_system() -> Callable[[Iterable[str]], Iterable[list[Toponym]]]:
    """The model with the gazetteer ruler and the places component."""
    from claimscope.extract import places  # noqa: F401  (registers the factory)
    from claimscope.extract.pipeline import load_model
    from claimscope.extract.ruler import add_entity_ruler

    nlp = load_model()
    add_entity_ruler(nlp)
    nlp.add_pipe("claimscope_places")

    def predict(texts: Iterable[str]) -> Iterable[list[Toponym]]:
        for doc in nlp.pipe(texts, batch_size=16):
            yield [Toponym(p.start, p.end, p.lat, p.lon, p.geonames_id, p.name, p.feature) for p in doc._.toponyms]

    return predict


def baseline_system() -> Callable[[Iterable[str]], Iterable[list[Toponym]]]:
    """Bare-model GPE/LOC entities, each at the most populous gazetteer entry of its name."""
    from claimscope.extract.pipeline import load_model
    from claimscope.geo.gazetteer import STEM, gazetteer

    nlp: Language = load_model()
    gaz = gazetteer()

    def predict(texts: Iterable[str]) -> Iterable[list[Toponym]]:
        for doc in nlp.pipe(texts, batch_size=16):
            found = []
            for ent in doc.ents:
                if ent.label_ not in BASELINE_LABELS:
                    continue
                entries = [e for e in gaz.lookup(ent.text) if e.kind != STEM and e.lat is not None]
                best = max(entries, key=lambda e: e.population, default=None)
                found.append(Toponym(ent.start_char, ent.end_char, best.lat if best else None,
                                     best.lon if best else None, best.geonames_id if best else None))
            yield found

    return predict


def score(articles: list[Article], predictions: list[list[Toponym]]) -> dict[str, float]:
    """Detection P/R/F1 (exact, overlap), resolution accuracy within 161 km and median error, end-to-end
    recall within 161 km."""
    n_gold = sum(len(a.gold) for a in articles)
    n_pred = sum(len(p) for p in predictions)
    exact = overlap_pred = overlap_gold = 0
    errors: list[float] = []
    same_entity_far = 0
    for article, predicted in zip(articles, predictions):
        spans = {(p.start, p.end) for p in predicted}
        exact += sum((g.start, g.end) in spans for g in article.gold)
        overlap_pred += sum(any(_overlap(p, g) for g in article.gold) for p in predicted)
        for gold in article.gold:
            matches = [p for p in predicted if _overlap(p, gold)]
            if not matches:
                continue
            overlap_gold += 1
            if gold.lat is None:
                continue
            best = _best_match(matches, gold)
            errors.append(MAX_ERROR_KM if best.lat is None else _km(gold.lat, gold.lon, best.lat, best.lon))
            same_entity_far += errors[-1] > ACCURACY_KM and best.geonames_id is not None \
                and best.geonames_id == gold.geonames_id
    figures = {"gold": n_gold, "predicted": n_pred}
    figures.update(_prf("exact", exact, exact, n_pred, n_gold))
    figures.update(_prf("overlap", overlap_pred, overlap_gold, n_pred, n_gold))
    figures["geocoded"] = len(errors)
    figures["acc@161km"] = sum(e <= ACCURACY_KM for e in errors) / len(errors) if errors else 0.0
    figures["median km"] = statistics.median(errors) if errors else 0.0
    located = sum(g.lat is not None for a in articles for g in a.gold)
    figures["R e2e@161km"] = sum(e <= ACCURACY_KM for e in errors) / located if located else 0.0
    figures["right id, far"] = same_entity_far
    return figures


def _best_match(matches: list[Toponym], gold: Toponym) -> Toponym:
    return max(matches, key=lambda p: (_overlap(p, gold), p.lat is not None))


def print_misses(corpus: str, articles: list[Article], predictions: list[list[Toponym]]) -> None:
    """Misplaced found toponyms and missed gold toponyms, one line each, to stderr."""
    for number, (article, predicted) in enumerate(zip(articles, predictions)):
        for gold in article.gold:
            phrase = article.text[gold.start:gold.end]
            around = article.text[max(0, gold.start - 60):gold.end + 60].replace("\n", " ")
            matches = [p for p in predicted if _overlap(p, gold)]
            if not matches:
                print(f"{corpus}\t{number}\tMISSED\t{phrase}\t{gold.geonames_id}\t\t\t{around}", file=sys.stderr)
                continue
            if gold.lat is None:
                continue
            best = _best_match(matches, gold)
            km = MAX_ERROR_KM if best.lat is None else _km(gold.lat, gold.lon, best.lat, best.lon)
            if km > ACCURACY_KM:
                kind = "NO POINT" if best.lat is None else "RIGHT ID" if best.geonames_id == gold.geonames_id else "WRONG"
                print(f"{corpus}\t{number}\t{kind}\t{phrase}\t{gold.geonames_id}\t{best.name} ({best.feature},"
                      f" {best.geonames_id})\t{km:.0f}\t{around}", file=sys.stderr)


def _prf(name: str, correct_pred: int, correct_gold: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = correct_pred / n_pred if n_pred else 0.0
    r = correct_gold / n_gold if n_gold else 0.0
    return {f"P {name}": p, f"R {name}": r, f"F1 {name}": 2 * p * r / (p + r) if p + r else 0.0}


def _overlap(a: Toponym, b: Toponym) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p = math.pi / 180
    h = (math.sin((lat2 - lat1) * p / 2) ** 2
         + math.cos(lat1 * p) * math.cos(lat2 * p) * math.sin((lon2 - lon1) * p / 2) ** 2)
    return 12742.0 * math.asin(math.sqrt(min(1.0, h)))


def run(root: Path) -> Result:
    folder = root / "geoparsing"
    present = [(name, folder / file) for name, file in CORPORA if (folder / file).exists()]
    if not present:
        return skipped("places", folder)
    limit = int(os.environ.get("CLAIMSCOPE_BENCH_LIMIT") or 0) or None
    result = Result(task="places")
    systems = {"claimscope": claimscope_system(), "baseline (bare NER, most populous)": baseline_system()}
    for corpus, path in present:
        articles = load_corpus(path, limit)
        words = sum(len(a.text.split()) for a in articles)
        for system, predict in systems.items():
            started = time.perf_counter()
            predictions = list(predict(a.text for a in articles))
            seconds = time.perf_counter() - started
            if system == "claimscope" and os.environ.get("CLAIMSCOPE_PLACES_MISSES"):
                print_misses(corpus, articles, predictions)
            row = {"corpus": corpus, "system": system, "articles": len(articles)}
            row.update(score(articles, predictions))
            row["words/s"] = words / seconds if seconds else 0.0
            result.rows.append(row)
    missing = [file for name, file in CORPORA if not (folder / file).exists()]
    if missing:
        result.notes.append(f"missing corpora: {', '.join(missing)}")
    result.notes.append("resolution figures are over gold toponyms with coordinates that a prediction overlaps;"
                        " a detected toponym without a point counts as a 20,039 km error")
    result.notes.append("both corpora mark demonyms (Turkish, Sudanese) and toponyms inside organisation names"
                        " (Texas A&M University, Kentucky State Police) as toponyms: claimscope's predictions are"
                        " every toponym, whatever its role (literal, demonym, in-name); claim places stay literal")
    result.notes.append("'right id, far': geocoded toponyms resolved to the gold GeoNames entry whose point is still"
                        " over 161 km from the gold one (countries and large regions: the sources ship no GeoNames"
                        " point for them; a country stands at its largest landmass's centroid, a region in the"
                        " middle of its settlements' extent)")
    result.notes.append("words/s is wall-clock on a shared machine: compare systems with bench throughput instead")
    return result
