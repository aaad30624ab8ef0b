"""What every benchmark task shares: where the data is and how a result is reported."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent


def data_root() -> Path:
    """The benchmark corpora: `CLAIMSCOPE_BENCH_DATA`, default `../shared/benchmarks` beside the repository."""
    return Path(os.environ.get("CLAIMSCOPE_BENCH_DATA") or REPO.parent / "shared" / "benchmarks")


@dataclass
class Result:
    """One task's figures: a row per system (ours and the baseline run in the same process)."""

    task: str
    rows: list[dict[str, Any]] = field(default_factory=list)  # each row has "system" and metric columns
    notes: list[str] = field(default_factory=list)
    skipped: str | None = None  # why the task did not run (missing data), naming what is missing


def skipped(task: str, what: Path | str) -> Result:
    """A task that could not run because its data is missing."""
    return Result(task=task, skipped=f"{task}: data not found: {what}")
