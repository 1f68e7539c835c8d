"""Event coreference across articles and date triangulation.

Two event mentions are linked when their dates are compatible and what
they say is alike:

* dates: the intervals intersect (both at most :data:`NARROW_DAYS` wide,
  or with the same TIMEX3 value);
* likeness, from three signals: the same predicate (lemma or synonym class
  from the language data), shared participants (entities), and shared
  content words weighted by rarity (IDF over all mentions). A link needs
  the same predicate with shared participants or some shared content, or
  shared participants with more shared content, or much shared content
  (:data:`CONTENT_ONLY_TERMS` words at least).

Links are applied strongest first; two groups merge only while the
intersection of all their intervals stays non-empty, so a merged event's
date is the intersection of its mentions' intervals (date triangulation).
Mentions with the same predicate and participants whose dates miss each
other by at most :data:`NEAR_DAYS` still merge, and the event is flagged
"sources disagree"; each source keeps its own date. Within one article the
same predicate with compatible dates and a shared participant or some shared
content (:data:`WITHIN_LIKENESS`) is enough (a headline and its lead), unless
the predicate is a light verb of the language ("komen", "maken": ``light``).
A mention dated only as before (or after) a moment never links to one dated
more than :data:`NARROW_DAYS` further back (or ahead).
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from ..temporal.calendar import clamp_add

NARROW_DAYS = 62
NEAR_DAYS = 7
#: Predicates shared by more than this share of all mentions say too little
#: ("komen", "gaan") to count as the same predicate.
COMMON_SHARE = 0.01
COMMON: set[str] = set()
#: Shared content words a link on content alone needs (no predicate, no participant in common):
#: a short sentence shares half its words with too many others ("bleek deze week uit dat onderzoek").
CONTENT_ONLY_TERMS = 3
#: Shared content (see :func:`likeness`) that links two mentions of one predicate in one article.
WITHIN_LIKENESS = 0.1


@dataclass
class Mention:
    """One event mention as the merger sees it.

    Attributes:
        key: the caller's id for the mention.
        article, group: its article and syndication group.
        predicate: synonym class of its trigger, or None.
        start, end: its bounds (None = open).
        value: TIMEX3 value of its date.
        terms: content words of its sentence (folded, no date words).
        entities: keys of the entities it involves.
        linkable: False for mentions that never merge (statements about the
            present, reported speech acts).
        anchor: mentions with the same anchor (one sentence, one time
            expression) are one event from the start.
        light: its predicate is an auxiliary or light verb of its language,
            too general to tell two events of one article apart.
        copy: the same for copies of one sentence (its words, folded), or None
            for a sentence too short to tell a copy from a coincidence.
    """

    key: int
    article: int
    group: int
    predicate: str | None
    start: datetime | None
    end: datetime | None
    value: str
    terms: frozenset[str] = frozenset()
    entities: frozenset[str] = frozenset()
    linkable: bool = True
    anchor: str | None = None
    light: bool = False
    copy: str | None = None
    weight: float | None = None

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


@dataclass
class Cluster:
    """A merged event: its mentions and its triangulated interval."""

    members: list[int]
    start: datetime | None
    end: datetime | None
    disagree: bool = False
    links: list[float] = field(default_factory=list)


def split_compounds(mentions: list[Mention], min_part: int = 4, min_df: int = 3) -> None:
    """Add the known parts of compound words to the mentions' terms.

    A term that starts or ends with another term used by at least
    ``min_df`` mentions gets that part too ("brexitdeadline" → "brexit",
    "deadline"), so compounds of languages that write them as one word
    still share content with their parts.
    """
    df: dict[str, int] = {}
    for m in mentions:
        for term in m.terms:
            df[term] = df.get(term, 0) + 1
    known = sorted((t for t, c in df.items() if c >= min_df and len(t) >= min_part), key=len, reverse=True)
    by_length: dict[int, set[str]] = {}
    for t in known:
        by_length.setdefault(len(t), set()).add(t)
    lengths = sorted(by_length)
    for m in mentions:
        extra = set()
        for term in m.terms:
            for n in lengths:
                if n > len(term) - min_part:
                    break
                if term[:n] in by_length[n]:
                    extra.add(term[:n])
                if term[-n:] in by_length[n]:
                    extra.add(term[-n:])
        if extra - m.terms:
            m.terms = m.terms | frozenset(extra)


def idf(mentions: list[Mention]) -> dict[str, float]:
    """Inverse document frequency of each content word over the mentions."""
    counts: dict[str, int] = {}
    for m in mentions:
        for term in m.terms:
            counts[term] = counts.get(term, 0) + 1
    n = max(len(mentions), 1)
    return {term: math.log((n + 1) / (c + 0.5)) for term, c in counts.items()}


def likeness(a: Mention, b: Mention, weights: dict[str, float]) -> float:
    """Shared content, IDF-weighted, over the smaller mention's total (0..1)."""
    shared = a.terms & b.terms
    if not shared:
        return 0.0
    total = min(_total(a, weights), _total(b, weights))
    return sum(weights.get(t, 0.0) for t in shared) / total if total > 0 else 0.0


