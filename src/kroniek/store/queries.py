"""Reading back single articles with everything found in them."""
from __future__ import annotations

import sqlite3
from typing import Any

from ..errors import UsageError


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
