"""The event part of ``kroniek eval meantime``: event mentions and cross-document event coreference.

Each MEANTIME document (loaded by :func:`kroniek.eval.meantime.load_corpus`:
tokens joined by spaces, sentences by blank lines, sentence 1 holding the
creation time) runs through kroniek's own pipeline (Frog tags, the temporal
tagger, event extraction); the predicted event mentions of all documents
are then merged with :func:`kroniek.events.merge.cluster`: the incremental
merger of the timelines, one document at a time in corpus order.

Scoring covers the documents that have gold event mentions, over their
first six sentences (0-5, the fully annotated ones):

* detection (against ``event_mentions.json``): exact span (the mention is
  exactly the gold token set) and head match (the predicted head token lies
  inside the gold mention), precision, recall and F1;
* coreference on predicted mentions: MUC, B³, CEAF-e and their mean (CoNLL
  F1); a predicted mention takes the identity of the gold mention it
  head-matches, the others stay twinless.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from . import coref
from .conll import Counts
from .meantime import SCORED_SENTENCES, Corpus, Document, GoldMention


@dataclass
class PredictedEvent:
    """A predicted event mention: document, sentence, head token, cluster."""

    doc: str
    sentence: int
    head: int
    cluster: int


def _token_of(doc: Document, offset: int) -> tuple[int, int] | None:
    for s, offs in enumerate(doc.offsets):
        if offs and offs[0][0] <= offset < offs[-1][1]:
            for t, (start, end) in enumerate(offs):
                if start <= offset < end:
                    return s, t
    return None


def predict_events(corpus: Corpus, annotator, lang: str = "nl") -> list[PredictedEvent]:
    """Event mentions of every document with a creation time, merged across documents.

    Raises:
        ExternalToolError: Frog is missing or failed.
    """
    from ..events.merge import cluster
    from ..events.records import records_of_annotated
    from ..model import Article

    records, places = [], []
    for n, doc in enumerate(corpus.documents):
        if doc.dct is None:
            continue
        annotated = annotator.annotate(Article(text=doc.text, dct=doc.dct, ext_id=doc.key, lang=lang,
                                               origin=f"{doc.key}:document"))
        for event, record in records_of_annotated(annotated, article=n, all_events=True):
            where = _token_of(doc, event.trigger_start) if event.trigger_start is not None else None
            if where is not None:
                records.append(record)
                places.append((doc.key, where[0], where[1]))
    out = []
    for c, group in enumerate(cluster(records)):
        for member in group.members:
            doc, sentence, head = places[member]
            out.append(PredictedEvent(doc, sentence, head, c))
    return out


def _scope(corpus: Corpus, pred: list[PredictedEvent]) -> tuple[list[GoldMention], list[PredictedEvent]]:
    docs = {g.doc for g in corpus.events}
    gold = [g for g in corpus.events if g.sentence < SCORED_SENTENCES]
    return gold, [p for p in pred if p.doc in docs and p.sentence < SCORED_SENTENCES]


def _align(pred: list[PredictedEvent], gold: list[GoldMention]) -> dict[int, int]:
    """Prediction index → gold index, one to one, by head token inside the gold mention."""
    by_place: dict[tuple[str, int], list[int]] = {}
    for g, m in enumerate(gold):
        by_place.setdefault((m.doc, m.sentence), []).append(g)
    taken, out = set(), {}
    for p, m in enumerate(pred):
        candidates = sorted(by_place.get((m.doc, m.sentence), []),
                            key=lambda g: (gold[g].head != m.head, len(gold[g].tokens)))
        for g in candidates:
            if g not in taken and m.head in gold[g].tokens:
                taken.add(g)
                out[p] = g
                break
    return out


def score_detection(corpus: Corpus, pred: list[PredictedEvent]) -> dict[str, Counts]:
    """Event mention detection: ``exact`` (same token set) and ``head`` (head inside gold)."""
    gold, scored = _scope(corpus, pred)
    matched = _align(scored, gold)
    exact = sum(1 for p, g in matched.items() if gold[g].tokens == (scored[p].head,))
    out = {}
    for label, correct in (("exact", exact), ("head", len(matched))):
        c = Counts()
        c.gold, c.predicted, c.correct = len(gold), len(scored), correct
        out[label] = c
    return out


def score_event_coref(corpus: Corpus, pred: list[PredictedEvent]) -> coref.CorefScores:
    """Cross-document event coreference on predicted mentions (MUC, B³, CEAF-e, CoNLL F1)."""
    gold, scored = _scope(corpus, pred)
    key: dict[str, set] = {}
    for g in gold:
        key.setdefault(g.chain, set()).add((g.doc, g.sentence, g.head))
    matched = _align(scored, gold)
    response: dict[int, set] = {}
    for p, m in enumerate(scored):
        g = gold[matched[p]] if p in matched else None
        mention = (g.doc, g.sentence, g.head) if g else (m.doc, m.sentence, "pred", m.head)
        response.setdefault(m.cluster, set()).add(mention)
    return coref.score(key.values(), response.values())


def report(corpus: Corpus, pred: list[PredictedEvent]) -> dict[str, Any]:
    """The event part of ``kroniek eval meantime`` as data."""
    gold, scored = _scope(corpus, pred)
    return {"scored_documents": len({g.doc for g in corpus.events}), "gold_event_mentions": len(gold),
            "predicted_event_mentions": len(scored),
            "event_mentions": {k: v.to_json() for k, v in score_detection(corpus, pred).items()},
            "event_coreference": score_event_coref(corpus, pred).to_json()}
