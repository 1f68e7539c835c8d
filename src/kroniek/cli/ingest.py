"""``kroniek ingest``: read articles into the database."""
from __future__ import annotations

import os
import sys
from datetime import timezone
from pathlib import Path

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from ..errors import ExternalToolError, InputError
from ..ingest import IngestReport, Present, ingest
from ..io import count_records
from ..entities.backends import parse_backend, spacy_installed
from ..nlp.frog_model import compiled_settings
from ..nlp.frog import frog_available
from ..store import open_store
from ..temporal.dct import parse_dct
from .common import EXIT_OK, EXIT_SKIPPED, check_lang, db_option, errors_to_exit


@click.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=Path))
@db_option
@click.option("--jobs", "-j", type=click.IntRange(min=1), default=None,
              help="Worker processes (default: one per core).")
@click.option("--lang", default=None, help="Language of all articles (nl, en, nl-BE); default: the record's, else detected.")
@click.option("--date", "default_date", default=None,
              help="Publication date for records without one (YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601).")
@click.option("--no-ner", is_flag=True, help="Skip named entities (no Frog needed).")
@click.option("--ner-backend", default=None, envvar="KRONIEK_NER_BACKEND",
              help="Entity backend: frog (default), frog-exact, frog-fast, or spacy:MODEL for an installed spaCy pipeline "
                   "(also from the environment variable KRONIEK_NER_BACKEND).")
@click.option("--quiet", "-q", is_flag=True, help="No progress bar.")
@errors_to_exit
def ingest_command(paths: tuple[Path, ...], db: str, jobs: int | None, lang: str | None,
                   default_date: str | None, no_ner: bool, ner_backend: str | None, quiet: bool) -> None:
    """Read dated articles from PATHS into the database.

    PATHS are files (JSON Lines .jsonl, JSON .json, CSV .csv/.tsv, saved web
    pages .html, web archives .warc/.warc.gz, or text in the 'date YYYY-MM
    ...' header format) or folders holding them. Unusable
    records are reported with file and line, and the rest is stored.
    """
    dct = parse_dct(default_date) if default_date else None
    if lang is not None:
        lang = check_lang(lang)
    backend = parse_backend(ner_backend)
    if not no_ner and backend.kind == "spacy" and not spacy_installed(backend.model):
        raise ExternalToolError(f"the spaCy pipeline {backend.model!r} is not installed (a package name or a"
                                " folder); install it, or use --ner-backend frog")
    if not no_ner and (ner_backend or "frog").startswith("frog") and not frog_available():
        raise ExternalToolError("Frog is not installed: run 'make setup' (apt-get install -y frog frogdata), "
                                "or give --no-ner")
    if not no_ner and backend.compiled_ner:
        # Once per installation, before the workers start (they would wait for it one by one).
        compiled_settings(notify=None if quiet else lambda message: click.echo(message, err=True))
    store = open_store(db)
    err = Console(stderr=True)
    total = count_records(list(paths))
    progress = Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, disable=quiet)

    def on_item(outcome: str, item) -> None:
        if isinstance(item, InputError):
            progress.console.print(f"skipped {item}", highlight=False, markup=False, soft_wrap=True)
        elif isinstance(item, Present) and item.other_text:
            progress.console.print(f"kept {item.origin}: id {item.ext_id!r} is stored already with another text or"
                                   " date; the stored article is kept", highlight=False, markup=False,
                                   soft_wrap=True)
        progress.advance(task)

    try:
        with progress:
            task = progress.add_task("ingest", total=total or None)
            if total and total < (jobs or os.cpu_count() or 1) * 4:
                jobs = 1  # a few articles: annotating them here costs less than starting workers
            report = ingest(list(paths), store, jobs=jobs, ner=not no_ner, lang=lang, default_date=dct,
                            tz=timezone.utc, on_item=on_item, ner_backend=ner_backend)
    except KeyboardInterrupt:
        click.echo("Articles stored but not merged yet are merged into timelines by the next ingest"
                   " (or by 'kroniek rebuild --pending').", err=True)
        raise
    _summary(report, db)
    sys.exit(EXIT_SKIPPED if report.skipped else EXIT_OK)


def _summary(report: IngestReport, db: str) -> None:
    lines = [
        f"articles read     {report.read}",
        f"stored            {report.stored}",
        f"already present   {report.present}"
        + (f" ({len(report.changed)} by id only, with another text or date)" if report.changed else ""),
        f"skipped           {len(report.skipped)}",
    ]
    for reason, n in report.reasons().most_common():
        lines.append(f"  {n:>5} × {reason}")
    if report.timeline:
        t = report.timeline
        lines.append(f"merged            {t.mentions} event mentions of {t.articles} articles in"
                     f" {t.seconds:.1f} s ({t.events} events in the archive)")
    lines += [f"time taken        {report.seconds:.1f} s",
              f"articles/second   {report.per_second:.1f}",
              f"database          {db}"]
    click.echo("\n".join(lines))
