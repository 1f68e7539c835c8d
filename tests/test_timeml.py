"""TimeML documents: reading TempEval-3 gold files, writing our tags, and back again."""
import pytest

from kroniek import tag
from kroniek.errors import InputError
from kroniek.temporal.timeml import parse_timeml, read_timeml, timeml_tags, write_timeml

from .conftest import DATA, need

TBAQ = DATA / "timeml" / "tempeval3-tbaq"

SMALL = """<?xml version="1.0" ?>
<TimeML xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<DOCID>TEST.0001</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" temporalFunction="false" functionInDocument="CREATION_TIME">19980807</TIMEX3></DCT>
<TEXT>
Profits &amp; losses <EVENT eid="e1" class="OCCURRENCE">fell</EVENT> <SIGNAL sid="s1">on</SIGNAL> <TIMEX3 tid="t1" type="DATE" value="1998-08-06" temporalFunction="true" anchorTimeID="t0">Thursday</TIMEX3>, after <TIMEX3 tid="t2" type="DURATION" value="P3Y" mod="MORE_THAN">more than three years</TIMEX3> of growth.
</TEXT>
</TimeML>
"""


def test_reader_gives_text_dct_and_half_open_offsets():
    doc = parse_timeml(SMALL, "small.tml")
    assert doc.docid == "TEST.0001"
    assert doc.dct == "1998-08-07"
    assert doc.text == ("\nProfits & losses fell on Thursday, after more than three years of growth.\n")
    assert [(t.tid, t.type, t.value, t.mod) for t in doc.timexes] == [
        ("t1", "DATE", "1998-08-06", None), ("t2", "DURATION", "P3Y", "MORE_THAN")]
    for t in doc.timexes:
        assert doc.text[t.start:t.end] == t.text
    assert doc.timexes[0].text == "Thursday"
    assert doc.timexes[1].text == "more than three years"
    assert doc.timexes[0].attrs["anchorTimeID"] == "t0"


def test_reader_names_file_and_line_of_malformed_xml():
    broken = SMALL.replace("</EVENT>", "</EVENTS>")
    with pytest.raises(InputError) as err:
        parse_timeml(broken, "broken.tml")
    assert err.value.path == "broken.tml"
    assert err.value.where == "line 6"
    assert "malformed XML" in err.value.reason


def test_reader_rejects_a_document_without_text():
    with pytest.raises(InputError, match="no <TEXT> element"):
        parse_timeml("<TimeML><DOCID>x</DOCID></TimeML>", "x.tml")


def test_reader_names_a_missing_file(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        read_timeml(tmp_path / "nothing.tml")


def test_writer_round_trip_keeps_text_spans_and_attributes():
    text = "Sales rose 5% in the third quarter <from> last year & will grow next year.\r\nDone."
    found = tag(text, "1989-11-02", "en")
    assert [t.text for t in found] == ["the third quarter", "last year", "next year"]
    xml = write_timeml(text, found, dct="1989-11-02", docid="wsj_test")
    back = parse_timeml(xml)
    assert back.text == text
    assert back.dct == "1989-11-02"
    assert back.docid == "wsj_test"
    assert [(t.start, t.end, t.type, t.value) for t in back.timexes] == [
        (t.start, t.end, t.type, t.value) for t in found]
    assert [t.attrs["tid"] for t in back.timexes] == ["t1", "t2", "t3"]
    assert all(t.attrs["anchorTimeID"] == "t0" for t in back.timexes)


def test_writer_splits_a_range_into_its_ends_and_a_duration():
    text = "Shares were bought from Aug. 26 to Oct. 20, the filing said."
    found = tag(text, "1989-10-30", "en")
    assert len(found) == 1 and found[0].value == "P56D"
    back = parse_timeml(write_timeml(text, found, dct="1989-10-30"))
    begin, end, whole = back.timexes
    assert (begin.text, begin.type, begin.value) == ("Aug. 26", "DATE", "1989-08-26")
    assert (end.text, end.type, end.value) == ("Oct. 20", "DATE", "1989-10-20")
    assert (whole.type, whole.value, whole.start, whole.end) == ("DURATION", "P56D", end.end, end.end)
    assert whole.attrs["beginPoint"] == begin.tid and whole.attrs["endPoint"] == end.tid
    assert [t[:2] for t in timeml_tags(found)] == [(24, 31), (35, 42), (42, 42)]


def test_writer_without_dct_or_docid_and_empty_text():
    back = parse_timeml(write_timeml("", []))
    assert back.text == "" and back.dct is None and back.timexes == []


def test_real_tempeval_document_round_trips():
    path = need(TBAQ / "TimeBank" / "wsj_0006.tml")
    gold = read_timeml(path)
    assert gold.dct == "1989-11-02"
    assert [(t.text, t.value) for t in gold.timexes] == [("year-end", "1989-12-31")]
    found = tag(gold.text, gold.dct, "en")
    back = parse_timeml(write_timeml(gold.text, found, dct=gold.dct, docid=gold.docid))
    assert back.text == gold.text
    assert [(t.start, t.end, t.value) for t in back.timexes] == [(t.start, t.end, t.value) for t in found]
