"""Articles that match a full-text query, with date histograms (both backends).

The backend gives the places of the matching merged events as an SQL
fragment (``hits``: a ``SELECT`` of one column, ``pos``); an article
matches when one of its event mentions is in a matching merged event.
"""
from __future__ import annotations

from typing import Any

from .db import Db

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
                    limit: int, offset: int) -> dict[str, Any]:
    """One page of matching articles (by publication date) and both histograms.

    Args:
        hits: SQL selecting the ``pos`` of every matching merged event.
        start, end: publication dates as ISO text in UTC; None = open.
        unit: histogram bucket (:data:`UNITS`).
    """
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
