"""Alembic migrations of the store, applied by `claimscope.store.migrate.upgrade` when a Store opens."""
