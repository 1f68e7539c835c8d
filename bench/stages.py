"""Benchmark: where the time of an ingest with entities goes, stage by stage, on one core.

Annotates the first N DPG articles in this process with one Annotator (one
Frog process; Frog and Python take turns over the pipe, so the run uses one
core at a time), stores each into a fresh SQLite archive and merges it, as
``kroniek ingest --jobs 1`` does, and prints per stage the wall seconds,
milliseconds per article and share of the total, then tokens per second
per core. Frog's start-up and the loading of the language data (one
article annotated first) are not counted.

    python bench/stages.py [--data ../shared/data] [--articles 300] [--no-ner]
"""
from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import machine  # noqa: E402

from kroniek.io import read_paths  # noqa: E402
from kroniek.model import Article  # noqa: E402
from kroniek.pipeline import Annotator  # noqa: E402
from kroniek.store import open_store  # noqa: E402
from kroniek.timeline.build import merge_pending  # noqa: E402

STAGES = ["segment", "frog", "tense", "mentions", "tagger", "events", "signature", "storing", "merging"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--no-ner", action="store_true")
    args = parser.parse_args()
    corpus = Path(args.data) / "news" / "dpg2019-nl" / "articles.jsonl"
    articles = [a for a in read_paths([corpus]) if isinstance(a, Article) and a.text.strip()][: args.articles]
    tokens = sum(len(re.findall(r"\w+|[^\w\s]", a.text)) for a in articles)
    print(f"machine: {machine()}")
    print(f"corpus: first {len(articles)} DPG articles with text ({tokens:,} tokens), "
          f"{'without' if args.no_ner else 'with'} entities")
    annotator = Annotator(ner=not args.no_ner)
    began = time.perf_counter()
    if not args.no_ner:
        annotator.frog()
    startup = time.perf_counter() - began
    annotator.annotate(articles[0])  # loads the language data and rules once
    annotator.timings.clear()
    timings = annotator.timings
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(Path(tmp) / "stages.db")
        for article in articles:
            annotated = annotator.annotate(article)
            t0 = time.perf_counter()
            stored = store.store_article(annotated)
            t1 = time.perf_counter()
            if stored is not None:
                merge_pending(store, totals=False)
            timings["storing"] += t1 - t0
            timings["merging"] += time.perf_counter() - t1
        store.close()
    annotator.close()
    total = sum(timings.values())
    print(f"{'stage':<10} {'seconds':>8} {'ms/article':>10} {'share':>6}")
    for stage in STAGES:
        sec = timings.get(stage, 0.0)
        print(f"{stage:<10} {sec:8.2f} {1000 * sec / len(articles):10.1f} {sec / total:6.1%}")
    print(f"{'total':<10} {total:8.2f} {1000 * total / len(articles):10.1f}")
    print(f"Frog start-up (not counted): {startup:.1f} s")
    print(f"{tokens / total:,.0f} tokens/s per core, {len(articles) / total:.2f} articles/s per core")


if __name__ == "__main__":
    main()
