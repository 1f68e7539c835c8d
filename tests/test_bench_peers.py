"""The output mapping of bench/peers.py (bench/_peers_map.py: Duckling and HeidelTime to TIMEX3); needs neither peer."""
import importlib.util
import sys
from datetime import datetime, timezone

import pytest

from kroniek.eval.recognizers import Gold, Reading, value_correct
from kroniek.temporal.calendar import Granularity, Interval

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("bench_peers_map", ROOT / "bench" / "_peers_map.py")
peers = sys.modules["bench_peers_map"] = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(peers)

REF = datetime(2016, 11, 7, 12, 0, tzinfo=timezone.utc)
UTC = timezone.utc


def point(value: str, grain: str) -> dict:
    return {"type": "value", "value": value, "grain": grain}


def interval(start: str | None, end: str | None, grain: str) -> dict:
    out: dict = {"type": "interval"}
    if start:
        out["from"] = {"value": start, "grain": grain}
    if end:
        out["to"] = {"value": end, "grain": grain}
    return out


def entity(value: dict, dim: str = "time", start: int = 0, end: int = 5, body: str = "xxxxx") -> dict:
    return {"start": start, "end": end, "body": body, "dim": dim, "value": value}


def one(value: dict, dim: str = "time"):
    found = peers.duckling_timexes([entity(value, dim)], REF)
    assert len(found) == 1
    return found[0]


@pytest.mark.parametrize("value, grain, timex, type_", [
    ("2016-01-01T00:00:00.000+00:00", "year", "2016", "DATE"),
    ("2016-07-01T00:00:00.000+00:00", "quarter", "2016-Q3", "DATE"),
    ("2016-10-01T00:00:00.000+00:00", "month", "2016-10", "DATE"),
    ("2016-10-31T00:00:00.000+00:00", "week", "2016-W44", "DATE"),
    ("2016-11-08T00:00:00.000+00:00", "day", "2016-11-08", "DATE"),
    ("2016-11-07T15:00:00.000+00:00", "hour", "2016-11-07T15:00", "TIME"),
    ("2016-11-07T15:30:00.000+00:00", "minute", "2016-11-07T15:30", "TIME"),
    ("2016-11-07T12:00:00.000+00:00", "second", "PRESENT_REF", "DATE"),
])
def test_duckling_points(value, grain, timex, type_):
    t = one(point(value, grain))
    assert (t.value, t.type) == (timex, type_)


def test_duckling_hour_keeps_the_hour_interval():
    t = one(point("2016-11-07T15:00:00.000+00:00", "hour"))
    assert t.interval == Interval(datetime(2016, 11, 7, 15, tzinfo=UTC), datetime(2016, 11, 7, 16, tzinfo=UTC),
                                  Granularity.HOUR)


@pytest.mark.parametrize("start, end, grain, timex, type_, mod", [
    ("2016-11-07T00:00:00.000+00:00", "2016-11-07T12:00:00.000+00:00", "hour", "2016-11-07TMO", "TIME", None),
    ("2016-11-07T18:00:00.000+00:00", "2016-11-08T00:00:00.000+00:00", "hour", "2016-11-07TEV", "TIME", None),
    ("2016-11-11T18:00:00.000+00:00", "2016-11-14T00:00:00.000+00:00", "hour", "2016-W45-WE", "DATE", None),
    ("1998-09-23T00:00:00.000+00:00", "1998-12-22T00:00:00.000+00:00", "day", "1998-FA", "DATE", None),
    ("2016-11-21T00:00:00.000+00:00", "2016-12-01T00:00:00.000+00:00", "day", "2016-11", "DATE", "END"),
    ("2016-11-01T00:00:00.000+00:00", "2016-11-11T00:00:00.000+00:00", "day", "2016-11", "DATE", "START"),
    ("2016-09-01T00:00:00.000+00:00", "2017-01-01T00:00:00.000+00:00", "month", "2016", "DATE", "END"),
    ("2016-11-01T00:00:00.000+00:00", "2016-12-01T00:00:00.000+00:00", "day", "2016-11", "DATE", None),
    ("2013-01-01T00:00:00.000+00:00", "2016-01-01T00:00:00.000+00:00", "year", "P3Y", "DURATION", None),
    ("2000-01-07T00:00:00.000+00:00", "2000-01-14T00:00:00.000+00:00", "second", "P7D", "DURATION", None),
    ("1985-01-01T00:00:00.000+00:00", None, "year", "1985", "DATE", "AFTER"),
    (None, "2017-03-01T00:00:00.000+00:00", "month", "2017-03", "DATE", "BEFORE"),
])
def test_duckling_intervals(start, end, grain, timex, type_, mod):
    t = one(interval(start, end, grain))
    assert (t.value, t.type, t.mod) == (timex, type_, mod)


def test_duckling_range_has_ends_in_the_recognizers_convention():
    """'4 tot 22 januari': Duckling's end is exclusive (23 January), Recognizers-Text names the 22nd."""
    t = one(interval("2016-01-04T00:00:00.000+00:00", "2016-01-23T00:00:00.000+00:00", "day"))
    assert (t.value, t.begin.value, t.end_point.value) == ("P19D", "2016-01-04", "2016-01-22")
    gold = Gold(0, 5, "xxxxx", "daterange", ("(2016-01-04,2016-01-22,P18D)",),
                (Reading(ends=(datetime(2016, 1, 4, tzinfo=UTC), datetime(2016, 1, 22, tzinfo=UTC))),))
    assert value_correct(t, gold)


@pytest.mark.parametrize("amount, unit, timex", [
    (3, "year", "P3Y"), (2, "week", "P2W"), (1.5, "day", "P1.5D"), (150, "minute", "PT150M"), (45, "second", "PT45S"),
])
def test_duckling_durations(amount, unit, timex):
    t = one({"type": "value", "value": amount, "unit": unit}, dim="duration")
    assert (t.value, t.type, t.interval) == (timex, "DURATION", None)


def test_duckling_overlaps_keep_the_longest():
    found = peers.duckling_timexes([
        entity(point("2017-03-03T15:00:00.000+00:00", "hour"), start=20, end=41),
        entity(point("2017-04-15T00:00:00.000+00:00", "hour"), start=39, end=48),
        entity(point("2017-03-06T00:00:00.000+00:00", "day"), start=0, end=18),
    ], REF)
    assert [(t.start, t.end, t.tid) for t in found] == [(0, 18, "t1"), (20, 41, "t2")]


def test_duckling_unknown_shapes_are_left_out():
    assert peers.duckling_timexes([entity({"type": "interval"}), entity({"value": 3}, dim="number")], REF) == []


def test_heideltime_whole_hour_denotes_the_hour():
    t = peers.heideltime_timex({"start": 0, "end": 9, "text": "om 3 uur", "type": "TIME",
                                "value": "2016-11-07T15:00", "mod": ""})
    assert t.mod is None
    assert t.interval == Interval(datetime(2016, 11, 7, 15, tzinfo=UTC), datetime(2016, 11, 7, 16, tzinfo=UTC),
                                  Granularity.HOUR)


@pytest.mark.parametrize("type_, value, has_interval", [
    ("DATE", "2016-11-08", True), ("DATE", "XXXX-XX-XX", False), ("DURATION", "P3Y", False),
    ("TIME", "2016-11-07TMO", True), ("DATE", "PRESENT_REF", False),
])
def test_heideltime_intervals(type_, value, has_interval):
    t = peers.heideltime_timex({"start": 0, "end": 1, "text": "x", "type": type_, "value": value, "mod": None})
    assert (t.interval is not None) == has_interval
