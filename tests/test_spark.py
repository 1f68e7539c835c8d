"""kroniek spark-ingest on a real local Spark (local[2], Java 17) with real Frog: the same annotations
and merged events as a local ingest, the documented Parquet schema, bad records in the errors
table; kroniek export writes the same tables from any archive."""
import json

import pytest

from kroniek.ingest import ingest
from kroniek.store import open_store

from .conftest import DPG, need
from .test_incremental import merged_events

pytestmark = [pytest.mark.slow, pytest.mark.frog]


@pytest.fixture(scope="module")
def spark():
    from kroniek.spark.job import session

    s = session("local[2]")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def inputs(tmp_path_factory):
    folder = tmp_path_factory.mktemp("spark")
    lines = need(DPG).read_text(encoding="utf-8").splitlines(keepends=True)[:40]
    f = folder / "dpg.jsonl"
    f.write_text("".join(lines) + "{kapot\n", encoding="utf-8")
    return folder, f


@pytest.fixture(scope="module")
def both(spark, inputs):
    from kroniek.spark.job import annotate, load

    folder, f = inputs
    local = open_store(folder / "local.db")
    ingest([f], local, jobs=2)
    out = folder / "out"
    annotate(spark, [str(f)], out)
    report = load(spark, out, folder / "spark.db")
    return local, open_store(folder / "spark.db"), out, report


def _annotations(store):
    rows = {}
    for table, columns in (("articles", "ext_id, text, dct_value, lang, syndication_group"),
                           ("sentences", 'id, start, "end", kind, tense, tokens'),
                           ("timexes", 'article_id, start, "end", value, type, interval_start, interval_end, reason'),
                           ("mentions", 'article_id, start, "end", text, type, entity_id'),
                           ("events", "article_id, sentence_id, value, interval_start, interval_end, relation, cluster_id")):
        rows[table] = [tuple(r) for r in store.db.execute(f"SELECT {columns} FROM {table} ORDER BY 1, 2, 3")]
    return rows


def test_spark_and_local_ingest_give_the_same_annotations_and_merged_events(both):
    local, spark_store, _, report = both
    assert report.stored == local.article_count() > 30
    assert _annotations(spark_store) == _annotations(local)
    assert merged_events(spark_store) == merged_events(local)
    assert spark_store.check() == []


def test_a_bad_record_lands_in_the_errors_table(both, inputs):
    import pyarrow.parquet as pq

    _, _, out, report = both
    _, f = inputs
    errors = pq.read_table(out / "errors.parquet").to_pylist()
    bad = [e for e in errors if "malformed JSON" in e["reason"]]
    assert len(bad) == 1 and bad[0]["file"] == str(f) and bad[0]["where"] == "line 41"
    assert any(str(e).startswith(f"{f}:line 41") for e in report.skipped)


def test_the_parquet_tables_have_the_documented_schema(both):
    import pyarrow.parquet as pq

    from kroniek.parquet import schemas

    _, store, out, _ = both
    for table, schema in schemas().items():
        read = pq.read_table(out / "tables" / f"{table}.parquet")
        assert read.schema.equals(schema), table
        assert read.num_rows == store.row_count(table), table
    annotated = pq.read_table(out / "annotated.parquet")
    assert {"file_no", "record_no", "ext_id", "lang", "published", "annotation"} <= set(annotated.schema.names)
    first = json.loads(annotated.column("annotation")[0].as_py())
    assert {"article", "sentences", "timexes", "mentions", "events"} <= set(first)


def test_duckdb_and_spark_read_the_exported_tables(both, spark):
    import duckdb

    _, store, out, _ = both
    n = duckdb.connect().execute(f"SELECT count(*) FROM '{out}/tables/clusters.parquet'").fetchall()[0][0]
    assert n == store.event_count()
    frame = spark.read.parquet(str(out / "tables" / "events.parquet"))
    assert frame.count() == store.row_count("events")


def test_export_from_postgresql_writes_the_same_tables(both, pg_server, tmp_path):
    import pyarrow.parquet as pq

    from kroniek.archive_copy import copy_archive
    from kroniek.parquet import export_parquet

    local, _, out, _ = both
    pg = open_store(pg_server.new())
    copy_archive(local, pg)
    export_parquet(pg, tmp_path / "pg")
    export_parquet(local, tmp_path / "lite")
    for table in ("articles", "events", "clusters", "timexes"):
        assert pq.read_table(tmp_path / "pg" / f"{table}.parquet").equals(
            pq.read_table(tmp_path / "lite" / f"{table}.parquet")), table
