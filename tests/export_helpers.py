"""What the export tests share: a store filled from the bundled sample corpus, and a hostile hand-made document."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from claimscope import batch
from claimscope.export import stream
from claimscope.ingest.document import Document
from claimscope.samples import corpus_dir
from claimscope.store import Store

# The seed article, a denial, an "at least", the HUR origin and a wire copy of it, two Pentagon figures, a
# JSONL wire feed of three posts: sources, grades, topics, places of every precision.
SAMPLE_FILES = (
    "001-seed-kyiv-reports-north-korean-troops.txt",
    "002-kremlin-calls-troop-reports-fake-news.md",
    "011-white-house-at-least-3000.md",
    "013-hur-statement-12000-five-training-grounds.md",
    "014-baltic-wire-hur-12000-three-generals.md",
    "022-pentagon-statement-singh-10000.md",
    "024-pentagon-raises-estimate-to-10000.md",
    "028-wire-feed-nov-4-to-7.jsonl",
)


def sample_store(tmp_path_factory: Any, extractor: Any, files: tuple[str, ...] | None = SAMPLE_FILES) -> str:
    """The URL of a fresh SQLite store holding the sample files (all of the corpus with `files=None`)."""
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'export.db'}"
    targets = [str(corpus_dir())] if files is None else [str(corpus_dir() / name) for name in files]
    errors: list[str] = []
    with Store(url) as store:
        counts = batch.ingest(targets, store, extractor, on_error=errors.append)
    assert counts.failed == 0 and counts.new, errors
    return url


def export(url: str, fmt: str, **filters: Any) -> str:
    """The whole export text of a store."""
    with Store(url) as store:
        return "".join(stream(store, fmt, **filters))


HOSTILE_SOURCE = "=HYPERLINK(\"https://evil.example\",\"click\")"
HOSTILE_CONTENT = "+cmd|' /C calc'!A0 is what they said"


def add_hostile(url: str) -> str:
    """Store a document whose source, content and place name start like spreadsheet formulas, at a place
    south and west of the equator and Greenwich (negative coordinates); its id."""
    text = f"{HOSTILE_SOURCE} said {HOSTILE_CONTENT} in @Santiago with -5 soldiers."
    document = Document(text=text, title="-1 headline", outlet="@outlet", url="https://x.example/a",
                        published=datetime(2024, 11, 2), published_precision="day")
    source_start = 0
    said = text.index(" said") + 1
    content_start = text.index(HOSTILE_CONTENT)
    place_start = text.index("@Santiago")
    quantity_start = text.index("-5 soldiers")
    place = {"text": "@Santiago", "start": place_start, "end": place_start + 9, "name": "=Santiago",
             "lat": -33.45694, "lon": -70.64827, "geonames_id": 3871336, "country": "CL", "feature": "PPLC",
             "precision": "city"}
    quantity = {"text": "-5 soldiers", "start": quantity_start, "end": quantity_start + 11, "value": -5,
                "low": -5, "high": -5, "qualifier": "exact", "unit": "soldier", "subject": "-soldiers"}
    claims_json = {
        "document": {"id": document.id, "title": document.title, "published": "2024-11-02", "url": document.url,
                     "language": "en"},
        "claims": [{
            "id": "hostile-claim-1",
            "source": {"text": HOSTILE_SOURCE, "start": source_start, "end": len(HOSTILE_SOURCE), "actor": None,
                       "kind": "person", "country": None},
            "cue": "say", "cue_span": {"text": "said", "start": said, "end": said + 4}, "channel": None,
            "asserted_on": "2024-11-01",
            "content": {"text": text[content_start:], "start": content_start, "end": len(text)},
            "modality": "asserted", "event": None, "quantities": [quantity], "places": [place],
            "times": [],
        }],
        "times": [], "places": [place], "actors": [], "quantities": [quantity],
    }
    with Store(url) as store:
        store.add(document, claims_json)
    return document.id
