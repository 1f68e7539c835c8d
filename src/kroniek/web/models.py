"""The pydantic models of every request and response of the REST API (they make ``/openapi.json``)."""
from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ErrorBody(BaseModel):
    """What went wrong: a code to act on and a message to show."""

    code: str = Field(description="not_found, bad_request, invalid_request, unauthorized, too_large, ...")
    message: str


class ErrorResponse(BaseModel):
    """The body of every error response."""

    error: ErrorBody


class Interval(BaseModel):
    """A half-open interval [start, end) of ISO 8601 UTC times; null where open."""

    start: str | None
    end: str | None
    granularity: str | None = None


class Bounds(BaseModel):
    """A mention's own bounds [start, end) as ISO 8601 UTC times; null where open."""

    start: str | None
    end: str | None


class EventDate(BaseModel):
    """A merged event's date: TIMEX3 value, interval, and where it sorts."""

    value: str
    interval: Interval
    sort: str


class Expression(BaseModel):
    """The time expression that dated a mention, with its offsets (article and sentence, half-open)."""

    text: str
    value: str
    mod: str | None
    rule: str
    reason: str
    start: int
    end: int
    sentence_start: int
    sentence_end: int


class ArticleRef(BaseModel):
    """An article as a source: its id, title, publication date, publisher and URL."""

    id: str
    title: str | None
    published: str
    source: str | None
    url: str | None


class EntityMention(BaseModel):
    """An entity mention taking part in an event."""

    name: str
    type: str
    title: str | None
    link: str
    role: str | None
    id: str | None = Field(None, description="the canonical entity's id")


class Source(BaseModel):
    """One mention of a merged event: its article, sentence, own date and how it is told."""

    article: ArticleRef
    sentence: str
    value: str
    interval: Bounds
    expression: Expression | None
    relation: str
    factuality: str
    claimed_by: str | None
    syndication_group: int


class Entry(BaseModel):
    """One merged event on a timeline."""

    id: int
    date: EventDate
    sentence: str
    expression: Expression | None
    anchoring: str
    relation: str
    signal: str | None
    factuality: Literal["asserted", "reported"] | str
    claimed_by: str | None
    article: ArticleRef
    entities: list[EntityMention]
    match: str
    group: str | None
    independent_sources: int
    mentions: int
    sources_disagree: bool
    salience: float
    sources: list[Source]


class TimelinePage(BaseModel):
    """One page of a timeline: ``total`` entries match; ``next`` is the cursor of the next page."""

    total: int
    offset: int
    limit: int | None
    next: str | None
    entries: list[Entry]


class StoredArticle(BaseModel):
    """An article's stored fields and text."""

    ext_id: str
    title: str | None
    url: str | None
    source: str | None
    lang: str
    dct_value: str
    dct_start: str
    dct_end: str
    dct_granularity: str
    origin: str | None
    text: str


class SentenceSpan(BaseModel):
    idx: int
    start: int
    end: int
    kind: str
    tense: str | None


class TimexSpan(BaseModel):
    tid: str
    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None
    interval_start: str | None
    interval_end: str | None
    granularity: str | None
    anchor: str | None
    rule: str
    confidence: float
    exact: int
    reason: str
    range_begin: str | None
    range_end: str | None


class MentionSpan(BaseModel):
    start: int
    end: int
    text: str
    type: str
    title: str | None
    source: str
    entity: str | None


class EventSpan(BaseModel):
    value: str
    interval_start: str | None
    interval_end: str | None
    anchoring: str
    relation: str
    signal: str | None
    sentence: int
    event: int | None = Field(None, description="the merged event it belongs to")


class ArticleDetails(BaseModel):
    """An article with its time expressions, entity mentions and events as half-open offsets."""

    article: StoredArticle
    sentences: list[SentenceSpan]
    timexes: list[TimexSpan]
    mentions: list[MentionSpan]
    events: list[EventSpan]


class EntityMatch(BaseModel):
    id: str
    name: str
    type: str
    mentions: int
    articles: int
    matched: str | None = Field(None, description="the name or alias that matched")


class EntityList(BaseModel):
    """A page of entities whose name or alias starts with the query."""

    total: int
    offset: int
    limit: int
    entities: list[EntityMatch]


class Entity(BaseModel):
    id: str
    name: str
    type: str
    mentions: int
    articles: int
    aliases: list[str]


class EntityPage(BaseModel):
    """An entity with its aliases and one page of its timeline."""

    entity: Entity
    timeline: TimelinePage


class Stats(BaseModel):
    """How big the archive is, with its most mentioned entities."""

    articles: int = Field(description="articles stored")
    events: int = Field(description="merged events (timeline entries)")
    entities: list[EntityMatch] = Field(description="the most mentioned entities, at most 8")


class ArticleHit(BaseModel):
    id: str
    title: str | None
    published: str
    source: str | None
    url: str | None
    events: int = Field(description="its merged events that match")


class Bucket(BaseModel):
    bucket: str
    count: int


class Histogram(BaseModel):
    unit: str
    published: list[Bucket] = Field(description="matching articles per unit of publication date")
    happened: list[Bucket] = Field(description="their matching merged events per unit of when they happened")


class SearchResult(BaseModel):
    """A page of matching articles, by publication date, and histograms over all of them."""

    total: int
    offset: int
    limit: int
    articles: list[ArticleHit]
    histogram: Histogram


class RecordError(BaseModel):
    where: str
    reason: str


class Job(BaseModel):
    """A background ingest and how far it got."""

    id: str
    state: Literal["queued", "running", "done", "failed"]
    format: str
    bytes: int
    read: int = 0
    stored: int = 0
    present: int = 0
    skipped: int = 0
    errors: list[RecordError] = Field(default_factory=list, description="the skipped records (the first 1,000)")
    message: str | None = None
    created_at: str
    started_at: str | None = None
    finished_at: str | None = None


class MergeRequest(BaseModel):
    keep: str = Field(min_length=1, max_length=500, description="the entity to keep (id, name or alias)")
    other: str = Field(min_length=1, max_length=500, description="the entity merged into it")


class SplitRequest(BaseModel):
    entity: str = Field(min_length=1, max_length=500)
    names: list[str] = Field(default_factory=list, max_length=100)
    articles: list[str] = Field(default_factory=list, max_length=1000)
