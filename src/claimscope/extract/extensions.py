"""The `Doc._` attributes our components read and write."""

from __future__ import annotations

from spacy.tokens import Doc

DOC_EXTENSIONS = {
    "published": None,  # datetime.date: the anchor for relative dates, set before the pipeline runs
    "times": None,  # list[TimeMention]
    "quantities": None,  # list[Quantity]
    "places": None,  # list[PlaceMention]: the literal places
    "toponyms": None,  # list[PlaceMention]: every toponym, the literal places and the demonyms and names inside names
    "actors": None,  # list[ActorMention]
    "claims": None,  # list[Claim]
    "attributions": None,  # list[AttributionMention]: the claims and the attributions that make no claim
}


def register() -> None:
    """Register the extensions once per process."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)


register()
