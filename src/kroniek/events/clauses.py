"""Tokens with coarse categories, and clauses, for one sentence.

Clauses are found from part-of-speech categories alone (no parser): a new
clause starts at a subordinating conjunction, a relative pronoun, clause
punctuation, or a coordinating conjunction once the current clause has a
verb. This keeps the fast path free of Frog's slow dependency parser.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from ..temporal.lexicon import fold

CLAUSE_PUNCT = frozenset(",;:()\"“”«»'‘’—–")
QUOTES = frozenset("\"“”«»'‘’")


@dataclass(frozen=True)
class Tok:
    """One token: half-open offsets, text, category, verb form, lemma."""

    start: int
    end: int
    text: str
    cat: str
    form: str
    lemma: str

    @property
    def low(self) -> str:
        """The folded text."""
        return fold(self.text)


@dataclass
class Clause:
    """Tokens ``[i, j)`` of a sentence.

    Attributes:
        kind: ``main`` or ``sub`` (opened by a conjunction or relative pronoun).
        opener: the folded word that opened it, if any.
        quoted: inside quotation marks.
    """

    i: int
    j: int
    kind: str
    opener: str = ""
    quoted: bool = False

    def finite(self, toks: list[Tok]) -> int | None:
        """Index of the first finite verb, if any."""
        for k in range(self.i, self.j):
            if toks[k].cat == "VERB" and toks[k].form == "finite":
                return k
        return None


def make_tokens(text: str, raw: list[tuple[int, int, str, str]],
                universal: Callable[[str], tuple[str, str]]) -> list[Tok]:
    """Tokens from stored ``(start, end, tag, lemma)`` using a tagset mapping."""
    out = []
    for start, end, tag, lemma in raw:
        cat, form = universal(tag)
        out.append(Tok(start, end, text[start:end], cat, form, fold(lemma)))
    return out


def split_clauses(toks: list[Tok]) -> list[Clause]:
    """Split a sentence's tokens into clauses (see module docstring)."""
    clauses: list[Clause] = []
    start, kind, opener, quoted = 0, "main", "", False
    has_verb = False
    for k, t in enumerate(toks):
        boundary = False
        new_kind, new_opener = "main", ""
        if t.cat in ("SCONJ", "PRON_REL"):
            boundary, new_kind, new_opener = True, "sub", t.low
        elif t.cat == "PUNCT" and t.text in CLAUSE_PUNCT:
            boundary = True
        elif t.cat == "CCONJ" and has_verb:
            boundary = True
        if boundary and t.cat == "PUNCT":
            # punctuation closes the current clause; the next one starts after it
            if k + 1 > start:
                clauses.append(Clause(start, k + 1, kind, opener, quoted))
            start, kind, opener, has_verb = k + 1, "main", "", False
        elif boundary and k > start:
            clauses.append(Clause(start, k, kind, opener, quoted))
            start, kind, opener, has_verb = k, new_kind, new_opener, False
        elif boundary:
            kind, opener = new_kind, new_opener
        if t.cat == "PUNCT" and t.text in QUOTES:
            quoted = not quoted
        if t.cat == "VERB" and t.form in ("finite", "infinitive", "participle"):
            has_verb = True
    if start < len(toks):
        clauses.append(Clause(start, len(toks), kind, opener, quoted))
    return clauses


def clause_of(clauses: list[Clause], k: int) -> int:
    """Index of the clause holding token ``k``."""
    for n, c in enumerate(clauses):
        if c.i <= k < c.j:
            return n
    return len(clauses) - 1


def token_at(toks: list[Tok], offset: int) -> int | None:
    """Index of the token covering character ``offset``, or the next one."""
    for k, t in enumerate(toks):
        if t.end > offset:
            return k
    return None
