"""Shared fixtures: one full pipeline per test session (loading spaCy is the slow part); a data folder of the
session's own, so that tests write nothing into $HOME and build the gazetteer cache once per session; and databases
on both backends: a fresh SQLite file, or a fresh database on PostgreSQL (CLAIMSCOPE_TEST_DB, else a throwaway
server started for the session)."""

from __future__ import annotations

import itertools
import os
import shutil
import tempfile
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from claimscope.samples import corpus_dir

# The seed article of ../shared/spec, bundled byte for byte as the sample corpus's first document.
SEED_ARTICLE = corpus_dir() / "001-seed-kyiv-reports-north-korean-troops.txt"
BACKENDS = ["sqlite", "postgresql"]

_SESSION_HOME = tempfile.mkdtemp(prefix="claimscope-tests-")


def pytest_configure(config: pytest.Config) -> None:
    """CLAIMSCOPE_HOME and CLAIMSCOPE_CACHE point into a temporary folder for the session and every command the
    tests start (they inherit the environment); a test that needs a home of its own still shares this cache."""
    os.environ["CLAIMSCOPE_HOME"] = _SESSION_HOME
    os.environ["CLAIMSCOPE_CACHE"] = os.path.join(_SESSION_HOME, "cache")


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(_SESSION_HOME, ignore_errors=True)


@pytest.fixture(scope="session")
def nlp():
    """The full claimscope pipeline."""
    from claimscope.extract.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def extract(nlp):
    """Claims of a text published on Friday 2024-10-25."""

    def run(text: str) -> list:
        doc = nlp.make_doc(text)
        doc._.published = date(2024, 10, 25)
        return nlp(doc)._.claims

    return run


@pytest.fixture(scope="module")
def parse(nlp):
    """The parsed doc of a text published on Friday 2024-10-25."""

    def run(text: str):
        doc = nlp.make_doc(text)
        doc._.published = date(2024, 10, 25)
        return nlp(doc)

    return run


@pytest.fixture(scope="session")
def places_nlp():
    """The model, the gazetteer entity ruler (place and actor patterns) and the places component."""
    from claimscope.extract import places  # noqa: F401  (registers the factory)
    from claimscope.extract.pipeline import load_model
    from claimscope.extract.ruler import add_entity_ruler

    nlp = load_model()
    add_entity_ruler(nlp)
    nlp.add_pipe("claimscope_places")
    return nlp


@pytest.fixture(scope="session")
def extractor():
    """An Extractor over the full pipeline."""
    from claimscope.extract import Extractor

    return Extractor()


class PostgresDatabases:
    """Fresh databases on one PostgreSQL server, each a copy of a template migrated once (fast to create)."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = make_url(admin_url)
        self.admin = create_engine(self.admin_url, isolation_level="AUTOCOMMIT")
        # Named by process, so that two test sessions may share a server.
        self.template = f"claimscope_test_{os.getpid()}_template"
        self.names = (f"claimscope_test_{os.getpid()}_{i}" for i in itertools.count())
        self._template_ready = False

    def url(self, name: str) -> str:
        return self.admin_url.set(database=name).render_as_string(hide_password=False)

    def create(self, migrated: bool = True) -> str:
        """A new database without rows, at the newest schema unless not `migrated`; its URL."""
        if not migrated:
            name = next(self.names)
            self._execute(f'CREATE DATABASE "{name}"')
            return self.url(name)
        if not self._template_ready:
            from claimscope.store import Store

            self._drop(self.template)
            self._execute(f'CREATE DATABASE "{self.template}"')
            Store(self.url(self.template)).close()
            self._template_ready = True
        name = next(self.names)
        self._execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
        return self.url(name)

    def drop(self, url: str) -> None:
        self._drop(make_url(url).database or "")

    def close(self) -> None:
        self._drop(self.template)
        self.admin.dispose()

    def _drop(self, name: str) -> None:
        self._execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def _execute(self, statement: str) -> None:
        with self.admin.connect() as connection:
            connection.execute(text(statement))


@pytest.fixture(scope="session")
def postgres() -> Iterator[PostgresDatabases]:
    """PostgreSQL for the session: CLAIMSCOPE_TEST_DB (a URL whose user may create databases), else a throwaway
    server of our own, always stopped at the end; skips the test when neither is possible."""
    given = os.environ.get("CLAIMSCOPE_TEST_DB")
    if given:
        databases = PostgresDatabases(given)
        yield databases
        databases.close()
        return
    from pgserver import TempPostgres, missing

    reason = missing()
    if reason:
        pytest.skip(f"no PostgreSQL: {reason}; set CLAIMSCOPE_TEST_DB to a server's URL")
    with TempPostgres() as server:
        databases = PostgresDatabases(server.url())
        try:
            yield databases
        finally:
            databases.close()


def _database(request: pytest.FixtureRequest, migrated: bool) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{request.getfixturevalue('tmp_path') / 'test.db'}"
        return
    databases: PostgresDatabases = request.getfixturevalue("postgres")
    url = databases.create(migrated)
    try:
        yield url
    finally:
        databases.drop(url)


@pytest.fixture(params=BACKENDS)
def db_url(request) -> Iterator[str]:
    """A fresh database for one test, without rows: an SQLite file (migrated when first opened), or a PostgreSQL
    database at the newest schema."""
    yield from _database(request, migrated=True)


@pytest.fixture(params=BACKENDS)
def new_db_url(request) -> Iterator[str]:
    """A fresh database for one test with no schema yet: an SQLite file, or on PostgreSQL."""
    yield from _database(request, migrated=False)
