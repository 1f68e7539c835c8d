"""Sentence tense from word lists, for anchoring when no tagger is at hand.

The language data (``tense`` section of the lexicon) lists future and past
auxiliaries, common past forms, perfect auxiliaries with a participle
pattern, and present forms. A future or past entry of several words
("set to", "is to") marks its tense on its first word, before any
single-word reading of that word ("set" alone is a past form). A parser's
tags (Frog) override this guess when the caller passes them in.
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
    phrases = {}
    for tense in ("future", "past"):
        for w in data.get(tense, []):
            words = tuple(fold(w).split())
            if len(words) > 1:
                phrases.setdefault(words[0], []).append((words[1:], tense))
    lexicon.data["__tense"] = compiled = {
        "future": frozenset(fold(w) for w in data.get("future", []) if " " not in w),
        "past": frozenset(fold(w) for w in data.get("past", []) if " " not in w),
        "phrases": phrases,
        "perfect": frozenset(fold(w) for w in data.get("perfect_auxiliaries", [])),
        "present": frozenset(fold(w) for w in data.get("present", [])),
        "participle": re.compile(data["participle"]) if data.get("participle") else None,
        "past_form": re.compile(data["past_form"]) if data.get("past_form") else None,
        "not_past": frozenset(fold(w) for w in data.get("not_past", [])),
        "auxiliaries": frozenset(fold(w) for w in data.get("auxiliaries", [])),
        "nearest": data.get("scope") == "nearest",
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
    phrases = data["phrases"]
    marks = {_phrase_tense(words, k, phrases) for k, w in enumerate(words) if w in phrases}
    wordset = set(words)
    if "future" in marks or wordset & data["future"]:
        return "future"
    if "past" in marks or wordset & data["past"]:
        return "past"
    participle, past_form = data["participle"], data["past_form"]
    if wordset & data["perfect"] and participle and any(participle.match(w) for w in words):
        return "past"
    if past_form and any(past_form.match(w) and w not in data["not_past"] for w in words):
        return "past"
    if wordset & data["present"]:
        return "present"
    return None


def uses_nearest(lexicon: Lexicon) -> bool:
    """True when the language data asks for the tense nearest each expression (``tense: {scope: nearest}``)."""
    return _compiled(lexicon)["nearest"]


def tense_marks(words: list[str], lexicon: Lexicon) -> list[str | None]:
    """The tense each word of a sentence marks by itself, or None.

    Future and past auxiliaries and past forms mark their tense; a perfect
    auxiliary followed within three words by a participle marks the past;
    present forms mark the present. A past form right after one of the
    ``auxiliaries`` ("is expected", "must be paid") is a participle and
    marks nothing.

    Returns:
        One entry per word: ``"future"``, ``"past"``, ``"present"`` or None.
    """
    data = _compiled(lexicon)
    phrases = data["phrases"]
    return [(_phrase_tense(words, k, phrases) if w in phrases else None) or _word_tense(words, k, data)
            for k, w in enumerate(words)]


def _word_tense(words: list[str], k: int, data: dict) -> str | None:
    """The tense ``words[k]`` marks by itself (see :func:`tense_marks`), or None."""
    w = words[k]
    participle, past_form = data["participle"], data["past_form"]
    after_aux = k > 0 and words[k - 1] in data["auxiliaries"]
    if w in data["future"]:
        return "future"
    if w in data["past"] and not after_aux:
        return "past"
    if w in data["perfect"] and participle and any(participle.match(x) for x in words[k + 1:k + 4]):
        return "past"
    if w in data["present"]:
        return "present"
    if past_form and past_form.match(w) and w not in data["not_past"] and not after_aux:
        return "past"
    return None


def _phrase_tense(words: list[str], k: int, phrases: dict) -> str | None:
    """The tense of a several-word entry starting at ``words[k]``, or None."""
    for rest, tense in phrases.get(words[k], ()):
        if tuple(words[k + 1:k + 1 + len(rest)]) == rest:
            return tense
    return None


def nearest_tense(marks: list[str | None], start: int, end: int) -> str | None:
    """The tense of the marked word nearest to the words ``[start, end)``.

    Words inside the span do not count; on equal distance the word before
    the span wins.
    """
    best: tuple[int, int] | None = None
    found = None
    for k, mark in enumerate(marks):
        if mark is None or start <= k < end:
            continue
        key = (start - k, 0) if k < start else (k - end + 1, 1)
        if best is None or key < best:
            best, found = key, mark
    return found


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans ``[start, end)`` for tense guessing.

    A stop followed by a digit or a lower-case letter ("Jan. 14", "approx.
    three") ends no sentence.
    """
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        nxt = text[m.end():m.end() + 1]
        if nxt and (nxt.isdigit() or nxt.islower()) and not text[m.start():m.end()].count("\n"):
            continue
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans
