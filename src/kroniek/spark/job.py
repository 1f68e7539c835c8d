"""``kroniek spark-ingest``: annotate an archive on a Spark cluster, then store and merge it.

1. **Read** (executors): every input file is read by kroniek's own readers
   (JSON Lines, JSON, CSV/TSV, date-header text, HTML, WARC) from any path
   Spark reads (local, ``hdfs://``, ``s3a://``); Parquet files through
   Spark's reader, one record per row. Every record keeps its file and its
   line or record number.
2. **Annotate** (executors, ``mapPartitions``): each Python worker holds one
   :class:`~kroniek.pipeline.Annotator` (and so one Frog process) for all
   the partitions it runs; the code is local ingest's.
3. **Write** ``OUT/annotated.parquet`` (one row per article: its input
   order, id, origin, language, publication date and the annotation as JSON,
   :mod:`kroniek.annotated_json`) and ``OUT/errors.parquet`` (file, where,
   reason of every unusable record).
4. **Load** (driver): the articles are stored in input order and merged one
   at a time into the archive (``--db``: SQLite or PostgreSQL), as a local
   ingest would; then the archive's tables are written to ``OUT/tables/``
   (:mod:`kroniek.parquet`).

Merging stays on the driver: the incremental merge takes articles in order
(each against what was merged before), which is what makes its result
independent of how the archive was split into runs.
"""
from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator

from ..errors import InputError, UsageError

#: File suffixes kroniek's readers take (Parquet goes through Spark's own reader).
TEXT_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".txt", ".html", ".htm", ".warc", ".warc.gz")

_ANNOTATOR: Any = None


@dataclass
class SparkReport:
    """What a Spark ingest did."""

    read: int = 0
    annotated: int = 0
    skipped: list[InputError] = field(default_factory=list)
    stored: int = 0
    present: int = 0
    annotate_seconds: float = 0.0
    load_seconds: float = 0.0


def _annotator(ner: bool, lang: str | None, backend: str | None):
    """The Python worker's one annotator (reused by every partition the worker runs)."""
    global _ANNOTATOR
    if _ANNOTATOR is None:
        from ..pipeline import Annotator

        _ANNOTATOR = Annotator(ner=ner, lang=lang, ner_backend=backend)
    return _ANNOTATOR


def _suffix(path: str) -> str:
    lower = path.lower()
    return ".warc.gz" if lower.endswith(".warc.gz") else os.path.splitext(lower)[1]


def read_file(path: str, content: bytes, file_no: int, default_date: str | None) -> Iterator[tuple]:
    """The records of one input file: ``(file_no, record_no, Article | InputError)``."""
    from ..io import read_paths
    from ..temporal.dct import parse_dct

    suffix = _suffix(path)
    if path.startswith("file:"):  # a local file: named as local ingest names it
        path = path[len("file:"):]
        if path.startswith("//"):
            path = path[2:]
    with tempfile.TemporaryDirectory(prefix="kroniek-spark-") as tmp:
        local = Path(tmp) / f"input{suffix}"
        local.write_bytes(content)
        dct = parse_dct(default_date) if default_date else None
        for n, item in enumerate(read_paths([local], default_date=dct)):
            if isinstance(item, InputError):
                item = InputError(path, item.where, item.reason.replace(str(local), path))
            else:
                item.origin = item.origin.replace(str(local), path)
            yield file_no, n, item


def annotate_partition(items: Iterator[tuple], ner: bool, lang: str | None, backend: str | None) -> Iterator[tuple]:
    """Annotate one partition: ``(file_no, record_no, kind, payload...)`` rows."""
    from ..annotated_json import to_json
    from ..ingest import annotate_safely
    from ..store import article_key

    annotator = None
    for file_no, record_no, item in items:
        if isinstance(item, InputError):
            yield file_no, record_no, "error", None, item.path, item.where, item.reason, None, None, None
            continue
        annotator = annotator or _annotator(ner, lang, backend)
        result = annotate_safely(annotator, item)
        if isinstance(result, InputError):
            yield file_no, record_no, "error", None, result.path, result.where, result.reason, None, None, None
            continue
        ext_id, _ = article_key(result.article)
        yield (file_no, record_no, "article", ext_id, item.origin.rpartition(":")[0], item.origin.rpartition(":")[2],
               None, result.lang, result.article.dct.value, to_json(result))


def _schema():
    from pyspark.sql.types import IntegerType, LongType, StringType, StructField, StructType

    return StructType([StructField("file_no", IntegerType()), StructField("record_no", LongType()),
                       StructField("kind", StringType()), StructField("ext_id", StringType()),
                       StructField("file", StringType()), StructField("where", StringType()),
                       StructField("reason", StringType()), StructField("lang", StringType()),
                       StructField("published", StringType()), StructField("annotation", StringType())])


