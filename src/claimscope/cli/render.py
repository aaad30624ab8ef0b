"""Rich tables for documents and claims; every cell from a document goes through `plain`."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from rich import box
from rich.table import Table
from rich.text import Text

from claimscope.cli.output import plain
from claimscope.store.records import figures

QUALIFIER_SIGNS = {"approx": "≈", "at_least": "≥", "more_than": ">", "at_most": "≤", "less_than": "<"}


def number(value: float | None) -> str:
    """12000 -> "12,000"; 2.5 -> "2.5"."""
    if value is None:
        return "?"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,}"


def interval(quantity: dict[str, Any]) -> str:
    """A quantity's interval: "10,800–13,200", "≥3,000" (no upper bound), "≤8,000", "12,000"."""
    low, high = quantity.get("low"), quantity.get("high")
    if low is None and high is None:
        return "?"
    if high is None:
        return f"≥{number(low)}"
    if low is None:
        return f"≤{number(high)}"
    return number(low) if low == high else f"{number(low)}–{number(high)}"


def quantity_text(quantity: dict[str, Any]) -> str:
    """A quantity as said, normalised: "≈12,000 soldier", "1,500–3,000 troop"."""
    if quantity.get("qualifier") == "range":
        said = f"{number(quantity.get('low', quantity['value']))}–{number(quantity.get('high'))}"
    else:
        said = QUALIFIER_SIGNS.get(quantity.get("qualifier") or "", "") + number(quantity["value"])
    return f"{said} {quantity['unit']}" if quantity.get("unit") else said


def source_name(claim: dict[str, Any]) -> str:
    """The source's canonical actor, else its words, else "(narration)"."""
    source = claim.get("source")
    if not source:
        return "(narration)"
    return source.get("actor") or source["text"]


def place_names(claim: dict[str, Any]) -> str:
    return ", ".join(p.get("name") or p["text"] for p in claim.get("places") or [])


def claim_date(claim: dict[str, Any]) -> str:
    """When the claim was made: asserted_on, else "≤" the publication date (said by then)."""
    if claim.get("asserted_on"):
        return claim["asserted_on"]
    published = (claim.get("document") or {}).get("published")
    return f"≤{published}" if published else ""


def documents_table(documents: Iterable[dict[str, Any]]) -> Table:
    """One row per document header (from `Store.documents`)."""
    table = Table(box=box.SIMPLE_HEAD)
    for name, options in (
        ("id", {"no_wrap": True}),
        ("published", {"no_wrap": True}),
        ("kind", {}),
        ("outlet", {}),
        ("title", {"ratio": 1}),
        ("claims", {"justify": "right"}),
    ):
        table.add_column(name, **options)
    for doc in documents:
        table.add_row(
            plain(doc["id"][:12]),
            plain(doc["published"]),
            plain(doc["kind"]),
            plain(doc["outlet"]),
            plain(doc["title"]),
            plain(doc["claims"]),
        )
    return table


MODALITY_STYLES = {"hedged": "yellow", "rumored": "magenta", "speculative": "cyan", "denied": "red"}


def claims_table(claims: Iterable[dict[str, Any]], with_document: bool = False) -> Table:
    """One row per claim: its date; its source and cue; its content over a line of modality, event,
    quantities, places (and the document's outlet). Three columns, so it reads in 80 columns too."""
    table = Table(box=box.SIMPLE_HEAD, leading=1)
    table.add_column("date", no_wrap=True)
    table.add_column("source", ratio=1)
    table.add_column("claim", ratio=3)
    for claim in claims:
        who = plain(source_name(claim), style="" if claim.get("source") else "dim")
        if claim.get("cue"):
            who.append("\n").append_text(plain(claim["cue"], style="dim"))
        facets = [
            plain(claim.get("modality"), style=MODALITY_STYLES.get(claim.get("modality") or "", "green")),
            plain(claim.get("event") or "", style="bold"),
            plain("; ".join(quantity_text(q) for q in figures(claim))),
            plain(place_names(claim), style="blue"),
        ]
        if with_document:
            document = claim.get("document") or {}
            facets.append(plain(document.get("outlet") or document.get("id", "")[:12], style="dim"))
        what = plain(claim["content"]["text"])
        what.append("\n").append_text(Text(" · ").join(f for f in facets if f.plain))
        table.add_row(plain(claim_date(claim)), who, what)
    return table
