"""The reconciliation lexicons (data/*.yml), loaded once."""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml


@lru_cache(maxsize=None)
def load(name: str) -> dict[str, Any]:
    """A data file of this package by name (without .yml)."""
    return yaml.safe_load(resources.files("claimscope.reconcile").joinpath("data", f"{name}.yml").read_text())


@lru_cache(maxsize=None)
def unit_measures() -> dict[str, str]:
    """Counted-noun lemma -> measure name."""
    return {unit: measure for measure, spec in load("topics")["measures"].items() for unit in spec["units"]}


@lru_cache(maxsize=None)
def demonym_pattern(with_names: bool = True) -> tuple[re.Pattern[str], dict[str, str]]:
    """One regex over the affiliation words (adjectives, and country names if asked), longest first, and the
    word -> country map."""
    kinds = ("adjectives", "names") if with_names else ("adjectives",)
    to_country = {w: code for code, spec in load("demonyms").items() for kind in kinds for w in spec[kind]}
    words = sorted(to_country, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w.])(" + "|".join(re.escape(w) for w in words) + r")(?![\w])", re.IGNORECASE)
    return pattern, to_country


def affiliation(text: str | None) -> str | None:
    """The country the first affiliation adjective in `text` names ("North Korean soldiers" -> KP)."""
    if not text:
        return None
    pattern, to_country = demonym_pattern(with_names=False)
    match = pattern.search(text)
    return to_country[match.group(1).lower()] if match else None


def adjective(country: str | None) -> str:
    """"North Korean" for KP; the code itself where the lexicon has no adjective."""
    spec = load("demonyms").get(country or "")
    return spec["adjective"] if spec else (country or "")


def words_of(text: str) -> set[str]:
    """Lower-case word tokens, keeping "n't"."""
    return set(re.findall(r"n't|[a-z]+", text.lower()))
