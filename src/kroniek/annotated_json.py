"""An annotated article as JSON and back, exactly (what ``kroniek spark-ingest`` moves between its steps).

The shape: ``{"article": {text, dct: {value, text, start, end, granularity},
ext_id, title, url, source, lang, origin, lines}, "lang", "sentences":
[{start, end, kind, paragraph, tense, tokens}], "timexes": [{...TIMEX3
fields, interval, begin, end_point}], "mentions": [...], "events": [...],
"mention_sentence": [...], "signature": base64}``. Times are ISO 8601
with their offsets; offsets are half-open character offsets into the text.
"""
from __future__ import annotations

import base64
import json
from dataclasses import asdict, fields
from datetime import datetime
from typing import Any

from .model import Annotated, Article, Event, Mention, Sentence, Timex
from .temporal.calendar import Granularity, Interval
from .temporal.dct import DCT


def _interval(i: Interval | None) -> dict | None:
    return None if i is None else {"start": i.start.isoformat(), "end": i.end.isoformat(),
                                   "granularity": i.granularity.name}


def _from_interval(d: dict | None) -> Interval | None:
    if d is None:
        return None
    return Interval(datetime.fromisoformat(d["start"]), datetime.fromisoformat(d["end"]), Granularity[d["granularity"]])


def _moment(m: datetime | None) -> str | None:
    return None if m is None else m.isoformat()


def _from_moment(s: str | None) -> datetime | None:
    return None if s is None else datetime.fromisoformat(s)


def _timex(t: Timex | None) -> dict | None:
    if t is None:
        return None
    out = {f.name: getattr(t, f.name) for f in fields(Timex) if f.name not in ("interval", "begin", "end_point")}
    out["interval"] = _interval(t.interval)
    out["begin"], out["end_point"] = _timex(t.begin), _timex(t.end_point)
    return out


def _from_timex(d: dict | None) -> Timex | None:
    if d is None:
        return None
    d = dict(d)
    d["interval"] = _from_interval(d["interval"])
    d["begin"], d["end_point"] = _from_timex(d["begin"]), _from_timex(d["end_point"])
    return Timex(**d)


def _event(e: Event) -> dict:
    out = {f.name: getattr(e, f.name) for f in fields(Event) if f.name not in ("reference", "start", "end")}
    out["reference"] = _interval(e.reference)
    out["start"], out["end"] = _moment(e.start), _moment(e.end)
    out["roles"] = [list(r) for r in e.roles]
    return out


def _from_event(d: dict) -> Event:
    d = dict(d)
    d["reference"] = _from_interval(d["reference"])
    d["start"], d["end"] = _from_moment(d["start"]), _from_moment(d["end"])
    d["roles"] = [tuple(r) for r in d["roles"]]
    return Event(**d)


def to_json(a: Annotated) -> str:
    """An :class:`~kroniek.model.Annotated` article as a JSON string."""
    art = a.article
    article = {"text": art.text, "dct": {"value": art.dct.value, "text": art.dct.text,
                                         **_interval(art.dct.interval)},
               "ext_id": art.ext_id, "title": art.title, "url": art.url, "source": art.source, "lang": art.lang,
               "origin": art.origin, "intertitles": [list(x) for x in art.intertitles], "lines": art.lines}
    return json.dumps({
        "article": article, "lang": a.lang,
        "sentences": [{**asdict(s), "tokens": [list(t) for t in s.tokens]} for s in a.sentences],
        "timexes": [_timex(t) for t in a.timexes], "mentions": [asdict(m) for m in a.mentions],
        "events": [_event(e) for e in a.events], "mention_sentence": list(a.mention_sentence),
        "signature": base64.b64encode(a.signature).decode("ascii") if a.signature is not None else None,
    }, ensure_ascii=False)


def from_json(text: str) -> Annotated:
    """The :class:`~kroniek.model.Annotated` article of :func:`to_json`."""
    d: dict[str, Any] = json.loads(text)
    a = d["article"]
    dct = DCT(a["dct"]["value"], _from_interval(a["dct"]), a["dct"]["text"])
    article = Article(text=a["text"], dct=dct, ext_id=a["ext_id"], title=a["title"], url=a["url"], source=a["source"],
                      lang=a["lang"], origin=a["origin"], intertitles=[tuple(x) for x in a["intertitles"]],
                      lines=a.get("lines", False))
    sentences = [Sentence(**{**s, "tokens": [tuple(t) for t in s["tokens"]]}) for s in d["sentences"]]
    return Annotated(article, d["lang"], sentences, [_from_timex(t) for t in d["timexes"]],
                     [Mention(**m) for m in d["mentions"]], [_from_event(e) for e in d["events"]],
                     list(d["mention_sentence"]),
                     base64.b64decode(d["signature"]) if d["signature"] is not None else None)
