"""The data model: articles, sentences, time expressions, mentions, events.

Every span is a half-open character range ``[start, end)`` into the
article's original text. Every datetime is timezone-aware.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
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
        begin, end_point: the two ends of a range, each with its own text
            span when the text names it ("from [1985] to [1987]"), else an
            empty span at the range's edge.
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
        source: which component found it (``frog``: the tagger's entity
            module, ``rules``: our own layer, ``propagation``: another
            occurrence of a name found elsewhere in the document,
            ``spacy``, ``heuristic``: the English fallback without a model).
        confidence: in [0, 1].
        full: for a short form, the full name it stands for in the same
            document ("Sessions" → "Jeff Sessions"), else None.
    """

    start: int
    end: int
    text: str
    type: str
    title: str | None = None
    source: str = "frog"
    confidence: float = 0.8
    full: str | None = None


@dataclass
class Event:
    """An event mention: a trigger in a sentence, dated relative to a time.

    Attributes:
        sentence: index into the article's sentences.
        value: TIMEX3 value of the reference time.
        anchoring: ``timex`` (a time expression in its clause dates it) or
            ``dct`` (the clause's tense relates it to the publication date).
        relation: TimeML TLINK relType from the event to the reference time:
            IS_INCLUDED, BEFORE, AFTER, BEGUN_BY, ENDED_BY, DURING, INCLUDES.
        reference: the reference time's interval (half-open).
        start, end: the bounds the relation allows for the event; None is
            unbounded ("before March 2017" has no start).
        timex: index into the article's timexes when anchoring is ``timex``.
        trigger, trigger_start, trigger_end: the head word and its offsets
            (None for a sentence dated without a recognised trigger).
        lemma, predicate: its lemma and synonym class.
        pos: ``verb`` or ``noun``; cls: TimeML class (OCCURRENCE, REPORTING).
        main: the sentence's main event (the one a timeline shows).
        tense: the tense of its clause.
        roles: ``(mention index, role)``: subject, object, oblique.
        pronoun_mentions: mentions of earlier sentences a subject pronoun
            of this sentence refers to.
        signal: the signal word before the dating expression ("sinds").
        factuality: ``asserted``, or ``reported`` when a source claims it.
        source, source_mention: who claims it ("Sessions") and that mention.
    """

    sentence: int
    value: str
    anchoring: str
    relation: str
    reference: Interval
    start: datetime | None
    end: datetime | None
    timex: int | None = None
    trigger: str | None = None
    trigger_start: int | None = None
    trigger_end: int | None = None
    lemma: str | None = None
    predicate: str | None = None
    pos: str | None = None
    cls: str = "OCCURRENCE"
    main: bool = True
    tense: str | None = None
    roles: list[tuple[int, str]] = field(default_factory=list)
    pronoun_mentions: list[int] = field(default_factory=list)
    signal: str | None = None
    factuality: str = "asserted"
    source: str | None = None
    source_mention: int | None = None

    @property
    def interval(self) -> Interval | None:
        """The bounds as an interval, or None when one side is open."""
        if self.start is None or self.end is None or not self.start < self.end:
            return None
        return Interval(self.start, self.end, self.reference.granularity)

    @property
    def mentions(self) -> list[int]:
        """Indexes of the mentions in its clause."""
        return [n for n, _ in self.roles]


@dataclass
class Article:
    """One dated news article as read from input.

    Attributes:
        text: the body text; offsets of all annotations point into it.
        dct: the publication date with its granularity.
        ext_id: the id given in the input, if any.
        title, url, source, lang: optional metadata.
        origin: ``"path:line"`` or ``"path:record N"`` where it was read.
        lines: the text holds one sentence per line (tokenised corpora such
            as Timeline17): every non-empty line is a sentence.
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
    lines: bool = False


@dataclass
class Annotated:
    """An article with everything found in it, ready to store.

    ``signature`` is the MinHash signature of its text
    (:func:`kroniek.events.syndication.signature`), or None when not computed yet.
    """

    article: Article
    lang: str
    sentences: list[Sentence]
    timexes: list[Timex]
    mentions: list[Mention]
    events: list[Event]
    mention_sentence: list[int] = field(default_factory=list)
    signature: bytes | None = None
