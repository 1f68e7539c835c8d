"""``kroniek summarize``: the days that mattered most about a query, with what happened on each."""
from __future__ import annotations

import json

import click

from ..timeline.summarize import summarize, to_text, to_timelinejs
from .common import db_option, errors_to_exit, format_option


@click.command("summarize")
@click.argument("query", required=False)
@db_option
@format_option("text", "json", "timelinejs")
@click.option("--entity", default=None, help="About this entity (canonical name, alias or id).")
@click.option("--dates", "dates", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many days (L).")
@click.option("--sentences", type=click.IntRange(min=1), default=1, show_default=True, help="Sentences per day (K).")
@click.option("--from", "date_from", default=None, help="Only days from this date on.")
@click.option("--to", "date_to", default=None, help="Only days up to this date (its whole unit).")
@errors_to_exit
def summarize_command(query: str | None, db: str, fmt: str, entity: str | None, dates: int, sentences: int,
                      date_from: str | None, date_to: str | None) -> None:
    """The --dates most important days about QUERY and/or --entity, with --sentences sentences each.

    A day's importance: how many independent sources date an event to it
    (more when they do so long after), how many were published on it, and
    the salience of its events. Its sentences say what happened that day,
    name the query when they can and do not repeat each other. Without
    QUERY or --entity the whole archive is summarised.
    """
    days = summarize(db, query, entity=entity, dates=dates, sentences=sentences, start=date_from, end=date_to)
    if fmt == "json":
        click.echo(json.dumps([d.to_json() for d in days], ensure_ascii=False, indent=2))
    elif fmt == "timelinejs":
        click.echo(to_timelinejs(days, query or entity or "kroniek"))
    else:
        if not days:
            click.echo("No dated events to summarise.", err=True)
        click.echo(to_text(days), nl=False)
