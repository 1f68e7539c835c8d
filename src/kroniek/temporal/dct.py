"""The document creation time (DCT): a publication date with its granularity.

A DCT is never filled in: "2017-03" stays a month, and every expression
anchored on it inherits that uncertainty.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timezone, tzinfo

from ..errors import DateError
from .calendar import Granularity, Interval, aware, unit_interval
from .values import value_of_interval

_DATE_ONLY = re.compile(r"^\s*(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?\s*$")


@dataclass(frozen=True)
class DCT:
    """A publication date.

    Attributes:
        value: TIMEX3 value (``2017-03``, ``2019-03-29``, ``2019-03-29T10:15``).
        interval: the half-open interval it covers, timezone-aware.
        text: the string it was parsed from.
    """

    value: str
    interval: Interval
    text: str = ""

    @property
    def granularity(self) -> Granularity:
        """The unit the date is known to (year, month, day, minute ...)."""
        return self.interval.granularity


def parse_dct(raw: str | date | datetime, tz: tzinfo | None = None) -> DCT:
    """Parse a publication date, keeping its granularity.

    Args:
        raw: ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO 8601 date-time
            (``2019-03-29T10:15:00+01:00``), or a date/datetime object.
        tz: time zone for values without one (default UTC).

    Returns:
        A :class:`DCT`.

    Raises:
        DateError: for an empty, malformed or impossible date (2017-13-45).
    """
    tz = tz or timezone.utc
    if isinstance(raw, datetime):
        moment = aware(raw, tz)
        return _from_moment(moment, raw.isoformat(), Granularity.SECOND if moment.second else Granularity.MINUTE)
    if isinstance(raw, date):
        interval = unit_interval(datetime(raw.year, raw.month, raw.day, tzinfo=tz), Granularity.DAY)
        return DCT(raw.isoformat(), interval, raw.isoformat())
    text = str(raw).strip() if raw is not None else ""
    if not text:
        raise DateError("no date given")
    m = _DATE_ONLY.match(text)
    try:
        if m:
            year, month, day = (int(g) if g else None for g in m.groups())
            if month is None:
                gran, moment = Granularity.YEAR, datetime(year, 1, 1, tzinfo=tz)
            elif day is None:
                gran, moment = Granularity.MONTH, datetime(year, month, 1, tzinfo=tz)
            else:
                gran, moment = Granularity.DAY, datetime(year, month, day, tzinfo=tz)
            interval = unit_interval(moment, gran)
            return DCT(value_of_interval(interval), interval, text)
        iso = text.replace("Z", "+00:00").replace(" ", "T", 1)
        moment = datetime.fromisoformat(iso)
    except ValueError as exc:
        raise DateError(f"impossible or malformed date {text!r} ({exc})") from None
    time_part = iso.split("T", 1)[1] if "T" in iso else ""
    colons = time_part.split("+")[0].split("-")[0].count(":")
    gran = Granularity.SECOND if colons >= 2 else Granularity.MINUTE if colons == 1 else Granularity.HOUR
    return _from_moment(aware(moment, tz), text, gran)


def _from_moment(moment: datetime, text: str, gran: Granularity) -> DCT:
    interval = unit_interval(moment, gran)
    return DCT(value_of_interval(interval), interval, text)
