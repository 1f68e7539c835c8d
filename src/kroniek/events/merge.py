"""Event coreference: when two event mentions tell of one event.

Two event mentions are linked when their dates are compatible and what
they say is alike:

* dates: the intervals intersect (both at most :data:`NARROW_DAYS` wide,
  or with the same TIMEX3 value);
* likeness, from three signals: the same predicate (lemma or synonym class
  from the language data), shared participants (entities), and shared
  content words weighted by rarity (IDF over the mentions merged so far). A
  link needs the same predicate with shared participants or some shared
  content, or shared participants with more shared content, or much shared
  content (:data:`CONTENT_ONLY_TERMS` words at least).

Mentions with the same predicate and participants whose dates miss each
other by at most :data:`NEAR_DAYS` still link, and the event is flagged
"sources disagree". Within one article the same predicate with compatible
dates and a shared participant or some shared content
(:data:`WITHIN_LIKENESS`) is enough (a headline and its lead), unless the
predicate is a light verb of the language ("komen", "maken": ``light``). A
mention dated only as before (or after) a moment never links to one dated
more than :data:`NARROW_DAYS` further back (or ahead).

This module holds the link rules; :mod:`kroniek.events.online` applies
them, one article at a time, to the merged events found so far.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Hashable

NARROW_DAYS = 62
NEAR_DAYS = 7
#: Predicates shared by more than this share of all mentions say too little
#: ("komen", "gaan") to count as the same predicate.
COMMON_SHARE = 0.01
#: Predicates need more mentions than this before they can be common.
COMMON_MIN = 5
#: Shared content words a link on content alone needs (no predicate, no participant in common):
#: a short sentence shares half its words with too many others ("bleek deze week uit dat onderzoek").
CONTENT_ONLY_TERMS = 3
#: Shared content (see :func:`likeness`) that links two mentions of one predicate in one article.
WITHIN_LIKENESS = 0.1


@dataclass
class Mention:
    """One event mention as the merger sees it.

    Attributes:
        key: the caller's id for the mention (the event id in a database).
        article, group: its article and syndication group.
        predicate: synonym class of its trigger, or None.
        start, end: its bounds (None = open).
        value: TIMEX3 value of its date.
        terms: content words of its sentence (folded words, or the index's
            keys for them), no date words.
        entities: keys of the entities it involves.
        linkable: False for mentions that never merge with other articles'
            (statements about the present, reported speech acts).
        anchor: mentions with the same anchor (one sentence, one time
            expression) are one event from the start.
        light: its predicate is an auxiliary or light verb of its language,
            too general to tell two events of one article apart.
        copy: the same for copies of one sentence (a hash of its folded
            words), or None for a sentence too short to tell a copy from a
            coincidence.
        lang: the language of its article.
        sort_key: where it sorts on its own: its start, else its reference time.
        cluster: the merged event it belongs to (for mentions merged before).
    """

    key: int
    article: int
    group: int
    predicate: str | None
    start: datetime | None
    end: datetime | None
    value: str
    terms: frozenset = frozenset()
    entities: frozenset[str] = frozenset()
    linkable: bool = True
    anchor: str | None = None
    light: bool = False
    copy: Hashable | None = None
    lang: str = ""
    sort_key: datetime | None = None
    cluster: int | None = None

    @property
    def bounded(self) -> bool:
        """Both bounds known."""
        return self.start is not None and self.end is not None

    @property
    def days(self) -> float:
        """Width in days (infinite when open)."""
        if not self.bounded:
            return math.inf
        return (self.end - self.start).total_seconds() / 86400

    @property
    def narrow(self) -> bool:
        """Bounded and at most :data:`NARROW_DAYS` wide."""
        return self.days <= NARROW_DAYS


@dataclass
class Stats:
    """Corpus statistics the link rules read: how many mentions use each content word
    (IDF) and each predicate (commonness), over the mentions merged so far.

    Attributes:
        total: mentions merged so far (those of the article being merged included).
        df: content word (key) → mentions using it.
        predicates: predicate → mentions using it.
    """

    total: int
    df: dict = field(default_factory=dict)
    predicates: dict[str, int] = field(default_factory=dict)
    _totals: dict[int, float] = field(default_factory=dict, repr=False)

    def weight(self, term: Hashable) -> float:
        """Inverse document frequency of a content word (0 for an unknown one)."""
        count = self.df.get(term)
        if count is None:
            return 0.0
        return math.log((self.total + 1) / (count + 0.5))

    def common(self, predicate: str | None) -> bool:
        """True for a predicate used by more than :data:`COMMON_SHARE` of all mentions."""
        if predicate is None:
            return False
        return self.predicates.get(predicate, 0) > max(COMMON_MIN, COMMON_SHARE * self.total)

    def total_weight(self, m: Mention) -> float:
        """The summed weight of a mention's content words."""
        found = self._totals.get(id(m))
        if found is None:
            found = self._totals[id(m)] = sum(self.weight(t) for t in m.terms)
        return found


