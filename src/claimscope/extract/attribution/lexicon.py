"""The attribution lexicons (cue verbs and nouns, their frames, channels), read from `extract/data/*.yml`: the hand
lists of cues.yml, with the lemmas cue_rates.yml derives from PolNeAR train (`python -m bench.cue_rates`) in the
class cues.yml gives them."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).resolve().parent.parent / "data"
CLAIM_CLASS = "claim"  # the class of a cue that makes a claim (frames.CLAIM)


@dataclass(frozen=True)
class PrepositionalCue:
    """A prepositional attribution such as "according to X": its words and the lemma reported for it."""

    words: tuple[str, ...]
    lemma: str


@dataclass(frozen=True)
class CueLexicon:
    """Cue verbs and nouns with the frames they take (see data/cues.yml for what each set means)."""

    verbs: frozenset[str]
    addressee_verbs: frozenset[str]
    predicative_verbs: frozenset[str]
    clause_only_verbs: frozenset[str]
    prepositional_complements: dict[str, frozenset[str]]
    object_complements: dict[str, frozenset[str]]
    required_objects: dict[str, frozenset[str]]
    particle_required: dict[str, frozenset[str]]
    blocking_heads: frozenset[str]
    blocking_modals: frozenset[str]
    relay_verbs: frozenset[str]
    nouns: frozenset[str]
    noun_governors: frozenset[str]
    rejecting_verbs: frozenset[str]
    source_needed_verbs: frozenset[str]
    evidence_nouns: frozenset[str]
    prepositional: tuple[PrepositionalCue, ...]
    phrases: dict[tuple[str, str], str] = field(default_factory=dict)  # (preposition, noun) -> cue lemma
    hearsay_adverbs: frozenset[str] = frozenset()
    non_claims: dict[str, str] = field(default_factory=dict)  # verb lemma -> its class of non-claim cue
    non_claim_particles: dict[str, dict[str, str]] = field(default_factory=dict)  # "call" -> {"for": "directive"}
    evidential: dict[str, str] = field(default_factory=dict)  # "seem" -> its class (a sourceless attribution)
    passive_claim_class: str | None = None  # the class of an agentless passive claim verb ("is reported to")
    negated_class: str | None = None  # the class of a negated claim verb ("did not say"); None: no attribution
    line_labels: frozenset[str] = frozenset()  # "Explainer: ...": a section label, no speaker before a colon


@dataclass(frozen=True)
class ChannelLexicon:
    """Channels in priority order, each with the lower-case word sequences that name it."""

    channels: tuple[tuple[str, tuple[tuple[str, ...], ...]], ...]

    @property
    def max_words(self) -> int:
        """The longest phrase, in words."""
        return max(len(p) for _, phrases in self.channels for p in phrases)

    def index(self) -> dict[tuple[str, ...], tuple[int, str]]:
        """Phrase -> (priority, channel name); the first channel listing a phrase keeps it."""
        table: dict[tuple[str, ...], tuple[int, str]] = {}
        for rank, (name, phrases) in enumerate(self.channels):
            for phrase in phrases:
                table.setdefault(phrase, (rank, name))
        return table


def _words(values: list) -> frozenset[str]:
    return frozenset(str(v).lower() for v in values or [])


def _by_lemma(classes: dict | None) -> dict[str, str]:
    """{class: [lemma, ...]} turned into {lemma: class}."""
    return {str(lemma).lower(): kind for kind, lemmas in (classes or {}).items() for lemma in lemmas}


def _hand_classes(raw: dict, part: str) -> dict[str, str]:
    """Lemma -> class of the hand lists of a raw cues.yml: the claim verbs or nouns, the non-claim verb classes."""
    found = _by_lemma(raw.get("non_claims")) if part == "verbs" else {}
    found.update({lemma: CLAIM_CLASS for lemma in _words(raw.get(part))})
    return found


def cue_classes(raw: dict, part: str) -> dict[str, str]:
    """Lemma -> class ("claim" or a non-claim class) of the verbs or nouns (`part`) of a raw cues.yml: its hand
    lists, which win, and the classes it gives derived lemmas (`derived_classes`)."""
    return {**_by_lemma((raw.get("derived_classes") or {}).get(part)), **_hand_classes(raw, part)}


def _derived(raw: dict, rates_path: Path) -> dict[str, dict[str, str]]:
    """Per part (verbs, nouns), the lemmas cue_rates.yml selects, with the class `derived_classes` of cues.yml gives
    them; a lemma the hand lists have keeps its hand class."""
    rates = yaml.safe_load(rates_path.read_text(encoding="utf-8")) if rates_path.exists() else {}
    found: dict[str, dict[str, str]] = {}
    for part in ("verbs", "nouns"):
        classes = _by_lemma((raw.get("derived_classes") or {}).get(part))
        selected = (str(lemma).lower() for lemma in (rates or {}).get(part) or {})
        hand = _hand_classes(raw, part)
        found[part] = {lemma: classes[lemma] for lemma in selected if lemma in classes and lemma not in hand}
    return found


@lru_cache(maxsize=8)
def load_cues(path: str | None = None) -> CueLexicon:
    """Read the cue lexicon (default `data/cues.yml`, with `cue_rates.yml` beside it)."""
    cues_path = Path(path or DATA / "cues.yml")
    raw = yaml.safe_load(cues_path.read_text(encoding="utf-8"))
    derived = _derived(raw, cues_path.with_name("cue_rates.yml"))
    claim_verbs = {lemma for lemma, kind in derived["verbs"].items() if kind == CLAIM_CLASS}
    claim_nouns = {lemma for lemma, kind in derived["nouns"].items() if kind == CLAIM_CLASS}
    non_claims = {lemma: kind for lemma, kind in derived["verbs"].items() if kind != CLAIM_CLASS}
    non_claims.update(_by_lemma(raw.get("non_claims")))
    return CueLexicon(
        verbs=_words(raw["verbs"]) | claim_verbs,
        addressee_verbs=_words(raw.get("addressee_verbs")),
        predicative_verbs=_words(raw.get("predicative_verbs")),
        clause_only_verbs=_words(raw.get("clause_only_verbs")),
        prepositional_complements={
            k.lower(): _words(v) for k, v in (raw.get("prepositional_complements") or {}).items()
        },
        object_complements={k.lower(): _words(v) for k, v in (raw.get("object_complements") or {}).items()},
        required_objects={k.lower(): _words(v) for k, v in (raw.get("required_objects") or {}).items()},
        particle_required={k.lower(): _words(v) for k, v in (raw.get("particle_required") or {}).items()},
        blocking_heads=_words(raw.get("blocking_heads")),
        blocking_modals=_words(raw.get("blocking_modals")),
        relay_verbs=_words(raw.get("relay_verbs")),
        nouns=_words(raw.get("nouns")) | claim_nouns,
        noun_governors=_words(raw.get("noun_governors")),
        rejecting_verbs=_words(raw.get("rejecting_verbs")),
        source_needed_verbs=_words(raw.get("source_needed_verbs")),
        evidence_nouns=_words(raw.get("evidence_nouns")),
        prepositional=tuple(
            PrepositionalCue(tuple(w.lower() for w in item["words"]), item["lemma"])
            for item in raw.get("prepositional") or []
        ),
        hearsay_adverbs=_words(raw.get("hearsay_adverbs")),
        non_claims=non_claims,
        negated_class=raw.get("negated_class"),
        line_labels=frozenset(str(w).lower() for w in raw.get("line_labels") or ()),
        passive_claim_class=raw.get("passive_claim_class"),
        evidential=_by_lemma(raw.get("evidential")),
        non_claim_particles={
            str(lemma).lower(): {str(p).lower(): kind for p, kind in particles.items()}
            for lemma, particles in (raw.get("non_claim_particles") or {}).items()
        },
        phrases={
            (str(item["preposition"]).lower(), str(noun).lower()): item["lemma"]
            for item in raw.get("phrases") or []
            for noun in item["nouns"]
        },
    )


@lru_cache(maxsize=8)
def load_channels(path: str | None = None) -> ChannelLexicon:
    """Read the channel lexicon (default `data/channels.yml`)."""
    raw = yaml.safe_load(Path(path or DATA / "channels.yml").read_text(encoding="utf-8"))
    return ChannelLexicon(
        tuple(
            (item["name"], tuple(tuple(str(w).lower() for w in phrase) for phrase in item["phrases"]))
            for item in raw["channels"]
        )
    )
