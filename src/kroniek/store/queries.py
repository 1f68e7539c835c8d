"""Reading back: timelines of events and single articles."""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..errors import UsageError


@dataclass
class TimelineEntry:
    """One event on a timeline (JSON shape: :meth:`to_json`)."""

    event_id: int
    value: str
    start: str
    end: str
    granularity: str
    anchoring: str
    relation: str
    signal: str | None
    sentence: str
    expression: dict[str, Any] | None
    article: dict[str, Any]
    match: str = "sentence"
    entities: list[dict[str, Any]] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        """``{date: {value, interval}, sentence, expression, anchoring, relation, signal,
        article, match, entities}``."""
        return {
            "date": {"value": self.value, "interval": {"start": self.start, "end": self.end,
                                                      "granularity": self.granularity}},
            "sentence": self.sentence,
            "expression": self.expression,
            "anchoring": self.anchoring,
            "relation": self.relation,
            "signal": self.signal,
            "article": self.article,
            "match": self.match,
            "entities": self.entities,
        }


def fts_query(text: str) -> str:
    """A user's words as an FTS5 phrase query (every word quoted)."""
    words = re.findall(r"\w+", text)
    if not words:
        raise UsageError(f"the query {text!r} has no words to search for")
    return " ".join(f'"{w}"' for w in words)


#: An article is about the query when its title or first sentence names it
#: and at least this many of its sentences do.
ABOUT_MIN_SENTENCES = 3


def timeline(conn: sqlite3.Connection, query: str, *, start: str | None = None,
             end: str | None = None, limit: int | None = None, direct: bool = False) -> list[TimelineEntry]:
    """Events that match ``query``, in order of when they happened.

    An event matches directly when its sentence contains the query's words
    (FTS5, ``match = "sentence"``) or when one of its entities (in the
    sentence, or a person a pronoun refers to) has a name containing the
    query (``match = "entity"``). Unless ``direct`` is set, the other events
    of articles that are about the query also come along
    (``match = "article"``): articles whose title or first sentence names
    it and in which at least :data:`ABOUT_MIN_SENTENCES` sentences do.

    Args:
        conn: the database.
        query: words to look for.
        start, end: UTC ISO bounds; keeps events whose interval overlaps
            ``[start, end)`` (when the event happened, not when published).
        limit: at most this many entries.
        direct: only direct matches.

    Returns:
        Entries ordered by interval start, then end, then article.

    Raises:
        UsageError: a query without words.
    """
    match = fts_query(query)
    like = "%" + query.strip().replace("%", r"\%").replace("_", r"\_") + "%"
    sql = """
        WITH found AS (
            SELECT rowid AS sid FROM sentences_fts WHERE sentences_fts MATCH :match
        ),
        about AS (
            SELECT s.article_id FROM sentences s JOIN found f ON f.sid = s.id
              JOIN articles a ON a.id = s.article_id
             GROUP BY s.article_id
            HAVING COUNT(*) >= :about_min
               AND (MIN(s.idx) = 0 OR MAX(a.title LIKE :like ESCAPE '\\'))
        ),
        hits AS (
            SELECT e.id, 1 AS rank, 'sentence' AS how FROM events e JOIN found f ON f.sid = e.sentence_id
            UNION ALL
            SELECT em.event_id, 2, 'entity' FROM event_mentions em JOIN mentions m ON m.id = em.mention_id
             WHERE m.text LIKE :like ESCAPE '\\'
            UNION ALL
            SELECT e.id, 3, 'article' FROM events e JOIN about ab ON ab.article_id = e.article_id
             WHERE NOT :direct
        ),
        best AS (
            SELECT id, MIN(rank) AS rank FROM hits GROUP BY id
        )
        SELECT e.*, s.text AS sentence, a.ext_id, a.title, a.dct_value, a.source, a.url,
               CASE b.rank WHEN 1 THEN 'sentence' WHEN 2 THEN 'entity' ELSE 'article' END AS how,
               t.text AS t_text, t.value AS t_value, t.rule AS t_rule, t.reason AS t_reason,
               t.start AS t_start, t."end" AS t_end, t.mod AS t_mod
          FROM events e JOIN best b ON b.id = e.id
          JOIN sentences s ON s.id = e.sentence_id
          JOIN articles a ON a.id = e.article_id
          LEFT JOIN timexes t ON t.id = e.timex_id
         WHERE (:start IS NULL OR e.interval_end > :start)
           AND (:end IS NULL OR e.interval_start < :end)
         ORDER BY e.interval_start, e.interval_end, a.dct_start, e.id
    """
    if limit:
        sql += f" LIMIT {int(limit)}"
    params = {"match": match, "like": like, "start": start, "end": end, "direct": int(direct),
              "about_min": ABOUT_MIN_SENTENCES}
    rows = conn.execute(sql, params).fetchall()
    entities = _entities(conn, [r["id"] for r in rows])
    out = []
    for r in rows:
        expression = None
        if r["t_text"] is not None:
            expression = {"text": r["t_text"], "value": r["t_value"], "mod": r["t_mod"], "rule": r["t_rule"],
                          "reason": r["t_reason"], "start": r["t_start"], "end": r["t_end"]}
        out.append(TimelineEntry(
            event_id=r["id"], value=r["value"], start=r["interval_start"], end=r["interval_end"],
            granularity=r["granularity"], anchoring=r["anchoring"], relation=r["relation"],
            signal=r["signal"], sentence=r["sentence"], expression=expression,
            article={"id": r["ext_id"], "title": r["title"], "published": r["dct_value"],
                     "source": r["source"], "url": r["url"]},
            match=r["how"], entities=entities.get(r["id"], [])))
    return out


