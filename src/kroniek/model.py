"""The data model: articles, sentences, time expressions, mentions, events.

Every span is a half-open character range ``[start, end)`` into the
article's original text. Every datetime is timezone-aware.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from .temporal.calendar import Interval
from .temporal.dct import DCT


@dataclass
class Timex:
    """One TIMEX3 time expression (TimeML 1.2.1, section 2.2).

    Attributes:
        start, end: half-open character offsets of the expression.
        text: the expression as written.
        tid: TimeML id, ``t1``, ``t2`` ... (``t0`` is the DCT).
        type: ``DATE``, ``TIME``, ``DURATION`` or ``SET``.
        value: the TIMEX3 value (ISO 8601 based; ``X`` where unknown).
        mod: TIMEX3 mod (START, END, APPROX, BEFORE, ...) or None.
        interval: the half-open calendar interval, or None (durations that
            are not anchored, sets, vague references).
        anchor: ``"dct"`` or the tid of the time it was anchored on, or None
            for absolute values.
        rule: id of the rule that produced it (``nl:date.day_month_year``).
        confidence: in [0, 1].
        exact: False when the anchor was too coarse to fix one value and
            the interval is the hull of the possible readings.
        reason: a sentence saying how the value was chosen.
        quant, freq: TIMEX3 set attributes.
        begin, end_point: the two ends of a range (as Timex without text).
    """

    start: int
    end: int
    text: str
    tid: str
    type: str
    value: str
    mod: str | None = None
    interval: Interval | None = None
    anchor: str | None = None
    rule: str = ""
    confidence: float = 0.9
    exact: bool = True
    reason: str = ""
    quant: str | None = None
    freq: str | None = None
    begin: "Timex | None" = None
    end_point: "Timex | None" = None

    @property
    def anchor_time_id(self) -> str | None:
        """TimeML ``anchorTimeID``: ``t0`` for the DCT, else the anchor's tid."""
        if self.anchor is None:
            return None
        return "t0" if self.anchor == "dct" else self.anchor

    def to_json(self) -> dict[str, Any]:
        """The public JSON shape (see README, "kroniek tag")."""
        out: dict[str, Any] = {
            "tid": self.tid, "start": self.start, "end": self.end, "text": self.text,
            "type": self.type, "value": self.value, "mod": self.mod,
            "interval": self.interval.to_json() if self.interval else None,
            "anchor": self.anchor, "rule": self.rule, "confidence": round(self.confidence, 3),
            "exact": self.exact, "reason": self.reason,
        }
        if self.quant or self.freq:
            out["quant"], out["freq"] = self.quant, self.freq
        if self.begin and self.end_point:
            out["range"] = {"begin": self.begin.value, "end": self.end_point.value}
        return out


@dataclass
class Sentence:
    """A sentence or an intertitle of an article.

    Attributes:
        start, end: half-open character offsets into the article text.
        kind: ``"title"``, ``"intertitle"`` or ``"sentence"``.
        paragraph: 0-based paragraph number.
        tense: ``past``, ``present``, ``future`` or None when unknown.
        tokens: ``(start, end, pos, lemma)`` per token when known.
    """

    start: int
    end: int
    kind: str = "sentence"
    paragraph: int = 0
    tense: str | None = None
    tokens: list[tuple[int, int, str, str]] = field(default_factory=list)


@dataclass
class Mention:
    """A named-entity mention.

    Attributes:
        start, end: half-open character offsets of the name only (no
            titles, articles or prepositions).
        text: the name as written.
        type: PER, ORG, LOC, MISC or NORP.
        title: a title or role written before the name ("minister"), or None.
        source: which component found it (``frog``, ``propagation``, ...).
        confidence: in [0, 1].
    """

    start: int
    end: int
    text: str
    type: str
    title: str | None = None
    source: str = "frog"
    confidence: float = 0.8


@dataclass
class Event:
    """A dated happening, from one sentence (first version: one per sentence).

    Attributes:
        sentence: index into the article's sentences.
        interval: when it happened, half-open.
        value: TIMEX3 value of that date.
        anchoring: ``timex`` (dated by an expression in the sentence) or
            ``dct`` (a past-tense sentence dated by the publication date).
        timex: index into the article's timexes when anchoring is ``timex``.
        mentions: indexes into the article's mentions inside the sentence.
        pronoun_mentions: mentions of earlier sentences a subject pronoun
            of this sentence refers to.
        signal, relation: the signal word before the dating expression and
            the TimeML relation it sets (``sinds`` → BEGUN_BY).
    """

    sentence: int
    interval: Interval
    value: str
    anchoring: str
    timex: int | None = None
    mentions: list[int] = field(default_factory=list)
    pronoun_mentions: list[int] = field(default_factory=list)
    signal: str | None = None
    relation: str = "INCLUDES"


@dataclass
class Article:
    """One dated news article as read from input.

    Attributes:
        text: the body text; offsets of all annotations point into it.
        dct: the publication date with its granularity.
        ext_id: the id given in the input, if any.
        title, url, source, lang: optional metadata.
        origin: ``"path:line"`` or ``"path:record N"`` where it was read.
    """

    text: str
    dct: DCT
    ext_id: str | None = None
    title: str | None = None
    url: str | None = None
    source: str | None = None
    lang: str | None = None
    origin: str = ""
    intertitles: list[tuple[int, int]] = field(default_factory=list)


@dataclass
class Annotated:
    """An article with everything found in it, ready to store."""

    article: Article
    lang: str
    sentences: list[Sentence]
    timexes: list[Timex]
    mentions: list[Mention]
    events: list[Event]
    mention_sentence: list[int] = field(default_factory=list)
