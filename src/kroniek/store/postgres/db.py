"""PostgreSQL connections (psycopg 3 with its pool), the shared SQL turned into PostgreSQL's, and migrations.

A :class:`PgDb` runs the statements of :mod:`kroniek.store.sql` (``?``
placeholders become ``%s``). Outside a transaction each statement borrows
a pooled connection in autocommit mode and its rows are read at once;
inside :meth:`PgDb.transaction` one connection is held by the thread until
the transaction ends. A named lock (``transaction(lock="merge")``) is a
transaction-scoped advisory lock: work that must not run twice at once
(storing articles with their entities, merging) waits for the other
process's transaction, whatever runs next to it.

Migrations are ``store/postgres/migrations/NNNN_name.sql``; the number of
the last one applied is ``kroniek_meta.schema_version``.
"""
from __future__ import annotations

import re
import threading
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any, Iterable, Iterator, Sequence

from ...errors import ExternalToolError, StorageError
from ..sql.db import Db

MIGRATIONS = Path(__file__).resolve().parent / "migrations"
_NAME = re.compile(r"^(\d{4})_\w+\.sql$")
#: Advisory lock keys of the named locks (any 64-bit numbers kroniek alone uses).
LOCKS = {"store": 0x6B726F6E69656B01, "merge": 0x6B726F6E69656B02, "schema": 0x6B726F6E69656B03}


def _driver():
    try:
        import psycopg
        import psycopg_pool
    except ImportError:  # pragma: no cover - a dependency of kroniek
        raise ExternalToolError("PostgreSQL needs the Python packages psycopg and psycopg-pool:"
                                " pip install 'psycopg[binary]' psycopg-pool") from None
    return psycopg, psycopg_pool


@lru_cache(maxsize=512)
def translate(sql: str) -> str:
    """A shared statement in PostgreSQL's dialect: ``?`` → ``%s`` (and ``%`` → ``%%``)."""
    return sql.replace("%", "%%").replace("?", "%s")


class Row(tuple):
    """A row that answers ``row[0]`` and ``row["name"]``, and ``dict(row)``."""

    __slots__ = ()
    _index: dict[str, int] = {}

    def __getitem__(self, key):  # type: ignore[override]
        if isinstance(key, str):
            return tuple.__getitem__(self, self._index[key])
        return tuple.__getitem__(self, key)

    def keys(self) -> list[str]:
        """The column names."""
        return list(self._index)


def row_factory(cursor):
    """psycopg row factory making :class:`Row` objects."""
    if cursor.description is None:
        return tuple
    names = {c.name: n for n, c in enumerate(cursor.description)}
    cls = type("Row", (Row,), {"__slots__": (), "_index": names})
    return cls


class Rows:
    """The rows of a statement run on a borrowed connection, read at once."""

    def __init__(self, rows: list):
        self.rows, self.at = rows, 0

    def fetchone(self):
        if self.at >= len(self.rows):
            return None
        self.at += 1
        return self.rows[self.at - 1]

    def fetchall(self) -> list:
        out, self.at = self.rows[self.at:], len(self.rows)
        return out

    def fetchmany(self, n: int) -> list:
        out = self.rows[self.at:self.at + n]
        self.at += len(out)
        return out

    def __iter__(self):
        return iter(self.fetchall())


def _lost(exc: Exception) -> StorageError:
    return StorageError(f"the connection to the PostgreSQL server failed: {str(exc).strip() or type(exc).__name__};"
                        " what was not committed is not stored (run the command again)")


