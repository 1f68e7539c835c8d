"""Timeline summaries: the L dates that mattered most about a query, with K sentences each.

Dates are days. A day's importance comes from the evidence about it:

* references: the independent sources (syndication groups) whose merged
  events are dated to that day by a time expression of their own, a
  reference made long after the day counting more (LATER_WEIGHT: the day
  an explosion happened is still named weeks later, a day of routine news
  is not);
* publications: the independent sources published that day that tell of
  the query (or of anything, without one);
* the salience of its merged events (their sources and entity centrality).

Its score is ``references + PUBLICATION_WEIGHT * publications +
SALIENCE_WEIGHT * max salience``; the weights were set on the Timeline17
development topics (see the README's figures). The L best days (within the range asked)
are kept, in date order. A day's sentences are the sentences of its merged
events, best first: a sentence dated to the day itself before one that
only takes the day from its event, then those of the event told by the
most independent sources, then the most central (sharing the most content words with the
day's other candidates), a sentence that names the query ahead of one that
does not; a sentence too like one chosen already (half its words or more)
is left out.
"""
from __future__ import annotations

import math
import re
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any, Iterable

from ..temporal.lexicon import fold
from .query import Timeline, TimelineEntry

#: How much a day's publications count beside the days its events are dated to.
PUBLICATION_WEIGHT = 0.5
#: A reference made long after the day (a retrospective "since the 20 April explosion") counts
#: more than one made the next day: 1 + LATER_WEIGHT * log(1 + days later / 7).
LATER_WEIGHT = 0.5
#: How much the salience of a day's strongest merged event counts.
SALIENCE_WEIGHT = 0.25
#: Days this close (in days) to a better day already chosen are left for later: a timeline of
#: ten days should not spend three on one week's news.
MIN_GAP = 0
#: A sentence that shares this share of its words with a chosen one repeats it.
REPEAT_SHARE = 0.5
#: Sentences shorter (in words) than this say too little to summarise a day.
MIN_WORDS = 5
MAX_WORDS = 60
_WORD = re.compile(r"[^\W_]+")


@dataclass
class SummarySentence:
    """One sentence of a summary: its text, its article and the merged event it tells of."""

    text: str
    article: dict[str, Any]
    event: int
    sources: int

    def to_json(self) -> dict[str, Any]:
        return {"sentence": self.text, "article": self.article, "event": self.event, "independent_sources": self.sources}


@dataclass
class SummaryDate:
    """One day of a summary, with why it was chosen.

    Attributes:
        day: the date.
        score: its importance (see the module docstring).
        references, publications: independent sources dating an event to it, and published on it.
        sentences: what happened that day, best first.
    """

    day: date
    score: float
    references: int
    publications: int
    sentences: list[SummarySentence] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"date": self.day.isoformat(), "score": round(self.score, 3), "references": self.references,
                "publications": self.publications, "sentences": [s.to_json() for s in self.sentences]}


def _day(iso: str | None) -> date | None:
    return datetime.fromisoformat(iso).date() if iso else None


def day_of(e: TimelineEntry) -> date | None:
    """The day a merged event is dated to, when its agreed date is one day; else None."""
    if e.disagree or not e.start or not e.end:
        return None
    start, end = datetime.fromisoformat(e.start), datetime.fromisoformat(e.end)
    if end - start != timedelta(days=1):
        return None
    return start.date()


def _words(text: str) -> set[str]:
    return set(_WORD.findall(fold(text)))


def to_timelinejs(days: list[SummaryDate], title: str) -> str:
    """TimelineJS 3 JSON: one slide per day, its sentences as the text, their articles as sources."""
    import json

    events = []
    for s in days:
        d = s.day
        events.append({"start_date": {"year": str(d.year), "month": str(d.month), "day": str(d.day)},
                       "text": {"headline": s.sentences[0].text[:140] if s.sentences else d.isoformat(),
                                "text": "<br>".join(f"{x.text} ({x.article.get('title') or x.article['id']},"
                                                    f" {x.article['published']})" for x in s.sentences)},
                       "unique_id": f"day-{d.isoformat()}"})
    return json.dumps({"title": {"text": {"headline": title, "text": f"{len(events)} days"}}, "events": events},
                      ensure_ascii=False, indent=2)


def to_text(days: list[SummaryDate]) -> str:
    """Readable lines: each day with its score's parts and its sentences."""
    out = []
    for s in days:
        out.append(f"{s.day.isoformat()}  ({s.references} sources date events to it, {s.publications} published on it)")
        for x in s.sentences:
            out.append(f"  {x.text}")
            out.append(f"    — {x.article.get('title') or x.article['id']}, published {x.article['published']}")
        out.append("")
    return "\n".join(out)


