"""Per-language entity data (``lang/<code>/entities.yaml``), loaded once."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


from ..temporal.lexicon import fold, language_files, read_data, scan


@dataclass(frozen=True)
class EntityData:
    """Titles (as folded token tuples), edge words, particles and pronouns."""

    titles: frozenset[tuple[str, ...]]
    edge_words: frozenset[str]
    particles: frozenset[str]
    person_pronouns: frozenset[str]
    demonym_suffixes: tuple[str, ...]
    max_title_tokens: int


@lru_cache(maxsize=8)
def entity_data(lang: str) -> EntityData:
    """The entity data of ``lang`` with its regional layers merged.

    Raises:
        RuleDataError: when a file is malformed.
    """
    merged: dict[str, list] = {"titles": [], "edge_words": [], "particles": [], "person_pronouns": [],
                               "demonym_suffixes": []}
    for path in language_files(lang, "entities.yaml"):
        data = read_data(path)
        for key in merged:
            merged[key].extend(str(x) for x in data.get(key) or [])
    titles = frozenset(tuple(t for t, _, _ in scan(title)) for title in merged["titles"])
    return EntityData(
        titles=titles,
        edge_words=frozenset(fold(w) for w in merged["edge_words"]),
        particles=frozenset(fold(w) for w in merged["particles"]),
        person_pronouns=frozenset(fold(w) for w in merged["person_pronouns"]),
        demonym_suffixes=tuple(fold(w) for w in merged["demonym_suffixes"]),
        max_title_tokens=max((len(t) for t in titles), default=1))
