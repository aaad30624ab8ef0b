"""Date normalisation: the pure `normalise_date` and the `claimscope_dates` component on sentences of our own."""

from __future__ import annotations

import re
from datetime import date

import pytest

from claimscope.extract.dates import normalise_date
from claimscope.extract.timexes import calendar_value, normalise_expression

FRIDAY = date(2024, 10, 25)  # a Friday
from conftest import SEED_ARTICLE as SEED


@pytest.fixture(scope="module")
def dates_nlp():
    """The bare model with our component only: other components are not needed here."""
    import claimscope.extract.dates  # noqa: F401  (registers the factory)
    from claimscope.extract.pipeline import load_model

    nlp = load_model()
    nlp.add_pipe("claimscope_dates")
    return nlp


def times(nlp, text: str, published: date | None = FRIDAY) -> list[tuple[str, str | None, str | None]]:
    doc = nlp.make_doc(text)
    doc._.published = published
    return [(t.text, t.value, t.precision) for t in nlp(doc)._.times]


@pytest.mark.parametrize(
    ("text", "value", "precision"),
    [
        ("Wednesday", "2024-10-23", "day"),
        ("on Wednesday", "2024-10-23", "day"),
        ("Wednesday's", "2024-10-23", "day"),
        ("Friday", "2024-10-25", "day"),  # the publication day itself, not a week before
        ("Saturday", "2024-10-19", "day"),
        ("last Friday", "2024-10-18", "day"),
        ("next Monday", "2024-10-28", "day"),
        ("Tuesday evening", "2024-10-22", "day"),
        ("today", "2024-10-25", "day"),
        ("yesterday", "2024-10-24", "day"),
        ("last night", "2024-10-24", "day"),
        ("this month", "2024-10", "month"),
        ("earlier this month", "2024-10", "month"),
        ("last month", "2024-09", "month"),
        ("last week", "2024-W42", "week"),
        ("this week", "2024-W43", "week"),
        ("the weekend", "2024-W42-WE", "week"),
        ("this year", "2024", "year"),
        ("last year", "2023", "year"),
        ("in August", "2024-08", "month"),
        ("in December", "2023-12", "month"),  # the latest December on or before publication
        ("July last year", "2023-07", "month"),
        ("on the 24th", "2024-10-24", "day"),
        ("October 23", "2024-10-23", "day"),
        ("Oct. 23, 2024", "2024-10-23", "day"),
        ("23 October", "2024-10-23", "day"),
        ("the 23rd of October 2023", "2023-10-23", "day"),
        ("2024-10-23", "2024-10-23", "day"),
        ("10/23/2024", "2024-10-23", "day"),
        ("23.10.2024", "2024-10-23", "day"),  # dateparser fallback
        ("2024", "2024", "year"),
        ("nineteen ninety-six", "1996", "year"),
        ("early October", "2024-10", "month"),
        ("mid-November 2025", "2025-11", "month"),
        ("the third quarter", "2024-Q3", "quarter"),
        ("this summer", "2024-SU", "season"),
        ("the 1990s", "199", "decade"),
        ("the nineties", "199", "decade"),
        ("the 20th century", "19", "century"),
        ("three days ago", "2024-10-22", "day"),
        ("two weeks ago", "2024-W41", "week"),
        ("a year ago", "2023", "year"),
        ("in three days", "2024-10-28", "day"),
    ],
)
def test_dates_resolve_against_publication(text, value, precision):
    assert normalise_date(text, FRIDAY) == (value, precision)


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("several weeks", "PXW"),
        ("approximately several weeks", "PXW"),
        ("three days", "P3D"),
        ("a month", "P1M"),
        ("two weeks", "P2W"),
        ("recent weeks", "PXW"),
        ("the past four months", "P4M"),
        ("the past year", "P1Y"),
        ("a decade", "P10Y"),
        ("two-day", "P2D"),
        ("five hours", "PT5H"),
        ("2 1/2 years", "P2Y6M"),
        ("an hour and a half", "PT1H30M"),
    ],
)
def test_durations_are_not_dates(text, value):
    result = normalise_date(text, FRIDAY)
    if value is None:
        assert result[1] != "day"
    else:
        assert result == (value, "duration")


