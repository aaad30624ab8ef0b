"""The CSV export in the manner of ACLED / UCDP GED: a row per claim × quantity, precision codes, numbers as
numbers, and text that would run as a spreadsheet formula neutralised."""

from __future__ import annotations

import csv
import io

import pytest

from claimscope.export.csv import COLUMNS
from claimscope import batch
from claimscope.store import Store, records
from export_helpers import HOSTILE_CONTENT, HOSTILE_SOURCE, add_hostile, export, sample_store

NUMERIC = ("quantity_index", "date_prec", "date_is_publication", "low", "best", "high", "latitude", "longitude",
           "geo_precision", "geonames_id")


@pytest.fixture(scope="module")
def url(tmp_path_factory, extractor) -> str:
    url = sample_store(tmp_path_factory, extractor)
    add_hostile(url)
    return url


@pytest.fixture(scope="module")
def rows(url) -> list[dict[str, str]]:
    text = export(url, "csv")
    reader = csv.DictReader(io.StringIO(text, newline=""))
    assert tuple(reader.fieldnames or ()) == COLUMNS
    return list(reader)


def test_a_row_per_claim_and_quantity(url, rows):
    with Store(url) as store:
        claims = store.claims(limit=None)
    assert len(rows) == sum(max(1, len(records.figures(c))) for c in claims)
    assert {r["claim_id"] for r in rows} == {c["id"] for c in claims}


def test_numeric_columns_are_numbers_and_intervals_ordered(rows):
    for row in rows:
        for column in NUMERIC:
            if row[column]:
                float(row[column])
        if row["best"]:
            best = float(row["best"])
            assert not row["low"] or float(row["low"]) <= best
            assert not row["high"] or best <= float(row["high"])
            assert row["quantity_text"] and row["qualifier"]


def test_dates_and_places_carry_precision_codes(rows):
    assert {r["date_prec"] for r in rows} <= {"1", "4", "5", ""}
    for row in rows:
        if row["event_date"]:
            assert row["date_start"] <= row["date_end"]
            assert row["date_prec"] == {10: "1", 7: "4", 4: "5"}[len(row["event_date"])]
    kursk = [r for r in rows if r["location"] == "Kursk"]
    assert kursk and kursk[0]["geo_precision"] == "2" and kursk[0]["location_iso"] == "RU"
    assert all(r["geo_precision"] == "6" for r in rows if r["place_precision"] == "country")


def test_reconciliation_columns(rows):
    graded = [r for r in rows if r["topic_id"]]
    assert graded
    for row in graded:
        assert row["topic"] and row["credibility"] in "123456" and row["credibility_reason"]
        assert row["reliability"] in "ABCDEF" and row["origin"]
    hur = [r for r in graded if r["actor"] == "Defence Intelligence of Ukraine" and r["best"] == "12000"]
    assert any(r["topic"] == "North Korean personnel in Russia" for r in hur)


def test_formula_text_is_neutralised_but_numbers_stay_numbers(rows):
    (row,) = [r for r in rows if r["claim_id"] == "hostile-claim-1"]
    assert row["source"] == "'" + HOSTILE_SOURCE
    assert row["notes"].startswith("'" + HOSTILE_CONTENT)
    assert row["location"] == "'=Santiago" and row["outlet"] == "'@outlet" and row["document_title"] == "'-1 headline"
    assert row["quantity_text"] == "'-5 soldiers" and row["subject"] == "'-soldiers"
    assert row["best"] == "-5" and row["low"] == "-5"
    assert row["latitude"] == "-33.45694" and row["longitude"] == "-70.64827"
    for other in rows:
        for column, value in other.items():
            assert not value.startswith(("=", "+", "@", "\t", "\r")), (column, value)
            if value.startswith("-"):
                assert column in NUMERIC, (column, value)


def test_a_vague_amount_has_its_row_and_its_topic(tmp_path, extractor):
    path = tmp_path / "raid.txt"
    path.write_text("Hundreds of civilians were killed in the raid on Kibumba, the governor said on Monday.\n\n"
                    "At least 312 civilians were killed in the raid on Kibumba, the United Nations said.\n",
                    encoding="utf-8")
    url = f"sqlite:///{tmp_path / 'raid.db'}"
    with Store(url) as store:
        batch.ingest([str(path)], store, extractor, on_error=pytest.fail)
    found = list(csv.DictReader(io.StringIO(export(url, "csv"), newline="")))
    vague = next(r for r in found if r["quantity_text"] == "Hundreds of civilians")
    (exact,) = [r for r in found if r["quantity_text"] == "At least 312 civilians"]
    assert (vague["quantity_index"], vague["low"], vague["best"], vague["high"]) == ("0", "200", "200", "1000")
    assert vague["topic"] == exact["topic"] == "civilians killed"
