"""Claim records from the store: each stored claim with what reconciliation needs of its document."""

from __future__ import annotations

import dataclasses
from collections import Counter
from datetime import date
from typing import TYPE_CHECKING, Any

from claimscope.reconcile import counting, lexicon
from claimscope.reconcile.independence import REPORTING_KINDS
from claimscope.reconcile.parties import NARROW_PRECISIONS
from claimscope.reconcile.records import ClaimRecord, Count, Place
from claimscope.store import Store
from claimscope.store.records import day_interval, figures

if TYPE_CHECKING:
    from claimscope.reconcile import Topic


def load(store: Store) -> tuple[list[ClaimRecord], dict[str, str]]:
    """Every stored claim with a source, and every document's text (for near-copy detection)."""
    claims: list[ClaimRecord] = []
    texts: dict[str, str] = {}
    for header in store.documents(limit=None):
        doc_id = header["id"]
        texts[doc_id] = store.document(doc_id)["text"]
        claims.extend(records_of(store.claims_json(doc_id)))
    return claims, texts


def records_of(extraction: dict[str, Any]) -> list[ClaimRecord]:
    """The claim records of one document's claims JSON (OUTPUT.md); unsourced narration is left out."""
    document = extraction["document"]
    published = _day(document.get("published"), None)
    context = context_country(extraction)
    records = []
    for claim in extraction["claims"]:
        source = claim.get("source")
        if not source:
            continue
        text, start = _body(claim)
        cited = _cited(source, claim.get("cites") or [])
        records.append(ClaimRecord(
            claim_id=claim["id"], document_id=document["id"], published=published, outlet=document.get("outlet"),
            source_text=source.get("text"), actor=source.get("actor"), source_kind=source.get("kind"),
            source_country=source.get("country"), asserted_on=_day(claim.get("asserted_on"), published),
            content=text, modality=claim.get("modality") or "asserted", event=claim.get("event"),
            counts=tuple(_count(q, start) for q in figures(claim)),
            places=tuple(Place(p.get("name"), p.get("country"), p.get("admin1"), p.get("precision"), p.get("text"),
                               None if p.get("start") is None else p["start"] - start)
                         for p in claim.get("places") or []
                         if p.get("role") != "setting" and (p.get("start") is None or p["start"] >= start))
            or _jurisdiction(source, extraction.get("places") or []),
            cites=tuple(a.get("actor") or a.get("text") for a in cited),
            cite_texts=tuple(a.get("text") or "" for a in cited),
            context_country=context,
        ))
    located = _located_context(records, own_affiliation(extraction))
    return [dataclasses.replace(r, context_country=located) for r in records] if located else records


def _body(claim: dict[str, Any]) -> tuple[str, int]:
    """A claim's content without a headline's section prefix ("Live updates: ..."), and its offset in the
    document; the whole content when a figure stands in the prefix."""
    content = claim["content"]
    skip = counting.section_prefix(content["text"])
    if any(content["start"] <= (q.get("start") or 0) < content["start"] + skip for q in figures(claim)):
        skip = 0
    return content["text"][skip:], content["start"] + skip


def _jurisdiction(source: dict[str, Any], places: list[dict[str, Any]]) -> tuple[Place, ...]:
    """The locality of a local official ("Kharkiv regional governor ..."): the city or region named in the
    source's words when they hold an official's title, as the place of a claim that names none (no offset: it
    is not in the claim's words)."""
    text, start, end = source.get("text") or "", source.get("start"), source.get("end")
    if start is None or end is None or not counting.has_any(text, lexicon.load("topics")["jurisdiction_titles"]):
        return ()
    inside = [p for p in places if p.get("start") is not None and start <= p["start"] < end
              and p.get("precision") in NARROW_PRECISIONS and p.get("country")]
    return tuple(Place(p.get("name"), p.get("country"), p.get("admin1"), p.get("precision"), p.get("text"))
                 for p in inside[:1])


def _cited(source: dict[str, Any], cites: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Whom a claim's source cites, without the media outlets that only relay a source that is no outlet
    ("B said X, according to A"): the claim is still B's."""
    if source.get("kind") in REPORTING_KINDS:
        return cites
    return [a for a in cites if a.get("kind") not in REPORTING_KINDS]


def _located_context(records: list[ClaimRecord], own: str | None) -> str | None:
    """The country the claims' located places ("in Lebanon", "to Russia"; not "an end to Israel's offensive")
    point to most, other than the affiliation its figures name unless it is the only one ("Palestinians killed
    in Gaza"); the first named on a tie."""
    countries = Counter(p.country for r in records for p in r.places
                        if p.country and counting.located(r, p) and not counting.possessive(r, p))
    others = Counter({country: n for country, n in countries.items() if country != own})
    found = others or countries
    return found.most_common(1)[0][0] if found else None


def context_country(extraction: dict[str, Any]) -> str | None:
    """The country a document's places point to most, other than the affiliation its figures name unless it is
    the only one: where the counted people are, for claims that name no place ("in the east"); its dateline's
    when it names no other place."""
    own = own_affiliation(extraction)
    places = [p for p in extraction.get("places") or [] if p.get("country")]
    countries = Counter(p["country"] for p in places if p.get("role") != "dateline")
    if not countries:  # a dateline is where the story is when the text names no other place
        return next((p["country"] for p in places if p.get("role") == "dateline"), None)
    others = Counter({country: n for country, n in countries.items() if country != own})
    return (others or countries).most_common(1)[0][0]


def own_affiliation(extraction: dict[str, Any]) -> str | None:
    """The affiliation a document's counted subjects and claims name most ("North Korean")."""
    affiliations = Counter(lexicon.affiliation(text) for text in [
        *(q.get("subject") for q in figures(extraction)),
        *(c["content"]["text"] for c in extraction.get("claims") or []),
    ])
    affiliations.pop(None, None)
    return affiliations.most_common(1)[0][0] if affiliations else None


def _count(quantity: dict[str, Any], content_start: int) -> Count:
    start = quantity.get("start")
    return Count(float(quantity["value"]), quantity.get("low"), quantity.get("high"), quantity["qualifier"],
                 quantity.get("unit"), quantity.get("subject"),
                 start=None if start is None else start - content_start, text=quantity.get("text"))


def _day(value: str | None, published: date | None) -> date | None:
    """A day for an ISO date of any precision: a month or year stands at the publication day when that falls
    inside it (the claim was made by then), else at its last day."""
    first, last = day_interval(value)
    if first is None or first == last:
        return first
    return published if published and first <= published <= last else last


def reconcile_store(store: Store, window_days: int = 7) -> list[Topic]:
    """Reconcile every stored claim, with the analyst's topic edits and grades (database over grades file)."""
    from claimscope.reconcile import Edit, reconcile
    from claimscope.reconcile.grading import file_grades

    claims, texts = load(store)
    edits = [Edit(e["action"], e["topic"], e["target"], e["claim"], e["label"]) for e in store.topic_edits()]
    grades = {**file_grades(), **store.grades()}
    return reconcile(claims, texts, edits, grades, window_days)
