"""Attribution on PolNeAR (dev split): source, cue and content spans, and whole attributions, for claimscope's
attribution component (all its attributions, `doc._.attributions`: PolNeAR annotates promises, appeals, refusals
and stances as well as claims; and its claims alone) and for a dependency baseline, on the same parses in the
same run.

Data: `root/polnear/dev/text/NAME.txt` with `root/polnear/dev/attributions/NAME_xxxx.ann` (brat standoff; the
suffix is the annotator; where an article has several annotators the first in name order is the gold).
Span figures: precision, recall and F1 per role, by exact match (same characters once edge punctuation,
quotes and a leading "that" are set aside, on both sides alike) and by overlap (at least one shared word).
Attribution F1: a prediction matches a gold attribution when their cues overlap and their sources overlap (cue
only where gold has no source). Matching is one-to-one, largest overlap first.
`CLAIMSCOPE_BENCH_LIMIT` limits the number of articles. `CLAIMSCOPE_ATTRIBUTION_MISSES=1` prints the gold
attributions that no prediction of all our attributions matches ("miss") and the predictions that match none ("extra")
to stderr, one a line (cue, source, content, article), to sort errors by phenomenon.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Iterator
from datetime import date
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Token

from bench.common import Result, skipped

TASK = "attribution"
ROLES = ("source", "cue", "content")
Spans = tuple[tuple[int, int], ...]
EDGE = " \t\n\r\"'“”‘’.,;:!?()[]—–-"
WORD = re.compile(r"\w+")


@dataclass
class Attribution:
    """One attribution: character spans per role (a role may be missing, e.g. no source)."""

    source: Spans = ()
    cue: Spans = ()
    content: Spans = ()


@dataclass
class Tally:
    """Counts for one system: per role and match mode, and for whole attributions."""

    counts: dict[str, int] = field(default_factory=dict)

    def add(self, key: str, value: int) -> None:
        """Add to a count."""
        self.counts[key] = self.counts.get(key, 0) + value

    def prf(self, key: str) -> tuple[float, float, float]:
        """Precision, recall and F1 of a role and mode ("content-overlap") or of "attribution"."""
        hit, pred, gold = (self.counts.get(f"{key}:{k}", 0) for k in ("hit", "pred", "gold"))
        p = hit / pred if pred else 0.0
        r = hit / gold if gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def read_ann(path: Path) -> list[Attribution]:
    """The attributions of one brat file: E lines tying Source, Cue and Content T lines."""
    spans: dict[str, Spans] = {}
    events: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if line.startswith("T") and len(parts) >= 2:
            label, _, offsets = parts[1].partition(" ")
            if label in ("Source", "Cue", "Content"):
                spans[parts[0]] = tuple(
                    (int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";"))
                )
        elif line.startswith("E") and len(parts) >= 2:
            roles = {}
            for item in parts[1].split():
                role, _, ref = item.partition(":")
                roles[role.rstrip("0123456789").lower()] = ref
            events.append(roles)
    found = []
    for roles in events:
        item = Attribution(*(spans.get(roles.get(role, ""), ()) for role in ROLES))
        if item.cue and item.content:
            found.append(item)
    return found


def articles(folder: Path, limit: int | None) -> list[tuple[Path, Path]]:
    """(text, annotation) pairs, one annotator per article."""
    pairs = []
    for text in sorted((folder / "text").glob("*.txt")):
        anns = sorted((folder / "attributions").glob(f"{text.stem}_*.ann"))
        if anns:
            pairs.append((text, anns[0]))
        if limit and len(pairs) >= limit:
            break
    return pairs


def claimscope_pipeline() -> Language:
    """The full claimscope pipeline (the system under test)."""
    from claimscope.extract.pipeline import build_pipeline

    return build_pipeline()


def predict_claimscope(doc: Doc) -> list[Attribution]:
    """Our attribution component's attributions (claims and the attributions that make no claim) as spans."""
    found = []
    for item in doc._.attributions or []:
        source = ((item.source.start, item.source.end),) if item.source else ()
        cue = ((item.cue_span.start, item.cue_span.end),) if item.cue_span else ()
        found.append(Attribution(source, cue, tuple(tuple(p) for p in item.parts)))
    return found


