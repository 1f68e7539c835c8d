"""The Python API for timelines: :class:`Timeline`.

Usage::

    >>> from kroniek import Timeline
    >>> tl = Timeline("kroniek.db")
    >>> for entry in tl.entries("Brexit", start="2019-03", end="2019-04", min_sources=2):
    ...     print(entry.value, entry.sources, entry.sentence)
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import DateError, UsageError
from ..store import connect
from ..store.entities import find_entities
from ..store.writer import OPEN_END, OPEN_START, utc
from ..temporal.dct import parse_dct

#: An article is about the query when its title or first sentence names it
#: and at least this many of its sentences do.
ABOUT_MIN_SENTENCES = 3
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
        match: ``sentence``, ``entity`` or ``article`` (how the query found it).
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


def fts_query(text: str) -> str:
    """A user's words as an FTS5 query (every word quoted, all required)."""
    words = re.findall(r"\w+", text)
    if not words:
        raise UsageError(f"the query {text!r} has no words to search for")
    return " ".join(f'"{w}"' for w in words)


def bound(value: str | None, upper: bool) -> str | None:
    """A ``--from``/``--to`` date as a UTC bound; ``--to`` includes its whole unit.

    Raises:
        DateError: an impossible date.
    """
    if value is None:
        return None
    try:
        interval = parse_dct(value).interval
    except DateError as exc:
        raise DateError(f"{'--to' if upper else '--from'}: {exc}") from None
    return utc(interval.end if upper else interval.start)


