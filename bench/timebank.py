"""Date expressions on TimeBank 1.2 and AQUAINT (TBAQ-cleaned, TempEval-3 training data).

Gold: every `<TIMEX3>` inside `<TEXT>`; the document creation time `<DCT><TIMEX3 value=...>` is the
publication date. Scored per gold type, DATE and DURATION (TIME and SET are not scored: a prediction
overlapping a TIME or SET gold span is neither right nor wrong), TempEval-3 style:
span precision/recall/F1 strict (same offsets) and relaxed (overlap, one-to-one), then value accuracy on the
relaxed matches (a value counts only where its span matched) and value F1 (correct values over predictions
and over gold). Values are compared in one notation (`canonical`): the corpora write the same value several
ways ("199" and "199X" for the 1990s, "1949" and "1949-XX", "2000-W7" and "2000-W07"), so trailing
unspecified parts are dropped and week numbers padded; `value_acc_exact` compares the strings as written.
Values at different granularities stay different ("1988-Q3" is not "1988", "1989-WXX" is not "1989-W43").
Systems, run on the same texts:
  claimscope   the English model + `claimscope_dates`; a mention of precision "duration" is a DURATION, any
               other a DATE
  dateparser   `search.search_dates(text, languages=['en'], settings={'RELATIVE_BASE': dct})`, each found
               date made ISO at the precision dateparser's own period gives the matched text (day, month,
               year); every match is a DATE
`CLAIMSCOPE_BENCH_LIMIT` caps the documents per corpus. `CLAIMSCOPE_DATES_MISSES=1` prints claimscope's misses
to stderr, to sort errors by phenomenon: wrong values (text, gold, predicted, context) and unmatched spans
(gold missed, predictions without gold).
"""

from __future__ import annotations

import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from bench.common import Result, skipped

CORPORA = ("TimeBank", "AQUAINT")
SCORED = ("DATE", "DURATION")
IGNORED = ("TIME", "SET")
UNSPECIFIED = re.compile(r"X*(?:-(?:X+|WXX|QX))*$")
WEEK = re.compile(r"-W(\d)(?=$|-)")


@dataclass(frozen=True)
class Timex:
    """A time expression: character offsets into the document text, type and value."""

    start: int
    end: int
    type: str
    value: str | None


@dataclass
class Document:
    name: str
    text: str
    dct: date
    gold: list[Timex]


def run(root: Path) -> Result:
    """Score claimscope and the dateparser baseline on every corpus found under `root / "timebank"`."""
    folder = root / "timebank"
    if not folder.is_dir():
        return skipped("dates", folder)
    limit = int(os.environ.get("CLAIMSCOPE_BENCH_LIMIT") or 0) or None
    result = Result(task="dates")
    nlp = _claimscope()
    for corpus in CORPORA:
        files = sorted((folder / corpus).glob("*.tml"))[:limit]
        if not files:
            result.notes.append(f"{corpus}: no .tml files in {folder / corpus}")
            continue
        docs = [load(path) for path in files]
        systems = (("claimscope", lambda d: _predict_claimscope(nlp, d)), ("dateparser", _predict_dateparser))
        for system, predict in systems:
            started = time.perf_counter()
            predictions = predict(docs)
            seconds = time.perf_counter() - started
            if system == "claimscope" and os.environ.get("CLAIMSCOPE_DATES_MISSES"):
                print_misses(corpus, docs, predictions)
            for kind in SCORED:
                row = score(docs, predictions, kind)
                result.rows.append({"corpus": corpus, "system": system, "type": kind, **row, "seconds": seconds})
    result.notes.append(
        "span P/R/F1 strict = same offsets, relaxed = overlapping (one-to-one); value_acc = right values among "
        "relaxed matches, in one TimeML notation (value_acc_exact: as written); value_f1 from right values over "
        "predictions and over gold; TIME/SET gold not scored"
    )
    return result


def load(path: Path) -> Document:
    """The plain text of `<TEXT>`, its TIMEX3 spans and the creation date of one TimeML file."""
    root = ET.parse(path).getroot()
    dct_timex = root.find("DCT/TIMEX3")
    if dct_timex is None:
        raise ValueError(f"{path}: no <DCT><TIMEX3>")
    dct = date.fromisoformat(dct_timex.get("value", "")[:10])
    text_element = root.find("TEXT")
    if text_element is None:
        raise ValueError(f"{path}: no <TEXT>")
    parts: list[str] = []
    gold: list[Timex] = []

    def walk(element: ET.Element) -> None:
        parts.append(element.text or "")
        for child in element:
            start = sum(map(len, parts))
            walk(child)
            if child.tag == "TIMEX3":
                gold.append(Timex(start, sum(map(len, parts)), child.get("type", ""), child.get("value")))
            parts.append(child.tail or "")

    walk(text_element)
    return Document(path.stem, "".join(parts), dct, gold)


