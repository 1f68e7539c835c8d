"""Holiday dates by year, from language-neutral specifications.

A holiday's key in the lexicon is its specification, one of:

* ``{fixed: "12-25"}``: the same day every year;
* ``{easter: 49}``: days after Western Easter (Pentecost; ``-2`` is Good Friday);
* ``{nth: [3, 2, 9]}``: the third Tuesday (ISO weekday 2) of September;
* ``{last: [1, 5]}``: the last Monday of May;
* ``{by_year: [[1949, 2013, "04-30"], [2014, 9999, "04-27"]]}``: a date that
  changed over time;
* ``{hijri: "10-01"}``: a month and day of the Islamic calendar (1 Shawwal is
  the Eid al-Fitr), converted with the Umm al-Qura calendar of ``hijridate``
  (Hijri years 1343-1500, 1924-2077 CE); in the rare Gregorian year that holds
  the day twice, the first;

optionally with ``sunday: -1`` (moved one day back when it falls on a
Sunday) and ``from``: the first year it existed.
"""
from __future__ import annotations

from datetime import date, timedelta

from dateutil.easter import EASTER_WESTERN, easter


def holiday_date(spec: dict, year: int) -> date:
    """The date of the holiday ``spec`` in ``year``.

    Raises:
        ValueError: when the holiday did not exist that year or the spec is malformed.
    """
    if year < spec.get("from", 1):
        raise ValueError(f"holiday not yet observed in {year}")
    if "fixed" in spec:
        month, day = (int(x) for x in str(spec["fixed"]).split("-"))
        result = date(year, month, day)
    elif "easter" in spec:
        result = easter(year, EASTER_WESTERN) + timedelta(days=int(spec["easter"]))
    elif "nth" in spec:
        nth, weekday, month = (int(x) for x in spec["nth"])
        first = date(year, month, 1)
        result = first + timedelta(days=(weekday - first.isoweekday()) % 7 + 7 * (nth - 1))
    elif "last" in spec:
        weekday, month = (int(x) for x in spec["last"])
        nxt = date(year + (month == 12), month % 12 + 1, 1)
        last = nxt - timedelta(days=1)
        result = last - timedelta(days=(last.isoweekday() - weekday) % 7)
    elif "hijri" in spec:
        result = _hijri(str(spec["hijri"]), year)
    elif "by_year" in spec:
        for lo, hi, md in spec["by_year"]:
            if int(lo) <= year <= int(hi):
                month, day = (int(x) for x in str(md).split("-"))
                result = date(year, month, day)
                break
        else:
            raise ValueError(f"holiday not observed in {year}")
    else:
        raise ValueError(f"unknown holiday specification {spec!r}")
    if spec.get("sunday") and result.isoweekday() == 7:
        result += timedelta(days=int(spec["sunday"]))
    return result


def _hijri(month_day: str, year: int) -> date:
    from hijridate import Gregorian, Hijri

    month, day = (int(x) for x in month_day.split("-"))
    try:
        first = Gregorian(year, 1, 1).to_hijri().year
        for hijri_year in (first, first + 1):
            found = Hijri(hijri_year, month, day).to_gregorian()
            if found.year == year:
                return date(found.year, found.month, found.day)
    except (ValueError, OverflowError) as exc:
        raise ValueError(f"no Islamic calendar date for {year}: {exc}") from None
    raise ValueError(f"Islamic date {month_day} does not fall in {year}")
