"""Incremental event merging: one article at a time, against candidates found by blocking keys.

Articles are merged in the order they were stored, each in one step
(:meth:`Merger.add_article`):

1. its mentions' content words get the known parts of compound words
   ("brexitdeadline" → "brexit", "deadline": parts used by at least
   :data:`KNOWN_PART_DF` mentions before), and the running statistics (IDF,
   predicate counts) take them in;
2. candidates are the mentions merged before that share a blocking key
   with a new mention (:func:`block_keys`): its predicate, an entity, a
   rare content word or an entity with its predicate, near it in time; at
   most :data:`BLOCK_CAP` on each side of it in time per key;
3. every pair of a new mention with a candidate or with another new
   mention is scored by :func:`kroniek.events.merge.link_strength`;
4. links are applied strongest first: two merged events join only while
   the intersection of their intervals stays non-empty (or the link says
   the sources disagree), no event whose sources disagree takes more, and
   a merged event whose mentions are dated on one side only ("before 20
   March") keeps them within :data:`~kroniek.events.merge.NARROW_DAYS` of
   each other (:meth:`ClusterState.within_reach`).

The result of a step depends only on what was merged before, so an
archive ingested in ten runs merges exactly as one ingested in one run.
The index of what was merged before is the caller's
(:class:`MergeIndex`): a database (:mod:`kroniek.store`) or memory
(:class:`MemoryIndex`).
"""
from __future__ import annotations

import math
from abc import ABC, abstractmethod
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Hashable, Iterable

from .merge import NARROW_DAYS, NEAR_DAYS, Mention, Stats, link_strength

#: Content words used by more mentions than this (or than BLOCK_SHARE of all) are too common to block on.
MAX_BLOCK = 300
BLOCK_SHARE = 0.001
#: Candidates per blocking key and side (before and after the mention in time).
BLOCK_CAP = 25
#: How far (days) a mention with an open or wide date looks for one with its predicate and an entity.
WIDE_REACH = 400
#: Mentions a word needs before it counts as a part of compound words.
KNOWN_PART_DF = 3
#: The shortest part of a compound word.
MIN_PART = 4
_EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def day_number(moment: datetime) -> int:
    """Whole days since 1970-01-01 UTC (negative before)."""
    return math.floor((moment - _EPOCH).total_seconds() / 86400)


def anchor_day(m: Mention) -> int:
    """The day a mention is indexed under: its start, else its end, else day 0."""
    when = m.start or m.end
    return day_number(when) if when is not None else 0


def block_limit(total: int) -> int:
    """The most mentions a content word may have and still be a blocking key."""
    return max(MAX_BLOCK, int(BLOCK_SHARE * total))


def compound_parts(term: str) -> set[str]:
    """The prefixes and suffixes of a word that could be words of a compound ("brexit" of "brexitdeal")."""
    out = set()
    for n in range(MIN_PART, len(term) - MIN_PART + 1):
        out.add(term[:n])
        out.add(term[-n:])
    return out


@dataclass
class ClusterState:
    """What merging needs of a merged event: its date and the reach of its one-sided mentions.

    Attributes:
        start, end: the intersection of its mentions' intervals (the hull
            when the sources disagree); None = open.
        disagree: its sources' dates do not intersect.
        open_end_max: the latest end among mentions dated only "before" a moment.
        end_min: the earliest end of any mention with an end.
        open_start_min: the earliest start among mentions dated only "after" a moment.
        start_max: the latest start of any mention with a start.
    """

    start: datetime | None
    end: datetime | None
    disagree: bool = False
    open_end_max: datetime | None = None
    end_min: datetime | None = None
    open_start_min: datetime | None = None
    start_max: datetime | None = None

    @classmethod
    def of(cls, m: Mention) -> "ClusterState":
        """The state of a merged event of one mention."""
        return cls(m.start, m.end, False, m.end if m.start is None else None, m.end,
                   m.start if m.end is None else None, m.start)

    def within_reach(self) -> bool:
        """No mention ends more than NARROW_DAYS before a mention dated only "before" a
        moment ends (nor starts more than that after one dated only "after" one starts)."""
        reach = timedelta(days=NARROW_DAYS)
        if self.open_end_max is not None and self.end_min is not None and self.end_min < self.open_end_max - reach:
            return False
        if self.open_start_min is not None and self.start_max is not None \
                and self.start_max > self.open_start_min + reach:
            return False
        return True

    def joined(self, other: "ClusterState", disagree: bool) -> "ClusterState | None":
        """The state of both merged into one, or None when they may not merge.

        Args:
            disagree: the link between them allows dates that miss each other.
        """
        if self.disagree or other.disagree:
            return None  # an event whose sources disagree takes no further mentions
        starts = [x for x in (self.start, other.start) if x is not None]
        ends = [x for x in (self.end, other.end) if x is not None]
        start, end = (max(starts) if starts else None), (min(ends) if ends else None)
        empty = start is not None and end is not None and start >= end
        if empty and not disagree:
            return None
        if empty:  # the sources disagree: the event spans what they say
            start = None if self.start is None or other.start is None else min(self.start, other.start)
            end = None if self.end is None or other.end is None else max(self.end, other.end)
        merged = ClusterState(start, end, empty, _max(self.open_end_max, other.open_end_max),
                              _min(self.end_min, other.end_min), _min(self.open_start_min, other.open_start_min),
                              _max(self.start_max, other.start_max))
        return merged if merged.within_reach() else None