@pytest.mark.parametrize("text", ["24-year-old", "a 24-year-old", "every week", "daily", "twice a year", "49"])
def test_ages_frequencies_and_numbers_are_not_times(text):
    assert normalise_expression(text, FRIDAY) == ()
    assert normalise_date(text, FRIDAY) == (None, None)


def test_anaphoric_times_have_no_value():
    assert normalise_date("two days later", FRIDAY) == (None, None)
    assert normalise_date("the same day", FRIDAY) == (None, None)


def test_pairs_and_ranges_give_one_piece_per_date():
    text = "October 27 and 28"
    pieces = normalise_expression(text, FRIDAY, "future")
    assert [(text[p.start : p.end], p.value) for p in pieces] == [("October 27", "2024-10-27"), ("28", "2024-10-28")]
    text = "between October 8 and 13"
    assert [(text[p.start : p.end], p.value) for p in normalise_expression(text, FRIDAY)] == [
        ("October 8", "2024-10-08"),
        ("13", "2024-10-13"),
    ]
    text = "27 and 28 October 2023"
    assert [p.value for p in normalise_expression(text, FRIDAY)] == ["2023-10-27", "2023-10-28"]
    assert normalise_date("Dec. 30 - Jan. 2", FRIDAY, prefer="future") == ("2024-12-30", "day")
    assert [p.value for p in normalise_expression("Dec. 30 - Jan. 2", FRIDAY, "future")] == ["2024-12-30", "2025-01-02"]
    assert [p.value for p in normalise_expression("2020-2022", FRIDAY)] == ["2020", "2022"]


def test_composite_expressions_give_their_parts():
    def parts(text: str) -> list[tuple[str, str | None]]:
        return [(text[p.start : p.end], p.value) for p in normalise_expression(text, FRIDAY)]

    assert parts("Monday and Tuesday") == [("Monday", "2024-10-21"), ("Tuesday", "2024-10-22")]
    assert parts("the quarter ended Sept. 30") == [("the quarter", "2024-Q3"), ("Sept. 30", "2024-09-30")]
    assert parts("the year ended Sept. 30") == [("the year", "P1Y"), ("Sept. 30", "2024-09-30")]
    assert parts("the nine months ended Sept. 30") == [("the nine months", "P9M"), ("Sept. 30", "2024-09-30")]
    assert parts("the first nine months of 2023") == [("the first nine months", "P9M"), ("2023", "2023")]
    assert parts("the end of the month") == [("the end of the month", None)]


def test_tense_chooses_the_direction_of_year_less_dates():
    assert normalise_date("Friday", FRIDAY, prefer="future") == ("2024-10-25", "day")
    assert normalise_date("Wednesday", FRIDAY, prefer="future") == ("2024-10-30", "day")
    assert normalise_date("December", FRIDAY, prefer="future") == ("2024-12", "month")
    assert normalise_date("mid-November", FRIDAY, prefer="past") == ("2023-11", "month")
    assert normalise_date("mid-November", FRIDAY, prefer="nearest") == ("2024-11", "month")
    assert normalise_date("Wednesday", FRIDAY, prefer="nearest") == ("2024-10-23", "day")  # weekdays look back
    # "the 24th" before the 24th: the previous month's
    assert normalise_date("the 24th", date(2024, 10, 20)) == ("2024-09-24", "day")


def test_without_publication_date_only_absolute_dates_resolve():
    assert normalise_date("Wednesday", None) == (None, None)
    assert normalise_date("this month", None) == (None, None)
    assert normalise_date("October 23", None) == (None, None)
    assert normalise_date("Oct. 23, 2024", None) == ("2024-10-23", "day")
    assert normalise_date("2024", None) == ("2024", "year")
    assert normalise_date("three days", None) == ("P3D", "duration")


def test_calendar_value_coarsens_for_asserted_on():
    assert calendar_value("2024-10-23", "day") == "2024-10-23"
    assert calendar_value("2024-W42", "week") == "2024-10"  # Oct 14-20
    assert calendar_value("2024-W40", "week") == "2024"  # Sep 30 - Oct 6
    assert calendar_value("2024-Q3", "quarter") == "2024"
    assert calendar_value("P3W", "duration") is None


