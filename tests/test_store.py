"""The store against a real SQLite file: migrations, idempotent adds, atomicity, FTS search, round trip, filters."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
import time
from datetime import date, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from claimscope.ingest.document import Document
from claimscope.store import Store, StoreError, conditions, migrate, pages, records, repository
from claimscope.store.repository import search_portable
from claimscope.store.schema import Base, DocumentRow
from claimscope.store.search import parse

FIXTURE = json.loads((Path(__file__).parent / "fixtures" / "cli" / "seed-claims.json").read_text())


def seed() -> tuple[Document, dict]:
    """The seed article as a Document and hand-made claims JSON (offsets checked against its text)."""
    fields = FIXTURE["document"]
    document = Document(**{**fields, "published": datetime.fromisoformat(fields["published"])})
    return document, copy.deepcopy(FIXTURE["claims_json"])


def other(text: str, **kw) -> tuple[Document, dict]:
    """A small document with no claims."""
    document = Document(text=text, **kw)
    return document, {"document": {"id": document.id}, "claims": [], "times": [], "places": [], "actors": []}


@pytest.fixture()
def store(db_url):
    with Store(db_url) as opened:
        yield opened


def test_fixture_offsets_point_into_the_text():
    text_ = FIXTURE["document"]["text"]
    data = FIXTURE["claims_json"]
    for mention in data["times"] + data["places"] + data["actors"] + data["quantities"]:
        assert text_[mention["start"] : mention["end"]] == mention["text"]
    for claim in data["claims"]:
        for start, end in claim["content"].get("parts", []):
            assert start >= claim["content"]["start"] and end <= claim["content"]["end"]


def _search_index(diff) -> bool:
    """A difference the full-text indexes make: SQLite's FTS5 tables, PostgreSQL's search column and its index,
    the trigram index of claims' content."""
    kind = diff[0][0] if isinstance(diff, list) else diff[0]
    if kind == "remove_table":
        return diff[1].name.startswith(("documents_fts", "claims_content_fts"))
    if kind == "remove_column":
        return diff[2] == "documents" and diff[3].name == "search"
    return kind == "remove_index" and diff[1].name in {"ix_documents_search", "ix_claims_content_trigrams"}


@pytest.mark.filterwarnings("ignore:Skipped unsupported reflection of expression-based index")
@pytest.mark.filterwarnings("ignore:autogenerate skipping metadata-specified expression-based index")
def test_migrations_create_the_schema_of_the_models(db_url):
    Store(db_url).close()
    engine = create_engine(db_url)
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables
    if engine.dialect.name == "sqlite":
        assert "documents_fts" in tables
    else:
        assert "search" in {c["name"] for c in inspect(engine).get_columns("documents")}
    with engine.connect() as connection:
        assert MigrationContext.configure(connection).get_current_heads() == tuple(migrate.head_revisions())
        diffs = [
            d for d in compare_metadata(MigrationContext.configure(connection), Base.metadata) if not _search_index(d)
        ]
    engine.dispose()
    assert diffs == []
    assert migrate.current_revisions(engine) == migrate.head_revisions()


def test_reopening_an_existing_database_keeps_its_rows(db_url):
    document, data = seed()
    with Store(db_url) as first:
        assert first.add(document, data)
    with Store(db_url) as second:
        assert second.has(document.id)
        assert second.counts()["claims"] == len(data["claims"])


def test_add_is_idempotent(store):
    document, data = seed()
    assert not store.has(document.id)
    assert store.add(document, data) is True
    counts = store.counts()
    assert store.add(document, data) is False
    same_text = Document(text=document.text, title="another title", origin="copy.txt")
    assert store.add(same_text, data) is False
    assert store.counts() == counts
    assert counts == {"documents": 1, "claims": 10, "quantities": 7, "places": 5, "times": 5, "actors": 6}


def test_claims_json_round_trip(store):
    document, data = seed()
    store.add(document, data)
    stored = store.claims_json(document.id[:8])
    expected = {**data, "document": {**data["document"], "published": "2024-10-25"}}
    assert stored == expected
    assert json.loads(json.dumps(stored)) == expected
    assert stored["claims"][7]["content"]["parts"] == data["claims"][7]["content"]["parts"]
    assert stored["claims"][9]["source"] is None and stored["claims"][9]["cue_span"] is None


