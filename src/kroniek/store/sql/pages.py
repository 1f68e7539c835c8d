"""Reading a page of merged events back: their rows, their mentions, their representatives' entities."""
from __future__ import annotations

from typing import Any

from .db import Db, chunks
from .times import OPEN_END, OPEN_START, iso


def cluster_places(db: Db, ids: list[int]) -> list[int]:
    """The places on the timeline of merged events given by id (those that exist)."""
    out = []
    for part in chunks(ids):
        among, args = db.among(part)
        out += [r[0] for r in db.execute(f"SELECT pos FROM clusters WHERE id {among} AND pos IS NOT NULL", args)]
    return sorted(out)


def clusters(db: Db, page: list[int]) -> list[dict[str, Any]]:
    rows: dict[int, dict[str, Any]] = {}
    for part in chunks(page):
        among, args = db.among(part)
        for r in db.execute(f"SELECT * FROM clusters WHERE pos {among}", args):
            row = dict(r)
            row["start"] = iso(row["interval_start"], OPEN_START)
            row["end"] = iso(row["interval_end"], OPEN_END)
            row["sort"] = iso(row["sort_key"])
            rows[row["pos"]] = row
    return [rows[p] for p in page if p in rows]


def members(db: Db, cluster_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for part in chunks(cluster_ids):
        among, args = db.among(part)
        for r in db.execute(
                "SELECT e.cluster_id, e.id, e.value, e.interval_start, e.interval_end, e.anchoring, e.relation,"
                " e.signal, e.factuality, e.source, e.trigger, e.trigger_start, e.trigger_end,"
                ' substr(a.text, s.start + 1, s."end" - s.start) AS sentence, s.start AS s_start, a.ext_id, a.title,'
                " a.dct_value, a.source AS publisher, a.url, COALESCE(a.syndication_group, a.id) AS grp,"
                " t.text AS t_text, t.value AS t_value, t.rule AS t_rule, t.reason AS t_reason, t.mod AS t_mod,"
                ' t.start AS t_start, t."end" AS t_end FROM events e JOIN sentences s ON s.id = e.sentence_id'
                " JOIN articles a ON a.id = e.article_id LEFT JOIN timexes t ON t.id = e.timex_id"
                f" WHERE e.cluster_id {among} ORDER BY a.dct_start, e.id", args):
            row = dict(r)
            row["interval_start"] = iso(row["interval_start"], OPEN_START)
            row["interval_end"] = iso(row["interval_end"], OPEN_END)
            out.setdefault(row.pop("cluster_id"), []).append(row)
    return out


def entities(db: Db, event_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = {}
    for part in chunks([e for e in event_ids if e is not None]):
        among, args = db.among(part)
        for r in db.execute(
                "SELECT em.event_id, m.text AS name, m.type, m.title, em.link, em.role, en.uid AS id"
                " FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
                " LEFT JOIN entities en ON en.id = m.entity_id"
                f" WHERE em.event_id {among} ORDER BY em.event_id, m.start", args):
            row = dict(r)
            out.setdefault(row.pop("event_id"), []).append(row)
    return out
