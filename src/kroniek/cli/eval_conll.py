"""``kroniek eval conll``."""
from __future__ import annotations

import click


@click.command("conll")
@click.argument("path", type=click.Path(exists=True))
def conll_command(path: str) -> None:
    """Not implemented yet."""
    raise click.UsageError("'kroniek eval conll' is not implemented yet")
