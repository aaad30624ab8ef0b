"""The Extractor's output: the same claims JSON in one process and in worker processes."""

from __future__ import annotations

from datetime import datetime

from claimscope.ingest.document import Document

TEXTS = [
    "Ukraine's military intelligence said on Wednesday that about 12,000 North Korean soldiers were in Kursk.",
    "John Kirby, the White House spokesman, said at least 3,000 troops had arrived in eastern Russia.",
    "Seoul's spy agency told lawmakers that 1,500 special forces had been shipped to Vladivostok.",
]


def test_worker_processes_give_the_same_claims_in_order(extractor):
    documents = [Document(text=t, published=datetime(2024, 10, 25), published_precision="day") for t in TEXTS]
    one = [claims for _, claims in extractor.extract_many(documents)]
    two = [(d.id, claims) for d, claims in extractor.extract_many(documents, batch_size=1, n_process=2)]
    assert [doc_id for doc_id, _ in two] == [d.id for d in documents]
    assert [claims for _, claims in two] == one
    assert all(claims["claims"] for claims in one)


def test_setting_is_where_the_cue_was_said_not_an_affiliation(extractor):
    text = ("Kim Tae-hyo, an analyst at the Asan Institute in Seoul, said the troops had reached Kursk.\n\n"
            "Putin told reporters in Kazan that the troops had left Kursk.")
    claims = extractor.extract(Document(text=text, published=datetime(2024, 10, 25), published_precision="day"))
    roles = [[(p["text"], p["role"]) for p in claim["places"]] for claim in claims["claims"]]
    assert roles == [[("Kursk", "content")], [("Kursk", "content"), ("Kazan", "setting")]]


def test_a_datelines_place_has_the_dateline_role(extractor):
    text = "CAIRO, Aug 15 (Reuters) - More than 40,000 people have been killed in Gaza, the health ministry said."
    claims = extractor.extract(Document(text=text, published=datetime(2024, 8, 15), published_precision="day"))
    assert [(p["text"], p.get("role")) for p in claims["places"]] == [("CAIRO", "dateline"), ("Gaza", None)]


def test_a_vague_amount_is_listed_apart_from_the_quantities(extractor):
    text = "Hundreds of civilians were killed in the raid, the governor said. At least 312 people died, the UN said."
    claims = extractor.extract(Document(text=text, published=datetime(2025, 3, 5), published_precision="day"))
    assert [q["text"] for q in claims["quantities"]] == ["At least 312 people"]
    assert [(q["text"], q["low"], q["high"]) for q in claims["vague_quantities"]] == [("Hundreds of civilians", 200,
                                                                                       1000)]
    first, second = claims["claims"]
    assert (first["quantities"], [q["text"] for q in first["vague_quantities"]]) == ([], ["Hundreds of civilians"])
    assert ([q["text"] for q in second["quantities"]], second["vague_quantities"]) == (["At least 312 people"], [])


def test_a_dateline_dash_ends_the_date_before_the_count(extractor):
    text = "GOMA, March 5 - At least 312 civilians were killed in the raid, officials said. Talks ran March 5 - 7."
    claims = extractor.extract(Document(text=text, published=datetime(2025, 3, 8), published_precision="day"))
    assert [q["text"] for q in claims["quantities"]] == ["At least 312 civilians"]
    assert [(t["text"], t["value"]) for t in claims["times"]] == [("March 5", "2025-03-05"), ("March 5", "2025-03-05"),
                                                                  ("7", "2025-03-07")]
