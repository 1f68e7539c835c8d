"""Merging stored articles into timelines, one article per transaction (:func:`merge_pending`).

Articles are merged in the order they were stored. Merging one
(:func:`merge_article`) finds its syndication group (MinHash LSH, see
:mod:`kroniek.events.syndication`), merges its event mentions into the
merged events found so far (:mod:`kroniek.events.online`) and writes the
summaries of every merged event that changed (:mod:`kroniek.events.summary`),
all in one transaction that also marks the article merged. A crash leaves
each stored article merged or pending; the next ingest, or ``kroniek
rebuild --pending``, merges the pending ones.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, replace
from typing import Callable

from ..events.online import Merger
from ..events.records import records_of_rows, stop_words
from ..events.summary import summarise
from ..events.syndication import band_keys, join, signature
from ..store.base import Store
from .topics import topic_words


@dataclass
class BuildReport:
    """What a merge run did.

    Attributes:
        articles: articles merged.
        mentions: event mentions merged.
        changed: merged events made or changed.
        events: merged events in the archive afterwards.
        seconds: wall-clock time taken.
    """

    articles: int = 0
    mentions: int = 0
    changed: int = 0
    events: int = 0
    seconds: float = 0.0


def merge_article(store: Store, article_id: int) -> tuple[int, int]:
    """Merge one stored article (inside the caller's transaction).

    Returns:
        ``(event mentions merged, merged events made or changed)``.
    """
    data = store.merge_input(article_id)
    sig = data.signature or signature(data.text)
    bands = band_keys(sig)
    group, joined = join(article_id, sig, store.band_candidates(article_id, bands))
    records = records_of_rows([replace(e, group=group) for e in data.events])
    step = Merger(store.merge_index()).add_article(records)
    absorbed = {c for o in step.outcomes for c in o.absorbs}
    touched = {o.cluster for o in step.outcomes if o.cluster is not None} | absorbed
    if joined:
        touched |= store.clusters_of_groups(joined | {group})  # those told by two of them lose a source
    store.begin_cluster_change(touched)
    topics = topic_words(data.text, data.title, data.sentences, stop_words(data.lang))
    store.set_syndication(article_id, sig, bands, topics, group, joined)
    changed = (touched - absorbed) | set(store.apply_step(step))
    members = store.cluster_members(changed)
    states = store.cluster_states(changed)
    centrality = store.entity_centrality({e for ms in members.values() for m in ms for e in m.entities})
    store.end_cluster_change({cid: summarise(states[cid], ms, centrality) for cid, ms in members.items()})
    store.mark_merged(article_id)
    return len(records), len(changed)


def merge_pending(store: Store, on_article: Callable[[int], None] | None = None,
                  totals: bool = True) -> BuildReport:
    """Merge every pending article, first stored first, each in its own transaction.

    Args:
        on_article: called with each merged article's id.
        totals: count the archive's merged events afterwards (``events``; 0 when False).

    Returns:
        A :class:`BuildReport`.
    """
    report = BuildReport()
    began = time.perf_counter()
    while True:
        with store.transaction(lock="merge"):  # one merger at a time, whatever else runs
            article_id = store.next_pending()
            if article_id is None:
                break
            mentions, changed = merge_article(store, article_id)
        report.articles += 1
        report.mentions += mentions
        report.changed += changed
        if on_article:
            on_article(article_id)
    report.events = store.event_count() if totals else 0
    report.seconds = time.perf_counter() - began
    return report


def rebuild(store: Store, on_article: Callable[[int], None] | None = None) -> BuildReport:
    """Merge the whole archive again from its stored events (after an upgrade of the rules)."""
    store.reset_merging()
    return merge_pending(store, on_article)