def score(docs: list[Document], predictions: list[list[Timex]], kind: str) -> dict[str, Any]:
    """Span and value figures for gold of type `kind` against the predictions typed `kind`."""
    n_gold = n_pred = strict = relaxed = right = exact = 0
    for doc, predicted in zip(docs, predictions, strict=True):
        gold = [g for g in doc.gold if g.type == kind]
        others = [g for g in doc.gold if g.type in IGNORED]
        pred = [p for p in predicted if p.type == kind and not any(_overlap(p, o) for o in others)]
        n_gold += len(gold)
        n_pred += len(pred)
        strict += len({(p.start, p.end) for p in pred} & {(g.start, g.end) for g in gold})
        for p, g in _match(pred, gold):
            relaxed += 1
            right += p.value is not None and g.value is not None and canonical(p.value) == canonical(g.value)
            exact += p.value is not None and p.value == g.value
    return {
        "gold": n_gold,
        "pred": n_pred,
        **_prf("strict", strict, n_pred, n_gold),
        **_prf("relaxed", relaxed, n_pred, n_gold),
        "value_acc": right / relaxed if relaxed else 0.0,
        "value_f1": _prf("value", right, n_pred, n_gold)["value_f1"],
        "value_acc_exact": exact / relaxed if relaxed else 0.0,
    }


def print_misses(corpus: str, docs: list[Document], predictions: list[list[Timex]]) -> None:
    """Every scored miss of one corpus on stderr, a line each: VALUE (matched span, wrong value), GOLD (a gold
    span nothing overlaps) and PRED (a prediction overlapping no gold), with the text, the values and context."""
    for doc, predicted in zip(docs, predictions, strict=True):
        gold = [g for g in doc.gold if g.type in SCORED]
        others = [g for g in doc.gold if g.type in IGNORED]
        pred = [p for p in predicted if not any(_overlap(p, o) for o in others)]
        pairs = _match(pred, gold)
        matched_p = {id(p) for p, _ in pairs}
        matched_g = {id(g) for _, g in pairs}

        def context(t: Timex) -> str:
            return " ".join(doc.text[max(0, t.start - 60) : t.end + 40].split())

        def line(kind: str, t: Timex, detail: str) -> None:
            text = " ".join(doc.text[t.start : t.end].split())
            print(f"{corpus}\t{doc.name}\t{doc.dct}\t{kind}\t{text!r}\t{detail}\t{context(t)}", file=sys.stderr)

        for p, g in pairs:
            if p.value is None or g.value is None or canonical(p.value) != canonical(g.value) or p.type != g.type:
                gtext = " ".join(doc.text[g.start : g.end].split())
                line("VALUE", p, f"gold {g.type} {g.value} {gtext!r} pred {p.type} {p.value}")
        for g in gold:
            if id(g) not in matched_g:
                line("GOLD", g, f"gold {g.type} {g.value}")
        for p in pred:
            if id(p) not in matched_p:
                line("PRED", p, f"pred {p.type} {p.value}")


def canonical(value: str) -> str:
    """One notation for a TimeML value: trailing unspecified parts dropped ("1949-XX" and "1949", "199X" and
    "199", "19XX" and "19"), week numbers padded ("2000-W7" and "2000-W07"); REF values and durations as they are."""
    if value.endswith("_REF") or value.startswith("P"):
        return value
    return WEEK.sub(r"-W0\1", UNSPECIFIED.sub("", value)) or value


def _prf(prefix: str, hits: int, n_pred: int, n_gold: int) -> dict[str, float]:
    p = hits / n_pred if n_pred else 0.0
    r = hits / n_gold if n_gold else 0.0
    return {f"{prefix}_p": p, f"{prefix}_r": r, f"{prefix}_f1": 2 * p * r / (p + r) if p + r else 0.0}


def _overlap(a: Timex, b: Timex) -> int:
    return max(0, min(a.end, b.end) - max(a.start, b.start))


def _match(pred: list[Timex], gold: list[Timex]) -> list[tuple[Timex, Timex]]:
    """One-to-one pairs of overlapping spans, largest overlaps first."""
    pairs = sorted(
        ((_overlap(p, g), i, j) for i, p in enumerate(pred) for j, g in enumerate(gold) if _overlap(p, g)),
        reverse=True,
    )
    used_p: set[int] = set()
    used_g: set[int] = set()
    matched = []
    for _, i, j in pairs:
        if i not in used_p and j not in used_g:
            used_p.add(i)
            used_g.add(j)
            matched.append((pred[i], gold[j]))
    return matched


def _claimscope() -> Any:
    import claimscope.extract.dates  # noqa: F401  (registers the factory)
    from claimscope.extract.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("claimscope_dates")
    return nlp


def _predict_claimscope(nlp: Any, docs: list[Document]) -> list[list[Timex]]:
    def stream() -> Any:
        for d in docs:
            doc = nlp.make_doc(d.text)
            doc._.published = d.dct
            yield doc

    return [
        [Timex(t.start, t.end, "DURATION" if t.precision == "duration" else "DATE", t.value) for t in doc._.times]
        for doc in nlp.pipe(stream())
    ]


def _predict_dateparser(docs: list[Document]) -> list[list[Timex]]:
    from dateparser.date import DateDataParser
    from dateparser.search import search_dates

    out = []
    for d in docs:
        base = datetime.combine(d.dct, datetime.min.time())
        found = search_dates(d.text, languages=["en"], settings={"RELATIVE_BASE": base}) or []
        periods = DateDataParser(languages=["en"], settings={"RELATIVE_BASE": base})
        spans, cursor = [], 0
        for matched, value in found:
            start = d.text.find(matched, cursor)
            if start < 0:
                continue
            cursor = start + len(matched)
            spans.append(Timex(start, cursor, "DATE", _iso(value.date(), periods.get_date_data(matched).period)))
        out.append(spans)
    return out


def _iso(value: date, period: str | None) -> str:
    """A dateparser result at the precision of its period: year, month, else day."""
    if period == "year":
        return f"{value.year:04d}"
    if period == "month":
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()
