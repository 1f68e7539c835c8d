"""``kroniek``: the command group."""
from __future__ import annotations

import click

from .. import __version__
from .entities import entities_group
from .eval import eval_group
from .export import export_command
from .ingest import ingest_command
from .migrate import migrate_command
from .serve import serve_command, token_group
from .rebuild import rebuild_command
from .show import show_command
from .spark import spark_ingest_command
from .summarize import summarize_command
from .tag import tag_command
from .timeline import timeline_command


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="kroniek")
def cli() -> None:
    """kroniek: dated news articles in, a dated timeline out.

    Exit status: 0 all went well; 1 some input records were skipped; 2 usage
    error; 3 a needed program or file is missing or broken; 130 interrupted.
    """


cli.add_command(ingest_command)
cli.add_command(timeline_command)
cli.add_command(show_command)
cli.add_command(spark_ingest_command)
cli.add_command(summarize_command)
cli.add_command(tag_command)
cli.add_command(rebuild_command)
cli.add_command(eval_group)
cli.add_command(entities_group)
cli.add_command(migrate_command)
cli.add_command(export_command)
cli.add_command(serve_command)
cli.add_command(token_group)


def main() -> None:
    """Entry point of the ``kroniek`` script."""
    cli()


if __name__ == "__main__":
    main()
