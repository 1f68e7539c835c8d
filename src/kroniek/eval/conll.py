"""CoNLL-2002 named-entity files and the conlleval score.

A CoNLL-2002 file has one token per line, the word first and the IOB tag
last (``word POS B-PER``), a blank line between sentences and a line
``-DOCSTART- ...`` between documents. The score follows the CoNLL-2000/2002
``conlleval`` script: an entity counts as correct only when its span and its
type both equal a gold entity; precision, recall and F1 are computed over
entities, overall and per type.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from ..errors import InputError

DOCSTART = "-DOCSTART-"


@dataclass
class ConllSentence:
    """One sentence: its words and their gold IOB tags (same length)."""

    words: list[str]
    tags: list[str]


@dataclass
class ConllDocument:
    """The sentences between two ``-DOCSTART-`` lines.

    Attributes:
        sentences: in file order.
        docstart: True when the file opened this document with a
            ``-DOCSTART-`` line (kept in predictions, so that line numbers
            match the gold file).
    """

    sentences: list[ConllSentence] = field(default_factory=list)
    docstart: bool = False


def read_conll(path: str | Path, encoding: str | None = None) -> list[ConllDocument]:
    """Read a CoNLL-2002 style file.

    Args:
        path: the file.
        encoding: its encoding; by default UTF-8 when the file decodes as
            such, else ISO-8859-1 (the encoding of the CoNLL-2002 files).

    Returns:
        Documents (a file without ``-DOCSTART-`` lines is one document).

    Raises:
        InputError: naming the file and line, for a line without a tag or
            with a tag that is not ``O``, ``B-TYPE`` or ``I-TYPE``.
    """
    path = Path(path)
    raw = path.read_bytes()
    if encoding is None:
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("iso-8859-1")
    else:
        text = raw.decode(encoding)
    docs = [ConllDocument()]
    words: list[str] = []
    tags: list[str] = []

    def close_sentence() -> None:
        if words:
            docs[-1].sentences.append(ConllSentence(list(words), list(tags)))
            words.clear()
            tags.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        cols = line.split()
        if not cols:
            close_sentence()
            continue
        if cols[0] == DOCSTART:
            close_sentence()
            if docs[-1].sentences or docs[-1].docstart:
                docs.append(ConllDocument())
            docs[-1].docstart = True
            continue
        if len(cols) < 2:
            raise InputError(str(path), f"line {number}", f"expected a word and a tag, got {line.strip()!r}")
        tag = cols[-1]
        if tag != "O" and not (tag[:2] in ("B-", "I-") and len(tag) > 2):
            raise InputError(str(path), f"line {number}", f"not an IOB tag: {tag!r}")
        words.append(cols[0])
        tags.append(tag)
    close_sentence()
    return [d for d in docs if d.sentences or d.docstart]


def chunks(tags: list[str]) -> set[tuple[int, int, str]]:
    """Entity spans ``(start, end, type)`` (half-open token offsets), as conlleval reads IOB.

    An ``I-X`` after ``O`` or after another type opens a new entity, as in
    conlleval; both IOB1 and IOB2 tags are read.
    """
    out = set()
    start, kind = None, None
    for k, tag in enumerate([*tags, "O"]):
        prefix, _, label = tag.partition("-")
        opens = prefix == "B" or (prefix == "I" and label != kind)
        if start is not None and (prefix == "O" or opens):
            out.add((start, k, kind))
            start, kind = None, None
        if opens:
            start, kind = k, label
    return out


def iob2(spans: Iterable[tuple[int, int, str]], length: int) -> list[str]:
    """IOB2 tags for ``length`` tokens from non-overlapping spans ``(start, end, type)``."""
    tags = ["O"] * length
    for start, end, kind in sorted(spans):
        if any(t != "O" for t in tags[start:end]):
            continue
        tags[start] = f"B-{kind}"
        for k in range(start + 1, end):
            tags[k] = f"I-{kind}"
    return tags


@dataclass
class Counts:
    """Entity counts of one type: correct, predicted (found by the system) and gold."""

    correct: int = 0
    predicted: int = 0
    gold: int = 0

    @property
    def precision(self) -> float:
        """Correct / predicted (0 when nothing was predicted)."""
        return self.correct / self.predicted if self.predicted else 0.0

    @property
    def recall(self) -> float:
        """Correct / gold (0 when there is no gold entity)."""
        return self.correct / self.gold if self.gold else 0.0

    @property
    def f1(self) -> float:
        """The harmonic mean of precision and recall."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: "Counts") -> None:
        """Add another type's counts to these."""
        self.correct += other.correct
        self.predicted += other.predicted
        self.gold += other.gold

    def to_json(self) -> dict:
        """``{precision, recall, f1, correct, predicted, gold}``."""
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
                "correct": self.correct, "predicted": self.predicted, "gold": self.gold}


