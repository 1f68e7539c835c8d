"""Benchmark: merging events and querying timelines on the DPG corpus.

Ingests the DPG corpus once (without NER unless --ner, to keep it short),
then times the merge step (syndication groups + event clusters) and the
latency of 20 timeline queries (median and 95th percentile).

    python bench/timeline.py [--data ../shared/data] [--ner] [--db existing.db]
"""
from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import machine  # noqa: E402

QUERIES = ["Brexit", "May", "Trump", "Ajax", "kabinet", "verkiezingen", "Rutte", "klimaat", "Venezuela",
           "politie", "rechter", "Thierry Baudet", "Boeing", "Feyenoord", "Europese Unie", "Facebook",
           "staking", "Utrecht", "Duitsland", "China"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--ner", action="store_true", help="ingest with Frog (slower, more entities)")
    parser.add_argument("--db", default=None, help="use this database instead of ingesting")
    args = parser.parse_args()
    from kroniek.store import open_store
    from kroniek.timeline import Timeline, rebuild

    print(f"machine: {machine()}")
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or f"{tmp}/bench.db"
        if not args.db:
            corpus = Path(args.data) / "news" / "dpg2019-nl" / "articles.jsonl"
            cmd = [sys.executable, "-m", "kroniek.cli.main", "ingest", "-q", "--db", db, str(corpus)]
            if not args.ner:
                cmd.append("--no-ner")
            subprocess.run(cmd, check=False, capture_output=True)
        store = open_store(db, create=False)
        began = time.perf_counter()
        report = rebuild(store)
        merge_seconds = time.perf_counter() - began
        print(f"merge: {report.mentions} event mentions of {report.articles} articles -> {report.events} events, "
              f"{merge_seconds:.2f} s")
        timeline = Timeline(store)
        latencies, sizes = [], []
        for q in QUERIES:
            t0 = time.perf_counter()
            page = timeline.entries(q)  # the first page of 100, as the CLI gives it
            latencies.append((time.perf_counter() - t0) * 1000)
            sizes.append(page.total)
        latencies.sort()
        p95 = latencies[min(len(latencies) - 1, int(round(0.95 * len(latencies))) - 1)]
        print(f"queries: {len(QUERIES)}, median {statistics.median(latencies):.1f} ms, p95 {p95:.1f} ms, "
              f"matching entries per query median {statistics.median(sizes):.0f}")


if __name__ == "__main__":
    main()
