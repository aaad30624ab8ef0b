"""Word-level knowledge about actor mentions (data/actor_words.yml): name normalisation, kind cues, pronouns."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

DATA_DIR = Path(__file__).resolve().parent.parent / "data"
WORDS_FILE = DATA_DIR / "actor_words.yml"

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'"})
_DASHES = re.compile(r"[-\u2010-\u2015]")
_EDGE_PUNCT = "\"'()[]{},;:!?\u201c\u201d"


@dataclass(frozen=True)
class ActorWords:
    """The lexicon of actor_words.yml, with the operations that read it."""

    folded: dict[str, str]  # spelling variant -> the word it is folded to
    variants: dict[str, tuple[str, ...]]  # folded word -> every spelling of it
    definite: frozenset[str]
    indefinite: frozenset[str]
    kind_words: dict[str, tuple[str, ...]]  # folded cue (one or two words) -> kinds, most likely first
    person_pronouns: dict[str, str]  # pronoun -> gender (m, f)
    organisation_pronouns: frozenset[str]
    citing_verbs: frozenset[str]
    statement_nouns: frozenset[str]
    document_nouns: frozenset[str]
    issuer_prepositions: frozenset[str]
    issuing_verbs: frozenset[str]
    honorifics: frozenset[str]
    office_words: frozenset[str]
    regional_words: frozenset[str]
    scene_people: frozenset[str]
    head_stops: frozenset[str]
    naming_verbs: frozenset[str] = frozenset()
    group_words: frozenset[str] = frozenset()  # "the group": any organisation the base does not know
    state_forces: frozenset[str] = frozenset()  # "the military": a state's forces, never an armed group

    @classmethod
    def from_file(cls, path: Path) -> ActorWords:
        """Read a lexicon file in the format of data/actor_words.yml."""
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
        folded: dict[str, str] = {}
        variants: dict[str, tuple[str, ...]] = {}
        for group in data["spelling"]:
            variants[group[0]] = tuple(group)
            for word in group:
                folded[word] = group[0]

        def fold(text: str) -> str:
            return " ".join(folded.get(w, w) for w in text.split())

        return cls(
            folded=folded,
            variants=variants,
            definite=frozenset(data["definite"]),
            indefinite=frozenset(data["indefinite"]),
            kind_words={fold(cue): tuple(kinds) for cue, kinds in data["kind_words"].items()},
            person_pronouns={p: g for g in ("m", "f") for p in data["pronouns"][g]},
            organisation_pronouns=frozenset(data["pronouns"]["organisation"]),
            citing_verbs=frozenset(data["citing_verbs"]),
            statement_nouns=frozenset(data["statement_nouns"]),
            document_nouns=frozenset(data["document_nouns"]),
            issuer_prepositions=frozenset(data["issuer_prepositions"]),
            issuing_verbs=frozenset(data["issuing_verbs"]),
            honorifics=frozenset(data["honorifics"]),
            office_words=frozenset(fold(w) for w in data["office_words"]),
            regional_words=frozenset(data["regional_words"]),
            scene_people=frozenset(data.get("scene_people") or ()),
            head_stops=frozenset(data["head_stops"]),
            naming_verbs=frozenset(data.get("naming_verbs") or ()),
            group_words=frozenset(data.get("group_words") or ()),
            state_forces=frozenset(data.get("state_forces") or ()),
        )

    @classmethod
    @cache
    def default(cls) -> ActorWords:
        """The packaged lexicon, read once per process."""
        return cls.from_file(WORDS_FILE)

    def words(self, text: str) -> list[str]:
        """Text as comparable words: accents, case, dots and hyphens dropped, spelling variants folded."""
        text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
        text = "".join(c for c in text if not unicodedata.combining(c)).lower().replace(".", "")
        out = []
        for raw in _DASHES.sub(" ", text).split():
            word = raw.strip(_EDGE_PUNCT)
            if word:
                out.append(self.folded.get(word, word))
        return out

    def key(self, text: str) -> str:
        """The lookup key of a name: its words without a leading determiner or a trailing possessive."""
        words = self.strip_determiner(self.words(text))[1]
        if words:
            last = words[-1]
            if last.endswith("'s"):
                words[-1] = last[:-2]
            elif last.endswith("'"):
                words[-1] = last[:-1]
        return " ".join(w for w in words if w)

    def strip_determiner(self, words: list[str]) -> tuple[str | None, list[str]]:
        """Split a leading determiner ("the", "a" ...) off a list of words."""
        if words and (words[0] in self.definite or words[0] in self.indefinite):
            return words[0], words[1:]
        return None, list(words)

    def head(self, words: list[str]) -> tuple[str, tuple[str, ...], list[str]] | None:
        """The kind cue heading a noun phrase, which ends at a preposition or clause ("a spokesman for the
        ministry": spokesman): (cue, kinds, words before it), or None."""
        for i, word in enumerate(words):
            if word in self.head_stops and i > 0:
                words = words[:i]
                break
        if not words:
            return None
        if len(words) >= 2:
            pair = f"{words[-2]} {words[-1]}"
            if pair in self.kind_words:
                return pair, self.kind_words[pair], words[:-2]
        for cue in (words[-1], *singulars(words[-1])):
            if cue in self.kind_words:
                return cue, self.kind_words[cue], words[:-1]
        return None

    def head_phrase(self, text: str) -> list[str]:
        """The words of a mention's first apposition part up to its first preposition, without a determiner:
        "a North Korean diplomat at the UN" -> north korean diplomat."""
        words = self.strip_determiner(self.words(re.split(r"[,;()]|\s[-\u2013\u2014]\s", text)[0]))[1]
        for i, word in enumerate(words):
            if word in self.head_stops and i > 0:
                return words[:i]
        return words

    def guess_kind(self, text: str) -> str | None:
        """The most likely kind of an actor from the words naming it ("the ministry" -> government)."""
        for part in re.split(r"[,;()]|\s[-\u2013\u2014]\s", text):
            words = self.strip_determiner(self.words(part))[1]
            # The head is the last cue before any preposition; fall back to any cue word in the part.
            found = self.head(words)
            if found:
                return found[1][0]
            for i in range(len(words) - 1, -1, -1):
                if words[i] in self.kind_words:
                    return self.kind_words[words[i]][0]
        return None

    def spellings(self, word: str) -> tuple[str, ...]:
        """Every spelling of a (lower-case) word: "defence" -> ("defence", "defense")."""
        return self.variants.get(self.folded.get(word, word), (word,))


def singulars(word: str) -> tuple[str, ...]:
    """Possible singulars of an English plural ("agencies" -> "agency"), empty for a word without -s."""
    if word.endswith("ies"):
        return (word[:-3] + "y",)
    if word.endswith("s") and not word.endswith("ss"):
        return (word[:-1],)
    return ()


def plural(word: str) -> str:
    """The regular English plural of a noun ("agency" -> "agencies")."""
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    return word + "s"


def guess_kind(text: str) -> str | None:
    """The kind an unknown source gets from its words: "a spokesperson" -> person, "the agency" -> agency."""
    return ActorWords.default().guess_kind(text)