def test_seed_article_times(dates_nlp):
    text = re.sub(r"^\s*date \d{4}-\d{2}-\d{2}\s*", "", SEED.read_text(encoding="utf-8"))
    found = times(dates_nlp, text)
    values = {(t, v) for t, v, _ in found}

    def around(phrase: str) -> list[str | None]:
        start = text.index(phrase)
        return [v for t, v, _ in found if t in phrase and start <= text.index(t, start) < start + len(phrase)]

    assert "2024-10-23" in around("in Kursk on Wednesday")
    assert ("Wednesday", "2024-10-23") in values  # "Wednesday's 12,000 troop count"
    assert "2024-10-22" in around("remarked on Tuesday")
    assert "2024-10-24" in around("announced on Thursday")
    assert "2024-10-24" in around("summit on Thursday")
    assert ("this month", "2024-10") in values
    assert ("August", "2024-08") in values
    weeks = [(t, v, p) for t, v, p in found if "several weeks" in t]
    assert weeks and weeks[0][1:] == ("PXW", "duration")
    assert not any("winter" in t for t, _, _ in found)  # "winter clothing" is no time
    assert all(re.fullmatch(r"\d{4}(-\d{2}){0,2}|P[\dX]+[DWMY]|PRESENT_REF", v or "") for _, v, _ in found)


def test_component_spans_and_values(dates_nlp):
    found = times(dates_nlp, "The talks will be held on October 27 and 28 in Geneva.")
    assert [(t, v) for t, v, _ in found] == [("October 27", "2024-10-27"), ("28", "2024-10-28")]
    found = times(dates_nlp, "Shelling went on between October 8 and 13, officials said on the 24th.")
    assert [(t, v) for t, v, _ in found] == [
        ("October 8", "2024-10-08"),
        ("13", "2024-10-13"),
        ("the 24th", "2024-10-24"),
    ]
    found = times(dates_nlp, "The minister said on 23 October that a 24-year-old soldier was captured.")
    assert [(t, v) for t, v, _ in found] == [("23 October", "2024-10-23")]


def test_component_reads_tense(dates_nlp):
    wednesday = date(2024, 10, 23)
    assert times(dates_nlp, "The delegations will meet on Friday.", wednesday)[0][1] == "2024-10-25"
    assert times(dates_nlp, "The delegations met on Friday.", wednesday)[0][1] == "2024-10-18"
    assert times(dates_nlp, "The ministry said the exercise ended on December 5.", wednesday)[0][1] == "2023-12-05"
    assert times(dates_nlp, "The ministry will publish its figures on December 5.", wednesday)[0][1] == "2024-12-05"
    assert times(dates_nlp, "He said the father would travel on Thursday.", wednesday)[0][1] == "2024-10-24"
    assert times(dates_nlp, "Trading is to resume on Tuesday.", wednesday)[0][1] == "2024-10-29"
    assert times(dates_nlp, "The talks are set to resume on Monday.", wednesday)[0][1] == "2024-10-28"


def test_component_without_publication_date(dates_nlp):
    found = times(dates_nlp, "Troops arrived on Wednesday, the ministry said on Oct. 23, 2024.", None)
    assert ("Wednesday", None, None) in found
    assert ("Oct. 23, 2024", "2024-10-23", "day") in found


def test_component_keeps_time_entities_only_for_days_and_durations(dates_nlp):
    found = times(dates_nlp, "The strike came last night at 10 p.m. after a five-hour meeting.")
    texts = [t for t, _, _ in found]
    assert any("last night" in t for t in texts)
    assert not any("10 p.m." in t for t in texts)


def test_reference_words_take_timeml_reference_values():
    assert normalise_date("now", FRIDAY) == ("PRESENT_REF", "ref")
    assert normalise_date("currently", FRIDAY) == ("PRESENT_REF", "ref")
    assert normalise_date("recently", FRIDAY) == ("PAST_REF", "ref")
    assert normalise_date("in the past", FRIDAY) == ("PAST_REF", "ref")
    assert normalise_date("the near future", FRIDAY) == ("FUTURE_REF", "ref")
    assert normalise_date("the past week", FRIDAY) == ("P1W", "duration")  # a span, not the past
    assert calendar_value("PRESENT_REF", "ref") is None  # never a claim's asserted_on


