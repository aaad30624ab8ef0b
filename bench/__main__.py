"""`python -m bench TASK|all [--json] [--limit N]`: run benchmark tasks and print their figures.

Each task module exposes `run(root: Path) -> Result`; the data root is `CLAIMSCOPE_BENCH_DATA`
(default ../shared/benchmarks). `--limit N` sets `CLAIMSCOPE_BENCH_LIMIT` for a quick run on N documents.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib
import json
import os
import sys
import time

from rich.console import Console
from rich.table import Table

from bench.common import Result, data_root

TASKS = {
    "claims": "bench.claims",
    "attribution": "bench.polnear",
    "dates": "bench.timebank",
    "relative-dates": "bench.relative_dates",
    "places": "bench.geoparsing",
    "numbers": "bench.numbers",
    "throughput": "bench.throughput",
    "reconcile": "bench.reconcile",
    "reconcile-scale": "bench.reconcile_scale",
    "scale": "bench.scale",
    "robustness": "bench.robustness",
    "long-docs": "bench.long_docs",
    "export": "bench.export",
    "serve": "bench.serve",
    "startup": "bench.startup",
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("task", choices=[*TASKS, "all"])
    parser.add_argument("--json", action="store_true", help="print machine-readable results")
    parser.add_argument("--limit", type=int, help="at most N documents per corpus (a quick run)")
    args = parser.parse_args(argv)
    if args.limit:
        os.environ["CLAIMSCOPE_BENCH_LIMIT"] = str(args.limit)
    names = list(TASKS) if args.task == "all" else [args.task]
    results = []
    for name in names:
        started = time.perf_counter()
        result: Result = importlib.import_module(TASKS[name]).run(data_root())
        result.notes.append(f"ran in {time.perf_counter() - started:.1f} s")
        results.append(result)
        if not args.json:
            show(result)
    if args.json:
        print(json.dumps([dataclasses.asdict(r) for r in results], indent=1))
    return 0


def show(result: Result) -> None:
    """One table per task: a row per system, a column per figure."""
    console = Console()
    if result.skipped:
        console.print(f"[yellow]skipped[/yellow] {result.skipped}", highlight=False)
        return
    columns = list(dict.fromkeys(key for row in result.rows for key in row))
    table = Table(*columns, title=result.task)
    for row in result.rows:
        table.add_row(*(_cell(row.get(c)) for c in columns))
    console.print(table)
    for note in result.notes:
        console.print(f"  {note}", highlight=False, markup=False)


def _cell(value: object) -> str:
    if isinstance(value, float):
        return f"{value:.3f}" if abs(value) < 100 else f"{value:,.0f}"
    return "" if value is None else str(value)


if __name__ == "__main__":
    sys.exit(main())
