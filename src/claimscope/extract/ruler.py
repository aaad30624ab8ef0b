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
    ruler.add_patterns([*place_patterns(), *actor_patterns()])
