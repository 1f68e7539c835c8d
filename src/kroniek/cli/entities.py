"""``kroniek entities``: canonical entities."""
from __future__ import annotations

import click


@click.group("entities", invoke_without_command=True)
def entities_group() -> None:
    """Not implemented yet."""
    raise click.UsageError("'kroniek entities' is not implemented yet")
