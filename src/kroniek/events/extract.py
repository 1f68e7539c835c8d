"""Event mentions of one article: triggers with their time, participants and source.

With part-of-speech tags (Frog, for Dutch) every trigger becomes an event
mention (see :mod:`.triggers`) and one per sentence is its main event: the
one a dated expression governs, else the main clause's first event (the
reported event when the main clause is only a verb of saying). Without
tags, or when a sentence has a dated expression but no trigger, the
sentence itself is the event (the first version's behaviour): dated by its
finest time expression, or, in the past tense, by the publication date.

A sentence whose subject is a bare personal pronoun ("Hij maakte bekend")
and that names no person is tied to the last person named in the three
sentences before it.
"""
from __future__ import annotations

from datetime import datetime
from typing import Callable

from ..entities.langdata import entity_data
from ..model import Event, Mention, Sentence, Timex
from ..temporal.calendar import Interval
from ..temporal.dct import DCT
from ..temporal.lexicon import fold, scan
from .clauses import make_tokens, split_clauses
from .langdata import EventData, event_data
from .links import dated, roles, signal_before, sources, timex_clauses
from .triggers import find_triggers

PRONOUN_WINDOW = 3
TENSE_RELATION = {"past": "BEFORE", "present": "INCLUDES", "future": "AFTER", "conditional": "INCLUDES"}
#: An event noun takes a time expression of its clause only when the
#: expression follows it within this many tokens ("de verkiezingen van vorige week").
NOUN_TIME_REACH = 3


def bounds(relation: str, reference: Interval, dct: DCT) -> tuple[datetime | None, datetime | None]:
    """The interval a TLINK relation allows for an event, ``(start, end)``, None = open.

    IS_INCLUDED/DURING/INCLUDES keep the reference; BEFORE ends where it
    starts (for the publication date: where it ends, since the event may be
    on the day itself); AFTER starts where it ends; BEGUN_BY runs from the
    reference to the publication date; ENDED_BY ends with the reference.
    """
    if relation == "BEFORE":
        return None, (reference.end if reference == dct.interval else reference.start)
    if relation == "AFTER":
        return (reference.start if reference == dct.interval else reference.end), None
    if relation == "BEGUN_BY":
        return reference.start, max(reference.end, dct.interval.end)
    if relation == "ENDED_BY":
        return None, reference.end
    return reference.start, reference.end


def extract_events(text: str, lang: str, dct: DCT, sentences: list[Sentence], timexes: list[Timex],
                   mentions: list[Mention], mention_sentence: list[int],
                   universal: Callable[[str], tuple[str, str]] | None = None,
                   tense_of: Callable[[list[str], list[str]], str | None] | None = None) -> list[Event]:
    """Event mentions of one article, in text order.

    Args:
        text: the article text.
        lang: its language code.
        dct: its publication date.
        sentences: its sentences; intertitles never hold events.
        timexes: its time expressions.
        mentions: its entity mentions; ``mention_sentence`` gives each one's sentence.
        universal: maps a stored tag to ``(category, verb form)``; None when
            the sentences carry no tags.
        tense_of: tense of a clause from its tags and lemmas.

    Returns:
        Events; exactly one per sentence that has any has ``main`` set.
    """
    data = event_data(lang)
    pronouns = entity_data(lang).person_pronouns
    by_sentence: dict[int, list[int]] = {}
    for m, s in enumerate(mention_sentence):
        by_sentence.setdefault(s, []).append(m)
    events: list[Event] = []
    for k, sentence in enumerate(sentences):
        if sentence.kind != "sentence":
            continue
        own = [(m, mentions[m]) for m in by_sentence.get(k, [])]
        inside = [(n, t) for n, t in enumerate(timexes) if sentence.start <= t.start < sentence.end]
        last = _last_person(k, mentions, by_sentence, text, sentences, data.definite_articles)
        speaker = (last, mentions[last].text) if last is not None else None
        antecedent = last if _starts_with_pronoun(text, sentence, pronouns) else None
        found = []
        if sentence.tokens and universal is not None:
            found = _from_triggers(text, sentence, k, dct, inside, own, data, universal, tense_of, speaker)
        if not any(e.main for e in found):
            fallback = _sentence_event(text, sentence, k, dct, inside, own, data)
            if fallback is not None:
                found.append(fallback)
        if not any(mentions[m].type == "PER" for m, _ in own) and antecedent is not None:
            for e in found:
                e.pronoun_mentions = [antecedent]
        events.extend(found)
    return events


