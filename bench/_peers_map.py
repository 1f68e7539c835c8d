"""Mapping the peers' output to kroniek timexes, for bench/peers.py.

Duckling has no TIMEX3 output: :func:`duckling_timexes` maps its entities
(``time`` and ``duration`` dimensions) to TIMEX3 types and values as fairly
as we could. HeidelTime writes TIMEX3 itself: :func:`heideltime_timex` only
adds the calendar interval its value denotes, which the Recognizers-Text
scorer compares as well. Needs kroniek, not the peers.
"""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone
from typing import Iterable

from dateutil.relativedelta import relativedelta

from kroniek.model import Timex
from kroniek.temporal.calendar import Granularity, Interval, unit_interval
from kroniek.temporal.values import value_interval


_GRAINS = {"second": Granularity.SECOND, "minute": Granularity.MINUTE, "hour": Granularity.HOUR,
           "day": Granularity.DAY, "week": Granularity.WEEK, "month": Granularity.MONTH,
           "quarter": Granularity.QUARTER, "year": Granularity.YEAR}
_STEP = {"second": relativedelta(seconds=1), "minute": relativedelta(minutes=1), "hour": relativedelta(hours=1),
         "day": relativedelta(days=1), "week": relativedelta(weeks=1), "month": relativedelta(months=1),
         "quarter": relativedelta(months=3), "year": relativedelta(years=1)}
#: Duckling's parts of the day as (first hour, end hour; 24 = next midnight) → TIMEX3 code.
PARTS_OF_DAY = {(0, 12): "MO", (4, 12): "MO", (6, 12): "MO", (12, 14): "MI", (12, 18): "AF", (12, 19): "AF",
                (17, 24): "EV", (18, 24): "EV", (0, 4): "NI", (0, 6): "NI"}
#: First days of Duckling's (astronomical) seasons → TIMEX3 season codes.
SEASON_STARTS = {(3, 20): "SP", (3, 21): "SP", (6, 21): "SU", (6, 22): "SU", (9, 22): "FA", (9, 23): "FA",
                 (12, 21): "WI", (12, 22): "WI"}
#: Duckling duration units → TIMEX3 duration designators (time units after ``T``).
_DURATION = {"year": "Y", "quarter": "Q", "month": "M", "week": "W", "day": "D",
             "hour": "TH", "minute": "TM", "second": "TS"}


def _moment(text: str) -> datetime:
    return datetime.fromisoformat(text).astimezone(timezone.utc)


def point_value(moment: datetime, grain: str) -> tuple[str, str]:
    """TIMEX3 value and type of the Duckling point ``moment`` stated at ``grain``.

    Hours are written ``THH:00`` as TimeML writes them.
    """
    if grain == "year":
        return f"{moment.year:04d}", "DATE"
    if grain == "quarter":
        return f"{moment.year:04d}-Q{(moment.month - 1) // 3 + 1}", "DATE"
    if grain == "month":
        return f"{moment:%Y-%m}", "DATE"
    if grain == "week":
        iso = moment.isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}", "DATE"
    if grain == "day":
        return f"{moment:%Y-%m-%d}", "DATE"
    if grain == "hour":
        return f"{moment:%Y-%m-%dT%H}:00", "TIME"
    if grain == "minute":
        return f"{moment:%Y-%m-%dT%H:%M}", "TIME"
    return f"{moment:%Y-%m-%dT%H:%M:%S}", "TIME"


