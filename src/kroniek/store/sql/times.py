"""Times as the SQLite backend stores them: whole seconds since 1970-01-01 UTC.

An open bound is stored as :data:`OPEN_START` (0001-01-01) or
:data:`OPEN_END` (9999-12-31T23:59:59), so that range tests need no NULL
cases. The place of a merged event on the timeline (``clusters.pos``, the
rowid of its full-text document) is its sort key's second since
:data:`OPEN_START` times 2^24 plus the low 24 bits of its id (:func:`position`).
"""
from __future__ import annotations

from datetime import datetime, timezone

OPEN_START = -62135596800
OPEN_END = 253402300799
POS_BITS = 24
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def seconds(moment: datetime | None, open_value: int | None = None) -> int | None:
    """An aware datetime as whole seconds since 1970 UTC; ``open_value`` for None.

    A naive datetime is taken as UTC.
    """
    if moment is None:
        return open_value
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    value = int((moment - _EPOCH).total_seconds() // 1)
    return max(OPEN_START, min(OPEN_END, value))


def moment(value: int | None, open_value: int | None = None) -> datetime | None:
    """Stored seconds as an aware UTC datetime; None for NULL or the open value."""
    if value is None or value == open_value:
        return None
    return datetime.fromtimestamp(value, tz=timezone.utc) if value >= -62135596800 else None


def iso(value: int | None, open_value: int | None = None) -> str | None:
    """Stored seconds as ISO 8601 text in UTC (``2019-03-29T00:00:00+00:00``); None where open."""
    when = moment(value, open_value)
    return when.isoformat() if when is not None else None


def position(sort_seconds: int, cluster_id: int) -> int:
    """The timeline place of a merged event: sorted by its sort key, then by its id."""
    return ((sort_seconds - OPEN_START) << POS_BITS) | (cluster_id & ((1 << POS_BITS) - 1))


def position_of(sort_seconds: int) -> int:
    """The first place at a given second (a bound for range queries)."""
    return (max(OPEN_START, min(OPEN_END, sort_seconds)) - OPEN_START) << POS_BITS
