"""Copying an archive from one store into another (``kroniek migrate``): SQLite to PostgreSQL and back.

Both backends hold the same tables (:data:`kroniek.store.sql.store.TABLES`)
with the same columns, so a copy moves every row as it is, parents before
children, then has the destination index every merged event's full-text
document its own way. The destination must be empty; at the end the rows
of every table are counted on both sides.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Callable

from .errors import StorageError, UsageError
from .store.base import Store
from .store.sql.store import TABLES


@dataclass
class CopyReport:
    """Rows copied per table (all equal on both sides, or the copy raised)."""

    rows: dict[str, int] = field(default_factory=dict)


def copy_archive(source: Store, target: Store, on_rows: Callable[[str, int], None] | None = None,
                 on_table: Callable[[str, int], None] | None = None) -> CopyReport:
    """Copy every row of ``source`` into the empty ``target``.

    Args:
        on_table: called with each table's name and row count before it is copied.
        on_rows: called with a table's name and the number of rows just copied.

    Returns:
        A :class:`CopyReport`.

    Raises:
        UsageError: the target holds articles already.
        StorageError: the two schemas differ, or a table's count differs after the copy.
    """
    if target.article_count():
        raise UsageError("the target archive is not empty: copy into a new database")
    report = CopyReport()
    with target.transaction(lock="store"), target.transaction(lock="merge"):
        for table in TABLES:
            columns = source.table_columns(table)
            if columns != target.table_columns(table):
                raise StorageError(f"the table {table} differs between the two archives: {columns} and"
                                   f" {target.table_columns(table)} (upgrade both to this kroniek first)")
            if on_table:
                on_table(table, source.row_count(table))
            for rows in source.table_rows(table):
                target.add_rows(table, columns, rows)
                if on_rows:
                    on_rows(table, len(rows))
        target.finish_copy()
    for table in TABLES:
        ours, theirs = source.row_count(table), target.row_count(table)
        if ours != theirs:
            raise StorageError(f"the copy of {table} has {theirs} rows, the source {ours}")
        report.rows[table] = ours
    return report
