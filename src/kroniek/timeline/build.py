"""Rebuilding merged events (clusters) and syndication groups in the database.

Runs after each ingest, in one transaction: syndication groups are
recomputed, every main event mention is placed in a cluster (most in one of
their own), and each cluster gets its triangulated date, its number of
independent sources, a representative sentence and a salience score.
"""
from __future__ import annotations

import json
import math
from collections import Counter
import re
import sqlite3
import time
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from ..events.langdata import event_data
from ..events.merge import Cluster, Mention, cluster
from ..events.syndication import assign_groups
from ..nlp.cgn import universal
from ..store.writer import OPEN_END, OPEN_START, utc
from ..temporal.calendar import Granularity, Interval
from ..temporal.lexicon import fold
from ..temporal.values import value_of_interval

_WORD = re.compile(r"[^\W\d_]{4,}")


@dataclass
class BuildReport:
    """What a rebuild did: mentions considered, clusters made, merged ones, seconds."""

    mentions: int
    clusters: int
    merged: int
    groups: int
    seconds: float


def _moment(text: str, open_value: str) -> datetime | None:
    return None if text == open_value else datetime.fromisoformat(text)


def _stop_words(lang: str) -> frozenset[str]:
    try:
        import importlib

        module = importlib.import_module(f"spacy.lang.{lang.split('-')[0]}.stop_words")
        return frozenset(fold(w) for w in module.STOP_WORDS)
    except (ImportError, AttributeError):
        return frozenset()


def _terms(text: str, tokens_json: str | None, cut: list[tuple[int, int]], stop: frozenset[str]) -> frozenset[str]:
    """Content words of a sentence: nouns and names when tagged, else longer words; no date words."""
    out = set()
    if tokens_json:
        for start, end, tag, lemma in json.loads(tokens_json):
            if any(s <= start < e for s, e in cut):
                continue
            if universal(tag)[0] in ("NOUN", "PROPN"):
                word = fold(lemma)
                if len(word) >= 3 and word not in stop:
                    out.add(word)
        return frozenset(out)
    for m in _WORD.finditer(text):
        if not any(s <= m.start() < e for s, e in cut) and fold(m.group()) not in stop:
            out.add(fold(m.group()))
    return frozenset(out)


def linkable(anchoring: str, relation: str, cls: str, pos: str | None = None) -> bool:
    """Whether a mention may merge: dated happenings yes; statements about the
    present or future of the publication date, speech acts, and event nouns
    without a time of their own, no."""
    if cls == "REPORTING":
        return False
    if anchoring == "timex":
        return True
    return relation == "BEFORE" and pos != "noun"


def load_mentions(conn: sqlite3.Connection) -> list[Mention]:
    """The event mentions the merger sees: each sentence's main event, and every dated one."""
    has_entity_ids = any(r[1] == "entity_id" for r in conn.execute("PRAGMA table_info(mentions)"))
    entity_expr = "COALESCE('e' || m.entity_id, m.type || ':' || lower(m.text))" if has_entity_ids \
        else "m.type || ':' || lower(m.text)"
    entities: dict[int, set[str]] = {}
    for event_id, key in conn.execute(
            f"SELECT em.event_id, {entity_expr} FROM event_mentions em JOIN mentions m ON m.id = em.mention_id"
            " JOIN events e ON e.id = em.event_id WHERE (e.is_main = 1 OR e.anchoring = 'timex')"
            " AND m.type IN ('PER','ORG','LOC','MISC')"):
        entities.setdefault(event_id, set()).add(key)
    cuts: dict[int, list[tuple[int, int]]] = {}
    for sid, start, end in conn.execute('SELECT sentence_id, start, "end" FROM timexes'):
        cuts.setdefault(sid, []).append((start, end))
    stops: dict[str, frozenset[str]] = {}
    out = []
    for r in conn.execute(
            "SELECT e.id, e.article_id, COALESCE(a.syndication_group, a.id), e.predicate, e.interval_start,"
            " e.interval_end, e.value, s.id, s.start, s.text, s.tokens, a.lang, e.anchoring, e.relation, e.cls,"
            " e.timex_id, e.pos FROM events e"
            " JOIN sentences s ON s.id = e.sentence_id JOIN articles a ON a.id = e.article_id"
            " WHERE e.is_main = 1 OR e.anchoring = 'timex' ORDER BY e.id"):
        (eid, aid, group, predicate, start, end, value, sid, s_start, s_text, tokens, lang, anchoring,
         relation, cls, timex_id, pos) = r
        stop = stops.setdefault(lang, _stop_words(lang))
        data = event_data(lang)  # cached per language
        cut = [(s - s_start, e - s_start) for s, e in cuts.get(sid, [])]
        if tokens:
            cut = [(s + s_start, e + s_start) for s, e in cut]
        out.append(Mention(eid, aid, group, None if cls == "REPORTING" else predicate,
                           _moment(start, OPEN_START), _moment(end, OPEN_END),
                           value, _terms(s_text, tokens, cut, stop), frozenset(entities.get(eid, ())),
                           linkable=linkable(anchoring, relation, cls, pos),
                           anchor=f"{sid}:{timex_id}" if timex_id is not None else None,
                           light=data.light(predicate), copy=copy_key(s_text)))
    return out


