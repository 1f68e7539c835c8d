"""Timeline pages from SQLite: merged events found through their full-text documents.

Every merged event has one document in ``cluster_fts`` whose rowid is its
place on the timeline (``clusters.pos``), so a query walks matching
documents in date order and a page costs a bounded number of statements,
whatever the archive's size:

* words: ``{text names about} : (...)`` (``{text names}`` when direct);
* an entity: its ``e<id>`` meta token (a name no entity has: the names column);
* at least N independent sources: the ``s<N>`` meta token;
* a date range alone: the ``doc`` meta token, which every document has;
* a date range ``[lo, hi)``: documents placed in it (part A), plus those
  placed up to NARROW_DAYS before ``lo`` (part B) and wide ones placed
  earlier that touch the range's years (part C), whose end is checked;
  both B and C are small.

The total is the count of part A (one full-text count) plus the checked
rows of B and C.
"""
from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from ...errors import UsageError
from ...events.merge import NARROW_DAYS
from ..base import TimelineQuery, TimelineRows
from ..sql import pages
from ..sql.db import Db, chunks, marks as _marks, row_number
from ..sql.merge import MAX_SOURCE_TOKEN, MAX_YEAR_TOKENS
from ..sql.times import OPEN_END, OPEN_START, position_of, seconds

_UTC = timezone.utc
_FIRST = position_of(OPEN_START)
_LAST = position_of(OPEN_END) + (1 << 24)
#: Above this many matches, --top ranks only the events with the most sources.
TOP_SCAN = 20000


def _quoted(words: list[str]) -> str:
    return " ".join(f'"{w}"' for w in words)


def expression(q: TimelineQuery, columns: str | None = None) -> str | None:
    """The FTS5 query of a timeline query, or None when nothing can match.

    Args:
        columns: the columns the words must be in (default: by ``q.direct``).
    """
    parts = []
    if q.words:
        cols = columns or ("{text names}" if q.direct else "{text names about}")
        parts.append(f"{cols} : ({_quoted(q.words)})")
    if q.entity_ids is not None:
        if not q.entity_ids:
            return None
        parts.append("meta : (" + " OR ".join(f"e{i}" for i in sorted(q.entity_ids)) + ")")
    if q.entity_words:
        parts.append(f"{{names}} : ({_quoted(q.entity_words)})")
    if q.min_sources >= 2:
        parts.append(f"meta : s{min(q.min_sources, MAX_SOURCE_TOKEN)}")
    if not parts and (q.start is not None or q.end is not None):
        parts.append("meta : doc")  # a date range alone: every document has this token
    return " AND ".join(parts) if parts else None


class _Plan:
    """The parts of a query's result in timeline order: checked rows before ``lo`` (B, C), then A."""

    def __init__(self, db: Db, q: TimelineQuery, match: str):
        self.db, self.q, self.match = db, q, match
        self.lo = seconds(q.start) if q.start is not None else None
        self.hi = seconds(q.end) if q.end is not None else None
        self.a_lo = position_of(self.lo) if self.lo is not None else _FIRST
        self.a_hi = position_of(self.hi) if self.hi is not None else _LAST
        self.check_sources = q.min_sources > MAX_SOURCE_TOKEN
        self.prefix = self._prefix()

    def _rows(self, match: str, lo: int, hi: int) -> list:
        return self.db.execute(
            "SELECT c.pos, c.interval_start, c.interval_end, c.disagree, c.sources FROM cluster_fts f"
            " JOIN clusters c ON c.pos = f.rowid WHERE cluster_fts MATCH ? AND f.rowid >= ? AND f.rowid < ?"
            " ORDER BY f.rowid", (match, lo, hi)).fetchall()

    def _prefix(self) -> list[int]:
        if self.lo is None:
            return []
        reach = position_of(self.lo - NARROW_DAYS * 86400)
        rows = self._rows(self.match, reach, self.a_lo)
        years = self._years()
        rows += self._rows(f"({self.match}) AND meta : ({years})", _FIRST, reach)
        keep = [r["pos"] for r in rows if self._spans(r)]
        return sorted(set(keep))

    def _years(self) -> str:
        if self.hi is None:
            return "wide"
        first = datetime.fromtimestamp(self.lo, tz=_UTC).year
        last = datetime.fromtimestamp(self.hi - 1, tz=_UTC).year
        if last - first + 1 > MAX_YEAR_TOKENS:
            return "wide"
        return " OR ".join([f"y{y}" for y in range(first, last + 1)] + ["yall"])

    def _spans(self, r) -> bool:
        """A merged event placed before ``lo`` whose agreed, bounded date reaches into the range."""
        if r["disagree"] or r["interval_start"] == OPEN_START or r["interval_end"] == OPEN_END:
            return False
        if self.check_sources and r["sources"] < self.q.min_sources:
            return False
        return r["interval_end"] > self.lo and (self.hi is None or r["interval_start"] < self.hi)

    def count(self) -> int:
        if self.check_sources:
            n = self.db.execute(
                "SELECT count(*) FROM cluster_fts f JOIN clusters c ON c.pos = f.rowid WHERE cluster_fts MATCH ?"
                " AND f.rowid >= ? AND f.rowid < ? AND c.sources >= ?",
                (self.match, self.a_lo, self.a_hi, self.q.min_sources)).fetchone()[0]
        else:
            n = self.db.execute("SELECT count(*) FROM cluster_fts WHERE cluster_fts MATCH ? AND rowid >= ?"
                                  " AND rowid < ?", (self.match, self.a_lo, self.a_hi)).fetchone()[0]
        return len(self.prefix) + n

    def page(self, limit: int | None, offset: int, after: int | None) -> list[int]:
        """Places of the entries of one page, in timeline order."""
        head = [p for p in self.prefix if after is None or p > after]
        if after is None:
            skip_head = min(offset, len(head))
            head, rest_offset = head[skip_head:], offset - skip_head
        else:
            rest_offset = 0
        if limit is not None:
            head = head[:limit]
        want = None if limit is None else limit - len(head)
        if want == 0:
            return head
        lo = self.a_lo if after is None else max(self.a_lo, after + 1)
        sql = "SELECT f.rowid FROM cluster_fts f"
        params: list[Any] = []
        if self.check_sources:
            sql += " JOIN clusters c ON c.pos = f.rowid"
        sql += " WHERE cluster_fts MATCH ? AND f.rowid >= ? AND f.rowid < ?"
        params += [self.match, lo, self.a_hi]
        if self.check_sources:
            sql += " AND c.sources >= ?"
            params.append(self.q.min_sources)
        sql += " ORDER BY f.rowid LIMIT ? OFFSET ?"
        params += [-1 if want is None else want, rest_offset]
        return head + [r[0] for r in self.db.execute(sql, params)]

    def everything(self, min_sources: int = 1) -> list[tuple[int, float]]:
        """``(place, salience)`` of every match with at least ``min_sources`` sources."""
        match = self.match if min_sources < 2 else f"({self.match}) AND meta : s{min(min_sources, MAX_SOURCE_TOKEN)}"
        rows = [(r[0], r[1]) for r in self.db.execute(
            "SELECT c.pos, c.salience FROM cluster_fts f JOIN clusters c ON c.pos = f.rowid WHERE cluster_fts MATCH ?"
            " AND f.rowid >= ? AND f.rowid < ? AND c.sources >= ?",
            (match, self.a_lo, self.a_hi, max(min_sources, self.q.min_sources)))]
        if self.prefix:
            for part in chunks(self.prefix):
                rows += [(r[0], r[1]) for r in self.db.execute(
                    f"SELECT pos, salience FROM clusters WHERE pos IN ({_marks(len(part))}) AND sources >= ?",
                    (*part, min_sources))]
        return rows


