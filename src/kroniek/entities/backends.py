"""Which tagger feeds the mention finder: the setting and the spaCy backend.

The setting (``Annotator(ner_backend=...)``, ``kroniek ingest`` reads it
from the environment variable ``KRONIEK_NER_BACKEND``) is one of:

``frog`` (default)
    Dutch: Frog with its entity module; its IOB tags are one piece of
    evidence among others. The module's known-word model is compiled once
    into a decision tree (:mod:`kroniek.nlp.frog_model`), about twice as
    fast as Frog's shipped one and as good under our layer.
``frog-exact``
    Dutch: the same with Frog's entity model exactly as shipped (slower).
``frog-fast``
    Dutch: Frog's tagger and lemmatiser only (about three times faster);
    names come from part of speech, capitals and our own layer.
``spacy:MODEL``
    a trained spaCy pipeline (``spacy:en_core_web_sm``,
    ``spacy:nl_core_news_lg``) gives entity tags, part of speech and
    lemmas; for Dutch, Frog still tags the words (for tense) without its
    entity module.

English text uses a spaCy pipeline when one is selected or
``en_core_web_sm`` is installed; otherwise it falls back to a heuristic
(capitals, gazetteers and our language data only) whose mentions carry
``source = "heuristic"`` and at most :data:`HEURISTIC_MAX_CONFIDENCE`.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Sequence

from ..errors import ExternalToolError, UsageError

#: The English pipeline used when present and nothing else is selected.
DEFAULT_ENGLISH_MODEL = "en_core_web_sm"
#: Mentions of the heuristic fallback are never surer than this.
HEURISTIC_MAX_CONFIDENCE = 0.5
BACKENDS = ("frog", "frog-exact", "frog-fast", "spacy:MODEL")


@dataclass(frozen=True)
class Backend:
    """A parsed setting: ``kind`` is ``frog``, ``frog-exact``, ``frog-fast`` or ``spacy``; ``model`` names
    the pipeline."""

    kind: str
    model: str | None = None

    @property
    def frog_ner(self) -> bool:
        """Whether Frog's own entity module should run."""
        return self.kind in ("frog", "frog-exact")

    @property
    def compiled_ner(self) -> bool:
        """Whether Frog's entity module runs with the compiled known-word model."""
        return self.kind == "frog"


def parse_backend(setting: str | None) -> Backend:
    """Read a backend setting (None or empty: ``frog``).

    Raises:
        UsageError: an unknown setting.
    """
    value = (setting or "frog").strip()
    if value in ("frog", "frog-exact", "frog-fast"):
        return Backend(value)
    if value.startswith("spacy:") and value[6:].strip():
        return Backend("spacy", value[6:].strip())
    raise UsageError(f"unknown entity backend {value!r}: use one of {', '.join(BACKENDS)}")


@dataclass
class SpacyToken:
    """One of our tokens as a spaCy pipeline analysed it (fits :class:`~kroniek.entities.tokens.Analysed`)."""

    word: str
    lemma: str
    pos: str
    ner: str


@lru_cache(maxsize=8)
def spacy_installed(model: str) -> bool:
    """True when the spaCy pipeline ``model`` can be loaded (a package or a folder)."""
    from pathlib import Path

    import spacy

    return spacy.util.is_package(model) or Path(model).is_dir()


@lru_cache(maxsize=4)
def load_spacy(model: str):
    """The spaCy pipeline ``model`` (a package name or a folder), loaded once per process.

    Raises:
        ExternalToolError: when it is not installed or cannot be loaded.
    """
    import spacy

    try:
        return spacy.load(model)
    except (OSError, ImportError, ValueError) as exc:
        raise ExternalToolError(f"cannot load the spaCy pipeline {model!r} ({exc}); install it "
                                f"(pip install {model}) or choose another entity backend") from None


def spacy_analyse(model: str, text: str, offsets: Sequence[Sequence[tuple[int, int]]]) -> list[list[SpacyToken]]:
    """Analyse a text with a spaCy pipeline and align the result to our tokens.

    Args:
        model: the pipeline (package name or folder).
        text: the text.
        offsets: per sentence, our tokens' ``(start, end)`` offsets.

    Returns:
        Per sentence, one :class:`SpacyToken` per token: the part of speech
        and lemma of the spaCy token where ours starts, and IOB2 entity
        tags from ``doc.ents`` (an entity covers the tokens that lie
        inside its characters).

    Raises:
        ExternalToolError: the pipeline cannot be loaded.
    """
    nlp = load_spacy(model)
    doc = nlp(text)
    by_start = {t.idx: t for t in doc}
    ents = sorted((e.start_char, e.end_char, e.label_) for e in doc.ents)
    out = []
    for sentence in offsets:
        row = []
        for start, end in sentence:
            tok = by_start.get(start)
            label, prefix = None, "B"
            for e_start, e_end, e_label in ents:
                if e_start <= start and end <= e_end:
                    label, prefix = e_label, ("B" if start == e_start or not row or row[-1].ner == "O" else "I")
                    break
            pos = (tok.pos_ or tok.tag_ or "X") if tok is not None else "X"
            lemma = (tok.lemma_ or tok.text) if tok is not None else text[start:end]
            row.append(SpacyToken(text[start:end], lemma, pos, f"{prefix}-{label}" if label else "O"))
        out.append(row)
    return out


def with_entity_tags(base: Sequence[Sequence], tags: Sequence[Sequence[SpacyToken]]) -> list[list[SpacyToken]]:
    """Another tagger's words, lemmas and tags with the spaCy pipeline's entity tags."""
    return [[SpacyToken(a.word, a.lemma, a.pos, b.ner) for a, b in zip(row_a, row_b)]
            for row_a, row_b in zip(base, tags)]
