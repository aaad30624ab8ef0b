"""Number reading: claimscope's `parse_number` / `numbers_in` / `claimscope_quantities` next to plain text2num.

Tables (root / "numbers", see each folder's SOURCE.txt), English only:
- word2number `w2n_cases.json`: one number per string; positives by value, `must_reject` strings must give None
  (the one non-string input is a type test, not a reading, and is left out).
- number-parser `test_language_en.params.json` and the English (or language-free) cases of
  `test_number_parsing.params.json`: `test_parse_number*` tables are one number per string (expected None =
  reject); the sentence tables (`*_sentences`, separators, multipliers, case) rewrite numbers in a sentence and
  are scored as the list of numbers in the expected output. Ordinal and fraction tables are left out: ordinals
  and fractions are not counts, and claimscope does not read them on purpose. Cases repeated across the two
  files are scored once.
- quantulum3 `spellout_values.json`: the list of values in each string.
- quantulum3 `quantities.json`, count-like subset: per sentence, the gold quantities that can be counts
  (unit "dimensionless", a whole non-negative value, and not a bare four-digit year such as "1979") against the
  quantities the component emits (precision/recall/F1 of values, every sentence, so numbers found in sentences
  without gold count as false positives). Measures, money and rates are out; fractions and decimals are out
  (nothing is counted by "two thirds" or "6.0"). Identifiers ("English 101", "Voyager 2", "i7 860") stay in the
  gold though they are no head counts: claimscope leaves them out by design and loses recall there. quantulum3
  gives a range its midpoint ("7 to 10" = 8.5) where claimscope gives the low end, so ranges miss.

Baseline, same inputs, same run: text2num's `text2num(text, "en")`, else `alpha2digit(text, "en", threshold=0)`
when that yields exactly one number; for lists, the numbers in `alpha2digit`'s output. `CLAIMSCOPE_BENCH_LIMIT`
caps the cases per table.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

from text_to_num import alpha2digit, text2num

from bench.common import Result, skipped
from claimscope.extract.amounts import numbers_in, parse_number

TASK = "numbers"
NUMBER = re.compile(r"-?\d+(?:\.\d+)?")
SINGLE_TABLES = ("test_parse_number", "test_parse_number_digits")
LIST_TABLES = ("test_parse_basic_sentences", "test_parse_ambiguity_in_separators", "test_parse_separators_and_spacing",
               "test_parse_ambiguity_in_multipliers", "test_parse_case_of_string")


def text2num_parse(text: str) -> float | None:
    """Baseline single-number reading with text2num alone."""
    try:
        return float(text2num(text.strip(), "en"))
    except ValueError:
        pass
    rewritten = alpha2digit(text, "en", threshold=0)
    found, rest = NUMBER.findall(rewritten), NUMBER.sub("", rewritten).strip()
    return float(found[0]) if len(found) == 1 and not rest else None


def text2num_list(text: str) -> list[float]:
    """Baseline list of numbers: those in text2num's `alpha2digit` rewrite."""
    return [float(x) for x in NUMBER.findall(alpha2digit(text, "en", threshold=0))]


def run(root: Path) -> Result:
    """Value accuracy per table for claimscope's number reading and text2num, and head-count P/R/F1."""
    folder = root / "numbers"
    if not folder.is_dir():
        return skipped(TASK, folder)
    limit = int(os.environ.get("CLAIMSCOPE_BENCH_LIMIT") or 0) or None
    parser_singles, parser_lists = _number_parser(folder, limit)
    result = Result(task=TASK)
    tables: list[tuple[str, list[tuple[str, Any]], str]] = [
        ("word2number", _word2number(folder, limit), "single"),
        ("number-parser numbers", parser_singles, "single"),
        ("number-parser sentences", parser_lists, "list"),
        ("quantulum3 spellout", _spellout(folder, limit), "list"),
    ]
    systems: dict[str, dict[str, Callable[[str], Any]]] = {
        "single": {"claimscope parse_number": parse_number, "text2num": text2num_parse},
        "list": {"claimscope numbers_in": numbers_in, "text2num alpha2digit": text2num_list},
    }
    for table, cases, kind in tables:
        if not cases:
            result.notes.append(f"{table}: no cases found under {folder}")
            continue
        for system, read in systems[kind].items():
            correct = sum(_same(read(text), expected) for text, expected in cases)
            result.rows.append({"table": table, "system": system, "cases": len(cases), "correct": correct,
                                "accuracy": correct / len(cases)})
    counts = _quantulum_counts(folder, limit)
    if counts:
        for system, found in _count_systems().items():
            result.rows.append({"table": "quantulum3 counts", "system": system, "cases": len(counts),
                                **_prf(counts, found)})
    result.notes.append("single: value equal (None = rejected); list: the whole list of values equal, in order")
    result.notes.append("quantulum3 counts: sentences of quantities.json, gold = its count-like quantities "
                        "(dimensionless, whole, not a year); precision/recall/F1 over values; identifiers such as "
                        "'English 101' stay in the gold and count against claimscope by design")
    return result


