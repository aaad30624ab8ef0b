"""`claimscope_attribution`: every proposition the text ascribes to a source, as `Doc._.claims`, and every
attribution, claim or not ("X urged Y to ...", "X declined to say"), as `Doc._.attributions`.

The frames (reporting verbs, claim nouns, "according to X", quotations, headline "NAME: ..." and
"... ― NAME") come from `frames`, `quotes` and `marks`; this module turns them into `Claim` records: the
source resolved by the actors component, the cue, the content (in parts when interrupted), the channel named
around the cue and the date the claim was made.
"""

from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Token

from claimscope.extract.actors import resolve_source
from claimscope.extract.attribution.datelines import dateline_tokens, load_datelines
from claimscope.extract.attribution.evidential import evidential_frames, passive_frames
from claimscope.extract.attribution.contents import subtree
from claimscope.extract.attribution.finder import FrameFinder
from claimscope.extract.attribution.frames import CLAIM, Frame
from claimscope.extract.attribution.sources import source_head, source_span
from claimscope.extract.attribution.hearsay import hearsay_frames
from claimscope.extract.attribution.lexicon import ChannelLexicon, CueLexicon, load_channels, load_cues
from claimscope.extract.attribution.marks import mark_frames
from claimscope.extract.attribution.phrases import phrase_frames
from claimscope.extract.attribution.quotes import Quotations
from claimscope.extract.types import ActorMention, AttributionMention, Claim, Span

DATED = frozenset({"day", "month", "year"})
PART_SEPARATOR = " … "
GLUED_QUOTES = "“”\"'‘’«»"  # quotation marks the tokenizer may glue to a punctuation cue


@Language.factory(
    "claimscope_attribution",
    default_config={
        "cues_path": None,
        "channels_path": None,
        "datelines_path": None,
        "max_source_tokens": 12,
        "quotations": True,
    },
)
def make_attribution(
    nlp: Language,
    name: str,
    cues_path: str | None,
    channels_path: str | None,
    datelines_path: str | None,
    max_source_tokens: int,
    quotations: bool,
) -> Attribution:
    """The attribution component; lexicon paths default to the files in `extract/data/`."""
    return Attribution(
        load_cues(cues_path), load_channels(channels_path), max_source_tokens, quotations, load_datelines(datelines_path)
    )