def test_vague_ago_fiscal_and_year_end():
    assert normalise_date("a few years ago", FRIDAY) == ("PAST_REF", "ref")
    assert normalise_date("in a few days", FRIDAY) == ("FUTURE_REF", "ref")
    assert normalise_date("the current fiscal year", FRIDAY) == ("2024", "year")
    assert normalise_date("by year-end", FRIDAY) == ("2024", "year")
    assert normalise_date("by the end of the year", FRIDAY) == ("2024", "year")
    assert normalise_date("the 1988 second quarter", FRIDAY) == ("1988-Q2", "quarter")


def test_nearest_reads_forwards_only_a_few_months_ahead():
    may = date(2024, 5, 6)
    assert normalise_date("Oct. 23", may, prefer="nearest") == ("2023-10-23", "day")
    assert normalise_date("June 1", may, prefer="nearest") == ("2024-06-01", "day")
    assert normalise_date("December", may, prefer="nearest") == ("2023-12", "month")
    assert normalise_date("August", may, prefer="nearest") == ("2024-08", "month")


def test_year_less_quarters_look_back_whatever_the_tense():
    october = date(1989, 10, 26)
    assert normalise_date("the fiscal first quarter", october, prefer="nearest") == ("1989-Q1", "quarter")
    assert normalise_date("the third quarter", october, prefer="future") == ("1989-Q3", "quarter")
    assert normalise_date("the fourth quarter", october) == ("1989-Q4", "quarter")


def test_component_counts_anaphoric_times_from_the_latest_date(dates_nlp):
    found = times(dates_nlp, "The town was shelled on October 3. Two days later, the army withdrew. "
                  "It returned the following year.")
    assert ("Two days later", "2024-10-05", "day") in found
    assert ("the following year", "2025", "year") in found
    assert ("a year earlier", None, None) in times(dates_nlp, "Prices rose from a year earlier.")
    found = times(dates_nlp, "Markets fell on Oct. 23, down 4% from the previous Friday.")
    assert ("the previous Friday", "2024-10-18", "day") in found  # Oct. 23, 2024 is a Wednesday


def test_component_compares_with_the_quarter_under_discussion(dates_nlp):
    october = date(1989, 10, 26)
    text = ("Third-quarter profit rose to $5 million from $4 million a year earlier. Sales fell 3% from a year "
            "ago. In the quarter, costs rose. The company was founded a year ago in a merger.")
    found = [(t, v) for t, v, _ in times(dates_nlp, text, october)]
    assert ("a year earlier", "1988-Q3") in found
    assert found.count(("a year ago", "1988-Q3")) == 2  # the focus is still the quarter
    assert ("the quarter", "1989-Q3") in found
    assert ("the full year", "1989") in [(t, v) for t, v, _ in times(dates_nlp, text + " Sales for the full year rose.",
                                                                     october)]
    found = [(t, v) for t, v, _ in times(dates_nlp, "Net fell in the quarter ended Sept. 30 from the 1988 quarter "
                                         "and from last year's quarter.", october)]
    assert found == [("the quarter", "1989-Q3"), ("Sept. 30", "1989-09-30"), ("the 1988 quarter", "1988-Q3"),
                     ("last year's quarter", "1988-Q3")]
    assert times(dates_nlp, "He left a year ago.", october)[0][:2] == ("a year ago", "1988")  # no quarter: publication


def test_component_a_period_named_again_is_the_focus_again(dates_nlp):
    october = date(1989, 10, 26)
    text = ("Orders rose in the third quarter. The plant closed on Oct. 2. Margins widened in the quarter, "
            "from 8% a year ago. Staff was cut a month ago.")
    found = [(t, v) for t, v, _ in times(dates_nlp, text, october)]
    assert ("the quarter", "1989-Q3") in found
    assert ("a year ago", "1988-Q3") in found  # "the quarter" brought the quarter back into focus
    assert ("a month ago", "1989-09") in found  # a unit finer than the quarter: counted from publication


