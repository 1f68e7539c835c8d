"""``kroniek rebuild``: re-extract events from stored articles and merge them again."""
from __future__ import annotations

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..events.reextract import reextract
from ..store import open_store
from ..timeline.build import merge_pending
from .common import db_option, errors_to_exit


@click.command("rebuild")
@db_option
@click.option("--merge-only", is_flag=True, help="Only merge events again (syndication and merged events).")
@click.option("--pending", is_flag=True, help="Only merge the articles an interrupted ingest left unmerged.")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@errors_to_exit
def rebuild_command(db: str, merge_only: bool, pending: bool, quiet: bool) -> None:
    """Re-extract events from the stored sentences (no Frog needed) and merge them again.

    Use after upgrading kroniek: improved event rules then apply to the
    whole archive. Each article's events are replaced in one transaction,
    then every article is merged again, in the order it was stored, each
    in its own transaction. --merge-only skips the extraction; --pending
    only merges the articles that wait for it. Memory stays bounded: the
    archive is read one article at a time.
    """
    store = open_store(db, create=False)
    progress = Progress(TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(),
                        TimeElapsedColumn(), console=Console(stderr=True), disable=quiet)
    with progress:
        if not pending:
            if not merge_only:
                task = progress.add_task("extract", total=store.article_count())
                click.echo(f"events extracted  {reextract(store, lambda: progress.advance(task))}")
            store.reset_merging()
        task = progress.add_task("merge", total=store.pending_count())
        report = merge_pending(store, lambda _: progress.advance(task))
    click.echo(f"merged            {report.mentions} event mentions of {report.articles} articles in"
               f" {report.seconds:.1f} s ({report.events} events in the archive)")
