"""The SQLite backend: one file, no server (the default)."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import Any

from ...model import Annotated, Event, Mention as EntityMention, Sentence, Timex
from ...temporal.calendar import Granularity, Interval
from ...temporal.dct import DCT
from ..base import MergeInput, Store, StoredForEvents, TimelineQuery, TimelineRows
from . import entities as ent
from . import merge as mg
from .articles import article_details, insert_events, is_present, sentence_range, store_article
from .db import connect, transaction
from .times import moment
from .timeline import timeline_rows


def _interval(start: int | None, end: int | None, gran: str | None) -> Interval | None:
    if start is None or end is None or gran is None:
        return None
    return Interval(moment(start), moment(end), Granularity[gran.upper()])


def _text_interval(start: str | None, end: str | None, gran: str | None) -> Interval | None:
    if not start or not end or not gran:
        return None
    return Interval(datetime.fromisoformat(start), datetime.fromisoformat(end), Granularity[gran.upper()])


class SQLiteStore(Store):
    """A kroniek archive in one SQLite file.

    Args:
        path: the database file, or ``":memory:"``.
        create: create (or upgrade) the file when needed; when False, a
            missing file is an error.
        conn: an open connection to use instead of ``path``.

    Raises:
        StorageError: a missing file (``create=False``), not a kroniek
            database, or a schema newer than this kroniek.
    """

    def __init__(self, path: str | Path = ":memory:", *, create: bool = True,
                 conn: sqlite3.Connection | None = None):
        self.path = str(path)
        self.conn = conn if conn is not None else connect(path, create=create)

    def close(self) -> None:
        self.conn.close()

    def transaction(self):
        return transaction(self.conn)

    # -- articles ------------------------------------------------------------------------------------

    def has_article(self, ext_id: str | None, digest: str) -> bool:
        return is_present(self.conn, ext_id, digest)

    def store_article(self, annotated: Annotated) -> int | None:
        return store_article(self.conn, annotated)

    def article(self, ref: str) -> dict[str, Any]:
        return article_details(self.conn, ref)

    def article_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles").fetchone()[0]

    def event_count(self) -> int:
        row = self.conn.execute("SELECT count FROM merge_counts WHERE kind = 'c' AND key = ''").fetchone()
        return row[0] if row else 0

    # -- merging -------------------------------------------------------------------------------------

    def pending_count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM articles WHERE pending = 1").fetchone()[0]

    def next_pending(self) -> int | None:
        row = self.conn.execute("SELECT id FROM articles WHERE pending = 1 ORDER BY id LIMIT 1").fetchone()
        return row[0] if row else None

    def merge_input(self, article_id: int) -> MergeInput:
        row = self.conn.execute("SELECT id, text, title, lang, signature FROM articles WHERE id = ?",
                                (article_id,)).fetchone()
        sentences = [(r[0], r[1]) for r in self.conn.execute(
            'SELECT start, "end" FROM sentences WHERE id >= ? AND id < ? ORDER BY id', sentence_range(article_id))]
        return MergeInput(row["id"], row["text"], row["title"], row["lang"], sentences,
                          mg.stored_events(self.conn, article_id), row["signature"])

    def merge_index(self) -> mg.SQLiteMergeIndex:
        return mg.SQLiteMergeIndex(self.conn)

    def band_candidates(self, article_id: int, bands: list[int]) -> list[tuple[int, int, bytes]]:
        return mg.band_candidates(self.conn, article_id, bands)

    def clusters_of_groups(self, groups: set[int]) -> set[int]:
        return mg.clusters_of_groups(self.conn, groups)

    def set_syndication(self, article_id: int, sig: bytes, bands: list[int], topics: list[str], group: int,
                        merged: set[int]) -> None:
        mg.set_syndication(self.conn, article_id, sig, bands, " ".join(topics), group, merged)

    def begin_cluster_change(self, cluster_ids: set[int]) -> None:
        mg.drop_documents(self.conn, cluster_ids)

    def apply_step(self, step) -> list[int]:
        return self.merge_index().apply(step)

    def cluster_members(self, cluster_ids: set[int]):
        return mg.members(self.conn, cluster_ids)

    def cluster_states(self, cluster_ids: set[int]):
        return mg.states(self.conn, cluster_ids)

    def entity_centrality(self, keys: set[str]) -> dict[str, int]:
        return self.merge_index().entity_counts(keys)

    def end_cluster_change(self, summaries) -> None:
        mg.write_summaries(self.conn, summaries)

    def mark_merged(self, article_id: int) -> None:
        self.conn.execute("UPDATE articles SET pending = 0 WHERE id = ?", (article_id,))

    def check(self) -> list[str]:
        return mg.check(self.conn)

    def reset_merging(self) -> None:
        with transaction(self.conn):
            self.conn.execute("INSERT INTO cluster_fts (cluster_fts) VALUES ('delete-all')")
            for table in ("clusters", "merge_keys", "merge_terms", "merge_counts", "article_bands"):
                self.conn.execute(f"DELETE FROM {table}")
            self.conn.execute("UPDATE events SET cluster_id = NULL, terms = NULL, copy = NULL"
                              " WHERE cluster_id IS NOT NULL OR terms IS NOT NULL")
            self.conn.execute("UPDATE articles SET pending = 1, syndication_group = NULL, topics = NULL")

    # -- re-extraction -------------------------------------------------------------------------------

    def article_ids(self, after: int = 0, limit: int = 1000) -> list[int]:
        return [r[0] for r in self.conn.execute("SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                                                (after, limit))]

    def stored_for_events(self, article_id: int) -> StoredForEvents:
        conn = self.conn
        art = conn.execute("SELECT id, text, lang, dct_value, dct_start, dct_end, dct_granularity FROM articles"
                           " WHERE id = ?", (article_id,)).fetchone()
        dct = DCT(art["dct_value"], _text_interval(art["dct_start"], art["dct_end"], art["dct_granularity"]))
        srows = conn.execute('SELECT id, start, "end", kind, paragraph, tense, tokens FROM sentences'
                             " WHERE id >= ? AND id < ? ORDER BY id", sentence_range(article_id)).fetchall()
        sentences = [Sentence(r[1], r[2], r[3], r[4], r[5], [tuple(t) for t in json.loads(r[6] or "[]")])
                     for r in srows]
        index = {r[0]: n for n, r in enumerate(srows)}
        trows = conn.execute('SELECT id, tid, start, "end", text, type, value, mod, interval_start, interval_end,'
                             " granularity FROM timexes WHERE article_id = ? ORDER BY start", (article_id,)).fetchall()
        timexes = [Timex(r[2], r[3], r[4], r[1], r[5], r[6], r[7], _interval(r[8], r[9], r[10])) for r in trows]
        mrows = conn.execute('SELECT id, start, "end", text, type, title, sentence_id FROM mentions'
                             " WHERE article_id = ? ORDER BY id", (article_id,)).fetchall()
        mentions = [EntityMention(r[1], r[2], r[3], r[4], r[5]) for r in mrows]
        return StoredForEvents(article_id, art["text"], art["lang"], dct, sentences, timexes, mentions,
                               [index.get(r[6], 0) for r in mrows],
                               ([r[0] for r in srows], [r[0] for r in trows], [r[0] for r in mrows]))

    def replace_events(self, article_id: int, events: list[Event], ids) -> None:
        self.conn.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
        insert_events(self.conn, article_id, events, *ids)

    # -- timelines -----------------------------------------------------------------------------------

    def timeline(self, query: TimelineQuery) -> TimelineRows:
        return timeline_rows(self.conn, query)

    # -- entities ------------------------------------------------------------------------------------

    def find_entities(self, ref: str) -> list[dict[str, Any]]:
        return [dict(r) for r in ent.find_entities(self.conn, ref)]

    def list_entities(self, kind: str | None = None, limit: int | None = None,
                      min_mentions: int = 1) -> list[dict[str, Any]]:
        return ent.list_entities(self.conn, kind, limit, min_mentions)

    def entity_details(self, ref: str) -> dict[str, Any]:
        rows = ent.find_entities(self.conn, ref)
        if not rows:
            ent.one_entity(self.conn, ref)  # raises the usage error
        others = [{"id": r["uid"], "name": r["name"], "type": r["type"], "mentions": r["mention_count"]}
                  for r in rows[1:]]
        return ent.entity_details(self.conn, rows[0]) | {"others": others}

    def merge_entities(self, keep: str, other: str) -> dict[str, Any]:
        ids = [ent.one_entity(self.conn, keep)["id"], ent.one_entity(self.conn, other)["id"]]
        with transaction(self.conn):
            with _EntityLinks(self.conn, ids):
                row = ent.merge_entities(self.conn, keep, other)
        return dict(row)

    def split_entity(self, ref: str, names: list[str] | None = None,
                     articles: list[str] | None = None) -> dict[str, Any]:
        ids = [ent.one_entity(self.conn, ref)["id"]]
        with transaction(self.conn):
            links = _EntityLinks(self.conn, ids)
            with links:
                row = ent.split_entity(self.conn, ref, names, articles)
                links.also(row["id"])
        return dict(row)

    def regroup_entities(self) -> int:
        count = ent.regroup(self.conn)
        self.reset_merging()  # every entity key changed: merge everything again
        return count


class _EntityLinks:
    """Keeps merging in step when entities change: the blocking keys, centrality counts and
    search documents of the merged events whose mentions involve the given entities."""

    def __init__(self, conn: sqlite3.Connection, entity_ids: list[int]):
        self.conn, self.ids = conn, list(entity_ids)

    def also(self, entity_id: int) -> None:
        self.ids.append(entity_id)

    def _events(self) -> set[int]:
        out: set[int] = set()
        for part in mg.chunks(sorted(set(self.ids))):
            out.update(r[0] for r in self.conn.execute(
                "SELECT DISTINCT em.event_id FROM mentions m JOIN event_mentions em ON em.mention_id = m.id"
                f" JOIN events e ON e.id = em.event_id WHERE m.entity_id IN ({','.join('?' * len(part))})"
                " AND e.cluster_id IS NOT NULL", part))
        return out

    def __enter__(self) -> "_EntityLinks":
        self.events = self._events()
        self.before = mg.event_entities(self.conn, self.events)
        return self

    def __exit__(self, kind, *_: Any) -> None:
        if kind is not None:
            return
        events = self.events | self._events()
        after = mg.event_entities(self.conn, events)
        index = mg.SQLiteMergeIndex(self.conn)
        changed = {e for e in events if self.before.get(e, set()) != after.get(e, set())}
        if not changed:
            return
        records = {m.key: m for m in index.mentions(changed)}
        from ...events.online import block_keys
        from ...events.records import stable_hash
        from collections import Counter

        delta: Counter = Counter()
        for eid in sorted(changed):
            m = records.get(eid)
            if m is None:
                continue
            old, new = self.before.get(eid, set()), after.get(eid, set())
            delta.update({k: -1 for k in old - new})
            delta.update({k: 1 for k in new - old})
            if not m.linkable:
                continue
            m_old = _with_entities(m, old)
            m_new = _with_entities(m, new)
            from ...events.online import anchor_day

            gone = {key for kind, _, key in block_keys(m_old) if kind in ("e", "ep")}
            made = {key for kind, _, key in block_keys(m_new) if kind in ("e", "ep")}
            day = anchor_day(m)
            self.conn.executemany("DELETE FROM merge_keys WHERE key = ? AND day = ? AND event_id = ?",
                                  [(stable_hash(k), day, eid) for k in sorted(gone - made)])
            self.conn.executemany("INSERT OR IGNORE INTO merge_keys (key, day, event_id) VALUES (?, ?, ?)",
                                  [(stable_hash(k), day, eid) for k in sorted(made - gone)])
        self.conn.executemany("INSERT INTO merge_counts (kind, key, count) VALUES ('e', ?, ?)"
                              " ON CONFLICT (kind, key) DO UPDATE SET count = count + excluded.count",
                              [(k, c) for k, c in sorted(delta.items()) if c])
        clusters = {m.cluster for m in records.values()}
        mg.drop_documents(self.conn, clusters)
        from ...events.summary import summarise

        members = mg.members(self.conn, clusters)
        states = mg.states(self.conn, clusters)
        keys = {e for ms in members.values() for m in ms for e in m.entities}
        centrality = index.entity_counts(keys)
        mg.write_summaries(self.conn, {c: summarise(states[c], members[c], centrality) for c in members})


def _with_entities(m, entities: set[str]):
    from dataclasses import replace

    return replace(m, entities=frozenset(entities))
