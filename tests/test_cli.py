"""The command line: exit codes, formats, filters, no tracebacks for user mistakes."""
import csv
import io
import json
import subprocess
import sys

import pytest



KRONIEK = [sys.executable, "-m", "kroniek.cli.main"]


def run(*args, cwd=None):
    return subprocess.run([*KRONIEK, *map(str, args)], capture_output=True, text=True, cwd=cwd, timeout=600)


@pytest.fixture
def small(tmp_path):
    f = tmp_path / "news.jsonl"
    f.write_text(
        '{"id": "n1", "title": "Brexit uitgesteld", "text": "De Brexit is op 29 maart 2019 uitgesteld.", "date": "2019-04-01"}\n'
        '{"id": "n2", "text": "Gisteren sprak May over de Brexit.", "date": "2019-03"}\n'
        '{"id": "n3", "text": "In 2016 stemde het VK voor de Brexit.", "published_at": "2019-02-10"}\n',
        encoding="utf-8")
    return f


def test_exit_0_when_all_stored_then_all_present(tmp_path, small, archive):
    db = archive
    first = run("ingest", "--no-ner", "-q", "--db", db, small)
    assert first.returncode == 0, first.stderr
    assert "stored            3" in first.stdout
    second = run("ingest", "--no-ner", "-q", "--db", db, small)
    assert second.returncode == 0
    assert "already present   3" in second.stdout


