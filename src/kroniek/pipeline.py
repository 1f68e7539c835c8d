"""Per-article processing: language, sentences, entities, time, events.

:class:`Annotator` holds what is expensive to start (spaCy pipelines, the
compiled rules, one Frog process) and turns an :class:`Article` into an
:class:`Annotated` article. One annotator runs per worker process.
"""
from __future__ import annotations


from .entities.langdata import entity_data
from .entities.mentions import mentions_from_tags
from .errors import InputError
from .events.extract import extract_events
from .model import Annotated, Article, Mention
from .nlp.cgn import tense_from_tags
from .nlp.frog import Frog
from .nlp.language import SUPPORTED, detect, normalise
from .nlp.segment import segment
from .temporal.lexicon import load_lexicon, scan
from .temporal.tagger import SentenceInfo, get_tagger
from .temporal.tense import guess_tense

#: Languages Frog analyses.
FROG_LANGS = ("nl",)


class Annotator:
    """Annotates articles.

    Args:
        ner: run named-entity recognition (Frog, for Dutch).
        lang: force this language for every article (``--lang``).
        frog_command: the Frog executable.

    Raises:
        ExternalToolError: (on the first Dutch article) when Frog is
            needed but missing.
    """

    def __init__(self, *, ner: bool = True, lang: str | None = None, frog_command: str = "frog"):
        self.ner = ner
        self.lang = normalise(lang) if lang else None
        self.frog_command = frog_command
        self._frog: Frog | None = None

    def frog(self) -> Frog:
        """The worker's Frog process, started on first use."""
        if self._frog is None:
            self._frog = Frog(self.frog_command)
        return self._frog

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
        seg = segment(text, base)
        mentions: list[Mention] = []
        mention_sentence: list[int] = []
        use_frog = self.ner and base in FROG_LANGS
        if use_frog:
            words = [[text[s:e] for s, e in toks] for toks in seg.tokens]
            analysed = self.frog().analyse(words)
            lexicon = load_lexicon(lang)
            tense = lexicon.data.get("tense") or {}
            future = frozenset(tense.get("future_lemmas", []))
            perfect = frozenset(tense.get("perfect_lemmas", []))
            data = entity_data(lang)
            for k, (sentence, toks, frog_tokens) in enumerate(zip(seg.sentences, seg.tokens, analysed)):
                sentence.tense = tense_from_tags(frog_tokens, future, perfect)
                sentence.tokens = [(s, e, t.pos, t.lemma) for (s, e), t in zip(toks, frog_tokens)]
                found = mentions_from_tags(text, toks, [t.ner for t in frog_tokens], data)
                mentions.extend(found)
                mention_sentence.extend([k] * len(found))
        else:
            lexicon = load_lexicon(lang)
            for sentence in seg.sentences:
                words = [w for w, _, _ in scan(text[sentence.start:sentence.end])]
                sentence.tense = guess_tense(words, lexicon)
        infos = [SentenceInfo(s.start, s.end, s.tense) for s in seg.sentences]
        timexes = get_tagger(lang).tag(text, article.dct, sentences=infos)
        events = extract_events(text, lang, article.dct, seg.sentences, timexes, mentions, mention_sentence)
        return Annotated(article, lang, seg.sentences, timexes, mentions, events, mention_sentence)


__all__ = ["Annotator"]
