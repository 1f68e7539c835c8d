"""Benchmark: ingest the DPG corpus, with and without named entities.

Prints articles per second, tokens per second and the peak memory of the
whole process tree (kroniek, its workers and their Frog processes).

    python bench/ingest.py [--data ../shared/data] [--jobs N]
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import machine, run_measured  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--jobs", type=int, default=None)
    args = parser.parse_args()
    corpus = Path(args.data) / "news" / "dpg2019-nl" / "articles.jsonl"
    texts = [json.loads(line).get("text") or "" for line in corpus.open(encoding="utf-8")]
    words = sum(len(re.findall(r"\w+|[^\w\s]", t)) for t in texts)
    print(f"machine: {machine()}")
    print(f"corpus: {corpus} ({len(texts)} records, {words:,} tokens)")
    for label, extra in (("without NER", ["--no-ner"]), ("with NER (Frog)", [])):
        with tempfile.TemporaryDirectory() as tmp:
            cmd = [sys.executable, "-m", "kroniek.cli.main", "ingest", "-q", "--db", f"{tmp}/bench.db",
                   str(corpus), *extra]
            if args.jobs:
                cmd += ["--jobs", str(args.jobs)]
            result, seconds, peak = run_measured(cmd)
            if result.returncode not in (0, 1):
                print(result.stderr, file=sys.stderr)
                raise SystemExit(f"ingest failed with exit status {result.returncode}")
            print(f"{label:<16} {len(texts) / seconds:7.1f} articles/s  {words / seconds:9,.0f} tokens/s"
                  f"  {seconds:6.1f} s  peak memory {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
