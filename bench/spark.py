"""Benchmark: ``kroniek spark-ingest`` on a local Spark against ``kroniek ingest``, side by side.

The same DPG articles (with Frog's entities unless --no-ner) go through

* ``kroniek ingest --jobs 1`` and ``--jobs 2`` (worker processes, one Frog each), and
* ``kroniek spark-ingest --master local[1]`` and ``local[2]`` (executors, one Frog per Python worker),

each into a fresh SQLite archive. Prints wall time, articles per second, the
time Spark spent annotating and the time storing and merging took on the
driver, Spark's overhead over the local ingest with as many cores, the
speed-up from one core to two, and whether every run merged the same
number of events.

    python bench/spark.py [--data ../shared/data] [--articles 400] [--no-ner]

Needs Java 17 and pyspark (``pip install -e '.[spark]'``).
"""
from __future__ import annotations

import argparse
import re
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import machine, run_measured  # noqa: E402


def _events(db: Path) -> int:
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM clusters").fetchone()[0]


def _seconds(stdout: str, label: str) -> float | None:
    found = re.search(rf"{label}\s+([0-9.]+) s", stdout)
    return float(found.group(1)) if found else None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    parser.add_argument("--articles", type=int, default=400, help="the first N DPG articles")
    parser.add_argument("--no-ner", action="store_true")
    args = parser.parse_args()
    corpus = Path(args.data) / "news" / "dpg2019-nl" / "articles.jsonl"
    lines = corpus.read_text(encoding="utf-8").splitlines(keepends=True)[: args.articles]
    extra = ["--no-ner"] if args.no_ner else []
    kroniek = [sys.executable, "-m", "kroniek.cli.main"]
    print(f"machine: {machine()}")
    print(f"corpus: first {len(lines)} records of {corpus}, {'without' if args.no_ner else 'with'} entities")
    print(f"{'run':<24} {'wall s':>7} {'art/s':>6} {'annotate s':>10} {'store+merge s':>13} {'peak MiB':>8} {'events':>6}")
    walls: dict[str, float] = {}
    events: dict[str, int] = {}
    with tempfile.TemporaryDirectory() as tmp:
        subset = Path(tmp) / "dpg.jsonl"
        subset.write_text("".join(lines), encoding="utf-8")
        runs = [(f"ingest --jobs {n}", [*kroniek, "ingest", "-q", "--jobs", str(n)]) for n in (1, 2)]
        runs += [(f"spark-ingest local[{n}]", [*kroniek, "spark-ingest", "--master", f"local[{n}]", "--out",
                                                 f"{tmp}/out{n}"]) for n in (1, 2)]
        for label, cmd in runs:
            db = Path(tmp) / (re.sub(r"\W+", "-", label) + ".db")
            result, seconds, peak = run_measured([*cmd, "--db", str(db), str(subset), *extra])
            if result.returncode not in (0, 1):
                print(result.stderr[-3000:], file=sys.stderr)
                raise SystemExit(f"{label} failed with exit status {result.returncode}")
            annotate = _seconds(result.stdout, "annotated in")
            store = _seconds(result.stdout, "stored and merged")
            walls[label], events[label] = seconds, _events(db)
            print(f"{label:<24} {seconds:7.1f} {len(lines) / seconds:6.1f} "
                  f"{'' if annotate is None else f'{annotate:.1f}':>10} {'' if store is None else f'{store:.1f}':>13} "
                  f"{peak:8,.0f} {events[label]:6}")
    for n in (1, 2):
        print(f"Spark overhead at {n} core(s): {walls[f'spark-ingest local[{n}]'] / walls[f'ingest --jobs {n}']:.2f}x "
              "the local ingest's wall time")
    print(f"speed-up from 1 to 2 cores: ingest {walls['ingest --jobs 1'] / walls['ingest --jobs 2']:.2f}x, "
          f"spark-ingest {walls['spark-ingest local[1]'] / walls['spark-ingest local[2]']:.2f}x")
    print(f"same merged events in every run: {len(set(events.values())) == 1} ({sorted(set(events.values()))})")


if __name__ == "__main__":
    main()
