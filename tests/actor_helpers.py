"""What the actor tests share: a pipeline with only the actor parts, running it, resolving a source."""

from __future__ import annotations

from datetime import date

from claimscope.extract.actors import resolve_source, ruler_patterns
from claimscope.extract.pipeline import load_model
from claimscope.extract.ruler import RULER_NAME


def make_actor_nlp():
    """The model with the actor patterns in the entity ruler and the actor component (no other components)."""
    nlp = load_model()
    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before="ner", config={"validate": False})
    ruler.add_patterns(ruler_patterns())
    nlp.add_pipe("claimscope_actors")
    return nlp


def run_pipeline(nlp, text: str, published: date | None):
    """The doc of `text` through every component, published on `published`."""
    doc = nlp.make_doc(text)
    doc._.published = published
    for _, component in nlp.pipeline:
        doc = component(doc)
    return doc


def source(doc, words: str, nth: int = 0):
    """resolve_source on the nth occurrence of `words` in the document."""
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(words, start + 1)
    return resolve_source(doc, start, start + len(words))
