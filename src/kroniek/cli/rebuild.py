"""``kroniek rebuild``: re-extract events from stored articles and merge them again."""
from __future__ import annotations

import click

from ..events.reextract import reextract
from ..store import connect
from ..timeline import rebuild
from .common import db_option, errors_to_exit


@click.command("rebuild")
@db_option
@click.option("--merge-only", is_flag=True, help="Only merge events again (syndication and clusters).")
@errors_to_exit
def rebuild_command(db: str, merge_only: bool) -> None:
    """Re-extract events from the stored sentences (no Frog needed) and merge them again.

    Use after upgrading kroniek: improved event rules then apply to the
    whole archive. Each article's events are replaced in one transaction.
    """
    conn = connect(db, create=False)
    if not merge_only:
        click.echo(f"events extracted  {reextract(conn)}")
    report = rebuild(conn)
    click.echo(f"merged events     {report.clusters} from {report.mentions} event mentions "
               f"({report.merged} with several mentions; {report.groups} independent sources) "
               f"in {report.seconds:.1f} s")
