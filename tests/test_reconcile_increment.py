"""An ingest updates a stored topic from the claims it adds (`claimscope.reconcile.increment`): the result equals
recomputing every topic whole, on random stories (several origins, out-of-order dates, repeats, denials, open
bounds, near-copy documents, undated documents), one document at a time or in batches; and it reads only the rows still holding."""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

import pytest

from claimscope.ingest import Document
from claimscope.reconcile import materialise
from claimscope.reconcile.loading import reconcile_store
from claimscope.store import Store

SOURCES = [("Ministry of Defence of Ukraine", "government", "UA"), ("Pentagon", "government", "US"),
           ("National Intelligence Service", "agency", "KR"), ("Kremlin", "government", "RU"),
           ("Reuters", "media outlet", "GB")]
STATES = ["were sent to", "were killed in"]
QUALIFIERS = {"exact": lambda v: (v, v), "approx": lambda v: (round(v * 0.9), round(v * 1.1)),
              "at_least": lambda v: (v, None), "at_most": lambda v: (None, v)}


def story_document(n: int, rng: random.Random, day: date | None, sentences: list[tuple] | None = None):
    """Document `n` (OUTPUT.md claims JSON): three claims, or the given (source, figure, qualifier, state,
    modality) sentences re-published (a near copy); without a date when `day` is None."""
    if sentences is None:
        sentences = [(rng.choice(SOURCES), rng.choice([1000, 3000, 3000, 10000, 12000]), rng.choice(list(QUALIFIERS)),
                      rng.choice(STATES), "denied" if rng.random() < 0.1 else "asserted") for _ in range(3)]
    text, claims, quantities, places = "", [], [], []
    for i, ((source, kind, country), figure, qualifier, state, modality) in enumerate(sentences):
        content = f"{figure:,} North Korean soldiers {state} Russia"
        head = f"{source} {'denied' if modality == 'denied' else 'said'} that "
        start = len(text) + len(head)
        low, high = QUALIFIERS[qualifier](figure)
        quantity = {"text": f"{figure:,}", "start": start, "end": start + len(f"{figure:,}"), "value": figure,
                    "low": low, "high": high, "qualifier": qualifier, "unit": "soldier", "subject": None}
        at = start + content.rindex("Russia")
        place = {"text": "Russia", "start": at, "end": at + 6, "name": "Russia", "country": "RU",
                 "precision": "country", "admin1": None}
        claims.append({
            "id": f"{n:06x}{i:02x}", "source": {"text": source, "start": len(text), "end": len(text) + len(source),
                                                "actor": source, "kind": kind, "country": country},
            "cue": "deny" if modality == "denied" else "say",
            "cue_span": {"text": "said", "start": len(text) + len(source) + 1, "end": len(text) + len(source) + 5},
            "channel": None, "asserted_on": day and day.isoformat(),
            "content": {"text": content, "start": start, "end": start + len(content)}, "modality": modality,
            "event": "deployment", "quantities": [quantity], "places": [{**place, "role": "content"}], "times": [],
            "relayed_by": [], "cites": []})
        quantities.append(quantity)
        places.append(place)
        text += head + content + ". The report gave no further detail about the units or their commanders. "
    text += f"Published by Wire {n}."
    published = None if day is None else datetime(day.year, day.month, day.day)
    document = Document(text=text, title=f"report {n}", outlet=f"Wire {n}", published=published,
                        published_precision=None if day is None else "day")
    data = {"document": {"id": document.id, "title": document.title, "published": day and day.isoformat(),
                         "language": "en", "outlet": document.outlet, "kind": "article"},
            "claims": claims, "quantities": quantities, "places": places, "times": [], "actors": []}
    return document, data, sentences


def shown(store: Store) -> dict[str, dict]:
    return {t["id"]: materialise.topic(store, t["id"]) for t in store.topics()}


@pytest.mark.parametrize("seed,batch,undated", [(1, 1, 0), (2, 1, 0), (3, 4, 0), (4, 1, 0), (6, 1, 0.1), (7, 3, 0.1)])
def test_increments_equal_the_whole_computation(db_url, seed, batch, undated):
    rng = random.Random(seed)
    with Store(db_url) as store:
        edits, touched, published = materialise.edits_of(store), set(), []
        for n in range(60):
            if rng.random() < undated:  # a report without a date (a text file)
                document, data, _ = story_document(n, rng, None)
            elif published and rng.random() < 0.2:  # a near copy of an earlier report, days later
                day, sentences = rng.choice(published)
                document, data, _ = story_document(n, rng, day + timedelta(days=rng.randint(0, 3)), sentences)
            else:  # mostly in date order, some reports ingested late
                day = date(2024, 10, 1) + timedelta(days=n // 2 - (rng.randint(0, 20) if rng.random() < 0.15 else 0))
                document, data, sentences = story_document(n, rng, day)
                published.append((day, sentences))
            store.add(document, data)
            touched |= materialise.add_document(store, data, document.text, edits, refresh_topics=False)
            if (n + 1) % batch == 0:
                materialise.refresh(store, touched, edits, incremental=True)
                touched = set()
        materialise.refresh(store, touched, edits, incremental=True)
        incremental = shown(store)
        assert incremental and max(t["claims"] for t in incremental.values()) >= 20
        starts = [w["start"] for t in incremental.values() for w in t["windows"]]
        assert starts.count(None) == (len(incremental) if undated else 0)  # one undated window, before the others
        assert all(t["windows"][0]["start"] is None for t in incremental.values()) or not undated
        assert incremental == {t.id: t.to_json() for t in reconcile_store(store)}
        summaries = {t["id"]: t for t in store.topics()}
        materialise.rebuild(store)
        assert shown(store) == incremental
        assert {t["id"]: t for t in store.topics()} == summaries


def test_an_increment_reads_only_the_rows_still_holding(db_url):
    rng = random.Random(9)
    with Store(db_url) as store:
        for n in range(30):  # two origins alternate, one claim a day each
            source = SOURCES[n % 2]
            document, data, _ = story_document(n, rng, date(2024, 10, 1) + timedelta(days=n),
                                               [(source, 1000 + 10 * n, "exact", STATES[0], "asserted")])
            store.add(document, data)
            materialise.add_document(store, data, document.text)
        (topic,) = store.topics()
        day = date(2024, 10, 1) + timedelta(days=30)
        context = store.timeline_context(topic["id"], (day - timedelta(days=day.weekday())).isoformat(),
                                         (day - timedelta(days=7)).isoformat())
        assert topic["claims"] == 30 and len(context) <= 9  # the week before and the two latest, not all 30


def test_topic_pages_list_every_topic_once_in_listing_order(db_url):
    rng = random.Random(5)
    with Store(db_url) as store:
        for n in range(12):
            document, data, _ = story_document(n, rng, date(2024, 10, 1) + timedelta(days=n))
            store.add(document, data)
            materialise.add_document(store, data, document.text)
        listing = store.topics()
        paged, cursor = [], None
        while True:
            page, cursor = store.topics_page(after=cursor, size=1)
            paged += page
            if cursor is None:
                break
        assert len(listing) >= 2 and paged == listing
        assert store.topics_page(min_claims=listing[0]["claims"])[0] == [t for t in listing
                                                                         if t["claims"] >= listing[0]["claims"]]
        assert store.topics_page(q="killed")[0] == store.topics(q="killed")
        with pytest.raises(ValueError):
            store.topics_page(after="bm90IGEgY3Vyc29y")
