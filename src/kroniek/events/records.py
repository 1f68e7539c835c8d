"""What the merger sees of an event mention: :class:`~kroniek.events.merge.Mention` records.

A record is built from an event mention and its sentence, either of an
annotated article in memory (:func:`records_of_annotated`) or of one read
back from the database (:func:`record_of_row`), so that both paths give the
same record for the same mention. Its content words (:func:`raw_terms`) are
the nouns and names of the sentence when it is tagged, else its longer
words, never words of a time expression or stop words; the merger adds the
known parts of compound words (:mod:`kroniek.events.online`).
"""
from __future__ import annotations

import hashlib
import importlib
import json
import re
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from typing import Any

from ..nlp.cgn import universal
from ..temporal.lexicon import fold
from .langdata import event_data
from .merge import Mention

_WORD = re.compile(r"[^\W\d_]{4,}")
_WORDS = re.compile(r"\w+")
#: Words a sentence needs before two copies of it count as one source.
COPY_MIN_WORDS = 5
#: Entity types that take part in events.
EVENT_ENTITY_TYPES = ("PER", "ORG", "LOC", "MISC")


@lru_cache(maxsize=8)
def stop_words(lang: str) -> frozenset[str]:
    """Folded stop words of a language (spaCy's lists); empty when spaCy has none."""
    try:
        module = importlib.import_module(f"spacy.lang.{lang.split('-')[0]}.stop_words")
        return frozenset(fold(w) for w in module.STOP_WORDS)
    except (ImportError, AttributeError):
        return frozenset()


def raw_terms(text: str, tokens: list | None, cut: list[tuple[int, int]], stop: frozenset[str],
              offset: int = 0) -> frozenset[str]:
    """Content words of a sentence: nouns and names when tagged, else words of four letters or more.

    Args:
        text: the sentence.
        tokens: ``(start, end, tag, lemma)`` per token, offsets into the
            article; None or empty when the sentence is untagged.
        cut: ``[start, end)`` article offsets of its time expressions, whose
            words are left out.
        stop: folded stop words.
        offset: where the sentence starts in the article.

    Returns:
        Folded words.
    """
    out = set()
    if tokens:
        for start, end, tag, lemma in tokens:
            if any(s <= start < e for s, e in cut):
                continue
            if universal(tag)[0] in ("NOUN", "PROPN"):
                word = fold(lemma)
                if len(word) >= 3 and word not in stop:
                    out.add(word)
        return frozenset(out)
    for m in _WORD.finditer(text):
        where = m.start() + offset
        if not any(s <= where < e for s, e in cut) and fold(m.group()) not in stop:
            out.add(fold(m.group()))
    return frozenset(out)


def copy_key(text: str) -> int | None:
    """A 63-bit hash of a sentence's folded words, the same for copies of one sentence.

    Returns:
        None below :data:`COPY_MIN_WORDS` words: too short to tell a copy
        from a coincidence.
    """
    words = _WORDS.findall(fold(text))
    if len(words) < COPY_MIN_WORDS:
        return None
    return stable_hash(" ".join(words))


def stable_hash(text: str) -> int:
    """A signed 64-bit hash of a string, the same in every process (BLAKE2b)."""
    digest = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def linkable(anchoring: str, relation: str, cls: str, pos: str | None = None) -> bool:
    """Whether a mention may merge with other articles' mentions: dated happenings yes;
    statements about the present or future of the publication date, speech acts, and
    event nouns without a time of their own, no."""
    if cls == "REPORTING":
        return False
    if anchoring == "timex":
        return True
    return relation == "BEFORE" and pos != "noun"


@dataclass
class StoredEvent:
    """One stored event mention with what its record is made of (see :func:`record_of_row`).

    Attributes:
        id, article, group: the event's, its article's and its syndication group's ids.
        lang: the article's language.
        predicate, value, anchoring, relation, cls, pos: the event's fields.
        start, end: its bounds, None where open.
        sort_key: where it sorts on its own (its start, else its reference time).
        sentence: its sentence's id; timex: its time expression's id, or None.
        text: the sentence; offset: where the sentence starts in the article.
        tokens: the sentence's ``(start, end, tag, lemma)`` tokens, or None.
        cut: ``[start, end)`` article offsets of the sentence's time expressions.
        entities: keys of the entities it involves (``e12``, or ``TYPE:name``).
    """

    id: int
    article: int
    group: int
    lang: str
    predicate: str | None
    value: str
    anchoring: str
    relation: str
    cls: str
    pos: str | None
    start: datetime | None
    end: datetime | None
    sort_key: datetime
    sentence: int
    timex: int | None
    text: str
    offset: int
    tokens: list | None = None
    cut: list[tuple[int, int]] = field(default_factory=list)
    entities: frozenset[str] = frozenset()


def record_of_row(row: StoredEvent, terms: frozenset[str] | None = None) -> Mention:
    """The merge record of a stored event mention (terms are folded words, not yet split).

    Args:
        terms: its sentence's content words when known already (events of one sentence share them).
    """
    predicate = None if row.cls == "REPORTING" else row.predicate
    if terms is None:
        terms = raw_terms(row.text, row.tokens, row.cut, stop_words(row.lang), row.offset)
    return Mention(row.id, row.article, row.group, predicate, row.start, row.end, row.value, terms, row.entities,
                   linkable=linkable(row.anchoring, row.relation, row.cls, row.pos),
                   anchor=f"{row.sentence}:{row.timex}" if row.timex is not None else None,
                   light=event_data(row.lang).light(predicate), copy=copy_key(row.text), lang=row.lang,
                   sort_key=row.sort_key)


def records_of_rows(rows: list[StoredEvent]) -> list[Mention]:
    """Merge records of one article's stored event mentions (content words found once per sentence)."""
    seen: dict[int, frozenset[str]] = {}
    out = []
    for row in rows:
        if row.sentence not in seen:
            seen[row.sentence] = raw_terms(row.text, row.tokens, row.cut, stop_words(row.lang), row.offset)
        out.append(record_of_row(row, seen[row.sentence]))
    return out


def records_of_annotated(annotated: Any, article: int, all_events: bool = False) -> list[tuple[Any, Mention]]:
    """Merge records for the events of one annotated article, without a database.

    Args:
        annotated: an :class:`~kroniek.model.Annotated` article.
        article: a number for the article (also its syndication group).
        all_events: every event mention, not only each sentence's main event
            and the dated ones.

    Returns:
        ``(event, record)`` pairs; record keys are ``article * 100000 + n``.
    """
    out = []
    text = annotated.article.text
    for n, event in enumerate(annotated.events):
        if not (event.main or event.anchoring == "timex" or all_events):
            continue
        sentence = annotated.sentences[event.sentence]
        cut = [(t.start, t.end) for t in annotated.timexes if sentence.start <= t.start < sentence.end]
        entities = frozenset(f"{annotated.mentions[m].type}:{annotated.mentions[m].text.lower()}"
                             for m, _ in event.roles if annotated.mentions[m].type in EVENT_ENTITY_TYPES)
        reference = event.start or (event.reference.start if event.reference else None)
        row = StoredEvent(article * 100000 + n, article, article, annotated.lang, event.predicate, event.value,
                          event.anchoring, event.relation, event.cls, event.pos, event.start, event.end,
                          reference, event.sentence, event.timex, text[sentence.start:sentence.end],
                          sentence.start, list(sentence.tokens) or None, cut, entities)
        out.append((event, record_of_row(row)))
    return out


def parse_tokens(tokens_json: str | None) -> list | None:
    """Stored sentence tokens (JSON) as a list, or None."""
    return json.loads(tokens_json) if tokens_json else None