def likeness(a: Mention, b: Mention, stats: Stats) -> float:
    """Shared content, IDF-weighted, over the smaller mention's total (0..1)."""
    shared = a.terms & b.terms
    if not shared:
        return 0.0
    total = min(stats.total_weight(a), stats.total_weight(b))
    return sum(stats.weight(t) for t in shared) / total if total > 0 else 0.0


def overlap(a: Mention, b: Mention) -> bool:
    """True when the two intervals intersect (open sides reach forever)."""
    starts_before_b_ends = b.end is None or a.start is None or a.start < b.end
    b_starts_before_a_ends = a.end is None or b.start is None or b.start < a.end
    return starts_before_b_ends and b_starts_before_a_ends


def _gap_days(a: Mention, b: Mention) -> float:
    gap = max(a.start, b.start) - min(a.end, b.end)
    return gap.total_seconds() / 86400


def link_strength(a: Mention, b: Mention, stats: Stats) -> tuple[float, bool] | None:
    """How strongly two mentions are one event, and whether their dates disagree; None: unlinked.

    Narrow dated mentions link on the rules of the module docstring. A
    mention with an open or wide interval ("before March 2017") links only
    with the same predicate, shared participants and shared content, and
    only when the intervals intersect or carry the same value.
    """
    same_lemma = a.predicate is not None and a.predicate == b.predicate
    if not same_lemma and not (a.linkable and b.linkable):
        return None  # neither rule can link them
    if beyond_reach(a, b):
        return None
    same_pred = same_lemma and not stats.common(a.predicate) and not (a.light or b.light)
    if a.article == b.article and same_lemma and not (a.light or b.light) and overlap(a, b):
        # one article naming the same happening twice (headline and lead)
        sim = likeness(a, b, stats)
        if a.entities & b.entities or sim >= WITHIN_LIKENESS:
            return 1.0 + sim, False
    if not (a.linkable and b.linkable):
        return None
    shared_entities = len(a.entities & b.entities)
    shared_terms = len(a.terms & b.terms)
    if shared_terms < 2 and not same_pred and not shared_entities:
        return None
    sim = likeness(a, b, stats)
    strength = sim + (0.5 if same_pred else 0.0) + 0.25 * min(shared_entities, 2)
    if not (a.narrow and b.narrow):
        if same_pred and shared_entities and sim >= 0.3 and (a.value == b.value or overlap(a, b)):
            return strength, False
        return None
    if overlap(a, b):
        if (same_pred and (shared_entities or sim >= 0.2)) or (shared_entities and sim >= 0.3) \
                or (sim >= 0.45 and shared_terms >= CONTENT_ONLY_TERMS):
            return strength, False
        return None
    if _gap_days(a, b) <= NEAR_DAYS and same_pred and shared_entities and sim >= 0.3:
        return strength, True
    return None


_REACH = timedelta(days=NARROW_DAYS)


def beyond_reach(a: Mention, b: Mention) -> bool:
    """One mention is dated only as before (or after) a moment, its article's date mostly, and
    the other lies more than :data:`NARROW_DAYS` further back (or ahead): "In februari 2000
    werd Mozambique getroffen" is not the "getroffen" of a 2019 article that gives no date."""
    if a.start is not None and a.end is not None and b.start is not None and b.end is not None:
        return False
    for x, y in ((a, b), (b, a)):
        if x.start is None and x.end is not None and y.end is not None and y.end < x.end - _REACH:
            return True
        if x.end is None and x.start is not None and y.start is not None and y.start > x.start + _REACH:
            return True
    return False


def cluster(mentions: list[Mention]) -> list:
    """Merge mentions held in memory, one article at a time in the order of the list.

    A convenience over :class:`kroniek.events.online.Merger` with an
    in-memory index (tests, evaluation): the same rules and order as a
    database ingest of the same articles.

    Returns:
        :class:`kroniek.events.online.Merged` events, each with ``members``:
        indexes into ``mentions``.
    """
    from .online import merge_in_memory

    return merge_in_memory(mentions)
