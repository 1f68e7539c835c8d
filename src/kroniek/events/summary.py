"""What a timeline shows of a merged event, computed from its mentions (:func:`summarise`).

Its date is the intersection of its mentions' intervals (the hull when the
sources disagree), written as a TIMEX3 value at the coarsest calendar unit
it fills exactly; it sorts where that date starts, or, for an open start or
disagreeing sources, where its tightest mention sorts. Its independent
sources are its syndication groups, where two groups count once when a
mention of each stands in the same sentence (one sentence kept in two
versions of an article). Its representative is the mention with the
tightest date (then the most participants). Its salience is its number of
independent sources times its cohesion, plus half the log of its
participants' centrality: cohesion is the share of its mentions that share
an entity or two content words with the representative, so that a loose
merged event (sentences that only share a date) never outranks a tight one
on its size alone.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import Hashable

from ..temporal.calendar import Granularity, Interval
from ..temporal.values import value_of_interval
from .online import ClusterState


@dataclass
class Member:
    """One mention of a merged event, as its summary needs it.

    Attributes:
        key: the event mention's id.
        article, group: its article and syndication group.
        copy: its sentence's copy key (see :func:`kroniek.events.records.copy_key`), or None.
        start, end: its own bounds (None = open); value: its TIMEX3 value.
        sort_key: where it sorts on its own.
        predicate: its predicate, or None.
        entities: keys of the entities it involves.
    """

    key: int
    article: int
    group: int
    copy: Hashable | None
    start: datetime | None
    end: datetime | None
    value: str
    sort_key: datetime
    predicate: str | None = None
    entities: frozenset[str] = frozenset()
    terms: frozenset = frozenset()

    @property
    def days(self) -> float:
        """Width in days (infinite when open)."""
        if self.start is None or self.end is None:
            return math.inf
        return (self.end - self.start).total_seconds() / 86400


@dataclass
class Summary:
    """A merged event as a timeline shows it.

    Attributes:
        value, granularity: TIMEX3 value and unit of its date.
        start, end: its date's bounds (None = open); disagree: its sources' dates do not meet.
        sort_key: where it sorts.
        mentions, sources, articles: how many mentions, independent sources and articles.
        representative: the key of its representative mention.
        salience: independent sources times cohesion, plus entity centrality.
        predicate: its most frequent predicate, or None.
        entities: keys of the entities its mentions involve.
    """

    value: str
    granularity: str
    start: datetime | None
    end: datetime | None
    disagree: bool
    sort_key: datetime
    mentions: int
    sources: int
    articles: int
    representative: int
    salience: float
    predicate: str | None
    entities: frozenset[str]


def independent_sources(members: list) -> int:
    """How many independent sources tell of one merged event: syndication groups, where two
    groups count once when a mention of each stands in the same sentence (its ``copy`` key).

    Args:
        members: objects with ``group`` and ``copy``.

    Returns:
        The number of sources, at least 1 for a non-empty list.
    """
    parent = {m.group: m.group for m in members}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen: dict = {}
    for m in members:
        if m.copy is not None:
            other = seen.setdefault(m.copy, m.group)
            parent[find(m.group)] = find(other)
    return len({find(g) for g in parent})


def date_value(state: ClusterState, members: list[Member]) -> tuple[str, str]:
    """TIMEX3 value and granularity of a merged event's date."""
    tightest = min(members, key=lambda m: (m.days, m.key))
    if state.start is None or state.end is None:
        return tightest.value, "day"
    for gran in (Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR):
        probe = Interval(state.start, state.end, gran)
        if probe.is_exact_unit:
            return value_of_interval(probe), gran.label
    days = (state.end - state.start).total_seconds() / 86400
    return tightest.value, ("day" if days <= 62 else "month" if days <= 731 else "year")


def cohesion(members: list[Member], representative: Member) -> float:
    """The share of a merged event's mentions (the representative counted) that share an entity
    or at least two content words with its representative: 1 for a tight event, near 0 for
    sentences that only share a date."""
    if len(members) == 1:
        return 1.0
    close = sum(1 for m in members if m is representative or m.entities & representative.entities
                or len(m.terms & representative.terms) >= 2)
    return close / len(members)


def summarise(state: ClusterState, members: list[Member], centrality: dict[str, int]) -> Summary:
    """The summary of a merged event from its state and every one of its mentions.

    Args:
        state: its date (see :class:`~kroniek.events.online.ClusterState`).
        members: all its mentions (at least one).
        centrality: entity key → mentions involving that entity, over the archive.

    Raises:
        ValueError: no members.
    """
    if not members:
        raise ValueError("a merged event without mentions")
    value, gran = date_value(state, members)
    if state.start is not None and not state.disagree:
        sort_key = state.start
    else:
        sort_key = min(members, key=lambda m: (m.days, m.sort_key, m.key)).sort_key
    sources = independent_sources(members)
    entities = frozenset().union(*(m.entities for m in members))
    representative = max(members, key=lambda m: (-m.days, len(m.entities), -m.key))
    salience = sources * cohesion(members, representative) \
        + 0.5 * math.log1p(sum(centrality.get(e, 0) for e in entities))
    counts = Counter(m.predicate for m in members if m.predicate)
    predicate = min(counts, key=lambda p: (-counts[p], p)) if counts else None
    return Summary(value, gran, state.start, state.end, state.disagree, sort_key, len(members), sources,
                   len({m.article for m in members}), representative.key, salience, predicate, entities)
