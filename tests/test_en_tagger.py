"""English tagging behaviour beyond single rule examples: tense, anchors, TimeBank conventions."""
import pytest

from kroniek import tag


def values(text, dct):
    return [(t.text, t.value) for t in tag(text, dct, "en")]


def test_tense_of_the_nearest_verb_decides_a_bare_weekday():
    # The DCT is a Wednesday; "said" governs the first weekday, "will" the second.
    found = values("He said Friday that the talks will resume Monday.", "2019-03-20")
    assert found == [("Friday", "2019-03-15"), ("Monday", "2019-03-25")]


def test_a_participle_after_an_auxiliary_is_no_past_tense():
    # "be returned" is passive, "will" makes it future: the next Friday.
    assert values("The boy will be returned Friday.", "2019-03-20") == [("Friday", "2019-03-22")]


def test_a_time_of_day_on_the_dct_weekday_is_that_day():
    assert values("The rally was held Wednesday evening.", "2019-03-20") == [("Wednesday evening", "2019-03-20TEV")]


def test_month_day_without_year_is_the_nearest_one():
    assert values("The rights expire Nov. 21.", "1989-11-02") == [("Nov. 21", "1989-11-21")]
    assert values("Payable Jan. 2 to holders of record Dec. 15.", "1989-11-02") == [
        ("Jan. 2", "1990-01-02"), ("Dec. 15", "1989-12-15")]
    assert values("The plant closed on Oct. 5.", "2019-03-20") == [("Oct. 5", "2018-10-05")]


def test_a_year_earlier_keeps_the_unit_of_the_period_under_discussion():
    text = ("Net income rose in the third quarter to $5 million from $4 million a year earlier. "
            "Sales in September fell from a year ago.")
    assert values(text, "1989-11-02") == [("the third quarter", "1989-Q3"), ("a year earlier", "1988-Q3"),
                                          ("September", "1989-09"), ("a year ago", "1988-09")]
    # with no period mentioned before it, the DCT's year
    assert values("A year ago, profit was higher.", "1989-11-02") == [("A year ago", "1988")]


def test_financial_quarters():
    found = values("The quarter's results and the latest quarter beat the year-earlier period; "
                   "third-quarter profit rose.", "1989-10-26")
    assert found == [("The quarter", "1989-Q3"), ("the latest quarter", "1989-Q3"),
                     ("the year-earlier period", "1988-Q3"), ("third-quarter", "1989-Q3")]
    assert values("It expects to report a loss for the third quarter.", "1989-10-27") == [
        ("the third quarter", "1989-Q3")]


def test_ranges_keep_their_ends():
    (t,) = tag("Shares were bought from Aug. 26 to Oct. 20.", "1989-10-30", "en")
    assert (t.type, t.value) == ("DURATION", "P56D")
    assert (t.begin.text, t.begin.value, t.end_point.text, t.end_point.value) == (
        "Aug. 26", "1989-08-26", "Oct. 20", "1989-10-20")
    assert t.interval.start.date().isoformat() == "1989-08-26"
    assert t.interval.end.date().isoformat() == "1989-10-21"


def test_a_list_of_years_is_no_range():
    assert values("in 1994, 1995 and 1997", "1999-04-19") == [("1994", "1994"), ("1995", "1995"), ("1997", "1997")]


@pytest.mark.parametrize("text", [
    "a 44-year-old protester", "the 6-year-old boy", "closed at $12.51, up 1.35",
    "The case may finally be resolved.", "as was previously reported", "It will eventually fall.",
    "They march on.", "A second group of directors", "for the foreseeable future",
])
def test_english_false_friends(text):
    assert tag(text, "2019-03-20", "en") == []


def test_timebank_spans_leave_out_prepositions_but_keep_determiners():
    assert values("in the past", "2019-03-20") == [("the past", "PAST_REF")]
    assert values("for the nine months", "1989-11-02") == [("the nine months", "P9M")]
    assert values("in the fiscal first quarter", "1989-11-02") == [("the fiscal first quarter", "1989-Q1")]


def test_capitalised_month_names_only():
    assert values("They met in May and may meet again.", "2019-03-20") == [("May", "2018-05")]
