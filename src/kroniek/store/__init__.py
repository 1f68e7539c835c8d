"""Storage: one interface (:class:`Store`) with two backends: SQLite (one file, the default)
and PostgreSQL (a server, for archives that outgrow one file).

``open_store(path)`` opens (and creates or upgrades) an archive. Nothing
outside this package writes SQL.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

from .base import MergeInput, Store, StoredForEvents, TimelineQuery, TimelineRows
from .keys import article_key


def open_store(db: "str | Path | Store | sqlite3.Connection", *, create: bool = True) -> Store:
    """The archive at ``db``: a ``postgresql://`` URL (PostgreSQL), a path of an SQLite file
    (or ``":memory:"``), an SQLite connection made by kroniek, or a :class:`Store` (returned as it is).

    Args:
        create: create (or upgrade) a missing database; when False a
            missing one is an error.

    Raises:
        StorageError: no database (``create=False``), not a kroniek database,
            or a schema newer than this kroniek.
    """
    if isinstance(db, Store):
        return db
    if isinstance(db, str) and db.startswith(("postgresql://", "postgres://")):
        from .postgres import PostgresStore

        return PostgresStore(db, create=create)
    from .sqlite import SQLiteStore

    if isinstance(db, sqlite3.Connection):
        return SQLiteStore(conn=db)
    return SQLiteStore(db, create=create)


__all__ = ["MergeInput", "Store", "StoredForEvents", "TimelineQuery", "TimelineRows", "article_key", "open_store"]
