"""Running kroniek's timeline summaries on a Timeline17-layout folder (``kroniek eval tls``).

Each topic's articles (``articles.jsonl``: ``{id, time, text}``, tokenised,
one sentence a line) are ingested into a temporary archive without
entities (English), then for each gold timeline :func:`kroniek.summarize`
builds one with its L dates and K sentences, restricted to its date range,
and :func:`kroniek.eval.tls.score_timeline` scores it.
"""
from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ..model import Article
from ..temporal.dct import parse_dct
from .tls import Topic, TimelineScores, load_topics, score_timeline, task_params, write_predictions


@dataclass
class TopicResult:
    """One topic's summaries and scores, one per gold timeline."""

    topic: str
    articles: int
    predicted: list[list]
    scores: list[TimelineScores]


def topic_articles(topic: Topic, lang: str = "en") -> list[Article]:
    """The articles of a topic, one sentence per line."""
    out = []
    with open(topic.articles_path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            r = json.loads(line)
            out.append(Article(text=r["text"], dct=parse_dct(r["time"]), ext_id=str(r["id"]), lang=lang,
                               origin=f"{topic.articles_path}:line {n}", lines=True))
    return out


def run_topic(topic: Topic, *, jobs: int = 1, lang: str = "en", keep: Path | None = None) -> TopicResult:
    """Ingest a topic and summarise it for each of its gold timelines."""
    from ..ingest import annotate_safely
    from ..pipeline import Annotator
    from ..store import open_store
    from ..timeline.build import merge_pending
    from ..timeline.summarize import summarize

    with tempfile.TemporaryDirectory() as tmp:
        db = (keep / f"{topic.name}.db") if keep else Path(tmp) / "topic.db"
        store = open_store(db)
        if store.article_count() == 0:
            articles = topic_articles(topic, lang)
            if jobs > 1:
                import multiprocessing

                from .. import ingest as ing

                with multiprocessing.get_context("fork").Pool(jobs, initializer=ing._init_worker,
                                                              initargs=(False, lang, "frog", None)) as pool:
                    for annotated in pool.imap(ing._work, articles, chunksize=4):
                        if hasattr(annotated, "events"):
                            store.store_article(annotated)
            else:
                annotator = Annotator(ner=False, lang=lang)
                for art in articles:
                    annotated = annotate_safely(annotator, art)
                    if hasattr(annotated, "events"):
                        store.store_article(annotated)
            merge_pending(store, totals=False)
        predicted, scores = [], []
        for gold in topic.timelines:
            params = task_params(gold)
            days = summarize(store, dates=params.L, sentences=max(1, params.K), start=params.start.isoformat(),
                             end=params.end.isoformat())
            timeline = [(d.day, [s.text for s in d.sentences]) for d in days if params.in_range(d.day)]
            predicted.append(timeline)
            scores.append(score_timeline(timeline, gold))
        count = store.article_count()
        store.close()
    return TopicResult(topic.name, count, predicted, scores)


def run(root: str | Path, *, predictions: str | Path | None = None, jobs: int = 1, topics: list[str] | None = None,
        keep: str | Path | None = None, on_topic: Callable[[TopicResult], None] | None = None) -> list[TopicResult]:
    """Every topic of a Timeline17-layout folder (or those named in ``topics``).

    Args:
        predictions: a folder for ``<topic>/timelines.jsonl`` (the gold's order and shape).
        jobs: annotation processes.
        keep: a folder to keep (and reuse) each topic's archive in.

    Raises:
        UsageError: no topics, or an unknown topic name.
        InputError: a malformed gold file.
    """
    from ..errors import UsageError

    found = load_topics(root)
    if topics:
        unknown = set(topics) - {t.name for t in found}
        if unknown:
            raise UsageError(f"no such topic in {root}: {', '.join(sorted(unknown))}")
        found = [t for t in found if t.name in topics]
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
    out = []
    for topic in found:
        result = run_topic(topic, jobs=jobs, keep=Path(keep) if keep else None)
        if predictions:
            write_predictions(predictions, topic, result.predicted)
        out.append(result)
        if on_topic:
            on_topic(result)
    return out
