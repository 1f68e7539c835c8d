"""Benchmark: named-entity speed per core, Frog included.

One process (so one core) runs the entity path over DPG articles: spaCy
sentences and tokens, Frog, and kroniek's mention finder; for each entity
backend it prints tokens per second by the wall clock and by CPU time
(this process plus its Frog, read from /proc), which stays honest when
other work shares the machine, and the Frog process's own rate. Frog's
start-up (model loading, once per worker) is left out and printed apart,
and so is the one-time compilation of Frog's entity model for the default
``frog`` backend (:mod:`kroniek.nlp.frog_model`, cached after the first run).

    python bench/entities.py [--data ../shared/data] [--articles 300] [--backends frog,frog-exact,frog-fast]
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import machine  # noqa: E402


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def run(backend: str, texts: list[str]) -> dict:
    from kroniek.nlp.segment import segment
    from kroniek.pipeline import Annotator

    annotator = Annotator(ner_backend=backend, lang="nl")
    began = time.perf_counter()
    frog = annotator.frog()
    startup = time.perf_counter() - began
    frog_pid = frog._proc.pid
    frog0 = _cpu_seconds(frog_pid)
    cpu0 = time.process_time() + frog0
    wall0 = time.perf_counter()
    tokens = mentions = 0
    for text in texts:
        seg = segment(text, "nl")
        words = [[text[s:e] for s, e in toks] for toks in seg.tokens]
        analysed = frog.analyse(words)
        found, _ = annotator.mentions(text, "nl", seg.tokens, analysed)
        tokens += sum(len(w) for w in words)
        mentions += len(found)
    wall = time.perf_counter() - wall0
    frog_cpu = _cpu_seconds(frog_pid) - frog0
    cpu = time.process_time() + frog0 + frog_cpu - cpu0
    annotator.close()
    return {"backend": backend, "tokens": tokens, "mentions": mentions, "wall_s": wall, "cpu_s": cpu, "frog_cpu_s": frog_cpu,
            "startup_s": startup}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--backends", default="frog,frog-exact,frog-fast")
    args = parser.parse_args()
    corpus = Path(args.data) / "news" / "dpg2019-nl" / "articles.jsonl"
    texts = [t for t in (json.loads(line).get("text") or "" for line in corpus.open(encoding="utf-8")) if t.strip()]
    texts = texts[:args.articles]
    print(f"machine: {machine()}")
    print(f"corpus: {corpus}, first {len(texts)} articles")
    from kroniek.entities.gazetteer import gazetteer

    began = time.perf_counter()
    gazetteer("nl")
    print(f"gazetteer built in {time.perf_counter() - began:.1f} s (once per worker)")
    if "frog" in [b.strip() for b in args.backends.split(",")]:
        from kroniek.nlp.frog_model import compiled_settings

        began = time.perf_counter()
        path = compiled_settings()
        print(f"Frog's compiled entity model: {path} ({time.perf_counter() - began:.1f} s; built once, then cached)")
    for backend in args.backends.split(","):
        r = run(backend.strip(), texts)
        print(f"{r['backend']:<10} {r['tokens']:>8,} tokens  {r['mentions']:>6} mentions  "
              f"{r['tokens'] / r['wall_s']:>7,.0f} tokens/s (wall)  {r['tokens'] / r['cpu_s']:>7,.0f} tokens/s "
              f"per core (CPU), Frog alone {r['tokens'] / r['frog_cpu_s']:,.0f}  Frog start-up {r['startup_s']:.1f} s")


if __name__ == "__main__":
    main()
