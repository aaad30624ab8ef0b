"""`claimscope topics`, `topic`, `merge-topics`, `split-topic`, `rename-topic`, `add-to-topic` and `grade`:
reconciliation, read from the topics the store materialised at ingest."""

from __future__ import annotations

import difflib
from typing import Annotated, Any

import typer
from rich import box
from rich.console import Console
from rich.table import Table

from claimscope.cli.app import app, console
from claimscope.cli.db import missing_file, open_store
from claimscope.cli.output import fail, plain, print_json
from claimscope.cli.report import SECTIONS
from claimscope.reconcile import materialise
from claimscope.reconcile.edits import split_topic_id
from claimscope.reconcile.grading import RELIABILITY, check_letter, file_grades, grades_file, lineage
from claimscope.store import NotFound, Store

WindowDays = Annotated[int, typer.Option("--window", min=1, help="Days per consensus window (default 7).")]
Format = Annotated[str, typer.Option("--format", help="table or json")]
TopicId = Annotated[str, typer.Argument(metavar="ID", help="A topic id or a unique prefix of one.")]


def _open() -> Store:
    """The store, with any document stored before materialisation reconciled first."""
    store = open_store()
    materialise.catch_up(store)
    return store


@app.command()
def topics(
    q: Annotated[str | None, typer.Option("--q", help="Only topics whose label contains this.")] = None,
    limit: Annotated[int | None, typer.Option("--limit", "-n", min=1, help="At most this many (the largest).")] = None,
    window: WindowDays = materialise.WINDOW_DAYS,
    output: Format = "table",
) -> None:
    """Topics: stored claims grouped by what they count, whose, where and in what state; the largest first."""
    with _open() as store:
        if window == materialise.WINDOW_DAYS:
            found = store.topics(q=q, limit=limit)
        else:
            computed = materialise.compute(store, store.all_topic_ids(), materialise.edits_of(store),
                                           _grades(store), window)
            found = [materialise.topic_summary(t) for t in computed]
            found = [{k: v for k, v in t.items() if k not in ("data", "timeline", "windows")} for t in found
                     if not q or q.lower() in t["label"].lower()]
            found = sorted(found, key=lambda t: (-t["claims"], t["label"]))[:limit]
    if output == "json":
        print_json(found)
        return
    console.print(topics_table(found))


@app.command()
def topic(
    topic_id: TopicId,
    window: WindowDays = materialise.WINDOW_DAYS,
    every: Annotated[bool, typer.Option("--all", help="A row per claim, not per origin x figure x date.")] = False,
    output: Format = "table",
) -> None:
    """One topic's timeline (date, source, origin, figure, kind, reports, credibility, consistency), its
    denials and its consensus per window."""
    with _open() as store:
        found = _topic(store, topic_id, window)
    if output == "json":
        print_json(found)
        return
    print_topic(found, console, every)


@app.command("merge-topics")
def merge_topics(
    source: Annotated[str, typer.Argument(help="The topic to merge away (id or prefix).")],
    target: Annotated[str, typer.Argument(help="The topic it joins (id or prefix).")],
) -> None:
    """Merge one topic into another; kept across re-ingestion."""
    with _open() as store:
        a, b = _resolve(store, source), _resolve(store, target)
        if a == b:
            fail("a topic cannot be merged into itself")
        store.add_topic_edit("merge", a, target_id=b)
        store.reroute_members(a, b)
        materialise.refresh(store, {a, b})
        label = store.topic(b)["label"]
    console.print(plain(f"merged {a} into {b} ({label})"))


@app.command("split-topic")
def split_topic(
    topic_id: TopicId,
    claims: Annotated[list[str], typer.Argument(help="Claim ids (or unique prefixes) to move to the new topic.")],
    label: Annotated[str, typer.Option("--label", help="The new topic's label.")],
) -> None:
    """Move claims out of a topic into a new one with its own label; kept across re-ingestion."""
    with _open() as store:
        found = _resolve(store, topic_id)
        ids = [_claim_in(store, c, found) for c in claims]
        new_id = split_topic_id(found, label)
        for claim_id in ids:
            store.add_topic_edit("split", found, claim_id=claim_id, label=label)
            store.reroute_members(found, new_id, claim_id)
        materialise.refresh(store, {found, new_id})
    console.print(plain(f"moved {len(ids)} claim(s) from {found} to a new topic {new_id} {label!r}"))


