"""Writing annotated articles, one transaction each."""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime, timezone

from ..io.records import content_hash
from ..model import Annotated, Article, Event
from ..temporal.calendar import Interval
from .entities import assign_article


def utc(moment: datetime) -> str:
    """An aware datetime as sortable ISO 8601 text in UTC."""
    try:
        moment = moment.astimezone(timezone.utc)
    except (OverflowError, ValueError):
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.isoformat()


#: Stored for an open bound, so that range tests need no NULL cases.
OPEN_START = "0001-01-01T00:00:00+00:00"
OPEN_END = "9999-12-31T23:59:59.999999+00:00"


def bound_text(moment: datetime | None, open_value: str) -> str:
    """A bound as stored: UTC ISO text, or the open extreme."""
    return open_value if moment is None else utc(moment)


def sort_key(e: Event) -> str:
    """Where an event sorts on a timeline: its start, or its reference time when open."""
    if e.start is not None:
        return utc(e.start)
    return utc(e.reference.start)


def _bounds(interval: Interval | None) -> tuple[str | None, str | None, str | None]:
    if interval is None:
        return None, None, None
    return utc(interval.start), utc(interval.end), interval.granularity.label


def article_key(art: Article) -> tuple[str, str]:
    """``(ext_id, content hash)``; articles without an id get one from the hash."""
    digest = content_hash(art.text, art.dct.value)
    return (art.ext_id or digest[:16]), digest


def is_present(conn: sqlite3.Connection, ext_id: str | None, digest: str) -> bool:
    """True when an article with this id or this content is stored already."""
    row = conn.execute("SELECT 1 FROM articles WHERE content_hash = ? OR (ext_id = ? AND ? IS NOT NULL)",
                       (digest, ext_id, ext_id)).fetchone()
    return row is not None


def store_article(conn: sqlite3.Connection, annotated: Annotated) -> int | None:
    """Store one annotated article in a single transaction.

    Returns:
        The new article's row id, or None when it was present already
        (same id, or same text and date).

    Raises:
        sqlite3.Error: on storage failure; nothing of the article is kept.
    """
    art = annotated.article
    ext_id, digest = article_key(art)
    with conn:
        if is_present(conn, ext_id, digest):
            return None
        start, end, gran = _bounds(art.dct.interval)
        cur = conn.execute(
            "INSERT INTO articles (ext_id, content_hash, title, url, source, lang, dct_value, dct_text,"
            " dct_start, dct_end, dct_granularity, text, origin, ingested_at)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (ext_id, digest, art.title, art.url, art.source, annotated.lang, art.dct.value,
             art.dct.text or art.dct.value, start, end, gran, art.text, art.origin,
             datetime.now(timezone.utc).isoformat(timespec="seconds")))
        article_id = cur.lastrowid
        sentence_ids = []
        for idx, s in enumerate(annotated.sentences):
            cur = conn.execute(
                'INSERT INTO sentences (article_id, idx, start, "end", kind, paragraph, tense, text, tokens)'
                " VALUES (?,?,?,?,?,?,?,?,?)",
                (article_id, idx, s.start, s.end, s.kind, s.paragraph, s.tense, art.text[s.start:s.end],
                 json.dumps(s.tokens, ensure_ascii=False) if s.tokens else None))
            sentence_ids.append(cur.lastrowid)

        def sentence_of(offset: int) -> int | None:
            for sid, s in zip(sentence_ids, annotated.sentences):
                if s.start <= offset < s.end:
                    return sid
            return None

        timex_ids = []
        for t in annotated.timexes:
            i_start, i_end, i_gran = _bounds(t.interval)
            cur = conn.execute(
                'INSERT INTO timexes (article_id, sentence_id, tid, start, "end", text, type, value, mod,'
                " interval_start, interval_end, granularity, anchor, rule, confidence, exact, reason,"
                " quant, freq, range_begin, range_end) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (article_id, sentence_of(t.start), t.tid, t.start, t.end, t.text, t.type, t.value, t.mod,
                 i_start, i_end, i_gran, t.anchor, t.rule, t.confidence, int(t.exact), t.reason,
                 t.quant, t.freq, t.begin.value if t.begin else None,
                 t.end_point.value if t.end_point else None))
            timex_ids.append(cur.lastrowid)
        mention_ids = []
        for m, k in zip(annotated.mentions, annotated.mention_sentence):
            cur = conn.execute(
                'INSERT INTO mentions (article_id, sentence_id, start, "end", text, type, title, source,'
                " confidence, full_name) VALUES (?,?,?,?,?,?,?,?,?,?)",
                (article_id, sentence_ids[k], m.start, m.end, m.text, m.type, m.title, m.source,
                 m.confidence, m.full))
            mention_ids.append(cur.lastrowid)
        if mention_ids:
            assign_article(conn, article_id)  # canonical entities, in this same transaction
        insert_events(conn, article_id, annotated.events, sentence_ids, timex_ids, mention_ids)
    return article_id


def insert_events(conn: sqlite3.Connection, article_id: int, events: list[Event], sentence_ids: list[int],
                  timex_ids: list[int], mention_ids: list[int]) -> None:
    """Insert one article's events with their entity links (inside the caller's transaction).

    Args:
        sentence_ids, timex_ids, mention_ids: database ids of the article's
            sentences, time expressions and mentions, in the order the
            events' indexes refer to.
    """
    for e in events:
        start, end = bound_text(e.start, OPEN_START), bound_text(e.end, OPEN_END)
        ref_start, ref_end, gran = _bounds(e.reference)
        cur = conn.execute(
            "INSERT INTO events (article_id, sentence_id, timex_id, value, interval_start, interval_end,"
            " granularity, anchoring, relation, signal, ref_start, ref_end, sort_key, trigger,"
            " trigger_start, trigger_end, lemma, predicate, pos, cls, is_main, tense, factuality, source,"
            " source_mention_id) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (article_id, sentence_ids[e.sentence], timex_ids[e.timex] if e.timex is not None else None,
             e.value, start, end, gran, e.anchoring, e.relation, e.signal, ref_start, ref_end,
             sort_key(e), e.trigger, e.trigger_start, e.trigger_end, e.lemma, e.predicate, e.pos, e.cls,
             int(e.main), e.tense, e.factuality, e.source,
             mention_ids[e.source_mention] if e.source_mention is not None else None))
        event_id = cur.lastrowid
        links = [(event_id, mention_ids[m], "sentence", role) for m, role in e.roles]
        links += [(event_id, mention_ids[m], "pronoun", "subject") for m in e.pronoun_mentions]
        conn.executemany("INSERT OR IGNORE INTO event_mentions (event_id, mention_id, link, role)"
                         " VALUES (?,?,?,?)", links)
