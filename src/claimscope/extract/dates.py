"""The `claimscope_dates` component: every date and duration in a document, normalised against its publication date.

Spans come from the model's DATE entities (TIME entities too, when they name a day: "last night") and from
the finders of `data/dates.yml` for what the model misses or cuts badly ("on the 24th", "23 October",
"October 27 and 28"); the longer span wins where they overlap. Each span is normalised by
`timexes.normalise_expression` (rules first, dateparser as a fallback, cached); a pair or range of dates gives
one mention per date. The tense of the verb a date attaches to says which way relative dates go: forwards
under a future ("will meet on Friday"), backwards under a past; otherwise weekdays look back and year-less
months and dates take the nearest occurrence ("Jan. 14" in a paper of late December is next month's); a word
before a date ("until", "as early as") may decide first. Times said of another time ("a year earlier", "the
following day") are counted from the focus, the latest dated mention before them (`timexes.anaphora`). Ages ("in
his 30s"), frequencies and season or holiday words used as classifiers ("winter clothing") are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from claimscope.extract import extensions  # noqa: F401  (registers Doc._ attributes)
from claimscope.extract.timexes import Piece, Prefer, Timex, normalise_date, normalise_expression, publication_date
from claimscope.extract.timexes.anaphora import is_focus, resolve_anaphor
from claimscope.extract.timexes.fiscal import fiscal_year_end, quarter_of_month
from claimscope.extract.timexes.grammar import grammar
from claimscope.extract.timexes.normalise import clean
from claimscope.extract.types import TimeMention

__all__ = ["DateFinder", "normalise_date"]


@Language.factory(
    "claimscope_dates",
    default_config={"date_labels": ["DATE"], "time_labels": ["TIME"], "finders": True, "tense": True},
)
def make_dates(
    nlp: Language, name: str, date_labels: list[str], time_labels: list[str], finders: bool, tense: bool
) -> DateFinder:
    """`date_labels`: entity labels read as dates; `time_labels`: labels kept only where they name a day or a
    duration ("last night", "a two-hour meeting"), not a clock time; `finders`: add the rule spans of
    data/dates.yml; `tense`: let the tense of the governing verb choose past or future."""
    return DateFinder(date_labels, time_labels, finders, tense)


LOOK_BEHIND = 16  # characters before a span where a word of future_words or open_words is looked for


def _word_before(words: list[str]) -> re.Pattern[str]:
    """Any of `words`, whole, followed by spaces only: matched on the end of a span's left context."""
    alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternation})\s+$", re.IGNORECASE)


def _led_by(words: re.Pattern[str], span: Span) -> bool:
    """Whether one of `words` comes just before the span or begins it ("until Tuesday" either way).

    The left context is read from the LOOK_BEHIND tokens before the span (each holds a character at least), not
    from `Doc.text`, which spaCy joins anew from every token at each call."""
    doc = span.doc
    before = doc[max(0, span.start - LOOK_BEHIND) : span.start].text_with_ws[-LOOK_BEHIND:]
    if words.search(before):
        return True
    return len(span) > 1 and words.search(before + span[0].text_with_ws) is not None


def _possessed(span: Span) -> bool:
    """Whether a possessive pronoun stands just before the span ("his 30s", "her early twenties")."""
    return span.start > 0 and span.doc[span.start - 1].tag_ == "PRP$"


def _fiscal_quarters(text: str, pieces: tuple[Piece, ...], fiscal_end: int | None) -> tuple[Piece, ...]:
    """A quarter closed by a day ("the quarter ended Sept. 29") numbered in the company's fiscal year: its
    first, when that year ends in June. Quarters named by number keep it."""
    if fiscal_end is None:
        return pieces
    out = list(pieces)
    for i, (period, day) in enumerate(zip(pieces, pieces[1:])):
        named = grammar().lexicon["closed_periods"].get(clean(text[period.start : period.end]))
        if named == "quarter" and period.precision == "quarter" and day.precision == "day" and day.value:
            number = quarter_of_month(int(day.value[5:7]), fiscal_end)
            out[i] = Piece(period.start, period.end, f"{day.value[:4]}-Q{number}", "quarter")
    return tuple(out)


