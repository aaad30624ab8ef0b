"""The entity ruler placed before `ner`: gazetteer toponyms and known actors, so the model's guesses
(Kursk as PRODUCT) do not win over what we know."""

from __future__ import annotations

from spacy.language import Language

RULER_NAME = "gazetteer_ruler"


def add_entity_ruler(nlp: Language) -> None:
    """Add the ruler before `ner` with place patterns (from `geo`) and actor patterns (from `actors`)."""
    from claimscope.extract.actors import ruler_patterns as actor_patterns
    from claimscope.geo.patterns import ruler_patterns as place_patterns

    ruler = nlp.add_pipe("entity_ruler", name=RULER_NAME, before="ner", config={"validate": False})
    # Phrase patterns match on ORTH, so the tokenizer alone reads them: running the statistical components
    # over thousands of patterns would cost seconds at every load.
    with nlp.select_pipes(enable=[]):
        ruler.add_patterns([*place_patterns(), *actor_patterns()])
