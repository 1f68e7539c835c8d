"""Per-article processing: language, sentences, entities, time, events.

:class:`Annotator` holds what is expensive to start (spaCy pipelines, the
compiled rules, one Frog process) and turns an :class:`Article` into an
:class:`Annotated` article. One annotator runs per worker process.
"""
from __future__ import annotations

import time
from collections import defaultdict
from functools import partial

from .entities.backends import (DEFAULT_ENGLISH_MODEL, HEURISTIC_MAX_CONFIDENCE, parse_backend, spacy_analyse,
                                spacy_installed, with_entity_tags)
from .entities.finder import find_mentions
from .errors import InputError
from .events.clauses import make_tokens, split_clauses
from .events.extract import extract_events
from .events.syndication import signature
from .model import Annotated, Article, Mention
from .nlp import cgn
from .nlp.cgn import tense_from_tags
from .nlp.frog import Frog
from .nlp.frog_model import compiled_settings
from .nlp.language import SUPPORTED, detect, normalise, preload
from .nlp.segment import segment
from .temporal.lexicon import load_lexicon, scan
from .temporal.tagger import SentenceInfo, get_tagger
from .temporal.tense import guess_tense, uses_nearest

#: Languages Frog analyses.
FROG_LANGS = ("nl",)


def clause_tenses(text: str, sentences: list, perfect: frozenset[str], future: frozenset[str]) -> list[SentenceInfo]:
    """Tense per clause (from the tags), so that "die op 29 maart zou ingaan"
    is read in its own tense, not in that of the sentence's main clause."""
    out = []
    for sentence in sentences:
        if not sentence.tokens:
            out.append(SentenceInfo(sentence.start, sentence.end, sentence.tense))
            continue
        toks = make_tokens(text, sentence.tokens, cgn.universal)
        tags = [tag for _, _, tag, _ in sentence.tokens]
        lemmas = [t.lemma for t in toks]
        for clause in split_clauses(toks):
            tense = cgn.tense_of_tags(tags[clause.i:clause.j], lemmas[clause.i:clause.j], future, perfect)
            end = toks[clause.j - 1].end if clause.j < len(toks) else sentence.end
            out.append(SentenceInfo(toks[clause.i].start, end, tense or sentence.tense))
    return out


