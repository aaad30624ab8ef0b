"""Direct quotations: where they are, and how they widen, complete or continue attribution frames.

A run of quoted sentences closed by one attribution is one claim; a quotation after "X said:" is X's
content; "“A,” X said, “B.”" is one claim in two parts; a quoted sentence following a quoted claim, with
no cue of its own, continues the same speaker's words.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc, Token

from claimscope.extract.attribution.frames import Frame

# Curly and guillemet quotes pair by kind; straight double quotes alternate. A blank line closes an open
# quotation (a multi-paragraph quotation reopens on its next paragraph).
QUOTE_MARKS = re.compile(r"[“”\"«»„]|\n[ \t]*\n")
CLOSERS = {"“": "”", "«": "»", "„": "“”"}
# Characters allowed between a cue and the quotation it introduces ("said:", "said,").
LEAD_IN = " \t\n:,—–-"
# Speakers inside a quotation who are the quoted person themselves ("and I say we ...", "you say ...").
INTERLOCUTORS = frozenset({"i", "me", "we", "us", "you"})


def quote_spans(text: str) -> list[tuple[int, int]]:
    """Character spans (marks included) of the quotations in a text, in order."""
    spans: list[tuple[int, int]] = []
    open_at: int | None = None
    closers = ""
    for match in QUOTE_MARKS.finditer(text):
        mark = match.group()
        if mark[0] == "\n":
            open_at = None
        elif open_at is None:
            if mark in CLOSERS or mark == '"':
                open_at, closers = match.start(), CLOSERS.get(mark, '"')
            elif mark == "”" and (match.start() == 0 or text[match.start() - 1] == "\n"):
                open_at, closers = match.start(), "”“"  # a paragraph opened with the wrong-way mark
        elif mark in closers:
            spans.append((open_at, match.end()))
            open_at = None
    return spans


class Quotations:
    """The quotations of one document, with lookups from character offsets."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = doc.text
        self.spans = quote_spans(self.text)
        self.starts = [s for s, _ in self.spans]

    def _tokens(self, start: int, end: int) -> set[int]:
        span = self.doc.char_span(start, end, alignment_mode="expand")
        return set(range(span.start, span.end)) if span is not None else set()

    def covering(self, start: int, end: int) -> list[tuple[int, int]]:
        """Quotations overlapping a character range."""
        return [(s, e) for s, e in self.spans if s < end and e > start]

    def starting_after(self, offset: int) -> tuple[int, int] | None:
        """The quotation that opens right after `offset`, past only spaces, a colon or a comma."""
        k = bisect_right(self.starts, offset)
        if k == len(self.spans):
            return None
        start, end = self.spans[k]
        gap = self.text[offset:start]
        return (start, end) if len(gap) <= 4 and all(ch in LEAD_IN for ch in gap) else None

    def inside(self, token_i: int) -> bool:
        """Whether a token lies within a quotation (marks excluded)."""
        token = self.doc[token_i]
        return any(s < token.idx and token.idx + len(token) < e for s, e in self.spans)

    def within_speech(self, frame: Frame) -> bool:
        """A cue inside a quotation whose source is the quoted speaker or their addressee ("I say ...")."""
        if not frame.cue or frame.source is None or frame.source.lower_ not in INTERLOCUTORS:
            return False
        return self.inside(frame.cue_token.i)

    def repair(self, frame: Frame) -> None:
        """ "“...,” Flynn, a surrogate, said ...": a speaker standing between a closing quotation and the cue
        is the source, and the quotation the content, where the parse put the source inside the quotation or
        gave the cue no content."""
        if not frame.cue or frame.source is None or (frame.content and not self.inside(frame.source.i)):
            return
        doc = self.doc
        cue = frame.cue_token
        sentence = cue.sent
        # the quotation may end the sentence before: "“Is it too big?” Vitter demanded."
        opened = len(self.text[: sentence.start_char].rstrip())
        closing = [e for s, e in self.spans if opened <= e <= cue.idx]
        if not closing:
            return
        between = doc.char_span(closing[-1], cue.idx, alignment_mode="expand")
        if between is None:
            return
        words = [t for t in between if not (t.is_punct or t.is_space)]
        if not words or len(words) > 12 or any(t.pos_ in ("VERB", "AUX") for t in words):
            return
        heads = [t for t in words if not (words[0].i <= t.head.i <= words[-1].i)]
        if heads:
            frame.source = heads[0]
            quote = next(q for q in self.spans if q[1] == closing[-1])
            frame.content = self._tokens(*quote)

    def inverted(self, frames: list[Frame], verbs: frozenset[str]) -> list[Frame]:
        """ "“...,” said Leslie Wimes, a ...": a cue verb right after a closing quotation and before a name (the
        parser often takes a word of the quotation for the subject, or finds none) has the quotation as its
        content and the name as its source. Repairs the frames there; returns the frames the parse missed."""
        doc = self.doc
        at = {f.cue_token.i: f for f in frames if f.cue}
        found = []
        for start, end in self.spans:
            gap = len(self.text[end:]) - len(self.text[end:].lstrip(LEAD_IN))
            cue = doc.char_span(end + gap, end + gap + 1, alignment_mode="expand")
            if not 0 < gap <= 3 or cue is None or not set(",?!") & set(self.text[end - 2 : end + gap]):
                continue
            verb = cue[0]
            if verb.pos_ != "VERB" or verb.lemma_.lower() not in verbs or verb.i + 1 >= len(doc):
                continue
            source = _name_after(doc[verb.i + 1])
            if source is None:
                continue
            content = self._tokens(start, end)
            frame = at.get(verb.i)
            if frame is None:
                found.append(Frame([verb], verb.lemma_.lower(), source, content, verb))
            elif not frame.content or frame.source is None or self.inside(frame.source.i):
                frame.source, frame.content = source, content
        return found

    def widen(self, frame: Frame) -> None:
        """Grow a frame's content to the whole quotations it takes part of, and add the quotation that
        resumes right after an interrupting attribution ("“A,” X said, “B.”")."""
        doc = self.doc
        cue_tokens = {t.i for t in frame.cue}
        if frame.source is not None:
            cue_tokens.add(frame.source.i)
        if frame.content:
            first, last = doc[min(frame.content)], doc[max(frame.content)]
            for start, end in self.covering(first.idx, last.idx + len(last)):
                extra = self._tokens(start, end)
                if not extra & cue_tokens:
                    frame.content |= extra
        edge = max(cue_tokens | {t.right_edge.i for t in frame.cue})
        if frame.content and max(frame.content) > edge:
            return
        if not frame.content:  # "X said: “...”", maybe on the next paragraph ("He said:\n\n“...”")
            last = doc[max(cue_tokens)]
            quote = self.starting_after(last.idx + len(last))
            quote = quote or self.starting_after(doc[edge].idx + len(doc[edge]))
            if quote is not None:
                frame.content = self._tokens(*quote)
                frame.across_lines = "\n" in self.text[last.idx : quote[0]]
            return
        # "“A,” X said, “B.”": the attribution sits between two pieces of one quotation in one sentence.
        if doc[edge].text in (".", "!", "?") or not self._closes_before(min(cue_tokens)):
            return
        after = doc[edge].idx + len(doc[edge])
        quote = self.starting_after(after)
        if quote is not None and "\n" not in self.text[after : quote[0]]:
            resumed = self._tokens(*quote)
            if resumed and doc[min(resumed)].sent.start == doc[edge].sent.start:
                frame.content |= resumed

    def _closes_before(self, token_i: int) -> bool:
        """Whether a quotation closes just before a token (past a comma and spaces)."""
        start = self.doc[token_i].idx
        return self.text[max(0, start - 8) : start].rstrip(LEAD_IN).endswith(("”", '"', "»"))

    def quoted(self, frame: Frame) -> bool:
        """Whether a frame's content begins or ends at a quotation mark."""
        if not frame.content:
            return False
        return self.doc[min(frame.content)].is_quote or self.doc[max(frame.content)].is_quote

    def continuations(self, frames: list[Frame]) -> list[Frame]:
        """Frames for quoted sentences that carry on the previous quoted claim without a cue of their own."""
        doc = self.doc
        claimed: set[int] = set()
        cue_sentences = set()
        for frame in frames:
            claimed |= frame.content
            claimed.update(t.i for t in frame.cue)
            cue_sentences.update(t.sent.start for t in frame.cue)
        previous = [f for f in frames if self.quoted(f)]
        found: list[Frame] = []
        for start, end in self.spans:
            tokens = self._tokens(start, end)
            if not tokens or tokens & claimed:
                continue
            first = doc[min(tokens)]
            if first.sent.start != first.i or first.i == 0 or doc[max(tokens)].sent.start in cue_sentences:
                continue
            before = doc[first.i - 1].sent
            speaker = max(
                (f for f in previous if before.start <= max(f.content) < before.end),
                key=lambda f: max(f.content),
                default=None,
            )
            if speaker is None:
                continue
            frame = Frame([], "", speaker.source, tokens, speaker.anchor, list(speaker.cites),
                          source_tokens=speaker.source_tokens, continues=speaker)
            found.append(frame)
            previous.append(frame)
        return found


def _name_after(token: Token) -> Token | None:
    """The head of the name that opens at a token ("Leslie Wimes", "the senator"), or None when none does."""
    if token.pos_ == "DET" and token.i + 1 < len(token.doc):
        token = token.doc[token.i + 1]
    if token.pos_ not in ("PROPN", "NOUN"):
        return None
    while token.dep_ in ("compound", "amod", "nmod", "poss", "flat") and token.head.i > token.i:
        token = token.head
    return token
