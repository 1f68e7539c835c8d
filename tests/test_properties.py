"""Property-based robustness of the tagger (hypothesis).

Whatever the text and the publication date, the tagger must not raise, every
value must parse under the TIMEX3 value grammar (TimeML 1.2.1), every
interval must be non-empty and timezone-aware, and every offset must lie in
the text with the text slice matching.
"""
from __future__ import annotations

from datetime import datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kroniek import tag
from kroniek.temporal.values import VALUE_RE

LANGS = ["nl", "nl-BE", "en"]

#: Words that make the rules fire, so that random texts reach deep paths.
WORDS = [
    "gisteren", "morgen", "vandaag", "vorige", "volgende", "week", "maand", "jaar", "jaren", "eeuw",
    "maart", "mei", "december", "januari", "maandag", "vrijdag", "zondagen", "avond", "'s", "avonds",
    "ochtends", "om", "uur", "half", "kwart", "over", "voor", "na", "van", "tot", "tussen", "en",
    "t/m", "tot en met", "geleden", "later", "eerder", "binnen", "de", "het", "een", "twee", "drie",
    "vier", "eenentwintigste", "27e", "15e", "elke", "iedere", "keer", "per", "begin", "eind",
    "midden", "rond", "ongeveer", "jaren", "'90", "negentig", "kwartaal", "helft", "zomer", "Pasen",
    "Koningsdag", "Kerst", "Prinsjesdag", "veertien", "dagen", "anderendaags", "vieruurtje", "noen",
    "yesterday", "last", "next", "ago", "since", "until", "March", "Monday", "o'clock", "pm", "am",
    "1", "3", "12", "15", "24", "31", "99", "0", "2019", "1999", "9999", "0001", "15.00", "8:45",
    "23:59:59", "22-4", "22/4", "29-02-2019", "2019-03-20", "31-06", "13/13", "2-7", "-", "/", ",",
    ".", "'", "~", "(", ")", "20u30", "7h01", "3,5jaar", "Q3", "K3", "H2", "week 53", "W00",
]

DCTS = st.one_of(
    st.sampled_from(["0001-01-01", "0001", "9999", "9999-12", "9999-12-31", "9999-12-31T23:59:59",
                     "0001-01-01T00:00:00", "2019-03", "2019", "2016-02-29", "2019-03-20T10:15:00+01:00",
                     "2019-03-31T02:30:00+14:00", "2019-10-27T01:30:00-12:00", "1900-02-28"]),
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31, 23, 59),
                 timezones=st.sampled_from([None, timezone.utc, timezone(timedelta(hours=14)),
                                            timezone(timedelta(hours=-12))])),
    st.dates(),
)

TEXTS = st.one_of(
    st.text(max_size=200),
    st.lists(st.sampled_from(WORDS), max_size=30).map(" ".join),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(max_size=4)), max_size=25).map(" ".join),
)


def check(text: str, dct, lang: str) -> None:
    """Tag and assert every invariant the module docstring names."""
    for t in tag(text, dct, lang):
        assert 0 <= t.start < t.end <= len(text), (t.start, t.end, len(text))
        assert text[t.start:t.end] == t.text
        assert VALUE_RE.match(t.value), (t.text, t.value, t.rule)
        assert 0.0 <= t.confidence <= 1.0
        for part in (t.begin, t.end_point):
            if part is not None:
                assert VALUE_RE.match(part.value), (t.text, part.value, t.rule)
                assert 0 <= part.start <= part.end <= len(text)
        for interval in [t.interval] + [p.interval for p in (t.begin, t.end_point) if p is not None]:
            if interval is not None:
                assert interval.start < interval.end, (t.text, t.value, interval)
                assert interval.start.tzinfo is not None and interval.end.tzinfo is not None


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=TEXTS, dct=DCTS, lang=st.sampled_from(LANGS))
def test_any_text_any_dct(text, dct, lang):
    check(text, dct, lang)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join),
       dct=st.sampled_from(["0001-01-01", "0001", "9999-12-31", "9999", "9999-12-31T23:59:59"]),
       lang=st.sampled_from(LANGS))
def test_edges_of_the_calendar(text, dct, lang):
    check(text, dct, lang)


@pytest.mark.parametrize("lang", LANGS)
def test_very_long_input(lang):
    unit = ("Op 4 mei 2019 om 15.00 uur, twee weken geleden, sprak hij van 3 tot 12 september "
            "en elke dinsdag; last Monday at 5 pm, three years ago. 🙂 ")
    text = unit * 400  # about 60,000 characters
    check(text, "2019-03-20", lang)


@pytest.mark.parametrize("text", ["", " ", "\n\n", "\u200b", "'s", "-", "t/m", "de", "\x00\x01",
                                  "\u0325 rond vandaag"])  # a lone combining mark folds to an empty token
@pytest.mark.parametrize("lang", LANGS)
def test_degenerate_texts(text, lang):
    check(text, "2019-03", lang)
    check(text, "9999-12-31T23:59:59", lang)
