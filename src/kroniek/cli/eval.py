"""``kroniek eval``: built-in evaluations against gold data."""
from __future__ import annotations

import click

from .eval_conll import conll_command
from .eval_meantime import meantime_command
from .eval_recognizers import recognizers_command
from .eval_timeml import timeml_command
from .eval_tls import tls_command


@click.group("eval")
def eval_group() -> None:
    """Score kroniek against gold-annotated data."""


eval_group.add_command(timeml_command, "timeml")
eval_group.add_command(recognizers_command, "recognizers")
eval_group.add_command(conll_command, "conll2002")
eval_group.add_command(meantime_command, "meantime")
eval_group.add_command(tls_command, "tls")
