"""Shared fixtures: one full pipeline per test session (loading spaCy is the slow part)."""

from __future__ import annotations

import pytest

from claimscope.samples import corpus_dir

# The seed article of ../shared/spec, bundled byte for byte as the sample corpus's first document.
SEED_ARTICLE = corpus_dir() / "001-seed-kyiv-reports-north-korean-troops.txt"


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
