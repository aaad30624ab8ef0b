"""A Document from a mapping of metadata fields, shared by YAML front matter and JSON Lines records.

Known fields: title, url, outlet, published (alias date), kind (article|post|statement), language (kept as its
primary subtag, `en-GB` -> `en`). Every other field, author included, goes to `meta` (dates there as ISO text).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, get_args

from claimscope.ingest.dates import parse_published
from claimscope.ingest.document import Document, Kind

KINDS: tuple[str, ...] = get_args(Kind)
DATE_FIELDS = ("published", "date")
_STRINGS = ("title", "url", "outlet", "language")


def document_from_fields(text: str, fields: Mapping[str, Any], origin: str) -> Document:
    """A Document of `text` described by `fields`; ValueError names the first bad field."""
    values = {name: _string(fields, name) for name in _STRINGS}
    published, precision = None, None
    for name in DATE_FIELDS:
        if fields.get(name) not in (None, ""):
            try:
                published, precision = parse_published(fields[name])
            except ValueError as err:
                raise ValueError(f"bad '{name}': {err}") from None
            break
    kind = fields.get("kind") or "article"
    if kind not in KINDS:
        raise ValueError(f"bad 'kind': {kind!r} (expected {', '.join(KINDS)})")
    language = language_code(values["language"])
    meta = {key: json_safe(value) for key, value in fields.items()
            if key not in _STRINGS and key not in DATE_FIELDS and key != "kind"}
    return Document(text=text, title=values["title"], url=values["url"], outlet=values["outlet"],
                    published=published, published_precision=precision, language=language, kind=kind,
                    origin=origin, meta=meta)


def language_code(tag: str | None) -> str:
    """The primary subtag of a language tag (`en-GB` -> `en`, `pt_BR` -> `pt`); `en` when there is none."""
    return (tag or "").strip().replace("_", "-").split("-")[0].lower() or "en"


def json_safe(value: Any) -> Any:
    """`value` with dates and datetimes as ISO text (YAML parses them), so meta serialises as JSON."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Mapping):
        return {str(key): json_safe(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [json_safe(item) for item in value]
    return value


def _string(fields: Mapping[str, Any], name: str) -> str | None:
    value = fields.get(name)
    if value is None:
        return None
    if isinstance(value, Mapping | list | tuple | bool):
        raise ValueError(f"bad '{name}': expected text, got {type(value).__name__}")
    return str(value).strip() or None