class PgDb(Db):
    """The shared SQL over a pool of psycopg connections (see the module docstring)."""

    dialect = "postgresql"

    def __init__(self, conninfo: str, max_size: int = 8):
        psycopg, psycopg_pool = _driver()
        self.psycopg = psycopg
        self.conninfo = conninfo
        try:
            self.pool = psycopg_pool.ConnectionPool(
                conninfo, min_size=1, max_size=max_size, open=True, timeout=30,
                kwargs={"autocommit": True, "row_factory": row_factory},
                check=psycopg_pool.ConnectionPool.check_connection)
            self.pool.wait(timeout=30)
        except (psycopg.Error, psycopg_pool.PoolTimeout) as exc:
            raise StorageError(f"cannot connect to the PostgreSQL database {redact(conninfo)}: {exc}") from None
        self.local = threading.local()

    def close(self) -> None:
        self.pool.close()

    def _held(self):
        return getattr(self.local, "conn", None)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        conn = self._held()
        try:
            if conn is not None:
                return conn.execute(translate(sql), params)
            with self.pool.connection() as borrowed:
                cur = borrowed.execute(translate(sql), params)
                return Rows(cur.fetchall() if cur.description is not None else [])
        except self.psycopg.OperationalError as exc:
            raise _lost(exc) from None

    def _on_connection(self, work):
        """``work(connection)`` on the held connection, or on a borrowed one; a lost connection is a StorageError."""
        conn = self._held()
        try:
            if conn is not None:
                return work(conn)
            with self.pool.connection() as borrowed:
                return work(borrowed)
        except self.psycopg.OperationalError as exc:
            raise _lost(exc) from None

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return

        def work(conn) -> None:
            with conn.cursor() as cur:
                cur.executemany(translate(sql), rows)
        self._on_connection(work)

    def among(self, values: Sequence[Any]) -> tuple[str, tuple]:
        """``= ANY(?)`` with the values as one array parameter (see :meth:`Db.among`)."""
        return "= ANY(?)", (list(values),)

    def insert_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> list[int]:
        """The rows inserted in one pipeline (psycopg's ``executemany(..., returning=True)``); their ids."""
        rows = list(rows)
        if not rows:
            return []

        def work(conn) -> list[int]:
            ids = []
            with conn.cursor() as cur:
                cur.executemany(translate(f"{sql} RETURNING id"), rows, returning=True)
                while True:
                    ids.append(cur.fetchone()[0])
                    if not cur.nextset():
                        return ids
        return self._on_connection(work)

    def script(self, sql: str) -> None:
        """Run several statements of literal SQL (no parameters), inside the held transaction."""
        self._held().execute(sql)

    def copy_in(self, statement: str, rows: list[tuple]) -> None:
        """Rows into a table with ``COPY ... FROM STDIN`` (inside the held transaction)."""
        try:
            with self._held().cursor() as cur, cur.copy(statement) as copy:
                for row in rows:
                    copy.write_row(row)
        except self.psycopg.OperationalError as exc:
            raise _lost(exc) from None

    def stream(self, sql: str, params: Sequence[Any] = (), batch: int = 5000) -> Iterator[list]:
        """Rows of a large result, ``batch`` at a time, from a server-side cursor."""
        with self.transaction():
            with self._held().cursor(name=f"kroniek_stream_{id(self)}") as cur:
                cur.execute(translate(sql), params)
                while True:
                    rows = cur.fetchmany(batch)
                    if not rows:
                        return
                    yield rows

    @contextmanager
    def transaction(self, lock: str | None = None) -> Iterator[None]:
        conn = self._held()
        if conn is not None:  # join the open transaction, taking the lock too
            if lock:
                self.execute("SELECT pg_advisory_xact_lock(?)", (_signed(LOCKS[lock]),))
            yield
            return
        try:
            with self.pool.connection() as conn:
                self.local.conn = conn
                try:
                    with conn.transaction():
                        if lock:
                            conn.execute("SELECT pg_advisory_xact_lock(%s)", (_signed(LOCKS[lock]),))
                        yield
                finally:
                    self.local.conn = None
        except self.psycopg.OperationalError as exc:
            raise _lost(exc) from None

    @property
    def in_transaction(self) -> bool:
        return self._held() is not None


def _signed(n: int) -> int:
    return n - (1 << 64) if n >= 1 << 63 else n


def redact(conninfo: str) -> str:
    """A connection string without its password."""
    return re.sub(r"(://[^:/@]+):[^@]*@", r"\1:***@", re.sub(r"(password=)\S+", r"\1***", conninfo))


def migrations() -> list[tuple[int, Path]]:
    """``(number, path)`` of every PostgreSQL migration, in order."""
    found = []
    for path in MIGRATIONS.iterdir():
        m = _NAME.match(path.name)
        if m:
            found.append((int(m.group(1)), path))
    return sorted(found)


def schema_version(db: PgDb) -> int:
    """The number of the last migration applied (0 for an empty database)."""
    exists = db.execute("SELECT to_regclass('kroniek_meta')").fetchone()[0]
    if exists is None:
        return 0
    row = db.execute("SELECT value FROM kroniek_meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 0


def migrate(db: PgDb, create: bool) -> None:
    """Bring the schema up to date (one transaction, under the schema lock).

    Raises:
        StorageError: a schema newer than this kroniek, an empty database
            when ``create`` is False, or a migration PostgreSQL refuses
            (a missing extension: the message says so).
    """
    known = migrations()
    newest = known[-1][0]
    current = schema_version(db)
    if current > newest:
        raise StorageError(f"database schema version {current} is newer than this kroniek ({newest})")
    if current == newest:
        return
    if current == 0 and not create:
        raise StorageError(f"no kroniek archive in the database {redact(db.conninfo)}: run 'kroniek ingest' first")
    with db.transaction(lock="schema"):
        current = schema_version(db)  # another process may have done it meanwhile
        for number, path in known:
            if number <= current:
                continue
            try:
                db.script(path.read_text(encoding="utf-8"))
            except db.psycopg.Error as exc:
                raise StorageError(f"cannot set up the kroniek schema in {redact(db.conninfo)}: {exc}".strip()
                                   + (" (the extension pg_trgm comes with the package postgresql-contrib)"
                                      if "pg_trgm" in str(exc) else "")) from None
            db.execute("INSERT INTO kroniek_meta (key, value) VALUES ('schema_version', ?)"
                       " ON CONFLICT (key) DO UPDATE SET value = excluded.value", (str(number),))
