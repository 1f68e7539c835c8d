"""The seed article end to end, with real Frog: the dates the issue asks for."""
import json
import subprocess
import sys

import pytest

from .conftest import SEED, need


KRONIEK = [sys.executable, "-m", "kroniek.cli.main"]


@pytest.fixture(scope="module")
def seed_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("seed") / "k.db"
    done = subprocess.run([*KRONIEK, "ingest", "-q", "--jobs", "1", "--db", str(db), str(need(SEED))],
                          capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    return db


def timeline(db, *args):
    out = subprocess.run([*KRONIEK, "timeline", "Sessions", *args, "--db", str(db)],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.fixture(scope="module")
def seed_timeline(seed_db):
    return json.loads(timeline(seed_db, "--format", "json"))["entries"]


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


def test_timelinejs_puts_an_open_event_inside_its_interval(seed_db, seed_timeline):
    """"Before April 2017" once started on 1 April 2017, outside its own interval."""
    slides = json.loads(timeline(seed_db, "--format", "timelinejs"))["events"]
    e = entry(seed_timeline, "persconferentie bekend")
    assert e["date"]["interval"]["start"] is None
    slide = next(s for s in slides if e["sentence"][:60] in s["text"]["headline"])
    assert slide["start_date"] == {"year": "2017", "month": "3", "day": "31"}
    assert slide["display_date"] == "before 2017-04-01"
    september = next(s for s in slides if s["start_date"] == {"year": "2016", "month": "9", "day": "1"})
    assert september["end_date"] == {"year": "2016", "month": "9", "day": "30"}  # inclusive, not 1 October


def test_text_names_each_source_article_once(seed_db):
    text = timeline(seed_db)
    for block in text.split("\n\n"):
        sources = [line for line in block.splitlines() if line.startswith("  article ")]
        assert len(sources) == len(set(sources)), block


def test_show_lists_each_name_once(seed_db):
    out = subprocess.run([*KRONIEK, "show", "000_bc9ad96b2057a7eb", "--db", str(seed_db)],
                         capture_output=True, text=True, timeout=600)
    assert out.returncode == 0, out.stderr
    entities = out.stdout.split("Entities", 1)[1].splitlines()
    names = [line.split("(")[0].split("×")[0].strip() for line in entities if line.strip()]
    assert len(names) == len(set(names)) and any("Sessions ×" in line for line in entities)


def test_a_pronoun_after_the_title_refers_to_the_titled_person(seed_timeline):
    """"De minister benadrukte ... Hij herhaalt ..." is Sessions (was Trump, the last name before)."""
    e = entry(seed_timeline, "Hij herhaalt")
    people = {x["name"] for x in e["entities"] if x["type"] == "PER"}
    assert people == {"Jeff Sessions"}
