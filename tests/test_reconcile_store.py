"""The materialised reconciliation: written at ingest, read through the store API, re-materialised on edits."""

from __future__ import annotations

import pytest
from sqlalchemy import inspect

from claimscope import batch
from claimscope.ingest import read
from claimscope.reconcile import materialise
from claimscope.reconcile.loading import reconcile_store
from claimscope.samples import corpus_dir
from claimscope.store import NotFound, Store, migrate
from claimscope.store.timelines import BRIEF

SEED = corpus_dir() / "001-seed-kyiv-reports-north-korean-troops.txt"
LATER = sorted(corpus_dir().glob("0*"))[1:5]


@pytest.fixture()
def store(tmp_path, extractor):
    errors: list[str] = []
    with Store(f"sqlite:///{tmp_path / 'recon.db'}") as store:
        batch.ingest([str(SEED)], store, extractor, on_error=errors.append)
        assert not errors
        yield store


def test_topics_are_stored_at_ingest_and_read_as_plain_json(store):
    listing = store.topics()
    assert listing and {"id", "label", "claims", "origins", "growth", "latest", "flags"} <= set(listing[0])
    personnel = next(t for t in listing if t["label"] == "North Korean personnel in Russia")
    assert set(personnel["latest"]) >= {"low", "best", "high"}
    found = store.topics(q="personnel in russia")
    assert personnel["id"] in {t["id"] for t in found}
    assert all("personnel in russia" in t["label"].lower() for t in found)
    assert len(store.topics(q="personnel in russia", limit=1)) == 1

    topic = materialise.topic(store, personnel["id"][:5])
    assert {"id", "label", "claims", "origins", "growth", "timeline", "windows", "rows", "denials"} <= set(topic)
    actors = {r["actor"] for r in topic["timeline"]}
    assert {"John Kirby", "Defence Intelligence of Ukraine", "Volodymyr Zelensky"} <= actors
    # the collapsed rows count every claim once
    assert sum(r["reports"] for r in topic["rows"]) == len(topic["timeline"]) == topic["claims"]

    claim_id = topic["timeline"][0]["claim_id"]
    memberships = store.claim_topics(claim_id[:6])
    assert {"id": personnel["id"], "label": personnel["label"], "kind": topic["timeline"][0]["kind"]} in memberships


def test_the_stored_topics_equal_a_full_recomputation(store, extractor):
    errors: list[str] = []
    batch.ingest([str(p) for p in LATER], store, extractor, on_error=errors.append)
    assert not errors
    incremental = {t["id"]: materialise.topic(store, t["id"]) for t in store.topics()}
    in_memory = {t.id: t.to_json() for t in reconcile_store(store)}
    assert incremental == in_memory
    materialise.rebuild(store)
    assert {t["id"]: materialise.topic(store, t["id"]) for t in store.topics()} == incremental


def test_unknown_and_ambiguous_ids(store):
    with pytest.raises(NotFound, match="no topic"):
        materialise.topic(store, "zzzzzz")
    with pytest.raises(NotFound, match="too short"):
        store.resolve_claim("a")


def test_a_store_from_before_materialisation_is_caught_up(tmp_path, extractor):
    document = next(read(str(SEED)))
    with Store(f"sqlite:///{tmp_path / 'old.db'}") as store:
        store.add(document, extractor.extract(document))  # stored without the increment, as before 0004
        assert store.topics() == [] and store.unreconciled_documents() == [document.id]
        assert materialise.catch_up(store) == 1
        assert store.topics() and store.unreconciled_documents() == []


def test_a_topic_page_reads_each_rows_brief(store, extractor):
    errors: list[str] = []
    batch.ingest([str(p) for p in LATER], store, extractor, on_error=errors.append)  # increments rewrite rows
    assert not errors
    for summary in store.topics():
        whole, brief = store.topic(summary["id"]), store.topic(summary["id"], brief=True)
        assert brief == {**whole, "timeline": [{k: r[k] for k in BRIEF} for r in whole["timeline"]]}


def test_an_upgrade_gives_the_stored_timeline_rows_their_briefs(db_url, extractor):
    from alembic import command

    errors: list[str] = []
    with Store(db_url) as store:
        batch.ingest([str(SEED)], store, extractor, on_error=errors.append)
        assert not errors
        expected = {t["id"]: store.topic(t["id"], brief=True) for t in store.topics()}
        assert expected
        config = migrate.alembic_config()
        with store.engine.begin() as connection:  # back to the schema before briefs, as an older claimscope left it
            config.attributes["connection"] = connection
            command.downgrade(config, "0010")
        assert "brief" not in {c["name"] for c in inspect(store.engine).get_columns("topic_timeline")}
    with Store(db_url) as reopened:  # opening upgrades and fills each row's brief from its data
        assert {t["id"]: reopened.topic(t["id"], brief=True) for t in reopened.topics()} == expected
