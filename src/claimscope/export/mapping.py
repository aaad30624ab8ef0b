"""The export mappings of `export/data/mapping.yml`: place precision to metres and codes, date precision codes,
the STIX vocabulary choices."""

from __future__ import annotations

from functools import cache
from importlib.resources import files
from typing import Any

import yaml


@cache
def _load() -> dict[str, Any]:
    return yaml.safe_load(files("claimscope.export").joinpath("data", "mapping.yml").read_text(encoding="utf-8"))


MAPPING: dict[str, Any] = _load()


def place_metres(precision: str | None) -> int | None:
    """The uncertainty radius in metres of a place at this precision (point, city, admin1, region, country)."""
    entry = MAPPING["places"].get(precision or "")
    return entry["metres"] if entry else None


def place_code(precision: str | None) -> int | None:
    """The UCDP GED `where_prec` code of a place at this precision."""
    entry = MAPPING["places"].get(precision or "")
    return entry["code"] if entry else None


def date_code(iso: str | None) -> int | None:
    """The UCDP GED `date_prec` code of an ISO date at its precision (`2024-10-23` 1, `2024-10` 4, `2024` 5)."""
    if not iso:
        return None
    precision = {3: "day", 2: "month", 1: "year"}.get(len(iso.split("-")))
    return MAPPING["dates"].get(precision)
