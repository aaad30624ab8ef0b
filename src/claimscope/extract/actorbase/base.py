"""The actor base (data/actors.yml, with the states of data/states.yml): canonical actors, their names, bodies
and titles, and lookups.

Bodies and titles qualified by their owner ("Ukrainian intelligence", "Ukraine's foreign minister", "President
of Ukraine") are not listed form by form: a lookup splits a key into an owner form (a state's or international
organisation's name, alias or demonym) and a phrase the owner's table names, so two hundred states cost a few
thousand entries, not hundreds of thousands.
"""

from __future__ import annotations

import copy
import itertools
import re
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import yaml

from claimscope.extract.actorbase.records import Actor, Entry, actor_from_record
from claimscope.extract.actorbase.states import YAML_LOADER, load_states, with_states
from claimscope.extract.actorbase.words import DATA_DIR, ActorWords, plural

ACTORS_FILE = DATA_DIR / "actors.yml"

# Actors whose names and demonyms qualify bodies and titles ("Ukrainian intelligence", "NATO chief"); a record
# with `owner: true` is one too (an armed group: "Houthi military spokesman", "Hamas officials").
OWNER_KINDS = frozenset({"state", "international organisation"})
# How a key names an actor, strongest first: a name beats a title, a title a body, a body a metonym.
HOW_ORDER = {"alias": 0, "title": 1, "body": 2, "metonym": 3}
_SMALL_WORDS = frozenset({"of", "the", "and", "for", "to", "in", "on", "a"})


