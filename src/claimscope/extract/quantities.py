"""The `claimscope_quantities` component: counted things as intervals, from the numbers `amounts` reads.

The component sets `doc._.quantities` to the counted things of a document ("around 12,000 North Korean
soldiers", "two brigades", "thousands of troops"), each a `Quantity` whose low/high make an interval (the
qualifiers and their intervals: `claimscope.extract.amounts`).

The counted noun (`unit`, its lemma) heads the noun phrase after the number, or after "of" ("thousands of
troops"); the parse picks it where it makes the number a modifier of a noun. "12,000 troop count" counts troops
(an aggregate head's compound); "a 3,000-man brigade" counts men. Without a counted noun a number stays only as
an argument itself ("the number was at least 3,000").

Not head counts, so not emitted: money, percentages, measures and durations (a unit of measure after the
number: "1.5 km", "three days", "500 kg bombs"), numbers written with a decimal fraction and no magnitude
("6.0", but "1.5 million" stays), ages, dates and years (inside `doc._.times` or a DATE/TIME entity; a bare
1000..2999), ordinals, identifiers ("Article 5"), codes (phone numbers, 2024-10-25), a number before a singular
noun ("the 2016 candidate"), "one of", pronoun "one".
"""

from __future__ import annotations

import dataclasses
import re

from spacy.attrs import ORTH, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from claimscope.extract import extensions  # noqa: F401  (registers Doc._ attributes)
from claimscope.extract.amounts import Lexicon, Reading, load_lexicon, read_quantities
from claimscope.extract.types import Quantity

# Codes, not counts: phone numbers ((0xx) xxx-xxxx, +380 44 123 4567) and digit groups joined by two or more
# separators (2024-10-25, 10/23/2024, 555-123-4567, 1.2.3).
CODE = re.compile(
    r"(?<![\w,.])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)|\d{2,4})[\s.-]\d{2,4}[\s.-]\d{3,4}(?![\w,])"
    r"|(?<![\w.,])\d+(?:[-/.]\d+){2,}(?!\w)"
)
EXCLUDED_ENTITIES = frozenset({"MONEY", "PERCENT", "ORDINAL"})
EXCLUDED = EXCLUDED_ENTITIES | {"CODE"}
TEMPORAL_ENTITIES = frozenset({"DATE", "TIME"})
NOMINAL = frozenset({"NOUN", "PROPN"})
MODIFIER_DEPS = frozenset({"nummod", "quantmod", "compound", "amod", "nmod"})
SINGULAR_TAGS = frozenset({"NN", "NNP"})
# How far right of the number the parse may put its noun ("one Florida congressional candidate").
MAX_PHRASE = 6


