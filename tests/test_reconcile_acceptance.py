"""Reconciliation end to end: the real pipeline, the real store, the seed article and the bundled corpus."""

from __future__ import annotations

from pathlib import Path

import pytest

from claimscope import batch
from claimscope.reconcile import reconcile
from claimscope.reconcile.loading import reconcile_store, records_of
from claimscope.samples import corpus_dir
from claimscope.store import Store

SEED = corpus_dir() / "001-seed-kyiv-reports-north-korean-troops.txt"
PERSONNEL = "North Korean personnel in Russia"


def rows_by_source(topic):
    return {(r.membership.claim.actor, r.membership.stated.low): r for r in topic.rows}


def test_seed_article_alone(extractor):
    from claimscope.ingest import read

    document = next(read(str(SEED)))
    claims = records_of(extractor.extract(document))
    topics = {t.label: t for t in reconcile(claims, texts={document.id: document.text})}
    topic = topics[PERSONNEL]
    actors = {r.membership.claim.actor for r in topic.rows}
    assert {"John Kirby", "Defence Intelligence of Ukraine", "Volodymyr Zelensky"} <= actors
    kirby = next(r for r in topic.rows if r.membership.claim.actor == "John Kirby")
    hur = next(r for r in topic.rows
               if r.membership.claim.actor == "Defence Intelligence of Ukraine" and r.membership.value == 12000)
    zelensky = next(r for r in topic.rows
                    if r.membership.claim.actor == "Volodymyr Zelensky" and r.membership.value == 12000)
    # consistent: at least 3,000 fits around 12,000; nothing contradicts
    assert hur.membership.claim.claim_id in kirby.relations.agree
    assert not (kirby.relations.contradict or hur.relations.contradict or zelensky.relations.contradict)
    # HUR and Zelensky are one origin (the Ukrainian state), so 12,000 has no independent corroboration yet
    assert hur.origin == zelensky.origin != kirby.origin
    assert not hur.relations.corroborate and hur.credibility.code == "3"
    assert "no independent source gives a matching figure" in hur.credibility.reason


@pytest.fixture(scope="module")
def corpus_topics(tmp_path_factory, extractor):
    db = tmp_path_factory.mktemp("corpus") / "corpus.db"
    errors: list[str] = []
    with Store(f"sqlite:///{db}") as store:
        counts = batch.ingest([str(corpus_dir())], store, extractor, on_error=errors.append)
        assert counts.failed == 0, errors
        return {t.label: t for t in reconcile_store(store)}


def test_corpus_timeline_follows_the_public_record(corpus_topics):
    topic = corpus_topics[PERSONNEL]
    figures = [(r.membership.claim.when.isoformat(), r.membership.value, r.membership.scope_place)
               for r in topic.rows if r.membership.value]
    first_day = {}
    for day, value, _ in figures:
        first_day.setdefault(value, day)
    # 1,500 (NIS, Oct 18) -> 3,000 (Oct 23) -> 10,000-12,000 (late October) -> 11,000 in Kursk (November)
    assert first_day[1500] <= "2024-10-21" < first_day[3000] <= "2024-10-23"
    assert min(first_day[v] for v in (10000, 12000) if v in first_day) <= "2024-10-28"
    assert any(v == 11000 and place and "Kursk" in place and day >= "2024-11-04" for day, v, place in figures)
    # the best estimate per window moves up from the October figures to about 10,000 and more
    bests = [w.best for w in topic.windows if w.best]
    assert bests[-1] >= 10000


def test_corpus_kremlin_denial_is_a_contradiction(corpus_topics):
    topic = corpus_topics[PERSONNEL]
    denials = [r for r in topic.rows if r.membership.denied and r.origin.label.startswith("Russia")]
    assert denials
    assert any(r.relations.contradict for r in denials)


def test_corpus_syndicated_copies_count_once(corpus_topics):
    topic = corpus_topics[PERSONNEL]
    copies = [r for r in topic.rows if r.membership.value == 12000 and r.membership.claim.published
              and r.membership.claim.published.isoformat() == "2024-10-24"]
    assert len({r.membership.claim.document_id for r in copies}) >= 4  # relayed by several outlets
    assert len({r.origin.key for r in copies}) == 1  # one origin


def test_corpus_december_pentagon_contradicts_november_combat_claims(corpus_topics):
    topic = corpus_topics["North Korean personnel in combat in Russia"]
    december = [r for r in topic.rows if r.membership.claim.when.isoformat() >= "2024-12-01"
                and r.membership.interval.high == 0]
    assert december, "the December statement that they have not been seen in combat"
    contradicted = {r.membership.claim.claim_id for r in topic.rows
                    if r.membership.claim.when.month == 11 and r.relations.contradict & {d.membership.claim.claim_id
                                                                                      for d in december}}
    assert contradicted
