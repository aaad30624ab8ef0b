"""The curated actor base (data/actors.yml): canonical actors, their names, bodies and titles, and lookups."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from claimscope.extract.actorbase.words import DATA_DIR, ActorWords, plural

ACTORS_FILE = DATA_DIR / "actors.yml"
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when built with it: 10x faster

KINDS = frozenset(
    {
        "state",
        "government",
        "agency",
        "military unit",
        "person",
        "media outlet",
        "international organisation",
        "think tank",
    }
)
# Actors whose names and demonyms qualify bodies and titles ("Ukrainian intelligence", "NATO chief").
OWNER_KINDS = frozenset({"state", "international organisation"})
# How a key names an actor, strongest first: a name beats a title, a title a body, a body a metonym.
HOW_ORDER = {"alias": 0, "title": 1, "body": 2, "metonym": 3}
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "to", "in", "on", "a"})
_COUNTRY_CODE = re.compile(r"^[A-Z]{2}$")


@dataclass(frozen=True)
class Title:
    """A role an actor holds, valid from `start` to `end` inclusive (None: open)."""

    title: str
    start: date | None = None
    end: date | None = None

    def valid_on(self, day: date | None) -> bool:
        """True when the title is held on `day` (any day when `day` is None)."""
        if day is None:
            return True
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Actor:
    """A known actor. `parent` is the canonical name of the body it belongs to."""

    name: str
    kind: str
    country: str | None
    parent: str | None
    aliases: tuple[str, ...]
    titles: tuple[Title, ...] = ()
    gender: str | None = None  # persons: m or f, for "he" / "she"


@dataclass(frozen=True)
class _Entry:
    actor: str
    how: str  # alias, title, body, metonym
    title: Title | None = None


class ActorBase:
    """Canonical actors and every way the base knows to name them."""

    def __init__(self, records: list[dict[str, Any]], words: ActorWords | None = None) -> None:
        self.words = words or ActorWords.default()
        self._actors: dict[str, Actor] = {}
        self._speakers: dict[str, str] = {}
        self._entries: dict[str, list[_Entry]] = {}
        self._surfaces: dict[str, set[str]] = {}
        self._demonyms: dict[str, tuple[str, ...]] = {}
        self._owner_forms: dict[str, str] = {}  # normalised name or demonym -> owner actor
        self._country_forms: dict[str, str] = {}  # name, demonym or metonym as written -> country
        self._vocabulary: dict[str, frozenset[str]] = {}
        self._load(records)
        forms = "|".join(map(re.escape, sorted(self._country_forms, key=len, reverse=True)))
        self._country_pattern = re.compile(rf"(?<![\w.])({forms})(?![\w])") if forms else None
        titles = [t.title for a in self._actors.values() for t in a.titles]
        self.role_words = frozenset(self._title_head(t) for t in titles)
        self.title_words = frozenset(w for t in titles for w in self.words.words(t))

    @classmethod
    def from_file(cls, path: str | Path) -> ActorBase:
        """An actor base read from a YAML file in the format of data/actors.yml (cached per path)."""
        return _load_file(str(Path(path).resolve()))

    @classmethod
    def default(cls) -> ActorBase:
        """The packaged actor base, loaded once per process."""
        return cls.from_file(ACTORS_FILE)

    # ------------------------------------------------------------------ lookups

    def get(self, name: str) -> Actor | None:
        """The actor with this canonical name."""
        return self._actors.get(name)

    def __iter__(self) -> Iterator[Actor]:
        return iter(self._actors.values())

    def resolve(self, text: str, on: date | None = None) -> Actor | None:
        """A mention's words -> the actor they name: alias, title (valid `on` that day), metonymy, nationality +
        body, or the longest known tail of an apposition part ("Russian President Vladimir Putin")."""
        whole = self.candidates(self.words.key(text), on)
        if whole:
            return self.one_of(whole)
        # Each part's head phrase first; the whole part only when the head has no nationality of its own:
        # "a spokesman for the Russian Defence Ministry" is the ministry, "a North Korean diplomat at the UN"
        # is not the UN. A person named in one part beats a body named in another.
        found: list[Actor] = []
        for part in re.split(r"[,;()]|\s[-\u2013\u2014]\s", text):
            head = self.words.head_phrase(part)
            words = self.words.strip_determiner(self.words.words(part))[1]
            actor = self._tail(head, on)
            if actor is None and self.owner_prefix(head)[0] is None:
                actor = self._tail(words, on)
            if actor is not None:
                found.append(actor)
        persons = [a for a in found if a.kind == "person"]
        return (persons or found or [None])[0]

    def _tail(self, words: list[str], on: date | None) -> Actor | None:
        """The actor named by the longest known tail of the words; a place name counts only as all of them
        ("a resident of Kyiv" is a place)."""
        for i in range(len(words)):
            actors = self.candidates(self.words.key(" ".join(words[i:])), on, placelike=i == 0)
            if actors:
                return self.one_of(actors)
        return None

    def candidates(self, key: str, on: date | None = None, placelike: bool = True) -> list[Actor]:
        """The actors a normalised key names, strongest way of naming first; several when it is ambiguous."""
        entries = [
            e
            for e in self._entries.get(key, ())
            if (e.title is None or e.title.valid_on(on)) and (placelike or not self._is_placelike(e))
        ]
        if not entries:
            return []
        best = min(HOW_ORDER[e.how] for e in entries)
        names = dict.fromkeys(e.actor for e in entries if HOW_ORDER[e.how] == best)
        return [self._actors[n] for n in names]

    def one_of(self, actors: list[Actor]) -> Actor | None:
        """The actor a set of candidates stands for: the only one, or the body all of them belong to
        ("Pentagon spokesperson": Singh or Ryder -> the Department of Defense); None when they share none."""
        if len(actors) == 1:
            return actors[0]
        common = [n for n in self.lineage(actors[0].name)[1:-1] if all(n in self.lineage(a.name) for a in actors)]
        return self._actors[common[0]] if common else None

    def is_placelike(self, key: str) -> bool:
        """True when the key is a place name (a state or a capital) that names an actor only when it acts."""
        entries = self._entries.get(key, ())
        return bool(entries) and all(self._is_placelike(e) for e in entries)

    def lineage(self, name: str) -> list[str]:
        """The actor and its parents up to the root: HUR, Ministry of Defence of Ukraine, ..., Ukraine."""
        chain: list[str] = []
        current: str | None = name
        while current is not None and current in self._actors and current not in chain:
            chain.append(current)
            current = self._actors[current].parent
        return chain

    def root(self, name: str) -> str | None:
        """The last actor of the lineage (a state, an international organisation, an outlet ...)."""
        chain = self.lineage(name)
        return chain[-1] if chain else None

    def state_of(self, name: str) -> str | None:
        """The state an actor belongs to ("Ukraine" for HUR and Zelensky); None for outlets and international
        organisations."""
        root = self.root(name)
        return root if root is not None and self._actors[root].kind == "state" else None

    def speaker(self, actor: Actor) -> Actor:
        """Who speaks when the actor speaks: a state speaks through its government."""
        name = self._speakers.get(actor.name)
        return self._actors[name] if name else actor

    def has_role(self, name: str, head: str, on: date | None = None) -> bool:
        """True when the actor holds, on that day, a title headed by `head` ("president", "spokesperson")."""
        actor = self._actors.get(name)
        return actor is not None and any(
            self._title_head(t.title) == head and t.valid_on(on) for t in actor.titles
        )

    def vocabulary(self, name: str) -> frozenset[str]:
        """Every word that names the actor, its titles, bodies and parents: what a description may say of it."""
        if name not in self._vocabulary:
            lineage = set(self.lineage(name))
            words: set[str] = set()
            for key, entries in self._entries.items():
                if any(e.actor in lineage for e in entries):
                    words.update(key.replace("'s", "").split())
            self._vocabulary[name] = frozenset(words)
        return self._vocabulary[name]

    def owner_prefix(self, words: list[str]) -> tuple[str | None, list[str]]:
        """Split a leading nationality ("ukrainian", "ukraine's", "us") off normalised words: (owner, rest)."""
        for n in range(min(3, len(words)), 0, -1):
            owner = self._owner_forms.get(" ".join(words[:n]))
            if owner:
                return owner, words[n:]
        return None, list(words)

    def country_in(self, text: str) -> str | None:
        """The country of the first nationality word, country name or capital in a text, as written."""
        match = self._country_pattern.search(text) if self._country_pattern else None
        return self._country_forms[match.group(1)] if match else None

    def surfaces(self) -> Iterator[tuple[str, str]]:
        """(words as they may be written in a text, lookup key) for every alias, title, body and metonym."""
        for key, forms in self._surfaces.items():
            for form in sorted(forms):
                yield form, key

    def alias_surfaces(self) -> Iterator[tuple[str, Actor]]:
        """(proper name as written, actor) for every capitalised alias: the entity ruler's patterns."""
        for key, forms in self._surfaces.items():
            actors = {e.actor for e in self._entries[key] if e.how == "alias"}
            if len(actors) != 1:
                continue
            actor = self._actors[actors.pop()]
            for form in sorted(forms):
                if form[:1].isupper() or form[:1].isdigit():
                    yield form, actor

    # ------------------------------------------------------------------ loading

    def _load(self, records: list[dict[str, Any]]) -> None:
        raw = {r["name"]: r for r in records}
        if len(raw) != len(records):
            names = [r["name"] for r in records]
            raise ValueError(f"actor base: duplicate names {sorted({n for n in names if names.count(n) > 1})}")
        for record in records:
            self._actors[record["name"]] = self._actor(record, raw)
        for actor in self._actors.values():
            if actor.parent is not None and actor.parent not in self._actors:
                raise ValueError(f"actor base: {actor.name}: unknown parent {actor.parent!r}")
            if self._actors[self.lineage(actor.name)[-1]].parent is not None:
                raise ValueError(f"actor base: {actor.name}: parents form a cycle")
        for record in records:
            name = record["name"]
            if "speaker" in record:
                if record["speaker"] not in self._actors:
                    raise ValueError(f"actor base: {name}: unknown speaker {record['speaker']!r}")
                self._speakers[name] = record["speaker"]
            for alias in (name, *(record.get("aliases") or ())):
                self._add(alias, _Entry(name, "alias"))
            for metonym in record.get("metonyms") or ():
                self._add(metonym, _Entry(name, "metonym"))
                self._country_forms[metonym] = self._actors[name].country or ""
            if self._actors[name].kind in OWNER_KINDS:
                self._add_owner(self._actors[name], record)
        for record in records:
            self._add_bodies_and_titles(self._actors[record["name"]], record)
        self._country_forms = {form: c for form, c in self._country_forms.items() if c}

    def _actor(self, record: dict[str, Any], raw: dict[str, dict[str, Any]]) -> Actor:
        name = record["name"]
        kind = record.get("kind")
        if kind not in KINDS:
            raise ValueError(f"actor base: {name}: unknown kind {kind!r}")
        country = record.get("country")
        seen = {name}
        parent = record.get("parent")
        while country is None and parent in raw and parent not in seen:
            seen.add(parent)
            country = raw[parent].get("country")
            parent = raw[parent].get("parent")
        if country is not None and not _COUNTRY_CODE.match(country):
            raise ValueError(f"actor base: {name}: country {country!r} is not ISO 3166-1 alpha-2")
        titles = tuple(
            Title(t["title"], _day(t.get("from"), name), _day(t.get("to"), name)) for t in record.get("titles") or ()
        )
        gender = record.get("gender")
        if gender not in (None, "m", "f"):
            raise ValueError(f"actor base: {name}: gender {gender!r} is not m or f")
        return Actor(name, kind, country, record.get("parent"), tuple(record.get("aliases") or ()), titles, gender)

    def _add_owner(self, owner: Actor, record: dict[str, Any]) -> None:
        self._demonyms[owner.name] = tuple(record.get("demonyms") or ())
        for form in (owner.name, *owner.aliases, *self._demonyms[owner.name]):
            words = self.words.words(form)
            self._owner_forms[" ".join(words)] = owner.name
            self._owner_forms[" ".join(words) + "'s"] = owner.name
            if owner.country:
                self._country_forms[form] = owner.country

    def _owner_phrases(self, owner: Actor, phrase: str, of: bool) -> Iterator[str]:
        """A body or title qualified by its owner: "Ukrainian intelligence", "Ukraine's intelligence", and
        with `of` "President of Ukraine", "Secretary General of the United Nations"."""
        for demonym in self._demonyms.get(owner.name, ()):
            yield f"{demonym} {phrase}"
        for name in (owner.name, *owner.aliases):
            yield f"{name} {phrase}"
            yield f"{name}'s {phrase}"
            if of:
                yield f"{phrase} of the {name}" if " " in name else f"{phrase} of {name}"

    def _add_bodies_and_titles(self, actor: Actor, record: dict[str, Any]) -> None:
        root = self.root(actor.name)
        owner = self._actors[root] if root and self._actors[root].kind in OWNER_KINDS else None
        if owner is not None:
            for body in record.get("bodies") or ():
                last = body.split()[-1]
                for phrase in {body, body[: len(body) - len(last)] + plural(last)}:
                    for form in self._owner_phrases(owner, phrase, of=False):
                        self._add(form, _Entry(actor.name, "body"), unique=True)
        for title in actor.titles:
            if self._names_a_body(title.title):
                self._add(title.title, _Entry(actor.name, "title", title))
            if owner is not None:
                for form in self._owner_phrases(owner, title.title, of=True):
                    self._add(form, _Entry(actor.name, "title", title))

    def _names_a_body(self, title: str) -> bool:
        """True when a title contains a known alias ("Kremlin spokesman"), so it stands without a country."""
        words = self.words.words(title)
        return any(
            any(e.how == "alias" for e in self._entries.get(" ".join(words[i:j]), ()))
            for i, j in itertools.combinations(range(len(words) + 1), 2)
        )

    def _title_head(self, title: str) -> str:
        words = self.words.words(title)
        for i, word in enumerate(words):
            if word in self.words.head_stops and i > 0:
                return words[i - 1]
        return words[-1]

    def _add(self, text: str, entry: _Entry, unique: bool = False) -> None:
        key = self.words.key(text)
        if not key:
            return
        entries = self._entries.setdefault(key, [])
        if unique and any(e.how == entry.how and e.actor != entry.actor for e in entries):
            other = next(e.actor for e in entries if e.how == entry.how)
            raise ValueError(f"actor base: {text!r} names both {other} and {entry.actor}")
        if entry not in entries:
            entries.append(entry)
        self._surfaces.setdefault(key, set()).update(self._written_forms(text))

    def _written_forms(self, text: str) -> set[str]:
        """How a name may be written: as given (without a leading "the"), capitalised, in title case, with
        every spelling variant and with a curly apostrophe."""
        text = re.sub(r"^(?:the|The)\s+", "", text.strip())
        alternatives = []
        for word in text.split():
            spellings = self.words.spellings(word.lower())
            if len(spellings) > 1:
                alternatives.append(tuple(_same_case(word, s) for s in spellings))
            else:
                alternatives.append((word,))
        forms: set[str] = set()
        for combo in itertools.product(*alternatives):
            form = " ".join(combo)
            forms.update({form, form[:1].upper() + form[1:], _title_case(form)})
        forms.update({f.replace("'", "\u2019") for f in forms if "'" in f})
        return forms

    def _is_placelike(self, entry: _Entry) -> bool:
        return entry.how == "metonym" or (entry.how == "alias" and self._actors[entry.actor].kind == "state")


def _same_case(model: str, word: str) -> str:
    if model.isupper() and len(model) > 1:
        return word.upper()
    if model[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _title_case(text: str) -> str:
    words = text.split()
    return " ".join(
        w if (i > 0 and w in _SMALL_WORDS) or not w[:1].islower() else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def _day(value: Any, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError as error:
        raise ValueError(f"actor base: {name}: bad date {value!r}") from error


@cache
def _load_file(path: str) -> ActorBase:
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=YAML_LOADER)
    return ActorBase(data["actors"])
