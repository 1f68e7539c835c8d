"""The temporal tagger: text + DCT → TIMEX3 expressions with intervals.

Usage::

    >>> from kroniek import tag
    >>> [t.value for t in tag("Twee weken geleden trad hij af.", "2019-03-20", "nl")]
    ['2019-03-06']

News mode anchors deictic expressions ("gisteren", "twee weken geleden") on
the DCT; narrative expressions ("een dag later", "die avond") on the last
mentioned time of a month or finer, or, for a unit at least as coarse
("that year" after "in 1988"), on a coarser time mentioned after it. A
comparison with the same period earlier ("a year earlier" after "the third quarter") anchors on the last
mentioned month, quarter, year or longer period and keeps that unit
(partial ``anchor: period``); without one it falls back to the DCT. A
duration that names a stretch of a unit ("the first nine months" of the
year, partial ``period``) makes the anchor's unit the period. Open
fields ("in september") are filled by the sentence's tense (or, when the
language data says ``tense: {scope: nearest}``, by the tense of the
tense-marking word nearest the expression): past → the latest one not
after the anchor, future → the next one, present → the nearest; with no
tense information news text prefers the past.
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime, tzinfo
from functools import lru_cache

from ..model import Timex
from .calendar import Granularity, Interval, start_of, unit_interval
from .dct import DCT, parse_dct
from .engine import Engine, Item
from .lexicon import load_lexicon
from .partial import Partial
from .resolve import Resolved, granularity, resolve
from .rules import cached_rules
from .tense import guess_tense, nearest_tense, sentence_spans, tense_marks, uses_nearest

_TENSE_DIRECTION = {"past": "past", "future": "future", "present": "nearest", "conditional": "nearest"}


@dataclass
class SentenceInfo:
    """A sentence span with its tense, as a parser found it (optional input)."""

    start: int
    end: int
    tense: str | None


class Tagger:
    """A rule-based TIMEX3 tagger for one language.

    Args:
        lang: ``nl``, ``en`` or a regional layer such as ``nl-BE``.

    Raises:
        RuleDataError: when the language data is missing or malformed.
    """

    def __init__(self, lang: str):
        self.lang = lang
        self.lexicon = load_lexicon(lang)
        self.engine = Engine(self.lexicon, cached_rules(lang))

    def tag(self, text: str, dct: DCT | str | date | datetime, *,
            sentences: list[SentenceInfo] | None = None, tz: tzinfo | None = None) -> list[Timex]:
        """Find and normalise the time expressions of ``text``.

        Args:
            text: the document text.
            dct: the document creation time (any granularity).
            sentences: sentence spans with tense from a parser; when None the
                tense is guessed from word lists.
            tz: time zone for a DCT given without one (default UTC).

        Returns:
            Timexes in text order, with half-open character offsets.

        Raises:
            DateError: when ``dct`` is given as an unparseable string.
        """
        if not isinstance(dct, DCT):
            dct = parse_dct(dct, tz)
        doc, items = self.engine.run(text)
        tenses = self._tenses(doc, sentences)
        near = self._nearest_tenses(doc, items) if sentences is None and uses_nearest(self.lexicon) else None
        out: list[Timex] = []
        context: tuple[str, Interval] | None = None
        coarse: tuple[str, Interval] | None = None  # a later mention coarser than a month
        period: tuple[str, Interval] | None = None
        for n, item in enumerate(items, start=1):
            start, end = doc.starts[item.i], doc.ends[item.j - 1]
            tense = near[n - 1] if near is not None else _tense_at(tenses, start)
            anchor_id, anchor = "dct", dct.interval
            partial = item.partial
            if (partial.anchor == "context" and coarse is not None
                    and granularity(partial) >= coarse[1].granularity):
                anchor_id, anchor = coarse
            elif partial.anchor == "context" and context is not None:
                anchor_id, anchor = context
            elif partial.anchor == "period" and period is not None:
                anchor_id, anchor = period
                partial = replace(partial, granularity=anchor.granularity.name)
            direction = _TENSE_DIRECTION.get(tense or "", "unknown")
            try:
                res = resolve(partial, anchor, direction)
            except (ValueError, OverflowError, KeyError):
                continue  # fields that name no calendar date (31 June)
            timex = _timex(f"t{n}", text, start, end, item, res, anchor_id, dct, tense)
            if timex.begin is not None:
                _name_ends(doc, item, timex)
            out.append(timex)
            if (res.interval is not None and res.exact and partial.type in ("DATE", "TIME")
                    and res.interval.granularity <= Granularity.MONTH and not partial.ref):
                context, coarse = (timex.tid, res.interval), None
            elif (res.interval is not None and res.exact and partial.type == "DATE" and not partial.ref
                    and not partial.is_range):
                coarse = (timex.tid, res.interval)
            if (res.interval is not None and res.exact and partial.type == "DATE" and not partial.ref
                    and not partial.is_range and partial.anchor != "period"
                    and res.interval.granularity >= Granularity.MONTH):
                period = (timex.tid, res.interval)
            elif partial.period and partial.type == "DURATION":
                unit = Granularity[partial.period]
                period = (timex.tid, unit_interval(start_of(anchor.start, unit), unit))
        return out

    def _nearest_tenses(self, doc, items: list[Item]) -> list[str | None]:
        """Per item, the tense of the tense-marking word nearest to it in its sentence."""
        bounds = []  # (first token, end token) per sentence
        k = 0
        for _, end in sentence_spans(doc.text):
            first = k
            while k < len(doc.tokens) and doc.starts[k] < end:
                k += 1
            bounds.append((first, k))
        marks: dict[int, list] = {}
        out = []
        s = 0
        for item in items:
            while s < len(bounds) - 1 and bounds[s][1] <= item.i:
                s += 1
            if not bounds:
                out.append(None)
                continue
            first, last = bounds[s]
            if s not in marks:
                marks[s] = tense_marks(doc.tokens[first:last], self.lexicon)
            out.append(nearest_tense(marks[s], item.i - first, item.j - first))
        return out

    def _tenses(self, doc, sentences: list[SentenceInfo] | None) -> list[tuple[int, int, str | None]]:
        if sentences is not None:
            return [(s.start, s.end, s.tense) for s in sentences]
        out = []
        k = 0
        for start, end in sentence_spans(doc.text):
            words = []
            while k < len(doc.tokens) and doc.starts[k] < end:
                if doc.starts[k] >= start:
                    words.append(doc.tokens[k])
                k += 1
            out.append((start, end, guess_tense(words, self.lexicon)))
        return out


def _tense_at(tenses: list[tuple[int, int, str | None]], offset: int) -> str | None:
    for start, end, tense in tenses:
        if start <= offset < end:
            return tense
    return None


def _needs_anchor(p: Partial) -> bool:
    if p.is_range:
        return _needs_anchor(p.begin) or _needs_anchor(p.end)
    if p.ref or p.shift or (p.type == "DURATION" and p.anchored):
        return True
    if p.type in ("DURATION", "SET"):
        return False
    return p.year is None and p.decade is None and p.century is None


def _timex(tid: str, text: str, start: int, end: int, item: Item, res: Resolved,
           anchor_id: str, dct: DCT, tense: str | None) -> Timex:
    p = item.partial
    anchored = _needs_anchor(p)
    confidence = p.confidence * (1.0 if res.exact else 0.75)
    if anchored and res.direction and not p.direction and not p.shift and tense is None:
        confidence *= 0.85
    timex = Timex(start=start, end=end, text=text[start:end], tid=tid, type=p.type,
                  value=res.value, mod=p.mod, interval=res.interval,
                  anchor=anchor_id if anchored else None, rule=item.rule.id,
                  confidence=round(min(max(confidence, 0.0), 1.0), 3), exact=res.exact,
                  quant=p.quant, freq=p.freq)
    if res.begin and res.end:
        timex.begin = Timex(start, start, "", f"{tid}b", res.begin.interval and _kind(p.begin) or "DATE",
                            res.begin.value, interval=res.begin.interval, anchor=timex.anchor, rule=timex.rule)
        timex.end_point = Timex(end, end, "", f"{tid}e", _kind(p.end), res.end.value,
                                interval=res.end.interval, anchor=timex.anchor, rule=timex.rule)
        timex.type = "DURATION"
    timex.reason = _explain(timex, p, res, anchor_id, dct, tense)
    return timex


def _name_ends(doc, item: Item, timex: Timex) -> None:
    """Give a range's ends the text spans of the results they came from.

    "from [1985] to [1987]": each end keeps its own half-open span and text
    when an earlier rule matched it; an end built from bare fields ("March
    [3-12]") keeps the empty span at the range's edge.
    """
    for end, part in ((timex.begin, item.partial.begin), (timex.end_point, item.partial.end)):
        best = None
        for i in range(item.i, item.j):
            for entry in doc.chart.get(i, ()):  # (end index, type, partial, rule id)
                j, partial = entry[0], entry[2]
                if partial is part and j <= item.j and (best is None or j - i < best[1] - best[0]):
                    best = (i, j)
        if best is not None:
            end.start, end.end = doc.starts[best[0]], doc.ends[best[1] - 1]
            end.text = doc.text[end.start:end.end]


def _kind(p: Partial) -> str:
    return "TIME" if p.type == "TIME" else "DATE"


def _explain(t: Timex, p: Partial, res: Resolved, anchor_id: str, dct: DCT, tense: str | None) -> str:
    """Say in one sentence how the value was chosen."""
    parts = [f"rule {t.rule}"]
    anchor_text = (f"the DCT {dct.value} (known to the {dct.granularity.label})"
                   if anchor_id == "dct" else f"the last mentioned time {anchor_id}")
    if p.ref:
        parts.append(f"a vague reference, {p.ref}")
    elif t.begin is not None:
        parts.append(f"a range from {t.begin.value} to {t.end_point.value}")
    elif p.type == "SET":
        parts.append("a recurring time")
    elif p.type == "DURATION" and not p.anchored:
        parts.append("a length of time, not anchored")
    elif p.shift:
        moved = ", ".join(f"{n:+g} {u}" for u, n in p.shift.items())
        parts.append(f"moved {moved} from {anchor_text}")
    elif t.anchor:
        how = p.direction or ({"past": "past tense", "future": "future tense",
                               "present": "present tense"}.get(tense or "", "no tense found: news prefers the past unless the"
                                                           " next one is months nearer"))
        parts.append(f"open fields filled from {anchor_text}; direction: {res.direction} ({how})")
    else:
        parts.append("fully stated, no anchor needed")
    if p.mod:
        parts.append(f"mod {p.mod}")
    if t.interval is not None:
        span = f"[{t.interval.start.date().isoformat()}, {t.interval.end.date().isoformat()})" \
            if t.interval.granularity >= Granularity.DAY else f"[{t.interval.start.isoformat()}, {t.interval.end.isoformat()})"
        parts.append(("exactly " if res.exact else "somewhere in ") + span)
    return "; ".join(parts)


@lru_cache(maxsize=8)
def get_tagger(lang: str) -> Tagger:
    """A shared :class:`Tagger` per language (rules compile once per process)."""
    return Tagger(lang)


def tag(text: str, dct: DCT | str | date | datetime, lang: str = "nl", **kwargs) -> list[Timex]:
    """Tag ``text`` with TIMEX3 expressions (TimeML 1.2.1 / ISO-TimeML values); see :meth:`Tagger.tag`.

    Args:
        text: the document text.
        dct: publication date: ``"2017-03"``, ``"2019-03-29"``, an ISO
            date-time, a date/datetime, or a :class:`DCT`.
        lang: ``nl``, ``en`` or ``nl-BE``.
        **kwargs: passed to :meth:`Tagger.tag`: ``sentences`` (sentence
            spans with their tense from a parser such as Frog; without them
            the tense is guessed from the language's word lists, and an
            expression without a tense prefers the past unless the next
            date is months nearer) and ``tz`` (time zone of a DCT given
            without one; default UTC).

    Returns:
        A list of :class:`~kroniek.model.Timex` in text order: ``start``,
        ``end`` (half-open character offsets), ``type``, ``value``,
        ``mod``, ``interval`` (``[start, end)`` datetimes, timezone-aware;
        None for durations and sets), ``anchor``, ``rule``, ``reason``,
        ``confidence`` in [0, 1].

    Raises:
        DateError: ``dct`` cannot be parsed.
        RuleDataError: the language's data is missing or malformed (an
            unknown ``lang`` included).
    """
    return get_tagger(lang).tag(text, dct, **kwargs)
