"""MEANTIME (NewsReader, CC BY 4.0): loading, and the entity part of ``kroniek eval meantime``.

The Dutch copy is a folder with ``meantime.conll`` (doc key, sentence,
token number, token, coreference column; sentence 0 is the title and
sentence 1 holds the document creation time as a token such as
``01-Mar-08``), ``entities_mentions.json`` and ``event_mentions.json``
(mentions with doc key, sentence, token numbers, head token, type and
cross-document chain). :func:`load_corpus` reads all three; the entity
scores are :func:`score_named_mentions` and :func:`score_entity_coref`, and
an event part can add its own scoring functions over the same corpus.

Entity evaluation:

* gold named mentions: entity mentions whose head is a proper noun
  (``mention_head_pos == PROPN``), types PER → PER, ORG and FIN → ORG,
  LOC → LOC (other types are not scored), in the first
  :data:`SCORED_SENTENCES` sentences (0-5, the fully annotated ones) of
  documents that have entity annotation at all (the Dutch copy lacks it
  for many documents);
* a predicted PER, ORG or LOC mention matches a gold one when both lie in
  the same sentence, the gold head token lies inside the prediction and
  the types agree (one-to-one);
* coreference: gold chains over those gold mentions against our canonical
  entities (the real grouping, in an in-memory database) over our scored
  mentions; a predicted mention takes the key of the gold mention whose
  head it covers, whatever the type; the others stay twinless.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..temporal.dct import DCT, parse_dct
from . import coref
from .conll import Counts

#: Sentences 0-5 of each document are fully annotated.
SCORED_SENTENCES = 6
#: MEANTIME entity types → the types we score.
GOLD_TYPES = {"PER": "PER", "ORG": "ORG", "FIN": "ORG", "LOC": "LOC"}
SCORED_TYPES = ("PER", "ORG", "LOC")
_DCT_TOKEN = re.compile(r"^(\d{1,2})-([A-Za-z]{3})-(\d{2})$")
_MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


@dataclass
class Document:
    """One document: its sentences of tokens, as one text with token offsets.

    The text joins tokens with spaces and sentences with a blank line, so
    that every sentence is a paragraph of its own.
    """

    key: str
    sentences: list[list[str]]
    text: str = ""
    offsets: list[list[tuple[int, int]]] = field(default_factory=list)
    dct: DCT | None = None


@dataclass
class GoldMention:
    """A gold mention: where its head is, its type and its chain."""

    doc: str
    sentence: int
    tokens: tuple[int, ...]
    head: int
    type: str
    chain: str
    pos: str


@dataclass
class Corpus:
    """A MEANTIME folder: documents in file order, entity and event mentions."""

    documents: list[Document]
    entities: list[GoldMention]
    events: list[GoldMention]


def _dct(token: str) -> DCT | None:
    m = _DCT_TOKEN.match(token.strip())
    if not m or m.group(2).lower() not in _MONTHS:
        return None
    return parse_dct(f"20{m.group(3)}-{_MONTHS.index(m.group(2).lower()) + 1:02d}-{int(m.group(1)):02d}")


def load_documents(path: Path) -> list[Document]:
    """The documents of ``meantime.conll``.

    Raises:
        InputError: a malformed line (file and line number).
    """
    docs: dict[str, dict[int, list[str]]] = {}
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 4 or not cols[1].isdigit():
                raise InputError(str(path), f"line {number}", "expected doc key, sentence, token number, token")
            docs.setdefault(cols[0], {}).setdefault(int(cols[1]), []).append(cols[3])
    out = []
    for key, by_number in docs.items():
        sentences = [by_number.get(k, []) for k in range(max(by_number) + 1)]
        doc = Document(key, sentences)
        parts, pos = [], 0
        for tokens in sentences:
            offs = []
            for tok in tokens:
                offs.append((pos, pos + len(tok)))
                pos += len(tok) + 1
            doc.offsets.append(offs)
            parts.append(" ".join(tokens))
            pos += 1 if tokens else 2
        doc.text = "\n\n".join(parts)
        doc.dct = _dct(sentences[1][0]) if len(sentences) > 1 and sentences[1] else None
        out.append(doc)
    return out


def load_mentions(path: Path) -> list[GoldMention]:
    """Mentions of ``entities_mentions.json`` or ``event_mentions.json``.

    The head is ``mention_head_id`` when it lies inside the mention's
    tokens, else the mention token written as ``mention_head``, else its
    first token (the derived files are not always consistent).

    Raises:
        InputError: not JSON, or a mention without the needed fields.
    """
    try:
        records = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise InputError(str(path), "", f"cannot read the mentions: {exc}") from None
    out = []
    for n, r in enumerate(records, start=1):
        try:
            tokens = tuple(int(t) for t in r["tokens_number"])
            head = int(r["mention_head_id"])
            out.append(GoldMention(r["conll_doc_key"], int(r["sent_id"]), tokens, head, str(r["mention_type"]),
                                   str(r["coref_chain"]), str(r.get("mention_head_pos", ""))))
        except (KeyError, TypeError, ValueError) as exc:
            raise InputError(str(path), f"record {n}", f"missing or bad field {exc}") from None
    return out


def load_corpus(folder: str | Path) -> Corpus:
    """Read a MEANTIME folder (``meantime.conll`` and the two mention files).

    Raises:
        InputError: a missing or malformed file.
    """
    folder = Path(folder)
    need = [folder / "meantime.conll", folder / "entities_mentions.json"]
    for path in need:
        if not path.is_file():
            raise InputError(str(path), "", "not found: give the MEANTIME folder (meantime.conll, "
                             "entities_mentions.json, event_mentions.json)")
    docs = load_documents(need[0])
    by_key = {d.key: d for d in docs}
    entities = [_fix_head(m, by_key) for m in load_mentions(need[1])]
    events_path = folder / "event_mentions.json"
    events = [_fix_head(m, by_key) for m in load_mentions(events_path)] if events_path.is_file() else []
    return Corpus(docs, entities, events)


def _fix_head(m: GoldMention, docs: dict[str, Document]) -> GoldMention:
    if m.head in m.tokens or not m.tokens:
        return m
    m.head = m.tokens[0]
    return m


def gold_named(corpus: Corpus) -> tuple[set[str], list[GoldMention]]:
    """The scored documents and their gold named mentions (deduplicated by sentence and head)."""
    docs = {m.doc for m in corpus.entities}
    seen, out = set(), []
    for m in corpus.entities:
        if m.pos != "PROPN" or m.sentence >= SCORED_SENTENCES or m.type not in GOLD_TYPES:
            continue
        key = (m.doc, m.sentence, m.head)
        if key in seen:
            continue
        seen.add(key)
        out.append(GoldMention(m.doc, m.sentence, m.tokens, m.head, GOLD_TYPES[m.type], m.chain, m.pos))
    return docs, out


@dataclass
class Predicted:
    """A predicted mention on the document's tokens, with its canonical entity."""

    doc: str
    sentence: int
    start: int
    end: int
    type: str
    entity: str


