"""Paragraphs, intertitles, sentences and tokens, with spaCy's blank pipelines.

Paragraphs are separated by blank lines. A paragraph of one short line
without closing punctuation is an intertitle ("Senator") and is never glued
onto a sentence. Within paragraphs spaCy's rule-based sentencizer splits
sentences. All offsets are half-open character offsets into the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ..model import Sentence

_ACRONYM_STOP = re.compile(r"^[^\W\d_a-z]{2,}\.$")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
MAX_INTERTITLE_CHARS = 60
MAX_INTERTITLE_WORDS = 8


@dataclass
class Segmented:
    """Sentences of a text plus the word tokens of each (for taggers).

    Attributes:
        sentences: in text order.
        tokens: per sentence, ``(start, end)`` of each non-space token.
    """

    sentences: list[Sentence]
    tokens: list[list[tuple[int, int]]] = field(default_factory=list)


@lru_cache(maxsize=4)
def pipeline(lang: str):
    """A blank spaCy pipeline with a sentencizer for ``nl`` or ``en`` (loaded once)."""
    from spacy.util import get_lang_class

    base = get_lang_class(lang.split("-")[0])

    class Defaults(base.Defaults):
        # An all-capitals word before a full stop is an acronym ending a
        # sentence ("de VS."), not an abbreviation: without such exceptions
        # the full stop stays a token of its own and ends the sentence. (Left
        # out here, not removed afterwards: the tokenizer loads its thousands
        # of exceptions once, which is a good part of an ingest's start-up.)
        tokenizer_exceptions = {k: v for k, v in base.Defaults.tokenizer_exceptions.items()
                                if not _ACRONYM_STOP.match(k)}

    nlp = type(base.__name__, (base,), {"Defaults": Defaults})()
    nlp.add_pipe("sentencizer")
    return nlp


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Paragraph spans ``[start, end)`` with surrounding whitespace trimmed."""
    spans, start = [], 0
    for m in _PARAGRAPH_BREAK.finditer(text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    out = []
    for s, e in spans:
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def is_intertitle(line: str) -> bool:
    """A short single line without closing punctuation."""
    line = line.strip()
    return ("\n" not in line and 0 < len(line) <= MAX_INTERTITLE_CHARS
            and len(line.split()) <= MAX_INTERTITLE_WORDS and line[-1] not in ".!?:;,\"'”’)")


def segment_lines(text: str, lang: str) -> Segmented:
    """One sentence per non-empty line (a text that is split into sentences already).

    Returns:
        A :class:`Segmented` whose offsets point into ``text``; a blank line
        starts a new paragraph.
    """
    nlp = pipeline(lang)
    out = Segmented([])
    paragraph, start = 0, 0
    spans = []
    for line in text.split("\n"):
        end = start + len(line)
        s, e = start, end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e, paragraph))
        elif spans:
            paragraph += 1
        start = end + 1
    for (s, e, n), doc in zip(spans, nlp.tokenizer.pipe(text[s:e] for s, e, _ in spans)):
        toks = [(t.idx + s, t.idx + len(t.text) + s) for t in doc if not t.is_space]
        if toks:
            out.sentences.append(Sentence(s, e, kind="sentence", paragraph=n))
            out.tokens.append(toks)
    return out


def segment(text: str, lang: str, lines: bool = False) -> Segmented:
    """Split ``text`` into paragraphs, intertitles and sentences with tokens.

    Args:
        text: the article text.
        lang: ``nl`` or ``en`` (regional suffixes are ignored).
        lines: the text is one sentence per line already (:func:`segment_lines`).

    Returns:
        A :class:`Segmented` whose offsets point into ``text``.
    """
    if lines:
        return segment_lines(text, lang)
    nlp = pipeline(lang)
    paras = paragraphs(text)
    out = Segmented([])
    bodies = [(n, s, e) for n, (s, e) in enumerate(paras) if not is_intertitle(text[s:e]) or len(paras) == 1]
    body_set = set(bodies)
    for n, (s, e) in enumerate(paras):
        if (n, s, e) not in body_set:
            out.sentences.append(Sentence(s, e, kind="intertitle", paragraph=n))
            out.tokens.append([(m.start() + s, m.end() + s) for m in re.finditer(r"\S+", text[s:e])])
    docs = nlp.pipe(text[s:e] for _, s, e in bodies)
    for (n, s, e), doc in zip(bodies, docs):
        for sent in doc.sents:
            toks = [(t.idx + s, t.idx + len(t.text) + s) for t in sent if not t.is_space]
            if not toks:
                continue
            out.sentences.append(Sentence(toks[0][0], toks[-1][1], kind="sentence", paragraph=n))
            out.tokens.append(toks)
    order = sorted(range(len(out.sentences)), key=lambda k: out.sentences[k].start)
    out.sentences = [out.sentences[k] for k in order]
    out.tokens = [out.tokens[k] for k in order]
    return out
