"""``kroniek spark-ingest``: annotate on a Spark cluster, then store and merge into an archive."""
from __future__ import annotations

import sys
import time

import click

from .common import EXIT_OK, EXIT_SKIPPED, check_lang, db_option, errors_to_exit


@click.command("spark-ingest")
@click.argument("inputs", nargs=-1, required=True)
@db_option
@click.option("--out", required=True, help="Folder (any path Spark writes) for annotated.parquet, errors.parquet and,"
              " when local, tables/.")
@click.option("--master", default=None, help="Spark master URL (local[2], spark://host:7077, yarn); default: "
              "spark-submit's, else local[*].")
@click.option("--partitions", type=click.IntRange(min=1), default=None, help="Partitions to annotate in "
              "(default: twice the cluster's cores).")
@click.option("--lang", default=None, help="Language of all articles (nl, en, nl-BE).")
@click.option("--date", "default_date", default=None, help="Publication date for records without one.")
@click.option("--no-ner", is_flag=True, help="Skip named entities (no Frog needed on the executors).")
@click.option("--ner-backend", default=None, envvar="KRONIEK_NER_BACKEND", help="Entity backend (as for ingest).")
@errors_to_exit
def spark_ingest_command(inputs: tuple[str, ...], db: str, out: str, master: str | None, partitions: int | None,
                         lang: str | None, default_date: str | None, no_ner: bool, ner_backend: str | None) -> None:
    """Annotate INPUTS (files or folders Spark reads: JSON Lines, JSON, CSV, Parquet, WARC, HTML, date-header
    text) on the executors, then store them in input order and merge them into --db.

    Unusable records are listed with file and record in OUT/errors.parquet
    and on stderr; the rest goes on.
    """
    from ..spark.job import annotate, load, session
    from ..temporal.dct import parse_dct

    if lang is not None:
        lang = check_lang(lang)
    if default_date:
        parse_dct(default_date)
    spark = session(master or None)
    began = time.perf_counter()
    annotate(spark, list(inputs), out, ner=not no_ner, lang=lang, default_date=default_date, backend=ner_backend,
             partitions=partitions)
    annotated = time.perf_counter()
    report = load(spark, out, db)
    done = time.perf_counter()
    for error in report.skipped:
        click.echo(f"skipped {error}", err=True)
    click.echo("\n".join([
        f"records read      {report.read}",
        f"stored            {report.stored}",
        f"already present   {report.present}",
        f"skipped           {len(report.skipped)}",
        f"annotated in      {annotated - began:.1f} s (Spark, {spark.sparkContext.defaultParallelism} cores)",
        f"stored and merged {done - annotated:.1f} s",
        f"database          {db}",
        f"tables            {out}/tables",
    ]))
    spark.stop()
    sys.exit(EXIT_SKIPPED if report.skipped else EXIT_OK)