def _total(m: Mention, weights: dict[str, float]) -> float:
    if m.weight is None:
        m.weight = sum(weights.get(t, 0.0) for t in m.terms)
    return m.weight


def _overlap(a: Mention, b: Mention) -> bool:
    """True when the two intervals intersect (open sides reach forever)."""
    starts_before_b_ends = b.end is None or a.start is None or a.start < b.end
    b_starts_before_a_ends = a.end is None or b.start is None or b.start < a.end
    return starts_before_b_ends and b_starts_before_a_ends


def _gap_days(a: Mention, b: Mention) -> float:
    gap = max(a.start, b.start) - min(a.end, b.end)
    return gap.total_seconds() / 86400


def link_strength(a: Mention, b: Mention, weights: dict[str, float]) -> tuple[float, bool] | None:
    """How strongly two mentions are one event, and whether their dates disagree; None: unlinked.

    Narrow dated mentions link on the rules of the module docstring. A
    mention with an open or wide interval ("before March 2017") links only
    with the same predicate, shared participants and shared content, and
    only when the intervals intersect or carry the same value.
    """
    same_lemma = a.predicate is not None and a.predicate == b.predicate
    same_pred = same_lemma and a.predicate not in COMMON and not (a.light or b.light)
    if _beyond_reach(a, b):
        return None
    if a.article == b.article and same_lemma and not (a.light or b.light) and _overlap(a, b):
        # one article naming the same happening twice (headline and lead)
        sim = likeness(a, b, weights)
        if a.entities & b.entities or sim >= WITHIN_LIKENESS:
            return 1.0 + sim, False
    if not (a.linkable and b.linkable):
        return None
    shared_entities = len(a.entities & b.entities)
    sim = likeness(a, b, weights)
    if len(a.terms & b.terms) < 2 and not same_pred and not shared_entities:
        return None
    strength = sim + (0.5 if same_pred else 0.0) + 0.25 * min(shared_entities, 2)
    narrow = a.days <= NARROW_DAYS and b.days <= NARROW_DAYS
    if not narrow:
        if same_pred and shared_entities and sim >= 0.3 and (a.value == b.value or _overlap(a, b)):
            return strength, False
        return None
    if _overlap(a, b):
        if (same_pred and (shared_entities or sim >= 0.2)) or (shared_entities and sim >= 0.3) \
                or (sim >= 0.45 and len(a.terms & b.terms) >= CONTENT_ONLY_TERMS):
            return strength, False
        return None
    if _gap_days(a, b) <= NEAR_DAYS and same_pred and shared_entities and sim >= 0.3:
        return strength, True
    return None


def _beyond_reach(a: Mention, b: Mention) -> bool:
    """One mention is dated only as before (or after) a moment, its article's date mostly, and
    the other lies more than :data:`NARROW_DAYS` further back (or ahead): "In februari 2000
    werd Mozambique getroffen" is not the "getroffen" of a 2019 article that gives no date."""
    reach = timedelta(days=NARROW_DAYS)
    for x, y in ((a, b), (b, a)):
        if x.start is None and x.end is not None and y.end is not None and y.end < x.end - reach:
            return True
        if x.end is None and x.start is not None and y.start is not None and y.start > x.start + reach:
            return True
    return False


#: Content words shared by more mentions than this are too common to block on.
MAX_BLOCK = 300


