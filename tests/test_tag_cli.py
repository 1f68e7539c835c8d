"""`kroniek tag`: plain text, TimeML and JSON Lines in; TimeML or JSON Lines out; exit codes.

The command runs in-process (click's runner, real files) except for one
test that starts the installed entry point.
"""
import json
import subprocess
import sys
from types import SimpleNamespace

import pytest
from click.testing import CliRunner

from kroniek.cli.main import cli
from kroniek.temporal.timeml import parse_timeml

from .conftest import DATA, need


def run(*args, stdin=None):
    result = CliRunner().invoke(cli, ["tag", *map(str, args)], input=stdin)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return SimpleNamespace(returncode=result.exit_code, stdout=result.stdout, stderr=result.stderr)


def test_entry_point_exit_code_and_output(tmp_path):
    f = tmp_path / "n.txt"
    f.write_text("It rained yesterday.", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "kroniek.cli.main", "tag", str(f), "--dct", "2019-03-20"],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert [t.value for t in parse_timeml(result.stdout).timexes] == ["2019-03-19"]
    missing = subprocess.run([sys.executable, "-m", "kroniek.cli.main", "tag", "--format", "jsonl"],
                             input="{}\n", capture_output=True, text=True, timeout=300)
    assert missing.returncode == 1 and "<stdin>:line 1" in missing.stderr and "Traceback" not in missing.stderr


@pytest.fixture
def text_file(tmp_path):
    f = tmp_path / "note.txt"
    f.write_text("The deal closed last Friday and will be reviewed next year.\n", encoding="utf-8")
    return f


def test_plain_text_to_timeml(text_file):
    result = run(text_file, "--dct", "2019-03-20")
    assert result.returncode == 0, result.stderr
    doc = parse_timeml(result.stdout)
    assert doc.text == text_file.read_text(encoding="utf-8")
    assert doc.dct == "2019-03-20" and doc.docid == "note"
    assert [(t.text, t.type, t.value, t.attrs["anchorTimeID"]) for t in doc.timexes] == [
        ("last Friday", "DATE", "2019-03-15", "t0"), ("next year", "DATE", "2020", "t0")]


def test_plain_text_from_stdin_in_dutch():
    result = run("--lang", "nl", "--dct", "2017-03-02", stdin="Gisteren trad hij af.")
    assert result.returncode == 0, result.stderr
    assert [(t.text, t.value) for t in parse_timeml(result.stdout).timexes] == [("Gisteren", "2017-03-01")]


def test_timeml_in_is_tagged_with_its_own_dct():
    gold = need(DATA / "timeml" / "tempeval3-tbaq" / "TimeBank" / "wsj_0006.tml")
    result = run(gold)
    assert result.returncode == 0, result.stderr
    doc = parse_timeml(result.stdout)
    assert doc.dct == "1989-11-02" and doc.docid == "wsj_0006"
    assert "<EVENT" not in result.stdout
    assert [t.text for t in doc.timexes] == ["year-end"]
    overridden = parse_timeml(run(gold, "--dct", "1999-05-01").stdout)
    assert overridden.dct == "1999-05-01" and overridden.timexes[0].value == "1999"


def test_several_files_need_an_output_folder(text_file, tmp_path):
    other = tmp_path / "other.txt"
    other.write_text("It happened on March 3, 2018.", encoding="utf-8")
    refused = run(text_file, other, "--dct", "2019-03-20")
    assert refused.returncode == 2 and "--out-dir" in refused.stderr
    out = tmp_path / "out"
    result = run(text_file, other, "--dct", "2019-03-20", "--out-dir", out)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == ["note.tml", "other.tml"]
    assert parse_timeml((out / "other.tml").read_text(encoding="utf-8")).timexes[0].value == "2018-03-03"


def test_jsonl_in_and_out():
    lines = [{"doc": "a", "text": "Two weeks ago it rained.", "ref": "2019-03-20", "lang": "en"},
             {"doc": "b", "text": "Vorige week regende het.", "ref": "2019-03-20T10:00:00+01:00", "lang": "nl"},
             {"doc": "c", "text": "It ran from 1985 to 1987.", "ref": "2019-03"}]
    result = run("--format", "jsonl", stdin="\n".join(json.dumps(x) for x in lines) + "\n")
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [o["doc"] for o in out] == ["a", "b", "c"]
    a = out[0]["timexes"][0]
    assert a == {"start": 0, "end": 13, "text": "Two weeks ago", "type": "DATE", "value": "2019-03-06",
                 "mod": None, "interval": {"start": "2019-03-06T00:00:00+00:00",
                                           "end": "2019-03-07T00:00:00+00:00"}}
    assert lines[0]["text"][a["start"]:a["end"]] == a["text"]
    assert out[1]["timexes"][0]["value"] == "2019-W11"
    assert out[1]["timexes"][0]["interval"]["start"].endswith("+01:00")
    rng = out[2]["timexes"][0]
    assert (rng["text"], rng["type"], rng["value"]) == ("from 1985 to 1987", "DURATION", "P3Y")
    assert rng["interval"] == {"start": "1985-01-01T00:00:00+00:00", "end": "1988-01-01T00:00:00+00:00"}


def test_jsonl_bad_records_are_named_and_skipped(tmp_path):
    f = tmp_path / "docs.jsonl"
    f.write_text('{"doc": "ok", "text": "yesterday", "ref": "2019-03-20"}\n'
                 '{broken\n'
                 '{"doc": "noref", "text": "today"}\n'
                 '{"doc": "badref", "text": "today", "ref": "2019-13-45"}\n'
                 '{"doc": "fr", "text": "hier", "ref": "2019-03-20", "lang": "fr"}\n'
                 '["not", "an", "object"]\n', encoding="utf-8")
    result = run("--format", "jsonl", f)
    assert result.returncode == 1
    assert [json.loads(x)["doc"] for x in result.stdout.splitlines()] == ["ok"]
    for n in (2, 3, 4, 5, 6):
        assert f"{f}:line {n}:" in result.stderr
    assert "Traceback" not in result.stderr
    filled = run("--format", "jsonl", "--dct", "2019-03-20", stdin='{"doc": "noref", "text": "today"}\n')
    assert filled.returncode == 0 and json.loads(filled.stdout)["timexes"][0]["value"] == "2019-03-20"


def test_usage_errors_exit_2_without_traceback(text_file):
    for args in ([text_file], [text_file, "--dct", "2019-13-45"], [text_file, "--dct", "2019", "--lang", "fr"],
                 [text_file, "--format", "xml"]):
        result = run(*args)
        assert result.returncode == 2, args
        assert "Traceback" not in result.stderr
    assert "needs a document creation time" in run(text_file).stderr


def test_broken_timeml_file_is_skipped_with_exit_1(tmp_path):
    bad = tmp_path / "bad.tml"
    bad.write_text('<?xml version="1.0"?>\n<TimeML><TEXT>a <TIMEX3>b</TEXT></TimeML>\n', encoding="utf-8")
    result = run(bad)
    assert result.returncode == 1
    assert f"{bad}:line 2: malformed XML" in result.stderr
    assert result.stdout == ""


def test_not_utf8_is_named(tmp_path):
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\u00e9 opened on Monday.\n".encode("latin-1"))
    result = run(f, "--dct", "2019-03-20")
    assert result.returncode == 1 and f"{f}:line 1: not valid UTF-8" in result.stderr
