"""``kroniek tag``: TIMEX3 tagging in the manner of HeidelTime."""
from __future__ import annotations

import click


@click.command("tag")
def tag_command() -> None:
    """Not implemented yet."""
    raise click.UsageError("'kroniek tag' is not implemented yet")
