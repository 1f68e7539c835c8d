"""Links of an event: its time (a TLINK), its participants and its source.

Time: the dated time expression in the trigger's own clause governs it; a
signal word just before the expression sets the relation ("sinds" →
BEGUN_BY, "voor" → BEFORE, "na" → AFTER, "tot" → ENDED_BY, "tussen" →
DURING; otherwise IS_INCLUDED, TimeML 1.2.1 TLINK relTypes). Without one
the clause's tense anchors it on the publication date: past → BEFORE,
present → INCLUDES, future → AFTER.

Participants: entity mentions in the trigger's clause; the one before the
finite verb (or right after it, in an inverted main clause) is the subject,
one after a preposition is oblique, others are objects.

Source: "volgens X" / "aldus X" make X the source of the sentence's other
events; a verb of saying with subject X makes X the source of the events in
the other clauses of its sentence. Such events are reported, not asserted.
"""
from __future__ import annotations

from ..model import Mention, Timex
from ..temporal.lexicon import fold
from .clauses import Clause, Tok, clause_of, token_at
from .langdata import EventData
from .triggers import Trigger

ENTITY_TYPES = ("PER", "ORG", "LOC", "NORP", "MISC")


def dated(t: Timex) -> bool:
    """True for a time expression that pins a time (not a set, vague reference or bare duration)."""
    return t.interval is not None and t.type in ("DATE", "TIME", "DURATION") and not t.value.endswith("_REF")


def timex_clauses(toks: list[Tok], clauses: list[Clause], timexes: list[tuple[int, Timex]]
                  ) -> dict[int, list[int]]:
    """Clause index → indexes of the dated time expressions that start in it."""
    out: dict[int, list[int]] = {}
    for n, t in timexes:
        k = token_at(toks, t.start)
        if k is not None and dated(t):
            out.setdefault(clause_of(clauses, k), []).append(n)
    return out


def signal_before(text: str, sentence_start: int, t: Timex, data: EventData) -> tuple[str, str] | None:
    """The signal word right before a time expression and its relation, if any."""
    before = text[sentence_start:t.start].split()
    if not before:
        return None
    word = fold(before[-1].strip(",.;:()\"'"))
    return (word, data.signals[word]) if word in data.signals else None


def roles(toks: list[Tok], clause: Clause, mentions: list[tuple[int, Mention]]) -> list[tuple[int, str]]:
    """``(mention index, role)`` for the entity mentions inside ``clause``."""
    inside = []
    for n, m in mentions:
        k = token_at(toks, m.start)
        if k is not None and clause.i <= k < clause.j and m.type in ENTITY_TYPES:
            inside.append((n, k))
    if not inside:
        return []
    finite = clause.finite(toks)
    out: list[tuple[int, str]] = []
    subject_taken = False
    for n, k in inside:
        after_prep = k > clause.i and toks[k - 1].cat == "ADP" or (
            k > clause.i + 1 and toks[k - 1].cat in ("DET", "ADJ") and toks[k - 2].cat == "ADP")
        if after_prep:
            out.append((n, "oblique"))
            continue
        if not subject_taken and (finite is None or k < finite or k <= finite + 2):
            out.append((n, "subject"))
            subject_taken = True
        else:
            out.append((n, "object"))
    return out


def sources(text: str, toks: list[Tok], clauses: list[Clause], triggers: list[Trigger],
            mentions: list[tuple[int, Mention]], data: EventData,
            pronoun_source: tuple[int, str] | None) -> dict[int, tuple[str, int | None]]:
    """Trigger index → ``(source text, source mention index or None)`` for reported events.

    Args:
        pronoun_source: ``(mention index, name)`` a personal pronoun of this
            sentence refers to, used when the speaker is a pronoun ("zei
            hij", "volgens hem").
    """
    out: dict[int, tuple[str, int | None]] = {}
    lows = [t.low for t in toks]
    # "volgens X", "aldus X"
    for words in data.source_words:
        for k in range(len(toks) - len(words) + 1):
            if tuple(lows[k:k + len(words)]) == words:
                after = k + len(words)
                speaker = _mention_at(toks, mentions, after)
                phrase_end = after + 1
                if speaker:
                    name, index = speaker[1].text, speaker[0]
                    while phrase_end < len(toks) and toks[phrase_end].start < speaker[1].end:
                        phrase_end += 1
                elif after < len(toks) and toks[after].cat == "PRON" and pronoun_source:
                    index, name = pronoun_source
                else:
                    name, index = _phrase(toks, after), None
                    phrase_end = after + len(name.split())
                if not name:
                    continue
                for n, trig in enumerate(triggers):
                    if not (k <= trig.k < phrase_end):
                        out.setdefault(n, (name, index))
    # a verb of saying and its subject
    for r, trig in enumerate(triggers):
        if trig.cls != "REPORTING":
            continue
        clause = clauses[trig.clause]
        speaker = None
        for n, role in roles(toks, clause, mentions):
            if role == "subject":
                speaker = next((x for x in mentions if x[0] == n), None)
        name, index = (speaker[1].text, speaker[0]) if speaker else ("", None)
        if not speaker:
            pronoun = next((k for k in range(clause.i, clause.j) if toks[k].cat == "PRON"), None)
            if pronoun is not None and pronoun_source is not None:
                index, name = pronoun_source
        if not name:
            continue
        for n, other in enumerate(triggers):
            if other.clause != trig.clause and n != r:
                out.setdefault(n, (name, index))
    return out


def _mention_at(toks: list[Tok], mentions: list[tuple[int, Mention]], k: int) -> tuple[int, Mention] | None:
    if k >= len(toks):
        return None
    for n, m in mentions:
        if m.start <= toks[k].start < m.end or (k + 1 < len(toks) and m.start <= toks[k + 1].start < m.end
                                                 and toks[k].cat == "DET"):
            return n, m
    return None


def _phrase(toks: list[Tok], k: int, limit: int = 4) -> str:
    """A short noun phrase starting at token ``k`` ("de minister"), or ""."""
    words = []
    for t in toks[k:k + limit]:
        if t.cat not in ("DET", "ADJ", "NOUN", "PROPN"):
            break
        words.append(t.text)
    return " ".join(words) if any(t.cat in ("NOUN", "PROPN") for t in toks[k:k + len(words)]) else ""
