"""The Python API for timelines: :class:`Timeline`.

Usage::

    >>> from kroniek import Timeline
    >>> tl = Timeline("kroniek.db")
    >>> for entry in tl.entries("Brexit", start="2019-03", end="2019-04", min_sources=2):
    ...     print(entry.value, entry.sources, entry.sentence)
"""
from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from ..errors import DateError, UsageError
from ..store import Store, TimelineQuery, open_store
from ..temporal.dct import parse_dct
from .topics import words

GRANULARITIES = ("day", "week", "month")


@dataclass
class TimelineEntry:
    """One merged event on a timeline.

    Attributes:
        cluster: the merged event's id.
        value: TIMEX3 value of its tightest date.
        start, end: its interval as UTC ISO text; None where open.
        granularity: the unit the date is known to.
        sources: the number of independent sources (syndicated copies count once).
        mentions: how many event mentions were merged.
        disagree: True when the sources' dates do not intersect.
        salience: independent sources plus entity centrality.
        sentence, expression, anchoring, relation, signal, article, entities:
            those of its representative mention.
        match: ``sentence``, ``entity``, ``article`` or ``date`` (a date range alone): how the query found it.
        sort_key: where it sorts (UTC ISO): its start, or for an open start
            the time it is related to (the publication date for "before it").
        group: the ``--granularity`` heading it falls under, or None.
        members: every merged mention: its article, sentence, own date and source.
    """

    cluster: int
    value: str
    start: str | None
    end: str | None
    granularity: str
    sources: int
    mentions: int
    disagree: bool
    salience: float
    sentence: str
    expression: dict[str, Any] | None
    anchoring: str
    relation: str
    signal: str | None
    factuality: str
    claimed_by: str | None
    article: dict[str, Any]
    entities: list[dict[str, Any]]
    match: str
    sort_key: str = ""
    group: str | None = None
    members: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """The JSON shape of ``kroniek timeline --format json``."""
        return {
            "id": self.cluster,
            "date": {"value": self.value, "interval": {"start": self.start, "end": self.end,
                                                      "granularity": self.granularity},
                     "sort": self.sort_key},
            "sentence": self.sentence, "expression": self.expression, "anchoring": self.anchoring,
            "relation": self.relation, "signal": self.signal, "factuality": self.factuality,
            "claimed_by": self.claimed_by, "article": self.article, "entities": self.entities,
            "match": self.match, "group": self.group, "independent_sources": self.sources,
            "mentions": self.mentions, "sources_disagree": self.disagree,
            "salience": round(self.salience, 3), "sources": self.members,
        }


def query_words(text: str) -> list[str]:
    """A user's words as the full-text index splits them (each one required).

    Raises:
        UsageError: the text has no words.
    """
    found = words(text)
    if not found:
        raise UsageError(f"the query {text!r} has no words to search for")
    return found


def bound(value: str | None, upper: bool) -> datetime | None:
    """A ``--from``/``--to`` date as a UTC moment; ``--to`` includes its whole unit.

    Raises:
        DateError: an impossible date.
    """
    if value is None:
        return None
    try:
        interval = parse_dct(value).interval
    except DateError as exc:
        raise DateError(f"{'--to' if upper else '--from'}: {exc}") from None
    return (interval.end if upper else interval.start).astimezone(timezone.utc)


class TimelinePage(list):
    """One page of timeline entries (a list of :class:`TimelineEntry`, in date order).

    Attributes:
        total: how many entries match in all (every page).
        offset: how many entries come before this page.
        limit: the page size asked for (None: everything).
        next: the cursor of the next page (give it as ``after``), or None on the last page.
    """

    def __init__(self, entries: list[TimelineEntry], total: int, offset: int, limit: int | None,
                 next_cursor: str | None):
        super().__init__(entries)
        self.total, self.offset, self.limit, self.next = total, offset, limit, next_cursor


