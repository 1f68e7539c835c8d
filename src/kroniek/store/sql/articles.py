"""Writing annotated articles, one transaction each, and reading them back (both backends)."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any

from ...errors import UsageError
from ...model import Annotated, Event
from ...temporal.calendar import Interval
from ..keys import article_key
from .db import Db, row_number
from .entities import assign_article
from .times import OPEN_END, OPEN_START, iso, seconds


def utc(moment: datetime) -> str:
    """An aware datetime as sortable ISO 8601 text in UTC."""
    try:
        moment = moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


def _text_bounds(interval: Interval | None) -> tuple[str | None, str | None, str | None]:
    if interval is None:
        return None, None, None
    return utc(interval.start), utc(interval.end), interval.granularity.label


def _bounds(interval: Interval | None) -> tuple[int | None, int | None, str | None]:
    if interval is None:
        return None, None, None
    return seconds(interval.start), seconds(interval.end), interval.granularity.label


#: A sentence's id is its article's id times 2^SENTENCE_BITS plus its index
#: (an article holds at most MAX_TEXT_CHARS < 2^20 characters, so as many sentences).
SENTENCE_BITS = 20


def sentence_id(article_id: int, idx: int) -> int:
    """The id of an article's ``idx``-th sentence."""
    return (article_id << SENTENCE_BITS) | idx


def sentence_range(article_id: int) -> tuple[int, int]:
    """``[first, end)`` of the sentence ids of an article."""
    return article_id << SENTENCE_BITS, (article_id + 1) << SENTENCE_BITS


def event_sort_key(e: Event) -> datetime:
    """Where an event sorts on its own: its start, or its reference time when open."""
    return e.start if e.start is not None else e.reference.start


def is_present(db: Db, ext_id: str | None, digest: str) -> bool:
    """True when an article with this id or this content is stored already."""
    if db.execute("SELECT 1 FROM articles WHERE content_hash = ?", (digest,)).fetchone():
        return True
    return ext_id is not None and db.execute("SELECT 1 FROM articles WHERE ext_id = ?",
                                               (ext_id,)).fetchone() is not None


def store_article(db: Db, annotated: Annotated) -> int | None:
    """Store one annotated article in a single transaction; it waits to be merged (pending).

    Returns:
        The new article's row id, or None when it was present already
        (same id, or same text and date).

    Raises:
        StorageError, or the driver's error: on storage failure; nothing of the article is kept.
    """
    art = annotated.article
    ext_id, digest = article_key(art)
    with db.transaction(lock="store"):  # one writer of articles and entities at a time
        if is_present(db, ext_id, digest):
            return None
        start, end, gran = _text_bounds(art.dct.interval)
        article_id = db.insert(
            "INSERT INTO articles (ext_id, content_hash, title, url, source, lang, dct_value, dct_text,"
            " dct_start, dct_end, dct_granularity, text, origin, ingested_at, pending, signature)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,1,?)",
            (ext_id, digest, art.title, art.url, art.source, annotated.lang, art.dct.value,
             art.dct.text or art.dct.value, start, end, gran, art.text, art.origin,
             datetime.now(timezone.utc).isoformat(timespec="seconds"), annotated.signature))
        sentence_ids = [sentence_id(article_id, idx) for idx in range(len(annotated.sentences))]
        db.executemany(
            'INSERT INTO sentences (id, article_id, idx, start, "end", kind, paragraph, tense, tokens)'
            " VALUES (?,?,?,?,?,?,?,?,?)",
            [(sid, article_id, idx, s.start, s.end, s.kind, s.paragraph, s.tense,
              json.dumps(s.tokens, ensure_ascii=False) if s.tokens else None)
             for idx, (sid, s) in enumerate(zip(sentence_ids, annotated.sentences))])

        def sentence_of(offset: int) -> int | None:
            for sid, s in zip(sentence_ids, annotated.sentences):
                if s.start <= offset < s.end:
                    return sid
            return None

        timex_ids = db.insert_many(
            'INSERT INTO timexes (article_id, sentence_id, tid, start, "end", text, type, value, mod,'
            " interval_start, interval_end, granularity, anchor, rule, confidence, exact, reason,"
            " quant, freq, range_begin, range_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            [(article_id, sentence_of(t.start), t.tid, t.start, t.end, t.text, t.type, t.value, t.mod,
              *_bounds(t.interval), t.anchor, t.rule, t.confidence, int(t.exact), t.reason,
              t.quant, t.freq, t.begin.value if t.begin else None,
              t.end_point.value if t.end_point else None) for t in annotated.timexes])
        mention_ids = db.insert_many(
            'INSERT INTO mentions (article_id, sentence_id, start, "end", text, type, title, source,'
            " confidence, full_name) VALUES (?,?,?,?,?,?,?,?,?,?)",
            [(article_id, sentence_ids[k], m.start, m.end, m.text, m.type, m.title, m.source,
              m.confidence, m.full) for m, k in zip(annotated.mentions, annotated.mention_sentence)])
        if mention_ids:
            assign_article(db, article_id)  # canonical entities, in this same transaction
        insert_events(db, article_id, annotated.events, sentence_ids, timex_ids, mention_ids)
    return article_id


