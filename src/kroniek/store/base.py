"""The storage interface: everything kroniek keeps, behind one class (:class:`Store`).

Ingest, merging, timelines, entities, ``show`` and the evaluations talk to
a :class:`Store`; only the backends (``kroniek.store.sqlite``) hold SQL.
Times cross the interface as timezone-aware datetimes or ISO 8601 text in
UTC, offsets as half-open character offsets into the article text.

Merging goes through the store one article per transaction::

    with store.transaction():
        article = store.next_pending()
        ...                       # see kroniek.timeline.build.merge_article

so that a crash leaves every stored article merged or pending, never half
merged.
"""
from __future__ import annotations

from abc import ABC, abstractmethod
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from ..events.online import ClusterState, MergeIndex, Step
from ..events.records import StoredEvent
from ..events.summary import Member, Summary
from ..model import Annotated, Event


@dataclass
class TimelineQuery:
    """A timeline query in the store's terms (built by :class:`kroniek.timeline.Timeline`).

    Attributes:
        words: words to find (each required), as the full-text index splits them; empty for none.
        direct: only a merged event's own sentences and entity names, not
            its articles' topic words.
        entity_ids: only merged events involving one of these entities
            (store ids); None for no entity filter.
        entity_words: only merged events with a mention named with these words
            (an entity name no canonical entity has); None for none.
        start, end: keep merged events whose date overlaps ``[start, end)``:
            their interval when bounded and agreed, else the moment they are
            placed at; None = open.
        min_sources: at least this many independent sources.
        top: only the ``top`` most salient (then in date order); None for all.
        limit: entries per page (None: all); offset: entries to skip; after:
            the cursor of the page before (instead of an offset).
    """

    words: list[str] = field(default_factory=list)
    direct: bool = False
    entity_ids: list[int] | None = None
    entity_words: list[str] | None = None
    start: datetime | None = None
    end: datetime | None = None
    min_sources: int = 1
    top: int | None = None
    limit: int | None = 100
    offset: int = 0
    after: str | None = None


@dataclass
class TimelineRows:
    """One page of a timeline query, as stored.

    Attributes:
        total: merged events matching the query (all pages).
        clusters: the page's merged events in timeline order, each a dict
            with the stored fields and ``start``/``end``/``sort`` as ISO text.
        members: merged event id → its mentions (dicts), in publication order.
        entities: event id → its entity mentions (dicts), for representatives.
        match: place → ``sentence``, ``entity`` or ``article``.
        next: the cursor of the next page, or None on the last one.
    """

    total: int
    clusters: list[dict[str, Any]]
    members: dict[int, list[dict[str, Any]]]
    entities: dict[int, list[dict[str, Any]]]
    match: dict[int, str]
    next: str | None


@dataclass
class MergeInput:
    """What merging needs of one stored article.

    Attributes:
        id: its store id; text, title, lang: its text, title and language.
        sentences: ``(start, end)`` of its sentences, in order.
        events: its event mentions that merging sees.
        signature: its MinHash signature when stored with it, else None.
    """

    id: int
    text: str
    title: str | None
    lang: str
    sentences: list[tuple[int, int]]
    events: list[StoredEvent]
    signature: bytes | None = None


@dataclass
class StoredForEvents:
    """One stored article as event extraction reads it again (``kroniek rebuild``).

    Attributes:
        id: its store id; text, lang, dct: text, language and publication date.
        sentences, timexes, mentions: as :class:`~kroniek.model.Annotated` has them.
        mention_sentence: the sentence index of each mention.
        ids: the store ids of sentences, timexes and mentions, in the same order.
    """

    id: int
    text: str
    lang: str
    dct: Any
    sentences: list
    timexes: list
    mentions: list
    mention_sentence: list[int]
    ids: tuple[list[int], list[int], list[int]]