def _max(a, b):
    return b if a is None else a if b is None else max(a, b)


def _min(a, b):
    return b if a is None else a if b is None else min(a, b)


@dataclass(frozen=True)
class BlockQuery:
    """Find indexed mentions under ``key`` with a day in ``[lo, hi]``: at most ``cap`` at or
    before ``center`` (the latest first) and ``cap`` after it (the earliest first).
    ``kind`` is the key's kind (``p``, ``e``, ``ep``, ``t``)."""

    key: str
    lo: int
    hi: int
    center: int
    kind: str = "t"
    cap: int = BLOCK_CAP


@dataclass(frozen=True)
class IndexEntry:
    """One blocking key of a mention, with the day it is indexed under."""

    key: str
    day: int
    mention: int


@dataclass
class Outcome:
    """One merged event a step made or changed.

    Attributes:
        cluster: the id of the merged event it continues, or None for a new one.
        absorbs: ids of other merged events it swallowed (they end).
        mentions: keys of the step's new mentions in it.
        state: its new state.
    """

    cluster: int | None
    absorbs: list[int]
    mentions: list[int]
    state: ClusterState


@dataclass
class Step:
    """What merging one article decided, for the index to apply.

    Attributes:
        mentions: the article's mentions, their terms now index keys.
        outcomes: the merged events made or changed; every new mention is in one.
        entries: blocking keys to index.
        df: content word key → mentions to add to its count.
        predicates: predicate → mentions to add.
        entities: entity key → mentions to add (entity centrality).
    """

    mentions: list[Mention]
    outcomes: list[Outcome]
    entries: list[IndexEntry]
    df: Counter
    predicates: Counter
    entities: Counter


class MergeIndex(ABC):
    """The mentions merged so far, as the merger queries them."""

    @abstractmethod
    def known_terms(self, terms: set[str]) -> set[str]:
        """Those of ``terms`` used by at least :data:`KNOWN_PART_DF` mentions."""

    @abstractmethod
    def term_keys(self, terms: set[str]) -> dict[str, Hashable]:
        """Each word's key in the index (made when new)."""

    @abstractmethod
    def term_counts(self, keys: Iterable[Hashable]) -> dict[Hashable, int]:
        """How many mentions use each content word (0 when none)."""

    @abstractmethod
    def predicate_counts(self, predicates: Iterable[str]) -> dict[str, int]:
        """How many mentions have each predicate."""

    @abstractmethod
    def total(self) -> int:
        """Mentions merged so far."""

    @abstractmethod
    def lookup(self, queries: list[BlockQuery]) -> dict[int, Counter]:
        """Keys of the mentions the queries find, each with how many queries of each kind found it."""

    @abstractmethod
    def mentions(self, keys: set[int]) -> list[Mention]:
        """The merged mentions with these keys, each with its ``cluster``."""

    @abstractmethod
    def clusters(self, ids: set[int]) -> dict[int, ClusterState]:
        """The states of these merged events."""


def block_keys(m: Mention) -> list[tuple[str, Hashable, str]]:
    """Every blocking key of a mention as ``(kind, value, key)``: kind ``p`` (its predicate),
    ``e`` (an entity), ``ep`` (an entity with its predicate) or ``t`` (a content word, for
    narrow mentions only; value: the word's key)."""
    keys: list[tuple[str, Hashable, str]] = []
    predicate = m.predicate if m.predicate and not m.light else None
    if predicate:
        keys.append(("p", predicate, f"p:{predicate}"))
    for e in sorted(m.entities):
        keys.append(("e", e, f"e:{e}"))
        if predicate:
            keys.append(("ep", e, f"ep:{e}|{predicate}"))
    if m.narrow:
        keys.extend(("t", t, f"t:{t}") for t in sorted(m.terms, key=str))
    return keys


