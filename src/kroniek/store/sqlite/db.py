"""Opening an SQLite database, applying numbered migrations, and transactions.

Migrations are the files ``store/sqlite/migrations/NNNN_name.sql``, applied
in order inside one transaction each (with foreign-key enforcement off, so
that a migration may rebuild a table); ``PRAGMA user_version`` holds the
number of the last one applied.

Connections run in autocommit mode; :func:`transaction` opens a write
transaction that takes the database's write lock at once (``BEGIN
IMMEDIATE``), so two writers wait for each other (up to
:data:`BUSY_SECONDS`) instead of failing, and readers go on reading (WAL).
"""
from __future__ import annotations

import os
import re
import sqlite3
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ...errors import StorageError

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"^(\d{4})_\w+\.sql$")
#: How long a writer waits for another writer's transaction to end.
BUSY_SECONDS = 600


def migrations() -> list[tuple[int, Path]]:
    """``(number, path)`` of every migration, in order."""
    found = []
    for path in MIGRATIONS.iterdir():
        m = _NAME.match(path.name)
        if m:
            found.append((int(m.group(1)), path))
    return sorted(found)


def schema_version(conn: sqlite3.Connection) -> int:
    """The number of the last migration applied to ``conn``."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def connect(path: str | Path, *, create: bool = True) -> sqlite3.Connection:
    """Open (and create or upgrade) a kroniek database.

    Args:
        path: the SQLite file, or ``":memory:"``.
        create: when False, a missing file is an error instead of being created.

    Returns:
        An autocommit connection with foreign keys on and rows as :class:`sqlite3.Row`.

    Raises:
        StorageError: missing file (``create=False``), not a database, or a
            schema newer than this version of kroniek.
    """
    memory = str(path) == ":memory:"
    if not create and not memory and not Path(path).exists():
        raise StorageError(f"no database at {path}: run 'kroniek ingest' first, or give --db")
    if create and not memory and not Path(path).parent.is_dir():
        raise StorageError(f"cannot create the database {path}: the folder {Path(path).parent} does not exist")
    # A database the user may not write (a shared archive) is still readable.
    read_only = not create and not memory and not _writable(Path(path))
    try:
        if read_only:
            # immutable: no WAL or lock files are needed in a folder we may not write
            conn = sqlite3.connect(f"{Path(path).resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                   timeout=BUSY_SECONDS, isolation_level=None, check_same_thread=False)
        else:
            conn = sqlite3.connect(str(path), timeout=BUSY_SECONDS, isolation_level=None,
                                   check_same_thread=False)
        conn.row_factory = sqlite3.Row
        if not memory and not read_only:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        if read_only:
            newest = migrations()[-1][0]
            if schema_version(conn) != newest:
                raise StorageError(f"{path} is read-only and its schema (version {schema_version(conn)}) needs"
                                   f" an upgrade to version {newest}; open it once with write access")
        else:
            _migrate(conn)
        conn.execute("PRAGMA foreign_keys = ON")
    except sqlite3.DatabaseError as exc:
        raise StorageError(f"{path}: not a usable kroniek database ({exc})") from None
    return conn


def _writable(path: Path) -> bool:
    """Whether the database and its folder (for the WAL files) may be written."""
    return os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def _migrate(conn: sqlite3.Connection) -> None:
    current = schema_version(conn)
    known = migrations()
    newest = known[-1][0] if known else 0
    if current > newest:
        raise StorageError(f"database schema version {current} is newer than this kroniek ({newest})")
    if current == newest:
        return
    conn.execute("PRAGMA foreign_keys = OFF")
    conn.execute("BEGIN IMMEDIATE")
    try:
        current = schema_version(conn)  # another process may have upgraded it meanwhile
        for number, path in known:
            if number <= current:
                continue
            for statement in _statements(path.read_text(encoding="utf-8")):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
        broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        if broken:
            raise StorageError(f"the schema upgrade left {len(broken)} broken references (table {broken[0][0]})")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration script (split where :func:`sqlite3.complete_statement` says)."""
    pending = ""
    for line in script.splitlines(keepends=True):
        if not pending and line.lstrip().startswith("--"):
            continue
        pending += line
        if sqlite3.complete_statement(pending):
            yield pending.strip()
            pending = ""
    if pending.strip():
        yield pending.strip()


@contextmanager
def transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A write transaction (``BEGIN IMMEDIATE``): committed when the block ends, rolled back on
    any exception. Inside another transaction it joins that one."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


@contextmanager
def reading(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    """A read transaction: the queries inside see one state of the database."""
    if conn.in_transaction:
        yield conn
        return
    conn.execute("BEGIN")
    try:
        yield conn
    finally:
        conn.execute("COMMIT")
