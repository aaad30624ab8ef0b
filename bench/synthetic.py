"""Synthetic documents and claims, written straight into the store's tables in bulk, to reach 10^5 documents and
10^6 claims quickly; the store's own triggers and generated columns index them as they would real rows.

Every document has `CLAIMS_PER_DOC` claims, each with one quantity; sources come from a pool of actors, dates
spread over two years (one claim in 50 dated by its month), texts are drawn from a Zipf-like vocabulary, so
searches and filters select a realistic share of the rows. Ids start far above the ones the store's sequences give real rows stored afterwards.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import insert

from claimscope.store import Store
from claimscope.store.schema import ActorRow, ClaimQuantityRow, ClaimRow, DocumentRow, QuantityRow

CLAIMS_PER_DOC = 10
ACTORS = 300
FIRST_ID = 1_000_000_000
SYLLABLES = ("ka", "lo", "mi", "ra", "tu", "sen", "vor", "dan", "pe", "li", "go", "sha", "nor", "bel", "ki", "ost")
VOCABULARY = [a + b + c for a in SYLLABLES for b in SYLLABLES for c in ("", "n", "s", "ta")][:800]
WEIGHTS = [1 / (rank + 1) for rank in range(len(VOCABULARY))]
MODALITIES = ("asserted", "asserted", "asserted", "hedged", "rumored", "denied")
EVENTS = (None, "strike", "deployment", "casualties", "sighting", "arrival")
UNITS = ("soldier", "civilian", "drone", "missile", "tank", "person")
CUES = ("say", "report", "claim", "tell", "announce")
START = date(2023, 1, 1)
MONTH_DATED_EVERY = 50  # one claim in 50 is dated by its month ("in March"), an interval of a month


def actor_name(index: int) -> str:
    """The canonical name of a synthetic actor."""
    return f"Synthetic Actor {index}"


def create_actors(store: Store) -> None:
    """The pool of actors every synthetic claim draws its source from."""
    rows = [{"id": FIRST_ID + i, "name": actor_name(i), "kind": "person", "country": "XX"} for i in range(ACTORS)]
    with store.engine.begin() as connection:
        connection.execute(insert(ActorRow.__table__), rows)


def fill(store: Store, start: int, end: int, chunk: int = 2000) -> None:
    """Synthetic documents numbered start..end-1 with their claims, in transactions of `chunk` documents."""
    for first in range(start, end, chunk):
        rows = _rows(range(first, min(end, first + chunk)))
        with store.engine.begin() as connection:
            for table, values in rows.items():
                connection.execute(insert(table.__table__), values)


def _rows(numbers: range) -> dict[type, list[dict[str, Any]]]:
    documents, claims, quantities, links = [], [], [], []
    for n in numbers:
        rng = random.Random(n)
        doc_id = f"s{n:019d}"
        day = START + timedelta(days=rng.randrange(730))
        words = rng.choices(VOCABULARY, WEIGHTS, k=120)
        text = " ".join(words)
        documents.append({
            "id": doc_id, "title": " ".join(words[:6]), "url": None, "outlet": f"Outlet {n % 40}",
            "published": day.isoformat(), "published_precision": "day", "language": "en",
            "kind": "article" if n % 4 else "post", "text": text, "origin": None, "meta": {},
            "ingested_at": datetime(2026, 1, 1),
        })
        for j in range(CLAIMS_PER_DOC):
            claim_id, quantity_id = f"{doc_id}-{j:02d}", FIRST_ID + n * CLAIMS_PER_DOC + j
            source = rng.randrange(ACTORS)
            asserted = day - timedelta(days=rng.randrange(3))
            asserted_on, dated_from, dated_to = asserted.isoformat(), asserted, asserted
            if (n * CLAIMS_PER_DOC + j) % MONTH_DATED_EVERY == 0:
                asserted_on, dated_from = asserted.strftime("%Y-%m"), asserted.replace(day=1)
                dated_to = (dated_from + timedelta(days=31)).replace(day=1) - timedelta(days=1)
            content = " ".join(rng.choices(VOCABULARY, WEIGHTS, k=14))
            claims.append({
                "id": claim_id, "document_id": doc_id, "position": j, "source_text": actor_name(source),
                "source_start": 0, "source_end": 5, "source_actor_id": FIRST_ID + source, "source_kind": "person",
                "source_country": "XX", "cue": rng.choice(CUES), "cue_text": "said", "cue_start": 6, "cue_end": 10,
                "channel": None, "asserted_on": asserted_on, "dated_from": dated_from, "dated_to": dated_to,
                "content_text": content, "content_start": 11, "content_end": 11 + len(content), "content_parts": None,
                "modality": rng.choice(MODALITIES), "event": rng.choice(EVENTS),
            })
            value = rng.randrange(1, 20000)
            quantities.append({
                "id": quantity_id, "document_id": doc_id, "position": j, "text": str(value), "start": 0, "end": 1,
                "value": value, "low": value, "high": value, "qualifier": "exact", "unit": rng.choice(UNITS),
                "subject": None,
            })
            links.append({"claim_id": claim_id, "position": 0, "quantity_id": quantity_id})
    return {DocumentRow: documents, ClaimRow: claims, QuantityRow: quantities, ClaimQuantityRow: links}
