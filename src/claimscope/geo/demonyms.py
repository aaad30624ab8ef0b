"""The demonym table (`geo/data/demonyms.json`): nationality and regional adjectives ("Iraqi", "Texan",
"European") -> the place they refer to, an ISO 3166-1 or 3166-2 code or a continent's name.

Derived, not hand-written: the countries' demonyms from the state table (`extract/data/states.yml`, keyed by the
gazetteer's ISO codes), the gazetteer's admin-1 regions and continents through English suffix rules ("Texas" ->
"Texan", "Ohio" -> "Ohioan", "Europe" -> "European"), and their plurals. A form that two places would give is
left out. Regenerate with `python -m claimscope.geo.demonyms` after the state table or the gazetteer changes;
the places component only reads the file, and takes a rule-made form for a demonym only where the tagger reads
it as one (NORP).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from pathlib import Path

from claimscope.geo.names import is_latin

_FILE = "data/demonyms.json"
# Plural forms: "Americans", "Iraqis"; not "Chineses", "Britishes".
_NO_PLURAL = ("ese", "ish", "ch", "s", "x", "z")
# Regions smaller than this have no demonym in English news worth a table entry.
_MIN_POPULATION = 500_000
# A form two places give names the more populous one only when it is this many times larger.
_DOMINANCE = 10


def demonyms() -> dict[str, str]:
    """Every demonym of the table, as written, with the code (or continent name) of its place."""
    table = _table()
    return {**table["derived"], **table["countries"]}


def country_demonyms() -> dict[str, str]:
    """The countries' demonyms (from the state table): the tagger need not confirm these."""
    return dict(_table()["countries"])


@cache
def _table() -> dict[str, dict[str, str]]:
    return json.loads(resources.files("claimscope.geo").joinpath(_FILE).read_text("utf-8"))


def suffix_forms(name: str) -> list[str]:
    """The demonyms English derives from a place name by suffix ("Texas" -> "Texan", "Canada" -> "Canadian")."""
    if not name[-1:].isalpha():
        return []
    last = name[-1].lower()
    if last == "a":
        forms = [name + "n", name[:-1] + "ian"]
    elif last == "o":
        forms = [name + "an", name[:-1] + "an"]
    elif last == "e":
        forms = [name + "an", name[:-1] + "ian"]
    elif last == "y":
        forms = [name[:-1] + "ian", name[:-1] + "an"]
    elif last == "s":
        forms = [name[:-1] + "n"]
    elif last in "iu":
        forms = [name + "an"]
    else:
        forms = [name + "i", name + "ian", name + "ese", name + "er", name + "an"]
    return forms


def plural(form: str) -> str | None:
    """The plural of a demonym used as a noun ("Texans"), or None ("Chinese")."""
    return None if form.endswith(_NO_PLURAL) else form + "s"


def build() -> dict[str, dict[str, str]]:
    """The table from the state table and the gazetteer (the index is built if needed)."""
    from claimscope.extract.actorbase.states import load_states
    from claimscope.geo.gazetteer import ALIAS, NAME, gazetteer

    states = load_states(Path(str(resources.files("claimscope").joinpath("extract/data/states.yml"))))
    countries: dict[str, str] = {}
    for code, info in states["countries"].items():
        for form in info.get("demonyms") or ():
            for written in (form, plural(form)):
                if written:
                    countries.setdefault(written, code)
    places: dict[str, dict[str, int]] = {}
    entries = gazetteer().names((NAME, ALIAS), ("ADM1", "CONT"), _MIN_POPULATION)
    for spelling, entry in entries:
        if not is_latin(spelling) or len(spelling.split()) > 2 or not spelling[:1].isupper():
            continue
        target = entry.name if entry.feature == "CONT" else entry.admin1
        if not target:
            continue
        for form in suffix_forms(spelling):
            for written in (form, plural(form)):
                if written and written not in countries:
                    targets = places.setdefault(written, {})
                    targets[target] = max(targets.get(target, 0), entry.population)
    derived = {form: code for form, targets in sorted(places.items()) if (code := _dominant(targets))}
    return {"countries": dict(sorted(countries.items())), "derived": derived}


def _dominant(targets: dict[str, int]) -> str | None:
    """The one place a form names, or the one far more populous than the others ("Floridian": Florida, not the
    Uruguayan department); None when two are alike."""
    ranked = sorted(targets.items(), key=lambda t: -t[1])
    if len(ranked) == 1 or ranked[0][1] >= _DOMINANCE * max(ranked[1][1], 1):
        return ranked[0][0]
    return None


def main() -> None:
    """Write the table into the package's data folder."""
    path = Path(str(resources.files("claimscope.geo").joinpath(_FILE)))
    table = build()
    path.write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True) + "\n", "utf-8")
    print(f"{path}: {len(table['countries'])} country forms, {len(table['derived'])} derived")


if __name__ == "__main__":
    main()
