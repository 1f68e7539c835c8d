"""Per-language entity data (``lang/<code>/entities.yaml``), loaded once.

Sections of ``entities.yaml`` (all optional; regional layers add to them):

``titles``, ``title_endings``
    roles written before a name, kept as the mention's title; a word ending
    in one of ``title_endings`` is a role too ("Airbus-topman").
``edge_words``, ``particles``, ``connectors``
    words that never start or end a name; name particles ("van", "De");
    lower-case words that may join the parts of one long name.
``person_pronouns``
    subject pronouns that refer back to a person (used by events).
``legal_forms``
    words of a company's legal form ("NV", "Inc"), left out when names
    are compared across articles.
``demonym_suffixes``
    endings of capitalised adjectives that make them a group (NORP).
``pos_map``
    tag prefix → coarse word class (PROPN, NOUN, ADJ, ...).
``cldr_locale``, ``pycountry_language``, ``frog_lists``, ``demonyms``
    where the gazetteers come from (see :mod:`kroniek.entities.gazetteer`).
``weights``, ``default_type``, ``default_single_type``, ``name_words``, ``name_word_endings``,
``context_before``, ``context_before_endings``, ``context_after``, ``context_phrases``, ``min_confidence``
    the evidence for a name's type (see :mod:`kroniek.entities.evidence`).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..errors import RuleDataError
from ..temporal.lexicon import fold, language_files, read_data, scan

#: Entity types a mention may have.
TYPES = ("PER", "ORG", "LOC", "MISC", "NORP")
_LISTS = ("titles", "title_endings", "edge_words", "particles", "connectors", "person_pronouns",
          "demonym_suffixes", "legal_forms")
_TYPED = ("name_words", "name_word_endings", "context_before", "context_before_endings", "context_after",
          "context_phrases")


@dataclass(frozen=True, eq=False)
class EntityData:
    """The entity data of one language, words folded.

    Attributes:
        titles: titles as folded token tuples ("minister van justitie").
        title_endings: compound endings of role nouns.
        edge_words, particles, connectors, person_pronouns: folded words.
        demonym_suffixes: endings of group adjectives.
        max_title_tokens: the longest title, in tokens.
        pos_map: ``(tag prefix, coarse class)`` in order.
        weights: evidence name → weight.
        default_type: the type of a name without any evidence.
        typed: section → type → frozenset of folded words.
        min_confidence: mentions below this are dropped.
        raw: the merged YAML sections (for the gazetteer builder).
    """

    titles: frozenset[tuple[str, ...]]
    edge_words: frozenset[str]
    particles: frozenset[str]
    person_pronouns: frozenset[str]
    demonym_suffixes: tuple[str, ...]
    max_title_tokens: int
    title_endings: tuple[str, ...] = ()
    connectors: frozenset[str] = frozenset()
    pos_map: tuple[tuple[str, str], ...] = ()
    weights: dict[str, float] = field(default_factory=dict)
    default_type: str = "PER"
    default_single_type: str = ""
    typed: dict[str, dict[str, frozenset[str]]] = field(default_factory=dict)
    min_confidence: float = 0.35
    legal_forms: frozenset[str] = frozenset()
    raw: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def words(self, section: str, kind: str) -> frozenset[str]:
        """The folded words of ``section`` (e.g. ``name_words``) for type ``kind``."""
        return self.typed.get(section, {}).get(kind, frozenset())

    def coarse(self, tag: str) -> str:
        """The coarse word class of a tagger tag (``X`` when unknown)."""
        for prefix, cls in self.pos_map:
            if tag.startswith(prefix):
                return cls
        return tag if tag.isupper() and tag.isalpha() else "X"


@lru_cache(maxsize=8)
def entity_data(lang: str) -> EntityData:
    """The entity data of ``lang`` with its regional layers merged.

    Raises:
        RuleDataError: when a file is malformed (names the file and section).
    """
    merged: dict[str, Any] = {key: [] for key in _LISTS}
    merged.update({key: {} for key in _TYPED})
    merged.update({"pos_map": {}, "weights": {}, "demonyms": {"stem_endings": [], "rules": []},
                   "frog_lists": {}})
    for path in language_files(lang, "entities.yaml"):
        data = read_data(path)
        for key, value in data.items():
            if value is None:
                continue
            if key in _LISTS:
                _expect(isinstance(value, list), path, key, "a list")
                merged[key].extend(str(x) for x in value)
            elif key in _TYPED:
                _expect(isinstance(value, dict), path, key, "a mapping of type to words")
                for kind, words in value.items():
                    _expect(kind in TYPES and isinstance(words, list), path, key,
                            f"types ({', '.join(TYPES)}) mapped to word lists")
                    merged[key].setdefault(kind, []).extend(str(w) for w in words)
            elif key in ("pos_map", "weights", "frog_lists"):
                _expect(isinstance(value, dict), path, key, "a mapping")
                merged[key].update(value)
            elif key == "demonyms":
                _expect(isinstance(value, dict), path, key, "a mapping")
                merged[key]["stem_endings"].extend(value.get("stem_endings") or [])
                merged[key]["rules"].extend(value.get("rules") or [])
            else:
                merged[key] = value
    try:
        weights = {str(k): float(v) for k, v in merged["weights"].items()}
        min_conf = float(merged.get("min_confidence", 0.35))
    except (TypeError, ValueError) as exc:
        raise RuleDataError(f"entities.yaml of {lang!r}: weights must be numbers ({exc})") from None
    default_type = str(merged.get("default_type", "PER"))
    if default_type not in TYPES:
        raise RuleDataError(f"entities.yaml of {lang!r}: default_type must be one of {', '.join(TYPES)}")
    titles = frozenset(tuple(t for t, _, _ in scan(title)) for title in merged["titles"])
    typed = {section: {kind: frozenset(fold(w) for w in words) for kind, words in merged[section].items()}
             for section in _TYPED}
    return EntityData(
        titles=titles,
        edge_words=frozenset(fold(w) for w in merged["edge_words"]),
        particles=frozenset(fold(w) for w in merged["particles"]),
        person_pronouns=frozenset(fold(w) for w in merged["person_pronouns"]),
        demonym_suffixes=tuple(fold(w) for w in merged["demonym_suffixes"]),
        max_title_tokens=max((len(t) for t in titles), default=1),
        title_endings=tuple(fold(w) for w in merged["title_endings"]),
        connectors=frozenset(fold(w) for w in merged["connectors"]),
        pos_map=tuple((str(k), str(v)) for k, v in merged["pos_map"].items()),
        weights=weights, default_type=default_type, typed=typed, min_confidence=min_conf,
        default_single_type=str(merged.get("default_single_type") or ""),
        legal_forms=frozenset(fold(w) for w in merged["legal_forms"]),
        raw={"place_adjective_endings": merged.get("place_adjective_endings") or [],
             "cldr_locale": merged.get("cldr_locale"), "pycountry_language": merged.get("pycountry_language"),
             "frog_lists": merged["frog_lists"], "demonyms": merged["demonyms"], "lang": lang})


def _expect(ok: bool, path: Any, key: str, what: str) -> None:
    if not ok:
        raise RuleDataError(f"{path}: section {key!r} must be {what}")
