"""Sentence tense from CGN part-of-speech tags (the tagset Frog uses).

Finite verbs are tagged ``WW(pv,tgw,...)`` (present) or ``WW(pv,verl,...)``
(past), participles ``WW(vd,...)``. A finite form of a future auxiliary
(lemma list ``future_lemmas`` in the language data) makes the sentence
future; a past finite verb makes it past; a present perfect auxiliary
(``perfect_lemmas``) with a participle is past too; any other finite verb
makes it present.
"""
from __future__ import annotations

from .frog import FrogToken


def tense_from_tags(tokens: list[FrogToken], future_lemmas: frozenset[str],
                    perfect_lemmas: frozenset[str]) -> str | None:
    """``"future"``, ``"past"``, ``"present"`` or None (no finite verb)."""
    finite = [t for t in tokens if t.pos.startswith("WW(pv")]
    if not finite:
        return None
    if any(t.lemma in future_lemmas for t in finite):
        return "future"
    if any(",verl" in t.pos for t in finite):
        return "past"
    if any(t.lemma in perfect_lemmas for t in finite) and any(t.pos.startswith("WW(vd") for t in tokens):
        return "past"
    return "present"
