"""Benchmark: the REST API under load, on loopback, while an ingest writes.

Serves the DPG corpus (ingested with entities once, cached in
bench/.serve-cache) with ``kroniek serve --workers N``; 50 clients (asyncio,
httpx) send mixed requests without pause for 60 s: timelines (words,
words with a date range, an entity), full-text search with histograms,
entity autocomplete and entity pages, through aiohttp (a lean client, so
that the load generator takes little of the two cores). Meanwhile ``kroniek ingest --no-ner``
adds the Timeline17 BP oil articles (English) to the same archive. Prints
throughput, latency p50 / p95 / p99 and errors (any status of 500 or
more, or a failed connection), per kind of request and overall.

    python bench/serve.py [--clients 50] [--seconds 60] [--workers 2] [--cache-seconds 5] [--data ../shared/data]
"""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import machine, start_server  # noqa: E402

HERE = Path(__file__).resolve().parent
WORDS = ["Brexit", "May", "Trump", "Ajax", "kabinet", "verkiezingen", "Rutte", "klimaat", "Venezuela", "politie",
         "rechter", "Thierry Baudet", "Boeing", "Feyenoord", "Europese Unie", "Facebook", "staking", "Utrecht"]
PREFIXES = ["br", "tr", "ru", "am", "ned", "eu", "ka", "ve", "po", "th"]


def archive(data: Path, cache: Path) -> Path:
    """The DPG corpus with entities, ingested once."""
    db = cache / "dpg.db"
    if not db.exists():
        print("ingesting the DPG corpus with entities once ...", file=sys.stderr)
        work = cache / "dpg.building.db"
        subprocess.run([sys.executable, "-m", "kroniek.cli.main", "ingest", "-q", "--db", str(work),
                        str(data / "news" / "dpg2019-nl" / "articles.jsonl")], check=False)
        work.rename(db)
    return db


def new_articles(data: Path, out: Path) -> Path:
    """The Timeline17 BP oil articles as JSON Lines kroniek reads (the ingest that runs meanwhile)."""
    with out.open("w", encoding="utf-8") as f:
        for folder in sorted((data / "tls" / "timeline17").glob("bpoil_*")):
            for line in (folder / "articles.jsonl").open(encoding="utf-8"):
                r = json.loads(line)
                f.write(json.dumps({"id": f"{folder.name}-{r['id']}", "date": r["time"], "text": r["text"],
                                    "lang": "en"}) + "\n")
    return out


async def client(http, base: str, entities: list[str], until: float, seed: int, results: list) -> None:
    import aiohttp

    rng = random.Random(seed)
    while time.perf_counter() < until:
        kind = rng.choice(["timeline", "timeline+dates", "entity", "search", "autocomplete", "entity page"])
        if kind == "timeline":
            path, params = "/api/timeline", {"query": rng.choice(WORDS)}
        elif kind == "timeline+dates":
            month = rng.choice(["2019-02", "2019-03", "2019-04"])
            path, params = "/api/timeline", {"query": rng.choice(WORDS), "from": month, "to": month}
        elif kind == "entity":
            path, params = "/api/timeline", {"entity": rng.choice(entities)}
        elif kind == "search":
            path, params = "/api/search", {"q": rng.choice(WORDS)}
        elif kind == "autocomplete":
            path, params = "/api/entities", {"q": rng.choice(PREFIXES)}
        else:
            path, params = f"/api/entities/{rng.choice(entities)}", {"limit": 50}
        t0 = time.perf_counter()
        try:
            async with http.get(base + path, params=params) as response:
                await response.read()
                status = response.status
        except (aiohttp.ClientError, asyncio.TimeoutError):
            status = 0
        results.append((kind, (time.perf_counter() - t0) * 1000, status))


def _pct(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, max(0, int(round(q * len(values))) - 1))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(HERE.parents[1] / "shared" / "data"))
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--cache-seconds", type=float, default=5.0, help="kroniek serve --cache-seconds (0: off)")
    parser.add_argument("--cache", default=str(HERE / ".serve-cache"))
    args = parser.parse_args()
    data, cache = Path(args.data), Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    base_db = archive(data, cache)
    db = cache / "load.db"
    shutil.copyfile(base_db, db)
    for suffix in ("-wal", "-shm"):
        Path(f"{db}{suffix}").unlink(missing_ok=True)
    from kroniek.store import open_store

    with open_store(db, create=False) as store:
        entities = [e["id"] for e in store.list_entities(limit=40)]
    server, base = start_server(str(db), "--workers", str(args.workers), "--cache-seconds", str(args.cache_seconds))
    try:
        articles = new_articles(data, cache / "new.jsonl")
        ingest = subprocess.Popen([sys.executable, "-m", "kroniek.cli.main", "ingest", "-q", "--no-ner", "--jobs", "1",
                                   "--db", str(db), str(articles)], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True)
        results: list = []
        until = time.perf_counter() + args.seconds

        async def run() -> None:
            import aiohttp

            async with aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=0),
                                             timeout=aiohttp.ClientTimeout(total=30)) as http:
                await asyncio.gather(*(client(http, base, entities, until, n, results) for n in range(args.clients)))

        began = time.perf_counter()
        asyncio.run(run())
        seconds = time.perf_counter() - began
        ingesting = ingest.poll() is None
        ingest.terminate()
        out, _ = ingest.communicate(timeout=120)
    finally:
        server.terminate()
        server.wait(timeout=30)
    print(f"machine: {machine()}")
    print(f"archive: {base_db.name} (DPG corpus with entities), kroniek serve --workers {args.workers} "
          f"--cache-seconds {args.cache_seconds:g}; "
          f"{args.clients} clients for {args.seconds:.0f} s while kroniek ingest added articles"
          + (" (still running at the end)" if ingesting else ""))
    kinds = sorted({k for k, _, _ in results})
    for kind in [*kinds, "all"]:
        rows = [r for r in results if kind == "all" or r[0] == kind]
        lat = [r[1] for r in rows]
        errors = sum(1 for r in rows if r[2] == 0 or r[2] >= 500)
        print(f"{kind:<15} {len(rows):>7,} requests {len(rows) / seconds:7.1f}/s  p50 {statistics.median(lat):7.1f} ms"
              f"  p95 {_pct(lat, 0.95):7.1f} ms  p99 {_pct(lat, 0.99):7.1f} ms  errors {errors}")


if __name__ == "__main__":
    main()