def _number(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def _length(a: datetime, b: datetime, grain: str) -> str:
    """``[a, b)`` as a TIMEX3 duration: in units of ``grain`` from a day up; finer
    grains (and lengths that are not whole units) in the largest whole unit of
    days, hours, minutes or seconds."""
    if grain in ("month", "quarter", "year"):
        months = (b.year - a.year) * 12 + b.month - a.month
        size = {"month": 1, "quarter": 3, "year": 12}[grain]
        if months % size == 0 and a + relativedelta(months=months) == b:
            return f"P{months // size}{_DURATION[grain]}"
    if grain == "week" and (b - a) % timedelta(weeks=1) == timedelta(0):
        return f"P{(b - a) // timedelta(weeks=1)}W"
    delta = b - a
    for step, code in ((timedelta(days=1), "D"), (timedelta(hours=1), "TH"), (timedelta(minutes=1), "TM")):
        if delta % step == timedelta(0):
            n = delta // step
            return f"PT{n}{code[1]}" if code.startswith("T") else f"P{n}{code}"
    return f"PT{int(delta.total_seconds())}S"


def _unit(start: datetime, end: datetime, span: tuple[int, int], text: str, value: str, type_: str,
          gran: Granularity, mod: str | None = None) -> Timex:
    return Timex(span[0], span[1], text, "", type_, value, mod, Interval(start, end, gran), rule="duckling")


def _point(moment: datetime, grain: str, span: tuple[int, int], text: str, mod: str | None = None) -> Timex:
    value, type_ = point_value(moment, grain)
    unit = unit_interval(moment, _GRAINS[grain])
    return _unit(unit.start, unit.end, span, text, value, type_, unit.granularity, mod)


def _named(a: datetime, b: datetime, grain: str) -> tuple[str, str, Granularity, str | None] | None:
    """TIMEX3 ``(value, type, granularity, mod)`` for the intervals Duckling uses
    for one named thing: parts of the day, the weekend, seasons, the early,
    middle and late thirds of a month, the start or end of a year."""
    last = b - timedelta(microseconds=1)
    hours = (a.hour, 24 if b.hour == 0 and b.date() > a.date() else b.hour)
    if grain == "hour" and a.date() == last.date() and hours in PARTS_OF_DAY and a.minute == b.minute == 0:
        return f"{a:%Y-%m-%d}T{PARTS_OF_DAY[hours]}", "TIME", Granularity.PART_OF_DAY, None
    if a.weekday() == 4 and a.hour == 18 and b == (a + timedelta(days=3)).replace(hour=0):
        iso = (a + timedelta(days=1)).isocalendar()
        return f"{iso.year:04d}-W{iso.week:02d}-WE", "DATE", Granularity.WEEKEND, None
    if grain != "day" and grain != "month":
        return None
    season = SEASON_STARTS.get((a.month, a.day))
    if grain == "day" and season and timedelta(days=85) <= b - a <= timedelta(days=95):
        return f"{a.year:04d}-{season}", "DATE", Granularity.SEASON, None
    month = unit_interval(a, Granularity.MONTH)
    if grain == "day" and a.hour == 0 and month.contains(Interval(a, b, Granularity.DAY)):
        third = {(1, 11): "START", (11, 21): "MID"}.get((a.day, b.day)) or (
            "END" if a.day == 21 and b == month.end else None)
        if third:
            return f"{a:%Y-%m}", "DATE", Granularity.MONTH, third
    year = unit_interval(a, Granularity.YEAR)
    if grain == "month" and year.contains(Interval(a, b, Granularity.MONTH)) and (a, b) != (year.start, year.end):
        if a == year.start:
            return f"{a.year:04d}", "DATE", Granularity.YEAR, "START"
        if b == year.end:
            return f"{a.year:04d}", "DATE", Granularity.YEAR, "END"
    return None


def _interval(v: dict, span: tuple[int, int], text: str) -> Timex | None:
    frm, to = v.get("from"), v.get("to")
    if frm and not to:
        return _point(_moment(frm["value"]), frm["grain"], span, text, "AFTER")
    if to and not frm:
        return _point(_moment(to["value"]), to["grain"], span, text, "BEFORE")
    if not (frm and to):
        return None
    a, b, grain = _moment(frm["value"]), _moment(to["value"]), frm["grain"]
    if not a < b:
        return _point(a, grain, span, text)
    named = _named(a, b, grain)
    if named:
        value, type_, gran, mod = named
        return _unit(a, b, span, text, value, type_, gran, mod)
    for name, unit in _GRAINS.items():  # exactly one calendar unit (of its grain or a coarser one)
        if unit_interval(a, unit) == Interval(a, b, unit):
            return _point(a, name, span, text)
    gran = _GRAINS.get(grain, Granularity.DAY)
    range_ = _unit(a, b, span, text, _length(a, b, grain), "DURATION", gran)
    end_start = b - _STEP[grain] if b - _STEP[grain] >= a else a
    range_.begin = _point(a, grain, (span[0], span[0]), "")
    range_.end_point = _point(end_start, grain, (span[1], span[1]), "")
    return range_


def duckling_timexes(entities: Iterable[dict], ref: datetime) -> list[Timex]:
    """Map Duckling entities (``time`` and ``duration``) to TIMEX3-like timexes.

    The mapping, as fair as we could make it:

    * a point (``type: value``) becomes the TIMEX3 value of its grain:
      year ``2016``, quarter ``2016-Q3``, month ``2016-11``, week
      ``2016-W45``, day ``2016-11-07`` (DATE); hour ``2016-11-07T15:00``,
      minute, second (TIME). A second-grain point equal to the reference
      instant is Duckling's "now" and becomes ``PRESENT_REF``;
    * the intervals Duckling uses for one named thing get that thing's
      value: a part of the day (morning 0/4/6–12, lunch 12–14, afternoon
      12–18/19, evening 17/18–24, night 0–4/6, on one day) ``YYYY-MM-DDTMO``
      and so on (TIME; Duckling's "night" is its evening, 18–24, so it becomes
      ``TEV``); Friday 18:00 to Monday 00:00 the weekend ``YYYY-Www-WE``; its
      astronomical seasons (from about 21 March, June, September, December,
      85–95 days) ``YYYY-SP`` ... ``YYYY-WI``; days 1–10, 11–20 and 21–end of
      a month that month with mod START, MID, END ("late November"); months
      from January or up to December of one year that year with mod START or
      END ("the end of the year"); an interval that is exactly one calendar
      unit (second to year) that unit's value;
    * any other closed interval becomes a range as kroniek writes one: type
      DURATION, value its length (``[2013, 2016)`` at grain year → ``P3Y``;
      below a day's grain in whole days, hours, minutes or seconds), with a
      begin (first unit) and an end point (the last unit inside it, the
      Recognizers-Text convention) for the range check of the scorer;
    * an interval open at one end (``from`` only: "since 1985", "after
      March"; ``to`` only: "before March") becomes the unit at its bound,
      mod AFTER or BEFORE;
    * a duration becomes ``P<n><unit>`` as Duckling normalised it ("two and
      a half hours" → ``PT150M``);
    * overlapping entities (Duckling returns some) are resolved longest
      first, then leftmost.

    Args:
        entities: raw Duckling entities ``{"start", "end", "body", "dim",
            "value"}`` (end exclusive).
        ref: the reference instant the entities were resolved against.

    Returns:
        Timexes in text order, intervals half-open in UTC.
    """
    ref = ref.astimezone(timezone.utc)
    out: list[Timex] = []
    for e in entities:
        v, span, text = e.get("value") or {}, (int(e["start"]), int(e["end"])), str(e.get("body", ""))
        found: Timex | None = None
        if e.get("dim") == "duration" and v.get("unit") in _DURATION and v.get("value") is not None:
            code = _DURATION[v["unit"]]
            n = _number(v["value"])
            value = f"PT{n}{code[1]}" if code.startswith("T") else f"P{n}{code}"
            found = Timex(span[0], span[1], text, "", "DURATION", value, rule="duckling")
        elif e.get("dim") == "time" and v.get("type") == "value" and v.get("grain") in _GRAINS:
            moment = _moment(v["value"])
            if v["grain"] == "second" and moment == ref:
                found = Timex(span[0], span[1], text, "", "DATE", "PRESENT_REF", rule="duckling")
            else:
                found = _point(moment, v["grain"], span, text)
        elif e.get("dim") == "time" and v.get("type") == "interval":
            found = _interval(v, span, text)
        if found is not None:
            out.append(found)
    kept: list[Timex] = []
    for t in sorted(out, key=lambda t: (t.start - t.end, t.start, t.type == "DURATION")):
        if all(t.end <= k.start or k.end <= t.start for k in kept):
            kept.append(t)
    kept.sort(key=lambda t: t.start)
    for n, t in enumerate(kept, 1):
        t.tid = f"t{n}"
    return kept


def heideltime_timex(x: dict, n: int = 0) -> Timex:
    """A HeidelTime TIMEX3 (``{"start", "end", "text", "type", "value", "mod"}``) as a kroniek Timex.

    The interval is the one the value denotes (None for durations, sets and
    values with ``X``); a whole-hour time ``...T15:00`` denotes the hour.
    """
    value = x["value"]
    interval = value_interval(value, timezone.utc) if x["type"] in ("DATE", "TIME") else None
    if interval is not None and re.search(r"T\d{2}:00$", value):
        interval = unit_interval(interval.start, Granularity.HOUR)
    return Timex(x["start"], x["end"], x["text"], f"t{n}", x["type"], value, x.get("mod") or None, interval,
                 rule="heideltime")
