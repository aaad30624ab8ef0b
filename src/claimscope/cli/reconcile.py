"""`claimscope topics`, `topic`, `merge-topics`, `split-topic`, `rename-topic` and `grade`: reconciliation."""

from __future__ import annotations

from typing import Annotated

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from claimscope.cli.app import app, console
from claimscope.cli.db import open_store
from claimscope.cli.output import fail, plain, print_json
from claimscope.cli.report import SECTIONS
from claimscope.reconcile import Topic
from claimscope.reconcile.consistency import Window
from claimscope.reconcile.grading import RELIABILITY, check_letter, file_grades, grades_file
from claimscope.reconcile.loading import reconcile_store
from claimscope.store import Store

WindowDays = Annotated[int, typer.Option("--window", min=1, help="Days per consensus window.")]
Format = Annotated[str, typer.Option("--format", help="table or json")]


@app.command()
def topics(window: WindowDays = 7, output: Format = "table") -> None:
    """Topics: stored claims grouped by what they count, whose, where and in what state."""
    with open_store() as store:
        found = reconcile_store(store, window)
    if output == "json":
        print_json([{k: v for k, v in t.to_json().items() if k != "timeline"} for t in found])
        return
    console.print(topics_table(found))


@app.command()
def topic(
    topic_id: Annotated[str, typer.Argument(metavar="ID", help="A topic id or a unique prefix of one.")],
    window: WindowDays = 7,
    output: Format = "table",
) -> None:
    """One topic's timeline (date, source, origin, interval, modality, credibility, consistency) and consensus."""
    with open_store() as store:
        found = _find(reconcile_store(store, window), topic_id)
    if output == "json":
        print_json(found.to_json())
        return
    print_topic(found, console)


@app.command("merge-topics")
def merge_topics(
    source: Annotated[str, typer.Argument(help="The topic to merge away (id or prefix).")],
    target: Annotated[str, typer.Argument(help="The topic it joins (id or prefix).")],
) -> None:
    """Merge one topic into another; kept across re-ingestion."""
    with open_store() as store:
        found = reconcile_store(store)
        a, b = _find(found, source), _find(found, target)
        store.add_topic_edit("merge", a.id, target_id=b.id)
    console.print(plain(f"merged {a.id} ({a.label}) into {b.id} ({b.label})"))


@app.command("split-topic")
def split_topic(
    topic_id: Annotated[str, typer.Argument(metavar="ID", help="The topic to split (id or prefix).")],
    claims: Annotated[list[str], typer.Argument(help="Claim ids to move to the new topic.")],
    label: Annotated[str, typer.Option("--label", help="The new topic's label.")],
) -> None:
    """Move claims out of a topic into a new one with its own label; kept across re-ingestion."""
    with open_store() as store:
        found = _find(reconcile_store(store), topic_id)
        held = {r.membership.claim.claim_id for r in found.rows}
        missing = [c for c in claims if c not in held]
        if missing:
            fail(f"topic {found.id} holds no claim {', '.join(missing)}")
        for claim_id in claims:
            store.add_topic_edit("split", found.id, claim_id=claim_id, label=label)
    console.print(plain(f"moved {len(claims)} claim(s) from {found.id} to a new topic {label!r}"))


@app.command("rename-topic")
def rename_topic(
    topic_id: Annotated[str, typer.Argument(metavar="ID", help="The topic (id or prefix).")],
    label: Annotated[str, typer.Argument(help="Its new label.")],
) -> None:
    """Give a topic a label of your own; kept across re-ingestion."""
    with open_store() as store:
        found = _find(reconcile_store(store), topic_id)
        store.add_topic_edit("rename", found.id, label=label)
    console.print(plain(f"renamed {found.id} to {label!r}"))


