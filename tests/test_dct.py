"""Publication dates keep their granularity and are never filled in."""
from datetime import timedelta, timezone

import pytest

from kroniek.errors import DateError
from kroniek.temporal.dct import parse_dct


@pytest.mark.parametrize("text, value, granularity, start, end", [
    ("2017", "2017", "year", "2017-01-01", "2018-01-01"),
    ("2017-03", "2017-03", "month", "2017-03-01", "2017-04-01"),
    ("2019-03-29", "2019-03-29", "day", "2019-03-29", "2019-03-30"),
    ("2019-03-29T10:15", "2019-03-29T10:15", "minute", "2019-03-29T10:15", "2019-03-29T10:16"),
    ("2019-03-29T10:15:07+01:00", "2019-03-29T10:15:07", "second", "2019-03-29T10:15:07", "2019-03-29T10:15:08"),
    ("2019-03-29 10:15:00", "2019-03-29T10:15:00", "second", "2019-03-29T10:15:00", "2019-03-29T10:15:01"),
])
def test_granularity_is_kept(text, value, granularity, start, end):
    dct = parse_dct(text)
    assert dct.value == value
    assert dct.granularity.label == granularity
    assert dct.interval.start.isoformat().startswith(start)
    assert dct.interval.end.isoformat().startswith(end)
    assert dct.interval.start.tzinfo is not None


def test_time_zone_is_kept():
    dct = parse_dct("2019-03-29T10:15:00+01:00")
    assert dct.interval.start.utcoffset() == timedelta(hours=1)
    assert parse_dct("2019-03-29").interval.start.tzinfo == timezone.utc


@pytest.mark.parametrize("text", ["2017-13-45", "2017-02-30", "", "gisteren", "20170", "2019-3-"])
def test_impossible_dates_are_errors(text):
    with pytest.raises(DateError):
        parse_dct(text)
