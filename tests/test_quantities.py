"""The `claimscope_quantities` component and `parse_number`, one or more sentences per construction."""

from __future__ import annotations


import pytest

from claimscope.extract import quantities  # noqa: F401  (registers the component)
from claimscope.extract.amounts import load_lexicon, numbers_in, parse_number
from claimscope.extract.types import Quantity

from conftest import SEED_ARTICLE as SEED


@pytest.fixture(scope="module")
def quantities_nlp():
    """The English model with only our quantities component after it."""
    from claimscope.extract.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("claimscope_quantities")
    return nlp


def found(nlp, text: str) -> list[Quantity]:
    doc = nlp(text)
    for q in doc._.quantities:
        assert doc.text[q.start:q.end] == q.text
    return doc._.quantities


def one(nlp, text: str) -> Quantity:
    quantities = found(nlp, text)
    assert len(quantities) == 1, quantities
    return quantities[0]


# Digits and spelled numbers.
@pytest.mark.parametrize(
    "text, value",
    [
        ("They counted 3,000 soldiers at the base.", 3000),
        ("They counted 12000 soldiers at the base.", 12000),
        ("Officials said 1.5 million refugees crossed the border.", 1_500_000),
        ("The army sent 10k troops to the front.", 10_000),
        ("The army sent twenty-five tanks to the front.", 25),
        ("The army sent one hundred and forty-two tanks to the front.", 142),
        ("The army sent twelve thousand troops to the front.", 12_000),
        ("The army sent a hundred troops to the front.", 100),
        ("The army sent two dozen drones to the front.", 24),
        ("The army sent half a million shells to the front.", 500_000),
        ("Two and a half million people fled the city.", 2_500_000),
    ],
)
def test_numbers(quantities_nlp, text, value):
    q = one(quantities_nlp, text)
    assert (q.value, q.low, q.high, q.qualifier) == (value, value, value, "exact")


# Vague amounts: the lexicon's interval, qualifier approx, value = low.
@pytest.mark.parametrize(
    "phrase, low, high",
    [
        ("a dozen", 12, 12),
        ("dozens of", 24, 120),
        ("hundreds of", 200, 1000),
        ("several hundred", 300, 900),
        ("a few thousand", 2000, 5000),
        ("several thousand", 3000, 9000),
        ("thousands of", 2000, 10_000),
        ("tens of thousands of", 20_000, 100_000),
        ("hundreds of thousands of", 200_000, 1_000_000),
        ("a handful of", 2, 10),
        ("several", 3, 9),
    ],
)
def test_vague_amounts(quantities_nlp, phrase, low, high):
    q = one(quantities_nlp, f"Witnesses saw {phrase} soldiers near the border.")
    assert (q.low, q.high, q.value) == (low, high, low)
    assert q.qualifier == ("exact" if phrase == "a dozen" else "approx")
    assert q.unit == "soldier" and q.text == f"{phrase} soldiers"
    assert q.vague == (phrase != "a dozen")  # the claims JSON lists vague ones apart, as `vague_quantities`


def test_vague_amount_under_a_qualifier(quantities_nlp):
    q = one(quantities_nlp, "At least several hundred soldiers were seen.")
    assert (q.qualifier, q.value, q.low, q.high) == ("at_least", 300, 300, None)
    q = one(quantities_nlp, "Up to several hundred soldiers were seen.")
    assert (q.qualifier, q.value, q.low, q.high) == ("at_most", 900, None, 900)


# Qualifiers, before or after the number.
@pytest.mark.parametrize(
    "qualifier, phrases",
    [
        ("approx", ["about", "around", "approximately", "some", "roughly", "nearly", "almost", "approaching",
                    "an estimated", "close to"]),
        ("at_least", ["at least", "no fewer than"]),
        ("more_than", ["more than", "over", "upwards of", "in excess of"]),
        ("at_most", ["up to", "as many as", "at most", "no more than"]),
        ("less_than", ["fewer than", "less than", "under"]),
    ],
)
def test_qualifiers(quantities_nlp, qualifier, phrases):
    expected = {
        "approx": (10_800, 13_200),
        "at_least": (12_000, None),
        "more_than": (12_000, None),
        "at_most": (None, 12_000),
        "less_than": (None, 12_000),
    }[qualifier]
    for phrase in phrases:
        q = one(quantities_nlp, f"The agency said {phrase} 12,000 soldiers were deployed.")
        assert q.text == f"{phrase} 12,000 soldiers"
        assert (q.qualifier, q.value, (q.low, q.high)) == (qualifier, 12_000, expected), phrase


@pytest.mark.parametrize(
    "text, qualifier",
    [("The count topped 3,000 last week.", "more_than"), ("The count exceeded 3,000 last week.", "more_than"),
     ("The toll passes 3,000.", "more_than"), ("The count is expected to exceed 3,000.", "more_than")],
)
def test_verbal_qualifiers_without_a_noun(quantities_nlp, text, qualifier):
    q = one(quantities_nlp, text)
    assert (q.qualifier, q.value, q.unit) == (qualifier, 3000, None)