class Attribution:
    """Finds attributed claims and sets `doc._.claims`; sets `doc._.attributions` to those and the attributions
    that make no claim (the cues of another kind never change which claims are found)."""

    def __init__(
        self,
        cues: CueLexicon,
        channels: ChannelLexicon,
        max_source_tokens: int = 12,
        quotations: bool = True,
        datelines: tuple[re.Pattern[str], ...] = (),
    ) -> None:
        self.cues = cues
        self.datelines = datelines
        self.finder = FrameFinder(cues)
        self.channel_index = channels.index()
        self.channel_words = channels.max_words
        self.max_source_tokens = max_source_tokens
        self.quotations = quotations

    def __call__(self, doc: Doc) -> Doc:
        found = self.finder.find(doc)
        quotes = Quotations(doc) if self.quotations else None
        # The document's datelines and lines, found once for both kinds of frames.
        layout = (dateline_tokens(doc, self.datelines), _line_numbers(doc), doc.text)
        claims = self._records(doc, [f for f in found if f.kind == CLAIM], quotes, layout, claims=True)
        others = self._records(doc, [f for f in found if f.kind != CLAIM], quotes, layout, claims=False)
        doc._.claims = [claim for _, claim in claims]
        found_all = attributions(claims, others)
        cues = {a.cue_span.start for a in found_all if a.cue_span is not None}
        found_all.extend(a for a in self._sourceless(doc) if a.cue_span.start not in cues)
        found_all.sort(key=lambda a: a.parts[0][0] if a.cue_span is None else a.cue_span.start)
        doc._.attributions = outermost(found_all, quotes.spans if quotes is not None else [])
        return doc

    def _sourceless(self, doc: Doc) -> list[AttributionMention]:
        """The attributions without a source ("the plan seems to be stalling", "is expected to"), from
        `evidential`."""
        found = []
        for frame in [*evidential_frames(doc, self.cues), *passive_frames(doc, self.cues)]:
            runs = content_runs(doc, frame.content)
            if runs:
                cue = frame.cue_token
                cue_span = Span(cue.text, cue.idx, cue.idx + len(cue))
                pieces = [(doc[a].idx, doc[b].idx + len(doc[b])) for a, b in runs]
                found.append(AttributionMention(frame.kind, None, frame.lemma, cue_span, pieces))
        return found

    def _records(
        self, doc: Doc, frames: list[Frame], quotes: Quotations | None,
        layout: tuple[set[int], list[int], str], claims: bool,
    ) -> list[tuple[Frame, Claim]]:
        """Frames made into records, in text order of their cues. `layout`: the document's dateline tokens, the
        line of each token and its text. `claims` adds the frames only claims have (headline marks, "in X's
        words", quotations the parse missed, continued quotations, hearsay)."""
        if claims:
            frames.extend(mark_frames(doc, self.cues))
            frames.extend(phrase_frames(doc, self.cues))
        dateline, lines, text = layout
        if dateline:  # "SEOUL:" is no speaker; "SEOUL, Feb. 4 (Yonhap) --" no part of what is claimed
            # nor is a subject the parse finds in it ("JERUSALEM (AP) - ..." as a subject of the cue after it)
            frames = [f for f in frames if not any(t.i in dateline for t in f.cue)
                      and (f.source is None or f.source.i not in dateline)]
            for frame in frames:
                frame.content -= dateline
        if quotes is not None:
            frames = [f for f in frames if not quotes.within_speech(f)]
            if claims:
                frames.extend(quotes.inverted(frames, self.cues.verbs))
            for frame in frames:
                quotes.repair(frame)
                quotes.widen(frame)
        frames = [f for f in frames if f.source is not None and f.content]
        if claims and quotes is not None:
            frames.extend(quotes.continuations(frames))
        if claims:
            frames.extend(hearsay_frames(doc, frames, self.cues.hearsay_adverbs))
        for frame in frames:
            line = lines[frame.cue_token.i]
            own = {t.i for t in frame.cue}
            if frame.source is not None:
                start, end = frame.source_tokens or source_span(frame.source, self.max_source_tokens)
                own.update(range(start, end))
            frame.content = {i for i in frame.content if (lines[i] == line or frame.earlier or frame.across_lines)
                             and i not in own}
        frames = _distinct(_unnested(_as_relays([f for f in frames if f.content], doc, self.cues.verbs)))
        times = _time_index(doc)
        records: dict[int, Claim] = {}
        for frame in frames:
            claim = self._claim(doc, text, frame, frames, times)
            if claim is not None:
                records[id(frame)] = claim
        for frame in frames:
            claim = records.get(id(frame))
            if claim is None or not frame.cue:
                continue
            outer = [f for f in frames if f is not frame and id(f) in records and frame.cue_token.i in f.content]
            outer.sort(key=lambda f: len(f.content))
            claim.relayed_by = [records[id(f)].source for f in outer if records[id(f)].source is not None]
        return [(f, records[id(f)]) for f in sorted(frames, key=_position) if id(f) in records]

    def _claim(
        self, doc: Doc, text: str, frame: Frame, frames: list[Frame], times: list[tuple[int, str]]
    ) -> Claim | None:
        runs = content_runs(doc, frame.content)
        if not runs or frame.source is None:
            return None
        pieces = [(doc[a].idx, doc[b].idx + len(doc[b])) for a, b in runs]
        content = Span(PART_SEPARATOR.join(text[s:e] for s, e in pieces), pieces[0][0], pieces[-1][1])
        around = frame_tokens(frame, frames)
        cue_span = None
        lemma = None
        if frame.cue:
            first, last = min(t.i for t in frame.cue), max(t.i for t in frame.cue)
            start, end = doc[first].idx, doc[last].idx + len(doc[last])
            while end - start > 1 and text[start] in GLUED_QUOTES:  # "”―": the dash is the cue, not the quote
                start += 1
            cue_span = Span(text[start:end], start, end)
            lemma = frame.lemma
        return Claim(
            source=self._actor(doc, frame.source, frame.source_tokens),
            cue=lemma,
            cue_span=cue_span,
            content=content,
            parts=pieces if len(pieces) > 1 else [],
            channel=self._channel(doc, around),
            asserted_on=_asserted_on(frame, around, times),
            cites=[self._actor(doc, source_head(t, self.cues)) for t in frame.cites],
        )

    def _actor(self, doc: Doc, head: Token, tokens: tuple[int, int] | None = None) -> ActorMention:
        start, end = tokens or source_span(head, self.max_source_tokens)
        return resolve_source(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))

    def _channel(self, doc: Doc, around: set[int]) -> str | None:
        """The highest-priority channel named by words around the cue."""
        best: tuple[int, str] | None = None
        for i in sorted(around):
            words: list[str] = []
            for k in range(self.channel_words):
                if i + k not in around:
                    break
                words.append(doc[i + k].lower_)
                hit = self.channel_index.get(tuple(words))
                if hit is not None and _in_longer_name(doc, i, i + k + 1):
                    continue
                if hit is not None and (best is None or hit[0] < best[0]):
                    best = hit
        return best[1] if best else None


