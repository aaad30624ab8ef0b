"""Property-based fuzzing of the Extractor: real sentences of the bundled corpus, mutated the ways real text is
(quotes, numbers and ranges, dates, very long tokens, blank lines, zero-width and right-to-left characters, HTML
fragments, emoji, 50 kB paragraphs), never raise and always give spans that are the text at their offsets.

`make test` runs a bounded, derandomised number of examples; `CLAIMSCOPE_FUZZ_EXAMPLES=100000 pytest -m fuzz`
is a long random run.
"""

from __future__ import annotations

import os
import re
from datetime import datetime

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bench.robustness import problems
from claimscope.ingest.document import Document
from claimscope.samples import corpus_dir

DEFAULT_EXAMPLES = 12
EXAMPLES = int(os.environ.get("CLAIMSCOPE_FUZZ_EXAMPLES") or DEFAULT_EXAMPLES)

SENTENCES = sorted({
    s.strip()
    for path in corpus_dir().glob("*.*") if path.suffix in (".txt", ".md")
    for s in re.split(r"(?<=[.!?”\"])\s+", path.read_text(encoding="utf-8"))
    if 20 < len(s.strip()) < 600
})

INSERTS = st.sampled_from([
    '"', "“", "”", "‘", "’", "'", "«", "»", '"""', "“ ”", " said: “", "” he said",
    "12,000", "3,000-5,000", "between 10 and 20", "at least 1.5 million", "-5", "10e9", "½", "٣٠٠", "0.000001",
    "from 2 to 1", "up to 6,000 troops", "dozens", "several hundred soldiers", "9" * 40, "1,2,3,4,5",
    "on Wednesday", "2024-10-23", "October 27 and 28", "last week", "31/02/2024", "in 1999-2000", "0000-00-00",
    "yesterday", "next Friday", "the 1990s", "Q3 2024", "3 weeks ago",
    "x" * 3000, "Supercalifragilistic" * 200, "-" * 500, "http://example.com/" + "a" * 400,
    "\n", "\n\n\n", "\n \n\t\n", "\r\n", "\u2028",
    "\u200b", "\u200c\u200d", "\ufeff", "\u200f", "\u202e", "\u2066", "שלום עולם", "قال المتحدث",
    "<b>", "</p>", "<script>alert(1)</script>", "&amp;", "&#x27;", "<a href='x'>link</a>", "<!--", "]]>",
    "👍🏽", "🇺🇦", "👨‍👩‍👧", "🔥🔥🔥", "\U0001F600 said",
    " ", "\t", "(", ")", "[", "]", "—", "–", ";", ":", "...", "?!",
])


@st.composite
def texts(draw: st.DrawFn) -> str:
    """A few real sentences with insertions at random places, sometimes grown into a 50 kB paragraph."""
    sentences = draw(st.lists(st.sampled_from(SENTENCES), min_size=1, max_size=6))
    text = draw(st.sampled_from([" ", "\n", "\n\n"])).join(sentences)
    for _ in range(draw(st.integers(0, 12))):
        at = draw(st.integers(0, len(text)))
        text = text[:at] + draw(INSERTS) + text[at:]
    if draw(st.integers(0, 9)) == 0:
        text = (text + " ") * (50_000 // (len(text) + 1) + 1)
    return text


@pytest.mark.fuzz
@settings(max_examples=EXAMPLES, deadline=None, derandomize=EXAMPLES <= DEFAULT_EXAMPLES, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(text=texts(), published=st.sampled_from([None, datetime(2024, 10, 25), datetime(1999, 12, 31)]))
def test_extraction_never_raises_and_spans_are_the_text(extractor, text, published):
    data = extractor.extract(Document(text=text, published=published, published_precision="day"))
    assert problems(text, data) == []
