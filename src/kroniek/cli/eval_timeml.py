"""``kroniek eval timeml``."""
from __future__ import annotations

import click


@click.command("timeml")
@click.argument("path", type=click.Path(exists=True))
def timeml_command(path: str) -> None:
    """Not implemented yet."""
    raise click.UsageError("'kroniek eval timeml' is not implemented yet")
