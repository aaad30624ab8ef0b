"""Long documents go through the pipeline in paragraph-bounded pieces, with offsets in the whole text."""

from __future__ import annotations

from datetime import datetime

from bench.robustness import problems
from claimscope.extract import chunks
from claimscope.ingest.document import Document
from conftest import SEED_ARTICLE

PUBLISHED = datetime(2024, 10, 25)


def test_pieces_cover_the_text_and_end_at_blank_lines():
    paragraphs = [f"Paragraph {i} says something. " * (i % 7 + 1) for i in range(3000)]
    text = "\n\n".join(paragraphs)
    pieces = chunks.split(text, 5000)
    assert "".join(piece for _, piece in pieces) == text
    assert all(text[offset:].startswith(piece) and len(piece) <= 5000 for offset, piece in pieces)
    assert all(piece.endswith("\n\n") for _, piece in pieces[:-1])


def test_a_text_without_breaks_is_cut_at_sentences_then_spaces_then_anywhere():
    for text, ending in (("One sentence here. " * 2000, ". "), ("word " * 8000, " "), ("x" * 50_000, "x")):
        pieces = chunks.split(text, 5000)
        assert "".join(piece for _, piece in pieces) == text
        assert all(piece.endswith(ending) and len(piece) <= 5000 for _, piece in pieces)


def test_a_text_over_a_million_characters_extracts_with_offsets_in_the_whole_text(extractor):
    article = SEED_ARTICLE.read_text(encoding="utf-8")
    gap = "\n" * 350_000  # cheap to parse: whitespace runs are single tokens
    text = (article + gap) * 3
    assert len(text) > 1_000_000
    alone = extractor.extract(Document(text=article, published=PUBLISHED, published_precision="day"))
    whole = extractor.extract(Document(text=text, published=PUBLISHED, published_precision="day"))

    assert problems(text, whole) == []
    assert len({claim["id"] for claim in whole["claims"]}) == len(whole["claims"]) == 3 * len(alone["claims"])
    step = len(article) + len(gap)

    def seen(data, copy):
        return [(c["content"]["start"] - copy * step, c["content"]["text"], c["source"]["actor"], c["asserted_on"])
                for c in data["claims"] if copy * step <= c["content"]["start"] < (copy + 1) * step]

    assert seen(alone, 0)
    assert all(seen(whole, copy) == seen(alone, 0) for copy in range(3))
    assert max(claim["content"]["end"] for claim in whole["claims"]) > 2 * step