def attributions(claims: list[tuple[Frame, Claim]], others: list[tuple[Frame, Claim]]) -> list[AttributionMention]:
    """Every attribution in text order of its cue: each claim (a continued quotation folded into the claim it
    carries on, as one cue's words), and each record of another kind whose cue no claim has."""
    by_frame = {id(frame): claim for frame, claim in claims}
    pieces: dict[int, list[tuple[int, int]]] = {}
    for frame, claim in claims:
        root = frame
        while not root.cue and root.continues is not None:
            root = root.continues
        pieces.setdefault(id(root) if id(root) in by_frame else id(frame), []).extend(_pieces(claim))
    cues = {frame.cue_token.i for frame, _ in claims if frame.cue}
    found = [
        _mention(CLAIM, claim, sorted(pieces[id(frame)])) for frame, claim in claims if id(frame) in pieces
    ]
    found.extend(
        _mention(frame.kind, claim, _pieces(claim)) for frame, claim in others if frame.cue_token.i not in cues
    )
    return sorted(found, key=lambda a: a.parts[0][0] if a.cue_span is None else a.cue_span.start)


def outermost(found: list[AttributionMention], quotations: list[tuple[int, int]]) -> list[AttributionMention]:
    """Without the attributions whose cue lies inside a quotation that another attribution's content takes in
    ("“He says he is rich,” she said" is one attribution, hers: the quotation is counted once)."""
    def quoted(cue: Span) -> bool:
        return any(s < cue.start and cue.end < e for s, e in quotations)

    def enclosed(item: AttributionMention) -> bool:
        cue = item.cue_span
        return any(
            other is not item and any(a <= cue.start and cue.end <= b for a, b in other.parts) for other in found
        )

    return [a for a in found if a.cue_span is None or not quoted(a.cue_span) or not enclosed(a)]


def _pieces(claim: Claim) -> list[tuple[int, int]]:
    return [tuple(p) for p in claim.parts] or [(claim.content.start, claim.content.end)]


def _mention(kind: str, claim: Claim, parts: list[tuple[int, int]]) -> AttributionMention:
    return AttributionMention(kind, claim.source, claim.cue, claim.cue_span, parts, claim if kind == CLAIM else None)


def _in_longer_name(doc: Doc, start: int, end: int) -> bool:
    """Whether tokens [start, end) are a piece of a longer named entity ("Post" in "Washington Post")."""
    first, last = doc[start], doc[end - 1]
    before = first.ent_iob_ == "I"
    after = end < len(doc) and doc[end].ent_iob_ == "I" and last.ent_type_ != ""
    return before or after


def content_runs(doc: Doc, indices: set[int]) -> list[tuple[int, int]]:
    """Contiguous token runs (inclusive) of a content, without edge punctuation, a leading "that" or a trailing
    conjunction whose conjunct was left out ("... in Haiti, and" before another speaker's clause)."""
    runs: list[tuple[int, int]] = []
    for i in sorted(indices):
        if runs and runs[-1][1] == i - 1:
            runs[-1] = (runs[-1][0], i)
        else:
            runs.append((i, i))
    trimmed = []
    for a, b in runs:
        while a <= b and (doc[a].is_punct or doc[a].is_space or _complementiser(doc[a], indices)):
            a += 1
        while b >= a and (doc[b].is_punct or doc[b].is_space or doc[b].dep_ == "cc"):
            b -= 1
        if a <= b:
            trimmed.append((a, b))
    return trimmed


