"""``kroniek entities``: canonical entities across articles; list, show, merge, split, regroup."""
from __future__ import annotations

import click

from ..errors import UsageError
from ..store import open_store
from .common import counted, db_option, errors_to_exit, format_option, write_csv, write_json

TYPES = click.Choice(["PER", "ORG", "LOC", "MISC", "NORP"], case_sensitive=False)


@click.group("entities", invoke_without_command=True)
@db_option
@format_option("text", "json", "csv")
@click.option("--type", "kind", type=TYPES, default=None, help="Only entities of this type.")
@click.option("--limit", type=click.IntRange(min=1), default=None, help="At most this many entities.")
@click.option("--min-mentions", type=click.IntRange(min=1), default=1, show_default=True,
              help="Only entities mentioned at least this often.")
@click.pass_context
@errors_to_exit
def entities_group(ctx: click.Context, db: str, fmt: str, kind: str | None, limit: int | None,
                   min_mentions: int) -> None:
    """The people, organisations and places of the database, by mention count.

    Each entity has a stable id (per:jeff-sessions), a preferred name, a
    type (PER, ORG, LOC, MISC, NORP), its other names (aliases) and how
    often and in how many articles it is mentioned. Subcommands show one
    entity, merge two, split one, or group everything again.
    """
    if ctx.invoked_subcommand is not None:
        return
    rows = open_store(db, create=False).list_entities(kind.upper() if kind else None, limit, min_mentions)
    if fmt == "json":
        write_json(rows)
    elif fmt == "csv":
        write_csv(["id", "name", "type", "mentions", "articles", "aliases"],
                  [[r["id"], r["name"], r["type"], r["mentions"], r["articles"], "; ".join(r["aliases"])]
                   for r in rows])
    else:
        if not rows:
            click.echo("No entities stored (ingest articles with named entities first).", err=True)
        for r in rows:
            aliases = f"  also: {', '.join(r['aliases'][:6])}" if r["aliases"] else ""
            click.echo(f"{r['mentions']:>6}  {r['type']:<4}  {r['name']}  [{r['id']}]"
                       f"  {r['articles']} article{'s' if r['articles'] != 1 else ''}{aliases}")


@entities_group.command("show")
@click.argument("name")
@db_option
@format_option("text", "json")
@errors_to_exit
def show_command(name: str, db: str, fmt: str) -> None:
    """The articles and sentences that mention NAME (an id, a name or an alias).

    When NAME fits several entities the most mentioned one is shown and
    the others are named.
    """
    data = open_store(db, create=False).entity_details(name)
    others = data["others"]
    if fmt == "json":
        write_json(data)
        return
    click.echo(click.style(f"{data['name']}  ({data['type']}, {data['id']})", bold=True))
    click.echo(f"{counted(data['mentions'], 'mention')} in {counted(data['articles'], 'article')}"
               + (f"; also written {', '.join(data['aliases'])}" if data["aliases"] else ""))
    for art in data["in"]:
        click.echo()
        click.echo(click.style(f"{art['id']}  {art['title'] or ''}  (published {art['published']})", bold=True))
        for s in art["sentences"]:
            text = s["text"] or ""
            marked = f"{text[:s['start']]}[{text[s['start']:s['end']]}]{text[s['end']:]}" if text else s["mention"]
            click.echo(f"  {marked}")
    if others:
        click.echo()
        click.echo("Also called " + repr(name) + ": " + ", ".join(f"{o['id']} ({counted(o['mentions'], 'mention')})"
                                                                 for o in others))


@entities_group.command("merge")
@click.argument("keep")
@click.argument("other")
@db_option
@errors_to_exit
def merge_command(keep: str, other: str, db: str) -> None:
    """Merge entity OTHER into KEEP (ids, names or aliases).

    The decision is kept as a rule: articles ingested later and
    'kroniek entities regroup' keep the two together, and OTHER's id
    keeps pointing to KEEP.
    """
    row = open_store(db, create=False).merge_entities(keep, other)
    click.echo(f"merged into {row['uid']} ({row['name']}, {counted(row['mention_count'], 'mention')})")


@entities_group.command("split")
@click.argument("entity")
@click.option("--name", "names", multiple=True, help="Split off the mentions written with this name (repeatable).")
@click.option("--article", "articles", multiple=True,
              help="Split off the entity's mentions in this article (its id; repeatable).")
@db_option
@errors_to_exit
def split_command(entity: str, names: tuple[str, ...], articles: tuple[str, ...], db: str) -> None:
    """Split some mentions of ENTITY off into a new entity.

    Give the names (--name Sessions) or the articles (--article ID) whose
    mentions are someone or something else. The decision is kept as a
    rule: later articles and 'kroniek entities regroup' keep them apart.
    """
    if not names and not articles:
        raise UsageError("give --name or --article to say which mentions to split off")
    row = open_store(db, create=False).split_entity(entity, list(names), list(articles))
    click.echo(f"split off {row['uid']} ({row['name']}, {counted(row['mention_count'], 'mention')})")


@entities_group.command("regroup")
@db_option
@errors_to_exit
def regroup_command(db: str) -> None:
    """Group every stored mention into entities again, obeying merge and split decisions."""
    from ..timeline.build import merge_pending

    store = open_store(db, create=False)
    click.echo(f"{store.regroup_entities()} entities")
    report = merge_pending(store)  # every entity key changed: the events are merged again
    click.echo(f"merged {report.mentions} event mentions of {report.articles} articles again"
               f" ({report.events} events)")
