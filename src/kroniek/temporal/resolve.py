"""Anchoring: turn a :class:`Partial` into a TIMEX3 value and an interval.

The anchor is an :class:`~kroniek.temporal.calendar.Interval`: the DCT, or
the last mentioned time for narrative expressions. When the anchor is
coarser than the expression needs (a DCT known only to the month and the
word "gisteren"), the expression is resolved for the earliest and the latest
possible anchor and the result is the hull of both: an honest interval,
never a guessed day. The value then keeps only what both ends agree on
(``2017-XX-XX``).

Directions follow HeidelTime's news strategy: fields that leave the year
open ("in september") take the latest such unit not after the anchor when
the sentence is in the past tense, the next one when it is in the future,
and the nearest one in the present tense; when a rule asks for the nearest
one, the tense still breaks a near tie (distances less than
:data:`TIE_DAYS` apart). Rules may ask for ``before`` or ``after``: the
latest unit wholly before the anchor, or the first one that starts after it
("afgelopen dinsdag" said on a Tuesday is last week's).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from .calendar import (PARTS_OF_DAY, SEASONS, Granularity, Interval, clamp_add,
                       start_of, unit_interval)
from .holidays import holiday_date
from .mods import narrow
from .partial import UNITS, Partial
from .values import Fields, common_value, format_duration, format_point, value_of_interval

_FIELD_GRANULARITY = {
    "second": Granularity.SECOND, "minute": Granularity.MINUTE, "hour": Granularity.HOUR,
    "part_of_day": Granularity.PART_OF_DAY, "day": Granularity.DAY, "holiday": Granularity.DAY, "weekday": Granularity.DAY,
    "weekend": Granularity.WEEKEND, "week": Granularity.WEEK, "month_week": Granularity.WEEK,
    "month": Granularity.MONTH,
    "season": Granularity.SEASON, "quarter": Granularity.QUARTER, "half": Granularity.HALF,
    "year": Granularity.YEAR, "year2": Granularity.YEAR, "decade": Granularity.DECADE,
    "decade2": Granularity.DECADE,
    "century": Granularity.CENTURY,
}
_UNIT_GRANULARITY = {
    "ML": Granularity.MILLENNIUM, "CE": Granularity.CENTURY, "DE": Granularity.DECADE,
    "Y": Granularity.YEAR, "HALF": Granularity.HALF, "Q": Granularity.QUARTER,
    "SEASON": Granularity.SEASON, "M": Granularity.MONTH, "W": Granularity.WEEK,
    "WE": Granularity.WEEKEND, "D": Granularity.DAY, "H": Granularity.HOUR,
    "MIN": Granularity.MINUTE, "S": Granularity.SECOND,
}


@dataclass
class Resolved:
    """The outcome of anchoring one partial.

    Attributes:
        value: the TIMEX3 value.
        interval: the half-open interval it denotes, or None (durations,
            sets, vague references).
        exact: False when the anchor was too coarse and the interval is the
            hull of all possible readings.
        direction: the direction used to fill open fields, if any.
        begin, end: the resolved ends of a range.
    """

    value: str
    interval: Interval | None
    exact: bool = True
    direction: str | None = None
    begin: "Resolved | None" = None
    end: "Resolved | None" = None


def granularity(p: Partial) -> Granularity:
    """The granularity of the value a point partial resolves to."""
    if p.granularity:
        return Granularity[p.granularity]
    stated = p.stated()
    if stated:
        return min(_FIELD_GRANULARITY[n] for n in stated)
    if p.shift:
        unit = _shift_granularity(p.shift)
        if not p.snap and unit == Granularity.WEEK:
            return Granularity.DAY
        return unit
    return Granularity.DAY


def _shift_granularity(shift: dict[str, float]) -> Granularity:
    """The finest unit of a shift; a fractional amount counts one unit finer."""
    finest = min(_UNIT_GRANULARITY[u] for u in shift)
    if any(not float(n).is_integer() for n in shift.values()) and finest > Granularity.DAY:
        return Granularity.DAY
    return finest


def _needed_precision(p: Partial) -> Granularity:
    """How finely the anchor must be known to resolve ``p`` to one value."""
    if p.year is not None or p.decade is not None or p.century is not None:
        return Granularity.MILLENNIUM
    if p.shift:
        unit = _shift_granularity(p.shift)
        return unit if p.snap else min(unit, Granularity.DAY)
    stated = p.stated()
    if not stated:
        return Granularity.DAY
    if p.year2 is not None or p.decade2 is not None:
        return Granularity.CENTURY
    coarsest = max(_FIELD_GRANULARITY[n] for n in stated)
    return min(coarsest, Granularity.MONTH) if coarsest > Granularity.DAY else Granularity.DAY


def _shift_all(moment: datetime, shift: dict[str, float]) -> datetime:
    for unit, n in shift.items():
        moment = _shift(moment, unit, n)
    return moment


def _shift(moment: datetime, unit: str, n: float) -> datetime:
    keyword, per = UNITS[unit]
    amount = n * per
    if float(amount).is_integer():
        return clamp_add(moment, relativedelta(**{keyword: int(amount)}))
    days = {"years": 365.25, "months": 30.44, "weeks": 7, "days": 1,
            "hours": 1 / 24, "minutes": 1 / 1440, "seconds": 1 / 86400}[keyword] * amount
    return clamp_add(moment, timedelta(days=days))


def _hour24(p: Partial) -> int | None:
    hour = p.hour
    if hour is None:
        return None
    if p.ampm == "pm" and hour < 12:
        return hour + 12
    if p.ampm == "am" and hour == 12:
        return 0
    if p.part_of_day in ("AF", "EV") and hour < 12:
        return hour + 12
    if p.part_of_day == "NI" and 6 <= hour < 12:
        return hour + 12
    if p.part_of_day == "NI" and hour == 12:
        return 0  # twelve at night is midnight
    return hour


def _place(p: Partial, container: datetime, gran: Granularity) -> Interval:
    """Put the stated fields of ``p`` inside the unit that starts at ``container``."""
    year = p.year if p.year is not None else container.year
    if p.year is None and p.decade is not None:
        year = p.decade * 10
    elif p.year is None and p.century is not None:
        year = (p.century - 1) * 100 + (p.decade2 or 0) * 10 + (p.year2 or 0)
    elif p.year is None and (p.decade2 is not None or p.year2 is not None):
        # "de jaren zestig van de vorige eeuw": the decade in the container's century
        year = container.year // 100 * 100 + (p.decade2 or 0) * 10 + (p.year2 or 0)
    tz = container.tzinfo
    if gran >= Granularity.YEAR and p.month is None and p.week is None:
        return unit_interval(datetime(max(year, 1), 1, 1, tzinfo=tz), gran)
    if p.holiday is not None:
        spec = p.holiday
        if len(spec.get("nth", ())) == 2 or len(spec.get("last", ())) == 1:
            # "de eerste vrijdag van volgende maand": the month comes from the container
            kind = "nth" if "nth" in spec else "last"
            spec = {**spec, kind: [*spec[kind], p.month if p.month is not None else container.month]}
        moment = datetime.combine(holiday_date(spec, year), datetime.min.time(), tzinfo=tz)
    elif p.month_week is not None:
        month = p.month if p.month is not None else container.month
        moment = datetime.combine(_week_of_month(max(year, 1), month, p.month_week),
                                  datetime.min.time(), tzinfo=tz)
    elif p.week is not None and p.month is None:
        weekday = p.weekday or 1
        week = p.week if p.week > 0 else date(max(year, 1), 12, 28).isocalendar()[1]
        moment = datetime.fromisocalendar(year, week, weekday).replace(tzinfo=tz)
    else:
        month = p.month
        if month is None:
            if p.season:
                month = SEASONS[p.season][0]
            elif p.quarter:
                month = p.quarter * 3 - 2
            elif p.half:
                month = 1 if p.half == 1 else 7
            elif p.year is None:
                month = container.month
            else:
                month = 1
        day = p.day if p.day is not None else 1
        if p.day is None and p.month is None and p.year is None and gran <= Granularity.DAY:
            day = container.day
            month = container.month
        moment = datetime(max(year, 1), month, day, tzinfo=tz)
        if p.weekday is not None and p.day is None:
            week_start = start_of(container if p.month is None else moment, Granularity.WEEK)
            moment = week_start + timedelta(days=p.weekday - 1)
    if p.weekend:
        # "het weekend" names the weekend of the container's week, not of its month's first day
        ref = container if p.month is None and p.day is None and p.week is None else moment
        saturday = start_of(ref, Granularity.WEEK) + timedelta(days=5)
        return Interval(saturday, clamp_add(saturday, timedelta(days=2)), Granularity.WEEKEND)
    hour = _hour24(p)
    if hour is not None:
        moment = moment.replace(hour=hour % 24, minute=p.minute or 0, second=p.second or 0)
        if hour == 24:
            moment = clamp_add(moment, timedelta(days=1))
        return unit_interval(moment, gran)
    if p.part_of_day:
        lo, hi = PARTS_OF_DAY[p.part_of_day]
        day0 = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        return Interval(clamp_add(day0, timedelta(hours=lo)), clamp_add(day0, timedelta(hours=hi)),
                        Granularity.PART_OF_DAY)
    return unit_interval(moment, gran)


def _week_of_month(year: int, month: int, n: int) -> date:
    """Monday of the n-th week of a month (-1: the last), counting the weeks whose Thursday is in it."""
    if n > 0:
        first = date(year, month, 1)
        thursday = first + timedelta(days=(4 - first.isoweekday()) % 7)
        return thursday - timedelta(days=3) + timedelta(weeks=n - 1)
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    thursday = last - timedelta(days=(last.isoweekday() - 4) % 7)
    return thursday - timedelta(days=3)


def _cycle(p: Partial) -> Granularity:
    """The unit within which open fields repeat (the year for "maart")."""
    stated = p.stated()
    coarsest = max(_FIELD_GRANULARITY[n] for n in stated)
    if coarsest >= Granularity.WEEK or p.holiday is not None:
        return Granularity.YEAR
    if p.day is not None and p.month is None:
        return Granularity.MONTH
    if p.weekday is not None or p.weekend:
        return Granularity.WEEK
    return Granularity.DAY


#: Days by which the nearest candidate must beat the one the tense points to.
TIE_DAYS = 31
#: Without a tense ("unknown"), news prefers the past: the nearest candidate
#: wins only when the past one is this many days (four months) further away.
UNKNOWN_TIE_DAYS = 122


def _point_at(p: Partial, moment: datetime, direction: str, lean: str | None = None,
              tie_days: int = TIE_DAYS) -> Interval:
    gran = granularity(p)
    if p.shift:
        unit = _shift_granularity(p.shift)
        base = _shift_all(moment, p.shift)
        if p.snap or p.stated():
            container = start_of(base, unit)
            if not p.stated():
                return unit_interval(container, gran if p.granularity else unit)
            if unit <= Granularity.DAY:
                container = base
            return _place(p, container, gran)
        return unit_interval(base, gran)
    if p.year is not None or p.decade is not None or p.century is not None:
        return _place(p, moment, gran)
    if p.decade2 is not None:
        decade = moment.year // 100 * 10 + p.decade2
        if decade * 10 > moment.year and direction not in ("future", "after"):
            decade -= 10
        probe = Partial(**{**p.__dict__, "decade": decade, "decade2": None})
        return _place(probe, moment, gran)
    if p.year2 is not None:
        century = moment.year // 100 * 100
        options = [century - 100 + p.year2, century + p.year2, century + 100 + p.year2]
        year = min(options, key=lambda y: abs(y - moment.year))
        probe = Partial(**{**p.__dict__, "year": year, "year2": None})
        return _place(probe, moment, gran)
    cycle = _cycle(p)
    if cycle == Granularity.DAY:
        return _place(p, moment, gran)
    step = {Granularity.YEAR: relativedelta(years=1), Granularity.MONTH: relativedelta(months=1),
            Granularity.WEEK: relativedelta(weeks=1)}[cycle]
    here = start_of(moment, cycle)
    # A weekday with a day of the month ("dinsdag de 15e") should fall on that
    # weekday; when it does in none of the nearby units, the weekday is taken
    # for a slip of the writer and the day of the month decides.
    # Within a year of the anchor: "dinsdag de 15e" may lie months away, but a
    # full date's weekday is not a reason to move it years.
    weekday_day = p.weekday is not None and p.day is not None
    reach = 12 if weekday_day and cycle == Granularity.MONTH else 1
    candidates = _candidates(p, here, step, gran, reach, check_weekday=weekday_day)
    if not candidates and weekday_day:
        candidates = _candidates(p, here, step, gran, 1, check_weekday=False)
    if not candidates and p.holiday is not None and cycle == Granularity.YEAR:
        # A holiday not observed near the anchor ("Koninginnedag" said in 2019):
        # its last (or, looking ahead, next) observance within a century.
        ahead = direction in ("future", "after")
        candidates = _nearest_observance(p, here, step, -1 if not ahead else 1, gran)
    if not candidates:
        return _place(p, moment, gran)
    if direction in ("past", "before"):
        strict = direction == "before"
        # A time of day counts by its day: "Wednesday evening" said on Wednesday morning is today's.
        before = [c for c in candidates
                  if (c.end <= moment if strict else start_of(c.start, Granularity.DAY) <= moment)]
        return before[-1] if before else candidates[0]
    if direction in ("future", "after"):
        strict = direction == "after"
        # "komende maandag" said on a Monday is next week's, whatever the hour
        after = [c for c in candidates
                 if (start_of(c.start, Granularity.DAY) > moment if strict else c.end > moment)]
        return after[0] if after else candidates[-1]

    def distance(c: Interval) -> timedelta:
        return abs((c.start + (c.end - c.start) / 2) - moment)

    best = min(candidates, key=distance)
    side = [c for c in candidates if (c.start <= moment if lean == "past" else c.end > moment)
            and lean in ("past", "future")]
    leaning = min(side, key=distance) if side else best
    return leaning if distance(leaning) - distance(best) < timedelta(days=tie_days) else best


def _candidates(p: Partial, here: datetime, step: relativedelta, gran: Granularity, reach: int,
                check_weekday: bool) -> list[Interval]:
    """``p`` placed in the units from ``reach`` steps before ``here`` to ``reach`` after (those that exist), in time order."""
    found_all = []
    for k in range(-reach, reach + 1):
        try:
            found = _place(p, clamp_add(here, k * step), gran)
        except (ValueError, OverflowError):
            continue  # 30 February, or beyond the calendar
        day = found.start - timedelta(days=1) if _hour24(p) == 24 else found.start  # "24.00 uur" is the next day's start
        if check_weekday and day.isoweekday() != p.weekday:
            continue
        found_all.append(found)
    return found_all


def _nearest_observance(p: Partial, here: datetime, step: relativedelta, sign: int,
                        gran: Granularity) -> list[Interval]:
    """The first year, going ``sign`` (-1 back, +1 ahead) from ``here``, in which holiday ``p`` falls."""
    for k in range(2, 101):
        try:
            return [_place(p, clamp_add(here, sign * k * step), gran)]
        except (ValueError, OverflowError):
            continue
    return []


def _value(interval: Interval, p: Partial, gran: Granularity) -> str:
    if gran == Granularity.PART_OF_DAY:
        day = interval.start
        return format_point(Fields(year=day.year, month=day.month, day=day.day,
                                   part_of_day=p.part_of_day), gran)
    return value_of_interval(Interval(interval.start, interval.end, gran))


def resolve_point(p: Partial, anchor: Interval, direction: str) -> Resolved:
    """Resolve a DATE or TIME partial on ``anchor``.

    Args:
        p: the partial; must state fields or a shift.
        anchor: the DCT or the last mentioned time.
        direction: ``past``, ``future`` or ``nearest`` (from the tense), used
            when the partial leaves a coarser field open and names no
            direction itself, and to break a near tie when it asks for the
            nearest.

    Returns:
        The value and interval; ``exact`` is False when the anchor was too
        coarse and the interval is the hull over all possible anchors.
    """
    tie_days = TIE_DAYS
    if direction == "unknown":
        direction, tie_days = "nearest", UNKNOWN_TIE_DAYS if p.direction is None else TIE_DAYS
        lean = "past"
    else:
        lean = direction
    direction = p.direction or direction
    gran = granularity(p)
    need = _needed_precision(p)
    moments = [anchor.start]
    if anchor.granularity > need:
        last = start_of(anchor.end - timedelta(microseconds=1), need)
        if last > anchor.start:
            moments.append(last)
    points = [_point_at(p, m, direction, lean, tie_days) for m in moments]
    if p.offset:
        # "twee weken voor Kerst": place the stated fields, then move by the offset
        gran = min(gran, _shift_granularity(p.offset))
        points = [unit_interval(_shift_all(point.start, p.offset), gran) for point in points]
    results = [narrow(point, p.mod) for point in points]
    values = [_value(point, p, gran) for point in points]
    if len(set(values)) == 1:
        return Resolved(values[0], results[0], True, direction)
    hull = results[0].hull(results[-1])
    return Resolved(common_value(values[0], values[-1]), hull, False, direction)


def resolve(p: Partial, anchor: Interval, direction: str = "past") -> Resolved:
    """Resolve any partial: point, range, duration, set or reference.

    Args:
        p: the partial a rule produced.
        anchor: the anchor interval (DCT or last mentioned time).
        direction: the default direction from the sentence's tense.

    Returns:
        A :class:`Resolved`. Durations carry an interval only when anchored
        ("de afgelopen drie jaar"); sets and PAST_REF/FUTURE_REF carry none;
        PRESENT_REF carries the anchor.

    Raises:
        ValueError: when the stated fields name no calendar date (31 June).
    """
    if p.ref:
        return Resolved(p.ref, anchor if p.ref == "PRESENT_REF" else None)
    if p.is_range:
        return _resolve_range(p, anchor, direction)
    if p.type == "SET":
        return Resolved(_set_value(p), None)
    if p.type == "DURATION":
        return _resolve_duration(p, anchor)
    return resolve_point(p, anchor, direction)


def _resolve_duration(p: Partial, anchor: Interval) -> Resolved:
    amounts = p.duration or {}
    value = format_duration(amounts)
    if not p.anchored or any(v is None for v in amounts.values()):
        return Resolved(value, None)
    sign = -1 if p.anchored == "past" else 1
    finest = min(_UNIT_GRANULARITY.get(u, Granularity.DAY) for u in amounts)
    if p.anchored == "within" or finest < Granularity.DAY:
        edge = anchor.start  # "binnen drie dagen", "de komende twee uur": from the anchor itself
    elif p.anchored == "past":
        edge = start_of(anchor.start, Granularity.DAY)  # "de afgelopen drie jaar" ends with yesterday
    else:
        edge = clamp_add(start_of(anchor.end - timedelta(microseconds=1), Granularity.DAY), timedelta(days=1))
    other = edge
    for unit, amount in amounts.items():
        other = _shift(other, "MIN" if unit == "MIN" else unit, sign * (amount or 0))
    start, end = sorted((edge, other))
    if start >= end:
        return Resolved(value, None)
    gran = min(_UNIT_GRANULARITY.get(u, Granularity.DAY) for u in amounts)
    return Resolved(value, Interval(start, end, min(gran, Granularity.DAY)), anchor.granularity <= Granularity.DAY)


def _set_value(p: Partial) -> str:
    if p.stated():
        probe = Partial(**{**p.__dict__, "type": "DATE"})
        gran = granularity(probe)
        f = Fields(month=p.month, day=p.day, weekday=p.weekday, part_of_day=p.part_of_day,
                   hour=_hour24(p), minute=p.minute)
        if p.weekday is not None and p.month is None:
            base = f"XXXX-WXX-{p.weekday}"
            if p.part_of_day:
                return base + "T" + p.part_of_day
            if f.hour is not None:  # to the hour or the minute, as the text gives it
                return base + (f"T{f.hour:02d}" if f.minute is None else f"T{f.hour:02d}:{f.minute:02d}")
            return base
        return format_point(f, gran)
    return format_duration(p.duration or {"W": 1})


def _resolve_range(p: Partial, anchor: Interval, direction: str) -> Resolved:
    begin_p = p.begin.fill_from(p.end) if p.begin.stated() else p.begin
    end_p = p.end
    if end_p.year2 is not None and p.begin.year is not None:
        # "1989/91", "1914-18": the first year after the begin that ends in those two digits
        year = p.begin.year // 100 * 100 + end_p.year2
        end_p = Partial(**{**end_p.__dict__, "year": year + 100 if year < p.begin.year else year, "year2": None})
    end_p = end_p.fill_from(p.begin) if end_p.stated() and not end_p.year else end_p
    begin = resolve(begin_p, anchor, direction)
    end = resolve(end_p, anchor, direction)
    if begin.interval is None or end.interval is None:
        return Resolved(format_duration({"D": None}), None, begin.exact and end.exact,
                        direction, begin, end)
    # A begin that took its year from the end but lies after it ("nov-feb 2017") is in the year before.
    if (end.interval.end <= begin.interval.start and p.begin.year is None and begin_p.year is not None
            and p.begin.stated()):
        begin = resolve(replace(begin_p, year=begin_p.year - 1), anchor, direction)
    # A clock-time begin that leaves its half of the day open before an end in the afternoon
    # ("from 1:30 to 3pm") lies in the twelve hours before that end when it can; a begin before
    # a 24-hour end ("van 5 tot 18:00") keeps its hour.
    if (begin_p.hour is not None and begin_p.hour <= 12 and not begin_p.ampm and not begin_p.part_of_day
            and end_p.ampm == "pm" and begin.interval.granularity <= Granularity.HOUR
            and timedelta(hours=12) < end.interval.start - begin.interval.start < timedelta(hours=24)):
        later = Interval(clamp_add(begin.interval.start, timedelta(hours=12)),
                         clamp_add(begin.interval.end, timedelta(hours=12)), begin.interval.granularity)
        if later.start < end.interval.start:
            begin = Resolved(value_of_interval(later), later, begin.exact, begin.direction)
    # A clock-time end before its begin moves by half a day or a day first ("woensdag van 10 tot 4"
    # ends at 16:00 that Wednesday, not on the next Wednesday).
    if end.interval.start <= begin.interval.start and end.interval.granularity <= Granularity.HOUR:
        end = _later_clock(end, end_p, begin.interval.start)
    # A range whose end falls before its begin ("van 25-10 tot 25-01") runs into the next cycle.
    if end.interval.end <= begin.interval.start and end_p.year is None and end_p.shift is None:
        end = resolve(end_p, Interval(begin.interval.start, begin.interval.end, begin.interval.granularity), "future")
    if end.interval.start <= begin.interval.start and end.interval.granularity <= Granularity.HOUR:
        end = _later_clock(end, end_p, begin.interval.start)
    # Clock times name instants: "van 9 tot 17 uur" ends at 17:00 even when the rule is inclusive;
    # an end "het einde van 2008" includes its unit.
    inclusive = (p.inclusive or end_p.mod == "END") and end.interval.granularity > Granularity.HOUR
    stop = end.interval.end if inclusive else end.interval.start
    if stop <= begin.interval.start:
        stop = end.interval.end
    gran = max(begin.interval.granularity, end.interval.granularity)
    interval = Interval(begin.interval.start, stop, min(begin.interval.granularity, end.interval.granularity))
    return Resolved(_length(interval, gran), interval, begin.exact and end.exact, direction, begin, end)


def _later_clock(end: Resolved, end_p: Partial, begin: datetime) -> Resolved:
    """Move a clock-time end that is not after the begin: "van 13:30 tot 4" ends at 16:00,
    "van 23:00 tot 3" at 03:00 the next day. The 12-hour reading is tried first when the
    text did not fix the half of the day (an hour up to 12, no part of day, no am/pm)."""
    steps = [timedelta(days=1)]
    if end_p.hour is not None and end_p.hour <= 12 and not end_p.part_of_day and not end_p.ampm:
        steps.insert(0, timedelta(hours=12))
    for step in steps:
        start = clamp_add(end.interval.start, step)
        if start > begin:
            moved = Interval(start, clamp_add(end.interval.end, step), end.interval.granularity)
            return Resolved(value_of_interval(moved), moved, end.exact, end.direction)
    return end


def _length(interval: Interval, gran: Granularity) -> str:
    """The TIMEX3 duration of a range, in the unit of its ends."""
    delta = relativedelta(interval.end, interval.start)
    if gran >= Granularity.YEAR and not (delta.months or delta.days):
        return format_duration({"Y": delta.years})
    if gran >= Granularity.MONTH and not delta.days:
        return format_duration({"M": delta.years * 12 + delta.months})
    if gran >= Granularity.DAY or gran == Granularity.PART_OF_DAY:
        return format_duration({"D": (interval.end - interval.start).days or 1})
    minutes = int((interval.end - interval.start).total_seconds() // 60)
    if minutes % 60 == 0:
        return format_duration({"H": minutes // 60})
    return format_duration({"H": minutes // 60, "MIN": minutes % 60}) if minutes >= 60 else format_duration({"MIN": minutes})