def test_vague_quantities_round_trip_apart_and_read_back_in_text_order(store):
    document, data = seed()
    vague = data["claims"][2]["quantities"].pop(1)  # "five military training facilities", as if vague
    data["claims"][2]["vague_quantities"] = [vague]
    data["quantities"].remove(vague)
    data["vague_quantities"] = [vague]
    store.add(document, data)
    stored = store.claims_json(document.id)
    assert stored["claims"][2]["quantities"] == data["claims"][2]["quantities"]
    assert stored["claims"][2]["vague_quantities"] == [vague] and stored["vague_quantities"] == [vague]
    assert [q["text"] for q in records.figures(stored["claims"][2])] == ["around 12,000 North Korean soldiers",
                                                                         "five military training facilities"]
    assert store.counts()["quantities"] == 7


def test_failure_midway_stores_nothing_of_the_document(store):
    document, data = seed()
    broken = copy.deepcopy(data)
    broken["claims"][5]["content"]["text"] = None  # NOT NULL: fails at insert, after the document row and others
    with pytest.raises(Exception):
        store.add(document, broken)
    assert not store.has(document.id)
    assert all(n == 0 for n in store.counts().values())
    duplicated = copy.deepcopy(data)
    duplicated["claims"][3]["id"] = duplicated["claims"][2]["id"]
    with pytest.raises(ValueError, match="share an id"):
        store.add(document, duplicated)
    unlisted = copy.deepcopy(data)
    unlisted["quantities"].pop(0)
    with pytest.raises(ValueError, match="not among the document's quantity mentions"):
        store.add(document, unlisted)
    assert all(n == 0 for n in store.counts().values())
    assert store.add(document, data) is True


def test_full_text_search(store):
    store.add(*seed())
    store.add(*other("Rain is expected over Kazan this weekend.", title="Weather", outlet="Local"))
    store.add(*other("Nothing to report near the river.", title="Quiet day"))
    assert [d["title"] for d in store.documents(q="Sergeevka training")] == [
        "Kyiv reports North Korean troops near the border"
    ]
    assert len(store.documents(q="Kazan")) == 2
    assert store.documents(q='"North Korean soldiers"')[0]["claims"] == 10
    assert store.documents(q='"soldiers North Korean"') == []
    assert [d["title"] for d in store.documents(q="weath*")] == ["Weather"]
    assert len(store.documents(q="Kazán")) == 2  # diacritics folded


def test_search_ranks_the_newest_matches_only(store, monkeypatch):
    # Ranking reads each match, so a common word's search ranks only the newest RANKED_MATCHES (or `limit`).
    olds, news = set(), set()
    for n in range(3):  # older documents, better matches (the word four times)
        document, data = other(f"Old note {n}: drones, drones, drones and drones.")
        store.add(document, data)
        olds.add(document.id)
        time.sleep(0.002)
    for n in range(3):
        document, data = other(f"New note {n} on drones and the weather, rain, wind and the river below.")
        store.add(document, data)
        news.add(document.id)
        time.sleep(0.002)
    monkeypatch.setattr(repository, "RANKED_MATCHES", 3)
    assert {d["id"] for d in store.documents(q="drones", limit=2)} <= news
    everything = store.documents(q="drones", limit=None)  # no limit: every match ranked, the old ones first
    assert {d["id"] for d in everything[:3]} == olds and {d["id"] for d in everything[3:]} == news
    assert len(store.documents(q="drones", limit=4)) == 4  # a limit past the window widens it