@app.command()
def grade(
    actor: Annotated[str | None, typer.Argument(help="The actor's name (canonical, or an alias).")] = None,
    letter: Annotated[str | None, typer.Argument(help="Reliability A–F (NATO Admiralty code).")] = None,
) -> None:
    """Set an actor's source reliability (A–F), or list the grades set (default F: cannot be judged)."""
    with open_store() as store:
        if actor is None:
            _print_grades(store)
            return
        if letter is None:
            fail("give a letter A–F after the actor")
        try:
            letter = check_letter(letter)
        except ValueError as exc:
            fail(str(exc))
        name = _canonical(actor)
        store.set_grade(name, letter)
    console.print(plain(f"{name}: {letter} ({RELIABILITY[letter]})"))


def topics_table(found: list[Topic]) -> Table:
    """A line per topic: its id, label, claims, independent origins and the latest window's summary."""
    table = Table("id", "topic", "claims", "origins", "latest window", "low / best / high", "", box=box.SIMPLE)
    for t in found:
        last = t.windows[-1] if t.windows else None
        flags = ", ".join(f for f, on in (("growth", t.growth), ("disagreement", bool(last and last.disagreement)))
                          if on)
        table.add_row(t.id, plain(t.label), str(len(t.rows)), str(t.origin_count),
                      f"{last.start}…{last.end}" if last else "", _summary(last) if last else "", flags)
    return table


def print_topic(t: Topic, out: Console) -> None:
    """A topic's timeline table and its consensus per window."""
    out.print(plain(f"{t.label}  ({t.id}: {len(t.rows)} claims, {t.origin_count} independent origins"
                    f"{', growing' if t.growth else ''})", style="bold"))
    table = Table("date", "source", "origin", "said", "interval", "modality", "cred.", "consistency",
                  box=box.SIMPLE, title="Timeline (≤: not dated in the text, the publication date stands in)")
    for row in t.rows:
        m, c = row.membership, row.membership.claim
        day = f"{'≤' if c.date_is_publication else ''}{c.when or '?'}"
        said = f"{m.stated}" + (f" in {m.scope_place}" if m.scope_place else "") + (" (denied)" if m.denied else "")
        table.add_row(day, plain(c.actor or c.source_text), plain(row.origin.label), plain(said),
                      str(m.interval), c.modality, f"{row.reliability.code}{row.credibility.code}",
                      row.relations.label())
    out.print(table)
    windows = Table("window", "origins", "consensus", "low / best / high", box=box.SIMPLE, title="Consensus")
    for w in t.windows:
        consensus = "[red]disagreement[/red]" if w.disagreement else (str(w.consensus) if w.consensus else "")
        windows.add_row(f"{w.start} – {w.end}", str(len(w.origins)), consensus, _summary(w))
    out.print(windows)
    out.print(plain("cred.: Admiralty reliability (A–F) and credibility (1–6); reasons: --format json"))


def _summary(w: Window) -> str:
    def fmt(v: float | None) -> str:
        return "?" if v is None else f"{v:,.0f}"

    return f"{fmt(w.low)} / {fmt(w.best)} / {fmt(w.high)}"


def _find(found: list[Topic], topic_id: str) -> Topic:
    matches = [t for t in found if t.id.startswith(topic_id.strip().lower())]
    if len(matches) != 1:
        fail(f"{'no' if not matches else 'more than one'} topic with id {topic_id!r}: see `claimscope topics`")
    return matches[0]


def _canonical(name: str) -> str:
    """The actor base's canonical name for a name or alias, else the name as given."""
    from claimscope.extract.actors import ActorBase

    base = ActorBase.default()
    actor = base.get(name) or base.resolve(name)
    return actor.name if actor else name


def _print_grades(store: Store) -> None:
    grades = {**{a: (g, str(grades_file())) for a, g in file_grades().items()},
              **{a: (g, "database") for a, g in store.grades().items()}}
    table = Table("actor", "reliability", "set in", box=box.SIMPLE, title="Source reliability (others: F)")
    for actor, (letter, where) in sorted(grades.items()):
        table.add_row(plain(actor), f"{letter} {RELIABILITY[letter]}", plain(where))
    console.print(table)


def topics_section(store: Store, out: Console) -> None:
    """Report section: the topics, then the timeline of the topic with the most claims."""
    found = reconcile_store(store)
    if not found:
        return
    out.print(topics_table(found))
    print_topic(found[0], out)


SECTIONS.append(topics_section)