def predict_entities(corpus: Corpus, annotator, lang: str = "nl") -> list[Predicted]:
    """Run the mention finder on every document and group the mentions across documents.

    Every document is stored in an in-memory kroniek archive
    (:meth:`kroniek.store.Store.store_article`), so the canonical entities
    come from the same grouping as ``kroniek ingest``.

    Raises:
        ExternalToolError: Frog is missing or failed.
    """
    from ..model import Annotated, Article, Sentence
    from ..store import open_store

    store = open_store(":memory:")
    fallback = parse_dct("2008-01-01")
    spans: dict[tuple[str, int], tuple[str, int, int, int]] = {}
    for doc in corpus.documents:
        sentences = [Sentence(o[0][0], o[-1][1], paragraph=k) for k, o in enumerate(doc.offsets) if o]
        offsets = [o for o in doc.offsets if o]
        numbers = [k for k, o in enumerate(doc.offsets) if o]
        words = [[doc.text[s:e] for s, e in o] for o in offsets]
        analysed = annotator.frog().analyse(words) if lang.split("-")[0] == "nl" else None
        mentions, where = annotator.mentions(doc.text, lang, offsets, analysed)
        article = Article(text=doc.text, dct=doc.dct or fallback, ext_id=doc.key, lang=lang, origin=doc.key)
        store.store_article(Annotated(article, lang, sentences, [], mentions, [], where))
        for m, k in zip(mentions, where):
            inside = [n for n, (s, e) in enumerate(offsets[k]) if s >= m.start and e <= m.end]
            if inside:
                spans[(doc.key, m.start)] = (doc.key, numbers[k], inside[0], inside[-1] + 1)
    out = []
    for doc in corpus.documents:
        for r in store.article(doc.key)["mentions"]:
            where_ = spans.get((doc.key, r["start"]))
            if where_ is not None:
                out.append(Predicted(doc.key, where_[1], where_[2], where_[3], r["type"],
                                     r["entity"] or f"m{r['start']}"))
    store.close()
    return out


