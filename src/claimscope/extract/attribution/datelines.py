"""Datelines of wire copy ("SEOUL, Feb. 4 (Yonhap) --", "Kyiv [Ukraine], February 1 (ANI):"), by the patterns
of `data/datelines.yml`: they are no speaker and no part of a claim's content.

A bare upper-case name before a colon is a dateline only when it is a place ("SEOUL:"); otherwise it is a
speaker label ("PENCE: Well, ...", "NATO: ...").
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

import yaml
from spacy.tokens import Doc

from claimscope.extract.actorbase import ActorBase

DATA = Path(__file__).resolve().parent.parent / "data"
# What a dateline beyond a bare name carries: a date, an agency in brackets, a qualifier after a comma.
QUALIFIED = re.compile(r"[\d(\[/,]")
# Actors whose name is a place: a state, or a capital standing for its government.
PLACE_KINDS = frozenset({"state", "government"})


@lru_cache(maxsize=8)
def load_datelines(path: str | None = None) -> tuple[re.Pattern[str], ...]:
    """The dateline patterns (default `data/datelines.yml`), compiled for matching at line starts."""
    raw = yaml.safe_load(Path(path or DATA / "datelines.yml").read_text(encoding="utf-8"))
    return tuple(re.compile(p, re.MULTILINE) for p in raw["patterns"])


def _capital(label: str) -> bool:
    """True when a speaker label names a state or its capital ("SEOUL:"), which the tagger may miss."""
    actor = ActorBase.default().resolve(label.strip(" \t:"), None)
    return actor is not None and actor.kind in PLACE_KINDS


def dateline_tokens(doc: Doc, patterns: tuple[re.Pattern[str], ...]) -> set[int]:
    """Indices of the tokens of every dateline of a document."""
    text = doc.text
    places = [p.start for p in doc._.places or ()]
    found: set[int] = set()
    starts = [0, *(m.end() for m in re.finditer("\n", text))]
    for start in starts:
        for pattern in patterns:
            match = pattern.match(text, start)
            if match is None:
                continue
            line = match.group(0)
            if line.rstrip().endswith(":") and not QUALIFIED.search(line):
                if not any(match.start() <= a < match.end() for a in places) and not _capital(line):
                    break  # a speaker label, not a dateline
            span = doc.char_span(match.start(), match.end(), alignment_mode="expand")
            if span is not None:
                found.update(range(span.start, span.end))
            break
    return found
