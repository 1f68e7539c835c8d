"""The PostgreSQL backend: the server database for archives that outgrow one file.

``open_store("postgresql://user@host/dbname")`` (or ``KRONIEK_DB``) opens
one. The tables are those of the SQLite backend; search uses
PostgreSQL's own means (see :mod:`.timeline`): a ``tsvector`` per merged
event with a GIN index, a ``tstzrange`` with a GiST index for dates, and
trigram indexes (``pg_trgm``) on entity names. Storing articles and
merging each run under an advisory lock, so several ``kroniek ingest``
processes and any number of readers may work at once.
"""
from __future__ import annotations

from collections import Counter
from typing import Iterable, Iterator

from ...temporal.lexicon import fold
from ..base import TimelineQuery, TimelineRows
from ..sql import merge as mg
from ..sql.db import chunks
from ..sql.store import TABLES, SQLStore
from ..sql.times import OPEN_END, OPEN_START
from .db import PgDb, migrate, redact
from .merge import PgMergeIndex
from .timeline import config_of, timeline_rows


class PostgresStore(SQLStore):
    """A kroniek archive in a PostgreSQL database.

    Args:
        conninfo: a ``postgresql://`` URL (or libpq connection string).
        create: make the schema in an empty database; when False an empty
            database is an error.

    Raises:
        StorageError: the server cannot be reached, the database holds a
            schema newer than this kroniek, or (``create=False``) no archive.
    """

    def __init__(self, conninfo: str, *, create: bool = True):
        self.path = redact(conninfo)
        self.db = PgDb(conninfo)
        try:
            migrate(self.db, create)
        except BaseException:
            self.db.close()
            raise

    def close(self) -> None:
        self.db.close()

    def merge_index(self) -> PgMergeIndex:
        return PgMergeIndex(self.db)

    # -- full-text documents (tsvector) --------------------------------------------------------------

    def index_documents(self, cluster_ids: Iterable[int]) -> None:
        ids = sorted(set(cluster_ids))
        rows = []
        for part in chunks(ids):
            docs, langs = mg._documents(self.db, *self.db.among(part))
            rows += _document_rows(docs, langs)
        if rows:
            self.db.executemany(f"UPDATE clusters SET {_document('?::regconfig', '?', '?', '?', '?')} WHERE id = ?",
                                [(*row[1:], OPEN_START, OPEN_END, row[0]) for row in rows])

    def drop_documents(self, cluster_ids: Iterable[int]) -> None:
        pass  # a merged event's tsvector is written again with it (index_documents)

    def clear_documents(self) -> None:
        pass  # the documents go with the merged events

    def check_documents(self) -> list[str]:
        missing = self.db.execute("SELECT count(*) FROM clusters WHERE pos IS NOT NULL AND tsv IS NULL").fetchone()[0]
        return [f"{missing} merged events without a search document"] if missing else []

    def timeline(self, query: TimelineQuery) -> TimelineRows:
        return timeline_rows(self.db, query)

    def complete_entities(self, prefix: str, limit: int = 10, offset: int = 0):
        """Names that start with ``prefix`` first (most mentioned first), then names like it
        (pg_trgm similarity: "sesions" finds Sessions); both through the trigram index."""
        key = fold(prefix.strip())
        if not key:
            return {"total": 0, "offset": offset, "limit": limit, "entities": []}
        like = key.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
        where = "(n.key LIKE ? OR (length(?) >= 3 AND n.key % ?))"
        total = self.db.execute(f"SELECT count(DISTINCT n.entity_id) FROM entity_names n WHERE {where}",
                                (like, key, key)).fetchone()[0]
        rows = self.db.execute(
            "SELECT e.uid, e.name, e.type, e.mention_count, e.article_count, min(n.name),"
            " bool_or(n.key LIKE ?) AS starts, max(similarity(n.key, ?)) AS near"
            f" FROM entity_names n JOIN entities e ON e.id = n.entity_id WHERE {where}"
            " GROUP BY e.id, e.uid, e.name, e.type, e.mention_count, e.article_count"
            " ORDER BY starts DESC, e.mention_count DESC, near DESC, e.uid LIMIT ? OFFSET ?",
            (like, key, like, key, key, limit, offset)).fetchall()
        return {"total": total, "offset": offset, "limit": limit,
                "entities": [{"id": r[0], "name": r[1], "type": r[2], "mentions": r[3], "articles": r[4],
                              "matched": r[5]} for r in rows]}

    def search_articles(self, words, start=None, end=None, unit="month", limit=20, offset=0):
        from ..base import TimelineQuery
        from ..sql.search import search_articles
        from ..sql.times import iso, seconds
        from .timeline import tsquery

        match, params = tsquery(TimelineQuery(words=words))
        return search_articles(self.db, f"SELECT pos FROM clusters WHERE tsv @@ {match}", params,
                               iso(seconds(start)) if start else None, iso(seconds(end)) if end else None,
                               unit, limit, offset)

    def table_columns(self, table: str) -> list[str]:
        return [r[0] for r in self.db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = current_schema()"
            " AND table_name = ? AND column_name NOT IN ('tsv', 'during') ORDER BY ordinal_position", (table,))]

    def table_rows(self, table: str, batch: int = 5000) -> Iterator[list[tuple]]:
        columns = self.table_columns(table)
        names = ", ".join(f'"{c}"' for c in columns)
        order = "id" if "id" in columns else names
        for rows in self.db.stream(f"SELECT {names} FROM {table} ORDER BY {order}", (), batch):
            yield [tuple(r) for r in rows]

    def add_rows(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        names = ", ".join(f'"{c}"' for c in columns)
        self.db.copy_in(f"COPY {table} ({names}) FROM STDIN", rows)

    def finish_copy(self) -> None:
        # statistics first, so that the range queries below go through the indexes
        self._analyze()
        # the documents in bulk: range by range of merged event ids, copied into a scratch table and
        # set with one UPDATE each; the search indexes are built once, after
        self.db.execute("DROP INDEX IF EXISTS clusters_tsv")
        self.db.execute("DROP INDEX IF EXISTS clusters_during")
        self.db.execute("CREATE TEMP TABLE copied_documents (id bigint PRIMARY KEY, cfg regconfig, text text,"
                        " names text, about text, meta text) ON COMMIT DROP")
        first, last = self.db.execute("SELECT min(id), max(id) FROM clusters").fetchone()
        for low in range(first or 1, (last or 0) + 1, COPY_RANGE):
            docs, langs = mg.documents_between(self.db, low, low + COPY_RANGE - 1)
            if not docs:
                continue
            self.db.copy_in("COPY copied_documents (id, cfg, text, names, about, meta) FROM STDIN",
                            _document_rows(docs, langs))
            self.db.execute(f"UPDATE clusters SET {_document('d.cfg', 'd.text', 'd.names', 'd.about', 'd.meta')}"
                            " FROM copied_documents d WHERE clusters.id = d.id", (OPEN_START, OPEN_END))
            self.db.execute("TRUNCATE copied_documents")
        self.db.execute("CREATE INDEX clusters_tsv ON clusters USING gin (tsv)")
        self.db.execute("CREATE INDEX clusters_during ON clusters USING gist (during)")
        for table in ("articles", "timexes", "entities", "mentions", "events", "entity_stats", "entity_rules",
                      "clusters", "merge_terms"):
            self.db.execute(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'),"
                            f" GREATEST((SELECT max(id) FROM {table}), 1))")
        self._analyze()  # and again: without statistics the planner reads whole tables for small lookups

    def _analyze(self) -> None:
        for table in TABLES:
            self.db.execute(f"ANALYZE {table}")


COPY_RANGE = 20_000
"""Merged events per range when a copied archive's documents are indexed (:meth:`PostgresStore.finish_copy`)."""

def _document(cfg: str, text: str, names: str, about: str, meta: str) -> str:
    """The assignment of a merged event's search document (a weighted tsvector) and agreed interval
    (a tstzrange; two parameters follow: the open start and end), from these SQL expressions."""
    return (f"tsv = setweight(to_tsvector({cfg}, {text}), 'A') || setweight(to_tsvector('simple', {names}), 'B')"
            f" || setweight(to_tsvector('simple', {about}), 'C') || setweight(to_tsvector('simple', {meta}), 'D'),"
            " during = CASE WHEN disagree = 0 AND interval_start > ? AND interval_end < ?"
            " THEN tstzrange(to_timestamp(interval_start), to_timestamp(interval_end), '[)') END")


def _document_rows(docs: dict, langs: dict[int, Counter]) -> list[tuple]:
    """``(id, configuration, text, names, about, meta)`` per document; the configuration is that of
    the language most of its event mentions' articles are in (ties: the first name)."""
    rows = []
    for cid, (pos, text, names, about, meta) in docs.items():
        lang = min(langs.get(cid, Counter({"": 1})).items(), key=lambda x: (-x[1], x[0]))[0]
        rows.append((cid, config_of(lang), fold(text), fold(names), about, meta))
    return rows


__all__ = ["PostgresStore"]
