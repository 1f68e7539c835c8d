"""Every input format, and every kind of bad input named by file and line."""
import json

import pytest

from kroniek.errors import InputError
from kroniek.io import read_paths
from kroniek.model import Article
from kroniek.temporal.dct import parse_dct

from .conftest import SEED, need


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def problems(items):
    return [i for i in items if isinstance(i, InputError)]


def test_seed_format():
    [art] = articles(read_paths([need(SEED)]))
    assert art.dct.value == "2017-03" and art.dct.granularity.label == "month"
    assert art.text.startswith("De Amerikaanse minister")
    assert "\n\nSenator\n\n" in art.text
    assert art.ext_id == "000_bc9ad96b2057a7eb"


def test_seed_format_with_iso_datetime(tmp_path):
    f = tmp_path / "a.txt"
    f.write_text("date 2019-03-29T10:15:00+01:00 Het begon gisteren.\n", encoding="utf-8")
    [art] = articles(read_paths([f]))
    assert art.dct.value == "2019-03-29T10:15:00" and art.text.startswith("Het begon")


def test_jsonl_fields(tmp_path):
    f = tmp_path / "a.jsonl"
    rows = [{"id": 7, "title": "T", "content": "Tekst een.", "published": "2019-03", "publisher": "vk",
             "url": "http://x", "lang": "nl"},
            {"text": "Tekst twee.", "datetime": "2019-03-02T10:00:00Z"}]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    a, b = articles(read_paths([f]))
    assert (a.ext_id, a.title, a.source, a.url, a.lang, a.dct.value) == ("7", "T", "vk", "http://x", "nl", "2019-03")
    assert b.ext_id is None and b.dct.granularity.label == "second"


def test_csv_nos_export(tmp_path):
    f = tmp_path / "nos.csv"
    f.write_text('datetime,title,content,category,url\n'
                 '2019-03-29 12:00:00,Brexit,"Het VK, dat gisteren stemde.",Buitenland,http://nos.nl/1\n',
                 encoding="utf-8")
    [art] = articles(read_paths([f]))
    assert art.title == "Brexit" and art.text == "Het VK, dat gisteren stemde." and art.url == "http://nos.nl/1"