def _entities(conn: sqlite3.Connection, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for chunk in range(0, len(event_ids), 500):
        ids = event_ids[chunk:chunk + 500]
        marks = ",".join("?" * len(ids))
        for r in conn.execute(
                f"SELECT em.event_id, em.link, m.text, m.type, m.title FROM event_mentions em"
                f" JOIN mentions m ON m.id = em.mention_id WHERE em.event_id IN ({marks})"
                f" ORDER BY m.start", ids):
            out.setdefault(r["event_id"], []).append(
                {"name": r["text"], "type": r["type"], "title": r["title"], "link": r["link"]})
    return out


def find_article(conn: sqlite3.Connection, article_id: str) -> sqlite3.Row:
    """The article with this id (the input's id, or the stored number prefixed ``#``).

    Raises:
        UsageError: when no such article is stored.
    """
    row = conn.execute("SELECT * FROM articles WHERE ext_id = ?", (article_id,)).fetchone()
    if row is None and article_id.lstrip("#").isdigit():
        row = conn.execute("SELECT * FROM articles WHERE id = ?", (int(article_id.lstrip("#")),)).fetchone()
    if row is None:
        raise UsageError(f"no article with id {article_id!r} in the database")
    return row


def article_details(conn: sqlite3.Connection, article_id: str) -> dict[str, Any]:
    """An article with its sentences, time expressions, mentions and events."""
    art = find_article(conn, article_id)
    aid = art["id"]

    def rows(sql: str) -> list[dict[str, Any]]:
        return [dict(r) for r in conn.execute(sql, (aid,))]

    return {
        "article": {k: art[k] for k in ("ext_id", "title", "url", "source", "lang", "dct_value", "dct_start",
                                         "dct_end", "dct_granularity", "origin")} | {"text": art["text"]},
        "sentences": rows('SELECT idx, start, "end", kind, tense FROM sentences WHERE article_id = ? ORDER BY idx'),
        "timexes": rows('SELECT tid, start, "end", text, type, value, mod, interval_start, interval_end,'
                        " granularity, anchor, rule, confidence, exact, reason, range_begin, range_end"
                        " FROM timexes WHERE article_id = ? ORDER BY start"),
        "mentions": rows('SELECT start, "end", text, type, title, source FROM mentions'
                         " WHERE article_id = ? ORDER BY start"),
        "events": rows("SELECT e.value, e.interval_start, e.interval_end, e.anchoring, e.relation, e.signal,"
                       " s.idx AS sentence FROM events e JOIN sentences s ON s.id = e.sentence_id"
                       " WHERE e.article_id = ? ORDER BY s.idx"),
    }
