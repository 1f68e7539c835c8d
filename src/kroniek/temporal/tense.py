"""Sentence tense from word lists, for anchoring when no tagger is at hand.

The language data (``tense`` section of the lexicon) lists future and past
auxiliaries, common past forms, perfect auxiliaries with a participle
pattern, and present forms. A parser's tags (Frog) override this guess when
the caller passes them in.
"""
from __future__ import annotations

import re

from .lexicon import Lexicon, fold

SENTENCE_END = re.compile(r"(?<=[.!?:;])\s+|\n\s*\n|\n(?=\S)")


def _compiled(lexicon: Lexicon) -> dict:
    cached = lexicon.data.get("__tense")
    if cached is not None:
        return cached
    data = lexicon.data.get("tense") or {}
    lexicon.data["__tense"] = compiled = {
        "future": frozenset(fold(w) for w in data.get("future", [])),
        "past": frozenset(fold(w) for w in data.get("past", [])),
        "perfect": frozenset(fold(w) for w in data.get("perfect_auxiliaries", [])),
        "present": frozenset(fold(w) for w in data.get("present", [])),
        "participle": re.compile(data["participle"]) if data.get("participle") else None,
        "past_form": re.compile(data["past_form"]) if data.get("past_form") else None,
        "not_past": frozenset(fold(w) for w in data.get("not_past", [])),
    }
    return compiled


def guess_tense(words: list[str], lexicon: Lexicon) -> str | None:
    """Guess the tense of one sentence from its folded words.

    Returns:
        ``"future"``, ``"past"``, ``"present"`` or None when nothing tells.
    """
    data = _compiled(lexicon)
    if not data["past"] and not data["future"]:
        return None
    wordset = set(words)
    if wordset & data["future"]:
        return "future"
    if wordset & data["past"]:
        return "past"
    participle, past_form = data["participle"], data["past_form"]
    if wordset & data["perfect"] and participle and any(participle.match(w) for w in words):
        return "past"
    if past_form and any(past_form.match(w) and w not in data["not_past"] for w in words):
        return "past"
    if wordset & data["present"]:
        return "present"
    return None


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans ``[start, end)`` for tense guessing."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