def test_folder_is_read_recursively(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.txt").write_text("date 2019-01 Een.", encoding="utf-8")
    (tmp_path / "sub" / "b.jsonl").write_text('{"text": "Twee.", "date": "2019-02"}\n', encoding="utf-8")
    (tmp_path / "sub" / "c.csv").write_text("date,text\n2019-03,Drie.\n", encoding="utf-8")
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    found = articles(read_paths([tmp_path]))
    assert sorted(a.text for a in found) == ["Drie.", "Een.", "Twee."]


def test_bad_jsonl_lines_are_named_and_the_rest_goes_on(tmp_path):
    f = tmp_path / "bad.jsonl"
    f.write_bytes(b'{"text": "Goed.", "date": "2019-03-01"}\n'
                  b'{"text": "kapot", \n'
                  b'{"text": "Geen datum."}\n'
                  b'{"text": "Onmogelijk.", "date": "2017-13-45"}\n'
                  b'{"text": "   ", "date": "2019-03-01"}\n'
                  b'{"text": "\xff\xfe kapotte bytes", "date": "2019-03-01"}\n'
                  b'{"text": "Ook goed.", "date": "2019-03-02"}\n')
    items = list(read_paths([f]))
    assert [a.text for a in articles(items)] == ["Goed.", "Ook goed."]
    messages = [str(p) for p in problems(items)]
    assert [m.split(":")[1] for m in messages] == ["line 2", "line 3", "line 4", "line 5", "line 6"]
    assert "malformed JSON" in messages[0]
    assert "no publication date" in messages[1]
    assert "2017-13-45" in messages[2]
    assert "empty text" in messages[3]
    assert "UTF-8" in messages[4]
    assert all(m.startswith(str(f)) for m in messages)


def test_csv_row_with_missing_fields(tmp_path):
    f = tmp_path / "bad.csv"
    f.write_text("date,title,text\n2019-03-01,A,Goed.\n2019-03-02,B\n2019-03-03,C,Ook goed.\n", encoding="utf-8")
    items = list(read_paths([f]))
    assert [a.text for a in articles(items)] == ["Goed.", "Ook goed."]
    [p] = problems(items)
    assert p.where == "line 3" and "2 fields where the header has 3" in p.reason


def test_undecodable_text_file(tmp_path):
    f = tmp_path / "latin1.txt"
    f.write_bytes("date 2019-03 Één twee.\n".encode("latin-1", errors="replace") + b"\xe9t\xe9\n")
    [p] = problems(read_paths([f]))
    assert p.path == str(f) and "UTF-8" in p.reason


def test_missing_date_uses_default_when_given(tmp_path):
    f = tmp_path / "a.jsonl"
    f.write_text('{"text": "Zonder datum."}\n', encoding="utf-8")
    assert problems(read_paths([f]))
    [art] = articles(read_paths([f], default_date=parse_dct("2019-04")))
    assert art.dct.value == "2019-04"


def test_missing_file(tmp_path):
    [p] = problems(read_paths([tmp_path / "nope.jsonl"]))
    assert "no such file" in p.reason


@pytest.mark.parametrize("header", ["date", "DATE", " date"])
def test_seed_header_variants(tmp_path, header):
    f = tmp_path / "x.txt"
    f.write_text(f"{header} 2019-03-29 Tekst.", encoding="utf-8")
    [art] = articles(read_paths([f]))
    assert art.dct.value == "2019-03-29"


UNCLOSED = {
    # the open quote runs into the next rows, which then have too many fields
    "middle column": ('datetime,title,content,category,url\n'
                      '2019-03-22,T5,"Ongesloten quote,x,http://x/5\n'
                      '2019-03-20,T6,Gisteren brand in Delft.,n,u\n'
                      '2019-03-20,T7,"Een tekst over\ntwee regels, van gisteren.",n,u\n',
                      ["T6", "T7"], "quote opened on line 2"),
    # the open quote ends the row's last field, so the swallowed rows kept the column count
    "last column": ('date,title,text\n2019-03-02,Kapot,"niet afgesloten quote\n'
                    '2019-03-03,Twee,De tweede tekst over iets anders.\n'
                    '2019-03-04,Drie,De derde tekst over weer iets anders.\n',
                    ["Twee", "Drie"], "quote opened on line 2 is never closed"),
}


@pytest.mark.parametrize("case", UNCLOSED)
def test_csv_unclosed_quote_costs_one_row_only(tmp_path, case):
    text, titles, reason = UNCLOSED[case]
    f = tmp_path / "q.csv"
    f.write_text(text, encoding="utf-8")
    items = list(read_paths([f]))
    assert [a.title for a in articles(items)] == titles
    [bad] = problems(items)
    assert bad.where == "line 2" and reason in bad.reason


def test_csv_bad_bytes_cost_their_row_only(tmp_path):
    f = tmp_path / "l.csv"
    f.write_bytes(b"datetime,title,content\n2019-03-20,T1,caf\xe9 dicht.\n2019-03-20,T2,Gisteren open.\n")
    items = list(read_paths([f]))
    assert [a.title for a in articles(items)] == ["T2"]
    [bad] = problems(items)
    assert bad.where == "line 2" and "UTF-8" in bad.reason


def test_jsonl_lone_surrogate_text_without_words_and_too_long(tmp_path):
    f = tmp_path / "s.jsonl"
    rows = [{"id": "s1", "text": "\ud800 Gisteren regende het.", "date": "2019-03-20"},
            {"id": "s2", "text": "...!!!", "date": "2019-03-20"},
            {"id": "s3", "text": "a" * 1_000_001, "date": "2019-03-20"},
            {"id": "s4", "text": "Gisteren regende het.", "date": "2019-03-20"}]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    items = list(read_paths([f]))
    assert [a.ext_id for a in articles(items)] == ["s4"]
    reasons = {p.where: p.reason for p in problems(items)}
    assert "not valid Unicode" in reasons["line 1"]
    assert "empty text" in reasons["line 2"]
    assert "too long" in reasons["line 3"]


def test_csv_with_semicolons_and_csv_without_a_text_column(tmp_path):
    semi = tmp_path / "s.csv"
    semi.write_text("datetime;title;content\n2019-03-20;T1;Gisteren regende het, zei hij.\n", encoding="utf-8")
    [art] = articles(read_paths([semi]))
    assert art.title == "T1" and art.text == "Gisteren regende het, zei hij."
    bare = tmp_path / "b.csv"
    bare.write_text("datetime,title\n2019-03-20,T1\n2019-03-20,T2\n", encoding="utf-8")
    items = list(read_paths([bare]))
    [bad] = problems(items)  # one message for the header, not one per row
    assert not articles(items) and bad.where == "line 1" and "no text column" in bad.reason


def test_json_file_with_an_array_of_records(tmp_path):
    from kroniek.io import count_records

    f = tmp_path / "export.json"
    f.write_text('[{"id": "j1", "text": "Gisteren sprak May.", "date": "2019-03-02"},\n'
                 ' {"id": "j2", "date": "2019-03-03"},\n'
                 ' {"id": "j3", "text": "Vandaag stemt het Lagerhuis.", "date": "2019-03-04"}]', encoding="utf-8")
    items = list(read_paths([f]))
    assert [a.ext_id for a in articles(items)] == ["j1", "j3"]
    [bad] = problems(items)
    assert bad.where == "record 2" and str(f) in str(bad)
    assert count_records([f]) == 3


def test_json_file_holding_json_lines_or_one_object(tmp_path):
    lines = tmp_path / "lines.json"
    lines.write_text('{"id": "l1", "text": "Een.", "date": "2019-03-02"}\n'
                     '{"id": "l2", "text": "Twee.", "date": "2019-03-03"}\n', encoding="utf-8")
    one = tmp_path / "one.json"
    one.write_text('{"id": "o1", "text": "Drie.", "date": "2019-03-04"}', encoding="utf-8")
    assert [a.ext_id for a in articles(read_paths([lines, one]))] == ["l1", "l2", "o1"]


def test_a_file_that_is_no_json_lines_at_all_is_given_up_early(tmp_path):
    f = tmp_path / "photo.jsonl"
    f.write_bytes(bytes(range(256)) * 40 + b"\n".join(b"\xff\xfe garbage %d" % n for n in range(200)))
    good = tmp_path / "good.jsonl"
    good.write_text('{"id": "g1", "text": "Gisteren sprak May.", "date": "2019-03-02"}\n', encoding="utf-8")
    items = list(read_paths([f, good]))
    bad = problems(items)
    assert len(bad) == 21 and "does not look like JSON Lines" in bad[-1].reason
    assert [a.ext_id for a in articles(items)] == ["g1"]  # the rest goes on
