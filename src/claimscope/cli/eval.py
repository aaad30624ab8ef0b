"""`claimscope eval`: measure the extractor on gold files annotated to ANNOTATION.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import typer
from rich.table import Table

from claimscope.cli.app import app, console, err_console
from claimscope.evaluate import Report, score


@app.command("eval")
def eval_command(
    gold: list[Path] = typer.Argument(..., help="Gold files (*-gold.json); each names its document in `doc`."),
    pred: list[Path] = typer.Option(
        None, "--pred", help="Score these prediction files (one per gold file, in order) instead of extracting."
    ),
    output: str = typer.Option("table", "--format", help="table or json"),
    min_f1: float = typer.Option(None, "--min-f1", help="Exit with status 1 when claim F1 is below this."),
) -> None:
    """Score claimscope's extraction (or given predictions) against gold claims, micro-averaged over files."""
    golds = [_load_json(path) for path in gold]
    if pred and len(pred) != len(gold):
        raise typer.BadParameter("give one --pred for each gold file")
    predictions = [_load_json(path) for path in pred] if pred else _extract(gold, golds)
    report = score(zip(golds, predictions))
    if output == "json":
        figures: dict[str, Any] = report.figures()
        figures["misses"] = [m.__dict__ for m in report.misses]
        console.print_json(json.dumps(figures))
    else:
        _print_report(report)
    f1 = report.figures()["claim_f1"]
    if min_f1 is not None and f1 < min_f1:
        err_console.print(f"claim_f1 {f1:.3f} < {min_f1}", markup=False)
        raise typer.Exit(1)


def _load_json(path: Path) -> dict[str, Any]:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as err:
        raise typer.BadParameter(f"{path}: {err}") from None


def _extract(paths: list[Path], golds: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Extract the document each gold file names (relative to the gold file), with one pipeline load."""
    from claimscope.extract import Extractor
    from claimscope.ingest import IngestError, read

    documents = []
    for path, gold in zip(paths, golds):
        target = path.parent / gold["doc"]
        found = next(read(str(target)), None)
        if found is None or isinstance(found, IngestError):
            raise typer.BadParameter(f"{path}: document {target} unreadable: {found}")
        documents.append(found)
    return [claims for _, claims in Extractor().extract_many(documents)]


def _print_report(report: Report) -> None:
    misses = Table("document", "gold claim", "field", "got", title="Misses")
    for miss in report.misses:
        misses.add_row(str(miss.doc), miss.claim, miss.field, "" if miss.got is None else repr(miss.got))
    if report.misses:
        console.print(misses)
    fields = Table("field", "correct", "scored", "accuracy", title="Per field")
    for name, hit, n, accuracy in report.field_table():
        fields.add_row(name, str(hit), str(n), f"{accuracy:.3f}")
    console.print(fields)
    figures = Table("figure", "value", title=f"Figures ({report.documents} documents, micro-averaged)")
    for name, value in report.figures().items():
        figures.add_row(name, str(value))
    console.print(figures)