def summarize(db: Any, query: str | None = None, *, entity: str | None = None, dates: int = 10,
              sentences: int = 1, start: str | None = None, end: str | None = None) -> list[SummaryDate]:
    """The ``dates`` most important days about ``query`` and/or ``entity`` (or about everything).

    Args:
        db: an archive (path, URL or :class:`~kroniek.store.Store`).
        query, entity: what the summary is about (as for :meth:`Timeline.entries`); neither:
            the whole archive.
        dates: how many days (L).
        sentences: sentences per day (K).
        start, end: only days in ``[start, end]`` (dates as ``YYYY[-MM[-DD]]``; ``end`` includes
            its whole unit).

    Returns:
        :class:`SummaryDate` objects in date order.

    Raises:
        UsageError: fewer than one date or sentence asked, or a bad range.
        DateError: an impossible start or end.
    """
    from ..errors import UsageError
    from .query import bound

    if dates < 1 or sentences < 1:
        raise UsageError("ask for at least one date and one sentence")
    lo, hi = bound(start, False), bound(end, True)
    tl = Timeline(db)
    if query or entity:
        entries: Iterable[TimelineEntry] = tl.entries(query, entity=entity, limit=None)
    else:
        entries = tl.every()
    query_words = _words(query or "") | _words(entity or "")
    by_day: dict[date, list[TimelineEntry]] = defaultdict(list)
    refs: dict[date, dict] = defaultdict(dict)
    pubs: dict[date, set] = defaultdict(set)
    for e in entries:
        for m in e.members:
            published = _day_published(m["article"]["published"])
            if published is not None:
                pubs[published].add(m["syndication_group"])
        d = day_of(e)
        if d is None:
            continue
        by_day[d].append(e)
        for m in e.members:
            if m["expression"] is not None:  # dated by a time expression of its own
                published = _day_published(m["article"]["published"])
                later = max(0, (published - d).days) if published else 0
                weight = 1 + LATER_WEIGHT * math.log1p(later / 7)
                group = m["syndication_group"]
                refs[d][group] = max(weight, refs[d].get(group, 0.0))
    lo_day = lo.date() if lo is not None else None
    hi_day = (hi - timedelta(microseconds=1)).date() if hi is not None else None
    scored = []
    for d in set(by_day) | set(pubs):
        if (lo_day and d < lo_day) or (hi_day and d > hi_day):
            continue
        salience = max((e.salience for e in by_day.get(d, ())), default=0.0)
        score = sum(refs.get(d, {}).values()) + PUBLICATION_WEIGHT * len(pubs.get(d, ())) + SALIENCE_WEIGHT * salience
        if by_day.get(d):
            scored.append(SummaryDate(d, score, len(refs.get(d, ())), len(pubs.get(d, ()))))
    chosen = _spread(sorted(scored, key=lambda s: (-s.score, s.day)), dates)
    for s in chosen:
        s.sentences = _sentences(by_day[s.day], sentences, query_words)
    return sorted(chosen, key=lambda s: s.day)


def _spread(ranked: list[SummaryDate], n: int) -> list[SummaryDate]:
    """The ``n`` best days, passing over a day within MIN_GAP days of a better one chosen
    (such days come back only when there are not ``n`` others)."""
    chosen, passed = [], []
    for s in ranked:
        if len(chosen) == n:
            break
        if any(abs((s.day - c.day).days) <= MIN_GAP for c in chosen):
            passed.append(s)
        else:
            chosen.append(s)
    return chosen + passed[:n - len(chosen)]


def _day_published(value: str) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if len(value) >= 10 else None
    except ValueError:
        return None


def _sentences(events: list[TimelineEntry], k: int, query_words: set[str]) -> list[SummarySentence]:
    candidates = []
    seen = set()
    for e in events:
        for m in e.members:
            text = " ".join(m["sentence"].split())
            words = _words(text)
            if not (MIN_WORDS <= len(text.split()) <= MAX_WORDS) or text in seen:
                continue
            seen.add(text)
            candidates.append((e, m, text, words))
    if not candidates:  # every sentence too short or too long: take the events' own
        candidates = [(e, e.members[0], e.sentence, _words(e.sentence)) for e in events if e.members]
    df: dict[str, int] = defaultdict(int)
    for *_, words in candidates:
        for w in words:
            df[w] += 1

    def centrality(words: set[str]) -> float:
        if not words:
            return 0.0
        return sum(math.log1p(df[w] - 1) for w in words) / math.sqrt(len(words))

    def own_day(m: dict[str, Any]) -> bool:  # the mention itself is dated to the day, not only its event
        i = m["interval"]
        return bool(i["start"] and i["end"]) and datetime.fromisoformat(i["end"]) - datetime.fromisoformat(
            i["start"]) <= timedelta(days=1)

    ranked = sorted(candidates, key=lambda c: (-(bool(query_words & c[3])), -own_day(c[1]), -c[0].sources,
                                               -centrality(c[3]), c[2]))
    out: list[SummarySentence] = []
    picked: list[set[str]] = []
    for e, m, text, words in ranked:
        if any(len(words & p) >= REPEAT_SHARE * max(1, min(len(words), len(p))) for p in picked):
            continue
        out.append(SummarySentence(text, m["article"], e.cluster, e.sources))
        picked.append(words)
        if len(out) == k:
            break
    return out
