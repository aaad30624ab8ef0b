"""The one Document model every reader produces."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal

from claimscope.timeformat import iso_at_precision

Kind = Literal["article", "post", "statement"]
Precision = Literal["second", "day", "month", "year"]


def normalise_text(text: str) -> str:
    """Text as compared for identity: NFC, whitespace folded, trimmed."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


def document_id(text: str) -> str:
    """A document's id: the hash of its normalised text, so the same text is one document."""
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()[:20]


@dataclass
class Document:
    """A report, post or statement as ingested. `text` is stored as read (offsets map back to the source)."""

    text: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: datetime | None = None
    published_precision: Precision | None = None
    language: str = "en"
    kind: Kind = "article"
    origin: str | None = None  # the file, URL or feed it was read from
    meta: dict[str, Any] = field(default_factory=dict)  # raw metadata as the source gave it

    @property
    def id(self) -> str:
        """`document_id` of the text, computed once per text (a long document is asked for it per piece)."""
        known = self.__dict__.get("_id")
        if known is None or known[0] is not self.text:
            known = self.__dict__["_id"] = (self.text, document_id(self.text))
        return known[1]

    @property
    def published_date(self) -> date | None:
        """The publication day, the anchor for relative dates ("on Wednesday")."""
        return self.published.date() if self.published else None

    def published_iso(self) -> str | None:
        """The publication date as ISO text at its precision (`2024-10-25`, `2024-10`, `2024`)."""
        return iso_at_precision(self.published, self.published_precision)