@app.command("add-to-topic")
def add_to_topic(
    topic_id: TopicId,
    claims: Annotated[list[str], typer.Argument(help="Claim ids (or unique prefixes) to put into the topic.")],
) -> None:
    """Put claims (for instance ones in no topic) into a topic, with their first figure; kept across
    re-ingestion."""
    with _open() as store:
        found = _resolve(store, topic_id)
        held = {r["claim_id"] for r in store.topic(found)["timeline"]}
        members = {}
        for given in claims:
            claim_id = _claim(store, given)
            member = materialise.added_member(store, found, claim_id)
            if member is None:
                fail(f"claim {given!r} has no source: only sourced claims can join a topic")
            if claim_id not in held:
                members[claim_id] = member
        for claim_id, member in members.items():
            store.add_topic_edit("add", found, claim_id=claim_id)
            store.add_topic_member(member)
        materialise.refresh(store, {found})
    console.print(plain(f"added {len(members)} claim(s) to {found}"))


@app.command("rename-topic")
def rename_topic(
    topic_id: TopicId,
    label: Annotated[str, typer.Argument(help="Its new label.")],
) -> None:
    """Give a topic a label of your own; kept across re-ingestion."""
    with _open() as store:
        found = _resolve(store, topic_id)
        store.add_topic_edit("rename", found, label=label)
        materialise.refresh(store, {found})
    console.print(plain(f"renamed {found} to {label!r}"))


@app.command()
def grade(
    actor: Annotated[str | None, typer.Argument(help="The actor's name (canonical, or an alias).")] = None,
    letter: Annotated[str | None, typer.Argument(help="Reliability A–F (NATO Admiralty code).")] = None,
) -> None:
    """Set an actor's source reliability (A–F), or list the grades set (default F: cannot be judged)."""
    if actor is None and missing_file():
        _print_grades({})  # no database yet: the grades file alone
        return
    with _open() as store:
        if actor is None:
            _print_grades(store.grades())
            return
        if letter is None:
            fail("give a letter A–F after the actor")
        try:
            letter = check_letter(letter)
        except ValueError as exc:
            fail(str(exc))
        name = _canonical(actor)
        _check_known(store, actor, name)
        store.set_grade(name, letter)
        below = [a for a in store.recon_actors() if name in lineage(a)]
        materialise.refresh(store, store.topic_ids_of_actors(below))
    console.print(plain(f"{name}: {letter} ({RELIABILITY[letter]})"))


def topics_table(found: list[dict[str, Any]]) -> Table:
    """A line per topic: its id, label, claims, independent origins and the latest window's summary."""
    table = Table("id", "topic", "claims", "origins", "latest window", "low / best / high", "", box=box.SIMPLE)
    for t in found:
        last = t["latest"]
        table.add_row(t["id"], plain(t["label"]), str(t["claims"]), str(t["origins"]),
                      _period(last) if last else "", _summary(last) if last else "",
                      ", ".join(t["flags"]))
    return table


def print_topic(t: dict[str, Any], out: Console, every: bool = False) -> None:
    """A topic's timeline (collapsed per origin x figure x date unless `every`), its denials and its consensus
    per window."""
    out.print(plain(f"{t['label']}  ({t['id']}: {t['claims']} claims, {t['origins']} independent origins"
                    f"{', growing' if t['growth'] else ''})", style="bold"))
    title = "Timeline (≤: not dated in the text, the publication date stands in)"
    table = Table("date", "source", "origin", "said", "interval", "kind", "reports", "claims", "cred.",
                  "consistency", box=box.SIMPLE, title=title)
    for row in t["timeline"] if every else t["rows"]:
        day = f"{'≤' if row['date_is_publication'] else ''}{row['date'] or '?'}"
        if every:
            said = row["stated"] + (f" in {row['scope_place']}" if row["scope_place"] else "")
            sources, reports, ids = row["actor"] or row["source"], "1", row["short_id"]
        else:
            said, sources = row["said"], ", ".join(row["sources"])
            reports = f"{row['reports']} in {len(row['documents'])} doc." if row["reports"] > 1 else "1"
            ids = " ".join(row["claim_ids"])
        table.add_row(day, plain(sources), plain(row["origin"]), plain(said), row["interval"], row["kind"],
                      reports, ids, f"{row['reliability']}{row['credibility']}", row["consistency"])
    out.print(table)
    if t.get("denials"):
        denials = Table("date", "source", "origin", "denies", box=box.SIMPLE, title="Denials (beside the consensus)")
        for row in t["denials"]:
            denials.add_row(row["date"] or "?", plain(row["actor"] or row["source"]), plain(row["origin"]),
                            plain(row["content"]))
        out.print(denials)
    windows = Table("window", "origins", "consensus", "low / best / high", "", box=box.SIMPLE, title="Consensus")
    for w in t["windows"]:
        consensus = "[red]disagreement[/red]" if w["disagreement"] else _interval(w["consensus"])
        notes = "; ".join(n for n in (f"{len(w['dissent'])} dissent" if w.get("dissent") else "",
                                      f"{len(w['denied_by'])} deny" if w.get("denied_by") else "") if n)
        windows.add_row(_period(w), str(w["origins"]), consensus, _summary(w), notes)
    out.print(windows)
    out.print(plain("cred.: Admiralty reliability (A–F) and credibility (1–6); reasons and every claim: "
                    "--format json; a row per claim: --all"))