def _complementiser(token: Token, indices: set[int]) -> bool:
    return token.dep_ == "mark" and token.lower_ == "that" and token.head.i in indices


def frame_tokens(frame: Frame, frames: list[Frame]) -> set[int]:
    """The words around a cue that belong to its attribution (not to its or another claim's content):
    where channel and date are looked for."""
    around = subtree(frame.anchor)
    if frame.cue:
        around |= subtree(frame.cue_token)
    around -= frame.content
    cue = frame.cue_token
    for other in frames:
        if other is frame or not other.cue:
            continue
        if cue.i not in other.content:
            around -= other.content
        other_cue = other.cue_token
        if other_cue.i in around and not _dominates(other_cue, cue):
            around -= subtree(other_cue)
    return around


def _dominates(token: Token, other: Token) -> bool:
    return token.left_edge.i <= other.i <= token.right_edge.i


def _time_index(doc: Doc) -> list[tuple[int, str]]:
    """(first token, ISO value) of each dated time mention."""
    found = []
    for time in doc._.times or []:
        if not time.value or time.precision not in DATED:
            continue
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None and len(span):
            found.append((span.start, time.value))
    return found


def _asserted_on(frame: Frame, around: set[int], times: list[tuple[int, str]]) -> str | None:
    """The date nearest the cue among those in its attribution words."""
    cue = frame.cue_token.i
    dated = [(abs(i - cue), value) for i, value in times if i in around]
    return min(dated)[1] if dated else None


def _line_numbers(doc: Doc) -> list[int]:
    """The line (newline-separated) of each token: a claim's content stays on its cue's line."""
    numbers, line = [], 0
    for token in doc:
        if token.is_space and "\n" in token.text:
            line += 1
        numbers.append(line)
        line += token.whitespace_.count("\n")
    return numbers


def _unnested(frames: list[Frame]) -> list[Frame]:
    """Without the frames whose cue lies in the content of another frame of the same source: "condemned the
    launch, calling it a provocation" is one claim."""
    return [
        f for f in frames
        if f.source is None
        or not any(
            g is not f and g.source is not None and g.source.i == f.source.i and f.cue_token.i in g.content
            for g in frames
        )
    ]


def _as_relays(frames: list[Frame], doc: Doc, verbs: frozenset[str]) -> list[Frame]:
    """ "The regime confirmed that it deployed troops, as reported by KCNA": the as-clause inside a claim's content
    relays that claim (KCNA joins its cites); it is neither content nor a claim of its own."""
    relays: dict[int, Token] = {}
    for frame in frames:
        if frame.source is None:
            continue
        for i in sorted(frame.content):
            verb = doc[i]
            marked_as = any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
            if verb.lemma_.lower() not in verbs or not marked_as:
                continue
            # Passive only ("as X had warned" is X's own earlier claim), under the claim's cue.
            relayer = next((g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"),
                           None)
            if (relayer is None or verb.head.i not in frame.content or not frame.cue
                    or frame.cue_token not in verb.ancestors):
                continue
            frame.content -= subtree(verb)
            frame.cites.append(relayer)
            relays[verb.i] = relayer
    return [f for f in frames if not (f.cue and f.cue_token.i in relays)]


def _distinct(frames: list[Frame]) -> list[Frame]:
    """One frame per content and source: a second cue of the same source over the same words adds nothing
    (a report by another source that the first confirms is a claim of its own)."""
    seen: set[tuple[frozenset[int], int | None]] = set()
    kept = []
    for frame in sorted(frames, key=_position):
        key = (frozenset(frame.content), frame.source.i if frame.source is not None else None)
        if key not in seen:
            seen.add(key)
            kept.append(frame)
    return kept


def _position(frame: Frame) -> int:
    return frame.cue_token.i
