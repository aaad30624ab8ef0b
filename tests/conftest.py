"""Shared fixtures: one full pipeline per test session (loading spaCy is the slow part), and a data folder of the
session's own, so that tests write nothing into $HOME and build the gazetteer cache once per session."""

from __future__ import annotations

import os
import shutil
import tempfile

import pytest

from claimscope.samples import corpus_dir

# The seed article of ../shared/spec, bundled byte for byte as the sample corpus's first document.
SEED_ARTICLE = corpus_dir() / "001-seed-kyiv-reports-north-korean-troops.txt"

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
def extractor():
    """An Extractor over the full pipeline."""
    from claimscope.extract import Extractor

    return Extractor()


@pytest.fixture()
def db_url(tmp_path):
    """A fresh SQLite database file for one test."""
    return f"sqlite:///{tmp_path / 'test.db'}"
