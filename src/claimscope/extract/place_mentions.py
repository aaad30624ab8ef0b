"""Place mentions made from spans: resolved to a gazetteer entry, a vague region, or a named area the gazetteer
lacks."""

from __future__ import annotations

from spacy.tokens import Span

from claimscope.extract.place_roles import LITERAL
from claimscope.extract.types import PlaceMention
from claimscope.geo.gazetteer import Entry


def mention_at(span: Span, entry: Entry, precision: str | None, role: str = LITERAL) -> PlaceMention:
    """The span as a mention of the gazetteer entry, at the precision its words give (else the entry's)."""
    return PlaceMention(
        text=span.text, start=span.start_char, end=span.end_char, name=entry.name, lat=entry.lat, lon=entry.lon,
        geonames_id=entry.geonames_id, country=entry.country, feature=entry.feature,
        precision=precision or entry.precision, admin1=entry.admin1, role=role,
    )


def vague_at(span: Span, owner: Entry | None) -> PlaceMention:
    """A vague region: the phrase is its name; no point; the country (and region) of the place it names."""
    return PlaceMention(
        text=span.text, start=span.start_char, end=span.end_char, name=span.text, lat=None, lon=None,
        geonames_id=None, country=owner.country if owner else None, feature=None, precision="region",
        admin1=owner.admin1 if owner and owner.is_admin1 else None,
    )


def unresolved_at(span: Span) -> PlaceMention:
    """A named feature or area the gazetteer lacks ("Rapides Parish", "Lake Vermont"): a region without a point."""
    return PlaceMention(
        text=span.text, start=span.start_char, end=span.end_char, name=span.text, lat=None, lon=None,
        geonames_id=None, country=None, feature=None, precision="region",
    )