def test_an_article_before_a_date_is_read_over():
    november = date(1989, 11, 2)
    assert normalise_date("a fourth-quarter", november) == ("1989-Q4", "quarter")
    assert normalise_date("an Aug. 10, 1988", november) == ("1988-08-10", "day")
    assert normalise_date("a year", november) == ("P1Y", "duration")


def test_component_a_quarter_still_to_come_is_no_focus(dates_nlp):
    november = date(1989, 11, 2)
    text = ("Orders rose in the third quarter. The firm expects a fourth-quarter charge. "
            "Margins widened in the latest quarter from 8% a year ago.")
    found = [(t, v) for t, v, _ in times(dates_nlp, text, november)]
    assert ("fourth-quarter", "1989-Q4") in found
    assert ("the latest quarter", "1989-Q3") in found  # the quarter reported, not the one forecast
    assert ("a year ago", "1988-Q3") in found


def test_component_words_before_a_date_set_its_direction(dates_nlp):
    wednesday = date(2024, 10, 23)
    assert times(dates_nlp, "The ministry gave the company until mid-November to reply.", wednesday)[0][1] == "2024-11"
    assert times(dates_nlp, "Talks could resume as early as Monday.", wednesday)[0][1] == "2024-10-28"
    assert times(dates_nlp, "The firms had filed their reports by Monday.", wednesday)[0][1] == "2024-10-21"


def test_holidays_and_halves():
    february = date(2000, 2, 10)
    assert normalise_date("Thanksgiving Day", february) == ("1999-11-25", "day")  # 4th Thursday of November
    assert normalise_date("last Christmas", february) == ("1999-12-25", "day")
    assert normalise_date("next Easter", february) == ("2000-04-23", "day")
    assert normalise_date("Easter week", date(2000, 4, 17), prefer="nearest") == ("2000-W16", "week")
    assert normalise_date("the first half of 2024", february) == ("2024-H1", "half")
    assert normalise_date("the second half", date(2024, 10, 25)) == ("2024-H2", "half")
    assert normalise_date("the last six months", february) == ("P6M", "duration")
    assert calendar_value("2024-H1", "half") == "2024"


def test_election_day_is_the_tuesday_after_the_first_monday_of_november():
    assert normalise_date("Election Day", date(2024, 10, 25), prefer="nearest") == ("2024-11-05", "day")
    assert normalise_date("Election Day", date(2026, 10, 25), prefer="future") == ("2026-11-03", "day")
    assert normalise_date("last Election Day", date(2024, 10, 25)) == ("2023-11-07", "day")


def test_component_finds_holidays_but_not_their_classifier_uses(dates_nlp):
    found = times(dates_nlp, "The boy was found on Thanksgiving Day. Christmas shopping fell.", date(2000, 2, 10))
    assert [(t, v) for t, v, _ in found] == [("Thanksgiving Day", "1999-11-25")]


def test_component_an_infinitive_is_no_past_whatever_the_tense_over_it(dates_nlp):
    wednesday = date(2024, 10, 23)
    # an action still to come when the verb over it happened: the nearest December, not last year's
    found = times(dates_nlp, "The council said it had agreed to hold new elections in December.", wednesday)
    assert found[-1][1] == "2024-12"
    # under a planning verb, forwards even in the past tense
    found = times(dates_nlp, "The delegation planned to leave the capital on Friday.", wednesday)
    assert found[0][1] == "2024-10-25"
    # a plan's own date after the verb is the planned event's; a fronted date dates the planning
    assert times(dates_nlp, "Farmers planned a large protest in the square on Saturday.", wednesday)[0][1] == (
        "2024-10-26"
    )
    assert times(dates_nlp, "On Monday, the union planned to strike.", wednesday)[0][1] == "2024-10-21"
    # an infinitive with no verb over it keeps the tense rules
    assert times(dates_nlp, "The delegations met on Friday to sign the accord.", wednesday)[0][1] == "2024-10-18"


def test_component_a_participle_takes_the_tense_of_its_clause(dates_nlp):
    wednesday = date(2024, 10, 23)
    found = times(dates_nlp, "A concert planned for Saturday was cancelled after the storm.", wednesday)
    assert found[0][:2] == ("Saturday", "2024-10-19")
    found = times(dates_nlp, "A concert planned for Saturday will go ahead despite the storm.", wednesday)
    assert found[0][:2] == ("Saturday", "2024-10-26")


