"""``kroniek timeline``: merged events about a query or an entity, in the order they happened."""
from __future__ import annotations

import click

from ..timeline import Timeline
from ..timeline.export import page_note, to_csv, to_json, to_text, to_timelinejs
from .common import db_option, errors_to_exit, format_option


@click.command("timeline")
@click.argument("query", required=False)
@db_option
@format_option("text", "json", "csv", "timelinejs")
@click.option("--entity", default=None, help="Only events involving this entity (canonical name, alias or id).")
@click.option("--from", "date_from", default=None, help="Only events that happened at or after this date.")
@click.option("--to", "date_to", default=None, help="Only events that happened up to this date (its whole unit).")
@click.option("--granularity", type=click.Choice(["day", "week", "month"]), default=None,
              help="Group the lines by day, week or month.")
@click.option("--min-sources", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only events with at least this many independent sources.")
@click.option("--top", type=click.IntRange(min=1), default=None,
              help="Only the K most salient events (still in date order).")
@click.option("--direct", is_flag=True, help="Only events whose sentence or entities match; "
              "leave out the other events of articles about QUERY.")
@click.option("--limit", type=click.IntRange(min=1), default=100, show_default=True,
              help="Entries per page.")
@click.option("--offset", type=click.IntRange(min=0), default=0, show_default=True,
              help="Skip this many entries (the page after the first 100: --offset 100).")
@click.option("--after", "after", default=None,
              help="Instead of --offset: the page after the one whose 'next' cursor this is.")
@errors_to_exit
def timeline_command(query: str | None, db: str, fmt: str, entity: str | None, date_from: str | None,
                     date_to: str | None, granularity: str | None, min_sources: int, top: int | None,
                     direct: bool, limit: int, offset: int, after: str | None) -> None:
    """Events about QUERY and/or --entity NAME, or all events of --from/--to, one line per merged event,
    in date order.

    QUERY is searched in the sentences (full text) and in the names of the
    entities each event involves; the other events of articles about QUERY
    (named in the title or first sentence, and in at least three sentences)
    come along unless --direct. Mentions of one happening in several
    articles are merged into one event dated by the intersection of what
    they say; syndicated copies count as one source. --from and --to filter
    on when the event happened, not on publication date: an event is kept
    when its date overlaps [--from, --to] (an open or disputed date: the day
    it is placed on). Entries come in pages of --limit; the total is
    reported (text: a last line; JSON: "total" and the "next" cursor).
    """
    timeline = Timeline(db)
    entries = timeline.entries(query, entity=entity, start=date_from, end=date_to, granularity=granularity,
                               min_sources=min_sources, top=top, direct=direct, limit=limit, offset=offset,
                               after=after)
    subject = query or entity or f"{date_from or '…'} – {date_to or '…'}"  # what the timeline is of
    if fmt == "json":
        click.echo(to_json(entries))
    elif fmt == "csv":
        click.echo(to_csv(entries), nl=False)
        click.echo(page_note(entries), err=True)
    elif fmt == "timelinejs":
        click.echo(to_timelinejs(entries, subject))
        click.echo(page_note(entries), err=True)
    else:
        if not entries.total:
            click.echo(f"No events match {subject!r}.", err=True)
            return
        click.echo(to_text(entries), nl=False)
        click.echo(page_note(entries))