class Store(ABC):
    """A kroniek archive: articles with their annotations, merged events and entities."""

    # -- lifecycle -----------------------------------------------------------------------------------

    @abstractmethod
    def close(self) -> None:
        """Close the connection."""

    @abstractmethod
    def transaction(self, lock: str | None = None) -> AbstractContextManager:
        """A write transaction: everything inside is kept together or not at all.

        Args:
            lock: ``"store"`` (storing articles and their entities) or ``"merge"``
                (merging): work of that kind by other processes waits until
                this transaction ends.
        """

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    # -- articles ------------------------------------------------------------------------------------

    @abstractmethod
    def has_article(self, ext_id: str | None, digest: str) -> bool:
        """True when an article with this id or content hash is stored."""

    @abstractmethod
    def store_article(self, annotated: Annotated) -> int | None:
        """Store an annotated article (one transaction) as pending; None when it is stored already."""

    @abstractmethod
    def article(self, ref: str) -> dict[str, Any]:
        """An article with its sentences, time expressions, mentions and events.

        Args:
            ref: its input id, or ``#N`` for the N-th stored article.

        Raises:
            UsageError: no such article.
        """

    @abstractmethod
    def article_count(self) -> int:
        """Articles stored."""

    @abstractmethod
    def event_count(self) -> int:
        """Merged events stored."""

    # -- merging -------------------------------------------------------------------------------------

    @abstractmethod
    def pending_count(self) -> int:
        """Stored articles not merged yet."""

    @abstractmethod
    def next_pending(self) -> int | None:
        """The first pending article (inside a transaction), or None."""

    @abstractmethod
    def merge_input(self, article_id: int) -> MergeInput:
        """What merging needs of one article."""

    @abstractmethod
    def merge_index(self) -> MergeIndex:
        """The index of merged mentions (valid inside the current transaction); ``apply(step)``
        writes a step and returns the merged event id of each outcome."""

    @abstractmethod
    def band_candidates(self, article_id: int, bands: list[int]) -> list[tuple[int, int, bytes]]:
        """``(article id, group, signature)`` of merged articles sharing one of these LSH band keys."""

    @abstractmethod
    def clusters_of_groups(self, groups: set[int]) -> set[int]:
        """Merged events with mentions from articles of at least two of these syndication groups
        (the ones whose number of independent sources changes when the groups become one)."""

    @abstractmethod
    def set_syndication(self, article_id: int, sig: bytes, bands: list[int], topics: list[str], group: int,
                        merged: set[int]) -> None:
        """Store an article's signature, band keys and topic words, and its syndication group;
        the articles of the ``merged`` groups join that group."""

    @abstractmethod
    def begin_cluster_change(self, cluster_ids: set[int]) -> None:
        """Say that these merged events are about to change (their search documents go)."""

    @abstractmethod
    def apply_step(self, step: Step) -> list[int]:
        """Write a merge step; return the merged event id of each outcome."""

    @abstractmethod
    def cluster_members(self, cluster_ids: set[int]) -> dict[int, list[Member]]:
        """Every mention of these merged events."""

    @abstractmethod
    def cluster_states(self, cluster_ids: set[int]) -> dict[int, ClusterState]:
        """The merge states of these merged events."""

    @abstractmethod
    def entity_centrality(self, keys: set[str]) -> dict[str, int]:
        """Entity key → merged mentions involving it."""

    @abstractmethod
    def end_cluster_change(self, summaries: dict[int, Summary]) -> None:
        """Store the new summaries of changed merged events (and their search documents)."""

    @abstractmethod
    def mark_merged(self, article_id: int) -> None:
        """The article is merged."""

    @abstractmethod
    def check(self) -> list[str]:
        """Problems with merging's invariants (see the backend), empty when there are none."""

    @abstractmethod
    def reset_merging(self) -> None:
        """Forget every merged event, syndication group and merge statistic; every article is pending."""

    # -- re-extraction -------------------------------------------------------------------------------

    @abstractmethod
    def article_ids(self, after: int = 0, limit: int = 1000) -> list[int]:
        """Store ids of articles after ``after``, in order, at most ``limit``."""

    @abstractmethod
    def stored_for_events(self, article_id: int) -> StoredForEvents:
        """One article as event extraction reads it."""

    @abstractmethod
    def replace_events(self, article_id: int, events: list[Event], ids: tuple[list[int], list[int], list[int]]) -> None:
        """Replace an article's events (inside the caller's transaction)."""

    # -- copying -------------------------------------------------------------------------------------

    @abstractmethod
    def table_columns(self, table: str) -> list[str]:
        """The stored columns of one of the archive's tables."""

    @abstractmethod
    def table_rows(self, table: str, batch: int = 5000) -> Any:
        """Every row of a table, in batches (lists of tuples in :meth:`table_columns` order)."""

    @abstractmethod
    def row_count(self, table: str) -> int:
        """The number of rows of a table."""

    @abstractmethod
    def add_rows(self, table: str, columns: list[str], rows: list[tuple]) -> None:
        """Insert copied rows (inside the caller's transaction)."""

    @abstractmethod
    def finish_copy(self) -> None:
        """After a copy: index the merged events' documents and set the id counters."""

    # -- timelines -----------------------------------------------------------------------------------

    @abstractmethod
    def timeline(self, query: TimelineQuery) -> TimelineRows:
        """One page of merged events matching a query, in timeline order, with the total."""

    @abstractmethod
    def events_between(self, start: datetime | None, end: datetime | None, batch: int = 500) -> Any:
        """Every merged event placed in ``[start, end)``, in timeline order, as pages
        (:class:`TimelineRows`, ``batch`` events each)."""

    @abstractmethod
    def event(self, cluster_id: int) -> TimelineRows:
        """One merged event (in the shape of a one-entry page; empty when there is none)."""

    @abstractmethod
    def search_articles(self, words: list[str], start: datetime | None = None, end: datetime | None = None,
                        unit: str = "month", limit: int = 20, offset: int = 0) -> dict[str, Any]:
        """Articles whose merged events hold all ``words``, published in ``[start, end)``, by
        publication date, a page at a time, with two histograms over all of them: articles per
        ``unit`` of publication date, and their merged events per ``unit`` of when they happened.

        Returns:
            ``{total, offset, limit, articles: [{id, title, published, source, url, events}],
            histogram: {unit, published: [{bucket, count}], happened: [...]}}``.
        """

    # -- entities ------------------------------------------------------------------------------------

    @abstractmethod
    def complete_entities(self, prefix: str, limit: int = 10, offset: int = 0) -> dict[str, Any]:
        """Entities with a name or alias that starts with ``prefix`` (folded), most mentioned first:
        ``{total, offset, limit, entities: [{id, name, type, mentions, articles, matched}]}``."""

    @abstractmethod
    def find_entities(self, ref: str) -> list[dict[str, Any]]:
        """Entities a user means by ``ref`` (an id, a name or an alias), most mentioned first."""

    @abstractmethod
    def list_entities(self, kind: str | None = None, limit: int | None = None,
                      min_mentions: int = 1) -> list[dict[str, Any]]:
        """Entities by mention count: ``{id, name, type, mentions, articles, aliases}``."""

    @abstractmethod
    def entity_summary(self, ref: str) -> dict[str, Any]:
        """``{id, name, type, mentions, articles, aliases}`` of the one entity ``ref`` means.

        Raises:
            UsageError: none or several.
        """

    @abstractmethod
    def entity_details(self, ref: str) -> dict[str, Any]:
        """The entity ``ref`` means, with its aliases and the sentences that mention it, and
        ``others``: the other entities called so.

        Raises:
            UsageError: no such entity.
        """

    @abstractmethod
    def merge_entities(self, keep: str, other: str) -> dict[str, Any]:
        """Merge entity ``other`` into ``keep``; return the kept entity."""

    @abstractmethod
    def split_entity(self, ref: str, names: list[str] | None = None,
                     articles: list[str] | None = None) -> dict[str, Any]:
        """Split mentions of an entity off into a new one; return it."""

    @abstractmethod
    def regroup_entities(self) -> int:
        """Group every mention into entities again; return the number of entities."""

    # -- tokens for the server's write endpoints -----------------------------------------------------

    @abstractmethod
    def create_token(self, name: str) -> str:
        """A new token (shown only now; the store keeps its SHA-256)."""

    @abstractmethod
    def check_token(self, token: str) -> str | None:
        """The name of a valid token, or None."""

    @abstractmethod
    def list_tokens(self) -> list[dict[str, Any]]:
        """``{name, created_at, last_used}`` of every token."""

    @abstractmethod
    def revoke_token(self, name: str) -> None:
        """Remove a token (UsageError when there is none of that name)."""
