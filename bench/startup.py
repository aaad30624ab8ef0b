"""Start-up costs: the cached gazetteer index, the cached entity-ruler patterns and the full pipeline, each
against loading the bare spaCy model in the same run (the tests assert behaviour only, never these times)."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench.common import Result


def _seconds(step: Callable[[], Any], repeat: int = 3) -> float:
    """The fastest of a few runs of `step` (the others pay for a cold file cache)."""
    best = float("inf")
    for _ in range(repeat):
        started = time.perf_counter()
        step()
        best = min(best, time.perf_counter() - started)
    return best


def run(root: Path) -> Result:
    from claimscope.extract.pipeline import build_pipeline, load_model
    from claimscope.geo import Gazetteer
    from claimscope.geo.build import build_index
    from claimscope.geo.patterns import MIN_CITY_POPULATION, _cached_patterns, ruler_patterns

    index = build_index()  # built once into the cache, as a first run does; timed below from the cache
    patterns = ruler_patterns()

    def add_patterns() -> None:
        nlp = load_model()
        ruler = nlp.add_pipe("entity_ruler", before="ner", config={"validate": False})
        with nlp.select_pipes(enable=[]):
            ruler.add_patterns(patterns)

    bare = _seconds(load_model)
    rows = [{"system": "bare spaCy model load (baseline)", "ms": round(bare * 1000, 1), "ratio": 1.0}]
    for name, step in [("gazetteer index: open the cached file, first lookup", lambda: Gazetteer(index).lookup("Kursk")),
                       ("ruler patterns from their cached file", lambda: _cached_patterns.__wrapped__(MIN_CITY_POPULATION)),
                       ("model + ruler patterns (tokenizer only)", add_patterns),
                       ("full claimscope pipeline", build_pipeline)]:
        took = _seconds(step)
        rows.append({"system": name, "ms": round(took * 1000, 1), "ratio": round(took / bare, 3)})
    return Result(task="startup", rows=rows, notes=[f"{len(patterns):,} ruler patterns"])
