"""Everything SQLite-specific: connection pragmas and the FTS5 full-text index over documents.

The rest of the store is portable SQLAlchemy; code here runs only when the database is SQLite.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import Connection, Engine, Select, column, event, select, table, text

from claimscope.store.search import Phrase

FTS_TABLE = "documents_fts"

# The index keeps its own copy of title and text (not external content keyed by rowid: VACUUM may renumber the
# rowids of a table without an INTEGER PRIMARY KEY). Triggers keep it in step with `documents`.
# Changing these needs a new migration that drops and recreates the index.
FTS_DDL = (
    "CREATE VIRTUAL TABLE documents_fts USING fts5("
    "doc_id UNINDEXED, title, text, tokenize = 'unicode61 remove_diacritics 2')",
    "CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN "
    "INSERT INTO documents_fts (doc_id, title, text) VALUES (new.id, new.title, new.text); END",
    "CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN "
    "DELETE FROM documents_fts WHERE doc_id = old.id; END",
    "CREATE TRIGGER documents_fts_update AFTER UPDATE OF id, title, text ON documents BEGIN "
    "DELETE FROM documents_fts WHERE doc_id = old.id; "
    "INSERT INTO documents_fts (doc_id, title, text) VALUES (new.id, new.title, new.text); END",
    "INSERT INTO documents_fts (doc_id, title, text) SELECT id, title, text FROM documents",
)
FTS_DROP = (
    "DROP TRIGGER IF EXISTS documents_fts_insert",
    "DROP TRIGGER IF EXISTS documents_fts_delete",
    "DROP TRIGGER IF EXISTS documents_fts_update",
    "DROP TABLE IF EXISTS documents_fts",
)

# Claims' content as trigrams, so a substring filter (`claims --q`) finds its claims without reading each one. Its
# own copy of the text, kept in step by triggers, as for documents.
CONTENT_TABLE = "claims_content_fts"
CONTENT_DDL = (
    "CREATE VIRTUAL TABLE claims_content_fts USING fts5(claim_id UNINDEXED, content, tokenize = 'trigram')",
    "CREATE TRIGGER claims_content_insert AFTER INSERT ON claims BEGIN "
    "INSERT INTO claims_content_fts (claim_id, content) VALUES (new.id, new.content_text); END",
    "CREATE TRIGGER claims_content_delete AFTER DELETE ON claims BEGIN "
    "DELETE FROM claims_content_fts WHERE claim_id = old.id; END",
    "CREATE TRIGGER claims_content_update AFTER UPDATE OF id, content_text ON claims BEGIN "
    "DELETE FROM claims_content_fts WHERE claim_id = old.id; "
    "INSERT INTO claims_content_fts (claim_id, content) VALUES (new.id, new.content_text); END",
    "INSERT INTO claims_content_fts (claim_id, content) SELECT id, content_text FROM claims",
)
CONTENT_DROP = (
    "DROP TRIGGER IF EXISTS claims_content_insert",
    "DROP TRIGGER IF EXISTS claims_content_delete",
    "DROP TRIGGER IF EXISTS claims_content_update",
    "DROP TABLE IF EXISTS claims_content_fts",
)
TRIGRAM = 3  # the shortest text the trigram index can look up

_content = table(CONTENT_TABLE, column("claim_id"), column(CONTENT_TABLE))
_fts = table(FTS_TABLE, column("rowid"), column("doc_id"), column("rank"), column(FTS_TABLE))


def configure(engine: Engine) -> None:
    """Pragmas on every new connection: enforce foreign keys, WAL (readers never block the writer), wait on locks."""

    @event.listens_for(engine, "connect")
    def _pragmas(dbapi_connection, _record) -> None:  # type: ignore[no-untyped-def]
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute("PRAGMA busy_timeout = 30000")
        cursor.close()


@contextmanager
def immediate_transaction(engine: Engine) -> Iterator[Connection]:
    """A connection inside `BEGIN IMMEDIATE`: the write lock up front, and DDL inside the transaction (the
    sqlite3 module would otherwise run CREATE TABLE outside it, leaving half a schema after a failure)."""
    with engine.connect() as connection:
        connection.execution_options(isolation_level="AUTOCOMMIT")
        connection.exec_driver_sql("BEGIN IMMEDIATE")
        try:
            yield connection
        except BaseException:
            connection.exec_driver_sql("ROLLBACK")
            raise
        connection.exec_driver_sql("COMMIT")


def optimize(engine: Engine) -> None:
    """Refresh the planner's statistics where this connection's queries would use them (SQLite's advice for
    closing a database): without them a filter's index may be chosen over the one giving claims in order.
    No `analysis_limit`: an index sampled from its start sees one modality only and tells the planner each
    value has a few hundred claims. Under the write lock taken up front: the analysis reads, then writes its
    statistics, and a writer committing in between would fail it at once rather than make it wait."""
    with immediate_transaction(engine) as connection:
        connection.exec_driver_sql("PRAGMA optimize")


def create_fts(connection: Connection) -> None:
    """Create the full-text index and its triggers, indexing the documents already there."""
    for statement in FTS_DDL:
        connection.execute(text(statement))


def drop_fts(connection: Connection) -> None:
    """Drop the full-text index and its triggers."""
    for statement in FTS_DROP:
        connection.execute(text(statement))


def create_content_index(connection: Connection) -> None:
    """Create the trigram index of claims' content and its triggers, indexing the claims already there."""
    for statement in CONTENT_DDL:
        connection.execute(text(statement))


def drop_content_index(connection: Connection) -> None:
    """Drop the trigram index of claims' content and its triggers."""
    for statement in CONTENT_DROP:
        connection.execute(text(statement))


def claims_containing(part: str) -> Select:
    """The ids of the claims whose content holds `part` (at least TRIGRAM characters), case folded; `part` is
    one quoted FTS5 string, so none of it is read as query syntax."""
    return select(_content.c.claim_id).where(_content.c[CONTENT_TABLE].match('"' + part.replace('"', '""') + '"'))


def match_expression(phrases: list[Phrase]) -> str:
    """An FTS5 query from parsed phrases: every phrase double-quoted, so no user text is read as FTS syntax."""
    parts = []
    for phrase in phrases:
        quoted = '"' + " ".join(word.replace('"', '""') for word in phrase.words) + '"'
        parts.append(quoted + (" *" if phrase.prefix else ""))
    return " ".join(parts)


def search_documents(phrases: list[Phrase], floor: int | None = None) -> Select:
    """(doc_id, rank) of the documents matching all phrases, indexed at `floor` or later (see `ranking_floor`);
    a lower rank is a better match (FTS5 bm25)."""
    stmt = select(_fts.c.doc_id, _fts.c.rank).where(_fts.c[FTS_TABLE].match(match_expression(phrases)))
    return stmt if floor is None else stmt.where(_fts.c.rowid >= floor)


def ranking_floor(phrases: list[Phrase], ranked: int) -> Select:
    """The index row of the `ranked`-th most recently indexed match (no row when there are fewer): ranking only
    the matches from there on bounds a common word's search, which would otherwise score every document.
    FTS5 walks a match in descending rowid order without scoring it."""
    return (
        select(_fts.c.rowid)
        .where(_fts.c[FTS_TABLE].match(match_expression(phrases)))
        .order_by(_fts.c.rowid.desc())
        .limit(1)
        .offset(ranked - 1)
    )
