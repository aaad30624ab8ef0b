"""What the pipeline components find, kept on `Doc._` extensions and turned into the claims JSON by `output`.

Offsets are character offsets into `doc.text`; `end` is exclusive.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Span:
    """A stretch of text."""

    text: str
    start: int
    end: int


@dataclass
class TimeMention:
    """A date or duration expression, normalised against the publication date.

    `value` is ISO (`2024-10-23`, `2024-10`, `2024`, or a duration such as `P3W`; TimeML-style `2024-W42`,
    `2024-Q3`, `199` for coarser periods; `PRESENT_REF`, `PAST_REF`, `FUTURE_REF` for "now", "recently", "the
    future") or None when it cannot be resolved; `precision` is day, month, year or duration, or week, quarter, half,
    season, decade, century, ref.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str | None


@dataclass
class Quantity:
    """A counted thing as an interval: `low`/`high` None means unbounded on that side."""

    text: str
    start: int
    end: int
    value: float
    low: float | None
    high: float | None
    qualifier: str  # exact, approx, at_least, more_than, at_most, less_than, range
    unit: str | None  # lemma of the counted noun ("soldier")
    subject: str | None  # the counted noun phrase without the number ("North Korean soldiers")
    vague: bool = False  # "hundreds", "several": bounds from the lexicon; OUTPUT.md lists these apart


@dataclass
class PlaceMention:
    """A toponym resolved through the gazetteer; lat/lon None for vague regions."""

    text: str
    start: int
    end: int
    name: str | None
    lat: float | None
    lon: float | None
    geonames_id: int | None
    country: str | None  # ISO 3166-1 alpha-2
    feature: str | None  # GeoNames feature code (PPLA, ADM1, PCLI ...)
    precision: str  # point, city, admin1, country, region
    admin1: str | None = None  # ISO 3166-2 code of the containing region, when known
    # How the text uses the toponym: "literal" (a place of the content), "demonym" ("Iraqi", "Texan") or "in-name"
    # ("Ohio State University"). Only literal ones are `doc._.places`; all are `doc._.toponyms`.
    role: str = "literal"


@dataclass
class ActorMention:
    """A mention of a person, body, state or outlet; `actor` is the canonical name, None when unknown."""

    text: str
    start: int
    end: int
    actor: str | None
    kind: str | None  # state, government, agency, military unit, person, media outlet, international organisation
    country: str | None


@dataclass
class Claim:
    """A proposition the text ascribes to a source."""

    source: ActorMention | None
    cue: str | None  # lemma of the attribution verb or noun
    cue_span: Span | None
    content: Span
    parts: list[tuple[int, int]] = field(default_factory=list)  # discontinuous content pieces, if any
    channel: str | None = None
    asserted_on: str | None = None
    modality: str = "asserted"  # asserted, hedged, rumored, speculative, denied
    event: str | None = None
    relayed_by: list[ActorMention] = field(default_factory=list)  # outer layers: "CNN reported that HUR said"
    cites: list[ActorMention] = field(default_factory=list)  # whom the source cites: "A said, citing B"


@dataclass
class AttributionMention:
    """Any attribution of the text, claim or not: `kind` is "claim" or the class of a cue that makes no claim
    ("directive", "refusal", ... in data/cues.yml); the content in its character pieces."""

    kind: str
    source: ActorMention | None
    cue: str | None
    cue_span: Span | None
    parts: list[tuple[int, int]]
    claim: Claim | None = None  # the claim it is, for kind "claim"
