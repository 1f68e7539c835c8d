"""``kroniek export``: the archive's tables as files other tools read (Parquet)."""
from __future__ import annotations

import click
from rich.console import Console
from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from ..parquet import export_parquet
from ..store import open_store
from .common import db_option, errors_to_exit


@click.command("export")
@db_option
@click.option("--format", "fmt", type=click.Choice(["parquet"]), default="parquet", show_default=True,
              help="File format.")
@click.option("--out", required=True, type=click.Path(file_okay=False), help="Folder for one file per table.")
@click.option("--quiet", "-q", is_flag=True, help="No progress.")
@errors_to_exit
def export_command(db: str, fmt: str, out: str, quiet: bool) -> None:
    """Write the archive's tables (articles, sentences, timexes, mentions, entities, events,
    event_mentions, clusters) to OUT as Parquet files that DuckDB, pandas and Spark read."""
    store = open_store(db, create=False)
    progress = Progress(SpinnerColumn(), TextColumn("[bold]{task.description}"), TextColumn("{task.completed:,} rows"),
                        TimeElapsedColumn(), console=Console(stderr=True), disable=quiet)
    tasks: dict[str, int] = {}

    def on_rows(table: str, n: int) -> None:
        if table not in tasks:
            tasks[table] = progress.add_task(table, total=None)
        progress.advance(tasks[table], n)

    with progress:
        written = export_parquet(store, out, on_rows)
    for table, n in written.items():
        click.echo(f"{table:<16} {n:>10,} rows  {out}/{table}.parquet")
