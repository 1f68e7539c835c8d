"""The DPG corpus: every article ingests, and the Brexit timeline holds 29 March 2019."""
import json
import subprocess
import sys

import pytest

from .conftest import DPG, SEED, need

pytestmark = pytest.mark.slow


def _records():
    return [json.loads(line) for line in need(DPG).open(encoding="utf-8")]


def _empty_records():
    return sum(1 for r in _records() if not (r.get("text") or "").strip())


def _repeats():
    ids, contents, repeats = set(), set(), 0
    for r in _records():
        if not (r.get("text") or "").strip():
            continue
        key = (r["text"], r["published_at"])
        if str(r["id"]) in ids or key in contents:
            repeats += 1
        ids.add(str(r["id"]))
        contents.add(key)
    return repeats


@pytest.fixture(scope="module")
def dpg_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("dpg") / "k.db"
    done = subprocess.run([sys.executable, "-m", "kroniek.cli.main", "ingest", "-q", "--db", str(db),
                           str(need(SEED)), str(need(DPG))], capture_output=True, text=True, timeout=3600)
    return db, done


def test_all_articles_ingest_without_a_crash(dpg_db):
    db, done = dpg_db
    assert "Traceback" not in done.stderr
    summary = dict(line.rsplit(None, 1) for line in done.stdout.splitlines()
                   if line and not line.startswith(" ") and line[-1].isdigit())
    read, stored, skipped = int(summary["articles read"]), int(summary["stored"]), int(summary["skipped"])
    present = int(summary["already present"])
    assert read == 1439
    # the only skipped records are the corpus's empty texts, each named by line
    empty = [l for l in done.stderr.splitlines() if "empty text" in l]
    assert skipped == len(empty) == _empty_records()
    # the corpus repeats some articles (same id, or same text and date): stored once
    assert present == _repeats()
    assert stored + present + skipped == read
    assert done.returncode == (1 if skipped else 0)
    assert "internal error" not in done.stderr and "Frog failed" not in done.stderr


def _brexit(db, *extra):
    """Every entry of the Brexit timeline, read page by page (pages of 100, the CLI's default)."""
    entries, total = [], None
    while total is None or len(entries) < total:
        out = subprocess.run([sys.executable, "-m", "kroniek.cli.main", "timeline", "Brexit", "--format", "json",
                              "--db", str(db), "--offset", str(len(entries)), *extra],
                             capture_output=True, text=True, timeout=600)
        assert out.returncode == 0, out.stderr
        page = json.loads(out.stdout)
        assert total in (None, page["total"])  # the total does not change from page to page
        total = page["total"]
        assert 0 < len(page["entries"]) <= 100 or total == 0
        entries += page["entries"]
    assert len({e["id"] for e in entries}) == len(entries)  # no entry on two pages
    return entries


def test_brexit_timeline_in_date_order_with_29_march(dpg_db):
    db, _ = dpg_db
    entries = _brexit(db, "--direct")
    assert len(entries) > 50
    keys = [e["date"]["sort"] for e in entries]
    assert keys == sorted(keys)
    # the sort key is where the shown date starts (it once was the earliest mention's start)
    for e in entries:
        start = e["date"]["interval"]["start"]
        if start and not e["sources_disagree"]:
            assert e["date"]["sort"][:10] == start[:10], e
    assert any(e["date"]["value"] == "2019-03-29" for e in entries)


def test_the_29_march_deadline_is_one_entry_with_many_sources(dpg_db):
    db, _ = dpg_db
    deadline = [e for e in _brexit(db) if e["date"]["value"] == "2019-03-29"]
    best = max(deadline, key=lambda e: e["independent_sources"])
    assert best["independent_sources"] >= 3 and best["mentions"] >= 5
    assert len({m["article"]["id"] for m in best["sources"]}) >= 3


def test_no_entry_is_dated_outside_what_its_mentions_allow(dpg_db):
    db, _ = dpg_db
    for e in _brexit(db):
        if e["sources_disagree"]:
            continue
        start, end = e["date"]["interval"]["start"], e["date"]["interval"]["end"]
        for m in e["sources"]:
            lo, hi = m["interval"]["start"], m["interval"]["end"]
            assert lo is None or (start is not None and start >= lo), (e["date"], m["interval"])
            assert hi is None or (end is not None and end <= hi), (e["date"], m["interval"])