def _top(plan: _Plan, k: int, total: int) -> list[int]:
    """The places of the ``k`` most salient matches, in timeline order."""
    floor = 1
    if total > TOP_SCAN:
        for n in range(MAX_SOURCE_TOKEN, 1, -1):  # the fewest sources that still give k events
            probe = TimelineQuery(**{**plan.q.__dict__, "min_sources": max(n, plan.q.min_sources)})
            match = expression(probe)
            if match and _Plan(plan.db, probe, match).count() >= k:
                floor = n
                break
    rows = plan.everything(floor)
    best = sorted(rows, key=lambda r: (-r[1], r[0]))[:k]
    return sorted(p for p, _ in best)


def timeline_rows(db: Db, q: TimelineQuery) -> TimelineRows:
    """One page of a timeline query (see :meth:`kroniek.store.base.Store.timeline`)."""
    match = expression(q)
    if match is None:
        return TimelineRows(0, [], {}, {}, {}, None)
    plan = _Plan(db, q, match)
    after = _cursor(q.after)
    total = plan.count()
    if q.top is not None:
        chosen = _top(plan, q.top, total)
        total = len(chosen)
        rest = [p for p in chosen if after is None or p > after]
        start = 0 if after is not None else q.offset
        page = rest[start:] if q.limit is None else rest[start:start + q.limit]
    else:
        page = plan.page(q.limit, q.offset, after)
    clusters = pages.clusters(db, page)
    more = bool(page) and (q.limit is not None and len(page) == q.limit) and _has_more(plan, q, page[-1])
    return TimelineRows(total, clusters, pages.members(db, [c["id"] for c in clusters]),
                        pages.entities(db, [c["representative"] for c in clusters]), _match_kinds(db, q, page),
                        f"p{page[-1]}" if more else None)


def _has_more(plan: _Plan, q: TimelineQuery, last: int) -> bool:
    if q.top is not None:
        return True
    return bool(plan.page(1, 0, last))


def _cursor(text: str | None) -> int | None:
    if text is None:
        return None
    place = row_number(text[1:]) if text.startswith("p") else None
    if place is None:
        raise UsageError(f"not a page cursor: {text!r} (give the 'next' value of an earlier page)")
    return place


def _match_kinds(db: Db, q: TimelineQuery, page: list[int]) -> dict[int, str]:
    """Place → how the query found it: ``sentence``, ``entity`` or ``article``."""
    if not page:
        return {}
    if not q.words:
        return {p: "entity" if q.entity_ids is not None or q.entity_words else "date" for p in page}
    out = {p: "article" for p in page}
    first, last = min(page), max(page)
    for kind, cols in (("entity", "{names}"), ("sentence", "{text}")):
        match = expression(q, cols)
        for (pos,) in db.execute("SELECT rowid FROM cluster_fts WHERE cluster_fts MATCH ? AND rowid >= ?"
                                   " AND rowid <= ?", (match, first, last)):
            if pos in out:
                out[pos] = kind
    return out