class Annotator:
    """Annotates articles.

    Args:
        ner: run named-entity recognition (Frog, for Dutch).
        lang: force this language for every article (``--lang``).
        frog_command: the Frog executable.
        ner_backend: what feeds the mention finder: ``frog`` (default),
            ``frog-fast`` or ``spacy:MODEL`` (see :mod:`kroniek.entities.backends`).

    Attributes:
        timings: seconds (wall, summed over the articles annotated so far) per
            stage: ``segment``, ``frog`` (Frog's tagging, parsing and entities,
            including the pipe to it), ``tense``, ``mentions`` (the mention finder),
            ``tagger`` (time expressions), ``events`` and ``signature`` (MinHash).

    Raises:
        ExternalToolError: (on the first Dutch article) when Frog is
            needed but missing.
        UsageError: an unknown ``ner_backend``.
    """

    def __init__(self, *, ner: bool = True, lang: str | None = None, frog_command: str = "frog",
                 ner_backend: str | None = None):
        self.ner = ner
        self.lang = normalise(lang) if lang else None
        self.frog_command = frog_command
        self.backend = parse_backend(ner_backend)
        self._frog: Frog | None = None
        self.timings: dict[str, float] = defaultdict(float)
        if self.lang is None:
            preload()  # the language detector, while the rest starts up

    def warm_up(self) -> None:
        """Build the sentence pipeline of the likeliest language (the given one, else Dutch) now.

        While the language detector's model loads in the background (begun at
        construction when no language is given), this builds spaCy's pipeline
        on the main thread, so the two overlap instead of following each other
        at the first article: an ingest calls it before it reads its records.
        """
        from .nlp.segment import pipeline

        pipeline(self.lang or "nl")

    def frog(self) -> Frog:
        """The worker's Frog process, started on first use."""
        if self._frog is None:
            settings = compiled_settings() if self.backend.compiled_ner else None
            self._frog = Frog(self.frog_command, ner=self.backend.frog_ner, ner_settings=settings)
        return self._frog

    def mentions(self, text: str, lang: str, offsets: list[list[tuple[int, int]]],
                 analysed: list | None) -> tuple[list[Mention], list[int]]:
        """Entity mentions of one text from its tokens (and Frog's analysis for Dutch).

        Returns:
            ``(mentions, sentence index of each)``.
        """
        backend = self.backend
        model = backend.model if backend.kind == "spacy" else None
        if model is None and analysed is None and spacy_installed(DEFAULT_ENGLISH_MODEL):
            model = DEFAULT_ENGLISH_MODEL
        if model is not None:
            tags = spacy_analyse(model, text, offsets)
            analysed = with_entity_tags(analysed, tags) if analysed is not None else tags
            return find_mentions(text, offsets, analysed, lang)
        if analysed is None:  # no tagger at all: the flagged heuristic fallback
            mentions, where = find_mentions(text, offsets, None, lang, source="heuristic")
            for m in mentions:
                m.confidence = min(m.confidence, HEURISTIC_MAX_CONFIDENCE)
            return mentions, where
        return find_mentions(text, offsets, analysed, lang)

    def close(self) -> None:
        """Stop Frog if it runs."""
        if self._frog is not None:
            self._frog.close()
            self._frog = None

    def language(self, article: Article) -> str:
        """The language to process ``article`` in.

        Raises:
            InputError: when it is not one kroniek reads.
        """
        lang = self.lang or (normalise(article.lang) if article.lang
                             else detect(f"{article.title or ''}\n{article.text}"))
        if lang.split("-")[0] not in SUPPORTED:
            path, _, where = article.origin.rpartition(":")
            raise InputError(path or article.origin, where, f"language {lang!r} is not supported "
                             f"(kroniek reads {', '.join(SUPPORTED)}); give --lang to force one")
        return lang

    def annotate(self, article: Article) -> Annotated:
        """Find sentences, entities, time expressions and events in ``article``.

        Raises:
            InputError: unsupported language.
            ExternalToolError: Frog failed.
        """
        lang = self.language(article)
        base = lang.split("-")[0]
        text = article.text
        clock = self._clock()
        seg = segment(text, base, lines=article.lines)
        clock("segment")
        mentions: list[Mention] = []
        mention_sentence: list[int] = []
        use_frog = self.ner and base in FROG_LANGS
        if use_frog:
            words = [[text[s:e] for s, e in toks] for toks in seg.tokens]
            analysed = self.frog().analyse(words)
            clock("frog")
            lexicon = load_lexicon(lang)
            tense = lexicon.data.get("tense") or {}
            future = frozenset(tense.get("future_lemmas", []))
            perfect = frozenset(tense.get("perfect_lemmas", []))
            for sentence, toks, frog_tokens in zip(seg.sentences, seg.tokens, analysed):
                sentence.tense = tense_from_tags(frog_tokens, future, perfect)
                sentence.tokens = [(s, e, t.pos, t.lemma) for (s, e), t in zip(toks, frog_tokens)]
            clock("tense")
            mentions, mention_sentence = self.mentions(text, lang, seg.tokens, analysed)
            clock("mentions")
        else:
            lexicon = load_lexicon(lang)
            for sentence in seg.sentences:
                words = [w for w, _, _ in scan(text[sentence.start:sentence.end])]
                sentence.tense = guess_tense(words, lexicon)
            clock("tense")
            if self.ner:
                mentions, mention_sentence = self.mentions(text, lang, seg.tokens, None)
                clock("mentions")
        if use_frog:
            infos = clause_tenses(text, seg.sentences, perfect, future)
        elif uses_nearest(lexicon):  # the tagger takes each expression's nearest tense word, as tag() does
            infos = None
        else:
            infos = [SentenceInfo(s.start, s.end, s.tense) for s in seg.sentences]
        clock("tense")
        timexes = get_tagger(lang).tag(text, article.dct, sentences=infos)
        clock("tagger")
        universal = tense_of = None
        if use_frog:
            universal = cgn.universal
            tense_of = partial(cgn.tense_of_tags, future_lemmas=future, perfect_lemmas=perfect)
        events = extract_events(text, lang, article.dct, seg.sentences, timexes, mentions, mention_sentence,
                                universal=universal, tense_of=tense_of)
        clock("events")
        sig = signature(text)
        clock("signature")
        return Annotated(article, lang, seg.sentences, timexes, mentions, events, mention_sentence, sig)

    def _clock(self):
        """A function that adds the time since its last call to a stage's total."""
        last = [time.perf_counter()]

        def lap(stage: str) -> None:
            now = time.perf_counter()
            self.timings[stage] += now - last[0]
            last[0] = now
        return lap


__all__ = ["Annotator"]
