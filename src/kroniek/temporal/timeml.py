"""TimeML documents: reading TempEval-3 gold files and writing our TIMEX3 tags.

The format is TimeML 1.2.1 as the TempEval-3 corpora (TimeBank, AQUAINT,
the platinum test set) use it::

    <TimeML>
    <DOCID>APW19980807.0261</DOCID>
    <DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">...</TIMEX3></DCT>
    <TEXT>... <TIMEX3 tid="t1" type="DATE" value="1998-08-06">Thursday</TIMEX3> ...</TEXT>
    </TimeML>

The document text is the character data inside ``<TEXT>`` with every tag
(EVENT, SIGNAL, TIMEX3) removed and XML entities unescaped; offsets are
half-open ``[start, end)`` into that text.

A range is written the way TimeML annotates one: each end that the text
names ("from [1985] to [1987]") becomes its own DATE or TIME TIMEX3, and the
range itself a non-consuming DURATION TIMEX3 with ``beginPoint`` and
``endPoint`` (TimeML 1.2.1, section 2.2.1).
"""
from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..model import Timex

TIMEML_SCHEMA = "http://timeml.org/timeMLdocs/TimeML_1.2.1.xsd"
_XSI = "http://www.w3.org/2001/XMLSchema-instance"


@dataclass
class TimeMLTimex:
    """One TIMEX3 as a TimeML file states it.

    Attributes:
        start, end: half-open character offsets into the document text
            (``start == end`` for a non-consuming tag).
        text: the characters it covers.
        tid: its TimeML id (``t12``).
        type: DATE, TIME, DURATION or SET.
        value: the TIMEX3 value as written.
        mod: the TIMEX3 mod, or None.
        attrs: every attribute of the tag, as written.
    """

    start: int
    end: int
    text: str
    tid: str
    type: str
    value: str
    mod: str | None = None
    attrs: dict[str, str] = field(default_factory=dict)


@dataclass
class TimeMLDocument:
    """A TimeML document: its text, creation time and TIMEX3 annotations.

    Attributes:
        text: the text inside ``<TEXT>``, tags removed.
        dct: the TIMEX3 value of the document creation time, or None.
        docid: the ``<DOCID>``, else the file name without extension.
        timexes: the TIMEX3 tags inside ``<TEXT>``, in text order.
        path: the file it was read from (empty for strings).
    """

    text: str
    dct: str | None
    docid: str
    timexes: list[TimeMLTimex] = field(default_factory=list)
    path: str = ""


def parse_timeml(xml: str | bytes, name: str = "<string>") -> TimeMLDocument:
    """Parse one TimeML document.

    Args:
        xml: the document (str or UTF-8 bytes).
        name: a file name for messages and the fallback DOCID.

    Returns:
        A :class:`TimeMLDocument`.

    Raises:
        InputError: when the XML is malformed (naming line and column) or
            there is no ``<TEXT>`` element.
    """
    try:
        root = ET.fromstring(xml)
    except ET.ParseError as exc:
        line, col = exc.position
        raise InputError(name, f"line {line}", f"malformed XML at column {col + 1}: "
                         f"{str(exc).split(':')[0]}") from None
    text_el = root if root.tag == "TEXT" else root.find(".//TEXT")
    if text_el is None:
        raise InputError(name, "", "no <TEXT> element: not a TimeML document")
    parts: list[str] = []
    timexes: list[TimeMLTimex] = []
    _walk(text_el, parts, timexes, [0])
    text = "".join(parts)
    for t in timexes:
        t.text = text[t.start:t.end]
    docid_el = root.find(".//DOCID")
    docid = (docid_el.text or "").strip() if docid_el is not None else ""
    if not docid:
        docid = Path(name).name.removesuffix(".tml").removesuffix(".xml") if name != "<string>" else ""
    return TimeMLDocument(text=text, dct=_dct(root), docid=docid, timexes=timexes,
                          path="" if name == "<string>" else name)


def read_timeml(path: str | Path) -> TimeMLDocument:
    """Read a TimeML file (see :func:`parse_timeml`).

    Raises:
        InputError: when the file cannot be read or is not TimeML.
    """
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise InputError(str(path), "", f"cannot read: {exc.strerror or exc}") from None
    return parse_timeml(data, str(path))


def _walk(el: ET.Element, parts: list[str], timexes: list[TimeMLTimex], pos: list[int]) -> None:
    """Collect the text under ``el`` and the offsets of its TIMEX3 descendants."""
    def add(s: str | None) -> None:
        if s:
            parts.append(s)
            pos[0] += len(s)

    add(el.text)
    for child in el:
        start = pos[0]
        _walk(child, parts, timexes, pos)
        if child.tag == "TIMEX3":
            a = dict(child.attrib)
            timexes.append(TimeMLTimex(start, pos[0], "", a.get("tid", ""), a.get("type", ""),
                                       a.get("value", ""), a.get("mod"), a))
        add(child.tail)


