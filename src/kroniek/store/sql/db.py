"""The small database object the SQL shared by both backends talks to (:class:`Db`).

Shared statements use ``?`` placeholders and the SQL both SQLite and
PostgreSQL understand (``ON CONFLICT ... DO NOTHING``, ``RETURNING``,
table-qualified columns in upserts); each backend's :class:`Db` turns them
into its own dialect and runs them. Rows answer both ``row[0]`` and
``row["name"]``.
"""
from __future__ import annotations

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