@pytest.mark.parametrize(
    "query",
    ['NEAR(', 'near(kazan', 'Kazan"', '"Kazan', 'AND', 'OR NOT', 'title:Kazan', '^Kazan', '*', 'a*b', "'", "-Kazan",
     'NEAR("a" "b", 2)', "{title}: x", "kazan AND", "(((", "\x00kazan", "Kazan; DROP TABLE documents"],
)
def test_hostile_search_never_crashes(store, query):
    store.add(*other("Rain is expected over Kazan this weekend near the river.", title="Weather"))
    try:
        results = store.documents(q=query)
    except StoreError as exc:
        assert "nothing to search" in str(exc)
    else:
        assert isinstance(results, list)
    assert store.counts()["documents"] == 1


@pytest.mark.parametrize("query", ['"', '""', "(", "*", "^", "-- ;"])
def test_search_without_words_is_a_clear_error(store, query):
    with pytest.raises(StoreError, match="nothing to search for"):
        store.documents(q=query)


def test_portable_search_matches_fts_on_simple_queries(store):
    store.add(*seed())
    store.add(*other("Rain is expected over Kazan this weekend.", title="Weather"))
    from sqlalchemy import select
    from sqlalchemy.orm import Session

    with Session(store.engine) as session:
        found = session.scalars(search_portable(select(DocumentRow.title), parse('Kazan "North Korean"'))).all()
    assert found == ["Kyiv reports North Korean troops near the border"]


def test_fts_index_follows_updates_and_deletes(store):
    document, data = seed()
    store.add(document, data)
    with store.engine.begin() as connection:
        connection.execute(text("UPDATE documents SET title = :t WHERE id = :id"), {"t": "Pyongyang", "id": document.id})
    assert len(store.documents(q="Pyongyang")) == 1
    with store.engine.begin() as connection:
        connection.execute(text("DELETE FROM documents WHERE id = :id"), {"id": document.id})
    assert store.documents(q="Pyongyang") == []
    counts = store.counts()
    assert counts["claims"] == counts["quantities"] == 0  # foreign keys cascade


def test_document_lookup_by_prefix(store):
    document, data = seed()
    store.add(document, data)
    found = store.document(document.id[:6])
    assert found["id"] == document.id and found["text"] == document.text and found["claims"] == 10
    assert found["published"] == "2024-10-25" and found["meta"] == {"source": "fixture"}
    with pytest.raises(StoreError, match="too short"):
        store.document("ab")
    with pytest.raises(StoreError, match="no document"):
        store.document("ffffffffff")
    with pytest.raises(StoreError, match="no document"):
        store.document("%%%%_")
    assert store.document("\x00" + document.id[:6])["id"] == document.id


def test_ambiguous_prefix(store):
    seen: dict[str, str] = {}
    i = 0
    while True:
        body = f"Document number {i}."
        prefix = Document(text=body).id[:4]
        if prefix in seen:
            break
        seen[prefix] = body
        i += 1
    store.add(*other(seen[prefix]))
    store.add(*other(body))
    with pytest.raises(StoreError, match="ambiguous"):
        store.resolve(prefix)
    assert store.resolve(Document(text=body).id) == Document(text=body).id


def test_claim_filters(store):
    document, data = seed()
    store.add(document, data)

    def ids(**filters) -> list[str]:
        return [c["id"][-2:] for c in store.claims(**filters)]

    everything = store.claims()
    assert len(everything) == 10
    assert everything[0]["document"]["outlet"] == "Example Wire"
    assert ids(modality="hedged") == ["06"]
    assert ids(event="arrival") == ["05", "04"]  # month-level 2024-10 starts before the publication day
    assert ids(source="kirby") == ["05"]
    assert set(ids(source="defence intelligence")) == {"02", "03", "07"}
    assert ids(actor="cnn") == ["04", "09"]  # as source, and as relay
    assert "09" in ids(actor="Defence Intelligence of Ukraine")  # cited
    assert ids(since=date(2024, 10, 24), until=date(2024, 10, 24)) == ["05", "07", "08"]
    # read in two parts (multi-day claims begun before `since`, then those from `since` on), one order and limit
    assert ids(since=date(2024, 10, 24), limit=2) == ["05", "07"]
    assert ids(since=date(2024, 10, 24), until=date(2024, 10, 24), limit=1) == ["05"]
    assert ids(until=date(2024, 10, 22)) == ["05", "06"]
    assert ids(q="BRIGADES") == ["06"]
    assert ids(q="%") == [] and ids(q="brig\x00ades") == ["06"] and ids(source="\x00") == ids()
    assert set(ids(units=["soldier", "individual"])) == {"03", "05", "06"}
    assert ids(document=document.id[:5], modality="rumored") == ["09"]
    assert len(store.claims(limit=3)) == 3
    with pytest.raises(StoreError):
        store.claims(document="zzzz")


