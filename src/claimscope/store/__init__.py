"""The claimscope database: SQLAlchemy 2 schema, SQLite by default, Alembic migrations applied on open.

    with Store(url) as store:
        store.add(document, claims_json)   # one transaction per document; False if already stored
        store.claims(modality="hedged")

SQLite-only SQL (pragmas, the FTS5 index) lives in `store.sqlite`; everything else is portable.
"""

from claimscope.store.reconciled import NotFound
from claimscope.store.repository import TALLY_FIELDS, Store, StoreError

__all__ = ["TALLY_FIELDS", "NotFound", "Store", "StoreError"]
