"""Schema migrations, shipped in the package and applied programmatically (`Store` calls `upgrade` on open).

A new revision goes in `store/migrations/versions/`, its `down_revision` the current head; `new_revision`
writes the skeleton.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine

from claimscope.store import postgres, sqlite

SCRIPT_LOCATION = "claimscope.store:migrations"


def alembic_config() -> Config:
    """An Alembic configuration pointing at the packaged migrations (no alembic.ini needed)."""
    config = Config()
    config.set_main_option("script_location", SCRIPT_LOCATION)
    return config


def current_revisions(engine: Engine) -> set[str]:
    """The revisions the database is at (empty for a new database)."""
    with engine.connect() as connection:
        return set(MigrationContext.configure(connection).get_current_heads())


def head_revisions() -> set[str]:
    """The newest revisions shipped with this version of claimscope."""
    return set(ScriptDirectory.from_config(alembic_config()).get_heads())


def upgrade(engine: Engine) -> None:
    """Bring the database to the newest schema in one transaction (all of it or nothing); no write lock is
    taken when it is there already. Another process migrating at the same time waits, then finds it done."""
    if current_revisions(engine) == head_revisions():
        return
    config = alembic_config()
    transaction = sqlite.immediate_transaction(engine) if engine.dialect.name == "sqlite" else engine.begin()
    with transaction as connection:
        if engine.dialect.name == "postgresql":
            postgres.lock_migrations(connection)
        config.attributes["connection"] = connection
        command.upgrade(config, "head")  # from wherever the database is once the lock is held


def new_revision(message: str) -> str:
    """Write an empty revision file after the current head (for developers); returns its path."""
    script = command.revision(alembic_config(), message=message)
    assert script is not None and not isinstance(script, list)
    return script.path
