"""TIMEX3 values: the grammar, formatting from calendar fields, and intervals.

The value syntax is that of TimeML 1.2.1 (TIMEX3 attribute ``value``, built
on ISO 8601) as used in TimeBank and TempEval-3: dates ``2017-03-02``,
underspecified dates ``XXXX-09``, weeks ``2017-W09``, ``2017-W09-WE``,
quarters, halves and seasons ``2017-Q1`` ``2017-H2`` ``2017-SU``, decades
``201``, centuries ``20``, times ``2017-03-02T15:00`` and ``2017-03-02TEV``,
durations ``P2W`` ``PT3H`` ``P1.5W`` ``PXY`` and the references
``PAST_REF`` ``PRESENT_REF`` ``FUTURE_REF``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timedelta, tzinfo

from .calendar import (PARTS_OF_DAY, SEASONS, Granularity, Interval, clamp_add,
                       unit_interval, unit_length)

_D = "[0-9X]"
_DATE = (rf"(?:{_D}{{4}}-(?:{_D}{{2}}(?:-{_D}{{2}})?|W{_D}{{2}}(?:-(?:[1-7X]|WE))?"
         rf"|Q[1-4X]|H[12X]|SP|SU|FA|WI)|{_D}{{1,4}})")
_TIME = (rf"T(?:{_D}{{2}}(?::{_D}{{2}}(?::{_D}{{2}}(?:\.\d+)?)?)?|MO|MI|AF|EV|NI|DT)"
         r"(?:Z|[+-]\d{2}(?::?\d{2})?)?")
_DURATION = (r"P(?:(?:[0-9X]+(?:\.[0-9]+)?(?:DE|CE|ML|WE|Y|Q|M|W|D|H|SP|SU|FA|WI))+"
             r"(?:T(?:[0-9X]+(?:\.[0-9]+)?[HMS])+)?|T(?:[0-9X]+(?:\.[0-9]+)?[HMS])+)")
#: The TIMEX3 value grammar (TimeML 1.2.1, section 2.2.1.1), anchored.
VALUE_RE = re.compile(rf"^(?:{_DATE}(?:{_TIME})?|{_TIME}|{_DURATION}|PAST_REF|PRESENT_REF|FUTURE_REF)$")

REFS = ("PAST_REF", "PRESENT_REF", "FUTURE_REF")
#: TIMEX3 ``mod`` values (TimeML 1.2.1).
MODS = ("BEFORE", "AFTER", "ON_OR_BEFORE", "ON_OR_AFTER", "LESS_THAN", "MORE_THAN",
        "EQUAL_OR_LESS", "EQUAL_OR_MORE", "START", "MID", "END", "APPROX")


def is_value(text: str) -> bool:
    """True when ``text`` is a well-formed TIMEX3 value."""
    return bool(VALUE_RE.match(text))


@dataclass(frozen=True)
class Fields:
    """Calendar fields of one resolved point, as integers or codes.

    Only the fields down to the granularity are read; ``None`` fields print
    as ``X`` placeholders.
    """

    year: int | None = None
    month: int | None = None
    day: int | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    week: int | None = None
    weekday: int | None = None
    quarter: int | None = None
    half: int | None = None
    season: str | None = None
    part_of_day: str | None = None


def _n(value: int | None, width: int) -> str:
    return "X" * width if value is None else f"{value:0{width}d}"


def format_point(f: Fields, granularity: Granularity) -> str:
    """Format calendar fields as a TIMEX3 date or time value.

    Args:
        f: the fields; missing ones print as ``X``.
        granularity: the unit to print down to.

    Returns:
        A TIMEX3 value such as ``"2017-03"``, ``"2017-W09"``, ``"201"``.
    """
    g = granularity
    year = _n(f.year, 4)
    if g == Granularity.MILLENNIUM:
        return year[:1]
    if g == Granularity.CENTURY:
        return year[:2]
    if g == Granularity.DECADE:
        return year[:3]
    if g == Granularity.YEAR:
        return year
    if g == Granularity.HALF:
        return f"{year}-H{_n(f.half, 1)}"
    if g == Granularity.QUARTER:
        return f"{year}-Q{_n(f.quarter, 1)}"
    if g == Granularity.SEASON:
        return f"{year}-{f.season or 'XX'}"
    if g == Granularity.MONTH:
        return f"{year}-{_n(f.month, 2)}"
    if g in (Granularity.WEEK, Granularity.WEEKEND):
        week = f"{year}-W{_n(f.week, 2)}"
        return week + "-WE" if g == Granularity.WEEKEND else week
    date = f"{year}-{_n(f.month, 2)}-{_n(f.day, 2)}"
    if g == Granularity.DAY:
        return date
    if g == Granularity.PART_OF_DAY:
        return f"{date}T{f.part_of_day or 'XX'}"
    time = f"T{_n(f.hour, 2)}"
    if g <= Granularity.MINUTE:
        time += f":{_n(f.minute, 2)}"
    if g <= Granularity.SECOND:
        time += f":{_n(f.second, 2)}"
    return date + time


def fields_of(moment: datetime, part_of_day: str | None = None) -> Fields:
    """All calendar fields of a datetime (ISO weeks)."""
    iso_year, iso_week, iso_day = moment.isocalendar()
    season = {12: "WI", 1: "WI", 2: "WI"}.get(moment.month) or ("SP", "SU", "FA")[(moment.month - 3) // 3]
    return Fields(year=moment.year, month=moment.month, day=moment.day, hour=moment.hour,
                  minute=moment.minute, second=moment.second, week=iso_week,
                  weekday=iso_day, quarter=(moment.month - 1) // 3 + 1,
                  half=1 if moment.month <= 6 else 2, season=season, part_of_day=part_of_day)


def value_of_interval(interval: Interval, part_of_day: str | None = None) -> str:
    """The TIMEX3 value naming the calendar unit that starts ``interval``.

    Weeks use the ISO week-numbering year; seasons starting in December are
    named after the December's year.
    """
    g = interval.granularity
    f = fields_of(interval.start, part_of_day)
    if g in (Granularity.WEEK, Granularity.WEEKEND):
        f = Fields(year=interval.start.isocalendar()[0], week=f.week)
    return format_point(f, g)


def common_value(a: str, b: str) -> str:
    """The value both ``a`` and ``b`` agree on, with ``X`` where they differ.

    Components (year, month, day, week, time) are compared whole; from the
    first one that differs, every finer component is unknown. Used for
    honest values when an anchor is known only coarsely:
    ``common_value("2017-02-28", "2017-03-30") == "2017-XX-XX"``.
    """
    if a == b:
        return a
    if len(a) != len(b):
        return a if len(a) < len(b) else b
    parts_a, parts_b = re.split(r"([-T:])", a), re.split(r"([-T:])", b)
    out, diverged = [], False
    for pa, pb in zip(parts_a, parts_b):
        if pa in ("-", "T", ":"):
            out.append(pa)
            continue
        diverged = diverged or pa != pb
        if not diverged:
            out.append(pa)
        elif pa[:1] == "W" and pa[1:].isdigit():
            out.append("WXX")
        elif pa.isdigit():
            out.append("X" * len(pa))
        else:
            out.append("XX" if len(pa) == 2 else "X" * len(pa))
    return "".join(out)


_POINT_PARTS = re.compile(
    r"^(?P<year>\d{1,4})(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?|W(?P<week>\d{2})(?:-(?P<wd>[1-7]|WE))?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"(?:T(?:(?P<hour>\d{2})(?::(?P<minute>\d{2})(?::(?P<second>\d{2}))?)?|(?P<pod>MO|MI|AF|EV|NI|DT)))?"
    r"(?P<tz>Z|[+-]\d{2}(?::?\d{2})?)?$")


def value_interval(value: str, tz: tzinfo) -> Interval | None:
    """The calendar interval a fully specified TIMEX3 point value denotes.

    Args:
        value: a TIMEX3 date or time value without ``X`` placeholders.
        tz: time zone for values that carry none.

    Returns:
        The half-open interval, or None for durations, references,
        underspecified values and impossible dates.
    """
    m = _POINT_PARTS.match(value)
    if not m:
        return None
    g = m.groupdict()
    try:
        return _interval_from_parts(g, tz)
    except (ValueError, OverflowError):
        return None


def _interval_from_parts(g: dict, tz: tzinfo) -> Interval:
    digits = g["year"]
    if len(digits) < 4:
        scale = 10 ** (4 - len(digits))
        gran = {1: Granularity.MILLENNIUM, 2: Granularity.CENTURY, 3: Granularity.DECADE}[len(digits)]
        start = datetime(max(int(digits) * scale, 1), 1, 1, tzinfo=tz)
        return unit_interval(start, gran)
    year = int(digits)
    if g["week"]:
        monday = datetime.fromisocalendar(year, int(g["week"]), 1).replace(tzinfo=tz)
        if g["wd"] == "WE":
            start = monday + timedelta(days=5)
            return Interval(start, clamp_add(start, timedelta(days=2)), Granularity.WEEKEND)
        if g["wd"]:
            return unit_interval(monday + timedelta(days=int(g["wd"]) - 1), Granularity.DAY)
        return unit_interval(monday, Granularity.WEEK)
    if g["quarter"]:
        return unit_interval(datetime(year, int(g["quarter"]) * 3 - 2, 1, tzinfo=tz), Granularity.QUARTER)
    if g["half"]:
        return unit_interval(datetime(year, 1 if g["half"] == "1" else 7, 1, tzinfo=tz), Granularity.HALF)
    if g["season"]:
        first, months = SEASONS[g["season"]]
        start = datetime(year, first, 1, tzinfo=tz)
        return Interval(start, clamp_add(start, unit_length(Granularity.SEASON)), Granularity.SEASON)
    if not g["month"]:
        return unit_interval(datetime(year, 1, 1, tzinfo=tz), Granularity.YEAR)
    if not g["day"]:
        return unit_interval(datetime(year, int(g["month"]), 1, tzinfo=tz), Granularity.MONTH)
    day = datetime(year, int(g["month"]), int(g["day"]), tzinfo=tz)
    if g["pod"]:
        lo, hi = PARTS_OF_DAY[g["pod"]]
        return Interval(day + timedelta(hours=lo), clamp_add(day, timedelta(hours=hi)), Granularity.PART_OF_DAY)
    if g["hour"] is None:
        return unit_interval(day, Granularity.DAY)
    moment = day.replace(hour=int(g["hour"]), minute=int(g["minute"] or 0), second=int(g["second"] or 0))
    gran = Granularity.SECOND if g["second"] else Granularity.MINUTE if g["minute"] else Granularity.HOUR
    return unit_interval(moment, gran)


def granularity_of(value: str) -> Granularity | None:
    """The granularity a TIMEX3 point value is stated in, or None."""
    m = _POINT_PARTS.match(value.replace("X", "0"))
    if not m:
        return None
    g = m.groupdict()
    if len(g["year"]) < 4:
        return {1: Granularity.MILLENNIUM, 2: Granularity.CENTURY, 3: Granularity.DECADE}[len(g["year"])]
    for key, gran in (("second", Granularity.SECOND), ("minute", Granularity.MINUTE),
                      ("hour", Granularity.HOUR), ("pod", Granularity.PART_OF_DAY),
                      ("day", Granularity.DAY)):
        if g[key]:
            return gran
    if g["wd"]:
        return Granularity.WEEKEND if g["wd"] == "WE" else Granularity.DAY
    for key, gran in (("week", Granularity.WEEK), ("month", Granularity.MONTH),
                      ("quarter", Granularity.QUARTER), ("half", Granularity.HALF),
                      ("season", Granularity.SEASON)):
        if g[key]:
            return gran
    return Granularity.YEAR


_YEARS_PER = {"ML": 1000, "CE": 100, "DE": 10}
_DURATION_UNITS = {"Y": "years", "M": "months", "W": "weeks", "D": "days",
                   "DE": "decades", "CE": "centuries"}


def format_duration(amounts: dict[str, float | None]) -> str:
    """Format a duration as a TIMEX3 value.

    Args:
        amounts: unit code → amount (None for an unknown amount, printed
            ``X``). Date units: ``ML CE DE Y Q M W D WE``; time units
            ``H MIN S``. Fractions are allowed (``P1.5W``). Known numbers
            of decades, centuries and millennia are written in years, as
            ISO 8601 has no unit for them ("two decades" = ``P20Y``);
            unknown ones keep their unit (``PXDE``).

    Returns:
        ``"P2W"``, ``"PT3H"``, ``"P1Y2M"``, ``"P20Y"``, ``"PXD"``.
    """
    def num(x: float | None) -> str:
        if x is None:
            return "X"
        return str(int(x)) if float(x).is_integer() else f"{x:g}"

    long_units = [u for u in ("ML", "CE", "DE") if amounts.get(u) is not None]
    if long_units and (amounts.get("Y", 0) is not None):
        amounts = dict(amounts)
        years = amounts.pop("Y", 0) or 0
        for u in long_units:
            years += amounts.pop(u) * _YEARS_PER[u]
        amounts["Y"] = years

    date_part = "".join(f"{num(amounts[u])}{u}" for u in ("ML", "CE", "DE", "Y", "Q", "M", "W", "D", "WE")
                        if u in amounts)
    time_part = "".join(f"{num(amounts[u])}{u[0]}" for u in ("H", "MIN", "S") if u in amounts)
    return "P" + date_part + ("T" + time_part if time_part else "") if (date_part or time_part) else "PXD"
