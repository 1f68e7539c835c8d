"""``kroniek eval recognizers``: score the tagger on Recognizers-Text spec files."""
from __future__ import annotations

import json
from pathlib import Path

import click

from .common import errors_to_exit, format_option, write_json


@click.command("recognizers")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--lang", default=None, help="Tagger language (nl, en, nl-BE); default from the folder name.")
@click.option("--predictions", "out", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write one JSON line per case: input, reference date, gold and found expressions.")
@format_option("text", "json")
@errors_to_exit
def recognizers_command(path: Path, lang: str | None, out: Path | None, fmt: str) -> None:
    """Score the tagger on Microsoft Recognizers-Text DateTime spec files.

    PATH is a folder of spec files (Specs/DateTime/<Language>/*.json) or one
    file. Prints per file and overall: strict and relaxed span P/R/F1, value
    accuracy, value P/R/F1 (value-correct relaxed matches over predicted and
    over gold) and type accuracy. Span figures use every file, value figures
    the files that carry resolutions. Cases without a reference date use
    2016-11-07T00:00 (UTC).
    """
    from ..eval.recognizers import evaluate, format_report

    handle = out.open("w", encoding="utf-8") if out else None
    try:
        def write(record: dict) -> None:
            handle.write(json.dumps(record, ensure_ascii=False) + "\n")

        report = evaluate(path, lang, predictions=write if handle else None)
    finally:
        if handle:
            handle.close()
    if fmt == "json":
        write_json(report.to_json())
        return
    click.echo(f"language {report.lang}")
    for line in format_report(report):
        click.echo(line)