def mentions_from_annotated(annotated, article: int, all_events: bool = False) -> list[tuple[Any, Mention]]:
    """Merge records for the events of one annotated article, without a database.

    Args:
        annotated: an :class:`~kroniek.model.Annotated` article.
        article: a number for the article (also its syndication group).
        all_events: every event mention, not only each sentence's main event.

    Returns:
        ``(event, record)`` pairs; record keys are ``article * 100000 + n``.
    """
    stop = _stop_words(annotated.lang)
    data = event_data(annotated.lang)
    out = []
    for n, event in enumerate(annotated.events):
        if not (event.main or event.anchoring == "timex" or all_events):
            continue
        sentence = annotated.sentences[event.sentence]
        cut = [(t.start, t.end) for t in annotated.timexes if sentence.start <= t.start < sentence.end]
        tokens = json.dumps(sentence.tokens) if sentence.tokens else None
        text = annotated.article.text[sentence.start:sentence.end]
        if not tokens:
            cut = [(s - sentence.start, e - sentence.start) for s, e in cut]
        ents = frozenset(f"{annotated.mentions[m].type}:{annotated.mentions[m].text.lower()}"
                         for m, _ in event.roles if annotated.mentions[m].type in ("PER", "ORG", "LOC", "MISC"))
        predicate = None if event.cls == "REPORTING" else event.predicate
        out.append((event, Mention(article * 100000 + n, article, article, predicate, event.start,
                                   event.end, event.value, _terms(text, tokens, cut, stop), ents,
                                   linkable=linkable(event.anchoring, event.relation, event.cls, event.pos),
                                   anchor=f"{event.sentence}:{event.timex}" if event.timex is not None else None,
                                   light=data.light(predicate), copy=copy_key(text))))
    return out


#: Words a sentence needs before two copies of it count as one source.
COPY_MIN_WORDS = 5
_WORDS = re.compile(r"\w+")


def copy_key(text: str) -> str | None:
    """The words of a sentence, folded, as one string; None below :data:`COPY_MIN_WORDS` words."""
    words = _WORDS.findall(fold(text))
    return " ".join(words) if len(words) >= COPY_MIN_WORDS else None


def independent_sources(members: list[Mention]) -> int:
    """How many independent sources tell of one merged event: syndication groups, where two
    groups count once when a mention of each stands in the same sentence (:func:`copy_key`:
    one sentence kept in two versions of an article, or quoted from one agency text).

    Returns:
        The number of sources, at least 1 for a non-empty list.
    """
    parent = {m.group: m.group for m in members}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    seen: dict[str, int] = {}
    for m in members:
        if m.copy is not None:
            other = seen.setdefault(m.copy, m.group)
            parent[find(m.group)] = find(other)
    return len({find(g) for g in parent})


def _sort_key(c: Cluster, members: list[Mention], keys: dict[int, str]) -> str:
    """Where a merged event sorts: the start of its date (the intersection); when
    that start is open or the sources disagree, where its tightest mention sorts."""
    if c.start is not None and not c.disagree:
        return utc(c.start)
    return keys[min(members, key=lambda m: (m.days, keys[m.key])).key]


def _value(c: Cluster, members: list[Mention]) -> tuple[str, str]:
    """TIMEX3 value and granularity of a cluster's date."""
    if c.start is None or c.end is None:
        tightest = min(members, key=lambda m: m.days)
        return tightest.value, "day"
    interval_days = (c.end - c.start).total_seconds() / 86400
    for gran in (Granularity.DAY, Granularity.WEEK, Granularity.MONTH, Granularity.YEAR):
        probe = Interval(c.start, c.end, gran)
        if probe.is_exact_unit:
            return value_of_interval(probe), gran.label
    tightest = min(members, key=lambda m: m.days)
    gran = "day" if interval_days <= 62 else "month" if interval_days <= 731 else "year"
    return tightest.value, gran


def rebuild(conn: sqlite3.Connection) -> BuildReport:
    """Recompute syndication groups and merged events, in one transaction."""
    began = time.perf_counter()
    with conn:
        groups = assign_groups(conn)
        mentions = load_mentions(conn)
        clusters = cluster(mentions)
        centrality = Counter(key for m in mentions for key in m.entities)
        sort_keys = dict(conn.execute("SELECT id, sort_key FROM events WHERE is_main = 1 OR anchoring = 'timex'"))
        conn.execute("UPDATE events SET cluster_id = NULL")
        conn.execute("DELETE FROM clusters")
        merged = 0
        for c in clusters:
            members = [mentions[n] for n in c.members]
            value, gran = _value(c, members)
            start = utc(c.start) if c.start else OPEN_START
            end = utc(c.end) if c.end else OPEN_END
            key = _sort_key(c, members, sort_keys)
            sources = independent_sources(members)
            articles = len({m.article for m in members})
            ents = set().union(*(m.entities for m in members))
            salience = sources + 0.5 * math.log1p(sum(centrality.get(e, 0) for e in ents))
            representative = max(members, key=lambda m: (-m.days, len(m.entities), -m.key)).key
            predicates = [m.predicate for m in members if m.predicate]
            predicate = max(set(predicates), key=predicates.count) if predicates else None
            cur = conn.execute(
                "INSERT INTO clusters (predicate, value, interval_start, interval_end, granularity, sort_key,"
                " disagree, mentions, sources, articles, representative, salience)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                (predicate, value, start, end, gran, key, int(c.disagree), len(members), sources, articles,
                 representative, salience))
            conn.executemany("UPDATE events SET cluster_id = ? WHERE id = ?",
                             [(cur.lastrowid, m.key) for m in members])
            merged += len(members) > 1
    return BuildReport(len(mentions), len(clusters), merged, groups, time.perf_counter() - began)