@dataclass
class ConllScore:
    """conlleval's figures: per type and overall, plus token accuracy."""

    per_type: dict[str, Counts] = field(default_factory=dict)
    tokens: int = 0
    tokens_correct: int = 0

    def overall(self, types: Iterable[str] | None = None) -> Counts:
        """Counts summed over ``types`` (default: every type seen)."""
        total = Counts()
        for kind, counts in self.per_type.items():
            if types is None or kind in types:
                total.add(counts)
        return total

    @property
    def accuracy(self) -> float:
        """Share of tokens whose predicted tag equals the gold tag."""
        return self.tokens_correct / self.tokens if self.tokens else 0.0


def score(gold: list[list[str]], predicted: list[list[str]]) -> ConllScore:
    """conlleval over sentences of tags.

    Args:
        gold: per sentence, the gold IOB tags.
        predicted: per sentence, the predicted tags (same lengths).

    Returns:
        A :class:`ConllScore`.

    Raises:
        ValueError: when the sentence counts or lengths differ.
    """
    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold sentences but {len(predicted)} predicted")
    result = ConllScore()
    for n, (g_tags, p_tags) in enumerate(zip(gold, predicted)):
        if len(g_tags) != len(p_tags):
            raise ValueError(f"sentence {n}: {len(g_tags)} gold tags but {len(p_tags)} predicted")
        g_chunks, p_chunks = chunks(g_tags), chunks(p_tags)
        for _, _, kind in g_chunks:
            result.per_type.setdefault(kind, Counts()).gold += 1
        for _, _, kind in p_chunks:
            result.per_type.setdefault(kind, Counts()).predicted += 1
        for _, _, kind in g_chunks & p_chunks:
            result.per_type[kind].correct += 1
        result.tokens += len(g_tags)
        result.tokens_correct += sum(g == p for g, p in zip(g_tags, p_tags))
    return result


def write_predictions(path: str | Path, docs: list[ConllDocument], predicted: list[list[list[str]]]) -> None:
    """Write ``token TAG`` lines (IOB2), a blank line after each sentence.

    A document that opened with ``-DOCSTART-`` in the gold file gets a
    ``-DOCSTART- O`` line, so that the file lines up with the gold file.
    """
    with open(path, "w", encoding="utf-8") as out:
        for doc, doc_tags in zip(docs, predicted):
            if doc.docstart:
                out.write(f"{DOCSTART} O\n")
            for sentence, tags in zip(doc.sentences, doc_tags):
                for word, tag in zip(sentence.words, tags):
                    out.write(f"{word} {tag}\n")
                out.write("\n")


#: Our mention types as CoNLL-2002 types (groups count as MISC there).
CONLL_TYPES = {"PER": "PER", "ORG": "ORG", "LOC": "LOC", "MISC": "MISC", "NORP": "MISC"}


def document_text(sentences: list[list[str]]) -> tuple[str, list[list[tuple[int, int]]]]:
    """A text for pre-tokenised sentences: words joined by spaces, one sentence per line.

    Returns:
        ``(text, offsets)`` with half-open ``(start, end)`` per word.
    """
    parts, offsets, pos = [], [], 0
    for words in sentences:
        offs = []
        for word in words:
            offs.append((pos, pos + len(word)))
            parts.append(word)
            parts.append(" ")
            pos += len(word) + 1
        if words:
            parts[-1] = "\n"
        offsets.append(offs)
    return "".join(parts), offsets


def tags_from_mentions(offsets: list[list[tuple[int, int]]], mentions: list, where: list[int],
                       types: dict[str, str] = CONLL_TYPES) -> list[list[str]]:
    """IOB2 tags per sentence from mentions (``where``: each mention's sentence index)."""
    spans: list[list[tuple[int, int, str]]] = [[] for _ in offsets]
    for m, k in zip(mentions, where):
        inside = [n for n, (s, e) in enumerate(offsets[k]) if s >= m.start and e <= m.end]
        if inside and m.type in types:
            spans[k].append((inside[0], inside[-1] + 1, types[m.type]))
    return [iob2(s, len(offs)) for s, offs in zip(spans, offsets)]


def predict(docs: list[ConllDocument], annotator, lang: str = "nl") -> list[list[list[str]]]:
    """Our predicted IOB2 tags for every sentence of every document.

    Each document is one text (its words joined by spaces, one sentence
    per line); Frog sees the file's own tokens, and the mention finder runs
    over the whole document, so that names propagate within it.

    Args:
        docs: the documents.
        annotator: a :class:`~kroniek.pipeline.Annotator` (its Frog and backend setting).
        lang: the language of the file.

    Returns:
        Per document, per sentence, one tag per word.

    Raises:
        ExternalToolError: Frog is missing or failed.
    """
    out = []
    for doc in docs:
        words = [s.words for s in doc.sentences]
        text, offsets = document_text(words)
        analysed = annotator.frog().analyse(words) if lang.split("-")[0] == "nl" else None
        mentions, where = annotator.mentions(text, lang, offsets, analysed)
        out.append(tags_from_mentions(offsets, mentions, where))
    return out