def _from_triggers(text, sentence, k, dct, inside, own, data: EventData, universal, tense_of,
                   speaker) -> list[Event]:
    toks = make_tokens(text, sentence.tokens, universal)
    clauses = split_clauses(toks)
    triggers = find_triggers(toks, clauses, data)
    if not triggers:
        return []
    by_clause = timex_clauses(toks, clauses, inside)
    timex_of = dict(inside)
    claimed = sources(text, toks, clauses, triggers, own, data, speaker)
    tags = [tag for _, _, tag, _ in sentence.tokens]
    lemmas = [t.lemma for t in toks]
    out: list[Event] = []
    for n, trig in enumerate(triggers):
        clause = clauses[trig.clause]
        linked = by_clause.get(trig.clause, [])
        if trig.pos == "noun":
            linked = [x for x in linked if _follows_noun(trig, timex_of[x], toks)]
            if not linked:
                linked = _relative_clause_times(trig, toks, clauses, by_clause)
        tense = tense_of(tags[clause.i:clause.j], lemmas[clause.i:clause.j]) if tense_of else sentence.tense
        if linked:
            best = min(linked, key=lambda x: (timex_of[x].interval.end - timex_of[x].interval.start, x))
            t = timex_of[best]
            sig = signal_before(text, sentence.start, t, data)
            relation = sig[1] if sig else "IS_INCLUDED"
            start, end = bounds(relation, t.interval, dct)
            event = Event(k, t.value, "timex", relation, t.interval, start, end, timex=best,
                          signal=sig[0] if sig else None)
        else:
            relation = TENSE_RELATION.get(tense or sentence.tense or "", "")
            if not relation:
                relation = "BEFORE" if (sentence.tense or "past") == "past" else "INCLUDES"
            start, end = bounds(relation, dct.interval, dct)
            event = Event(k, dct.value, "dct", relation, dct.interval, start, end)
        event.trigger, event.trigger_start, event.trigger_end = trig.text, trig.start, trig.end
        event.lemma, event.predicate, event.pos, event.cls = trig.lemma, trig.predicate, trig.pos, trig.cls
        event.tense, event.main = tense, False
        event.roles = roles(toks, clause, own)
        if n in claimed:
            event.source, event.source_mention = claimed[n]
            event.factuality = "reported"
        out.append(event)
    _choose_main(out, clauses, triggers)
    return out


def _follows_noun(trig, timex: Timex, toks) -> bool:
    """True when a time expression directly qualifies an event noun."""
    after = [k for k, t in enumerate(toks) if t.start >= trig.end and t.start < timex.start]
    return len(after) <= NOUN_TIME_REACH and not any(toks[k].cat == "VERB" for k in after) \
        and timex.start >= trig.end


def _relative_clause_times(trig, toks, clauses, by_clause) -> list[int]:
    """Times of a relative clause right after an event noun ("de brexit, die op 29 maart ...")."""
    nxt = trig.clause + 1
    if nxt >= len(clauses):
        return []
    clause = clauses[nxt]
    between = [t for t in toks[trig.k + 1:clause.i] if t.cat != "PUNCT"]
    if between or clause.kind != "sub" or toks[clause.i].cat != "PRON_REL":
        return []
    return by_clause.get(nxt, [])


def _choose_main(events: list[Event], clauses, triggers) -> None:
    """Mark the sentence's main event (see module docstring)."""
    if not events:
        return
    timed = [n for n, e in enumerate(events) if e.anchoring == "timex"]
    main_clause = [n for n, t in enumerate(triggers) if clauses[t.clause].kind == "main"]
    if timed:
        pick = next((n for n in timed if n in main_clause), timed[0])
    elif main_clause:
        verbs = [n for n in main_clause if events[n].pos == "verb"]
        pick = verbs[0] if verbs else main_clause[0]
        if events[pick].cls == "REPORTING":
            reported = [n for n, e in enumerate(events) if e.factuality == "reported" and e.pos == "verb"]
            pick = reported[0] if reported else pick
    else:
        pick = 0
    events[pick].main = True


def _sentence_event(text, sentence, k, dct, inside, own, data: EventData) -> Event | None:
    timed = [(n, t) for n, t in inside if dated(t)]
    if timed:
        best, t = min(timed, key=lambda x: (x[1].interval.end - x[1].interval.start, x[0]))
        sig = signal_before(text, sentence.start, t, data)
        relation = sig[1] if sig else "IS_INCLUDED"
        start, end = bounds(relation, t.interval, dct)
        event = Event(k, t.value, "timex", relation, t.interval, start, end, timex=best,
                      signal=sig[0] if sig else None, tense=sentence.tense)
    elif sentence.tense == "past":
        start, end = bounds("BEFORE", dct.interval, dct)
        event = Event(k, dct.value, "dct", "BEFORE", dct.interval, start, end, tense="past")
    else:
        return None
    event.roles = [(m, "other") for m, _ in own]
    return event


def _starts_with_pronoun(text: str, sentence: Sentence, pronouns: frozenset[str]) -> bool:
    words = [w for w, _, _ in scan(text[sentence.start:sentence.end])][:3]
    return any(w in pronouns for w in words)


def _last_person(k: int, mentions: list[Mention], by_sentence: dict[int, list[int]], text: str = "",
                 sentences: list[Sentence] | None = None,
                 articles: frozenset[str] = frozenset()) -> int | None:
    """The last person named in the sentences before sentence ``k`` (a short window).

    A sentence without a person that opens with a definite article and a
    title ("De minister benadrukte ...") names the person last mentioned
    with that title.
    """
    for back in range(k - 1, max(k - 1 - PRONOUN_WINDOW, -1), -1):
        people = [m for m in by_sentence.get(back, []) if mentions[m].type == "PER"]
        if people:
            return people[-1]
        if sentences is not None and articles:
            titled = _titled_person(text, sentences[back], mentions, articles)
            if titled is not None:
                return titled
    return None


def _titled_person(text: str, sentence: Sentence, mentions: list[Mention], articles: frozenset[str]) -> int | None:
    """The person a sentence-initial "de <title>" refers to: the last one named before it with that title."""
    words = [w for w, _, _ in scan(text[sentence.start:sentence.end])][:2]
    if len(words) < 2 or words[0] not in articles:
        return None
    for m in range(len(mentions) - 1, -1, -1):
        mention = mentions[m]
        if mention.start >= sentence.start or mention.type != "PER" or not mention.title:
            continue
        if fold(mention.title).split()[0] == words[1]:
            return m
    return None
