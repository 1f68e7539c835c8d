"""Ctrl-C during an ingest: exit status 130, and every stored article is whole."""
import os
import signal
import sqlite3
import subprocess
import sys
import time
from contextlib import closing

import pytest

from .conftest import DPG, need


def test_interrupt_leaves_only_whole_articles(tmp_path):
    db = tmp_path / "k.db"
    proc = subprocess.Popen([sys.executable, "-m", "kroniek.cli.main", "ingest", "-q", "--no-ner", "--jobs", "2",
                             "--db", str(db), str(need(DPG))], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)
    last_error = None
    deadline = time.time() + 120
    while time.time() < deadline:  # wait until some articles are stored
        time.sleep(0.2)
        if proc.poll() is not None:
            pytest.fail(f"the ingest ended (status {proc.returncode}) before it could be interrupted;"
                        f" last error reading the archive: {last_error}")
        if db.exists():
            try:
                with closing(sqlite3.connect(db, timeout=10)) as conn:
                    if conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0] >= 5:
                        break
            except sqlite3.Error as exc:
                last_error = exc
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: to the workers and Frog too
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Interrupted" in err
    assert "rebuild --pending" in err
    conn = sqlite3.connect(db)
    stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
    assert 0 < stored < 1438
    # every stored article has its sentences, and no sentence lacks its article
    bare = conn.execute("SELECT COUNT(*) FROM articles a WHERE NOT EXISTS "
                        "(SELECT 1 FROM sentences s WHERE s.article_id = a.id)").fetchone()[0]
    orphans = conn.execute("SELECT COUNT(*) FROM sentences s WHERE NOT EXISTS "
                           "(SELECT 1 FROM articles a WHERE a.id = s.article_id)").fetchone()[0]
    assert bare == 0 and orphans == 0
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
