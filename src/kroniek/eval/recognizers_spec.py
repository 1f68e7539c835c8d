"""Reading Microsoft Recognizers-Text DateTime spec files into gold cases.

A spec file (``Specs/DateTime/<Language>/*.json`` of Recognizers-Text, MIT
licence) holds test cases ``{"Input", "Context": {"ReferenceDateTime"},
"Results": [...]}``. Offsets come as ``Start`` and ``Length`` (half-open)
in extractor and parser files, and as ``Start`` and an INCLUSIVE ``End``
in model files. Resolutions come as ``Value = {"Timex", "Past/FutureResolution"}``
(parser files) or ``{"values": [{"timex", "value" | "start"/"end"}]}``
(model files and the merged parser); each becomes one :class:`Reading`.
See :mod:`kroniek.eval.recognizers` for how they are scored.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from ..errors import UsageError
from ..temporal.calendar import Granularity, Interval, aware, clamp_add, unit_interval
from ..temporal.values import granularity_of

#: Reference date-time for cases whose ``Context`` gives none.
DEFAULT_REFERENCE = datetime(2016, 11, 7, tzinfo=timezone.utc)

_TIME_PART = re.compile(r"T(\d{2})(?::(\d{2})(?::(\d{2}))?)?$")


@dataclass
class Reading:
    """One resolved reading of a gold expression.

    Attributes:
        interval: the calendar interval it denotes, or None.
        seconds: its length in seconds, for durations.
        ends: ``(start, end)`` of a range reading, either may be None.
        instance: the gold timex with its unknown date filled in from this
            reading (``XXXX-WXX-2TMO`` read as 2016-11-08 → ``2016-11-08TMO``).
    """

    interval: Interval | None = None
    seconds: float | None = None
    ends: tuple[datetime | None, datetime | None] | None = None
    instance: str | None = None


@dataclass
class Gold:
    """One expected expression: half-open offsets, kind, timexes, readings."""

    start: int
    end: int
    text: str
    kind: str
    timexes: tuple[str, ...] = ()
    readings: tuple[Reading, ...] = ()


@dataclass
class Case:
    """One spec case: the input, its reference date and the expected expressions."""

    file: str
    index: int
    text: str
    reference: datetime
    gold: list[Gold]
    valued: bool
    skipped: int = 0


def load_cases(path: Path) -> list[Case]:
    """Read one spec file into cases.

    Args:
        path: a Recognizers-Text DateTime spec file (JSON, UTF-8 with or
            without BOM).

    Returns:
        The cases in file order.

    Raises:
        UsageError: when the file is not valid JSON or not a list of cases.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8-sig"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{path}: not a readable spec file ({exc})") from None
    if not isinstance(data, list):
        raise UsageError(f"{path}: expected a list of test cases")
    cases = []
    for n, raw in enumerate(data):
        if not isinstance(raw, dict) or not isinstance(raw.get("Input"), str):
            raise UsageError(f"{path}: case {n} has no Input")
        cases.append(_case(path.name, n, raw))
    valued = any(_carries_values(r) for raw in data for r in raw.get("Results") or [])
    for case in cases:
        case.valued = valued
    return cases


def _carries_values(result: dict) -> bool:
    return bool(result.get("Value") or result.get("Resolution"))


def _reference(raw: dict) -> datetime:
    text = (raw.get("Context") or {}).get("ReferenceDateTime")
    if not text:
        return DEFAULT_REFERENCE
    text = re.sub(r"(\.\d{6})\d+", r"\1", str(text))
    return aware(datetime.fromisoformat(text), timezone.utc)


def _case(name: str, index: int, raw: dict) -> Case:
    text, ref = raw["Input"], _reference(raw)
    gold, skipped = [], 0
    for result in raw.get("Results") or []:
        span = _offsets(text, result)
        if span is None:
            skipped += 1
            continue
        kind = str(result.get("TypeName") or result.get("Typename") or result.get("Type") or "")
        kind = kind.rsplit(".", 1)[-1].lower()
        timexes, readings = _resolution(result, ref)
        gold.append(Gold(span[0], span[1], text[span[0]:span[1]], kind, timexes, readings))
    return Case(name, index, text, ref, gold, False, skipped)


def _offsets(text: str, result: dict) -> tuple[int, int] | None:
    """Half-open offsets of a result, checked against its text."""
    want = str(result.get("Text", ""))
    start = int(result.get("Start", -1))
    end = int(result["End"]) + 1 if "End" in result else start + int(result.get("Length", len(want)))
    if 0 <= start < end <= len(text) and text[start:end].lower() == want.lower():
        return start, end
    folded, needle = text.lower(), want.lower()
    spots = [m.start() for m in re.finditer(re.escape(needle), folded)] if needle else []
    if not spots:
        return None
    best = min(spots, key=lambda s: abs(s - start))
    return best, best + len(want)