@pytest.mark.parametrize(
    "text, span, qualifier",
    [
        ("They sent 3,000 or more soldiers.", "3,000 or more soldiers", "at_least"),
        ("They sent 3,000-plus soldiers.", "3,000-plus soldiers", "at_least"),
        ("They sent 3,000 or so soldiers.", "3,000 or so soldiers", "approx"),
    ],
)
def test_postfix_qualifiers(quantities_nlp, text, span, qualifier):
    q = one(quantities_nlp, text)
    assert (q.text, q.qualifier, q.value) == (span, qualifier, 3000)


def test_exact_has_a_point_interval(quantities_nlp):
    q = one(quantities_nlp, "Russia was training two military units.")
    assert (q.qualifier, q.low, q.high) == ("exact", 2, 2)


# Ranges.
@pytest.mark.parametrize(
    "phrase",
    ["10,000 to 12,000", "10,000-12,000", "10,000–12,000", "between 10,000 and 12,000", "from 10,000 to 12,000",
     "10 to 12 thousand"],
)
def test_ranges(quantities_nlp, phrase):
    q = one(quantities_nlp, f"Analysts counted {phrase} soldiers in the region.")
    assert (q.qualifier, q.value, q.low, q.high) == ("range", 10_000, 10_000, 12_000)
    assert q.text == f"{phrase} soldiers" and q.unit == "soldier"


def test_range_with_or(quantities_nlp):
    q = one(quantities_nlp, "Zelensky spoke of two or three brigades.")
    assert (q.qualifier, q.low, q.high, q.unit) == ("range", 2, 3, "brigade")


# The counted noun and its phrase.
@pytest.mark.parametrize(
    "text, span, unit, subject",
    [
        ("They trained at five military training facilities.", "five military training facilities", "facility",
         "military training facilities"),
        ("At least 3,000 North Korean soldiers had arrived.", "At least 3,000 North Korean soldiers", "soldier",
         "North Korean soldiers"),
        ("Wednesday's 12,000 troop count surpasses the warnings.", "12,000 troop count", "troop", "troop"),
        ("The unit has 200 personnel.", "200 personnel", "personnel", "personnel"),
        ("Reports mention thousands of troops in Kursk.", "thousands of troops", "troop", "troops"),
        ("Officials said 3,000 of North Korea's troops moved.", "3,000 of North Korea's troops", "troop",
         "North Korea's troops"),
        ("They formed a 10,000-strong force.", "10,000-strong force", "force", "force"),
        ("They formed a 3,000-man brigade.", "3,000-man brigade", "man", "man"),
    ],
)
def test_counted_noun(quantities_nlp, text, span, unit, subject):
    q = one(quantities_nlp, text)
    assert (q.text, q.unit, q.subject) == (span, unit, subject)


@pytest.mark.parametrize(
    "text, units",
    [
        ("Two people were killed and five wounded in the strike.", ["people", "people"]),
        ("Air defences destroyed 337 drones over 10 regions, including 126 over the Kursk region and 91 over the "
         "Moscow region.", ["drone", "region", "drone", "drone"]),
        ("They shot down 79 of the drones while 35 others were lost to jamming.", ["drone", "drone"]),
        ("The strikes killed 40 people and injured 53.", ["people", "people"]),
        # the adjective counts people, so a count of something else is no antecedent
        ("There were 238 attacks on emergency services, with 206 dead.", ["attack", None]),
        # the link must lead to the number
        ("The toll stands at 1,640 people, while the number of injured has reached 8,408.", ["people", None]),
    ],
)
def test_a_number_without_its_noun_counts_what_the_count_before_it_counts(quantities_nlp, text, units):
    assert [q.unit for q in found(quantities_nlp, text)] == units


def test_a_proportion_counts_nothing(quantities_nlp):
    texts = ["About 1.9 million people, or nine in ten residents, have been displaced.",
             "Three out of four homes were destroyed."]
    assert [[q.text for q in found(quantities_nlp, t)] for t in texts] == [["About 1.9 million people"], []]


def test_a_money_guess_without_a_currency_is_a_count(quantities_nlp):
    """The small model tags "more than 11 million" after "displaced" as MONEY; with no currency it is people."""
    text = "The war has killed tens of thousands of people and displaced more than 11 million, the UN said."
    assert [(q.text, q.unit) for q in found(quantities_nlp, text)] == [
        ("tens of thousands of people", "people"), ("more than 11 million", "people")]
    assert found(quantities_nlp, "The fund paid out 20 million euros.") == []


def test_a_one_word_compound_is_a_modifier_not_a_count(quantities_nlp):
    texts = ["The Houthis launched 18 one-way attack drones.", "It was a one-time payment to the families."]
    assert [[(q.text, q.unit) for q in found(quantities_nlp, t)] for t in texts] == [
        [("18 one-way attack drones", "drone")], []]


def test_unitless_argument(quantities_nlp):
    q = one(quantities_nlp, "Kirby said the number was at least 3,000.")
    assert (q.text, q.value, q.qualifier, q.unit, q.subject) == ("at least 3,000", 3000, "at_least", None, None)


