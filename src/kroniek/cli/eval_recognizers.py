"""``kroniek eval recognizers``."""
from __future__ import annotations

import click


@click.command("recognizers")
@click.argument("path", type=click.Path(exists=True))
def recognizers_command(path: str) -> None:
    """Not implemented yet."""
    raise click.UsageError("'kroniek eval recognizers' is not implemented yet")
