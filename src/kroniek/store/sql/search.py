"""Articles that match a full-text query, with date histograms (both backends).

The backend gives the places of the matching merged events as an SQL
fragment (``hits``: a ``SELECT`` of one column, ``pos``); an article
matches when one of its event mentions is in a matching merged event.

The matching merged events, their event mentions' articles and those
articles' publication dates are read once, through covering indexes, and
counted here: the page, the total and both histograms come from that one
pass. A query matching more than :data:`IN_MEMORY` merged events (a word
in most of a big archive) is counted in the database instead, which holds
memory flat but reads the matches once per figure.
"""
from __future__ import annotations

from collections import defaultdict
from typing import Any

from .db import Db, chunks

#: The most matching merged events counted in memory (above it, in the database).
IN_MEMORY = 300_000

#: Histogram buckets: the first characters of an ISO date, or an ISO week.
UNITS = ("day", "week", "month", "year")


def _bucket(iso: str, unit: str) -> str:
    from datetime import date

    if unit == "year":
        return iso[:4]
    if unit == "month":
        return iso[:7]
    if unit == "week":
        y, w, _ = date.fromisoformat(iso[:10]).isocalendar()
        return f"{y}-W{w:02d}"
    return iso[:10]


def search_articles(db: Db, hits: str, params: list[Any], start: str | None, end: str | None, unit: str,
                    limit: int, offset: int, index_hints: dict[str, str] | None = None) -> dict[str, Any]:
    """One page of matching articles (by publication date) and both histograms.

    Args:
        hits: SQL selecting the ``pos`` of every matching merged event.
        params: the parameters of ``hits``.
        start, end: publication dates as ISO text in UTC; None = open.
        unit: histogram bucket (:data:`UNITS`).
        limit, offset: the page.
        index_hints: per table (``clusters``, ``articles``), what follows its
            name in the one-pass reads: a backend's way to name its covering
            index (SQLite: ``INDEXED BY ...``).

    Returns:
        The shape of :meth:`kroniek.store.base.Store.search_articles`.
    """
    matched = db.execute(f"SELECT count(*) FROM ({hits}) AS h", params).fetchone()[0]
    if matched > IN_MEMORY:
        return _counted_in_database(db, hits, params, start, end, unit, limit, offset)
    from .times import iso

    hint = index_hints or {}
    day_of: dict[int, int] = {}  # merged event -> its sort key
    events_of: dict[int, set[int]] = defaultdict(set)  # article -> its matching merged events
    for cluster, sort_key, article in db.execute(
            f"SELECT c.id, c.sort_key, e.article_id FROM ({hits}) AS h"
            f" JOIN clusters c {hint.get('clusters', '')} ON c.pos = h.pos"
            " JOIN events e ON e.cluster_id = c.id", params):
        day_of[cluster] = sort_key
        events_of[article].add(cluster)
    published: dict[int, str] = {}
    for batch in chunks(events_of):
        marks = ", ".join("?" * len(batch))
        for article, dct_start in db.execute(f"SELECT id, dct_start FROM articles {hint.get('articles', '')}"
                                          f" WHERE id IN ({marks})", batch):
            if (start is None or dct_start >= start) and (end is None or dct_start < end):
                published[article] = dct_start
    order = sorted(published, key=lambda a: (published[a], a))
    page = order[offset:offset + limit]
    rows: dict[int, tuple] = {}
    if page:
        marks = ", ".join("?" * len(page))
        rows = {r[0]: r for r in db.execute(f"SELECT id, ext_id, title, dct_value, source, url FROM articles"
                                            f" WHERE id IN ({marks})", page)}
    by_day: dict[str, int] = defaultdict(int)  # publication day -> articles
    happened_events: set[int] = set()
    for article, dct_start in published.items():
        by_day[dct_start[:10]] += 1
        happened_events |= events_of[article]
    by_published: dict[str, int] = defaultdict(int)
    for day, n in by_day.items():
        by_published[_bucket(day, unit)] += n
    by_sort_key: dict[int, int] = defaultdict(int)  # sort key -> merged events
    for cluster in happened_events:
        by_sort_key[day_of[cluster]] += 1
    by_happened: dict[str, int] = defaultdict(int)
    for sort_key, n in by_sort_key.items():
        day = iso(sort_key)
        if day is not None:
            by_happened[_bucket(day, unit)] += n
    return {"total": len(published), "offset": offset, "limit": limit,
            "articles": [{"id": rows[a][1], "title": rows[a][2], "published": rows[a][3], "source": rows[a][4],
                          "url": rows[a][5], "events": len(events_of[a])} for a in page],
            "histogram": {"unit": unit,
                          "published": [{"bucket": k, "count": v} for k, v in sorted(by_published.items())],
                          "happened": [{"bucket": k, "count": v} for k, v in sorted(by_happened.items())]}}


def _counted_in_database(db: Db, hits: str, params: list[Any], start: str | None, end: str | None, unit: str,
                         limit: int, offset: int) -> dict[str, Any]:
    """:func:`search_articles` for very many matches: each figure counted by the database."""
    where, extra = "", []
    if start is not None:
        where += " AND a.dct_start >= ?"
        extra.append(start)
    if end is not None:
        where += " AND a.dct_start < ?"
        extra.append(end)
    base = (f"FROM ({hits}) AS h JOIN clusters c ON c.pos = h.pos JOIN events e ON e.cluster_id = c.id"
            f" JOIN articles a ON a.id = e.article_id WHERE 1 = 1{where}")
    args = [*params, *extra]
    total = db.execute(f"SELECT count(DISTINCT a.id) {base}", args).fetchone()[0]
    rows = db.execute(
        f"SELECT a.id, a.ext_id, a.title, a.dct_value, a.dct_start, a.source, a.url, count(DISTINCT c.id) AS events"
        f" {base} GROUP BY a.id, a.ext_id, a.title, a.dct_value, a.dct_start, a.source, a.url"
        " ORDER BY a.dct_start, a.id LIMIT ? OFFSET ?", [*args, limit, offset]).fetchall()
    published: dict[str, int] = {}
    for day, n in db.execute(f"SELECT substr(a.dct_start, 1, 10), count(DISTINCT a.id) {base}"
                             " GROUP BY substr(a.dct_start, 1, 10)", args):
        key = _bucket(day, unit)
        published[key] = published.get(key, 0) + n
    happened: dict[str, int] = {}
    for sort_key, n in db.execute(f"SELECT c.sort_key, count(DISTINCT c.id) {base} GROUP BY c.sort_key", args):
        from .times import iso

        day = iso(sort_key)
        if day is None:
            continue
        key = _bucket(day, unit)
        happened[key] = happened.get(key, 0) + n
    return {"total": total, "offset": offset, "limit": limit,
            "articles": [{"id": r[1], "title": r[2], "published": r[3], "source": r[5], "url": r[6],
                          "events": r[7]} for r in rows],
            "histogram": {"unit": unit, "published": [{"bucket": k, "count": v} for k, v in sorted(published.items())],
                          "happened": [{"bucket": k, "count": v} for k, v in sorted(happened.items())]}}
