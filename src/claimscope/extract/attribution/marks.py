"""Attributions made by punctuation in headlines, transcripts and posts: "Budanov: Troops are in Kursk",
"PENCE: Well, look, ...", "“We will win.” ― Pamela Padilla", "Troops moved to the border – Pentagon",
"Lebanon may be seeing its largest displacement: PM".

The speaker is a short name (a named entity, or an upper-case speaker label) standing at the start of a line
before a colon, or at the end of a line after a dash or colon; the rest of the line is the content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from claimscope.extract.attribution.frames import Frame
from claimscope.extract.attribution.lexicon import CueLexicon

NAME_ENTITIES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
DASHES = frozenset({"―", "—", "–", "-"})
CLOSING_QUOTES = "”\"’»"
MAX_NAME_TOKENS = 5
# The cue lemma of a punctuation mark: "Budanov: …" is "Budanov says …" (the mark itself is the cue span).
MARK_LEMMA = "say"


def _is_name(span: Span) -> bool:
    """A speaker's name: a few capitalised words that make a named entity or a known actor, or an
    upper-case label."""
    if not 0 < len(span) <= MAX_NAME_TOKENS:
        return False
    words = [t for t in span if not (t.i == span.start and t.pos_ == "DET")]
    if not words or any(t.pos_ not in ("PROPN", "PUNCT") and not t.text[:1].isupper() for t in words):
        return False
    text = span.text
    if text.isupper() and any(c.isalpha() for c in text):
        return True
    if any(t.ent_type_ in NAME_ENTITIES for t in words):
        return True
    return any(a.start < span.end_char and span.start_char < a.end for a in span.doc._.actors or [])


def mark_frames(doc: Doc, cues: CueLexicon) -> list[Frame]:
    """Frames for "NAME: content" and "content ― NAME" lines."""
    frames: list[Frame] = []
    text = doc.text
    offset = 0
    for line in text.split("\n"):
        start, end = offset, offset + len(line)
        offset = end + 1
        stripped = line.strip()
        if len(stripped) < 8:
            continue
        lead = start + len(line) - len(line.lstrip())
        tail = start + len(line.rstrip())
        span = doc.char_span(lead, tail, alignment_mode="expand")
        if span is None or len(span) < 3:
            continue
        frame = _colon_frame(span, cues.line_labels) or _dash_frame(span)
        if frame is not None:
            frames.append(frame)
    return frames


def _colon_frame(line: Span, labels: frozenset[str]) -> Frame | None:
    first = next((t.i for t in line if not t.is_punct), line.end)
    colon = next((t for t in line.doc[first : first + MAX_NAME_TOKENS + 1] if t.text == ":"), None)
    if colon is None or colon.i == first or colon.i + 1 >= line.end:
        return None
    name = line.doc[first : colon.i]
    if name.text.lower() in labels or not _is_name(name):
        return None
    content = set(range(colon.i + 1, line.end))
    return Frame([colon], MARK_LEMMA, name[-1], content, colon, source_tokens=(name.start, name.end))


def _dash_frame(line: Span) -> Frame | None:
    doc = line.doc
    for dash in reversed(line[-(MAX_NAME_TOKENS + 1) :]):
        if _dash(dash.text) and dash.i > line.start:
            last = line.end
            while last > dash.i + 1 and doc[last - 1].is_punct:
                last -= 1
            first = dash.i + 1
            while first < last and doc[first].is_space:  # "― Name" with a no-break space
                first += 1
            name = doc[first:last]
            signed = _after_quotation(dash) and 0 < len(name) <= MAX_NAME_TOKENS
            signed = signed and all(t.pos_ == "PROPN" for t in name)
            if not (signed or _is_name(name)) or dash.whitespace_ == "" and dash.text[-1] == "-":
                return None
            content = set(range(line.start, dash.i))
            return Frame([dash], MARK_LEMMA, name[-1], content, dash, source_tokens=(name.start, name.end))
    return None


def _dash(text: str) -> bool:
    """A dash or colon before a closing name, maybe glued to the quotation mark before it ("”―")."""
    return text == ":" or text[-1] in DASHES and all(not ch.isalnum() for ch in text)


def _after_quotation(dash: Token) -> bool:
    """A dash right after a closing quotation mark ("”― Beck Pimentel"): a signed quotation, whose signature may be
    any proper name, not only one the model knows."""
    before = dash.doc[dash.i - 1].text if dash.i > 0 else ""
    return dash.text[0] in CLOSING_QUOTES or before[-1:] in CLOSING_QUOTES
