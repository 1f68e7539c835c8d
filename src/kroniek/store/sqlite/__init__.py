"""The SQLite backend: one file, no server (the default).

Full-text documents of merged events live in the contentless FTS5 table
``cluster_fts`` whose rowid is the merged event's place on the timeline
(``clusters.pos``); :mod:`.timeline` searches them.
"""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ..base import TimelineQuery, TimelineRows
from ..sql import merge as mg
from ..sql.db import Db, chunks
from ..sql.store import SQLStore
from .db import connect, transaction
from .timeline import timeline_rows


class SQLiteDb(Db):
    """A :class:`~kroniek.store.sql.db.Db` over one SQLite connection (the shared SQL is SQLite's)."""

    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection):
        self.conn = conn

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        self.conn.executemany(sql, rows)

    @contextmanager
    def transaction(self, lock: str | None = None) -> Iterator[None]:
        # BEGIN IMMEDIATE takes the one write lock at once: every write transaction is serialised
        with transaction(self.conn):
            yield

    @property
    def in_transaction(self) -> bool:
        return self.conn.in_transaction


class SQLiteStore(SQLStore):
    """A kroniek archive in one SQLite file.

    Args:
        path: the database file, or ``":memory:"``.
        create: create (or upgrade) the file when needed; when False, a
            missing file is an error.
        conn: an open connection (made by :func:`.db.connect`) to use instead of ``path``.

    Raises:
        StorageError: a missing file (``create=False``), not a kroniek
            database, or a schema newer than this kroniek.
    """

    def __init__(self, path: str | Path = ":memory:", *, create: bool = True,
                 conn: sqlite3.Connection | None = None):
        self.path = str(path)
        self.conn = conn if conn is not None else connect(path, create=create)
        self.db = SQLiteDb(self.conn)

    def close(self) -> None:
        self.conn.close()

    # -- full-text documents (FTS5) ------------------------------------------------------------------

    def index_documents(self, cluster_ids: Iterable[int]) -> None:
        docs = mg.documents(self.db, cluster_ids)
        self.conn.executemany("INSERT INTO cluster_fts (rowid, text, names, about, meta) VALUES (?, ?, ?, ?, ?)",
                              list(docs.values()))

    def drop_documents(self, cluster_ids: Iterable[int]) -> None:
        docs = mg.documents(self.db, cluster_ids)
        self.conn.executemany("INSERT INTO cluster_fts (cluster_fts, rowid, text, names, about, meta)"
                              " VALUES ('delete', ?, ?, ?, ?, ?)", list(docs.values()))

    def clear_documents(self) -> None:
        self.conn.execute("INSERT INTO cluster_fts (cluster_fts) VALUES ('delete-all')")

    def check_documents(self) -> list[str]:
        places = {r[0] for r in self.conn.execute("SELECT pos FROM clusters WHERE pos IS NOT NULL")}
        docs = {r[0] for r in self.conn.execute("SELECT rowid FROM cluster_fts WHERE cluster_fts MATCH 'meta : doc'")}
        if docs != places:
            return [f"{len(docs - places)} search documents without a merged event, "
                    f"{len(places - docs)} merged events without one"]
        return []

    def timeline(self, query: TimelineQuery) -> TimelineRows:
        return timeline_rows(self.db, query)

    # -- syndication ---------------------------------------------------------------------------------

    def band_candidates(self, article_id: int, bands: list[int]) -> list[tuple[int, int, bytes]]:
        # the signatures come from their covering index, never from the rows (whose texts precede them)
        return mg.band_candidates(self.db, article_id, bands, index_hint="INDEXED BY articles_signature")

    def search_articles(self, words, start=None, end=None, unit="month", limit=20, offset=0):
        from ..sql.search import search_articles
        from ..sql.times import iso, seconds
        from .timeline import _quoted

        hits = "SELECT rowid AS pos FROM cluster_fts WHERE cluster_fts MATCH ?"
        match = f"{{text names about}} : ({_quoted(words)})"
        return search_articles(self.db, hits, [match], iso(seconds(start)) if start else None,
                               iso(seconds(end)) if end else None, unit, limit, offset,
                               index_hints={"clusters": "INDEXED BY clusters_pos_sort",
                                            "articles": "INDEXED BY articles_published"})

    def table_columns(self, table: str) -> list[str]:
        return [r[1] for r in self.conn.execute(f"PRAGMA table_info({table})")]


__all__ = ["SQLiteDb", "SQLiteStore", "chunks"]