class QuantityFinder:
    """Finds counted things and sets `doc._.quantities`."""

    def __init__(self, lexicon: Lexicon, keep_unitless: bool) -> None:
        self.lexicon = lexicon
        self.keep_unitless = keep_unitless

    def __call__(self, doc: Doc) -> Doc:
        doc._.quantities = list(self.find(doc))
        return doc

    def find(self, doc: Doc) -> list[Quantity]:
        """The head counts of a parsed document, in text order."""
        strings = doc.vocab.strings
        orths, spaces = (column.tolist() for column in doc.to_array([ORTH, SPACY]).T)
        texts = [strings[o] for o in orths]
        words = [t.lower() for t in texts]
        glued = [not s for s in spaces]
        blocked = _blocked_chars(doc, "".join(t + " " if s else t for t, s in zip(texts, spaces)), self.lexicon)
        found: list[tuple[Reading, Quantity]] = []
        for reading in read_quantities(words, glued, self.lexicon):
            quantity = self._quantity(doc, words, reading, blocked)
            if quantity is not None:
                found.append((reading, _elided_unit(doc, words, reading, quantity, found, self.lexicon)))
        return [quantity for _, quantity in found]

    def _quantity(
        self, doc: Doc, words: list[str], reading: Reading, blocked: list[tuple[int, int, str]]
    ) -> Quantity | None:
        """The reading as a head count with its counted noun, or None when it is no head count."""
        lex = self.lexicon
        number = doc[reading.number_start:reading.number_end]
        if reading.fraction or not float(reading.value).is_integer():
            return None  # a measure ("1.5 km", "6.0-sigma") or a fraction ("two point five"), not a head count
        if self._money_age_or_identifier(words, reading) or _ratio(words, reading, lex):
            return None
        overlaps = {label for start, end, label in blocked if start < number.end_char and number.start_char < end}
        if overlaps & EXCLUDED:
            return None
        after = reading.end
        if after < len(doc) and (words[after] in lex.measures or doc[after].lemma_.lower() in lex.measures):
            return None
        phrase = self._counted(doc, reading)
        if phrase is None:
            return None
        counted, head, first, subject = phrase
        year_like = not reading.vague and _year_like(number, reading.value, lex)
        written = doc[reading.start:reading.end]
        root = _root(number)
        victims = counted is None and root.dep_ == "dobj" and root.head.lemma_.lower() in lex.people_verbs
        for start, end, label in blocked:
            if victims:
                break  # "strikes kill 42 overnight": people, whatever the tagger read
            if label in TEMPORAL_ENTITIES and start < number.end_char and number.start_char < end:
                if start < written.start_char or end > written.end_char or counted is None or year_like:
                    return None  # a date ("Aug. 30 primary", "in 2024"), not a count the tagger mistook for one
        if counted is None:
            if not self._unitless_ok(doc, reading, number, year_like):
                return None
        elif first.lemma_.lower() in lex.measures or counted.lemma_.lower() in lex.measures:
            return None
        if words[reading.number_start] in ("one", "1") and len(number) == 1:
            before = words[reading.start - 1] if reading.start else ""
            if counted is None or before in lex.pronoun_one_before:
                return None
        end = max(reading.end, head.i + 1) if head is not None else reading.end
        span = doc[reading.start:end]
        return Quantity(
            text=span.text,
            start=span.start_char,
            end=span.end_char,
            value=reading.value,
            low=reading.low,
            high=reading.high,
            qualifier=reading.qualifier,
            unit=_unit(counted) if counted is not None else None,
            subject=subject.text if subject is not None else None,
            vague=reading.vague,
        )

    def _money_age_or_identifier(self, words: list[str], reading: Reading) -> bool:
        """A currency sign before the number, an age marker ("aged") or an identifier marker ("No.", "#")."""
        lex = self.lexicon
        sign_at = (reading.number_start - 1, reading.start - 1)
        if any(i >= 0 and words[i] in lex.currency_signs for i in sign_at):
            return True
        for length in range(1, lex.longest + 1):
            if tuple(words[max(0, reading.start - length):reading.start]) in lex.age_markers:
                return True
            preceding = tuple(words[max(0, reading.number_start - length):reading.number_start])
            if reading.start == reading.number_start and preceding in lex.identifier_markers:
                return True
        return False

    def _counted(
        self, doc: Doc, reading: Reading
    ) -> tuple[Token | None, Token | None, Token | None, Span | None] | None:
        """(counted noun, phrase head, first noun, subject) after the number; None to drop the number.

        The phrase runs from after the number (or after a partitive 'of') over modifiers to its head noun;
        the dependency parse picks the head where the number's parent lies in that run.
        """
        lex = self.lexicon
        j = reading.end
        sentence_end = doc[reading.number_start].sent.end if doc.has_annotation("SENT_START") else len(doc)
        hyphen = j < sentence_end and doc[j].tag_ == "HYPH" and not doc[j - 1].whitespace_
        if hyphen:
            j += 1
            if j >= sentence_end:
                return None
            joined = doc[j]
            if joined.pos_ not in NOMINAL and joined.lower_ not in lex.hyphen_counts:
                return None
            if reading.value == 1 and j + 1 < sentence_end and doc[j + 1].pos_ in NOMINAL | {"ADJ"}:
                return None  # "one-way attack drones", "a one-time payment": a modifier, not one of anything
        partitive = not hyphen and j < sentence_end and doc[j].lower_ == "of"
        if partitive:
            if reading.number_end - reading.number_start == 1 and doc[reading.number_start].lower_ in ("one", "1"):
                return None  # "one of the soldiers"
            j += 1
            while j < sentence_end and doc[j].pos_ == "DET":
                j += 1
        run = _noun_run(doc, j, sentence_end)
        root = _root(doc[reading.number_start:reading.number_end])
        parent = root.head
        plain = not (partitive or hyphen)
        if plain and root.dep_ in lex.unitless_roles and parent not in run:
            run = []  # the parse makes the number an argument itself: "topped 3,000 last week"
        elif (plain and root.dep_ in MODIFIER_DEPS and parent.pos_ in NOMINAL
              and j <= parent.i < min(sentence_end, j + MAX_PHRASE) and parent.left_edge.i <= root.i):
            run = list(doc[j:parent.i + 1])  # the parse's noun: "one Florida congressional candidate"
        nouns = [t for t in run if t.pos_ in NOMINAL]
        if not nouns:
            return None, None, None, None
        head = parent if parent in nouns and not hyphen else nouns[-1]
        if (plain and not reading.vague and reading.value != 1 and head.tag_ in SINGULAR_TAGS
                and head.lemma_.lower() not in lex.aggregate_heads and head.lower_ not in lex.invariant_nouns):
            return None  # a number before a singular noun is no count of it: "the 2016 candidate"
        counted = head
        if hyphen and doc[reading.end + 1].pos_ in NOMINAL:
            counted = doc[reading.end + 1]
        elif head.lemma_.lower() in lex.aggregate_heads:
            before = [t for t in nouns if t.i < head.i]
            counted = before[-1] if before else head
        first = run[1] if hyphen and run[0].pos_ not in NOMINAL else run[0]  # "10,000-strong force"
        return counted, head, nouns[0], doc[first.i:counted.i + 1]

    def _unitless_ok(self, doc: Doc, reading: Reading, number: Span, year_like: bool) -> bool:
        """A number with no counted noun stays when it is itself an argument ("at least 3,000 have arrived") or
        counts the people an adjective stands for ("1,640 dead")."""
        if not self.keep_unitless or year_like or reading.dashed:
            return False
        if reading.vague and doc[reading.number_start].lower_ not in self.lexicon.vague_plurals:
            return False
        root = _root(number)
        people = root.dep_ in MODIFIER_DEPS and root.head.lower_ in self.lexicon.nominal_adjectives
        if root.dep_ not in self.lexicon.unitless_roles and not people:
            return False
        if reading.start == reading.number_start and reading.start:
            previous = doc[reading.start - 1]
            if previous.pos_ == "PROPN" or previous.tag_ == "NN":
                return False  # an identifier: "Article 5", "Voyager 2"
        return True