def _resolution(result: dict, ref: datetime) -> tuple[tuple[str, ...], tuple[Reading, ...]]:
    value = result.get("Resolution") or result.get("Value") or {}
    if not isinstance(value, dict):
        return (), ()
    entries: list[tuple[str | None, dict]] = []
    if "values" in value:
        for v in value.get("values") or []:
            entries.append((v.get("timex"), v))
    else:
        timex = value.get("Timex") or value.get("timex")
        for key in ("PastResolution", "FutureResolution"):
            if isinstance(value.get(key), dict):
                entries.append((timex, value[key]))
        if not entries and timex:
            entries.append((timex, {}))
    timexes = tuple(dict.fromkeys(str(t) for t, _ in entries if t))
    readings = tuple(r for t, e in entries if t for r in _readings(str(t), e, ref))
    return timexes, readings


def _readings(timex: str, entry: dict, ref: datetime) -> list[Reading]:
    """The readings of one entry; a reading bounded only by its start ("na feb",
    ``start`` 2018-03-01) also counts as the unit that ends there."""
    found = [r for r in [_reading(timex, entry, ref)] if r is not None]
    only_start = not any(entry.get(k) for k in ("end", "endDate", "endDateTime", "endTime",
                                                "value", "date", "dateTime", "time"))
    start = _moment(entry.get("start") or entry.get("startDate") or entry.get("startDateTime")
                    or entry.get("startTime"), ref)
    if only_start and start is not None:
        before = start - timedelta(microseconds=1)
        instance = _instantiate(timex, before)
        gran = timex_granularity(timex)
        interval = None
        if gran is not None:
            unit = unit_interval(before, gran)
            interval = unit if unit.end == start else None
        if instance or interval:
            found.append(Reading(interval=interval, instance=instance))
    return found


def _moment(text: Any, ref: datetime) -> datetime | None:
    """A reading's date, date-time or time of day (on the reference date)."""
    if not isinstance(text, str) or not text or not text[0].isdigit():
        return None
    try:
        if re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", text):
            clock = datetime.strptime(text if text.count(":") == 2 else text + ":00", "%H:%M:%S")
            return ref.replace(hour=clock.hour, minute=clock.minute, second=clock.second, microsecond=0)
        return aware(datetime.fromisoformat(text), ref.tzinfo)
    except ValueError:
        return None


def timex_granularity(timex: str) -> Granularity | None:
    """The granularity a (possibly time-only) Recognizers timex is stated in."""
    time = _TIME_PART.search(timex)
    if time:
        return (Granularity.SECOND if time[3] else Granularity.MINUTE if time[2] else Granularity.HOUR)
    if timex.startswith("T"):
        return None
    return granularity_of(timex)


def _reading(timex: str, entry: dict, ref: datetime) -> Reading | None:
    """Turn one resolution entry into a :class:`Reading`."""
    if "duration" in entry or entry.get("type") == "duration":
        raw = entry.get("duration", entry.get("value"))
        try:
            return Reading(seconds=float(raw))
        except (TypeError, ValueError):
            return None
    raw_start = (entry.get("start") or entry.get("startDate") or entry.get("startDateTime")
                 or entry.get("startTime"))
    start = _moment(raw_start, ref)
    end = _moment(entry.get("end") or entry.get("endDate") or entry.get("endDateTime")
                  or entry.get("endTime"), ref)
    point = _moment(entry.get("value") or entry.get("date") or entry.get("dateTime") or entry.get("time"), ref)
    gran = timex_granularity(timex)
    if gran is None and ("date" in entry or entry.get("type") == "date"):
        gran = Granularity.DAY
    bound = point or start or end
    instance = _instantiate(timex, bound) if bound is not None else None
    if start is not None and end is not None:
        if end <= start and re.fullmatch(r"\d{1,2}:\d{2}(:\d{2})?", str(raw_start)):
            end = end + timedelta(days=1)  # a time range over midnight
        if start < end:
            return Reading(interval=Interval(start, end, gran or Granularity.DAY),
                           ends=(start, end) if timex.startswith("(") else None, instance=instance)
        return Reading(instance=instance) if instance else None
    if bound is None or gran is None:
        return Reading(instance=instance) if instance else None
    interval = unit_interval(bound, gran)
    if interval.start != bound:
        interval = Interval(bound, clamp_add(bound, interval.end - interval.start), gran)
    return Reading(interval=interval, instance=instance)


_DAY_DATE = re.compile(r"^(?:[0-9X]{4}-(?:[0-9X]{2}-[0-9X]{2}|WXX-[1-7]|W[0-9X]{2}-[1-7]))$")
_MONTH_DATE = re.compile(r"^[0-9X]{4}-[0-9X]{2}$")


def _instantiate(timex: str, moment: datetime) -> str | None:
    """The gold timex with its open date filled in from one reading.

    Only date parts with placeholders and time-only timexes are filled:
    ``XXXX-10-02`` → ``2016-10-02``, ``XXXX-WXX-2TMO`` → ``2016-11-08TMO``,
    ``T08:40`` → ``2016-11-07T08:40``. Returns None for anything else.
    """
    if timex.startswith(("(", "P")) or timex.endswith("_REF"):
        return None
    date, sep, time = timex.partition("T")
    if date and "X" not in date:
        return None
    if not date or _DAY_DATE.match(date):
        filled = moment.strftime("%Y-%m-%d")
    elif _MONTH_DATE.match(date):
        filled = moment.strftime("%Y-%m")
    else:
        return None
    return filled + (sep + time if sep else "")