class Merger:
    """Merges articles into the merged events of an index, one article per step.

    Args:
        index: what was merged before.
    """

    def __init__(self, index: MergeIndex):
        self.index = index

    def add_article(self, records: list[Mention]) -> Step:
        """Merge one article's mentions (their ``terms`` are folded words).

        Returns:
            The :class:`Step`, for the index to apply (nothing is written here).
        """
        index = self.index
        raw = [set(m.terms) for m in records]
        parts = set().union(*(compound_parts(t) for terms in raw for t in terms)) if records else set()
        known = index.known_terms(parts) if parts else set()
        for m, terms in zip(records, raw):
            extra = {p for t in terms for p in compound_parts(t) if p in known}
            m.terms = frozenset(terms | extra)
        keys = index.term_keys(set().union(*(m.terms for m in records)) if records else set())
        for m in records:
            m.terms = frozenset(keys[t] for t in m.terms)
        df_inc = Counter(k for m in records for k in m.terms)
        pred_inc = Counter(m.predicate for m in records if m.predicate)
        total = index.total() + len(records)
        df = {k: c + df_inc[k] for k, c in index.term_counts(df_inc).items()}
        preds = {p: c + pred_inc[p] for p, c in index.predicate_counts(pred_inc).items()}
        stats = Stats(total, df, preds)
        found = index.lookup([q for m in records if m.linkable for q in self._queries(m, stats)])
        # a link needs a predicate or an entity in common, or two content words at least
        worth = {k for k, hits in found.items() if hits["t"] >= 2 or len(hits) > ("t" in hits)}
        candidates = [c for c in index.mentions(worth) if c.linkable]
        extra_terms = {t for c in candidates for t in c.terms} - df.keys()
        df.update(index.term_counts(extra_terms))
        extra_preds = {c.predicate for c in candidates if c.predicate} - preds.keys()
        preds.update(index.predicate_counts(extra_preds))
        states = index.clusters({c.cluster for c in candidates})
        outcomes = self._union(records, candidates, states, stats)
        entries = [IndexEntry(key, anchor_day(m), m.key) for m in records if m.linkable
                   for kind, value, key in block_keys(m) if kind != "t" or df.get(value, 0) <= block_limit(total)]
        entities = Counter(e for m in records for e in m.entities)
        return Step(records, outcomes, entries, df_inc, pred_inc, entities)

    def _queries(self, m: Mention, stats: Stats) -> list[BlockQuery]:
        center = anchor_day(m)
        out = []
        if m.narrow:
            lo = day_number(m.start) - NARROW_DAYS - NEAR_DAYS - 1
            hi = day_number(m.end) + NEAR_DAYS + 1
            for kind, value, key in block_keys(m):
                if kind == "ep":
                    continue
                if kind == "p" and stats.common(value):
                    continue  # a common predicate links nothing by itself
                if kind == "t" and stats.df.get(value, 0) > block_limit(stats.total):
                    continue
                out.append(BlockQuery(key, lo, hi, center, kind))
        for kind, _, key in block_keys(m):
            if kind == "ep":
                out.append(BlockQuery(key, center - WIDE_REACH, center + WIDE_REACH, center, kind))
        return out

    def _union(self, records: list[Mention], candidates: list[Mention], states: dict[int, ClusterState],
               stats: Stats) -> list[Outcome]:
        # nodes: ("n", i) for the article's mentions, ("c", id) for merged events found before
        links: list[tuple[float, tuple, tuple, bool]] = []
        anchored: dict[str, int] = {}
        for i, m in enumerate(records):
            if m.anchor is not None:
                if m.anchor in anchored:
                    links.append((math.inf, (1, anchored[m.anchor]), (1, i), False))
                else:
                    anchored[m.anchor] = i
            for j in range(i + 1, len(records)):
                found = link_strength(m, records[j], stats)
                if found:
                    links.append((found[0], (1, i), (1, j), found[1]))
            for c in candidates:
                if c.cluster not in states:
                    continue
                found = link_strength(c, m, stats)
                if found:
                    links.append((found[0], (0, c.key, c.cluster), (1, i), found[1]))
        parent: dict[tuple, tuple] = {}
        state: dict[tuple, ClusterState] = {}

        def node(ref: tuple) -> tuple:
            n = ("n", ref[1]) if ref[0] == 1 else ("c", ref[2])
            if n not in parent:
                parent[n] = n
                state[n] = ClusterState.of(records[ref[1]]) if ref[0] == 1 else states[ref[2]]
            return n

        def find(x: tuple) -> tuple:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for i in range(len(records)):
            node((1, i))
        for strength, a, b, disagree in sorted(links, key=lambda x: (-x[0], x[1][:2], x[2][:2])):
            ra, rb = find(node(a)), find(node(b))
            if ra == rb:
                continue
            merged = state[ra].joined(state[rb], disagree)
            if merged is None:
                continue
            parent[rb] = ra
            state[ra] = merged
            del state[rb]
        groups: dict[tuple, list[tuple]] = {}
        for n in parent:
            groups.setdefault(find(n), []).append(n)
        outcomes = []
        for root, members in groups.items():
            new = sorted(records[i].key for kind, i in members if kind == "n")
            old = sorted(i for kind, i in members if kind == "c")
            if not new:
                continue  # a merged event found as a candidate that took nothing
            outcomes.append(Outcome(old[0] if old else None, old[1:], new, state[root]))
        outcomes.sort(key=lambda o: o.mentions[0])
        return outcomes


