"""Alembic environment: runs revisions on the connection `claimscope.store.migrate` hands over."""

from __future__ import annotations

from alembic import context

from claimscope.store.schema import Base

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("claimscope migrations run through claimscope.store.migrate.upgrade(engine)")

context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
