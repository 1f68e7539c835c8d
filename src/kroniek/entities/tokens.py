"""The tokens the mention finder reads, whatever tagger made them.

A tagger (Frog, a spaCy pipeline, or none) gives per token a word, a lemma,
a part-of-speech tag and optionally an IOB2 entity tag. :func:`tokens_of`
turns them into :class:`Tok` records with a coarse word class (from the
language's ``pos_map``), our entity type, and whether the token's
capitalisation says anything (it does not at the start of a sentence or
after an opening quote).
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, Sequence

from .langdata import EntityData

#: A tagger's entity types mapped to ours (CoNLL-2002 style; events and works are MISC). Frog's
#: products stay PRO here: the type evidence decides between a company and a product.
TAGGER_TYPES = {"PER": "PER", "PERSON": "PER", "ORG": "ORG", "LOC": "LOC", "GPE": "LOC", "FAC": "LOC",
                "PRO": "PRO", "PRODUCT": "MISC", "EVE": "MISC", "EVENT": "MISC", "MISC": "MISC",
                "WORK_OF_ART": "MISC", "LAW": "MISC", "LANGUAGE": "MISC", "NORP": "NORP"}
#: Tokens after which the next word may be capitalised for no reason.
OPENERS = frozenset({'"', "'", "“", "‘", "„", "«", "(", "[", ":", "-", "–", "—", "•", "*", "…", "?", "!"})


class Analysed(Protocol):
    """What a tagger gives per token (Frog's :class:`~kroniek.nlp.frog.FrogToken` fits)."""

    word: str
    lemma: str
    pos: str
    ner: str


@dataclass
class Tok:
    """One token of a sentence, ready for the mention finder.

    Attributes:
        start, end: half-open character offsets into the text.
        word, lemma: as the tagger gave them.
        pos: coarse word class (PROPN, NOUN, ADJ, VERB, ADP, DET, PRON,
            NUM, PUNCT, ADV, CCONJ, X, ...).
        ner: IOB2 tag with our types (``B-PER``), or ``O``.
        initial: True when capitalisation is uninformative here.
    """

    start: int
    end: int
    word: str
    lemma: str
    pos: str
    ner: str
    initial: bool

    @property
    def cap(self) -> bool:
        """Starts with an upper-case letter."""
        return self.word[:1].isupper()

    @property
    def lemma_cap(self) -> bool:
        """The tagger kept the capital in the lemma: it knows no common word of this form."""
        return self.lemma[:1].isupper()


def _ner(tag: str) -> str:
    if not tag or tag == "O":
        return "O"
    prefix, _, label = tag.partition("-")
    label = label.split("_")[0]
    mapped = TAGGER_TYPES.get(label.upper())
    if prefix not in ("B", "I") or mapped is None:
        return "O"
    return f"{prefix}-{mapped}"


def tokens_of(text: str, offsets: Sequence[tuple[int, int]], analysed: Sequence[Analysed] | None,
              data: EntityData, first_is_initial: bool = True) -> list[Tok]:
    """The :class:`Tok` records of one sentence.

    Args:
        text: the document text.
        offsets: ``(start, end)`` per token.
        analysed: the tagger's analysis per token, or None (no tagger: the
            word class is ``X`` and the lemma the word).
        data: the language's entity data (for ``pos_map``).
        first_is_initial: the first token starts a sentence.

    Returns:
        One :class:`Tok` per token.
    """
    out: list[Tok] = []
    for k, (start, end) in enumerate(offsets):
        word = text[start:end]
        if analysed is not None:
            a = analysed[k]
            tok = Tok(start, end, word, a.lemma or word, data.coarse(a.pos), _ner(a.ner), False)
        else:
            tok = Tok(start, end, word, word, "X", "O", False)
        tok.initial = (k == 0 and first_is_initial) or (k > 0 and out[-1].word in OPENERS)
        out.append(tok)
    return out


def is_acronym(word: str) -> bool:
    """Two to six capitals, maybe with digits or dots ("GM", "EADS", "U.S.", "KLM")."""
    letters = [c for c in word if c.isalpha()]
    return 2 <= len(letters) <= 6 and all(c.isupper() for c in letters) and all(
        c.isalnum() or c in ".&-" for c in word)


def model_number(word: str) -> bool:
    """A product's model code: up to three capitals and two to four digits ("A380", "F-16",
    "A400M"), or a number of three digits ("787")."""
    core = word.replace("-", "")
    letters = len(core) - len(core.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ"))
    rest = core[letters:]
    digits = len(rest) - len(rest.lstrip("0123456789"))
    tail = rest[digits:]
    if letters == 0:
        return core.isdigit() and len(core) == 3
    return letters <= 3 and 2 <= digits <= 4 and len(tail) <= 1 and (not tail or tail.isupper())
