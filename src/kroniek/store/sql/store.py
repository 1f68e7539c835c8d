"""What both backends' stores share: :class:`SQLStore`, the :class:`~kroniek.store.base.Store`
interface written once over a :class:`~kroniek.store.sql.db.Db`.

A backend adds its connection (``self.db``), how it indexes the full-text
documents of merged events (:meth:`SQLStore.index_documents`,
:meth:`SQLStore.drop_documents`, :meth:`SQLStore.clear_documents`,
:meth:`SQLStore.check_documents`) and how it searches them
(:meth:`SQLStore.timeline`).
"""
from __future__ import annotations

import json
from abc import abstractmethod
from collections import Counter
from dataclasses import replace
from datetime import datetime
from typing import Any, Iterable, Iterator

from ...events.online import anchor_day, block_keys
from ...events.records import stable_hash
from ...events.summary import summarise
from ...model import Annotated, Event, Mention as EntityMention, Sentence, Timex
from ...temporal.calendar import Granularity, Interval
from ...temporal.dct import DCT
from ..base import MergeInput, Store, StoredForEvents
from . import entities as ent
from . import merge as mg
from . import pages
from . import tokens as tk
from .articles import article_details, insert_events, is_present, sentence_range, store_article
from .db import Db, chunks, marks
from .times import moment

#: The tables of an archive, parents before children (for copying one archive into another).
TABLES = ("articles", "sentences", "timexes", "entities", "mentions", "events", "event_mentions", "entity_names",
          "entity_person_names", "entity_context", "entity_stats", "entity_rules", "entity_choices", "clusters",
          "merge_keys", "merge_terms", "merge_counts", "article_bands", "api_tokens")


def _interval(start: int | None, end: int | None, gran: str | None) -> Interval | None:
    if start is None or end is None or gran is None:
        return None
    return Interval(moment(start), moment(end), Granularity[gran.upper()])


def _text_interval(start: str | None, end: str | None, gran: str | None) -> Interval | None:
    if not start or not end or not gran:
        return None
    return Interval(datetime.fromisoformat(start), datetime.fromisoformat(end), Granularity[gran.upper()])