def test_future_with_a_plural_unit_is_a_future_reference():
    assert normalise_date("future quarters", FRIDAY) == ("FUTURE_REF", "ref")
    assert normalise_date("future years", FRIDAY) == ("FUTURE_REF", "ref")
    assert normalise_date("recent months", FRIDAY) == ("PXM", "duration")  # annotated either way: stays a span


def test_a_part_of_a_season_may_take_the_article():
    october = date(1995, 10, 26)
    assert normalise_date("the early summer", october) == ("1995-SU", "season")
    assert normalise_date("the late spring", october) == ("1995-SP", "season")


def test_component_the_year_without_a_focus_is_the_publication_year(dates_nlp):
    october = date(1989, 10, 30)
    found = [(t, v) for t, v, _ in times(dates_nlp, "Shares hit a high for the year of $40 in June.", october)]
    assert ("the year", "1989") in found
    found = [(t, v) for t, v, _ in times(dates_nlp, "The loss will lower earnings for the fiscal year.", october)]
    assert ("the fiscal year", "1989") in found
    text = "Prices fell in 1987. Revenue slipped in the first nine months of the year."
    found = [(t, v) for t, v, _ in times(dates_nlp, text, october)]
    assert ("the year", "1987") in found  # a part of a composite expression is said of the focus too


def test_component_keeps_the_determiner_of_a_lone_unit(dates_nlp):
    october = date(1989, 10, 30)
    found = [(t, v) for t, v, _ in times(dates_nlp, "Exports peaked in 1988. Imports fell that year.", october)]
    assert ("that year", "1988") in found


def test_component_narrows_a_span_without_value_to_its_dated_part(dates_nlp):
    may = date(1999, 5, 5)
    found = [(t, v) for t, v, _ in times(dates_nlp, "The rifle was found in April month near the house.", may)]
    assert ("April", "1999-04") in found
    found = [(t, v) for t, v, _ in times(dates_nlp, "He met the rebels after a coup d'etat last year.", may)]
    assert ("last year", "1998") in found
    found = [(t, v) for t, v, _ in times(dates_nlp, "It was the third consecutive month of gains.", may)]
    assert all(v is None for _, v in found)  # no day of the month cut from "the third consecutive month"


def test_fiscal_year_end_is_read_from_a_period_ended_on_a_day():
    from claimscope.extract.timexes.fiscal import fiscal_year_end, quarter_end_month, quarter_of_month

    assert fiscal_year_end("Net rose 8% for the year ended Sept. 30, the company said.") == 9
    assert fiscal_year_end("It lost money in its fourth quarter ended June 30.") == 6
    assert fiscal_year_end("Profit fell in the third quarter ended Sept. 30.") is None  # a calendar year
    assert fiscal_year_end("Profit fell in the third quarter.") is None
    assert (quarter_end_month(1, 6), quarter_end_month(4, 9), quarter_end_month(2, None)) == (9, 9, 6)
    assert (quarter_of_month(9, 6), quarter_of_month(6, 6), quarter_of_month(10, None)) == (1, 4, 4)


def test_component_numbers_quarters_in_the_fiscal_year(dates_nlp):
    october = date(1989, 10, 26)
    text = ("The firm earned $5 million in the fiscal first quarter. Sales for the quarter ended Sept. 29 rose 39% "
            "from a year earlier. Its fiscal year ended June 30. Costs rose in the quarter.")
    found = [(t, v) for t, v, _ in times(dates_nlp, text, october)]
    assert ("the quarter", "1989-Q1") in found
    assert ("a year earlier", "1988-Q1") in found
    assert found.count(("the quarter", "1989-Q1")) == 2
    november = date(1989, 11, 2)
    text = ("Ralston reported lower fourth-quarter earnings, down from a year earlier. For the year ended Sept. 30, "
            "it earned $422 million.")
    found = [(t, v) for t, v, _ in times(dates_nlp, text, november)]
    assert ("a year earlier", "1988-Q4") in found  # its fourth quarter ended in September: over, the focus


