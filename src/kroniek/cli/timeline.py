"""``kroniek timeline``: events about a query, in the order they happened."""
from __future__ import annotations

import click

from ..store import connect
from ..store.queries import TimelineEntry, timeline
from .common import date_bound, db_option, errors_to_exit, format_option, write_csv, write_json


def _day(iso: str) -> str:
    return iso[:10]


def interval_text(entry: TimelineEntry) -> str:
    """``[2016-09-01, 2016-10-01)`` for day or coarser, full timestamps below."""
    if entry.granularity in ("second", "minute", "hour", "part_of_day"):
        return f"[{entry.start}, {entry.end})"
    return f"[{_day(entry.start)}, {_day(entry.end)})"


@click.command("timeline")
@click.argument("query")
@db_option
@format_option("text", "json", "csv")
@click.option("--from", "date_from", default=None, help="Only events that happened at or after this date.")
@click.option("--to", "date_to", default=None, help="Only events that happened up to this date (its whole unit).")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many events.")
@click.option("--direct", is_flag=True, help="Only events whose sentence or entities match; "
              "leave out the other events of articles about QUERY.")
@errors_to_exit
def timeline_command(query: str, db: str, fmt: str, date_from: str | None, date_to: str | None,
                     limit: int | None, direct: bool) -> None:
    """Events matching QUERY, in the order they happened.

    QUERY is searched in the sentences (full text) and in the names of the
    people, organisations and places each event involves; the other events
    of articles about QUERY (named in the title or first sentence, and in
    at least three sentences) come along unless --direct. --from and --to
    filter on when the event happened, not on publication date: an event is
    kept when its date interval overlaps [--from, --to].
    """
    conn = connect(db, create=False)
    entries = timeline(conn, query, start=date_bound(date_from, False, "--from"),
                       end=date_bound(date_to, True, "--to"), limit=limit, direct=direct)
    if fmt == "json":
        write_json([e.to_json() for e in entries])
    elif fmt == "csv":
        write_csv(["value", "start", "end", "granularity", "match", "anchoring", "relation", "expression", "rule",
                   "sentence", "article_id", "article_title", "published", "entities"],
                  [[e.value, e.start, e.end, e.granularity, e.match, e.anchoring, e.relation,
                    (e.expression or {}).get("text", ""), (e.expression or {}).get("rule", ""),
                    e.sentence, e.article["id"], e.article["title"] or "", e.article["published"],
                    "; ".join(x["name"] for x in e.entities)] for e in entries])
    else:
        if not entries:
            click.echo(f"No events match {query!r}.", err=True)
        for e in entries:
            click.echo(_text(e))


def _text(e: TimelineEntry) -> str:
    if e.expression:
        signal = f"{e.signal} " if e.signal else ""
        dated = f"dated by \"{signal}{e.expression['text']}\" ({e.expression['rule']})"
    else:
        dated = "dated by the publication date (past tense, no time expression)"
    title = f" \"{e.article['title']}\"" if e.article["title"] else ""
    who = ", ".join(f"{x['name']} ({x['type']})" for x in e.entities)
    lines = [click.style(f"{e.value:<12} {interval_text(e)}", bold=True),
             f"  {e.sentence}",
             f"  {dated}",
             f"  article {e.article['id']}{title}, published {e.article['published']}"]
    if who:
        lines.append(f"  involves {who}")
    if e.match == "article":
        lines.append("  (from an article about the query; the sentence itself does not name it)")
    return "\n".join(lines) + "\n"
