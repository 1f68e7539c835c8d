"""Calendar arithmetic: granularities, half-open intervals and calendar units.

Every interval is half-open, ``[start, end)``, with timezone-aware
datetimes. Calendar units follow ISO 8601 (weeks start on Monday and belong
to the ISO week-numbering year) and the TimeML conventions for seasons,
quarters and parts of the day (TimeML 1.2.1 / ISO-TimeML, TIMEX3 ``value``).
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from dateutil.relativedelta import relativedelta

#: The latest representable instant; interval ends past it are clamped here.
MAX_DATETIME = datetime(9999, 12, 31, 23, 59, 59, 999999)
MIN_DATETIME = datetime(1, 1, 1)


class Granularity(enum.IntEnum):
    """Calendar granularities, ordered from fine (small) to coarse (large)."""

    SECOND = 1
    MINUTE = 2
    HOUR = 3
    PART_OF_DAY = 4
    DAY = 5
    WEEKEND = 6
    WEEK = 7
    MONTH = 8
    SEASON = 9
    QUARTER = 10
    HALF = 11
    YEAR = 12
    DECADE = 13
    CENTURY = 14
    MILLENNIUM = 15

    @property
    def label(self) -> str:
        """Lower-case name, as stored and printed (``"day"``)."""
        return self.name.lower()


#: Parts of the day (TIMEX3 ``TMO``, ``TAF``, ...) as ``(start hour, end hour)``.
#: Night runs into the next day; this follows common TimeML annotation practice.
PARTS_OF_DAY = {"MO": (6, 12), "MI": (12, 13), "AF": (12, 18), "EV": (18, 24), "NI": (0, 6), "DT": (8, 18)}

#: Meteorological seasons as ``(first month, number of months)``; winter
#: starts in December of the year named in the value.
SEASONS = {"SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3)}


@dataclass(frozen=True)
class Interval:
    """A half-open span of time ``[start, end)``.

    Attributes:
        start: first instant inside the interval (timezone-aware).
        end: first instant after the interval (timezone-aware, ``end > start``).
        granularity: the calendar unit the interval was stated in.
    """

    start: datetime
    end: datetime
    granularity: Granularity

    def __post_init__(self) -> None:
        if not self.start < self.end:
            raise ValueError(f"empty interval: {self.start} >= {self.end}")

    def hull(self, other: "Interval") -> "Interval":
        """The smallest interval covering both; the coarser granularity wins."""
        return Interval(min(self.start, other.start), max(self.end, other.end),
                        max(self.granularity, other.granularity))

    def intersect(self, other: "Interval") -> "Interval | None":
        """The overlap of both, or None when they are disjoint."""
        start, end = max(self.start, other.start), min(self.end, other.end)
        if start >= end:
            return None
        return Interval(start, end, min(self.granularity, other.granularity))

    def contains(self, other: "Interval") -> bool:
        """True when ``other`` lies wholly inside this interval."""
        return self.start <= other.start and other.end <= self.end

    @property
    def is_exact_unit(self) -> bool:
        """True when the interval is exactly one calendar unit of its granularity."""
        return unit_interval(self.start, self.granularity) == self

    def to_json(self) -> dict:
        """``{"start", "end", "granularity"}`` with ISO 8601 strings."""
        return {"start": iso(self.start), "end": iso(self.end), "granularity": self.granularity.label}


def iso(moment: datetime) -> str:
    """ISO 8601 text of an aware datetime, without microseconds when zero."""
    return moment.isoformat()


def aware(moment: datetime, tz: tzinfo | None) -> datetime:
    """Attach ``tz`` (default UTC) to a naive datetime; aware ones pass through."""
    if moment.tzinfo is not None:
        return moment
    return moment.replace(tzinfo=tz or timezone.utc)


def clamp_add(moment: datetime, delta: relativedelta | timedelta) -> datetime:
    """``moment + delta``, clamped to the representable range instead of failing."""
    try:
        return moment + delta
    except (OverflowError, ValueError):
        sign = (delta.days if isinstance(delta, timedelta) else
                (delta.years * 12 + delta.months) or delta.days or delta.hours)
        limit = MAX_DATETIME if sign >= 0 else MIN_DATETIME
        return limit.replace(tzinfo=moment.tzinfo)


def start_of(moment: datetime, granularity: Granularity) -> datetime:
    """The first instant of the calendar unit of ``granularity`` holding ``moment``."""
    g = granularity
    if g <= Granularity.SECOND:
        return moment.replace(microsecond=0)
    if g == Granularity.MINUTE:
        return moment.replace(second=0, microsecond=0)
    if g == Granularity.HOUR:
        return moment.replace(minute=0, second=0, microsecond=0)
    day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
    if g in (Granularity.DAY, Granularity.PART_OF_DAY):
        return day
    if g in (Granularity.WEEK, Granularity.WEEKEND):
        return clamp_add(day, timedelta(days=-day.weekday()))
    if g == Granularity.MONTH:
        return day.replace(day=1)
    if g == Granularity.QUARTER:
        return day.replace(month=(day.month - 1) // 3 * 3 + 1, day=1)
    if g == Granularity.HALF:
        return day.replace(month=1 if day.month <= 6 else 7, day=1)
    if g == Granularity.SEASON:
        first = {12: 12, 1: 12, 2: 12}.get(day.month, (day.month - 3) // 3 * 3 + 3)
        year = day.year - 1 if day.month in (1, 2) else day.year
        return day.replace(year=max(year, 1), month=first, day=1)
    year = day.year
    if g == Granularity.DECADE:
        year = year // 10 * 10
    elif g == Granularity.CENTURY:
        year = year // 100 * 100
    elif g == Granularity.MILLENNIUM:
        year = year // 1000 * 1000
    return day.replace(year=max(year, 1), month=1, day=1)


_UNIT_LENGTH = {
    Granularity.SECOND: relativedelta(seconds=1),
    Granularity.MINUTE: relativedelta(minutes=1),
    Granularity.HOUR: relativedelta(hours=1),
    Granularity.DAY: relativedelta(days=1),
    Granularity.PART_OF_DAY: relativedelta(days=1),
    Granularity.WEEK: relativedelta(weeks=1),
    Granularity.WEEKEND: relativedelta(weeks=1),
    Granularity.MONTH: relativedelta(months=1),
    Granularity.SEASON: relativedelta(months=3),
    Granularity.QUARTER: relativedelta(months=3),
    Granularity.HALF: relativedelta(months=6),
    Granularity.YEAR: relativedelta(years=1),
    Granularity.DECADE: relativedelta(years=10),
    Granularity.CENTURY: relativedelta(years=100),
    Granularity.MILLENNIUM: relativedelta(years=1000),
}


def unit_length(granularity: Granularity) -> relativedelta:
    """The calendar length of one unit of ``granularity``."""
    return _UNIT_LENGTH[granularity]


def unit_interval(moment: datetime, granularity: Granularity) -> Interval:
    """The calendar unit of ``granularity`` that holds ``moment``; for WEEKEND, the
    Saturday and Sunday of the ISO week that holds it."""
    start = start_of(moment, granularity)
    end = clamp_add(start, unit_length(granularity))
    if granularity == Granularity.WEEKEND:
        start, end = clamp_add(start, timedelta(days=5)), clamp_add(start, timedelta(days=7))
    if end <= start:  # clamped at the end of time
        end = MAX_DATETIME.replace(tzinfo=start.tzinfo)
    return Interval(start, end, granularity)


def day_start(day: date, tz: tzinfo) -> datetime:
    """Midnight at the start of ``day`` in ``tz``."""
    return datetime.combine(day, time(0), tzinfo=tz)