class Timeline:
    """Timelines from a kroniek database.

    Args:
        db: a database path or an open connection.

    Raises:
        StorageError: when the database does not exist.
    """

    def __init__(self, db: str | Path | sqlite3.Connection):
        self.conn = db if isinstance(db, sqlite3.Connection) else connect(db, create=False)

    def entries(self, query: str | None = None, *, entity: str | None = None, start: str | None = None,
                end: str | None = None, granularity: str | None = None, min_sources: int = 1,
                top: int | None = None, direct: bool = False) -> list[TimelineEntry]:
        """Merged events that match, in date order.

        Args:
            query: words to find in the sentences (FTS5) or in entity names.
            entity: a canonical entity's name or alias; only its events.
            start, end: dates (``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD``, ISO);
                keeps events whose interval overlaps ``[start, end]``,
                where ``end`` includes its whole unit. Filters on when it
                happened, not on publication date.
            granularity: ``day``, ``week`` or ``month``: fills ``group``.
            min_sources: keep events with at least this many independent sources.
            top: keep the ``top`` most salient events (still in date order).
            direct: leave out events that only come from articles about the query.

        Returns:
            A list of :class:`TimelineEntry`, by date.

        Raises:
            UsageError: no query and no entity, a query without words, an
                unknown granularity, or a start after the end.
            DateError: an impossible start or end date.
        """
        if not query and not entity:
            raise UsageError("give words to search for, --entity NAME, or both")
        if granularity is not None and granularity not in GRANULARITIES:
            raise UsageError(f"granularity must be one of {', '.join(GRANULARITIES)}")
        lo, hi = bound(start, False), bound(end, True)
        if lo is not None and hi is not None and lo >= hi:
            raise UsageError(f"the start {start} is after the end {end}")
        matched = self._matching_events(query, entity, direct)
        if not matched:
            return []
        clusters = self._clusters(matched, lo, hi, min_sources)
        if top is not None:
            keep = sorted(clusters, key=lambda c: (-c.salience, c.start or ""))[:top]
            clusters = [c for c in clusters if c in keep]
        for c in clusters:
            c.group = _group(c, granularity) if granularity else None
        return clusters

    def _matching_events(self, query: str | None, entity: str | None, direct: bool) -> dict[int, str]:
        """Main event id → how it matched."""
        hits: dict[int, str] = {}
        rank = {"sentence": 0, "entity": 1, "article": 2}
        if query:
            word = _like(query)[1:-1]  # whole words of a name: "ede" is not in "Nederland"
            params = {"match": fts_query(query), "like": _like(query), "about_min": ABOUT_MIN_SENTENCES,
                      "word": query.strip(), "first": word + " %", "last": "% " + word, "inner": "% " + word + " %"}
            sql = """
                WITH found AS (SELECT rowid AS sid FROM sentences_fts WHERE sentences_fts MATCH :match)
                SELECT e.id, 'sentence' FROM events e JOIN found f ON f.sid = e.sentence_id WHERE e.cluster_id IS NOT NULL
                UNION ALL
                SELECT em.event_id, 'entity' FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
                  JOIN events e ON e.id = em.event_id
                 WHERE e.cluster_id IS NOT NULL AND (m.text = :word COLLATE NOCASE
                       OR m.text LIKE :first ESCAPE '\\' OR m.text LIKE :last ESCAPE '\\'
                       OR m.text LIKE :inner ESCAPE '\\')
            """
            if not direct:
                sql += """
                UNION ALL
                SELECT e.id, 'article' FROM events e WHERE e.cluster_id IS NOT NULL AND e.article_id IN (
                    SELECT s.article_id FROM sentences s JOIN found f ON f.sid = s.id
                      JOIN articles a ON a.id = s.article_id GROUP BY s.article_id
                    HAVING COUNT(*) >= :about_min AND (MIN(s.idx) = 0 OR MAX(a.title LIKE :like ESCAPE '\\')))
                """
            for eid, how in self.conn.execute(sql, params):
                if eid not in hits or rank[how] < rank[hits[eid]]:
                    hits[eid] = how
        if entity:
            ids = self._entity_events(entity)
            hits = {e: hits.get(e, "entity") for e in ids if not query or e in hits}
        return hits

    def _entity_events(self, name: str) -> set[int]:
        """Main events involving the entity ``name`` means: its uid, preferred name or any of its
        names; when no entity is called so, mentions whose text is or ends in ``name`` ("May")."""
        ids = [row["id"] for row in find_entities(self.conn, name)]
        if ids:
            marks = ",".join("?" * len(ids))
            rows = self.conn.execute(
                "SELECT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
                f" WHERE m.entity_id IN ({marks})", ids)
        else:
            rows = self.conn.execute(
                "SELECT em.event_id FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
                " WHERE m.text = ? COLLATE NOCASE OR m.text LIKE ? ESCAPE '\\'", (name, "% " + _like(name)[1:]))
        return {r[0] for r in rows}

    def _clusters(self, matched: dict[int, str], lo: str | None, hi: str | None,
                  min_sources: int) -> list[TimelineEntry]:
        ids = sorted(matched)
        by_cluster: dict[int, str] = {}
        rank = {"sentence": 0, "entity": 1, "article": 2}
        for chunk in range(0, len(ids), 900):
            part = ids[chunk:chunk + 900]
            for eid, cid in self.conn.execute(
                    f"SELECT id, cluster_id FROM events WHERE id IN ({','.join('?' * len(part))})", part):
                if cid is None:
                    continue
                how = matched[eid]
                if cid not in by_cluster or rank[how] < rank[by_cluster[cid]]:
                    by_cluster[cid] = how
        out = []
        cids = sorted(by_cluster)
        for chunk in range(0, len(cids), 900):
            part = cids[chunk:chunk + 900]
            rows = self.conn.execute(
                f"SELECT * FROM clusters WHERE id IN ({','.join('?' * len(part))})"
                " AND (? IS NULL OR interval_end > ?) AND (? IS NULL OR interval_start < ?) AND sources >= ?",
                [*part, lo, lo, hi, hi, min_sources]).fetchall()
            out.extend(self._entry(row, by_cluster[row["id"]]) for row in rows)
        return sorted(out, key=lambda e: (e.sort_key, e.end or "", e.cluster))

    def _entry(self, c: sqlite3.Row, how: str) -> TimelineEntry:
        members = [dict(r) for r in self.conn.execute(
            "SELECT e.id, e.value, e.interval_start, e.interval_end, e.anchoring, e.relation, e.signal,"
            " e.factuality, e.source, e.trigger, s.text AS sentence, a.ext_id, a.title, a.dct_value, a.source"
            " AS publisher, a.url, COALESCE(a.syndication_group, a.id) AS grp, t.text AS t_text,"
            " t.value AS t_value, t.rule AS t_rule, t.reason AS t_reason, t.mod AS t_mod,"
            ' t.start AS t_start, t."end" AS t_end'
            " FROM events e JOIN sentences s ON s.id = e.sentence_id JOIN articles a ON a.id = e.article_id"
            " LEFT JOIN timexes t ON t.id = e.timex_id WHERE e.cluster_id = ? ORDER BY a.dct_start, e.id",
            (c["id"],))]
        rep = next((m for m in members if m["id"] == c["representative"]), members[0])
        entities = [dict(r) for r in self.conn.execute(
            "SELECT m.text AS name, m.type, m.title, em.link, em.role FROM event_mentions em"
            " JOIN mentions m ON m.id = em.mention_id WHERE em.event_id = ? ORDER BY m.start", (rep["id"],))]
        return TimelineEntry(
            cluster=c["id"], value=c["value"], start=_open(c["interval_start"], OPEN_START),
            end=_open(c["interval_end"], OPEN_END), granularity=c["granularity"], sources=c["sources"],
            mentions=c["mentions"], disagree=bool(c["disagree"]), salience=c["salience"],
            sentence=rep["sentence"], expression=_expression(rep), anchoring=rep["anchoring"],
            relation=rep["relation"], signal=rep["signal"], factuality=rep["factuality"],
            claimed_by=rep["source"], article=_article(rep), entities=entities, match=how, sort_key=c["sort_key"],
            members=[_member(m) for m in members])


def _open(value: str, open_value: str) -> str | None:
    return None if value == open_value else value


def _like(text: str) -> str:
    return "%" + text.strip().replace("%", r"\%").replace("_", r"\_") + "%"


def _expression(m: dict[str, Any]) -> dict[str, Any] | None:
    if m["t_text"] is None:
        return None
    return {"text": m["t_text"], "value": m["t_value"], "mod": m["t_mod"], "rule": m["t_rule"],
            "reason": m["t_reason"], "start": m["t_start"], "end": m["t_end"]}


def _article(m: dict[str, Any]) -> dict[str, Any]:
    return {"id": m["ext_id"], "title": m["title"], "published": m["dct_value"], "source": m["publisher"],
            "url": m["url"]}


def _member(m: dict[str, Any]) -> dict[str, Any]:
    return {"article": _article(m), "sentence": m["sentence"], "value": m["value"],
            "interval": {"start": _open(m["interval_start"], OPEN_START), "end": _open(m["interval_end"], OPEN_END)},
            "expression": _expression(m), "relation": m["relation"], "factuality": m["factuality"],
            "claimed_by": m["source"], "syndication_group": m["grp"]}


def _group(e: TimelineEntry, granularity: str) -> str:
    """The heading an entry falls under: its start's day, ISO week or month."""
    when = e.start or e.end
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
