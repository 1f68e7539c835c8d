"""MEANTIME event evaluation: event mention detection and cross-document event coreference.

Gold: ``event_mentions.json`` of the MEANTIME Dutch (or English) folder
(NewsReader MEANTIME, CC BY 4.0), with ``meantime.conll`` for the tokens.
Each document is rebuilt as text (tokens joined by spaces, sentences by
blank lines; sentence 1 holds the document creation time such as
``01-Mar-08``) and run through kroniek's own pipeline (Frog, the temporal
tagger, event extraction); the predicted event mentions are then merged
across documents with :func:`kroniek.events.merge.cluster`, the merger the
timelines use.

Scoring, over the documents that have gold event mentions and over their
first six sentences (0-5, the fully annotated ones; sentence 1 is the DCT):

* detection: exact span (the same token set) and head match (the predicted
  head token lies inside the gold mention) precision, recall and F1;
* coreference on predicted mentions: MUC, B³, CEAF-e and their average
  (CoNLL F1), with gold chains restricted to the same region; a predicted
  mention takes the identity of the gold mention it head-matches.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from ..errors import InputError
from ..model import Article
from ..temporal.dct import DCT, parse_dct

SCORED_SENTENCES = 6
_DCT_TOKEN = re.compile(r"^(\d{1,2})-([A-Za-z]{3})-(\d{2})$")
_MONTHS = {m: n for n, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct",
                                        "nov", "dec"], start=1)}


@dataclass
class Document:
    """One MEANTIME document: its sentences of tokens, text and token offsets."""

    key: str
    sentences: list[list[str]]
    text: str = ""
    offsets: list[list[tuple[int, int]]] = field(default_factory=list)
    dct: DCT | None = None


def load_conll(path: Path) -> list[Document]:
    """Documents from ``meantime.conll`` (doc key, sentence, token id, token, coref column).

    Raises:
        InputError: a malformed line (named by line number).
    """
    docs: dict[str, dict[int, list[str]]] = {}
    with path.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[1].isdigit():
                raise InputError(str(path), f"line {number}", "expected doc, sentence, token id, token")
            docs.setdefault(cols[0], {}).setdefault(int(cols[1]), []).append(cols[3])
    out = []
    for key, sents in docs.items():
        sentences = [sents[k] for k in sorted(sents)]
        doc = Document(key, sentences)
        parts, pos = [], 0
        for tokens in sentences:
            offs = []
            for tok in tokens:
                offs.append((pos, pos + len(tok)))
                pos += len(tok) + 1
            doc.offsets.append(offs)
            parts.append(" ".join(tokens))
            pos += 1  # the second newline of the blank line
        doc.text = "\n\n".join(parts)
        doc.dct = _dct(sentences[1][0] if len(sentences) > 1 and sentences[1] else "")
        out.append(doc)
    return out


def _dct(token: str) -> DCT | None:
    m = _DCT_TOKEN.match(token)
    if not m or m.group(2).lower() not in _MONTHS:
        return None
    year = 2000 + int(m.group(3))
    return parse_dct(datetime(year, _MONTHS[m.group(2).lower()], int(m.group(1))).date().isoformat(),
                     timezone.utc)


def load_gold(path: Path) -> list[dict[str, Any]]:
    """Gold event mentions: ``{doc, sent, tokens (set), head, chain}``."""
    out = []
    for m in json.loads(path.read_text(encoding="utf-8")):
        out.append({"doc": m["conll_doc_key"], "sent": int(m["sent_id"]), "tokens": frozenset(m["tokens_number"]),
                    "head": int(m["mention_head_id"]), "chain": m["coref_chain"]})
    return out


def _token_of(doc: Document, offset: int) -> tuple[int, int] | None:
    for s, offs in enumerate(doc.offsets):
        for t, (start, end) in enumerate(offs):
            if start <= offset < end:
                return s, t
    return None


@dataclass
class Predicted:
    """A predicted event mention: document, sentence, head token, and the merger's record."""

    doc: str
    sent: int
    head: int
    record: Any


def predict(docs: list[Document], annotate: Callable[[Article], Any]) -> list[Predicted]:
    """Run the pipeline on each document; return its event mentions with trigger heads."""
    from ..timeline.build import mentions_from_annotated

    out: list[Predicted] = []
    for n, doc in enumerate(docs):
        if doc.dct is None:
            continue
        annotated = annotate(Article(text=doc.text, dct=doc.dct, ext_id=doc.key, lang="nl",
                                     origin=f"{doc.key}:document"))
        for event, record in mentions_from_annotated(annotated, article=n, all_events=True):
            if event.trigger_start is None:
                continue
            where = _token_of(doc, event.trigger_start)
            if where is not None:
                out.append(Predicted(doc.key, where[0], where[1], record))
    return out


def prf(tp_p: int, n_pred: int, tp_r: int, n_gold: int) -> dict[str, float]:
    """Precision, recall and F1 from true positives counted on each side."""
    p = tp_p / n_pred if n_pred else 0.0
    r = tp_r / n_gold if n_gold else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def detection(pred: list[Predicted], gold: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """Exact-span and head-match detection scores."""
    gold_keys = {(g["doc"], g["sent"]): [] for g in gold}
    for g in gold:
        gold_keys[(g["doc"], g["sent"])].append(g)
    exact_p = sum(1 for p in pred if any(g["tokens"] == {p.head} for g in gold_keys.get((p.doc, p.sent), [])))
    exact_g = sum(1 for g in gold if any(p.doc == g["doc"] and p.sent == g["sent"] and {p.head} == g["tokens"]
                                          for p in pred))
    head_p = sum(1 for p in pred if any(p.head in g["tokens"] for g in gold_keys.get((p.doc, p.sent), [])))
    head_g = sum(1 for g in gold if any(p.doc == g["doc"] and p.sent == g["sent"] and p.head in g["tokens"]
                                         for p in pred))
    return {"exact": prf(exact_p, len(pred), exact_g, len(gold)),
            "head": prf(head_p, len(pred), head_g, len(gold))}


def in_scope(gold: list[dict[str, Any]]) -> tuple[set[str], list[dict[str, Any]]]:
    """Documents with gold event mentions, and the gold mentions in their scored sentences."""
    docs = {g["doc"] for g in gold}
    return docs, [g for g in gold if g["sent"] < SCORED_SENTENCES]
