"""The mention finder: a tagger's analysis plus our own layer of language data.

:func:`find_mentions` takes one document's tokens with the tagger's
analysis (Frog for Dutch: part of speech, lemma and, when its entity module
runs, IOB entity tags; a spaCy pipeline; or nothing at all) and returns the
named-entity mentions with their types, titles and confidences. The steps:
spans per sentence (:mod:`.spans`), type evidence (:mod:`.evidence`),
then one decision per document (:mod:`.document`).
"""
from __future__ import annotations

from typing import Sequence

from ..model import Mention
from .document import resolve
from .gazetteer import gazetteer
from .langdata import entity_data
from .spans import propose
from .tokens import Analysed, tokens_of


def find_mentions(text: str, offsets: Sequence[Sequence[tuple[int, int]]],
                  analysed: Sequence[Sequence[Analysed]] | None, lang: str,
                  source: str | None = None) -> tuple[list[Mention], list[int]]:
    """Named-entity mentions of one document.

    Args:
        text: the document text.
        offsets: per sentence (intertitles included), ``(start, end)`` of every token (half-open
            character offsets into ``text``).
        analysed: per sentence, the tagger's analysis of every token, or
            None when no tagger ran.
        lang: the language code (``nl``, ``nl-BE``, ``en``).
        source: when given, the ``source`` of every mention (``heuristic``
            for the English fallback); by default it tells what found it.

    Returns:
        ``(mentions, sentence index of each mention)``, in text order.
        Offsets are half-open and cover the name only (no titles,
        articles or prepositions).

    Raises:
        RuleDataError: malformed language data.
    """
    data = entity_data(lang)
    gaz = gazetteer(lang)
    toks = [tokens_of(text, offs, analysed[k] if analysed is not None else None, data)
            for k, offs in enumerate(offsets)]
    spans = [propose(t, data, gaz) if t else [] for t in toks]
    mentions, where = [], []
    for k, m in resolve(toks, spans, data, gaz):
        m.text = text[m.start:m.end]
        if source is not None:
            m.source = source
        mentions.append(m)
        where.append(k)
    return mentions, where


__all__ = ["find_mentions"]
