"""``kroniek eval meantime``."""
from __future__ import annotations

import click


@click.command("meantime")
@click.argument("path", type=click.Path(exists=True))
def meantime_command(path: str) -> None:
    """Not implemented yet."""
    raise click.UsageError("'kroniek eval meantime' is not implemented yet")
