"""Sentence-level events, first version.

A sentence with a dated time expression is an event dated by that
expression (the finest one when there are several). A past-tense sentence
without one is an event anchored on the publication date, marked
``anchoring = "dct"``. A signal word just before the expression ("sinds
gisteren") sets the TimeML relation; "sinds" stretches the interval from
the expression to the publication date.

A sentence whose subject is a bare personal pronoun ("Hij maakte bekend")
and that names no person is linked to the last person named in the three
sentences before it.
"""
from __future__ import annotations

from functools import lru_cache


from ..entities.langdata import entity_data
from ..model import Event, Mention, Sentence, Timex
from ..temporal.calendar import Interval
from ..temporal.dct import DCT
from ..temporal.lexicon import fold, language_files, read_data, scan

PRONOUN_WINDOW = 3


@lru_cache(maxsize=8)
def signals(lang: str) -> dict[str, str]:
    """Signal word (folded) → TimeML relation for ``lang``."""
    out: dict[str, str] = {}
    for path in language_files(lang, "events.yaml"):
        out.update({fold(k): v for k, v in read_data(path).get("signals", {}).items()})
    return out


def _dated(t: Timex) -> bool:
    return t.interval is not None and t.type in ("DATE", "TIME", "DURATION") and not t.value.endswith("_REF")


def _signal_before(text: str, t: Timex, sentence: Sentence, table: dict[str, str]) -> tuple[str, str] | None:
    words = scan(text[sentence.start:t.start])
    if not words:
        return None
    word = words[-1][0]
    return (word, table[word]) if word in table else None


def extract_events(text: str, lang: str, dct: DCT, sentences: list[Sentence], timexes: list[Timex],
                   mentions: list[Mention], mention_sentence: list[int]) -> list[Event]:
    """Events of one article.

    Args:
        text: the article text.
        lang: its language code.
        dct: its publication date.
        sentences: its sentences (intertitles never become events).
        timexes: its time expressions.
        mentions: its entity mentions; ``mention_sentence`` gives each one's sentence index.

    Returns:
        At most one event per sentence, in text order.
    """
    table = signals(lang)
    pronouns = entity_data(lang).person_pronouns
    by_sentence: dict[int, list[int]] = {}
    for m, s in enumerate(mention_sentence):
        by_sentence.setdefault(s, []).append(m)
    events: list[Event] = []
    for k, sentence in enumerate(sentences):
        if sentence.kind != "sentence":
            continue
        inside = [n for n, t in enumerate(timexes) if sentence.start <= t.start < sentence.end and _dated(timexes[n])]
        own = by_sentence.get(k, [])
        if inside:
            best = min(inside, key=lambda n: (timexes[n].interval.end - timexes[n].interval.start, n))
            t = timexes[best]
            event = Event(sentence=k, interval=t.interval, value=t.value, anchoring="timex", timex=best,
                          mentions=list(own))
            sig = _signal_before(text, t, sentence, table)
            if sig:
                event.signal, event.relation = sig
                if sig[1] == "BEGUN_BY" and dct.interval.end > t.interval.start:
                    event.interval = Interval(t.interval.start, max(t.interval.end, dct.interval.end),
                                              t.interval.granularity)
        elif sentence.tense == "past":
            event = Event(sentence=k, interval=dct.interval, value=dct.value, anchoring="dct",
                          mentions=list(own))
        else:
            continue
        if not any(mentions[m].type == "PER" for m in own):
            event.pronoun_mentions = _pronoun_antecedent(text, sentence, k, mentions, by_sentence, pronouns)
        events.append(event)
    return events


def _pronoun_antecedent(text: str, sentence: Sentence, k: int, mentions: list[Mention],
                        by_sentence: dict[int, list[int]], pronouns: frozenset[str]) -> list[int]:
    words = [w for w, _, _ in scan(text[sentence.start:sentence.end])][:3]
    if not any(w in pronouns for w in words):
        return []
    for back in range(k - 1, max(k - 1 - PRONOUN_WINDOW, -1), -1):
        people = [m for m in by_sentence.get(back, []) if mentions[m].type == "PER"]
        if people:
            return [people[-1]]
    return []