class SQLStore(Store):
    """The storage interface over SQL shared by the backends (see the module docstring)."""

    db: Db

    # -- the backend's part --------------------------------------------------------------------------

    @abstractmethod
    def index_documents(self, cluster_ids: Iterable[int]) -> None:
        """Index the full-text documents of these merged events (they have their places)."""

    @abstractmethod
    def drop_documents(self, cluster_ids: Iterable[int]) -> None:
        """Remove the full-text documents of these merged events (before they change)."""

    @abstractmethod
    def clear_documents(self) -> None:
        """Remove every full-text document."""

    @abstractmethod
    def check_documents(self) -> list[str]:
        """Problems with the full-text documents (one per merged event)."""

    # -- lifecycle -----------------------------------------------------------------------------------

    def transaction(self, lock: str | None = None):
        return self.db.transaction(lock)

    # -- articles ------------------------------------------------------------------------------------

    def has_article(self, ext_id: str | None, digest: str) -> bool:
        return is_present(self.db, ext_id, digest)

    def store_article(self, annotated: Annotated) -> int | None:
        return store_article(self.db, annotated)

    def article(self, ref: str) -> dict[str, Any]:
        return article_details(self.db, ref)

    def article_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def event_count(self) -> int:
        row = self.db.execute("SELECT count FROM merge_counts WHERE kind = 'c' AND key = ''").fetchone()
        return row[0] if row else 0

    # -- merging -------------------------------------------------------------------------------------

    def pending_count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles WHERE pending = 1").fetchone()[0]

    def next_pending(self) -> int | None:
        row = self.db.execute("SELECT id FROM articles WHERE pending = 1 ORDER BY id LIMIT 1").fetchone()
        return row[0] if row else None

    def merge_input(self, article_id: int) -> MergeInput:
        row = self.db.execute("SELECT id, text, title, lang, signature FROM articles WHERE id = ?",
                              (article_id,)).fetchone()
        sentences = [(r[0], r[1]) for r in self.db.execute(
            'SELECT start, "end" FROM sentences WHERE id >= ? AND id < ? ORDER BY id', sentence_range(article_id))]
        signature = row["signature"]
        return MergeInput(row["id"], row["text"], row["title"], row["lang"], sentences,
                          mg.stored_events(self.db, article_id), bytes(signature) if signature is not None else None)

    def merge_index(self) -> mg.SQLMergeIndex:
        return mg.SQLMergeIndex(self.db)

    def band_candidates(self, article_id: int, bands: list[int]) -> list[tuple[int, int, bytes]]:
        return mg.band_candidates(self.db, article_id, bands)

    def clusters_of_groups(self, groups: set[int]) -> set[int]:
        return mg.clusters_of_groups(self.db, groups)

    def set_syndication(self, article_id: int, sig: bytes, bands: list[int], topics: list[str], group: int,
                        merged: set[int]) -> None:
        mg.set_syndication(self.db, article_id, sig, bands, " ".join(topics), group, merged)

    def begin_cluster_change(self, cluster_ids: set[int]) -> None:
        self.drop_documents(cluster_ids)
        mg.forget_places(self.db, cluster_ids)

    def apply_step(self, step) -> list[int]:
        return self.merge_index().apply(step)

    def cluster_members(self, cluster_ids: set[int]):
        return mg.members(self.db, cluster_ids)

    def cluster_states(self, cluster_ids: set[int]):
        return mg.states(self.db, cluster_ids)

    def entity_centrality(self, keys: set[str]) -> dict[str, int]:
        return self.merge_index().entity_counts(keys)

    def end_cluster_change(self, summaries) -> None:
        mg.write_summaries(self.db, summaries)
        self.index_documents(summaries)

    def mark_merged(self, article_id: int) -> None:
        self.db.execute("UPDATE articles SET pending = 0 WHERE id = ?", (article_id,))

    def check(self) -> list[str]:
        return mg.check(self.db) + self.check_documents()

    def reset_merging(self) -> None:
        with self.db.transaction(lock="merge"):
            self.clear_documents()
            for table in ("clusters", "merge_keys", "merge_terms", "merge_counts", "article_bands"):
                self.db.execute(f"DELETE FROM {table}")
            self.db.execute("UPDATE events SET cluster_id = NULL, terms = NULL, copy = NULL"
                            " WHERE cluster_id IS NOT NULL OR terms IS NOT NULL")
            self.db.execute("UPDATE articles SET pending = 1, syndication_group = NULL, topics = NULL")

    # -- re-extraction -------------------------------------------------------------------------------

    def article_ids(self, after: int = 0, limit: int = 1000) -> list[int]:
        return [r[0] for r in self.db.execute("SELECT id FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                                              (after, limit))]

    def stored_for_events(self, article_id: int) -> StoredForEvents:
        db = self.db
        art = db.execute("SELECT id, text, lang, dct_value, dct_start, dct_end, dct_granularity FROM articles"
                         " WHERE id = ?", (article_id,)).fetchone()
        dct = DCT(art["dct_value"], _text_interval(art["dct_start"], art["dct_end"], art["dct_granularity"]))
        srows = db.execute('SELECT id, start, "end", kind, paragraph, tense, tokens FROM sentences'
                           " WHERE id >= ? AND id < ? ORDER BY id", sentence_range(article_id)).fetchall()
        sentences = [Sentence(r[1], r[2], r[3], r[4], r[5], [tuple(t) for t in json.loads(r[6] or "[]")])
                     for r in srows]
        index = {r[0]: n for n, r in enumerate(srows)}
        trows = db.execute('SELECT id, tid, start, "end", text, type, value, mod, interval_start, interval_end,'
                           " granularity FROM timexes WHERE article_id = ? ORDER BY start", (article_id,)).fetchall()
        timexes = [Timex(r[2], r[3], r[4], r[1], r[5], r[6], r[7], _interval(r[8], r[9], r[10])) for r in trows]
        mrows = db.execute('SELECT id, start, "end", text, type, title, sentence_id FROM mentions'
                           " WHERE article_id = ? ORDER BY id", (article_id,)).fetchall()
        mentions = [EntityMention(r[1], r[2], r[3], r[4], r[5]) for r in mrows]
        return StoredForEvents(article_id, art["text"], art["lang"], dct, sentences, timexes, mentions,
                               [index.get(r[6], 0) for r in mrows],
                               ([r[0] for r in srows], [r[0] for r in trows], [r[0] for r in mrows]))

    def replace_events(self, article_id: int, events: list[Event], ids) -> None:
        self.db.execute("DELETE FROM events WHERE article_id = ?", (article_id,))
        insert_events(self.db, article_id, events, *ids)

    def events_between(self, start=None, end=None, batch: int = 500):
        from ..base import TimelineRows
        from .times import OPEN_END, OPEN_START, position_of, seconds

        lo = position_of(seconds(start) if start is not None else OPEN_START)
        hi = position_of(seconds(end) if end is not None else OPEN_END) + (1 << 24)
        while True:
            page = [r[0] for r in self.db.execute("SELECT pos FROM clusters WHERE pos >= ? AND pos < ?"
                                                  " ORDER BY pos LIMIT ?", (lo, hi, batch))]
            if not page:
                return
            clusters = pages.clusters(self.db, page)
            yield TimelineRows(len(clusters), clusters, pages.members(self.db, [c["id"] for c in clusters]),
                               pages.entities(self.db, [c["representative"] for c in clusters]),
                               {p: "sentence" for p in page}, None)
            lo = page[-1] + 1

    def event(self, cluster_id: int):
        from ..base import TimelineRows

        page = pages.cluster_places(self.db, [cluster_id])
        clusters = pages.clusters(self.db, page)
        return TimelineRows(len(clusters), clusters, pages.members(self.db, [c["id"] for c in clusters]),
                            pages.entities(self.db, [c["representative"] for c in clusters]),
                            {p: "sentence" for p in page}, None)

    # -- entities ------------------------------------------------------------------------------------

    def complete_entities(self, prefix: str, limit: int = 10, offset: int = 0) -> dict[str, Any]:
        from ...temporal.lexicon import fold

        key = fold(prefix.strip())
        if not key:
            return {"total": 0, "offset": offset, "limit": limit, "entities": []}
        bounds = (key, key + "\uffff")
        total = self.db.execute("SELECT count(DISTINCT entity_id) FROM entity_names WHERE key >= ? AND key < ?",
                                bounds).fetchone()[0]
        rows = self.db.execute(
            "SELECT e.uid, e.name, e.type, e.mention_count, e.article_count, min(n.name) FROM entity_names n"
            " JOIN entities e ON e.id = n.entity_id WHERE n.key >= ? AND n.key < ?"
            " GROUP BY e.id, e.uid, e.name, e.type, e.mention_count, e.article_count"
            " ORDER BY e.mention_count DESC, e.name, e.uid LIMIT ? OFFSET ?", (*bounds, limit, offset)).fetchall()
        return {"total": total, "offset": offset, "limit": limit,
                "entities": [{"id": r[0], "name": r[1], "type": r[2], "mentions": r[3], "articles": r[4],
                              "matched": r[5]} for r in rows]}

    def find_entities(self, ref: str) -> list[dict[str, Any]]:
        return [dict(r) for r in ent.find_entities(self.db, ref)]

    def list_entities(self, kind: str | None = None, limit: int | None = None,
                      min_mentions: int = 1) -> list[dict[str, Any]]:
        return ent.list_entities(self.db, kind, limit, min_mentions)

    def entity_summary(self, ref: str) -> dict[str, Any]:
        return ent.entity_summary(self.db, ent.one_entity(self.db, ref))

    def entity_details(self, ref: str) -> dict[str, Any]:
        rows = ent.find_entities(self.db, ref)
        if not rows:
            ent.one_entity(self.db, ref)  # raises the usage error
        others = [{"id": r["uid"], "name": r["name"], "type": r["type"], "mentions": r["mention_count"]}
                  for r in rows[1:]]
        return ent.entity_details(self.db, rows[0]) | {"others": others}

    def merge_entities(self, keep: str, other: str) -> dict[str, Any]:
        ids = [ent.one_entity(self.db, keep)["id"], ent.one_entity(self.db, other)["id"]]
        with self.db.transaction(lock="store"), self.db.transaction(lock="merge"):
            with EntityLinks(self, ids):
                row = ent.merge_entities(self.db, keep, other)
        return dict(row)

    def split_entity(self, ref: str, names: list[str] | None = None,
                     articles: list[str] | None = None) -> dict[str, Any]:
        ids = [ent.one_entity(self.db, ref)["id"]]
        with self.db.transaction(lock="store"), self.db.transaction(lock="merge"):
            links = EntityLinks(self, ids)
            with links:
                row = ent.split_entity(self.db, ref, names, articles)
                links.also(row["id"])
        return dict(row)

    def regroup_entities(self) -> int:
        count = ent.regroup(self.db)
        self.reset_merging()  # every entity key changed: merge everything again
        return count

    # -- tokens --------------------------------------------------------------------------------------

    def create_token(self, name: str) -> str:
        return tk.create_token(self.db, name)

    def check_token(self, token: str) -> str | None:
        return tk.check_token(self.db, token)

    def list_tokens(self) -> list[dict[str, Any]]:
        return tk.list_tokens(self.db)

    def revoke_token(self, name: str) -> None:
        tk.revoke_token(self.db, name)

    # -- copying -------------------------------------------------------------------------------------

    def table_rows(self, table: str, batch: int = 5000) -> Iterator[list[tuple]]:
        """Every row of one of :data:`TABLES`, in batches of tuples in :meth:`table_columns` order."""
        if table not in TABLES:
            raise ValueError(f"not a table of an archive: {table}")
        columns = ", ".join(f'"{c}"' for c in self.table_columns(table))
        order = "id" if "id" in self.table_columns(table) else columns
        cursor = self.db.execute(f"SELECT {columns} FROM {table} ORDER BY {order}")
        while True:
            rows = cursor.fetchmany(batch)
            if not rows:
                return
            yield [tuple(r) for r in rows]

    @abstractmethod
    def table_columns(self, table: str) -> list[str]:
        """The columns of one of :data:`TABLES`, in their stored order."""

    def row_count(self, table: str) -> int:
        """The number of rows of one of :data:`TABLES`."""
        if table not in TABLES:
            raise ValueError(f"not a table of an archive: {table}")
        return self.db.execute(f"SELECT count(*) FROM {table}").fetchone()[0]

    def add_rows(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        """Insert copied rows into an empty archive (inside the caller's transaction)."""
        names = ", ".join(f'"{c}"' for c in columns)
        self.db.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks(len(columns))})", rows)

    def finish_copy(self) -> None:
        """After rows were copied in: index every merged event's document, set counters."""
        ids = [r[0] for r in self.db.execute("SELECT id FROM clusters ORDER BY id")]
        for part in chunks(ids, 2000):
            self.index_documents(part)


class EntityLinks:
    """Keeps merging in step when entities change: the blocking keys, centrality counts and
    search documents of the merged events whose mentions involve the given entities."""

    def __init__(self, store: SQLStore, entity_ids: list[int]):
        self.store, self.db, self.ids = store, store.db, list(entity_ids)

    def also(self, entity_id: int) -> None:
        """One more entity whose links change (one made by a split)."""
        self.ids.append(entity_id)

    def _events(self) -> set[int]:
        out: set[int] = set()
        for part in chunks(sorted(set(self.ids))):
            out.update(r[0] for r in self.db.execute(
                "SELECT DISTINCT em.event_id FROM mentions m JOIN event_mentions em ON em.mention_id = m.id"
                f" JOIN events e ON e.id = em.event_id WHERE m.entity_id IN ({marks(len(part))})"
                " AND e.cluster_id IS NOT NULL", part))
        return out

    def __enter__(self) -> "EntityLinks":
        self.events = self._events()
        self.before = mg.event_entities(self.db, self.events)
        return self

    def __exit__(self, kind, *_: Any) -> None:
        if kind is not None:
            return
        events = self.events | self._events()
        after = mg.event_entities(self.db, events)
        index = mg.SQLMergeIndex(self.db)
        changed = {e for e in events if self.before.get(e, set()) != after.get(e, set())}
        if not changed:
            return
        records = {m.key: m for m in index.mentions(changed)}
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
            gone = {key for kind, _, key in block_keys(replace(m, entities=frozenset(old))) if kind in ("e", "ep")}
            made = {key for kind, _, key in block_keys(replace(m, entities=frozenset(new))) if kind in ("e", "ep")}
            day = anchor_day(m)
            self.db.executemany("DELETE FROM merge_keys WHERE key = ? AND day = ? AND event_id = ?",
                                [(stable_hash(k), day, eid) for k in sorted(gone - made)])
            self.db.executemany("INSERT INTO merge_keys (key, day, event_id) VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                                [(stable_hash(k), day, eid) for k in sorted(made - gone)])
        mg.add_counts(self.db, [("e", k, c) for k, c in sorted(delta.items()) if c])
        clusters = {m.cluster for m in records.values()}
        self.store.begin_cluster_change(clusters)
        members = mg.members(self.db, clusters)
        states = mg.states(self.db, clusters)
        keys = {e for ms in members.values() for m in ms for e in m.entities}
        centrality = index.entity_counts(keys)
        self.store.end_cluster_change({c: summarise(states[c], members[c], centrality) for c in members})
