"""The archive as Parquet tables (``kroniek export --format parquet``, and ``kroniek spark-ingest``'s output).

One Parquet file per table, readable by DuckDB, pandas and Spark as they
are. The tables and their columns (:data:`SCHEMAS`) are those of the store;
times are UTC timestamps (milliseconds, whole seconds) and null where an
interval is open;
offsets are half-open character offsets into ``articles.text``; a
sentence's id is its article's id times 2^20 plus its index.

* ``articles``: one row per article: ``id``, ``ext_id`` (the input's id),
  ``content_hash`` (SHA-256 of date and text), ``title``, ``url``,
  ``source``, ``lang``, ``dct_value`` (TIMEX3 value of the publication
  date), ``dct_start``/``dct_end``/``dct_granularity`` (its interval),
  ``text``, ``origin`` (file and line or record), ``syndication_group``
  (the first article of its group of copies), ``topics`` (topic words);
* ``sentences``: ``id``, ``article_id``, ``idx``, ``start``, ``end``,
  ``kind`` (sentence, intertitle, title), ``paragraph``, ``tense``,
  ``tokens`` (JSON ``[[start, end, tag, lemma], ...]`` when tagged);
* ``timexes``: TIMEX3 time expressions: ``id``, ``article_id``,
  ``sentence_id``, ``tid``, ``start``, ``end``, ``text``, ``type``,
  ``value``, ``mod``, ``interval_start``, ``interval_end``,
  ``granularity``, ``anchor``, ``rule``, ``confidence``, ``exact``,
  ``reason``, ``quant``, ``freq``, ``range_begin``, ``range_end``;
* ``mentions``: entity mentions: ``id``, ``article_id``, ``sentence_id``,
  ``start``, ``end``, ``text``, ``type``, ``title``, ``source``,
  ``confidence``, ``full_name``, ``entity_id``;
* ``entities``: ``id``, ``uid`` (``per:jeff-sessions``), ``type``, ``name``,
  ``mention_count``, ``article_count``;
* ``events``: event mentions: ``id``, ``article_id``, ``sentence_id``,
  ``timex_id``, ``value``, ``interval_start``, ``interval_end``,
  ``granularity``, ``anchoring``, ``relation`` (TimeML TLINK type),
  ``signal``, ``sort_key``, ``trigger``, ``trigger_start``,
  ``trigger_end``, ``lemma``, ``predicate``, ``pos``, ``cls``,
  ``is_main``, ``tense``, ``factuality``, ``source``,
  ``source_mention_id``, ``cluster_id`` (its merged event);
* ``event_mentions``: ``event_id``, ``mention_id``, ``link``, ``role``;
* ``clusters``: merged events: ``id``, ``pos`` (place on the timeline),
  ``predicate``, ``value``, ``interval_start``, ``interval_end``,
  ``granularity``, ``sort_key``, ``disagree``, ``mentions``, ``sources``
  (independent), ``articles``, ``representative`` (an event id),
  ``salience``.
"""
from __future__ import annotations

from pathlib import Path
from typing import Callable

from .errors import ExternalToolError
from .store.base import Store

_TIME_COLUMNS = {"interval_start", "interval_end", "sort_key", "ref_start", "ref_end"}
_OPEN = {-62135596800, 253402300799}


def _arrow():
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:  # pragma: no cover - a dependency of kroniek
        raise ExternalToolError("Parquet needs the Python package pyarrow: pip install pyarrow") from None
    return pa, pq