def _elided_unit(doc: Doc, words: list[str], reading: Reading, quantity: Quantity,
                 before: list[tuple[Reading, Quantity]], lexicon: Lexicon) -> Quantity:
    """A number without its noun, or with an anaphoric one ("35 others"), counts what the count before it in
    its sentence counts when a link joins them: "two people were killed and five wounded", "337 drones,
    including 126 over the Kursk region"."""
    if quantity.unit is not None and quantity.unit not in lexicon.anaphoric_units:
        return quantity
    people_only = reading.end < len(words) and words[reading.end] in lexicon.nominal_adjectives
    sentence_start = doc[reading.number_start].sent.start if doc.has_annotation("SENT_START") else 0
    for previous, antecedent in reversed(before):
        if previous.end <= sentence_start or reading.number_start - previous.end > lexicon.elision_reach:
            break
        if antecedent.unit is None or antecedent.unit in lexicon.anaphoric_units | lexicon.elision_skip:
            continue
        near = words[previous.end:reading.start][-lexicon.elision_gap:]
        if not any(tuple(near[i:i + len(link)]) == link for link in lexicon.elision_links for i in range(len(near))):
            return quantity  # the link must lead to the number: not "..., while the number of injured reached 8,408"
        if people_only and antecedent.unit not in lexicon.person_units:
            return quantity  # "238 attacks, with 206 dead": the adjective counts people, not attacks
        return dataclasses.replace(quantity, unit=antecedent.unit, subject=antecedent.subject)
    return quantity


