"""Everything PostgreSQL-specific: the full-text index over documents (a generated tsvector column, a GIN index, an
accent-folding text-search configuration), its queries, and the lock that serialises migrations.

The rest of the store is portable SQLAlchemy; code here runs only when the database is PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import Connection, Select, bindparam, cast, column, func, literal_column, select, table, text
from sqlalchemy.dialects.postgresql import REGCONFIG, TSVECTOR

from claimscope.store.search import Phrase

SEARCH_CONFIG = "claimscope_unaccent"
# Only this much of a document is indexed: a tsvector holds at most 1 MB, and a longer text would fail to store.
INDEXED_CHARS = 1_000_000
# Any bigint, the same in every claimscope process: the key of the advisory lock held while migrating.
MIGRATION_LOCK = 0x636C61696D73  # "claims"

# Like SQLite's `unicode61 remove_diacritics 2`: no stemming, no stop words, case and accents folded.
# Changing these needs a new migration that drops and recreates the column.
SEARCH_DDL = (
    "CREATE EXTENSION IF NOT EXISTS unaccent",
    f"CREATE TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} (COPY = pg_catalog.simple)",
    f"ALTER TEXT SEARCH CONFIGURATION {SEARCH_CONFIG} ALTER MAPPING FOR "
    "word, hword, hword_part, numword, numhword, hword_numpart WITH unaccent, simple",
    f"ALTER TABLE documents ADD COLUMN search tsvector GENERATED ALWAYS AS (to_tsvector('{SEARCH_CONFIG}'::regconfig, "
    f"left(coalesce(title, '') || ' ' || text, {INDEXED_CHARS}))) STORED",
    "CREATE INDEX ix_documents_search ON documents USING gin (search)",
)
SEARCH_DROP = (
    "DROP INDEX IF EXISTS ix_documents_search",
    "ALTER TABLE documents DROP COLUMN IF EXISTS search",
    f"DROP TEXT SEARCH CONFIGURATION IF EXISTS {SEARCH_CONFIG}",
)

# Claims' content as trigrams (pg_trgm), so a substring filter (`claims --q`, ILIKE) reads an index.
CONTENT_DDL = (
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX ix_claims_content_trigrams ON claims USING gin (content_text gin_trgm_ops)",
    "ANALYZE claims",
)
CONTENT_DROP = ("DROP INDEX IF EXISTS ix_claims_content_trigrams",)

_search = literal_column("documents.search", TSVECTOR)
_documents = table("documents", column("id"), column("ingested_at"), column("search", TSVECTOR))


def create_search(connection: Connection) -> None:
    """Add the generated search column and its GIN index, indexing the documents already there."""
    for statement in SEARCH_DDL:
        connection.execute(text(statement))


def drop_search(connection: Connection) -> None:
    """Drop the search column, its index and its text-search configuration (the extension stays)."""
    for statement in SEARCH_DROP:
        connection.execute(text(statement))


def create_content_index(connection: Connection) -> None:
    """Add the trigram index of claims' content (the extension stays when it is dropped)."""
    for statement in CONTENT_DDL:
        connection.execute(text(statement))


def drop_content_index(connection: Connection) -> None:
    """Drop the trigram index of claims' content."""
    for statement in CONTENT_DROP:
        connection.execute(text(statement))


def like_part(part: str) -> str:
    """An ILIKE pattern matching any text that holds `part`: its `%`, `_` and backslashes escaped (PostgreSQL's
    default escape character is the backslash)."""
    return "%" + part.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def lock_migrations(connection: Connection) -> None:
    """Wait for any other process migrating this database; the lock ends with the transaction."""
    connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": MIGRATION_LOCK})


def tsquery_text(phrases: list[Phrase]) -> str:
    """A to_tsquery expression from parsed phrases: words single-quoted, `<->` within a phrase, `:*` on a
    prefix, `&` between phrases; quotes and backslashes doubled, so no user text is read as tsquery syntax."""
    parts = []
    for phrase in phrases:
        words = ["'" + word.replace("\\", "\\\\").replace("'", "''") + "'" for word in phrase.words]
        if phrase.prefix:
            words[-1] += ":*"
        parts.append("(" + " <-> ".join(words) + ")")
    return " & ".join(parts)


def search_documents(stmt: Select, phrases: list[Phrase], ranked: int | None) -> Select:
    """`stmt` (over documents) narrowed to the `ranked` most recently ingested documents matching all phrases (all
    with None), best match first: ranking every match of a common word would read every document."""
    query = func.to_tsquery(cast(SEARCH_CONFIG, REGCONFIG), bindparam("tsquery", tsquery_text(phrases)))
    if ranked is None:
        return stmt.where(_search.bool_op("@@")(query)).order_by(func.ts_rank(_search, query).desc())
    newest = (
        select(_documents.c.id)
        .where(_documents.c.search.bool_op("@@")(query))
        .order_by(_documents.c.ingested_at.desc())
        .limit(ranked)
    )
    return stmt.where(literal_column("documents.id").in_(newest)).order_by(func.ts_rank(_search, query).desc())