def schemas() -> dict:
    """Table → ``pyarrow.Schema`` of the exported tables."""
    pa, _ = _arrow()
    s, i32, i64, f64, b = pa.string(), pa.int32(), pa.int64(), pa.float64(), pa.binary()
    ts = pa.timestamp("ms", tz="UTC")  # Parquet's coarsest unit; kroniek's times are whole seconds

    def schema(*fields):
        return pa.schema([pa.field(name, kind) for name, kind in fields])

    return {
        "articles": schema(("id", i64), ("ext_id", s), ("content_hash", s), ("title", s), ("url", s), ("source", s),
                           ("lang", s), ("dct_value", s), ("dct_text", s), ("dct_start", s), ("dct_end", s),
                           ("dct_granularity", s), ("text", s), ("origin", s), ("ingested_at", s),
                           ("syndication_group", i64), ("topics", s)),
        "sentences": schema(("id", i64), ("article_id", i64), ("idx", i32), ("start", i32), ("end", i32),
                            ("kind", s), ("paragraph", i32), ("tense", s), ("tokens", s)),
        "timexes": schema(("id", i64), ("article_id", i64), ("sentence_id", i64), ("tid", s), ("start", i32),
                          ("end", i32), ("text", s), ("type", s), ("value", s), ("mod", s), ("interval_start", ts),
                          ("interval_end", ts), ("granularity", s), ("anchor", s), ("rule", s), ("confidence", f64),
                          ("exact", i32), ("reason", s), ("quant", s), ("freq", s), ("range_begin", s),
                          ("range_end", s)),
        "mentions": schema(("id", i64), ("article_id", i64), ("sentence_id", i64), ("start", i32), ("end", i32),
                           ("text", s), ("type", s), ("title", s), ("source", s), ("confidence", f64),
                           ("full_name", s), ("entity_id", i64)),
        "entities": schema(("id", i64), ("uid", s), ("type", s), ("name", s), ("mention_count", i64),
                           ("article_count", i64)),
        "events": schema(("id", i64), ("article_id", i64), ("sentence_id", i64), ("timex_id", i64), ("value", s),
                         ("interval_start", ts), ("interval_end", ts), ("granularity", s), ("anchoring", s),
                         ("relation", s), ("signal", s), ("sort_key", ts), ("trigger", s), ("trigger_start", i32),
                         ("trigger_end", i32), ("lemma", s), ("predicate", s), ("pos", s), ("cls", s),
                         ("is_main", i32), ("tense", s), ("factuality", s), ("source", s),
                         ("source_mention_id", i64), ("cluster_id", i64)),
        "event_mentions": schema(("event_id", i64), ("mention_id", i64), ("link", s), ("role", s)),
        "clusters": schema(("id", i64), ("pos", i64), ("predicate", s), ("value", s), ("interval_start", ts),
                           ("interval_end", ts), ("granularity", s), ("sort_key", ts), ("disagree", i32),
                           ("mentions", i64), ("sources", i64), ("articles", i64), ("representative", i64),
                           ("salience", f64)),
    }


def export_parquet(store: Store, out: str | Path, on_rows: Callable[[str, int], None] | None = None,
                   batch: int = 20000) -> dict[str, int]:
    """Write every table of :data:`schemas` as ``OUT/<table>.parquet``.

    Args:
        store: the archive (either backend).
        out: the folder (made when missing).
        on_rows: called with a table's name and the rows just written.

    Returns:
        Table → rows written.

    Raises:
        ExternalToolError: pyarrow is missing.
    """
    pa, pq = _arrow()
    folder = Path(out)
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for table, schema in schemas().items():
        columns = store.table_columns(table)
        keep = [n for n, name in enumerate(columns) if name in schema.names]
        names = [columns[n] for n in keep]
        times = [name in _TIME_COLUMNS for name in names]
        target = folder / f"{table}.parquet"
        work = target.with_suffix(".parquet.part")
        count = 0
        with pq.ParquetWriter(work, schema) as writer:
            for rows in store.table_rows(table, batch):
                data = {name: [] for name in names}
                for row in rows:
                    for name, n, is_time in zip(names, keep, times):
                        value = row[n]
                        if is_time:
                            value = None if value is None or value in _OPEN else value * 1000
                        data[name].append(value)
                writer.write_table(pa.table({f.name: data.get(f.name, [None] * len(rows)) for f in schema},
                                            schema=schema))
                count += len(rows)
                if on_rows:
                    on_rows(table, len(rows))
        work.replace(target)
        written[table] = count
    return written
