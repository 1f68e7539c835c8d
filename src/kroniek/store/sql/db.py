"""The small database object the SQL shared by both backends talks to (:class:`Db`).

Shared statements use ``?`` placeholders and the SQL both SQLite and
PostgreSQL understand (``ON CONFLICT ... DO NOTHING``, ``RETURNING``,
table-qualified columns in upserts); each backend's :class:`Db` turns them
into its own dialect and runs them. Rows answer both ``row[0]`` and
``row["name"]``.
"""
from __future__ import annotations

import re
from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from typing import Any, Iterable, Sequence


class Db(ABC):
    """One connection's worth of SQL, in the shared dialect.

    Attributes:
        dialect: ``"sqlite"`` or ``"postgresql"``.
    """

    dialect: str

    @abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement; the result iterates over rows and has ``fetchone``/``fetchall``."""

    @abstractmethod
    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        """Run one statement for each parameter row."""

    def insert(self, sql: str, params: Sequence[Any] = ()) -> int:
        """Run an ``INSERT`` and return the new row's ``id``."""
        return self.execute(f"{sql} RETURNING id", params).fetchone()[0]

    def insert_many(self, sql: str, rows: Iterable[Sequence[Any]]) -> list[int]:
        """Run an ``INSERT`` for each parameter row; return the new rows' ``id`` values, in order.

        A backend that talks to a server sends them together (one round trip
        rather than one per row).
        """
        return [self.insert(sql, row) for row in rows]

    def among(self, values: Sequence[Any]) -> tuple[str, tuple]:
        """``(condition, params)`` that test a column against a list: ``f"id {condition}"``.

        The shared form is ``IN (?, ?, ...)`` with one parameter per value; a
        backend may send the list as one parameter instead (PostgreSQL's
        ``= ANY(?)``, planned once whatever the list's length).
        """
        return f"IN ({marks(len(values))})", tuple(values)

    @abstractmethod
    def transaction(self, lock: str | None = None) -> AbstractContextManager:
        """A write transaction (joined when one is open already).

        Args:
            lock: the name of work that must not run twice at once (``"merge"``,
                ``"entities"``): the transaction holds that lock until it ends.
        """

    @property
    @abstractmethod
    def in_transaction(self) -> bool:
        """True inside a transaction."""


_ROW_NUMBER = re.compile(r"[0-9]{1,19}")  # ASCII digits only
_ROW_LIMIT = 2 ** 63  # a 64-bit integer column holds less


def row_number(text: str) -> int | None:
    """``text`` as a row number (a 64-bit integer column's value), or None when it is not one.

    Only ASCII digits count (``"²"`` is a digit to :meth:`str.isdigit` but no
    number), and the value must be below 2^63, so that it fits the column: a
    larger one is no row of the database rather than an overflow error from
    the driver.
    """
    if not _ROW_NUMBER.fullmatch(text):
        return None
    value = int(text)
    return value if value < _ROW_LIMIT else None


def marks(n: int) -> str:
    """``?,?,?``: placeholders for an ``IN (...)`` list of ``n`` values."""
    return ",".join("?" * n)


def chunks(values: Iterable, size: int = 500) -> Iterable[list]:
    """``values`` in lists of at most ``size`` (for ``IN (...)`` lists)."""
    batch = []
    for v in values:
        batch.append(v)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