def predict_claims(doc: Doc) -> list[Attribution]:
    """Our claims only (`doc._.claims`), as spans: what the product stores."""
    found = []
    for claim in doc._.claims or []:
        source = ((claim.source.start, claim.source.end),) if claim.source else ()
        cue = ((claim.cue_span.start, claim.cue_span.end),) if claim.cue_span else ()
        content = tuple(claim.parts) or ((claim.content.start, claim.content.end),)
        found.append(Attribution(source, cue, tuple(tuple(p) for p in content)))
    return found


def predict_baseline(doc: Doc, verbs: frozenset[str]) -> list[Attribution]:
    """A reporting verb from the list with an nsubj (source) and a ccomp, else dobj (content)."""
    found = []
    for token in doc:
        if token.pos_ != "VERB" or token.lemma_.lower() not in verbs:
            continue
        subject = next((c for c in token.children if c.dep_ == "nsubj"), None)
        content = next((c for c in token.children if c.dep_ == "ccomp"), None)
        content = content or next((c for c in token.children if c.dep_ == "dobj"), None)
        if subject is None or content is None:
            continue
        found.append(Attribution(_edges(doc, subject), _edges(doc, token, token), _edges(doc, content)))
    return found


def _edges(doc: Doc, head: Token, only: Token | None = None) -> Spans:
    left, right = (only, only) if only is not None else (head.left_edge, head.right_edge)
    return ((left.idx, right.idx + len(right)),)


def _words(text: str, spans: Spans) -> set[tuple[int, int]]:
    """The words of a span as offsets; a span of punctuation only (a ":" or "―" cue) is its own unit."""
    found = {(m.start() + s, m.end() + s) for s, e in spans for m in WORD.finditer(text[s:e])}
    return found or {(s, e) for s, e in spans if text[s:e].strip()}


def _exact_key(text: str, spans: Spans) -> str:
    joined = " ".join(text[s:e] for s, e in spans).strip(EDGE)
    joined = re.sub(r"^that\s+", "", joined, flags=re.I).strip(EDGE)
    return re.sub(r"\s+", " ", joined)


def _match(gold: list, pred: list, score) -> list[tuple[int, int]]:
    """One-to-one pairs with a positive score, best first."""
    pairs = sorted(
        ((score(g, p), gi, pi) for gi, g in enumerate(gold) for pi, p in enumerate(pred)), reverse=True
    )
    used_g, used_p, kept = set(), set(), []
    for value, gi, pi in pairs:
        if value <= 0 or gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        kept.append((gi, pi))
    return kept


def score_document(
    text: str, gold: list[Attribution], pred: list[Attribution], tally: Tally
) -> list[tuple[int, int]]:
    """Add one article's span and attribution counts; returns the matched (gold, prediction) attribution pairs."""
    for role in ROLES:
        g_spans = [getattr(a, role) for a in gold if getattr(a, role)]
        p_spans = [getattr(a, role) for a in pred if getattr(a, role)]
        g_words = [_words(text, s) for s in g_spans]
        p_words = [_words(text, s) for s in p_spans]
        g_keys = [_exact_key(text, s) for s in g_spans]
        p_keys = [_exact_key(text, s) for s in p_spans]
        overlap = _match(g_words, p_words, lambda g, p: len(g & p))
        exact = _match(list(range(len(g_keys))), list(range(len(p_keys))),
                       lambda g, p: int(g_keys[g] == p_keys[p] and g_spans[g][0][0] <= p_spans[p][-1][1]
                                        and p_spans[p][0][0] <= g_spans[g][-1][1]))
        for mode, hits in (("exact", exact), ("overlap", overlap)):
            tally.add(f"{role}-{mode}:hit", len(hits))
            tally.add(f"{role}-{mode}:pred", len(p_spans))
            tally.add(f"{role}-{mode}:gold", len(g_spans))

    def joint(g: Attribution, p: Attribution) -> int:
        cue = len(_words(text, g.cue) & _words(text, p.cue))
        if not cue:
            return 0
        if not g.source:
            return cue
        source = len(_words(text, g.source) & _words(text, p.source))
        return cue + source if source else 0

    hits = _match(gold, pred, joint)
    tally.add("attribution:hit", len(hits))
    tally.add("attribution:pred", len(pred))
    tally.add("attribution:gold", len(gold))
    return hits


