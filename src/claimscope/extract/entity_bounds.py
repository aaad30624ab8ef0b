"""`claimscope_entity_bounds`, right after `ner`: an entity ends at a spaced dash that divides a dateline or a
headline from what follows. The model reads "GOMA, March 5 - At least 312 civilians" as one DATE, "March 5 - At
least 312", which hides the count from the quantities and gives the dates a span they cannot read. A range
("March 5 - 7", "March 5 – April 2") keeps its dash: what follows it is a number or a calendar word.
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import yaml
from spacy.language import Language
from spacy.tokens import Doc, Span

DATA = Path(__file__).parent / "data"


@Language.factory("claimscope_entity_bounds", default_config={"dashes": ["-", "–", "—", "--"]})
def make_entity_bounds(nlp: Language, name: str, dashes: list[str]) -> EntityBounds:
    """The component that cuts entities at a dividing dash."""
    return EntityBounds(dashes, calendar_words())


def calendar_words() -> frozenset[str]:
    """Month and weekday names of the dates lexicon, the words a date range may go on with after its dash."""
    lexicon = yaml.safe_load((DATA / "dates.yml").read_text(encoding="utf-8"))
    return frozenset(lexicon["months"]) | frozenset(lexicon["weekdays"])


class EntityBounds:
    """Cuts each entity before a spaced dash followed, inside the entity, by a word that is no calendar word."""

    def __init__(self, dashes: Iterable[str], calendar: frozenset[str]) -> None:
        self.dashes = frozenset(dashes)
        self.calendar = calendar

    def __call__(self, doc: Doc) -> Doc:
        entities = []
        changed = False
        for ent in doc.ents:
            cut = self._divider(ent)
            if cut is not None:
                changed = True
                if cut > ent.start:
                    entities.append(Span(doc, ent.start, cut, label=ent.label_, kb_id=ent.kb_id_))
                continue
            entities.append(ent)
        if changed:
            doc.ents = entities
        return doc

    def _divider(self, ent: Span) -> int | None:
        """The index of the first dividing dash inside the entity, or None."""
        doc = ent.doc
        for token in ent[1:]:
            spaced = doc[token.i - 1].whitespace_ and token.whitespace_
            if token.text not in self.dashes or not spaced:
                continue
            rest = doc[token.i + 1:ent.end]
            if any(t.is_alpha and t.lower_.rstrip(".") not in self.calendar for t in rest):
                return token.i
        return None