def test_exit_1_when_some_skipped(tmp_path, small, archive):
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"text": "Goed nieuws.", "date": "2019-03-01"}\n{kapot\n', encoding="utf-8")
    result = run("ingest", "--no-ner", "-q", "--db", archive, small, bad)
    assert result.returncode == 1
    assert f"{bad}:line 2: malformed JSON" in result.stderr
    assert "stored            4" in result.stdout
    assert "Traceback" not in result.stderr


def test_exit_2_for_usage_errors(tmp_path, small, archive):
    db = archive
    assert run("ingest").returncode == 2
    assert run("ingest", "--no-ner", "--date", "2017-13-45", "--db", db, small).returncode == 2
    assert run("ingest", "--no-ner", "--jobs", "0", "--db", db, small).returncode == 2
    run("ingest", "--no-ner", "-q", "--db", db, small)
    bad_date = run("timeline", "Brexit", "--db", db, "--from", "gisteren")
    assert bad_date.returncode == 2 and "Traceback" not in bad_date.stderr
    assert run("show", "does-not-exist", "--db", db).returncode == 2
    assert run("timeline", "Brexit", "--format", "xml", "--db", db).returncode == 2


def test_more_usage_errors_found_by_a_new_user(tmp_path, small, archive):
    db = archive
    missing = run("ingest", "--no-ner", "--db", db, tmp_path / "nothing.jsonl")
    assert missing.returncode == 2 and "does not exist" in missing.stderr
    french = run("ingest", "--no-ner", "--lang", "fr", "--db", db, small)
    assert french.returncode == 2 and "--lang" in french.stderr
    run("ingest", "--no-ner", "-q", "--db", db, small)
    backwards = run("timeline", "Brexit", "--db", db, "--from", "2019-04", "--to", "2019-03")
    assert backwards.returncode == 2 and "after the end" in backwards.stderr
    assert run("tag", tmp_path / "nothing.txt").returncode == 2
    empty = run("eval", "timeml", tmp_path)  # a folder without TimeML files once scored all zeros
    assert empty.returncode == 2 and "no TimeML files" in empty.stderr


def test_exit_3_for_a_spacy_pipeline_that_is_not_installed(tmp_path, small):
    result = run("ingest", "--ner-backend", "spacy:nl_no_such_pipeline", "--db", tmp_path / "k.db", small)
    assert result.returncode == 3 and "not installed" in result.stderr
    assert "Traceback" not in result.stderr


def test_same_id_with_another_text_is_kept_and_said(tmp_path, small, archive):
    db = archive
    run("ingest", "--no-ner", "-q", "--db", db, small)
    other = tmp_path / "other.jsonl"
    other.write_text('{"id": "n1", "text": "Een heel andere tekst van morgen.", "date": "2019-04-02"}\n',
                     encoding="utf-8")
    result = run("ingest", "--no-ner", "-q", "--db", db, other)
    assert result.returncode == 0
    assert "1 by id only" in result.stdout and "id 'n1' is stored already" in result.stderr


def test_a_publication_date_at_the_end_of_time_is_stored(tmp_path, archive):
    """Year 9999 once crashed the merge step, and every later ingest with it."""
    f = tmp_path / "far.jsonl"
    f.write_text('{"id": "f1", "text": "Gisteren regende het in Delft.", "date": "9999-12-31"}\n'
                 '{"id": "f2", "text": "Gisteren regende het in Gouda.", "date": "2019-03-20"}\n', encoding="utf-8")
    result = run("ingest", "--no-ner", "-q", "--db", archive, f)
    assert result.returncode == 0, result.stderr
    assert "stored            2" in result.stdout


def test_a_database_in_a_missing_folder_is_named(tmp_path, small):
    result = run("ingest", "--no-ner", "--db", tmp_path / "no" / "such" / "k.db", small)
    assert result.returncode == 3 and "does not exist" in result.stderr and "Traceback" not in result.stderr


def test_exit_3_without_a_database(tmp_path):
    result = run("timeline", "Brexit", "--db", tmp_path / "missing.db")
    assert result.returncode == 3 and "kroniek ingest" in result.stderr


def test_timeline_formats_and_event_time_filter(tmp_path, small, archive):
    db = archive
    run("ingest", "--no-ner", "-q", "--db", db, small)
    page = json.loads(run("timeline", "Brexit", "--format", "json", "--db", db).stdout)
    data = page["entries"]
    assert page["total"] == len(data) and page["next"] is None and page["offset"] == 0
    values = [e["date"]["value"] for e in data]
    keys = [e["date"]["sort"] for e in data]
    assert keys == sorted(keys)
    assert values[0] == "2016" and "2019-03-29" in values
    first = data[0]
    assert first["expression"]["text"] == "2016" and first["article"]["id"] == "n3"
    assert first["date"]["interval"]["start"].startswith("2016-01-01")
    rows = list(csv.DictReader(io.StringIO(run("timeline", "Brexit", "--format", "csv", "--db", db).stdout)))
    assert [r["value"] for r in rows] == values
    text = run("timeline", "Brexit", "--db", db).stdout
    assert "2019-03-29" in text and "dated by" in text
    # --from/--to filter on when it happened: the 2016 referendum is in a 2019 article
    only_2016 = json.loads(run("timeline", "Brexit", "--format", "json", "--from", "2016", "--to", "2016",
                               "--db", db).stdout)["entries"]
    assert [e["date"]["value"] for e in only_2016] == ["2016"]
    march = json.loads(run("timeline", "Brexit", "--format", "json", "--from", "2019-03-29", "--to", "2019-03-29",
                           "--db", db).stdout)["entries"]
    # overlap: "gisteren" in an article dated only 2019-03 may also be 29 March
    assert [e["date"]["value"] for e in march] == ["2019-XX-XX", "2019-03-29"]


def test_show_marks_timexes_and_gives_values(tmp_path, small, archive):
    db = archive
    run("ingest", "--no-ner", "-q", "--db", db, small)
    out = run("show", "n2", "--db", db).stdout
    assert "⟦Gisteren⟧t1" in out
    assert "value 2019-XX-XX" in out and "2019-02-28" in out
    assert "Entities" not in out  # ingested without entities: no empty heading
    data = json.loads(run("show", "n2", "--format", "json", "--db", db).stdout)
    assert data["timexes"][0]["anchor"] == "dct" and data["timexes"][0]["exact"] == 0


def test_folder_and_default_date(tmp_path, archive):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("Zonder kop, gisteren geschreven.", encoding="utf-8")
    db = archive
    assert run("ingest", "--no-ner", "-q", "--db", db, folder).returncode == 1
    assert run("ingest", "--no-ner", "-q", "--date", "2019-05-01", "--db", db, folder).returncode == 0


def test_counts_read_as_english():
    from kroniek.cli.common import counted

    assert counted(1, "mention") == "1 mention" and counted(0, "article") == "0 articles"
    assert counted(12, "mention") == "12 mentions"