def _blocked_chars(doc: Doc, text: str, lexicon: Lexicon) -> list[tuple[int, int, str]]:
    """Character spans that may rule a number out, with their label: entities, times and codes ("CODE"). A
    MONEY entity with no currency sign or word in it is the tagger's guess ("displaced more than 11 million")."""
    labels = EXCLUDED_ENTITIES | TEMPORAL_ENTITIES
    spans = [(e.start_char, e.end_char, e.label_) for e in doc.ents if e.label_ in labels
             and (e.label_ != "MONEY" or _has_currency(e, lexicon))]
    spans.extend((t.start, t.end, "DATE") for t in doc._.times or [])
    spans.extend((m.start(), m.end(), "CODE") for m in CODE.finditer(text))
    return spans


def _ratio(words: list[str], reading: Reading, lexicon: Lexicon) -> bool:
    """Either side of a proportion ("nine in ten residents", "three out of four homes"): no count of anything."""
    def number(word: str) -> bool:
        return word[:1].isdigit() or word in lexicon.number_words

    for link in lexicon.ratio_links:
        after = words[reading.end:reading.end + len(link) + 1]
        if len(after) > len(link) and tuple(after[:len(link)]) == link and number(after[-1]):
            return True
        start = reading.start - len(link)
        if start > 0 and tuple(words[start:reading.start]) == link and number(words[start - 1]):
            return True
    return False


def _has_currency(span: Span, lexicon: Lexicon) -> bool:
    return any(t.lower_ in lexicon.currency_signs or t.lower_ in lexicon.measures
               or t.lemma_.lower() in lexicon.measures or t.is_currency for t in span)


def _year_like(number: Span, value: float, lexicon: Lexicon) -> bool:
    low, high = lexicon.year_like
    return len(number) == 1 and number.text.isdigit() and low <= value <= high


def _unit(token: Token) -> str:
    """The counted noun's lemma ("soldiers" -> "soldier"); a proper noun keeps its text."""
    return token.lemma_.lower() if token.pos_ == "NOUN" else token.text


def _root(span: Span) -> Token:
    """The token of a span whose parent lies outside it."""
    for token in span:
        if not (span.start <= token.head.i < span.end) or token.head == token:
            return token
    return span[-1]


def _noun_run(doc: Doc, j: int, end: int) -> list[Token]:
    """Modifiers and nouns from doc[j] up to the last noun of one noun phrase ("North Korean soldiers")."""
    run: list[Token] = []
    seen_noun = False
    for token in doc[j:end]:
        if token.pos_ in NOMINAL:
            if seen_noun and token.pos_ == "PROPN" and run[-1].pos_ == "NOUN":
                break  # "soldiers Kyiv": a new phrase
            seen_noun = True
        elif token.tag_ == "POS":
            seen_noun = False  # "North Korea's troops": the possessor, then the phrase goes on
        elif token.tag_ == "HYPH" and seen_noun and not run[-1].whitespace_ and not token.whitespace_:
            seen_noun = False  # "coal-burning power plants": the noun was part of a modifier
        elif token.tag_ == "HYPH" or token.pos_ == "ADJ" or (token.pos_ == "VERB" and token.tag_ in ("VBN", "VBG")):
            if seen_noun:
                break
        else:
            break
        run.append(token)
    while run and run[-1].pos_ not in NOMINAL:
        run.pop()
    return run


@Language.factory(
    "claimscope_quantities",
    default_config={"lexicon": "", "keep_unitless": True},
)
def make_quantities(nlp: Language, name: str, lexicon: str, keep_unitless: bool) -> QuantityFinder:
    """Head counts as intervals into `doc._.quantities`. `lexicon`: a quantities YAML file ('' = packaged)."""
    return QuantityFinder(load_lexicon(lexicon or None), keep_unitless)