class Timeline:
    """Timelines from a kroniek archive.

    Args:
        db: a database path, an open :class:`~kroniek.store.Store`, or an
            SQLite connection made by kroniek.

    Raises:
        StorageError: when the database does not exist.
    """

    def __init__(self, db: "str | Path | Store | sqlite3.Connection"):
        self.store = open_store(db, create=False)

    def entries(self, query: str | None = None, *, entity: str | None = None, start: str | None = None,
                end: str | None = None, granularity: str | None = None, min_sources: int = 1,
                top: int | None = None, direct: bool = False, limit: int | None = 100, offset: int = 0,
                after: str | None = None) -> TimelinePage:
        """Merged events that match, in date order, one page at a time.

        Args:
            query: words to find in the merged events' sentences and entity
                names (each word required), and, unless ``direct``, in the
                topic words of their articles.
            entity: a canonical entity's name, alias or id; only its events.
            start, end: dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ISO);
                keeps events whose date overlaps ``[start, end]``, where
                ``end`` includes its whole unit: their interval when both ends
                are known and the sources agree, else the day they are
                placed on. Filters on when it happened, not on publication date.
            granularity: ``day``, ``week`` or ``month``: fills ``group``.
            min_sources: keep events with at least this many independent sources.
            top: keep the ``top`` most salient events (still in date order).
            direct: leave out events that only come from articles about the query.
            limit: entries per page (default 100; None for all, which costs
                as much as there are matches).
            offset: entries to skip (page N of size L: ``offset = N * L``).
            after: instead of ``offset``, the ``next`` cursor of the page
                before (stays cheap deep into a large result).

        Returns:
            A :class:`TimelinePage`: the entries, by date, with ``total``
            (all matches) and ``next`` (the cursor of the following page).
            A page costs a fixed number of database statements, whatever
            its size.

        Raises:
            UsageError: no query, no entity and no date range, a query without words, an
                unknown granularity, a start after the end, a negative
                limit or offset, or a malformed cursor.
            DateError: an impossible start or end date.
        """
        if not query and not entity and start is None and end is None:
            raise UsageError("give words to search for, --entity NAME, a date range (--from, --to), or several")
        if granularity is not None and granularity not in GRANULARITIES:
            raise UsageError(f"granularity must be one of {', '.join(GRANULARITIES)}")
        if (limit is not None and limit < 1) or offset < 0:
            raise UsageError("the page size must be at least 1 and the offset at least 0")
        lo, hi = bound(start, False), bound(end, True)
        if lo is not None and hi is not None and lo >= hi:
            raise UsageError(f"the start {start} is after the end {end}")
        spec = TimelineQuery(words=query_words(query) if query else [], direct=direct, start=lo, end=hi,
                             min_sources=max(1, min_sources), top=top, limit=limit, offset=offset, after=after)
        if entity:
            found = self.store.find_entities(entity.strip())
            if found:
                spec.entity_ids = [row["id"] for row in found]
            else:  # no entity is called so: mentions named with these words ("May")
                spec.entity_words = query_words(entity)
        rows = self.store.timeline(spec)
        entries = [self._entry(c, rows) for c in rows.clusters]
        for e in entries:
            e.group = _group(e, granularity) if granularity else None
        return TimelinePage(entries, rows.total, offset if after is None else 0, limit, rows.next)

    def every(self, start: str | None = None, end: str | None = None):
        """Every merged event placed in ``[start, end]`` (dates as for :meth:`entries`), in date order.

        Yields:
            :class:`TimelineEntry` objects, read a page at a time.
        """
        for rows in self.store.events_between(bound(start, False), bound(end, True)):
            yield from (self._entry(c, rows) for c in rows.clusters)

    def event(self, cluster_id: int) -> TimelineEntry | None:
        """One merged event by its id (``TimelineEntry.cluster``), or None when there is none."""
        rows = self.store.event(cluster_id)
        return self._entry(rows.clusters[0], rows) if rows.clusters else None

    def _entry(self, c: dict[str, Any], rows) -> TimelineEntry:
        members = rows.members.get(c["id"], [])
        rep = next((m for m in members if m["id"] == c["representative"]), members[0] if members else None)
        entities = [{k: v for k, v in e.items()} for e in rows.entities.get(rep["id"], [])] if rep else []
        return TimelineEntry(
            cluster=c["id"], value=c["value"], start=c["start"], end=c["end"], granularity=c["granularity"],
            sources=c["sources"], mentions=c["mentions"], disagree=bool(c["disagree"]), salience=c["salience"],
            sentence=rep["sentence"], expression=_expression(rep), anchoring=rep["anchoring"],
            relation=rep["relation"], signal=rep["signal"], factuality=rep["factuality"],
            claimed_by=rep["source"], article=_article(rep), entities=entities,
            match=rows.match.get(c["pos"], "sentence"), sort_key=c["sort"], members=[_member(m) for m in members])


def _expression(m: dict[str, Any]) -> dict[str, Any] | None:
    if m["t_text"] is None:
        return None
    return {"text": m["t_text"], "value": m["t_value"], "mod": m["t_mod"], "rule": m["t_rule"],
            "reason": m["t_reason"], "start": m["t_start"], "end": m["t_end"],
            "sentence_start": m["t_start"] - m["s_start"], "sentence_end": m["t_end"] - m["s_start"]}


def _article(m: dict[str, Any]) -> dict[str, Any]:
    return {"id": m["ext_id"], "title": m["title"], "published": m["dct_value"], "source": m["publisher"],
            "url": m["url"]}


def _member(m: dict[str, Any]) -> dict[str, Any]:
    return {"article": _article(m), "sentence": m["sentence"], "value": m["value"],
            "interval": {"start": m["interval_start"], "end": m["interval_end"]},
            "expression": _expression(m), "relation": m["relation"], "factuality": m["factuality"],
            "claimed_by": m["source"], "syndication_group": m["grp"]}


def _group(e: TimelineEntry, granularity: str) -> str:
    """The heading an entry falls under: the day, ISO week or month it starts (or is placed on)."""
    when = e.start or e.sort_key
    if when is None:
        return "undated"
    day = when[:10]
    if granularity == "day":
        return day
    if granularity == "month":
        return day[:7]
    from datetime import date

    year, week, _ = date.fromisoformat(day).isocalendar()
    return f"{year}-W{week:02d}"
