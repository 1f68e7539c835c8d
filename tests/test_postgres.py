"""PostgreSQL: the DPG corpus gives the same timelines as in SQLite; archives copy both ways and back;
concurrent ingests, kill -9 and a dropped connection leave nothing doubled or half-written."""
import json
import os
import signal
import subprocess
import sys
import time

import pytest

from kroniek.archive_copy import copy_archive
from kroniek.ingest import ingest
from kroniek.store import open_store
from kroniek.store.sql.store import TABLES
from kroniek.timeline import Timeline

from .conftest import DPG, need
from .test_incremental import merged_events, one_run  # noqa: F401 - the SQLite archive of the DPG corpus

pytestmark = pytest.mark.slow
KRONIEK = [sys.executable, "-m", "kroniek.cli.main"]
#: Queries whose words no stemmer changes: the two backends find the same merged events.
SAME = ["Brexit", "Rutte", "Venezuela", "politie", "Thierry Baudet"]


def _subset(path, first, last):
    lines = need(DPG).read_text(encoding="utf-8").splitlines(keepends=True)[first:last]
    path.write_text("".join(lines), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def pg_run(pg_server, tmp_path_factory):
    folder = tmp_path_factory.mktemp("pg")
    store = open_store(pg_server.new())
    f = folder / "dpg.jsonl"
    f.write_text(need(DPG).read_text(encoding="utf-8"), encoding="utf-8")
    ingest([f], store, jobs=2, ner=False)
    return store


@pytest.mark.parametrize("query", SAME)
def test_the_dpg_corpus_gives_the_same_timeline_on_both_backends(one_run, pg_run, query):  # noqa: F811
    def shown(store, **kwargs):
        page = Timeline(store).entries(query, limit=None, **kwargs)
        return page.total, [(e.value, e.start, e.end, e.sources, e.mentions, e.sentence) for e in page]

    assert shown(one_run) == shown(pg_run)
    assert shown(one_run, start="2019-03", end="2019-03", min_sources=2) == \
        shown(pg_run, start="2019-03", end="2019-03", min_sources=2)
    assert pg_run.check() == [] and pg_run.pending_count() == 0


def test_a_copied_archive_has_the_search_documents_its_ingests_wrote(pg_run, pg_server, monkeypatch):
    """The bulk indexing after a copy (range by range) writes the tsvector and tstzrange of every merged
    event exactly as the merges of the ingests did, one by one."""
    import kroniek.store.postgres as pg

    monkeypatch.setattr(pg, "COPY_RANGE", 777)  # many ranges, the last one partly empty
    copy = open_store(pg_server.new())
    copy_archive(pg_run, copy)

    def documents(store):
        return store.db.execute("SELECT id, tsv::text, during::text FROM clusters ORDER BY id").fetchall()

    ours, theirs = documents(copy), documents(pg_run)
    assert len(ours) > 777 * 3 and ours == theirs
    assert sum(1 for r in ours if r[1] is None) == pg_run.db.execute(
        "SELECT count(*) FROM clusters WHERE pos IS NULL").fetchone()[0]
    assert copy.check() == []
    # statistics on every table: without them small lookups (the band keys) read whole tables
    unanalysed = copy.db.execute("SELECT relname FROM pg_stat_user_tables WHERE last_analyze IS NULL").fetchall()
    assert [r[0] for r in unanalysed if r[0] in TABLES] == []
    assert Timeline(copy).entries("Brexit", limit=5).total == Timeline(pg_run).entries("Brexit", limit=5).total > 0


def test_an_archive_copies_to_postgresql_and_back(pg_server, tmp_path, frog):
    """With entities, a user's merge decision and merged events: every row and the timelines come back."""
    source = open_store(tmp_path / "a.db")
    f = tmp_path / "a.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in [
        {"id": "s1", "date": "2017-03-02", "text": "Minister Jeff Sessions trad gisteren af na kritiek van Trump."},
        {"id": "s2", "date": "2017-03-03", "text": "Jeff Sessions is eergisteren afgetreden, zei Trump in Washington."},
        {"id": "s3", "date": "2017-03-04", "text": "Het Congreslid Pete Sessions stemde tegen het voorstel."}]),
        encoding="utf-8")
    ingest([f], source, jobs=1)
    source.merge_entities("Jeff Sessions", "Pete Sessions")
    middle = open_store(pg_server.new())
    copied = copy_archive(source, middle)
    back = open_store(tmp_path / "b.db")
    copy_archive(middle, back)
    for table in TABLES:
        assert [r for batch in source.table_rows(table) for r in batch] == \
            [r for batch in back.table_rows(table) for r in batch], table
    assert copied.rows["articles"] == 3 and copied.rows["entity_rules"] > 0
    for store in (middle, back):
        assert store.check() == []
        assert [e.cluster for e in Timeline(store).entries(entity="Jeff Sessions")] == \
            [e.cluster for e in Timeline(source).entries(entity="Jeff Sessions")]
    # entity names through PostgreSQL's trigram index: a prefix, and a misspelling
    assert middle.complete_entities("jeff s")["entities"][0]["id"] == "per:jeff-sessions"
    assert "per:jeff-sessions" in {e["id"] for e in middle.complete_entities("sesions")["entities"]}
    assert middle.complete_entities("100%_")["total"] == 0  # LIKE's wildcards are text here
    # the copy goes on where the source stopped
    g = tmp_path / "b.jsonl"
    g.write_text(json.dumps({"id": "s4", "date": "2017-03-05", "text": "Sessions trad vorige week af."}) + "\n",
                 encoding="utf-8")
    assert ingest([g], middle, jobs=1).stored == 1 and middle.check() == []