def _same(got: Any, expected: Any) -> bool:
    if isinstance(expected, list):
        return isinstance(got, list) and len(got) == len(expected) and all(
            abs(a - b) < 1e-9 * max(1.0, abs(b)) for a, b in zip(got, expected))
    if expected is None or got is None:
        return got is None and expected is None
    return abs(got - expected) < 1e-9 * max(1.0, abs(expected))


def _load(path: Path) -> Any:
    return json.loads(path.read_text(encoding="utf-8")) if path.is_file() else None


def _word2number(folder: Path, limit: int | None) -> list[tuple[str, float | None]]:
    data = _load(folder / "word2number" / "w2n_cases.json") or {}
    cases: list[tuple[str, float | None]] = [(c["text"], float(c["expected"])) for c in data.get("positives", [])]
    cases += [(c["text"], None) for c in data.get("must_reject", []) if isinstance(c["text"], str)]
    return cases[:limit]


def _number_parser(folder: Path, limit: int | None) -> tuple[list[tuple[str, Any]], list[tuple[str, Any]]]:
    singles: dict[str, float | None] = {}
    lists: dict[str, list[float]] = {}
    for name in ("test_language_en.params.json", "test_number_parsing.params.json"):
        for test, table in (_load(folder / "number_parser" / name) or {}).items():
            for case in table["cases"]:
                text, expected = case[0], case[1]
                language = case[2] if len(case) > 2 else "en"
                if language not in ("en", None):
                    continue
                if test in SINGLE_TABLES:
                    singles.setdefault(text, None if expected is None else float(expected))
                elif test in LIST_TABLES:
                    lists.setdefault(text, [float(x) for x in NUMBER.findall(expected)])
    return list(singles.items())[:limit], list(lists.items())[:limit]


def _spellout(folder: Path, limit: int | None) -> list[tuple[str, list[float]]]:
    data = _load(folder / "quantulum3" / "spellout_values.json") or []
    return [(c["text"], [float(v) for v in c["expected_values"]]) for c in data][:limit]


def _quantulum_counts(folder: Path, limit: int | None) -> list[tuple[str, list[float]]]:
    data = _load(folder / "quantulum3" / "quantities.json") or []
    return [(c["req"], [float(r["value"]) for r in c["res"] if _count_like(r)]) for c in data][:limit]


def _count_like(gold: dict[str, Any]) -> bool:
    """A gold quantity that may be a count: dimensionless, whole, not negative, not a bare year."""
    value, surface = float(gold["value"]), str(gold.get("surface", ""))
    year = surface.isdigit() and len(surface) == 4 and 1000 <= value <= 2999
    return gold.get("unit") == "dimensionless" and value >= 0 and value.is_integer() and not year


def _count_systems() -> dict[str, Callable[[list[str]], list[list[float]]]]:
    """Sentence -> values: claimscope's component on the bare model, and every number text2num writes."""
    from claimscope.extract import quantities  # noqa: F401  (registers the component)
    from claimscope.extract.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("claimscope_quantities")

    def component(texts: list[str]) -> list[list[float]]:
        return [[q.value for q in doc._.quantities] for doc in nlp.pipe(texts)]

    def baseline(texts: list[str]) -> list[list[float]]:
        return [text2num_list(t) for t in texts]

    return {"claimscope_quantities": component, "text2num alpha2digit": baseline}


def _prf(cases: list[tuple[str, list[float]]], system: Callable[[list[str]], list[list[float]]]) -> dict[str, float]:
    found = system([text for text, _ in cases])
    hits = predicted = gold = 0
    for (_, expected), got in zip(cases, found):
        hits += sum((Counter(expected) & Counter(got)).values())
        predicted += len(got)
        gold += len(expected)
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"gold": gold, "predicted": predicted, "precision": precision, "recall": recall, "f1": f1}