def test_component_a_year_still_to_come_is_no_focus(dates_nlp):
    october = date(1989, 10, 30)
    text = "It aims at a 50% share by 1992. It forecast higher earnings for the full year."
    assert ("the full year", "1989") in [(t, v) for t, v, _ in times(dates_nlp, text, october)]
    found = [(t, v) for t, v, _ in times(dates_nlp, "Net rose in the 1989 period. It fell in the 1988 period.",
                                         october)]
    assert ("the 1988 period", "1988") in found  # no quarter under discussion: the year


def test_component_finds_current_as_the_present(dates_nlp):
    found = times(dates_nlp, "Construction was delayed because of current market conditions.")
    assert ("current", "PRESENT_REF", "ref") in found
    found = times(dates_nlp, "Holders may buy shares at half the then current market price.")
    assert ("then current", "PAST_REF", "ref") in found
    found = times(dates_nlp, "Sales in the current quarter rose.", date(1989, 10, 26))
    assert [(t, v) for t, v, _ in found] == [("the current quarter", "1989-Q4")]


def test_component_present_perfect_takes_the_nearest_date(dates_nlp):
    november = date(1989, 11, 2)
    found = times(dates_nlp, "The company has set Nov. 10 as the deadline for bids.", november)
    assert found[0][:2] == ("Nov. 10", "1989-11-10")
    found = times(dates_nlp, "The company had set Oct. 10 as the deadline for bids.", november)
    assert found[0][:2] == ("Oct. 10", "1989-10-10")


def test_component_an_open_word_under_a_future_looks_forward(dates_nlp):
    february = date(1998, 2, 13)
    assert times(dates_nlp, "The airline will add flights by August.", february)[0][:2] == ("August", "1998-08")
    assert times(dates_nlp, "The airline added flights by August.", february)[0][:2] == ("August", "1997-08")


def test_component_the_months_of_a_year_to_date_focus_on_their_year(dates_nlp):
    october = date(1989, 10, 26)
    text = ("Third-quarter net rose 5% from a year earlier. For the nine months, net rose 8% from a year earlier. "
            "In the 1988 period, it had a loss.")
    found = [(t, v) for t, v, _ in times(dates_nlp, text, october)]
    assert found == [("Third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3"), ("the nine months", "P9M"),
                     ("a year earlier", "1988"), ("the 1988 period", "1988")]
    text = "Net rose in the six months ended Aug. 12 from a year earlier."
    found = [(t, v) for t, v, _ in times(dates_nlp, text, october)]
    assert ("a year earlier", "1988-08-12") in found  # the day closing the months is the focus


def test_component_the_day_is_the_day_under_discussion(dates_nlp):
    found = [(t, v) for t, v, _ in times(dates_nlp, "Shares fell on Oct. 12, the day before the plunge.")]
    assert ("the day", "2024-10-12") in found
    found = [(t, v) for t, v, _ in times(dates_nlp, "The index closed on Friday. For the week, it fell 3%. "
                                         "Troops must arrive by the end of the month.", date(1989, 10, 30))]
    assert ("the week", "1989-W43") in found
    assert ("the end of the month", "1989-10") in found
    assert times(dates_nlp, "Late in the day, the talks ended.")[0][1] == "2024-10-25"  # nothing before: today
    found = times(dates_nlp, "A hearing is set for the week of March 6.", date(2000, 2, 24))
    assert found == [("the week of March 6", "2000-W10", "week")]


def test_component_the_nth_day_of_an_event_under_way_is_today(dates_nlp):
    found = times(dates_nlp, "It is the third day of the strike at the port.")
    assert ("the third day", "2024-10-25", "day") in found
    found = times(dates_nlp, "On the third day of the strike, workers marched.")
    assert ("the third day", None, None) in found  # told in the past: a day the text does not date


def test_recent_years_are_the_past_and_an_age_is_no_decade(dates_nlp):
    assert normalise_date("in recent years", FRIDAY) == ("PAST_REF", "ref")
    assert normalise_date("past years", FRIDAY) == ("PAST_REF", "ref")
    assert normalise_date("recent weeks", FRIDAY) == ("PXW", "duration")
    assert times(dates_nlp, "He married when he was in his 30s.") == []
    assert [v for _, v, _ in times(dates_nlp, "Prices soared in the 1970s.")] == ["197"]
