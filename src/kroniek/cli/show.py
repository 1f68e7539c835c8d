"""``kroniek show``: one article with its time expressions and entities marked."""
from __future__ import annotations

import click

from ..store import open_store
from .common import db_option, errors_to_exit, format_option, write_json


@click.command("show")
@click.argument("article_id")
@db_option
@format_option("text", "json")
@errors_to_exit
def show_command(article_id: str, db: str, fmt: str) -> None:
    """Show article ARTICLE_ID with its time expressions and entities.

    ARTICLE_ID is the id the input gave (or the file name for date-header
    files); '#N' selects the N-th stored article. In the text, time
    expressions are marked ⟦like this⟧ₜ₁ and entities [like this]ᴾᴱᴿ.
    """
    data = open_store(db, create=False).article(article_id)
    if fmt == "json":
        write_json(data)
        return
    art = data["article"]
    click.echo(click.style(art["title"] or f"article {art['ext_id']}", bold=True))
    click.echo(f"id {art['ext_id']} · published {art['dct_value']} (known to the {art['dct_granularity']})"
               f" · language {art['lang']}" + (f" · {art['source']}" if art["source"] else ""))
    click.echo()
    click.echo(_marked(art["text"], data["timexes"], data["mentions"]))
    click.echo()
    click.echo(click.style("Time expressions", bold=True))
    for t in data["timexes"]:
        span = f"[{t['interval_start']}, {t['interval_end']})" if t["interval_start"] else "no interval"
        anchor = {None: "none (absolute)", "dct": "the publication date (t0)"}.get(t["anchor"], t["anchor"])
        click.echo(f"  {t['tid']:<4} {t['text']!r:<28} {t['type']:<8} value {t['value']}"
                   + (f" mod {t['mod']}" if t["mod"] else ""))
        click.echo(f"       interval {span}; anchor {anchor}")
        click.echo(f"       why: {t['reason']}")
    if not data["mentions"]:
        return
    click.echo(click.style("Entities", bold=True))
    seen: dict[tuple[str, str], list] = {}
    for m in data["mentions"]:  # one line per name, with how often the article names it so
        seen.setdefault((m["type"], m["text"]), []).append(m)
    for (kind, text), ms in seen.items():
        titles = list({m["title"].lower(): m["title"] for m in ms if m["title"]}.values())
        title = f" (title: {', '.join(titles)})" if titles else ""
        times = f" ×{len(ms)}" if len(ms) > 1 else ""
        click.echo(f"  {kind:<5} {text}{title}{times}")


def _marked(text: str, timexes: list[dict], mentions: list[dict]) -> str:
    marks: list[tuple[int, int, str]] = []
    for t in timexes:
        marks.append((t["start"], 0, "⟦"))
        marks.append((t["end"], 1, f"⟧{t['tid']}"))
    for m in mentions:
        marks.append((m["start"], 0, "["))
        marks.append((m["end"], 1, f"]{m['type']}"))
    out, pos = [], 0
    for offset, _, mark in sorted(marks, key=lambda x: (x[0], -x[1])):
        out.append(text[pos:offset])
        out.append(mark)
        pos = offset
    out.append(text[pos:])
    return "".join(out)