def insert_events(db: Db, article_id: int, events: list[Event], sentence_ids: list[int],
                  timex_ids: list[int], mention_ids: list[int]) -> None:
    """Insert one article's events with their entity links (inside the caller's transaction).

    Args:
        sentence_ids, timex_ids, mention_ids: database ids of the article's
            sentences, time expressions and mentions, in the order the
            events' indexes refer to.
    """
    rows = []
    for e in events:
        start, end = seconds(e.start, OPEN_START), seconds(e.end, OPEN_END)
        rows.append((article_id, sentence_ids[e.sentence], timex_ids[e.timex] if e.timex is not None else None,
                     e.value, start, end, e.reference.granularity.label, e.anchoring, e.relation, e.signal,
                     seconds(event_sort_key(e)), e.trigger, e.trigger_start, e.trigger_end, e.lemma, e.predicate,
                     e.pos, e.cls, int(e.main), e.tense, e.factuality, e.source,
                     mention_ids[e.source_mention] if e.source_mention is not None else None))
    event_ids = db.insert_many(
        "INSERT INTO events (article_id, sentence_id, timex_id, value, interval_start, interval_end,"
        " granularity, anchoring, relation, signal, sort_key, trigger,"
        " trigger_start, trigger_end, lemma, predicate, pos, cls, is_main, tense, factuality, source,"
        " source_mention_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", rows)
    links = []
    for event_id, e in zip(event_ids, events):
        links += [(event_id, mention_ids[m], "sentence", role) for m, role in e.roles]
        links += [(event_id, mention_ids[m], "pronoun", "subject") for m in e.pronoun_mentions]
    db.executemany("INSERT INTO event_mentions (event_id, mention_id, link, role)"
                   " VALUES (?,?,?,?) ON CONFLICT DO NOTHING", links)


def find_article(db: Db, article_id: str) -> Any:
    """The article with this id (the input's id, or the stored number prefixed ``#``).

    Raises:
        UsageError: when no such article is stored.
    """
    row = db.execute("SELECT * FROM articles WHERE ext_id = ?", (article_id,)).fetchone()
    number = row_number(article_id.lstrip("#"))
    if row is None and number is not None:
        row = db.execute("SELECT * FROM articles WHERE id = ?", (number,)).fetchone()
    if row is None:
        raise UsageError(f"no article with id {article_id!r} in the database")
    return row


def article_details(db: Db, article_id: str) -> dict[str, Any]:
    """An article with its sentences, time expressions, mentions and events (see :meth:`Store.article`)."""
    art = find_article(db, article_id)
    aid = art["id"]

    def rows(sql: str) -> list[dict[str, Any]]:
        return [dict(r) for r in db.execute(sql, (aid,))]

    timexes = rows('SELECT tid, start, "end", text, type, value, mod, interval_start, interval_end,'
                   " granularity, anchor, rule, confidence, exact, reason, range_begin, range_end"
                   " FROM timexes WHERE article_id = ? ORDER BY start")
    for t in timexes:
        t["interval_start"], t["interval_end"] = iso(t["interval_start"]), iso(t["interval_end"])
    events = rows("SELECT e.value, e.interval_start, e.interval_end, e.anchoring, e.relation, e.signal,"
                  " s.idx AS sentence, e.cluster_id AS event FROM events e JOIN sentences s ON s.id = e.sentence_id"
                  " WHERE e.article_id = ? ORDER BY s.idx, e.id")
    for e in events:
        e["interval_start"] = iso(e["interval_start"], OPEN_START)
        e["interval_end"] = iso(e["interval_end"], OPEN_END)
    return {
        "article": {k: art[k] for k in ("ext_id", "title", "url", "source", "lang", "dct_value", "dct_start",
                                         "dct_end", "dct_granularity", "origin")} | {"text": art["text"]},
        "sentences": [dict(r) for r in db.execute('SELECT idx, start, "end", kind, tense FROM sentences'
                                                    " WHERE id >= ? AND id < ? ORDER BY id", sentence_range(aid))],
        "timexes": timexes,
        "mentions": rows('SELECT m.start, m."end", m.text, m.type, m.title, m.source, e.uid AS entity'
                         " FROM mentions m LEFT JOIN entities e ON e.id = m.entity_id"
                         " WHERE m.article_id = ? ORDER BY m.start"),
        "events": events,
    }
