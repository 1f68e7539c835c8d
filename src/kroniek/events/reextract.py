"""Re-running event extraction on stored articles, without Frog or the tagger.

Sentences keep their tags and lemmas, so improved event rules can be applied
to a whole archive in minutes: ``kroniek events rebuild``. Each article's
events are replaced in one transaction; merged events are rebuilt after.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from functools import partial

from ..model import Mention, Sentence, Timex
from ..nlp import cgn
from ..store.writer import insert_events
from ..temporal.calendar import Granularity, Interval
from ..temporal.dct import DCT
from ..temporal.lexicon import load_lexicon
from .extract import extract_events


def _interval(start: str | None, end: str | None, gran: str | None) -> Interval | None:
    if not start or not end:
        return None
    return Interval(datetime.fromisoformat(start), datetime.fromisoformat(end), Granularity[gran.upper()])


def reextract(conn: sqlite3.Connection) -> int:
    """Replace every stored article's events; return the number of events written."""
    total = 0
    with conn:  # merged events are rebuilt afterwards; dropping them first keeps deletes cheap
        conn.execute("UPDATE events SET cluster_id = NULL")
        conn.execute("DELETE FROM clusters")
    articles = conn.execute("SELECT id, text, lang, dct_value, dct_start, dct_end, dct_granularity FROM articles"
                            " ORDER BY id").fetchall()
    for aid, text, lang, value, d_start, d_end, d_gran in articles:
        dct = DCT(value, _interval(d_start, d_end, d_gran))
        srows = conn.execute('SELECT id, start, "end", kind, paragraph, tense, tokens FROM sentences'
                             " WHERE article_id = ? ORDER BY idx", (aid,)).fetchall()
        sentences = [Sentence(r[1], r[2], r[3], r[4], r[5], [tuple(t) for t in json.loads(r[6] or "[]")])
                     for r in srows]
        sentence_index = {r[0]: n for n, r in enumerate(srows)}
        trows = conn.execute('SELECT id, tid, start, "end", text, type, value, mod, interval_start, interval_end,'
                             " granularity FROM timexes WHERE article_id = ? ORDER BY start", (aid,)).fetchall()
        timexes = [Timex(r[2], r[3], r[4], r[1], r[5], r[6], r[7], _interval(r[8], r[9], r[10])) for r in trows]
        mrows = conn.execute('SELECT id, start, "end", text, type, title, sentence_id FROM mentions'
                             " WHERE article_id = ? ORDER BY id", (aid,)).fetchall()
        mentions = [Mention(r[1], r[2], r[3], r[4], r[5]) for r in mrows]
        mention_sentence = [sentence_index.get(r[6], 0) for r in mrows]
        tagged = any(s.tokens for s in sentences)
        universal = tense_of = None
        if tagged:
            tense = load_lexicon(lang).data.get("tense") or {}
            universal = cgn.universal
            tense_of = partial(cgn.tense_of_tags, future_lemmas=frozenset(tense.get("future_lemmas", [])),
                               perfect_lemmas=frozenset(tense.get("perfect_lemmas", [])))
        events = extract_events(text, lang, dct, sentences, timexes, mentions, mention_sentence,
                                universal=universal, tense_of=tense_of)
        with conn:
            conn.execute("DELETE FROM events WHERE article_id = ?", (aid,))
            insert_events(conn, aid, events, [r[0] for r in srows], [r[0] for r in trows], [r[0] for r in mrows])
        total += len(events)
    return total