def test_unitless_numbers_can_be_switched_off():
    from claimscope.extract.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("claimscope_quantities", config={"keep_unitless": False})
    texts = ["Kirby said the number was at least 3,000.", "At least 3,000 soldiers arrived."]
    assert [[q.text for q in doc._.quantities] for doc in nlp.pipe(texts)] == [[], ["At least 3,000 soldiers"]]


# Not head counts.
@pytest.mark.parametrize(
    "text",
    [
        "Russia paid $5 million for the drones.",
        "Seoul paid 5 billion won for the shells.",
        "About 45% of the soldiers were conscripts.",
        "Some 20 percent of the troops deserted.",
        "A 24-year-old soldier was captured.",
        "The soldier, aged 30, was captured.",
        "Men aged 18 to 60 may not leave.",
        "The deployment began in 2024.",
        "The troops arrived on October 23.",
        "The first brigade crossed the river.",
        "The 2nd battalion crossed the river.",
        "Call (555) 123-4567 for details.",
        "The order was dated 2024-10-25 in Kyiv.",
        "The convoy drove 1.5 km to the base.",
        "The convoy drove for six weeks.",
        "One of the soldiers was wounded.",
        "No one knows where the troops are.",
        "He was the one who gave the order.",
        "Article 5 was invoked by the alliance.",
        "They launched a two-pronged attack.",
        "Two-thirds of the troops were conscripts.",
        "The shelling started at 2 pm.",
        "They dropped 500 kg bombs on the town.",
        "Russia fired 155mm shells at the town.",
        "The decision was made at the 2016 summit.",
        "He compiled a record of 216-146 as a pitcher.",
        "The signal was 6.0 units above the noise.",
    ],
)
def test_exclusions(quantities_nlp, text):
    assert found(quantities_nlp, text) == []


def test_two_kept_one_of_dropped(quantities_nlp):
    quantities = found(quantities_nlp, "Two brigades arrived; one of them stayed in Kursk.")
    assert [(q.text, q.value, q.unit) for q in quantities] == [("Two brigades", 2, "brigade")]


SEED_GOLD = [
    ("around 12,000 North Korean soldiers", 12000, "approx", "soldier"),
    ("five military training facilities", 5, "exact", "facility"),
    ("12,000 troop count", 12000, "exact", "troop"),
    ("at least 3,000 North Korean soldiers", 3000, "at_least", "soldier"),
    ("two military units", 2, "exact", "unit"),
    ("around 12,000 individuals", 12000, "approx", "individual"),
    ("two brigades", 2, "exact", "brigade"),
    ("500 officers", 500, "exact", "officer"),
    ("three generals", 3, "exact", "general"),
]


def seed_document():
    """The seed article as ingest stores it (its `date` header taken off)."""
    from claimscope.ingest.text import read_text

    return next(read_text(SEED.read_bytes(), str(SEED)))


def test_seed_article(quantities_nlp):
    quantities = found(quantities_nlp, seed_document().text)
    assert [(q.text, q.value, q.qualifier, q.unit) for q in quantities] == SEED_GOLD
    first = quantities[0]
    assert (first.low, first.high, first.subject) == (10_800, 13_200, "North Korean soldiers")


def test_seed_article_full_pipeline(extractor):
    quantities = extractor.extract(seed_document())["quantities"]
    assert [(q["text"], q["value"], q["qualifier"], q["unit"]) for q in quantities] == SEED_GOLD


# Number reading without a pipeline.
@pytest.mark.parametrize(
    "text, value",
    [
        ("3,000", 3000), ("12000", 12000), ("1.5 million", 1_500_000), ("10k", 10_000), ("3m", 3_000_000),
        ("5bn", 5e9), ("twenty-five", 25), ("two million three thousand and nineteen", 2_003_019),
        ("a dozen", 12), ("a million and a half", 1_500_000), ("two point three", 2.3),
        ("1 2", None), ("twenty 1", None), ("on", None), ("million million", None), ("several", None), ("", None),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


def test_numbers_in():
    assert numbers_in("I have eight cows three bulls and seven hundred and twelve million dollars") == [8, 3, 712e6]
    assert numbers_in("two thousand thousand") == [2000, 1000]


def test_lexicon_documents_every_qualifier():
    lexicon = load_lexicon()
    assert set(lexicon.intervals) == {"exact", "approx", "at_least", "more_than", "at_most", "less_than"}
    assert set(lexicon.qualifiers.values()) == set(lexicon.intervals) - {"exact"}


def test_an_adjective_that_stands_for_people_is_counted(quantities_nlp):
    text = "The toll has reached 1,640 dead and 8,408 injured."
    assert [(q.value, q.unit) for q in found(quantities_nlp, text)] == [(1640, None), (8408, None)]


def test_the_bare_object_of_a_killing_counts_people(quantities_nlp):
    """The tagger reads "kill 42 overnight" as a time; as the object of a casualty verb it is a count."""
    assert [q.value for q in found(quantities_nlp, "Israeli strikes kill 42 overnight, health officials say")] == [42]