@dataclass
class Merged:
    """A merged event held in memory: its mentions (by position in the caller's list) and its date."""

    members: list[int]
    start: datetime | None
    end: datetime | None
    disagree: bool = False


class MemoryIndex(MergeIndex):
    """A :class:`MergeIndex` in memory (tests, evaluation): content words are their own keys."""

    def __init__(self) -> None:
        self.df: Counter = Counter()
        self.predicates: Counter = Counter()
        self.entities: Counter = Counter()
        self.count = 0
        self.by_key: dict[int, Mention] = {}
        self.blocks: dict[str, list[tuple[int, int]]] = {}
        self.states: dict[int, ClusterState] = {}
        self.members: dict[int, list[int]] = {}
        self._next = 1

    def known_terms(self, terms: set[str]) -> set[str]:
        return {t for t in terms if self.df.get(t, 0) >= KNOWN_PART_DF}

    def term_keys(self, terms: set[str]) -> dict[str, Hashable]:
        return {t: t for t in terms}

    def term_counts(self, keys: Iterable[Hashable]) -> dict[Hashable, int]:
        return {k: self.df.get(k, 0) for k in keys}

    def predicate_counts(self, predicates: Iterable[str]) -> dict[str, int]:
        return {p: self.predicates.get(p, 0) for p in predicates}

    def total(self) -> int:
        return self.count

    def lookup(self, queries: list[BlockQuery]) -> dict[int, Counter]:
        out: dict[int, Counter] = {}
        for q in queries:
            entries = self.blocks.get(q.key, [])
            before = [e for e in entries if q.lo <= e[0] <= q.center]
            after = [e for e in entries if q.center < e[0] <= q.hi]
            before.sort(key=lambda e: (-e[0], -e[1]))
            after.sort()
            for _, k in before[:q.cap] + after[:q.cap]:
                out.setdefault(k, Counter())[q.kind] += 1
        return out

    def mentions(self, keys: set[int]) -> list[Mention]:
        return [self.by_key[k] for k in sorted(keys)]

    def clusters(self, ids: set[int]) -> dict[int, ClusterState]:
        return {i: self.states[i] for i in ids if i in self.states}

    def apply(self, step: Step) -> None:
        """Take in what a step decided."""
        self.df.update(step.df)
        self.predicates.update(step.predicates)
        self.entities.update(step.entities)
        self.count += len(step.mentions)
        for m in step.mentions:
            self.by_key[m.key] = m
        for o in step.outcomes:
            cid = o.cluster
            if cid is None:
                cid, self._next = self._next, self._next + 1
                self.members[cid] = []
            for gone in o.absorbs:
                for k in self.members.pop(gone):
                    self.by_key[k].cluster = cid
                    self.members[cid].append(k)
                del self.states[gone]
            for k in o.mentions:
                self.by_key[k].cluster = cid
                self.members[cid].append(k)
            self.states[cid] = o.state
        for e in step.entries:
            self.blocks.setdefault(e.key, []).append((e.day, e.mention))


def merge_in_memory(mentions: list[Mention]) -> list[Merged]:
    """Merge mentions held in memory, article by article in order of first appearance.

    Returns:
        The merged events, in the order they were made, each with
        ``members``: indexes into ``mentions``.
    """
    index = MemoryIndex()
    merger = Merger(index)
    where = {id(m): n for n, m in enumerate(mentions)}
    articles: dict[int, list[Mention]] = {}
    for m in mentions:
        articles.setdefault(m.article, []).append(m)
    for records in articles.values():
        index.apply(merger.add_article(records))
    position = {m.key: where[id(m)] for m in mentions}
    return [Merged(sorted(position[k] for k in members), index.states[cid].start, index.states[cid].end,
                   index.states[cid].disagree)
            for cid, members in sorted(index.members.items())]
