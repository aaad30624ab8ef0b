"""The bundled sample corpus: reports, statements and posts on the North Korean deployment to Russia, 2024."""

from __future__ import annotations

from pathlib import Path


def corpus_dir() -> Path:
    """The folder holding the bundled sample corpus (text, HTML, JSONL and a Telegram export)."""
    return Path(__file__).resolve().parent / "corpus"
