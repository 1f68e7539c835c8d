"""kill -9 of a real ``kroniek ingest`` at several points, then recovery; two ingests at once, with
readers meanwhile. Every stored article is merged or pending, never half merged; a re-run
finishes the job and stores nothing twice; the result equals an uninterrupted run."""
import os
import signal
import sqlite3
import subprocess
import sys
import time

import pytest

from kroniek.store import open_store

from .conftest import DPG, need
from .test_incremental import merged_events

pytestmark = pytest.mark.slow
KRONIEK = [sys.executable, "-m", "kroniek.cli.main"]


def _subset(path, first, last):
    lines = need(DPG).read_text(encoding="utf-8").splitlines(keepends=True)[first:last]
    path.write_text("".join(lines), encoding="utf-8")
    return path


def _start(db, *files):
    return subprocess.Popen([*KRONIEK, "ingest", "-q", "--no-ner", "--jobs", "2", "--db", str(db), *map(str, files)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)


def _stored(db) -> int:
    if not db.exists():
        return -1
    try:
        conn = sqlite3.connect(db, timeout=1)
        try:
            return conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return -1


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("crash")
    return _subset(folder / "part.jsonl", 0, 240)


@pytest.fixture(scope="module")
def clean(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("clean") / "k.db"
    done = _start(db, corpus)
    out, err = done.communicate(timeout=900)
    assert done.returncode in (0, 1), err
    store = open_store(db)
    return store.article_count(), merged_events(store)


@pytest.mark.parametrize("when", [0, 25, 110])
def test_kill_9_then_recovery(tmp_path, corpus, clean, when):
    """Killed while annotating (nothing stored yet), and while storing and merging."""
    db = tmp_path / "k.db"
    proc = _start(db, corpus)
    deadline = time.time() + 600
    while time.time() < deadline and proc.poll() is None and _stored(db) < when:
        time.sleep(0.05)
    assert proc.poll() is None, "the ingest ended before it could be killed"
    os.killpg(proc.pid, signal.SIGKILL)  # the main process, its workers: no chance to clean up
    proc.wait(timeout=60)
    if db.exists():
        store = open_store(db)
        assert store.check() == []  # each stored article merged or pending, nothing half merged
        assert store.conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        stored, pending = store.article_count(), store.pending_count()
        assert 0 <= pending <= stored
        store.close()
        if when == 110:
            done = subprocess.run([*KRONIEK, "rebuild", "--pending", "-q", "--db", str(db)], capture_output=True,
                                  text=True, timeout=600)
            assert done.returncode == 0, done.stderr
            assert open_store(db).pending_count() == 0
    again = _start(db, corpus)
    out, err = again.communicate(timeout=900)
    assert again.returncode in (0, 1) and "Traceback" not in err, err
    store = open_store(db)
    count, events = clean
    assert store.article_count() == count  # nothing lost, nothing stored twice
    assert store.pending_count() == 0 and store.check() == []
    assert merged_events(store) == events  # as if it had never been interrupted


def test_two_ingests_at_once_with_readers(tmp_path, clean):
    a = _subset(tmp_path / "a.jsonl", 0, 150)
    b = _subset(tmp_path / "b.jsonl", 100, 240)  # 50 records in both
    db = tmp_path / "k.db"
    first, second = _start(db, a), _start(db, b)
    reads = []
    while first.poll() is None or second.poll() is None:
        if _stored(db) > 0:
            for args in (["timeline", "politie", "--limit", "5"], ["show", "#1"], ["entities"]):
                reads.append(subprocess.run([*KRONIEK, *args, "--db", str(db)], capture_output=True, text=True,
                                            timeout=300))
        time.sleep(0.2)
    for proc in (first, second):
        out, err = proc.communicate()
        assert proc.returncode in (0, 1) and "Traceback" not in err and "locked" not in err, err
    assert reads and all(r.returncode == 0 for r in reads), [r.stderr for r in reads if r.returncode]
    store = open_store(db)
    count, _ = clean
    assert store.article_count() == count  # every article once: the 50 shared records too
    assert store.pending_count() == 0 and store.check() == []
