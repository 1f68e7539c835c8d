"""Benchmark: the temporal tagger alone, per language, on one core.

Dutch: the DPG news corpus (DCT = published_at). English: the TempEval-3
TimeBank and AQUAINT texts (DCT from each file). Each language runs in its
own process pinned to one core; the script prints tokens per second of CPU
time (tokens as ``\\w+|[^\\w\\s]``, the measure bench/ingest.py uses) and of
wall-clock time (lower when other programs share the core), the time to
load the language data, and the peak memory of that process.

    python bench/tagger.py [--data ../shared/data] [--repeat 1] [--lang nl|en]
"""
from __future__ import annotations

import argparse
import json
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import machine, run_measured  # noqa: E402

TOKEN = re.compile(r"\w+|[^\w\s]")
TARGET = 20_000


def documents(lang: str, data: Path) -> list[tuple[str, str]]:
    """``(text, dct)`` of every benchmark document of ``lang``."""
    if lang == "nl":
        path = data / "news" / "dpg2019-nl" / "articles.jsonl"
        rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
        return [(r.get("text") or "", r["published_at"]) for r in rows]
    from kroniek.eval.timeml import gold_files
    from kroniek.temporal.timeml import read_timeml

    docs, seen = [], set()
    for _, path in gold_files(data / "timeml" / "tempeval3-tbaq"):
        doc = read_timeml(path)
        if (doc.docid, doc.text) not in seen:
            seen.add((doc.docid, doc.text))
            docs.append((doc.text, doc.dct))
    return docs


def worker(lang: str, data: Path, repeat: int) -> None:
    """Tag every document ``repeat`` times in this process; print the figures as JSON."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    docs = documents(lang, data)
    began = time.perf_counter()
    from kroniek.temporal.tagger import Tagger

    tagger = Tagger(lang)
    load = time.perf_counter() - began
    tokens = sum(len(TOKEN.findall(text)) for text, _ in docs) * repeat
    found = 0
    began, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        for text, dct in docs:
            found += len(tagger.tag(text, dct))
    seconds, cpu_seconds = time.perf_counter() - began, time.process_time() - cpu
    print(json.dumps({"lang": lang, "documents": len(docs) * repeat, "tokens": tokens, "timexes": found,
                      "seconds": seconds, "cpu_seconds": cpu_seconds, "load_seconds": load}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--repeat", type=int, default=1, help="Tag the corpus this many times.")
    parser.add_argument("--lang", choices=["nl", "en"], action="append", help="Only this language (repeatable).")
    parser.add_argument("--worker", choices=["nl", "en"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, Path(args.data), args.repeat)
        return
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {machine()}; one core per language; load average {load:.1f}")
    for lang in args.lang or ["nl", "en"]:
        cmd = [sys.executable, __file__, "--worker", lang, "--data", args.data, "--repeat", str(args.repeat)]
        result, _, peak = run_measured(cmd)
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            raise SystemExit(f"the {lang} benchmark failed with exit status {result.returncode}")
        r = json.loads(result.stdout.strip().splitlines()[-1])
        rate, wall = r["tokens"] / r["cpu_seconds"], r["tokens"] / r["seconds"]
        verdict = "meets" if rate >= TARGET else "BELOW"
        print(f"{lang}: {r['documents']:5d} documents  {r['tokens']:9,d} tokens  {r['timexes']:6,d} timexes  "
              f"{rate:9,.0f} tokens/s of CPU ({verdict} the {TARGET:,} target), {wall:,.0f} tokens/s wall  "
              f"data load {r['load_seconds']:.2f} s  peak memory {peak:,.0f} MiB")


if __name__ == "__main__":
    main()