def print_misses(name: str, text: str, gold: list[Attribution], pred: list[Attribution],
                 hits: list[tuple[int, int]]) -> None:
    """One stderr line per unmatched gold attribution and per unmatched prediction: tag, cue, source, content."""
    def show(spans: Spans, width: int = 0) -> str:
        words = re.sub(r"\s+", " ", " … ".join(text[s:e] for s, e in spans))
        return words[:width] if width else words

    matched_g, matched_p = {g for g, _ in hits}, {p for _, p in hits}
    for tag, items, used in (("miss", gold, matched_g), ("extra", pred, matched_p)):
        for k, item in enumerate(items):
            if k not in used:
                print(tag, show(item.cue).lower(), show(item.source, 40), show(item.content, 100), name,
                      sep="\t", file=sys.stderr)


def rows(name: str, tally: Tally) -> dict[str, object]:
    """A result row: F1 per role and mode, attribution P/R/F1."""
    row: dict[str, object] = {"system": name}
    for role in ROLES:
        for mode in ("exact", "overlap"):
            row[f"{role} F1 {mode}"] = tally.prf(f"{role}-{mode}")[2]
    p, r, f = tally.prf("attribution")
    row.update({"attribution P": p, "attribution R": r, "attribution F1": f})
    return row


def _docs(nlp: Language, pairs: list[tuple[Path, Path]], texts: list[str]) -> Iterator[Doc]:
    """Unparsed docs carrying their publication date (in the file name: publisher_YYYY-MM-DD_slug)."""
    for (path, _), text in zip(pairs, texts, strict=True):
        doc = nlp.make_doc(text)
        found = re.search(r"_(\d{4})-(\d{2})-(\d{2})_", path.name)
        doc._.published = date(*map(int, found.groups())) if found else None
        yield doc


def run(root: Path) -> Result:
    """Score claimscope and the baseline on PolNeAR dev under `root`; skipped when the data is absent."""
    folder = root / "polnear" / "dev"
    if not (folder / "text").is_dir() or not (folder / "attributions").is_dir():
        return skipped(TASK, folder)
    limit = int(os.environ.get("CLAIMSCOPE_BENCH_LIMIT") or 0) or None
    pairs = articles(folder, limit)
    if not pairs:
        return skipped(TASK, folder / "attributions")
    from claimscope.extract.attribution.lexicon import load_cues

    nlp = claimscope_pipeline()
    verbs = load_cues().verbs
    ours, claims, base = Tally(), Tally(), Tally()
    kinds: dict[str, int] = {}
    texts = [t.read_text(encoding="utf-8") for t, _ in pairs]
    for (_, ann_path), text, doc in zip(pairs, texts, nlp.pipe(_docs(nlp, pairs, texts), batch_size=8), strict=True):
        gold = read_ann(ann_path)
        predicted = predict_claimscope(doc)
        hits = score_document(text, gold, predicted, ours)
        if os.environ.get("CLAIMSCOPE_ATTRIBUTION_MISSES"):
            print_misses(ann_path.stem, text, gold, predicted, hits)
        score_document(text, gold, predict_claims(doc), claims)
        score_document(text, gold, predict_baseline(doc, verbs), base)
        for item in doc._.attributions or []:
            kinds[item.kind] = kinds.get(item.kind, 0) + 1
    result = Result(task=TASK, rows=[
        rows("claimscope (all attributions)", ours),
        rows("claimscope claims only", claims),
        rows("baseline (nsubj + ccomp/dobj)", base),
    ])
    result.notes.append(
        f"PolNeAR dev: {len(pairs)} articles, {ours.counts.get('attribution:gold', 0)} gold attributions; "
        "baseline: cue verbs of data/cues.yml with nsubj and ccomp, else dobj, on the same parse"
    )
    result.notes.append("attributions by kind: " + ", ".join(f"{k} {v}" for k, v in sorted(kinds.items())))
    return result