def test_migrate_command_counts_every_table(pg_server, tmp_path):
    f = _subset(tmp_path / "part.jsonl", 0, 60)
    db = tmp_path / "k.db"
    assert subprocess.run([*KRONIEK, "ingest", "-q", "--no-ner", "--db", str(db), str(f)],
                          capture_output=True, timeout=600).returncode in (0, 1)  # the corpus has empty records
    url = pg_server.new()
    done = subprocess.run([*KRONIEK, "migrate", "-q", "--from", str(db), "--to", url], capture_output=True,
                          text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert "articles" in done.stdout and "the same on both sides" in done.stdout
    again = subprocess.run([*KRONIEK, "migrate", "-q", "--from", str(db), "--to", url], capture_output=True,
                           text=True, timeout=600)
    assert again.returncode == 2 and "not empty" in again.stderr and "Traceback" not in again.stderr
    shown = subprocess.run([*KRONIEK, "timeline", "politie", "--format", "json"], capture_output=True, text=True,
                           env={**os.environ, "KRONIEK_DB": url}, timeout=600)
    assert shown.returncode == 0 and json.loads(shown.stdout)["total"] > 0


def _start(url, *files):
    return subprocess.Popen([*KRONIEK, "ingest", "-q", "--no-ner", "--jobs", "2", "--db", url, *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _count(url):
    import psycopg

    try:
        with psycopg.connect(url, connect_timeout=5) as conn:
            return conn.execute("SELECT count(*) FROM articles").fetchone()[0]
    except psycopg.Error:
        return -1


def test_two_ingests_at_once_with_readers(pg_server, tmp_path):
    a, b = _subset(tmp_path / "a.jsonl", 0, 150), _subset(tmp_path / "b.jsonl", 100, 240)
    both = _subset(tmp_path / "all.jsonl", 0, 240)
    expected = open_store(tmp_path / "one.db")
    ingest([both], expected, jobs=2, ner=False)
    url = pg_server.new()
    open_store(url).close()  # the schema, once
    first, second = _start(url, a), _start(url, b)
    reads = []
    while first.poll() is None or second.poll() is None:
        if _count(url) > 0:
            for args in (["timeline", "politie", "--limit", "5"], ["show", "#1"]):
                reads.append(subprocess.run([*KRONIEK, *args, "--db", url], capture_output=True, text=True,
                                            timeout=300))
        time.sleep(0.2)
    for proc in (first, second):
        out, err = proc.communicate()
        assert proc.returncode in (0, 1) and "Traceback" not in err, err
    assert reads and all(r.returncode == 0 for r in reads), [r.stderr for r in reads if r.returncode]
    store = open_store(url)
    assert store.article_count() == expected.article_count()  # nothing lost, nothing doubled
    assert store.pending_count() == 0 and store.check() == []


def test_kill_9_then_recovery(pg_server, tmp_path):
    corpus = _subset(tmp_path / "part.jsonl", 0, 200)
    clean_url, url = pg_server.new(), pg_server.new()
    done = _start(clean_url, corpus)
    done.communicate(timeout=900)
    proc = _start(url, corpus)
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None and _count(url) < 60:
        time.sleep(0.05)
    assert proc.poll() is None
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=60)
    store = open_store(url)
    assert store.check() == []  # merged or pending, never half merged
    again = _start(url, corpus)
    out, err = again.communicate(timeout=900)
    assert again.returncode in (0, 1) and "Traceback" not in err, err
    clean = open_store(clean_url)
    assert store.article_count() == clean.article_count() and store.pending_count() == 0
    assert merged_events(store) == merged_events(clean)


def test_a_dropped_connection_is_one_clear_error_and_the_rerun_completes(pg_server, tmp_path):
    import psycopg

    corpus = _subset(tmp_path / "part.jsonl", 0, 200)
    url = pg_server.new()
    proc = _start(url, corpus)
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None and _count(url) < 40:
        time.sleep(0.05)
    assert proc.poll() is None
    name = url.rsplit("/", 1)[1]
    # As a failing server would: end the ingest's connections, again and again until it stops. A
    # connection ended while it waits in the pool is replaced unnoticed (the pool checks each one
    # it hands out); one ended inside a transaction is the error this test is about.
    with psycopg.connect(f"{pg_server.url}/postgres", autocommit=True) as admin:
        while proc.poll() is None and time.time() < deadline:
            admin.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s"
                          " AND pid <> pg_backend_pid()", (name,))
            time.sleep(0.05)
    out, err = proc.communicate(timeout=600)
    assert proc.returncode == 3, (proc.returncode, err)
    assert "connection to the PostgreSQL server failed" in err and "Traceback" not in err
    again = _start(url, corpus)
    out, err = again.communicate(timeout=900)
    assert again.returncode in (0, 1), err
    store = open_store(url)
    expected = open_store(tmp_path / "one.db")
    ingest([corpus], expected, jobs=2, ner=False)
    assert store.article_count() == expected.article_count() and store.pending_count() == 0
    assert store.check() == []
