"""Per-language event data (``lang/<code>/events.yaml``), loaded once."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from ..temporal.lexicon import fold, language_files, read_data


@dataclass(frozen=True)
class EventData:
    """Signals, trigger word lists, attribution cues and predicate synonyms.

    Attributes:
        signals: signal word → TimeML relation (``sinds`` → BEGUN_BY).
        auxiliaries, non_events, particles: verb lemmas and particles.
        event_nouns, event_noun_suffixes, not_event_nouns: noun triggers.
        reporting_verbs: lemmas of verbs of saying.
        source_words: folded token tuples that introduce a source ("volgens").
        complementisers: words that open a reported clause ("dat").
        predicate_class: lemma → the class key shared by its synonyms.
        nominal_suffixes: ``(noun ending, verb ending)`` pairs ("ing" → "en").
        definite_articles: words that make a role noun refer back to a person
            named with that title ("de minister" after "minister ... Jeff Sessions").
        light_verbs: verbs too general to tell two events of one article
            apart ("maken", "krijgen"); with the auxiliaries, see :meth:`light`.
    """

    signals: dict[str, str]
    auxiliaries: frozenset[str]
    non_events: frozenset[str]
    particles: frozenset[str]
    event_nouns: frozenset[str]
    event_noun_suffixes: tuple[str, ...]
    not_event_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    source_words: tuple[tuple[str, ...], ...]
    complementisers: frozenset[str]
    predicate_class: dict[str, str]
    nominal_suffixes: tuple[tuple[str, str], ...] = ()
    definite_articles: frozenset[str] = frozenset()
    light_verbs: frozenset[str] = frozenset()

    def light(self, predicate: str | None) -> bool:
        """True for an auxiliary or light verb (folded lemma or predicate class)."""
        return predicate is not None and (predicate in self.auxiliaries or predicate in self.light_verbs)


def _words(values) -> frozenset[str]:
    return frozenset(fold(str(v)) for v in values or [])


@lru_cache(maxsize=8)
def event_data(lang: str) -> EventData:
    """The event data of ``lang`` with its regional layers merged.

    Raises:
        RuleDataError: when a file is malformed.
    """
    merged: dict = {}
    for path in language_files(lang, "events.yaml"):
        for key, value in read_data(path).items():
            if isinstance(value, dict):
                merged.setdefault(key, {}).update(value)
            else:
                merged.setdefault(key, [])
                merged[key] = merged[key] + list(value or [])
    classes: dict[str, str] = {}
    for group in merged.get("synonyms", []):
        words = [fold(str(w)).replace(" ", "") for w in group]
        for w in words:
            classes.setdefault(w, words[0])
    return EventData(
        signals={fold(k): v for k, v in merged.get("signals", {}).items()},
        auxiliaries=_words(merged.get("auxiliaries")),
        non_events=_words(merged.get("non_events")),
        particles=_words(merged.get("particles")),
        event_nouns=_words(merged.get("event_nouns")),
        event_noun_suffixes=tuple(fold(s) for s in merged.get("event_noun_suffixes", [])),
        not_event_nouns=_words(merged.get("not_event_nouns")),
        reporting_verbs=_words(merged.get("reporting_verbs")),
        source_words=tuple(tuple(fold(str(w)).split()) for w in merged.get("source_words", [])),
        complementisers=_words(merged.get("complementisers")),
        predicate_class=classes,
        nominal_suffixes=tuple((fold(k), fold(str(v))) for k, v in merged.get("nominal_suffixes", {}).items()),
        definite_articles=_words(merged.get("definite_articles")),
        light_verbs=_words(merged.get("light_verbs")))