def test_a_year_long_claim_date_overlaps_its_last_day(store):
    document, data = seed()
    data["claims"][3]["asserted_on"] = "2023"  # the widest interval a claim date has: 2023-01-01 .. 2023-12-31
    store.add(document, data)
    last_day = date(2023, 12, 31)
    assert [c["id"] for c in store.claims(since=last_day, until=last_day)] == [data["claims"][3]["id"]]
    assert store.claims(since=date(2024, 1, 1), until=date(2024, 1, 1)) == []


@pytest.mark.parametrize("scanned", [5000, 1])  # through the trigram index, or in listing order past it
def test_content_filter_finds_parts_of_words(store, monkeypatch, scanned):
    monkeypatch.setattr(conditions, "SCANNED_MATCHES", scanned)
    document, data = seed()
    store.add(document, data)
    contents = [c["content"]["text"] for c in store.claims()]
    for part in ("Korea", "kore", "000 ", "ry", 'say "', "100%", "a_b", "\\"):
        expected = [t for t in contents if part.lower() in t.lower()]
        assert [c["content"]["text"] for c in store.claims(q=part)] == expected, part
    store.add(*other("Nothing to report."))
    with store.engine.begin() as connection:  # the index follows deletes
        connection.execute(text("DELETE FROM documents WHERE id = :id"), {"id": document.id})
    assert store.claims(q="Korea") == []


def test_listings_read_links_in_chunks_the_same(store, monkeypatch):
    document, data = seed()
    store.add(document, data)
    whole = store.claims()
    assert whole[0]["quantities"] and any(c["places"] for c in whole) and any(c["relayed_by"] for c in whole)
    monkeypatch.setattr(pages, "ID_CHUNK", 3)  # a long listing reads its links and documents 3 claims at a time
    assert store.claims() == whole
    assert store.claims_page(size=100)[0] == whole
    assert store.claim(whole[4]["id"]) == whole[4]
    stored = store.claims_json(document.id)
    assert stored["claims"] == [{k: v for k, v in c.items() if k != "document"} for c in
                                sorted(whole, key=lambda c: int(c["id"][-2:]))]


def test_tally(store):
    store.add(*seed())
    store.add(*other("A post.", kind="post", outlet="Example Wire"))
    store.add(*other("Another post.", kind="post", outlet="Channel"))
    assert store.tally("kind") == [("post", 2), ("article", 1)]
    assert store.tally("kind", "outlet") == [
        ("article", "Example Wire", 1), ("post", "Channel", 1), ("post", "Example Wire", 1)
    ]
    sources = store.tally("source")
    assert sources[0] == ("Defence Intelligence of Ukraine", 3)
    assert (None, 1) in sources and ("the Ukrainian intelligence service", 1) in sources  # narration, unresolved
    assert store.tally("modality")[0] == ("asserted", 7)
    with pytest.raises(StoreError, match="cannot tally"):
        store.tally("text")


@pytest.mark.parametrize(
    ("published", "precision"),
    [(datetime(2024, 10, 25, 23, 30), "second"), (datetime(2024, 10, 25), "day"), (datetime(2024, 10, 1), "month"),
     (datetime(2024, 1, 1), "year"), (None, None)],
)
def test_publication_date_reads_back_at_its_precision(store, published, precision):
    document = Document(text=f"Published {published} at {precision}.", published=published, published_precision=precision)
    store.add(document, {"claims": []})
    assert store.claims_json(document.id)["document"]["published"] == document.published_iso()
    assert store.document(document.id)["published"] == document.published_iso()