class ActorBase:
    """Canonical actors and every way the base knows to name them."""

    def __init__(self, records: list[dict[str, Any]], words: ActorWords | None = None) -> None:
        self.words = words or ActorWords.default()
        self._actors: dict[str, Actor] = {}
        self._speakers: dict[str, str] = {}
        self._entries: dict[str, list[Entry]] = {}  # whole keys: aliases, metonyms, titles naming a body
        self._owned: dict[str, dict[str, list[Entry]]] = {}  # owner -> phrase key -> its bodies and titles
        self._surfaces: dict[str, set[str]] = {}  # key -> forms as written, for the text matcher
        self._owner_forms: dict[str, str] = {}  # normalised name or demonym (also with 's) -> owner actor
        self._country_forms: dict[str, str] = {}  # name, demonym or metonym as written -> country
        self._ambiguous: dict[str, str] = {}  # key of a name that also names something else -> owner
        self._ambiguous_surfaces: dict[str, str] = {}  # the same names as written -> owner
        self._states: dict[str, str] = {}  # country -> state actor
        self._owners: set[str] = set()  # actors whose names qualify bodies and titles
        self._skip: frozenset[str] = frozenset()  # owners whose ambiguous names are out of play (a view)
        self._views: dict[frozenset[str], ActorBase] = {}
        self._supports: dict[str, re.Pattern[str]] = {}
        self._vocabulary: dict[str, frozenset[str]] = {}
        self._words_of: dict[str, set[str]] | None = None
        self._load(records)
        forms = "|".join(map(re.escape, sorted(self._country_forms, key=len, reverse=True)))
        self._country_pattern = re.compile(rf"(?<![\w.])({forms})(?![\w])") if forms else None
        self.phrases = frozenset(k for table in self._owned.values() for k in table)
        self.phrase_length = max((len(k.split()) for k in self.phrases), default=0)
        self._owner_length = max((len(k.split()) for k in self._owner_forms), default=0)
        titles = [t.title for a in self._actors.values() for t in a.titles]
        self.role_words = frozenset(self._title_head(t) for t in titles)
        self.title_words = frozenset(w for t in titles for w in self.words.words(t))

    @classmethod
    def from_file(cls, path: str | Path) -> ActorBase:
        """An actor base read from a YAML file in the format of data/actors.yml (cached per path); a `states` key
        names a file in the format of data/states.yml whose states are generated beside the records."""
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
        whole = self._entries.get(key, ())
        if whole and self._ambiguous.get(key) in self._skip:
            whole = ()
        return self._best(
            [e for e in itertools.chain(whole, self._composed(key.split())) if placelike or not self._is_placelike(e)],
            on,
        )

    def _best(self, entries: Iterable[Entry], on: date | None) -> list[Actor]:
        """The actors of the strongest entries valid on that day."""
        valid = [e for e in entries if e.title is None or e.title.valid_on(on)]
        if not valid:
            return []
        best = min(HOW_ORDER[e.how] for e in valid)
        return [self._actors[n] for n in dict.fromkeys(e.actor for e in valid if HOW_ORDER[e.how] == best)]

    def _composed(self, words: list[str]) -> list[Entry]:
        """The bodies and titles an owner form and a phrase name together: "ukrainian intelligence", "ukraine's
        foreign minister", "president of the united states"."""
        owner, rest = self.owner_prefix(words)
        if owner is not None and rest:
            return list(self._owned[owner].get(" ".join(rest), ()))
        for i, word in enumerate(words):
            if word == "of" and 0 < i < len(words) - 1:
                tail = words[i + 2 :] if words[i + 1] == "the" else words[i + 1 :]
                owner = self._owner(" ".join(tail))
                if owner is not None:
                    return list(self._owned[owner].get(" ".join(words[:i]), ()))
        return []

    def _owner(self, form: str) -> str | None:
        owner = self._owner_forms.get(form)
        if owner is None or (owner in self._skip and self._ambiguous.get(form.removesuffix("'s")) == owner):
            return None
        return owner

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

    def is_owner_form(self, key: str) -> bool:
        """True when the key is a name or demonym that can qualify a body or title ("ukrainian", "nato")."""
        return self._owner(key) is not None

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

    def state_for(self, country: str) -> str | None:
        """The state actor of an ISO country code."""
        return self._states.get(country)

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

    def owned(self, owner: str, phrase: str, on: date | None = None) -> list[Actor]:
        """The actors an owner's body or title names (Morocco, "interior ministry"), strongest way first."""
        return self._best(self._owned.get(owner, {}).get(self.words.key(phrase), ()), on)

    def vocabulary(self, name: str) -> frozenset[str]:
        """Every word that names the actor, its titles, bodies and parents: what a description may say of it."""
        if name not in self._vocabulary:
            index = self._word_index()
            self._vocabulary[name] = frozenset(w for n in self.lineage(name) for w in index.get(n, ()))
        return self._vocabulary[name]

    def _word_index(self) -> dict[str, set[str]]:
        """Actor -> the words of its names, metonyms, bodies and titles, with its owner's names and demonyms."""
        if self._words_of is None:
            index: dict[str, set[str]] = {}
            for key, entries in self._entries.items():
                for e in entries:
                    index.setdefault(e.actor, set()).update(key.replace("'s", "").split())
            owner_words: dict[str, set[str]] = {}
            for form, owner in self._owner_forms.items():
                owner_words.setdefault(owner, set()).update(form.replace("'s", "").split())
            for owner, table in self._owned.items():
                for key, entries in table.items():
                    for e in entries:
                        index.setdefault(e.actor, set()).update(key.split(), owner_words.get(owner, ()))
            self._words_of = index
        return self._words_of

    def owner_prefix(self, words: list[str]) -> tuple[str | None, list[str]]:
        """Split a leading nationality ("ukrainian", "ukraine's", "us") off normalised words: (owner, rest)."""
        for n in range(min(self._owner_length, len(words)), 0, -1):
            owner = self._owner(" ".join(words[:n]))
            if owner:
                return owner, words[n:]
        return None, list(words)

    def country_in(self, text: str) -> str | None:
        """The country of the first nationality word, country name or capital in a text, as written."""
        for match in self._country_pattern.finditer(text) if self._country_pattern else ():
            form = match.group(1)
            if self._ambiguous.get(self.words.key(form)) not in self._skip:
                return self._country_forms[form]
        return None

    def unsupported(self, text: str, countries: Iterable[str] = ()) -> frozenset[str]:
        """Owners that a text names only by an ambiguous name ("Georgia" in a text on Atlanta): none of their
        other names, demonyms or metonyms occurs and none of `countries` (those of its places) is theirs."""
        countries = set(countries)
        out = set()
        for form, owner in self._ambiguous_surfaces.items():
            if owner in out or form not in text or self._actors[owner].country in countries:
                continue
            if not self._support_pattern(owner).search(text):
                out.add(owner)
        return frozenset(out)

    def _support_pattern(self, owner: str) -> re.Pattern[str]:
        """The other names, demonyms and metonyms of an owner with an ambiguous name, as one pattern."""
        if owner not in self._supports:
            country = self._actors[owner].country
            forms = [f for f, c in self._country_forms.items() if c == country and f not in self._ambiguous_surfaces]
            pattern = rf"(?<![\w.])({'|'.join(map(re.escape, forms))})(?![\w])" if forms else r"(?!x)x"
            self._supports[owner] = re.compile(pattern)
        return self._supports[owner]

    def without(self, owners: frozenset[str]) -> ActorBase:
        """A view of the base in which these owners' ambiguous names name nothing (cached per set)."""
        if owners == self._skip:
            return self
        if owners not in self._views:
            view = copy.copy(self)
            view._skip = owners
            view._vocabulary = {}
            self._views[owners] = view
        return self._views[owners]

    def surfaces(self) -> Iterator[tuple[str, str]]:
        """(words as they may be written in a text, lookup key) for every alias, metonym, title naming a body
        and owner form: what the text matcher looks for (owner + phrase is composed around an owner form)."""
        for key, forms in self._surfaces.items():
            for form in sorted(forms):
                yield form, key

    def alias_surfaces(self) -> Iterator[tuple[str, Actor]]:
        """(proper name as written, actor) for every capitalised alias of a curated actor: the entity ruler's
        patterns (a generated actor's name is its state's name, which the place patterns tag)."""
        for key, forms in self._surfaces.items():
            actors = {e.actor for e in self._entries.get(key, ()) if e.how == "alias"}
            if len(actors) != 1:
                continue
            actor = self._actors[actors.pop()]
            if actor.generated:
                continue
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
            self._actors[record["name"]] = actor_from_record(record, raw)
        for actor in self._actors.values():
            if actor.parent is not None and actor.parent not in self._actors:
                raise ValueError(f"actor base: {actor.name}: unknown parent {actor.parent!r}")
            if self._actors[self.lineage(actor.name)[-1]].parent is not None:
                raise ValueError(f"actor base: {actor.name}: parents form a cycle")
        self._states = {a.country: a.name for a in self._actors.values() if a.kind == "state" and a.country}
        for record in records:
            name = record["name"]
            actor = self._actors[name]
            if "speaker" in record:
                if record["speaker"] not in self._actors:
                    raise ValueError(f"actor base: {name}: unknown speaker {record['speaker']!r}")
                self._speakers[name] = record["speaker"]
            # A generated body's name is composed from its state's name, so the matcher finds it by composition.
            written = not actor.generated or actor.kind == "state"
            for alias in (name, *(record.get("aliases") or ())):
                self._add(alias, Entry(name, "alias"), written=written)
            for metonym in record.get("metonyms") or ():
                self._add(metonym, Entry(name, "metonym"))
                self._country_forms[metonym] = actor.country or ""
            if actor.kind in OWNER_KINDS or record.get("owner"):
                self._owners.add(name)
                self._add_owner(actor, record)
        for record in records:
            self._add_bodies_and_titles(self._actors[record["name"]], record)
        self._country_forms = {form: c for form, c in self._country_forms.items() if c}

    def _add_owner(self, owner: Actor, record: dict[str, Any]) -> None:
        self._owned.setdefault(owner.name, {})
        for form in (owner.name, *owner.aliases, *(record.get("demonyms") or ())):
            key = " ".join(self.words.words(form))
            other = self._owner_forms.get(key)
            if other is not None and other != owner.name:
                raise ValueError(f"actor base: {form!r} names both {other} and {owner.name}")
            self._owner_forms[key] = owner.name
            self._owner_forms[key + "'s"] = owner.name
            self._surfaces.setdefault(key, set()).update(self._written_forms(form))
            if owner.country:
                self._country_forms[form] = owner.country
        for form in record.get("ambiguous") or ():
            self._ambiguous[self.words.key(form)] = owner.name
            self._ambiguous_surfaces[form] = owner.name

    def _add_bodies_and_titles(self, actor: Actor, record: dict[str, Any]) -> None:
        root = self.root(actor.name)
        owner = root if root in self._owners else None
        if owner is not None:
            for body in record.get("bodies") or ():
                last = body.split()[-1]
                for phrase in {body, body[: len(body) - len(last)] + plural(last)}:
                    self._add_owned(owner, phrase, Entry(actor.name, "body"), unique=True)
        for title in actor.titles:
            if self._names_a_body(title.title):
                self._add(title.title, Entry(actor.name, "title", title))
            if owner is not None:
                self._add_owned(owner, title.title, Entry(actor.name, "title", title))

    def _add_owned(self, owner: str, phrase: str, entry: Entry, unique: bool = False) -> None:
        key = self.words.key(phrase)
        entries = self._owned[owner].setdefault(key, [])
        if unique and any(e.how == entry.how and e.actor != entry.actor for e in entries):
            other = next(e.actor for e in entries if e.how == entry.how)
            raise ValueError(f"actor base: {owner} {phrase!r} names both {other} and {entry.actor}")
        if entry not in entries:
            entries.append(entry)

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

    def _add(self, text: str, entry: Entry, written: bool = True) -> None:
        key = self.words.key(text)
        if not key:
            return
        entries = self._entries.setdefault(key, [])
        if entry not in entries:
            entries.append(entry)
        if written:
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

    def _is_placelike(self, entry: Entry) -> bool:
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


@cache
def _load_file(path: str) -> ActorBase:
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=YAML_LOADER)
    records = data["actors"]
    words = ActorWords.default()
    if data.get("states"):
        states = load_states(Path(path).parent / data["states"])
        records = with_states(records, states, words.key)
    return ActorBase(records, words)
