"""``kroniek migrate``: copy an archive into another database (SQLite to PostgreSQL, or back)."""
from __future__ import annotations

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..archive_copy import copy_archive
from ..store import open_store
from .common import errors_to_exit


@click.command("migrate")
@click.option("--from", "source", required=True, help="The archive to copy: an SQLite file or a postgresql:// URL.")
@click.option("--to", "target", required=True, help="The empty database to copy it into (made when missing).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@errors_to_exit
def migrate_command(source: str, target: str, quiet: bool) -> None:
    """Copy every article, annotation, entity and merged event of --from into the empty --to.

    The copy keeps ids, merge decisions and the merging state, so ingests
    into --to go on where --from stopped. At the end every table's rows
    are counted on both sides.
    """
    src = open_store(source, create=False)
    dst = open_store(target)
    progress = Progress(TextColumn("[bold]{task.description:<20}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=Console(stderr=True), disable=quiet)
    tasks: dict[str, int] = {}
    with progress:
        report = copy_archive(src, dst, on_table=lambda t, n: tasks.setdefault(t, progress.add_task(t, total=n)),
                              on_rows=lambda t, n: progress.advance(tasks[t], n))
    width = max(len(t) for t in report.rows)
    for table, n in report.rows.items():
        click.echo(f"{table:<{width}}  {n:>10,} rows, the same on both sides")
    click.echo(f"copied {source} to {target}")
