"""A step that fails on one document: the error line names the document, the step and the exception; nothing of
that document is stored; the rest of the batch goes on, and the next run retries it."""

from __future__ import annotations

from spacy.language import Language

from claimscope.batch import ingest
from claimscope.extract import Extractor
from claimscope.ingest import Document, read
from claimscope.store import Store

MARK = "Oblast-Zeta"


@Language.component("failing_on_a_word")
def failing_on_a_word(doc):
    """A real pipeline component that breaks the way `_named_body` once did, on texts with one word."""
    if MARK in doc.text:
        raise TypeError("'<' not supported between instances of 'str' and 'NoneType'")
    return doc


def test_a_failing_step_is_named_nothing_is_stored_and_the_next_run_retries(tmp_path, db_url, extractor):
    folder = tmp_path / "in"
    folder.mkdir()
    good, bad = folder / "a.txt", folder / "b.txt"
    good.write_text("Kyiv said on Monday that 3,000 troops had arrived near Kursk.", encoding="utf-8")
    bad.write_text(f"Officials in {MARK} said on Tuesday that 200 people had left the city.", encoding="utf-8")
    breaking = Extractor()
    breaking.nlp.add_pipe("failing_on_a_word", after="claimscope_actors")
    errors: list[str] = []
    with Store(db_url) as store:
        counts = ingest([str(folder)], store, breaking, errors.append)
        assert (counts.new, counts.failed) == (1, 1)
        assert errors == [f"{bad}: extraction failed in failing_on_a_word: TypeError: '<' not supported between "
                          "instances of 'str' and 'NoneType'"]
        [document] = [d for d in read(str(bad)) if isinstance(d, Document)]
        assert not store.has(document.id) and store.counts()["documents"] == 1

        again = ingest([str(folder)], store, extractor, errors.append)
        assert (again.new, again.duplicate, again.failed) == (1, 1, 0) and len(errors) == 1
        assert store.has(document.id)
