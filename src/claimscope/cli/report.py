"""The summary report of a database (`claimscope report`, and the end of `claimscope demo`).

Each section is a function `(store, console)`; SECTIONS lists them in order. A new section (topics, ...) is a
function added to that list.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rich import box
from rich.console import Console
from rich.table import Table

from claimscope.cli.app import app, console
from claimscope.cli.db import open_store
from claimscope.cli.output import plain
from claimscope.cli.render import MODALITY_STYLES, claim_date, interval, place_names, quantity_text, source_name
from claimscope.reconcile import lexicon
from claimscope.store import Store
from claimscope.store.records import figures

# Lemmas of the counted nouns that make a quantity a head count of people ("12,000 soldiers"): the personnel
# measure of the reconciliation lexicon, so the report and the topics agree on what a head count is.
HEADCOUNT_UNITS = frozenset(lexicon.load("topics")["measures"]["personnel"]["units"])
TOP_SOURCES = 10


def overview(store: Store, out: Console) -> None:
    """One line: how many documents, claims, quantities, places, times and actors."""
    counts = store.counts()
    out.print(plain(", ".join(f"{n} {name}" for name, n in counts.items()), style="bold"))


def documents_by_kind_and_outlet(store: Store, out: Console) -> None:
    """Documents per kind and outlet."""
    table = _table("Documents by kind and outlet", ("kind", {}), ("outlet", {}), ("documents", {"justify": "right"}))
    for kind, outlet, n in store.tally("kind", "outlet"):
        table.add_row(plain(kind), plain(outlet or "(none)"), plain(n))
    out.print(table)


def claims_by_modality(store: Store, out: Console) -> None:
    """Claims per modality, with their share."""
    rows = store.tally("modality")
    total = sum(n for _, n in rows) or 1
    right = {"justify": "right"}
    table = _table("Claims by modality", ("modality", {}), ("claims", right), ("share", right))
    for modality, n in rows:
        table.add_row(plain(modality), plain(n), plain(f"{n / total:.0%}"))
    out.print(table)


def top_sources(store: Store, out: Console) -> None:
    """The sources with the most claims (canonical actor, else the source's words; narration left out)."""
    rows = [(name, n) for name, n in store.tally("source") if name is not None][:TOP_SOURCES]
    table = _table(f"Top {TOP_SOURCES} sources", ("source", {}), ("claims", {"justify": "right"}))
    for name, n in rows:
        table.add_row(plain(name), plain(n))
    out.print(table)


def headcounts(store: Store, out: Console) -> None:
    """Every head-count quantity claimed (soldiers, troops, personnel ...), in the order the claims were made."""
    table = _table(
        "Head counts claimed, by date (≤: not dated, said by publication)",
        ("date", {"no_wrap": True}),
        ("source", {"ratio": 3, "min_width": 14}),
        ("said", {"ratio": 2, "min_width": 12}),
        ("interval", {"no_wrap": True}),
        ("places", {"ratio": 2}),
    )
    for claim in store.claims(units=HEADCOUNT_UNITS):
        for quantity in _headcount_quantities(claim):
            said = plain(quantity_text(quantity))
            if claim["modality"] != "asserted":
                said.append(f" {claim['modality']}", style=MODALITY_STYLES.get(claim["modality"], ""))
            table.add_row(
                plain(claim_date(claim)),
                plain(source_name(claim)),
                said,
                plain(interval(quantity)),
                plain(place_names(claim), style="blue"),
            )
    out.print(table)


def _headcount_quantities(claim: dict[str, Any]) -> list[dict[str, Any]]:
    return [q for q in figures(claim) if q.get("unit") in HEADCOUNT_UNITS]


def _table(title: str, *columns: tuple[str, dict[str, Any]]) -> Table:
    table = Table(title=title, title_justify="left", box=box.SIMPLE_HEAD)
    for name, options in columns:
        table.add_column(name, **options)
    return table


SECTIONS: list[Callable[[Store, Console], None]] = [
    overview,
    documents_by_kind_and_outlet,
    claims_by_modality,
    top_sources,
    headcounts,
]


def print_report(store: Store, out: Console) -> None:
    """Every section of the report, in order."""
    for section in SECTIONS:
        section(store, out)


@app.command()
def report() -> None:
    """Summarise the database: documents by kind and outlet, claims by modality, top sources, head counts, topics."""
    with open_store() as store:
        print_report(store, console)