def _dct(root: ET.Element) -> str | None:
    for el in root.iter("TIMEX3"):
        if el.get("functionInDocument") == "CREATION_TIME" and el.get("value"):
            return el.get("value")
    return None


def has_named_ends(t: Timex) -> bool:
    """True for a range whose two ends have their own, separate text spans."""
    b, e = t.begin, t.end_point
    return (b is not None and e is not None and b.end > b.start and e.end > e.start
            and b.end <= e.start)


def timeml_tags(timexes: list[Timex]) -> list[tuple[int, int, dict[str, str]]]:
    """The TIMEX3 tags to write for our timexes: ``(start, end, attributes)``.

    Ranges are split as TimeML annotates them: each end that has its own
    text span becomes a DATE/TIME tag, and the range a non-consuming
    DURATION (``start == end``) with ``beginPoint``/``endPoint``; a range
    whose ends cannot be told apart in the text stays one DURATION tag.
    Tags are numbered ``t1``, ``t2`` ... in text order; ``t0`` is the DCT.
    """
    entries: list[tuple[int, int, Timex, str]] = []  # (start, end, timex, role)
    for t in timexes:
        b, e = t.begin, t.end_point
        if has_named_ends(t):
            entries += [(b.start, b.end, b, "point"), (e.start, e.end, e, "point"), (t.end, t.end, t, "range")]
        else:
            entries.append((t.start, t.end, t, "single"))
    entries.sort(key=lambda x: (x[0], x[1], x[3] == "range"))
    ids: dict[int, str] = {}
    names: dict[str, str] = {}
    for n, (_, _, t, _) in enumerate(entries, start=1):
        ids[id(t)] = f"t{n}"
        if t.tid:
            names.setdefault(t.tid, f"t{n}")
    out = []
    for start, end, t, role in entries:
        attrs = {"tid": ids[id(t)], "type": t.type, "value": t.value}
        if t.mod:
            attrs["mod"] = t.mod
        if t.quant:
            attrs["quant"] = t.quant
        if t.freq:
            attrs["freq"] = t.freq
        attrs["temporalFunction"] = "true" if t.anchor else "false"
        attrs["functionInDocument"] = "NONE"
        if t.anchor:
            attrs["anchorTimeID"] = "t0" if t.anchor == "dct" else names.get(t.anchor, t.anchor)
        if role == "range":
            attrs["type"] = "DURATION"
            attrs["beginPoint"] = ids[id(t.begin)]
            attrs["endPoint"] = ids[id(t.end_point)]
        out.append((start, end, attrs))
    return out


def write_timeml(text: str, timexes: list[Timex], dct: str | None = None, docid: str | None = None) -> str:
    """Write ``text`` with our TIMEX3 tags as a TimeML 1.2.1 document.

    Args:
        text: the document text; written unchanged (XML-escaped).
        timexes: tagger output with half-open offsets into ``text``; they
            must not overlap.
        dct: the TIMEX3 value of the creation time, written as ``t0``.
        docid: written as ``<DOCID>`` when given.

    Returns:
        The XML document as a string; reading it back with
        :func:`parse_timeml` gives the same text and spans. The text must
        consist of characters XML 1.0 allows (no control characters other
        than tab, line feed and carriage return).
    """
    root = ET.Element("TimeML", {"xmlns:xsi": _XSI, "xsi:noNamespaceSchemaLocation": TIMEML_SCHEMA})
    root.text = "\n"
    if docid:
        ET.SubElement(root, "DOCID").text = docid
        root[-1].tail = "\n"
    if dct:
        dct_el = ET.SubElement(root, "DCT")
        ET.SubElement(dct_el, "TIMEX3", {"tid": "t0", "type": "TIME" if "T" in dct else "DATE", "value": dct,
                                         "temporalFunction": "false",
                                         "functionInDocument": "CREATION_TIME"}).text = dct
        dct_el.tail = "\n"
    text_el = ET.SubElement(root, "TEXT")
    text_el.tail = "\n"
    pos = 0
    last: ET.Element | None = None

    def put(s: str) -> None:
        if not s:
            return
        if last is None:
            text_el.text = (text_el.text or "") + s
        else:
            last.tail = (last.tail or "") + s

    for start, end, attrs in timeml_tags(timexes):
        if start < pos:
            continue  # overlapping input: keep the first
        put(text[pos:start])
        last = ET.SubElement(text_el, "TIMEX3", attrs)
        if end > start:
            last.text = text[start:end]
        pos = end
    put(text[pos:])
    # A carriage return would come back as a line feed (XML end-of-line handling).
    body = ET.tostring(root, encoding="unicode", short_empty_elements=True).replace("\r", "&#13;")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n"
