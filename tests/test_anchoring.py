"""Anchoring on the DCT: honest intervals, tense, narrative anchors, explanations."""
from kroniek import tag


def one(text, dct, lang="nl"):
    found = tag(text, dct, lang)
    assert len(found) == 1, [(t.text, t.value) for t in found]
    return found[0]


def days(t):
    return t.interval.start.date().isoformat(), t.interval.end.date().isoformat()


def test_yesterday_with_month_dct_is_an_interval_not_a_day():
    t = one("gisteren", "2017-03")
    assert days(t) == ("2017-02-28", "2017-03-31")
    assert t.exact is False
    assert t.value == "2017-XX-XX"
    assert "known to the month" in t.reason


def test_yesterday_with_day_dct_is_one_day():
    t = one("gisteren", "2017-03-02")
    assert t.value == "2017-03-01" and t.exact
    assert days(t) == ("2017-03-01", "2017-03-02")


def test_two_weeks_ago_with_month_dct():
    t = one("twee weken geleden", "2017-03")
    assert days(t) == ("2017-02-15", "2017-03-18")


def test_september_in_a_march_article_is_the_september_before():
    t = one("Hij wilde in september praten.", "2017-03")
    assert t.value == "2016-09" and t.exact


def test_tense_decides_the_direction():
    past = [t for t in tag("Hij kwam vrijdag terug.", "2019-03-20", "nl")]
    future = [t for t in tag("Hij zal vrijdag terugkomen.", "2019-03-20", "nl")]
    assert past[0].value == "2019-03-15"
    assert future[0].value == "2019-03-22"


def test_without_tense_news_prefers_the_past():
    t = one("vrijdag", "2019-03-20")
    assert t.value == "2019-03-15"


def test_narrative_anchor_uses_the_last_mentioned_date():
    found = tag("Op 4 mei 2015 begon het proces. Een dag later volgde de uitspraak.", "2019-03-20", "nl")
    assert [t.value for t in found] == ["2015-05-04", "2015-05-05"]
    assert found[1].anchor == found[0].tid
    assert found[0].anchor is None


def test_ago_is_anchored_on_the_dct_not_the_last_date():
    found = tag("Op 4 mei 2015 begon het. Drie dagen geleden kwam de uitspraak.", "2019-03-20", "nl")
    assert found[1].value == "2019-03-17" and found[1].anchor == "dct"


def test_offsets_are_half_open_into_the_text():
    text = "Dat gebeurde op 29 maart 2019 in Londen."
    t = one(text, "2019-04-01")
    assert text[t.start:t.end] == "29 maart 2019"


def test_every_timex_has_rule_and_reason():
    for t in tag("Gisteren en volgende week, om 15.00 uur.", "2019-03-20", "nl"):
        assert t.rule.startswith("nl:")
        assert t.reason.startswith("rule ")
        assert 0 <= t.confidence <= 1


def test_english_last_tuesday():
    t = one("last Tuesday", "2019-03-20", "en")
    assert t.value == "2019-03-19"