def _scored(pred: list[Predicted], docs: set[str]) -> list[Predicted]:
    return [p for p in pred if p.doc in docs and p.sentence < SCORED_SENTENCES and p.type in SCORED_TYPES]


def _align(pred: list[Predicted], gold: list[GoldMention], typed: bool) -> dict[int, int]:
    """Prediction index → gold index, one to one, head inside the prediction (and same type when ``typed``)."""
    by_place: dict[tuple[str, int], list[int]] = {}
    for g, m in enumerate(gold):
        by_place.setdefault((m.doc, m.sentence), []).append(g)
    taken, out = set(), {}
    for p, m in enumerate(pred):
        for g in by_place.get((m.doc, m.sentence), []):
            gm = gold[g]
            if g not in taken and m.start <= gm.head < m.end and (not typed or gm.type == m.type):
                taken.add(g)
                out[p] = g
                break
    return out


def score_named_mentions(corpus: Corpus, pred: list[Predicted]) -> dict[str, Counts]:
    """Named-mention counts overall and per type (head token plus type)."""
    docs, gold = gold_named(corpus)
    scored = _scored(pred, docs)
    matched = _align(scored, gold, typed=True)
    out = {kind: Counts() for kind in ("overall", *SCORED_TYPES)}
    for m in gold:
        out[m.type].gold += 1
        out["overall"].gold += 1
    for p, m in enumerate(scored):
        out[m.type].predicted += 1
        out["overall"].predicted += 1
        if p in matched:
            out[m.type].correct += 1
            out["overall"].correct += 1
    return out


def score_entity_coref(corpus: Corpus, pred: list[Predicted]) -> coref.CorefScores:
    """Cross-document entity coreference over named mentions (MUC, B³, CEAF-e, CoNLL F1)."""
    docs, gold = gold_named(corpus)
    scored = _scored(pred, docs)
    key: dict[str, set] = {}
    for m in gold:
        key.setdefault(m.chain, set()).add((m.doc, m.sentence, m.head))
    matched = _align(scored, gold, typed=False)
    response: dict[str, set] = {}
    for p, m in enumerate(scored):
        g = gold[matched[p]] if p in matched else None
        mention = (g.doc, g.sentence, g.head) if g else (m.doc, m.sentence, "pred", m.start, m.end)
        response.setdefault(m.entity, set()).add(mention)
    return coref.score(key.values(), response.values())


def write_predictions(path: str | Path, corpus: Corpus, pred: list[Predicted]) -> None:
    """``token TAG`` per token (IOB2, our types with NORP as MISC), documents in file order.

    Each document starts with a line ``#begin document KEY``; sentences
    are separated by blank lines.
    """
    from .conll import CONLL_TYPES, iob2

    by_sentence: dict[tuple[str, int], list[tuple[int, int, str]]] = {}
    for p in pred:
        by_sentence.setdefault((p.doc, p.sentence), []).append((p.start, p.end, CONLL_TYPES.get(p.type, "MISC")))
    with open(path, "w", encoding="utf-8") as out:
        for doc in corpus.documents:
            out.write(f"#begin document {doc.key}\n")
            for k, tokens in enumerate(doc.sentences):
                for word, tag in zip(tokens, iob2(by_sentence.get((doc.key, k), []), len(tokens))):
                    out.write(f"{word} {tag}\n")
                out.write("\n")


def report(corpus: Corpus, pred: list[Predicted]) -> dict[str, Any]:
    """The entity part of ``kroniek eval meantime`` as data."""
    docs, gold = gold_named(corpus)
    mentions = score_named_mentions(corpus, pred)
    return {"documents": len(corpus.documents), "scored_documents": len(docs), "gold_named_mentions": len(gold),
            "named_mentions": {k: v.to_json() for k, v in mentions.items()},
            "entity_coreference": score_entity_coref(corpus, pred).to_json()}
