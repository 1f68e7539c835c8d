"""``kroniek eval tls``: timeline summaries against Timeline17's journalists' timelines."""
from __future__ import annotations

import click

from ..eval.tls import mean
from ..eval.tls_run import run
from .common import errors_to_exit, format_option, write_json

METRICS = (("dates", "Date-F1"), ("concat_rouge1", "concat R-1"), ("concat_rouge2", "concat R-2"),
           ("align_rouge1", "align+m:1 R-1"), ("align_rouge2", "align+m:1 R-2"))


@click.command("tls")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--predictions", "out", type=click.Path(file_okay=False), default=None,
              help="Write OUT/<topic>/timelines.jsonl: the summaries, in the gold's order and shape.")
@click.option("--topic", "topics", multiple=True, help="Only this topic folder (repeatable).")
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=2, show_default=True,
              help="Annotation processes.")
@click.option("--keep", type=click.Path(file_okay=False), default=None,
              help="Keep each topic's archive in this folder (and reuse it next time).")
@format_option("text", "json")
@errors_to_exit
def tls_command(path: str, out: str | None, topics: tuple[str, ...], jobs: int, keep: str | None, fmt: str) -> None:
    """Score kroniek summarize on a Timeline17-layout folder (PATH, e.g. ../shared/data/tls/timeline17).

    For each topic folder its articles are ingested into a temporary
    archive; for each of its gold timelines a summary is made with the
    gold's number of dates L and mean sentences per date K, restricted to
    the gold's date range (the news-tls protocol), and scored: Date-F1,
    concat ROUGE-1/2 and align+m:1 ROUGE-1/2 (F1; tilse's definitions).
    """
    results = run(path, predictions=out, jobs=jobs, topics=list(topics) or None, keep=keep,
                  on_topic=None if fmt == "json" else _print_topic)
    scores = [s for r in results for s in r.scores]
    average = mean(scores)
    if fmt == "json":
        write_json({"folder": path, "timelines": [{"topic": r.topic, "articles": r.articles,
                                                   "scores": [s.to_json() for s in r.scores]} for r in results],
                    "mean": average.to_json()})
        return
    click.echo(f"{'mean of ' + str(len(scores)) + ' timelines':<28}"
               + "".join(f"{getattr(average, k).f1:>15.3f}" for k, _ in METRICS))


_HEADER = [False]


def _print_topic(result) -> None:
    if not _HEADER[0]:
        click.echo(f"{'timeline (F1)':<28}" + "".join(f"{label:>15}" for _, label in METRICS))
        _HEADER[0] = True
    for n, s in enumerate(result.scores):
        name = result.topic if len(result.scores) == 1 else f"{result.topic} #{n + 1}"
        click.echo(f"{name:<28}" + "".join(f"{getattr(s, k).f1:>15.3f}" for k, _ in METRICS))
