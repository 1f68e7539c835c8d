"""Timeline pages from PostgreSQL: merged events found through their ``tsvector`` documents.

A merged event's document (``clusters.tsv``) holds its sentences in the
text-search configuration of its articles' language (weight A), the names
of its entity mentions (B), its articles' topic words (C) and its meta
tokens (D: ``e<id>`` per entity, ``s<n>`` for at least n sources), all
folded as the SQLite backend folds them. A query word must match in A or B
(or C, unless direct), stemmed in each configuration the archive uses; an
entity is its meta token. The date filter is ``during && [lo, hi)`` for
agreed, bounded dates (GiST) and the place (``sort_key``) for the others.
Pages are ordered by ``pos``, the place on the timeline.
"""
from __future__ import annotations

from typing import Any

from ...errors import UsageError
from ..base import TimelineQuery, TimelineRows
from ..sql import pages
from ..sql.db import Db, row_number
from ..sql.merge import MAX_SOURCE_TOKEN
from ..sql.times import seconds

#: Text-search configurations of the languages kroniek reads: PostgreSQL's Dutch and English
#: stemmers, keeping stop words (see the schema).
CONFIGS = {"nl": "kroniek_dutch", "en": "kroniek_english"}


def config_of(lang: str | None) -> str:
    """The text-search configuration of a language (``simple`` for others)."""
    return CONFIGS.get((lang or "").split("-")[0], "simple")


def _word(w: str, columns: str) -> tuple[str, list[Any]]:
    """One required word: stemmed in every configuration for the text (A), as written anywhere."""
    parts, params = [], []
    if "A" in columns:
        for cfg in sorted(set(CONFIGS.values())):
            parts.append(f"to_tsquery('{cfg}', ?)")
            params.append(f"{w}:A")
    parts.append("to_tsquery('simple', ?)")
    params.append(f"{w}:{columns}")
    return "(" + " || ".join(parts) + ")", params


def tsquery(q: TimelineQuery, columns: str | None = None) -> tuple[str, list[Any]] | None:
    """An SQL tsquery expression (with its parameters) for a timeline query, or None for no match."""
    parts, params = [], []
    cols = columns or ("AB" if q.direct else "ABC")
    for w in q.words:
        sql, p = _word(w, cols)
        parts.append(sql)
        params += p
    if q.entity_ids is not None:
        if not q.entity_ids:
            return None
        parts.append("to_tsquery('simple', ?)")
        params.append(" | ".join(f"e{i}:D" for i in sorted(q.entity_ids)))
    if q.entity_words:
        for w in q.entity_words:
            sql, p = _word(w, "B")
            parts.append(sql)
            params += p
    if q.min_sources >= 2:
        parts.append("to_tsquery('simple', ?)")
        params.append(f"s{min(q.min_sources, MAX_SOURCE_TOKEN)}:D")
    if not parts:
        return None
    return "(" + " && ".join(parts) + ")", params


def _where(q: TimelineQuery, match: tuple[str, list[Any]] | None) -> tuple[str, list[Any]]:
    """The WHERE clause of a query; ``match`` None is a date range alone."""
    sql, params = (f"c.tsv @@ {match[0]}", list(match[1])) if match is not None else ("TRUE", [])
    if q.min_sources > MAX_SOURCE_TOKEN:
        sql += " AND c.sources >= ?"
        params.append(q.min_sources)
    lo = seconds(q.start) if q.start is not None else None
    hi = seconds(q.end) if q.end is not None else None
    if lo is not None or hi is not None:
        lo_t, hi_t = ("to_timestamp(?)" if lo is not None else "NULL"), ("to_timestamp(?)" if hi is not None else "NULL")
        range_params = [x for x in (lo, hi) if x is not None]
        sql += (f" AND ((c.during IS NOT NULL AND c.during && tstzrange({lo_t}, {hi_t}, '[)'))"
                " OR (c.during IS NULL")
        params += range_params
        if lo is not None:
            sql += " AND c.sort_key >= ?"
            params.append(lo)
        if hi is not None:
            sql += " AND c.sort_key < ?"
            params.append(hi)
        sql += "))"
    return sql, params


def _cursor(text: str | None) -> int | None:
    if text is None:
        return None
    place = row_number(text[1:]) if text.startswith("p") else None
    if place is None:
        raise UsageError(f"not a page cursor: {text!r} (give the 'next' value of an earlier page)")
    return place


def timeline_rows(db: Db, q: TimelineQuery) -> TimelineRows:
    """One page of a timeline query (see :meth:`kroniek.store.base.Store.timeline`)."""
    match = tsquery(q)
    dates_only = not q.words and q.entity_ids is None and not q.entity_words and (q.start is not None or q.end is not None)
    if match is None and not (dates_only and q.min_sources < 2):
        return TimelineRows(0, [], {}, {}, {}, None)
    where, params = _where(q, match)
    after = _cursor(q.after)
    if q.top is not None:
        best = [r[0] for r in db.execute(f"SELECT c.pos FROM clusters c WHERE {where}"
                                         " ORDER BY c.salience DESC, c.pos LIMIT ?", [*params, q.top])]
        chosen = sorted(best)
        total = len(chosen)
        rest = [p for p in chosen if after is None or p > after]
        start = 0 if after is not None else q.offset
        page = rest[start:] if q.limit is None else rest[start:start + q.limit]
        more = q.limit is not None and start + q.limit < len(rest)
    else:
        total = db.execute(f"SELECT count(*) FROM clusters c WHERE {where}", params).fetchone()[0]
        sql = f"SELECT c.pos FROM clusters c WHERE {where}"
        page_params = list(params)
        if after is not None:
            sql += " AND c.pos > ?"
            page_params.append(after)
        sql += " ORDER BY c.pos"
        fetch = None if q.limit is None else q.limit + 1
        if fetch is not None:
            sql += " LIMIT ?"
            page_params.append(fetch)
        if after is None and q.offset:
            sql += " OFFSET ?"
            page_params.append(q.offset)
        page = [r[0] for r in db.execute(sql, page_params)]
        more = fetch is not None and len(page) == fetch
        page = page[:q.limit] if q.limit is not None else page
    clusters = pages.clusters(db, page)
    return TimelineRows(total, clusters, pages.members(db, [c["id"] for c in clusters]),
                        pages.entities(db, [c["representative"] for c in clusters]), _match_kinds(db, q, page),
                        f"p{page[-1]}" if more and page else None)


def _match_kinds(db: Db, q: TimelineQuery, page: list[int]) -> dict[int, str]:
    if not page:
        return {}
    if not q.words:
        return {p: "entity" if q.entity_ids is not None or q.entity_words else "date" for p in page}
    text, text_params = tsquery(q, "A")
    names, names_params = tsquery(q, "B")
    marks = ",".join("?" * len(page))
    out = {}
    for pos, in_text, in_names in db.execute(
            f"SELECT c.pos, c.tsv @@ {text}, c.tsv @@ {names} FROM clusters c WHERE c.pos IN ({marks})",
            [*text_params, *names_params, *page]):
        out[pos] = "sentence" if in_text else "entity" if in_names else "article"
    return out