class DateFinder:
    """Sets `doc._.times` to a TimeMention per date or duration expression, in text order."""

    def __init__(self, date_labels: Iterable[str], time_labels: Iterable[str], finders: bool, tense: bool) -> None:
        self.date_labels = frozenset(date_labels)
        self.time_labels = frozenset(time_labels)
        self.finders = finders
        self.tense = tense
        lex = grammar().lexicon
        self.edge_words = frozenset(lex["edge_words"])
        self.openings = tuple(tuple(phrase.split()) for phrase in lex["opening_phrases"])
        self.left_words = frozenset(lex["left_words"])
        self.units = frozenset(lex["units"])
        self.classifiers = frozenset(lex["classifier_words"])
        self.future_auxiliaries = frozenset(lex["future_auxiliaries"])
        self.future_verbs = frozenset(lex["future_verbs"])
        self.future_heads = frozenset(lex["future_heads"])
        self.plan_verbs = frozenset(lex["plan_verbs"])
        self.past_tags = frozenset(lex["past_tags"])
        self.perfect_auxiliaries = frozenset(lex["perfect_auxiliaries"])
        self.nominal_deps = frozenset(lex["nominal_deps"])
        self.future_words = _word_before(lex["future_words"])
        self.open_words = _word_before(lex["open_words"])
        self.year_to_date = re.compile(lex["year_to_date"])

    def __call__(self, doc: Doc) -> Doc:
        published = publication_date(doc._.published)
        text = doc.text
        times: list[TimeMention] = []
        focus: Timex | None = None  # the latest dated mention: what "a year earlier" is said of
        latest: dict[str, Timex] = {}  # the latest dated mention of each precision ("the quarter")
        fiscal = fiscal_year_end(text)  # the month the fiscal year of the company reported on ends in
        for span in filter_spans(self._candidates(doc, text)):
            if self._classifier(span):
                continue
            clock = span.label_ in self.time_labels
            span, anaphor, pieces = self._read(span, focus, latest, published)
            if pieces and all(p.precision == "decade" for p in pieces) and _possessed(span):
                continue  # "when he was in his 30s": an age
            # an expression sets the focus once, by its first date; an anaphor only when it names a mention
            # again ("the quarter" brings the quarter last named back into focus), not when it shifts one
            focused = anaphor is not None and latest.get(anaphor.precision or "") != anaphor
            for piece in _fiscal_quarters(span.text, pieces, fiscal):
                if clock and piece.precision not in ("day", "duration"):
                    continue
                start, end = span.start_char + piece.start, span.start_char + piece.end
                inner = None if piece.value or len(pieces) < 2 else resolve_anaphor(text[start:end], focus, latest,
                                                                                     published)
                if inner is not None:  # a part said of the focus ("the first nine months of the year")
                    piece = Piece(piece.start, piece.end, inner.value, inner.precision)
                times.append(TimeMention(text[start:end], start, end, piece.value, piece.precision))
                found = Timex(piece.value, piece.precision)
                if len(pieces) == 1:  # "the six months ended Aug. 12": the day is the focus
                    found = self._as_focus(text[start:end], found, latest, published)
                if not focused and inner is None and is_focus(found, published, fiscal):
                    focus = latest[piece.precision or ""] = found
                    focused = True
        doc._.times = sorted(times, key=lambda t: t.start)
        return doc

    def _read(
        self, span: Span, focus: Timex | None, latest: dict[str, Timex], published: date | None
    ) -> tuple[Span, Timex | None, tuple[Piece, ...]]:
        """The span's anaphor value (None when it is none) and its dates. A span read as a time without any
        value, not an anaphor ("a year earlier" with nothing before it keeps no value), is narrowed, words
        dropped from its start and then its end, to the first part that has one ("a coup d'etat last year" ->
        "last year", "in April month" -> "April"), never to a lone unit ("the day"), to a part opening on a
        preposition, nor to an ordinal cut from its noun ("the second day")."""
        anaphor, pieces = self._values(span, focus, latest, published)
        if anaphor is not None or len(span) < 2 or not pieces or any(p.value for p in pieces):
            return span, anaphor, pieces
        parts = [span[i:] for i in range(1, len(span))] + [span[:j] for j in range(len(span) - 1, 0, -1)]
        for part in parts:
            if len(part) == 1 and part[0].lower_ in self.units or part[0].is_punct or part[-1].is_punct:
                continue
            if part[0].tag_ == "IN":
                continue  # "of the month" of "the end of the month": no part of it
            if part.end < span.end and part[-1].like_num:
                continue  # "the third consecutive month", "the second day": no day of the month
            found, found_pieces = self._values(part, focus, latest, published)
            if any(p.value for p in found_pieces):
                return part, found, found_pieces
        return span, anaphor, pieces

    def _values(
        self, span: Span, focus: Timex | None, latest: dict[str, Timex], published: date | None
    ) -> tuple[Timex | None, tuple[Piece, ...]]:
        """The span read as an anaphor of the focus, else normalised against publication in its tense."""
        anaphor = resolve_anaphor(span.text, focus, latest, published)
        if anaphor is not None:
            return anaphor, (Piece(0, len(span.text), anaphor.value, anaphor.precision),)
        prefer: Prefer = self._tense(span) if self.tense else "past"
        return None, normalise_expression(span.text, published, prefer)

    def _as_focus(self, text: str, found: Timex, latest: dict[str, Timex], published: date | None) -> Timex:
        """What a mention is as the focus of later anaphors: itself, or for the months of a year to date ("the
        nine months") that year: the year of the quarter under discussion, else of publication."""
        if found.precision != "duration" or not self.year_to_date.fullmatch(clean(text)):
            return found
        quarter = latest.get("quarter")
        year = (quarter.value or "")[:4] if quarter else (str(published.year) if published else "")
        return Timex(year, "year") if year else found

    def _candidates(self, doc: Doc, text: str) -> list[Span]:
        """Trimmed DATE/TIME entities and finder spans (label DATE)."""
        spans = []
        for ent in doc.ents:
            if ent.label_ in self.date_labels or ent.label_ in self.time_labels:
                trimmed = self._trim(ent)
                if trimmed is not None:
                    spans.append(trimmed)
        if self.finders:
            for regex in grammar().finders:
                for match in regex.finditer(text):
                    span = doc.char_span(match.start(), match.end(), label="DATE", alignment_mode="expand")
                    if span is not None:
                        spans.append(span)
        return spans

    def _trim(self, ent: Span) -> Span | None:
        """The entity without an opening phrase ("as early as Monday" -> "Monday"), edge words and punctuation
        ("Oct. 23, 2024 that" -> "Oct. 23, 2024"), with a determiner the model left out of a lone unit ("This"
        of "This year")."""
        start, end = ent.start, ent.end
        for opening in self.openings:
            if tuple(t.lower_ for t in ent[: len(opening)]) == opening and len(ent) > len(opening):
                start += len(opening)
                break
        while start < end and (ent.doc[start].lower_ in self.edge_words or ent.doc[start].is_punct):
            start += 1
        while end > start and (ent.doc[end - 1].lower_ in self.edge_words or ent.doc[end - 1].is_punct):
            end -= 1
        lone_unit = end - start == 1 and ent.doc[start].lower_ in self.units
        if lone_unit and start and ent.doc[start - 1].lower_ in self.left_words:
            start -= 1  # "that year": the determiner an edge word or the model left out
        return Span(ent.doc, start, end, label=ent.label_) if end > start else None

    def _unrealised(self, span: Span, verb: Token, chain: list[Token]) -> bool:
        """Whether the date's verb is an action still to come when the verb over it happened: a to-infinitive
        under another verb ("had agreed to resign in June", "decided to admit them in March"), or a plan's own
        verb with the date after it ("planned a rally on Saturday"; "On Friday, they planned ..." dates the
        planning). The tense of the verb over it does not put the date in the past."""
        if verb.lemma_.lower() in self.plan_verbs:
            return span.root.i > verb.i
        return len(chain) > 1 and verb.tag_ == "VB" and any(c.tag_ == "TO" for c in verb.children)

    def _clause_verb(self, verb: Token) -> Token:
        """A past participle modifying a noun has no tense of its own: the verb of the clause holding the noun
        has it ("a rally planned for Saturday was cancelled": a past Saturday; "... will go ahead": a coming
        one)."""
        if verb.dep_ != "acl" or verb.tag_ != "VBN":
            return verb
        head = verb.head.head
        if verb.head.dep_ == "pobj" and head.dep_ == "prep":
            head = head.head
        return head if head.pos_ in ("VERB", "AUX") and head.i != verb.head.i else verb

    def _classifier(self, span: Span) -> bool:
        """A lone season word modifying a noun ("winter clothing") classifies it; it dates nothing."""
        token = span.root
        return len(span) == 1 and token.lower_ in self.classifiers and token.dep_ in ("compound", "amod")

    def _tense(self, span: Span) -> Prefer:
        """"future" or "past" from the verb the span modifies (or the verb that one completes), else "nearest".

        A to-infinitive is no past whatever the tense over it ("had agreed to resign in June": the nearest
        June; "planned to leave on Thursday": forwards, as is a plan's own date, "planned a rally on Saturday").

        A word before it decides first: "as early as Friday" looks forward; "until", "by", "through January"
        take the nearest unless the tense looks forward ("will double its flights by August"). Only a date
        modifying the verb itself counts ("said Tuesday", "met on Friday"); one inside a noun phrase ("declared
        a dividend payable Nov. 10", "will report third-quarter earnings") has no tense.
        """
        if _led_by(self.future_words, span):
            return "future"
        if _led_by(self.open_words, span):
            return "future" if self._verb_tense(span) == "future" else "nearest"
        return self._verb_tense(span)

    def _verb_tense(self, span: Span) -> Prefer:
        """The direction the tense of the span's verb gives (see `_tense`)."""
        verb: Token = span.root.head
        if span.root.dep_ == "pobj" and verb.dep_ == "prep":
            verb = verb.head
        if verb.i == span.root.i or verb.pos_ not in ("VERB", "AUX") or span.root.dep_ in self.nominal_deps:
            return "nearest"
        verb = self._clause_verb(verb)
        chain = [verb]
        while chain[-1].dep_ == "xcomp" and chain[-1].head.i != chain[-1].i:
            chain.append(chain[-1].head)
        auxiliaries = [c for v in chain for c in v.children if c.dep_ in ("aux", "auxpass")]
        if (
            any(a.lower_ in self.future_auxiliaries for a in auxiliaries)
            or any(v.lemma_.lower() in self.future_verbs and v.tag_ not in self.past_tags for v in chain)
            or any(v.lemma_.lower() in self.future_heads and v.tag_ not in self.past_tags for v in chain[1:])
        ):
            return "future"
        if self._unrealised(span, verb, chain):
            if any(v.lemma_.lower() in self.future_verbs for v in chain[1:]) or verb.lemma_.lower() in self.plan_verbs:
                return "future"
            return "nearest"
        if verb.tag_ in self.past_tags or any(
            a.tag_ in self.past_tags or a.lower_ in self.perfect_auxiliaries for a in auxiliaries
        ):
            return "past"
        return "nearest"
