"""Entity mentions from IOB2 tags, trimmed to the name itself.

Titles and roles before a name become the mention's ``title`` ("president
Trump" → Trump, title president); articles and prepositions at the edges
are dropped ("van Trump" → Trump), while a capitalised particle that starts
a surname stays ("Van Gogh").
"""
from __future__ import annotations

from ..model import Mention
from ..temporal.lexicon import fold
from .langdata import EntityData

#: Frog's entity types mapped to ours (CoNLL-2002 style).
FROG_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "PRO": "MISC", "EVE": "MISC", "MISC": "MISC"}


def spans_from_iob(tags: list[str]) -> list[tuple[int, int, str]]:
    """Token spans ``[i, j)`` with their type from IOB2 tags (tolerates I- without B-)."""
    spans, start, kind = [], None, None
    for k, tag in enumerate(tags + ["O"]):
        prefix, _, label = tag.partition("-")
        label = label.split("_")[0]
        if prefix == "B" or prefix == "O" or (prefix == "I" and label != kind):
            if start is not None:
                spans.append((start, k, kind))
            start, kind = (k, label) if prefix in ("B", "I") else (None, None)
    return spans


def _title_before(text: str, tokens: list[tuple[int, int]], i: int, data: EntityData) -> str | None:
    for n in range(min(data.max_title_tokens, i), 0, -1):
        words = tuple(fold(text[s:e]) for s, e in tokens[i - n:i])
        if words in data.titles:
            return text[tokens[i - n][0]:tokens[i - 1][1]]
    return None


def clean_span(text: str, tokens: list[tuple[int, int]], i: int, j: int,
               data: EntityData) -> tuple[int, int, str | None]:
    """Trim titles and edge words from tokens ``[i, j)``; return the new span and the title."""
    title = None
    changed = True
    while changed and i < j:
        changed = False
        words = [fold(text[s:e]) for s, e in tokens[i:j]]
        for n in range(min(data.max_title_tokens, j - i - 1), 0, -1):
            if tuple(words[:n]) in data.titles:
                title = text[tokens[i][0]:tokens[i + n - 1][1]]
                i += n
                changed = True
                break
        if changed:
            continue
        first = text[tokens[i][0]:tokens[i][1]]
        keeps_particle = (first[:1].isupper() and fold(first) in data.particles and j - i > 1)
        if fold(first) in data.edge_words and not keeps_particle and j - i > 1:
            i += 1
            changed = True
        elif j - i > 1 and fold(text[tokens[j - 1][0]:tokens[j - 1][1]]) in data.edge_words:
            j -= 1
            changed = True
    if title is None:
        title = _title_before(text, tokens, i, data)
    return i, j, title


def mentions_from_tags(text: str, tokens: list[tuple[int, int]], tags: list[str],
                       data: EntityData, source: str = "frog") -> list[Mention]:
    """Mentions of one sentence.

    Args:
        text: the article text.
        tokens: ``(start, end)`` of each token of the sentence.
        tags: IOB2 tag per token (Frog's types).
        data: the language's entity data.

    Returns:
        Mentions with half-open character offsets, names only.
    """
    out = []
    for i, j, kind in spans_from_iob(tags):
        i, j, title = clean_span(text, tokens, i, j, data)
        if i >= j:
            continue
        start, end = tokens[i][0], tokens[j - 1][1]
        name = text[start:end]
        if not any(ch.isupper() for ch in name):
            continue  # a lower-case word is not a name ("minister")
        mtype = FROG_TYPES.get(kind, "MISC")
        if (mtype in ("LOC", "MISC") and j - i == 1
                and any(fold(name).endswith(sfx) for sfx in data.demonym_suffixes)):
            mtype = "NORP"  # "Amerikaanse", "Russische": a nationality, not a place
        out.append(Mention(start, end, name, mtype, title=title, source=source))
    return out