def _period(window: dict[str, Any]) -> str:
    """A window's dates, or "undated" for the window of claims no date was found for."""
    return f"{window['start']} – {window['end']}" if window["start"] else "undated"


def _interval(bounds: dict[str, Any] | None) -> str:
    if not bounds:
        return ""
    from claimscope.reconcile.records import Interval

    return str(Interval(bounds["low"], bounds["high"]))


def _summary(w: dict[str, Any]) -> str:
    def fmt(v: float | None) -> str:
        return "?" if v is None else f"{v:,.0f}"

    return f"{fmt(w['low'])} / {fmt(w['best'])} / {fmt(w['high'])}"


def _topic(store: Store, topic_id: str, window: int) -> dict[str, Any]:
    """The stored topic; with another window, recomputed from its stored memberships."""
    found = _resolve(store, topic_id)
    if window == materialise.WINDOW_DAYS:
        return materialise.topic(store, found)
    ((computed, _),) = materialise.compute(store, {found}, materialise.edits_of(store), _grades(store), window)
    return computed.to_json()


def _resolve(store: Store, topic_id: str) -> str:
    try:
        return store.resolve_topic(topic_id)
    except NotFound as exc:
        fail(f"{exc}: see `claimscope topics`")


def _claim(store: Store, given: str) -> str:
    try:
        return store.resolve_claim(given)
    except NotFound as exc:
        fail(str(exc))


def _claim_in(store: Store, given: str, topic_id: str) -> str:
    """A claim id (or unique prefix) that is in the topic."""
    held = [r["claim_id"] for r in store.topic(topic_id)["timeline"]]
    matches = sorted({c for c in held if c.startswith(given.strip().lower())})
    if len(matches) != 1:
        fail(f"topic {topic_id} holds {'no' if not matches else 'more than one'} claim {given!r}")
    return matches[0]


def _grades(store: Store) -> dict[str, str]:
    return {**file_grades(), **store.grades()}


def _canonical(name: str) -> str:
    """The actor base's canonical name for a name or alias, else the name as given."""
    from claimscope.extract.actors import ActorBase

    base = ActorBase.default()
    actor = base.get(name) or base.resolve(name)
    return actor.name if actor else name


def _check_known(store: Store, given: str, name: str) -> None:
    """Refuse a grade for a name that no stored claim's source has and the actor base does not know, naming
    the close ones (a typo would otherwise grade nobody)."""
    from claimscope.extract.actors import ActorBase

    base = ActorBase.default()
    stored = store.recon_actors()
    if name in stored or base.get(name) is not None:
        return
    names = {n.casefold(): n for n in [*(a.name for a in base), *stored]}
    close = [names[n] for n in difflib.get_close_matches(given.casefold(), list(names), n=5, cutoff=0.6)]
    hint = f"; close: {', '.join(close)}" if close else "; `claimscope grade` lists the graded ones"
    fail(f"no stored actor is named {given!r}{hint}")


def _print_grades(stored: dict[str, str]) -> None:
    grades = {**{a: (g, str(grades_file())) for a, g in file_grades().items()},
              **{a: (g, "database") for a, g in stored.items()}}
    table = Table("actor", "reliability", "set in", box=box.SIMPLE, title="Source reliability (others: F)")
    for actor, (letter, where) in sorted(grades.items()):
        table.add_row(plain(actor), f"{letter} {RELIABILITY[letter]}", plain(where))
    console.print(table)


def topics_section(store: Store, out: Console) -> None:
    """Report section: the topics, then the timeline of the topic with the most claims."""
    materialise.catch_up(store)
    found = store.topics()
    if not found:
        return
    out.print(topics_table(found))
    print_topic(materialise.topic(store, found[0]["id"]), out)


SECTIONS.append(topics_section)
