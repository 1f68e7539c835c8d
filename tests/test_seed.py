"""The seed article end to end, with real Frog: the dates the issue asks for."""
import json
import subprocess
import sys

import pytest

from .conftest import SEED, need


@pytest.fixture(scope="module")
def seed_timeline(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "k.db"
    kroniek = [sys.executable, "-m", "kroniek.cli.main"]
    done = subprocess.run([*kroniek, "ingest", "-q", "--jobs", "1", "--db", str(db), str(need(SEED))],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    out = subprocess.run([*kroniek, "timeline", "Sessions", "--format", "json", "--db", str(db)],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout)


def entry(timeline, words):
    found = [e for e in timeline if any(words in m["sentence"] for m in e["sources"])]
    assert found, f"no event with {words!r}"
    return found[0]


def days(e):
    interval = e["date"]["interval"]
    return interval["start"][:10], interval["end"][:10]


def test_conversation_with_the_ambassador_is_september_2016(seed_timeline):
    e = entry(seed_timeline, "in september met hem spreken")
    assert e["date"]["value"] == "2016-09"
    assert days(e) == ("2016-09-01", "2016-10-01")
    assert e["expression"]["text"] == "september"


def test_flynn_resigned_two_weeks_before_some_day_of_march(seed_timeline):
    e = entry(seed_timeline, "Michael Flynn opstappen")
    assert e["expression"]["text"] == "Twee weken geleden"
    assert days(e) == ("2017-02-15", "2017-03-18")  # half-open: up to and including 17 March
    assert "X" in e["date"]["value"]  # no guessed day


def test_press_conference_announcement_is_march_2017(seed_timeline):
    e = entry(seed_timeline, "persconferentie bekend")
    assert e["date"]["value"] == "2017-03" and e["anchoring"] == "dct"
    assert e["relation"] == "BEFORE" and e["date"]["interval"]["end"].startswith("2017-04-01")
    assert any(x["name"] == "Jeff Sessions" and x["link"] == "pronoun" for x in e["entities"])


def test_since_yesterday_is_an_interval(seed_timeline):
    e = entry(seed_timeline, "sinds gisteren onder vuur")
    start, end = days(e)
    assert (start, end) == ("2017-02-28", "2017-04-01")
    assert e["signal"] == "sinds" and e["relation"] == "BEGUN_BY"
    assert e["date"]["interval"]["granularity"] == "day"


def test_timeline_is_in_date_order(seed_timeline):
    keys = [e["date"]["sort"] for e in seed_timeline]
    assert keys == sorted(keys)
    assert seed_timeline[0]["date"]["value"] == "2016-09"


def test_jeff_sessions_found_by_frog(seed_timeline):
    names = {x["name"] for e in seed_timeline for x in e["entities"]}
    assert "Michael Flynn" in names and "Trump" in names
