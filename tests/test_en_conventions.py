"""English TimeBank conventions and the engine features behind them.

Each test names a convention of the TempEval-3 (TimeBank/AQUAINT) data that
the English rules follow, with a sentence that shows it.
"""
from kroniek import tag
from kroniek.temporal.lexicon import load_lexicon
from kroniek.temporal.tense import guess_tense, tense_marks
from kroniek.temporal.values import format_duration


def values(text, dct):
    return [(t.text, t.value) for t in tag(text, dct, "en")]


def test_last_weekday_said_on_that_weekday_is_a_week_ago():
    # 1989-11-01 is a Wednesday.
    assert values("Orkem said last Wednesday that it would merge.", "1989-11-01") == [
        ("last Wednesday", "1989-10-25")]


def test_this_month_name_is_in_the_current_year_whatever_the_tense():
    assert values("The general election was set for this September.", "1998-02-05") == [
        ("this September", "1998-09")]
    # "this may" is a modal verb, not the month
    assert values("They said this may take a while.", "1998-02-05") == []


def test_a_possessive_weekday_names_a_day_already_past():
    # "would" alone would send "Wednesday" to next week.
    assert values("They would look for ways around Wednesday's ruling.", "2000-01-07") == [
        ("around Wednesday", "2000-01-05")]


def test_a_year_earlier_after_the_nine_months_is_last_year():
    text = ("Third-quarter net rose to $5 million from $4 million a year earlier. "
            "For the nine months, net rose to $15 million from $12 million a year earlier.")
    assert values(text, "1989-10-26") == [
        ("Third-quarter", "1989-Q3"), ("a year earlier", "1988-Q3"),
        ("the nine months", "P9M"), ("a year earlier", "1988")]


def test_the_corresponding_period_last_year_is_a_quarter():
    assert values("Net compares with $1.8 million for the corresponding period last year.", "1989-11-01") == [
        ("the corresponding period last year", "1988-Q3")]


def test_halves_go_into_the_next_smaller_unit():
    assert values("They lived in camps for 2 1/2 years.", "1998-02-27") == [("2 1/2 years", "P2Y6M")]
    assert values("A minute and a half later, a pilot calls in.", "1998-01-14") == [
        ("A minute and a half", "PT1M30S")]


def test_a_length_before_later_or_earlier_is_tagged_without_it():
    # TimeML leaves the signal out and types the expression as a duration,
    # which runs from the time last mentioned.
    (t,) = tag("Three days later, the index recovered.", "1989-10-30", "en")
    assert (t.text, t.type, t.value) == ("Three days", "DURATION", "P3D")
    (t,) = tag("The banks must wait at least 30 days before closing the purchase.", "1989-10-30", "en")
    assert (t.text, t.value, t.mod) == ("at least 30 days", "P30D", "EQUAL_OR_MORE")


def test_until_a_weekday_looks_ahead_unless_it_opens_the_sentence():
    # 2000-04-03 is a Monday.
    assert values("The service has given the relatives until 9 a.m. Tuesday to sign.", "2000-04-03") == [
        ("9 a.m. Tuesday", "2000-04-04T09:00")]
    assert values("He fled. Until Thursday, they had not called him a suspect.", "1999-05-07") == [
        ("Thursday", "1999-05-06")]


def test_the_day_before_an_event_is_not_the_day_before_the_last_date():
    assert values("He was last seen Nov. 3, the day before authorities issued a warrant.", "1999-05-07") == [
        ("Nov. 3", "1998-11-03")]
    assert values("The day before last Tuesday's hearing, Manuel went to court.", "2000-02-24") == [
        ("The day before last Tuesday", "2000-02-21")]


def test_several_word_tense_entries_mark_the_future():
    lexicon = load_lexicon("en")
    words = "the talks are set to resume monday".split()
    assert tense_marks(words, lexicon)[3] == "future"
    assert guess_tense(words, lexicon) == "future"
    assert tense_marks("the company set a record".split(), lexicon)[2] == "past"
    assert values("The peace process is set to resume Monday.", "1998-03-22") == [("Monday", "1998-03-23")]


def test_an_un_adjective_is_no_past_tense():
    assert values("It would be paid on a still unspecified date in January.", "1989-10-26") == [
        ("January", "1990-01")]


def test_decades_and_centuries_are_written_in_years():
    assert format_duration({"DE": 2}) == "P20Y"
    assert format_duration({"CE": 1, "Y": 5}) == "P105Y"
    assert format_duration({"DE": None}) == "PXDE"
    assert values("Wages grew for almost two decades.", "1998-02-06") == [("almost two decades", "P20Y")]


def test_a_growth_rate_is_no_set():
    assert values("Sales should rise 8.5% annually.", "1989-10-26") == []
    assert values("The rallies are held here annually.", "1989-10-26") == [("annually", "P1Y")]


def test_a_year_unit_in_narrative_anchors_on_the_year_last_mentioned():
    assert values("In 1995 he was promoted, and the following year he retired.", "2019-03-20") == [
        ("1995", "1995"), ("the following year", "1996")]
    assert values("Imports totaled $37 million in 1988, a small share of all imports that year.",
                  "1989-11-02") == [("1988", "1988"), ("that year", "1988")]


def test_a_month_day_half_a_year_away_either_way_follows_the_tense():
    # Oct. 23 lies 170 days ahead and 195 days back: nearly a tie, so the past tense decides.
    assert values("Slepian was shot to death on the night of Oct. 23.", "1999-05-05") == [("Oct. 23", "1998-10-23")]
    # a clear winner stays the nearest, whatever the tense
    assert values("The offer was set to expire Nov. 21.", "1989-11-02") == [("Nov. 21", "1989-11-21")]


def test_parts_of_the_day_named_alone_belong_to_the_day_last_mentioned():
    text = "Hopes were dashed Friday. Dealers placed orders in the morning, spurred by overnight losses."
    assert values(text, "1989-10-30") == [("Friday", "1989-10-27"), ("the morning", "1989-10-27TMO"),
                                          ("overnight", "1989-10-26TNI")]
    assert values("In London at mid-afternoon yesterday, shares were up.", "1989-11-02") == [
        ("mid-afternoon yesterday", "1989-11-01TAF")]


def test_halves_of_decades_and_years():
    assert values("sales were flat in the last half of the '80s", "1989-10-26") == [("the last half of the '80s", "198")]
    assert values("losses through the first two quarters of 1990", "1989-10-26") == [
        ("the first two quarters of 1990", "1990-H1")]