def _candidates(mentions: list[Mention]) -> set[tuple[int, int]]:
    """Pairs worth comparing: those sharing a predicate, an entity or a rare
    content word, and (for narrow mentions) near each other in time."""
    blocks: dict[str, list[int]] = {}
    pairs: set[tuple[int, int]] = set()
    same_article: dict[tuple[int, str], list[int]] = {}
    for n, m in enumerate(mentions):
        if m.predicate:
            same_article.setdefault((m.article, m.predicate), []).append(n)
    for members in same_article.values():
        for x, i in enumerate(members):
            for j in members[x + 1:]:
                pairs.add((i, j))
    for n, m in enumerate(mentions):
        keys = [f"p:{m.predicate}"] if m.predicate else []
        keys += [f"e:{e}" for e in m.entities]
        if m.days <= NARROW_DAYS:
            keys += [f"t:{t}" for t in m.terms]
        for key in keys:
            blocks.setdefault(key, []).append(n)
    for key, members in blocks.items():
        narrow = sorted((n for n in members if mentions[n].days <= NARROW_DAYS),
                        key=lambda n: (mentions[n].start, n))
        if key.startswith("t:") and len(narrow) > MAX_BLOCK:
            continue
        for x, i in enumerate(narrow):
            reach = clamp_add(mentions[i].end, timedelta(days=NEAR_DAYS))  # 9999-12-31 + 2 days
            for j in narrow[x + 1:]:
                if mentions[j].start >= reach:
                    break
                pairs.add((i, j) if i < j else (j, i))
        if key.startswith("e:"):
            wide = [n for n in members if mentions[n].days > NARROW_DAYS and mentions[n].predicate]
            for i in wide:
                for j in members:
                    if j != i and mentions[j].predicate == mentions[i].predicate:
                        pairs.add((i, j) if i < j else (j, i))
    return pairs


def _meet(a: Cluster, b: Cluster) -> tuple[datetime | None, datetime | None]:
    """The intersection of two clusters' intervals (None = open)."""
    starts = [x for x in (a.start, b.start) if x is not None]
    ends = [x for x in (a.end, b.end) if x is not None]
    return (max(starts) if starts else None), (min(ends) if ends else None)


def _hull(a: Cluster, b: Cluster) -> tuple[datetime | None, datetime | None]:
    start = None if a.start is None or b.start is None else min(a.start, b.start)
    end = None if a.end is None or b.end is None else max(a.end, b.end)
    return start, end


def cluster(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions into events (see module docstring); every mention ends in one cluster."""
    split_compounds(mentions)
    weights = idf(mentions)
    counts: dict[str, int] = {}
    for m in mentions:
        if m.predicate:
            counts[m.predicate] = counts.get(m.predicate, 0) + 1
    COMMON.clear()
    COMMON.update(p for p, c in counts.items() if c > max(5, COMMON_SHARE * len(mentions)))
    links: list[tuple[float, int, int, bool]] = []
    anchored: dict[str, int] = {}
    for n, m in enumerate(mentions):
        if m.anchor is not None:
            if m.anchor in anchored:
                links.append((math.inf, anchored[m.anchor], n, False))
            else:
                anchored[m.anchor] = n
    for i, j in sorted(_candidates(mentions)):
        found = link_strength(mentions[i], mentions[j], weights)
        if found:
            links.append((found[0], i, j, found[1]))
    parent = list(range(len(mentions)))
    state = {n: Cluster([n], mentions[n].start, mentions[n].end) for n in range(len(mentions))}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for strength, i, j, disagree in sorted(links, key=lambda x: (-x[0], x[1], x[2])):
        ri, rj = find(i), find(j)
        if ri == rj:
            continue
        a, b = state[ri], state[rj]
        if a.disagree or b.disagree:
            continue  # an event whose sources disagree takes no further mentions
        start, end = _meet(a, b)
        empty = start is not None and end is not None and start >= end
        if empty and not disagree:
            continue
        merged = Cluster(a.members + b.members, start, end, a.disagree or b.disagree or empty,
                         a.links + b.links + [strength])
        if merged.disagree:
            merged.start, merged.end = _hull(a, b)
        parent[rj] = ri
        state[ri] = merged
        del state[rj]
    return [state[r] for r in sorted(state)]
