"""Topic words of an article: what it is about, for the timeline's "articles about" matches.

A word is a topic of an article when its title or first sentence uses it
and at least :data:`ABOUT_MIN_SENTENCES` of its sentences do. Words are
folded (lower case, no diacritics) and split as the full-text index splits
them; stop words are never topics.
"""
from __future__ import annotations

import re
import unicodedata

from ..temporal.lexicon import fold

#: An article is about a word when its title or first sentence names it and at least this many sentences do.
ABOUT_MIN_SENTENCES = 3
_TOKEN = re.compile(r"[^\W_]+")


def words(text: str) -> list[str]:
    """The words of a text as the full-text index splits and folds them."""
    return _TOKEN.findall(fold(unicodedata.normalize("NFC", text)))


def topic_words(text: str, title: str | None, sentences: list[tuple[int, int]],
                stop: frozenset[str] = frozenset()) -> list[str]:
    """The topic words of an article, sorted.

    Args:
        text: the article text.
        title: its title, or None.
        sentences: ``[start, end)`` offsets of its sentences, in order.
        stop: folded stop words.
    """
    if not sentences:
        return []
    counts: dict[str, int] = {}
    for start, end in sentences:
        for w in set(words(text[start:end])):
            counts[w] = counts.get(w, 0) + 1
    lead = set(words(text[sentences[0][0]:sentences[0][1]])) | set(words(title or ""))
    return sorted(w for w in lead if counts.get(w, 0) >= ABOUT_MIN_SENTENCES and w not in stop and len(w) > 1)