def session(master: str | None = None, app: str = "kroniek"):
    """A SparkSession (``master`` given: a new local or cluster session; else spark-submit's)."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:  # pragma: no cover - an optional dependency
        from ..errors import ExternalToolError

        raise ExternalToolError("kroniek spark-ingest needs PySpark: pip install pyspark (and Java 17)") from None
    import sys

    builder = SparkSession.builder.appName(app)
    if master:
        builder = builder.master(master)
    if not master or master.startswith("local"):  # the workers run this Python, with kroniek in it
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    spark = (builder.config("spark.ui.enabled", "false").config("spark.ui.showConsoleProgress", "false")
             .config("spark.python.worker.reuse", "true").config("spark.sql.session.timeZone", "UTC").getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def annotate(spark, inputs: list[str], out: str | Path, *, ner: bool = True, lang: str | None = None,
             default_date: str | None = None, backend: str | None = None, partitions: int | None = None) -> None:
    """Steps 1-3: read and annotate ``inputs`` on the cluster; write ``OUT/annotated.parquet`` and
    ``OUT/errors.parquet``.

    Raises:
        UsageError: no inputs.
    """
    if not inputs:
        raise UsageError("give the files or folders to ingest")
    sc = spark.sparkContext
    parts = partitions or max(2, sc.defaultParallelism * 2)
    text_inputs = [p for p in inputs if not p.lower().endswith(".parquet")]
    parquet_inputs = [p for p in inputs if p.lower().endswith(".parquet")]
    rdds = []
    if text_inputs:
        files = sc.binaryFiles(",".join(text_inputs)).filter(lambda kv: _suffix(kv[0]) in TEXT_SUFFIXES)
        numbered = files.zipWithIndex().map(lambda x: (x[0][0], x[0][1], x[1]))
        rdds.append(numbered.flatMap(lambda x: read_file(x[0], x[1], x[2], default_date)))
    for n, path in enumerate(parquet_inputs):
        rdds.append(_parquet_records(spark, path, 1_000_000 + n, default_date))
    records = sc.union(rdds) if len(rdds) > 1 else rdds[0]
    rows = records.repartition(parts).mapPartitions(lambda it: annotate_partition(it, ner, lang, backend))
    frame = spark.createDataFrame(rows, _schema()).cache()
    out = str(out)
    frame.filter("kind = 'article'").drop("reason").write.mode("overwrite").parquet(f"{out}/annotated.parquet")
    (frame.filter("kind = 'error'").select("file_no", "record_no", "file", "where", "reason")
     .write.mode("overwrite").parquet(f"{out}/errors.parquet"))
    frame.unpersist()


def _parquet_records(spark, path: str, file_no: int, default_date: str | None):
    from ..io.records import article_from_record
    from ..temporal.dct import parse_dct

    def make(row_and_index):
        row, n = row_and_index
        where = f"record {n + 1}"
        try:
            return file_no, n, article_from_record(row.asDict(recursive=True), path, where,
                                                   default_date=parse_dct(default_date) if default_date else None)
        except InputError as exc:
            return file_no, n, exc

    return spark.read.parquet(path).rdd.zipWithIndex().map(make)


def load(spark, out: str | Path, db: Any, on_item: Callable[[str], None] | None = None) -> SparkReport:
    """Step 4: store the annotated articles in input order and merge them; write ``OUT/tables``."""
    from ..annotated_json import from_json
    from ..parquet import export_parquet
    from ..store import open_store
    from ..timeline.build import merge_pending

    store = open_store(db)
    report = SparkReport()
    out = str(out)
    errors = spark.read.parquet(f"{out}/errors.parquet").orderBy("file_no", "record_no")
    for row in errors.toLocalIterator():
        report.skipped.append(InputError(row["file"], row["where"] or "", row["reason"]))
    annotated = spark.read.parquet(f"{out}/annotated.parquet").orderBy("file_no", "record_no")
    for row in annotated.select("annotation").toLocalIterator():
        report.read += 1
        if store.store_article(from_json(row["annotation"])) is None:
            report.present += 1
            outcome = "present"
        else:
            report.stored += 1
            outcome = "stored"
            merge_pending(store, totals=False)
        if on_item:
            on_item(outcome)
    report.read += len(report.skipped)
    report.annotated = report.stored + report.present
    if "://" not in out:  # the archive's tables beside the annotations (a local folder only)
        export_parquet(store, f"{out}/tables")
    return report
