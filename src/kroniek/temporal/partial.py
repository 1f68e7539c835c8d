"""Underspecified temporal values, as rules emit them before anchoring.

A rule never computes a calendar date itself. It fills a :class:`Partial`:
the calendar fields the text states ("maart", "de 15e"), a shift relative
to an anchor ("twee weken geleden" = shift of -2 weeks), a duration, a set,
a reference (PAST_REF), a modifier, or a range of two partials. The
resolver (:mod:`kroniek.temporal.resolve`) then anchors it on the DCT or on
the last mentioned time, in the manner of HeidelTime's two phases.
"""
from __future__ import annotations

from dataclasses import dataclass, field, fields, replace

#: Calendar fields a partial may state, coarse to fine.
CALENDAR_FIELDS = ("century", "decade", "decade2", "year", "year2", "half", "quarter", "season", "month",
                   "week", "month_week", "weekend", "holiday", "day", "weekday", "part_of_day", "hour", "minute",
                   "second")

#: Shift and duration units: code → (relativedelta keyword, amount per unit).
UNITS = {
    "ML": ("years", 1000), "CE": ("years", 100), "DE": ("years", 10), "Y": ("years", 1),
    "HALF": ("months", 6), "Q": ("months", 3), "SEASON": ("months", 3), "M": ("months", 1),
    "W": ("weeks", 1), "WE": ("weeks", 1), "D": ("days", 1), "H": ("hours", 1),
    "MIN": ("minutes", 1), "S": ("seconds", 1),
}


@dataclass
class Partial:
    """An underspecified TIMEX3 value.

    Attributes:
        type: TIMEX3 type: ``DATE``, ``TIME``, ``DURATION`` or ``SET``.
        century .. second: stated calendar fields (``century`` is ordinal:
            20 for the 1900s; ``decade`` has three digits: 199 for the
            1990s; ``decade2`` is a decade without its century, "de jaren
            90"; ``year2`` is a two-digit year such as '17; ``season`` is SP/SU/FA/WI; ``part_of_day`` is
            MO/MI/AF/EV/NI/DT; ``weekday`` is ISO, Monday = 1; ``week`` is
            the ISO week, -1 for the last; ``month_week`` the n-th week of
            the month, counting the weeks whose Thursday lies in it, -1 for
            the last).
        holiday: a holiday specification (see :mod:`.holidays`).
        ampm: ``"am"``/``"pm"`` when the text says so.
        shift: unit code → amount to move from the anchor ("twee weken
            geleden" = ``{"W": -2}``).
        offset: unit code → amount to move after the stated fields are
            placed ("twee weken voor Kerst" = Kerst with ``{"W": -2}``).
        snap: the shift names a whole calendar unit ("vorige week").
        anchor: ``"dct"``, ``"context"`` (the last mentioned time) or
            ``"period"`` (the last mentioned month, quarter, year or longer,
            whose unit the result keeps: "a year earlier" after "the third
            quarter").
        direction: ``past``, ``future`` or ``nearest`` for fields that leave
            the year, month or week open, or ``before``/``after`` for the
            unit wholly before / starting after the anchor ("afgelopen
            dinsdag"); None lets the sentence's tense decide.
        duration: unit code → amount, for DURATION and SET.
        anchored: ``past``/``future``: a duration that runs up to or from the
            anchor ("de afgelopen drie jaar").
        period: for a duration that names a stretch of the anchor's
            calendar unit (a Granularity name: "the first nine months" of
            the year is ``YEAR``): that unit becomes the last mentioned
            period, which comparisons ("a year earlier") move.
        quant, freq: TIMEX3 set attributes ("EVERY", "2X").
        ref: PAST_REF, PRESENT_REF or FUTURE_REF.
        mod: a TIMEX3 mod (START, MID, END, APPROX, BEFORE, ...).
        granularity: a Granularity name that overrides the derived one.
        begin, end: the two ends of a range; ``inclusive`` says whether
            the end's own unit belongs to the range.
    """

    type: str = "DATE"
    century: int | None = None
    decade: int | None = None
    decade2: int | None = None
    year: int | None = None
    year2: int | None = None
    half: int | None = None
    quarter: int | None = None
    season: str | None = None
    month: int | None = None
    week: int | None = None
    month_week: int | None = None
    weekend: bool | None = None
    holiday: dict | None = None
    day: int | None = None
    weekday: int | None = None
    part_of_day: str | None = None
    hour: int | None = None
    minute: int | None = None
    second: int | None = None
    ampm: str | None = None
    shift: dict[str, float] | None = None
    offset: dict[str, float] | None = None
    snap: bool = False
    anchor: str | None = None
    direction: str | None = None
    duration: dict[str, float | None] | None = None
    anchored: str | None = None
    period: str | None = None
    quant: str | None = None
    freq: str | None = None
    ref: str | None = None
    mod: str | None = None
    granularity: str | None = None
    begin: "Partial | None" = None
    end: "Partial | None" = None
    inclusive: bool = True
    confidence: float = 0.9
    extra: dict = field(default_factory=dict)

    def stated(self) -> list[str]:
        """Names of the calendar fields this partial states."""
        return [name for name in CALENDAR_FIELDS if getattr(self, name) is not None]

    @property
    def is_range(self) -> bool:
        """True for a range with two ends."""
        return self.begin is not None and self.end is not None

    def merged(self, other: "Partial") -> "Partial | None":
        """Combine two partials describing one time ("vrijdag" + "15 maart").

        Returns:
            A new partial with the union of both, or None when they state a
            field differently (the words then name two different times).
        """
        if (self.ref or other.ref) and self.ref != other.ref:
            return None  # a vague reference ("eerder") takes no calendar fields
        out = replace(self)
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if f.name in ("type", "confidence", "extra", "snap", "inclusive", "granularity"):
                continue
            if theirs is None:
                continue
            if mine is None:
                setattr(out, f.name, theirs)
            elif mine != theirs:
                return None
        out.snap = self.snap or other.snap
        out.granularity = self.granularity if self.granularity == other.granularity else None
        if "TIME" in (self.type, other.type):
            out.type = "TIME"
        out.confidence = min(self.confidence, other.confidence)
        return out

    def fill_from(self, other: "Partial") -> "Partial":
        """Take the coarser fields this partial leaves open from ``other``.

        Used for ranges: in "van 3 tot 12 september" the begin takes the
        month (and year) from the end. A partial that anchors itself (a
        rule-given direction: "aanstaande mei") or names a weekday, week or
        holiday takes nothing.
        """
        out = replace(self)
        stated = self.stated()
        if not stated or self.direction is not None or (self.shift is not None and self.snap):
            return out  # "van aanstaande mei tot okt 2020", "from this May to Oct 2020": the begin names its own year
        if {"weekday", "week", "weekend", "holiday"} & set(stated) and self.day is None:
            return out  # "vrijdag tot 1 oktober": a weekday takes no month or day from the other end
        coarsest = min(CALENDAR_FIELDS.index(n) for n in stated)
        for name in CALENDAR_FIELDS[:coarsest]:
            if getattr(out, name) is None and getattr(other, name) is not None:
                setattr(out, name, getattr(other, name))
        if out.shift is None and other.shift is not None and out.year is None:
            out.shift, out.snap = dict(other.shift), other.snap
        return out
