"""TIMEX3 modifiers that narrow an interval: START, MID and END (TimeML 1.2.1 ``mod``)."""
from __future__ import annotations

from datetime import timedelta

from dateutil.relativedelta import relativedelta

from .calendar import Granularity, Interval, clamp_add


def narrow(interval: Interval, mod: str | None) -> Interval:
    """Narrow a unit interval for the TIMEX3 mods START, MID and END.

    Years and longer units split into thirds by months (begin 2016 =
    January to April); months into halves, with the middle as days 10-20;
    weeks into Monday-Wednesday and Thursday-Sunday; days and shorter into
    thirds.
    """
    if mod not in ("START", "MID", "END"):
        return interval
    g, s, e = interval.granularity, interval.start, interval.end
    if g > Granularity.MONTH:
        months = relativedelta(e, s)
        third = relativedelta(months=(months.years * 12 + months.months) // 3)
        cuts = {"START": (s, clamp_add(s, third)), "MID": (clamp_add(s, third), clamp_add(s, third * 2)),
                "END": (clamp_add(s, third * 2), e)}
    elif g == Granularity.MONTH:
        cuts = {"START": (s, s.replace(day=16)), "MID": (s.replace(day=10), s.replace(day=21)),
                "END": (s.replace(day=16), e)}
    elif g in (Granularity.WEEK, Granularity.WEEKEND):
        cuts = {"START": (s, s + timedelta(days=3)), "MID": (s + timedelta(days=2), s + timedelta(days=5)),
                "END": (s + timedelta(days=3), e)}
    else:
        third = (e - s) / 3
        cuts = {"START": (s, s + third), "MID": (s + third, s + 2 * third), "END": (s + 2 * third, e)}
    lo, hi = cuts[mod]
    if not lo < hi:
        return interval
    return Interval(lo, hi, min(g, Granularity.DAY))