def test_a_failed_migration_leaves_nothing_behind(tmp_path):
    url = f"sqlite:///{tmp_path / 'blocked.db'}"
    engine = create_engine(url)
    with engine.begin() as connection:  # a plain table where the migration creates its full-text index, last
        connection.execute(text("CREATE TABLE documents_fts (x)"))
    with pytest.raises(Exception, match="documents_fts"):
        Store(url)
    assert set(inspect(engine).get_table_names()) == {"documents_fts"}
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE documents_fts"))
    with Store(url) as store:
        assert store.counts()["documents"] == 0


def test_concurrent_first_opens_migrate_once(new_db_url):
    code = f"from claimscope.store import Store; Store({new_db_url!r}).close()"
    processes = [subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True) for _ in range(3)]
    for process in processes:
        assert process.wait(timeout=120) == 0, process.stderr.read()
    with Store(new_db_url) as store:
        assert migrate.current_revisions(store.engine) == migrate.head_revisions()
        assert store.documents(q="anything") == []


# Stores documents numbered START..END (each mentioning new actors and places shared with its neighbours), in
# the order given, and prints how many were new.
CONCURRENT_WRITER = """
import sys
from claimscope.ingest.document import Document
from claimscope.store import Store

url, start, end, step = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
new = 0
with Store(url) as store:
    for i in range(start, end, step):
        text = f"Report {i}: Actor {i % 7} and Actor {(i + 1) % 7} speak of Place {i % 5}."
        actors = [{"text": f"Actor {k}", "start": 0, "end": 1, "actor": f"Actor {k}", "kind": "person",
                   "country": None} for k in (i % 7, (i + 1) % 7)]
        places = [{"text": f"Place {i % 5}", "start": 0, "end": 1, "name": f"Place {i % 5}", "lat": 1.0, "lon": 2.0,
                   "geonames_id": 900000 + i % 5, "country": "XX", "feature": "PPL", "precision": "city"}]
        document = Document(text=text, title=f"Report {i}")
        new += store.add(document, {"claims": [], "times": [], "places": places, "actors": actors})
print(new)
"""


def test_concurrent_ingests_lose_nothing_and_duplicate_nothing(db_url):
    """Two processes store overlapping documents, in opposite orders, into one store at the same time."""
    Store(db_url).close()
    runs = [("0", "120", "1"), ("119", "-1", "-1")]  # both write all 120, one from each end
    processes = [
        subprocess.Popen([sys.executable, "-c", CONCURRENT_WRITER, db_url, *run], stdout=subprocess.PIPE,
                         stderr=subprocess.PIPE, text=True)
        for run in runs
    ]
    outputs = [process.communicate(timeout=300) for process in processes]
    assert [p.returncode for p in processes] == [0, 0], [err for _, err in outputs]
    assert sum(int(out) for out, _ in outputs) == 120  # each document new exactly once, a duplicate otherwise
    with Store(db_url) as store:
        counts = store.counts()
        assert counts["documents"] == 120 and counts["actors"] == 7 and counts["places"] == 120
        assert len(store.documents(q="report", limit=None)) == 120
        assert store.tally("kind") == [("article", 120)]


def test_a_database_at_the_first_revision_is_upgraded_with_its_rows(tmp_path):
    from alembic import command

    url = f"sqlite:///{tmp_path / 'old.db'}"
    document, data = seed()
    with Store(url) as store:
        assert store.add(document, data) is True
    engine = create_engine(url)
    config = migrate.alembic_config()
    with engine.begin() as connection:  # back to the first schema, as an older claimscope left it
        config.attributes["connection"] = connection
        command.downgrade(config, "0001")
    assert "source_grades" not in inspect(engine).get_table_names()
    with Store(url) as store:  # opening upgrades to head and keeps the rows
        assert store.has(document.id)
        store.set_grade("CNN", "B")
        store.set_grade("CNN", "C")
        store.add_topic_edit("rename", "abc123", label="NK troops")
        assert store.grades() == {"CNN": "C"}
        assert store.topic_edits() == [{"action": "rename", "topic": "abc123", "target": None, "claim": None,
                                        "label": "NK troops"}]
