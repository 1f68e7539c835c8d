"""Benchmark: single API requests on one archive, first time and again, with the server's cache off.

Starts ``kroniek serve --cache-seconds 0`` on ``--db`` (for example the 1 M
archive that ``bench/scale.py`` caches) and sends each request of a fixed
list once (the first time: the database's pages may have to come from
disk), then three times more (the median: its pages are in memory).
Prints the status, the answer's size and both times per request. This is
how the web page's requests fare on a big archive, one user at a time.

    python bench/api_probe.py --db bench/.scale-cache/archive-plain-1000000.db
"""
from __future__ import annotations

import argparse
import statistics
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import machine, start_server  # noqa: E402

REQUESTS = [
    "/api/stats",
    "/api/timeline?query=Brexit",
    "/api/timeline?query=Brexit&from=2019-03&to=2019-03",
    "/api/timeline?from=2019-03-29&to=2019-03-29",
    "/api/entities?q=br",
    "/api/search?q=Brexit",
    "/api/search?q=Brexit&from=2019-03&to=2019-03",
    "/api/search?q=kabinet&unit=day",
]


def _get(url: str) -> tuple[int, int, float]:
    began = time.perf_counter()
    try:
        with urllib.request.urlopen(url, timeout=600) as answer:
            status, size = answer.status, len(answer.read())
    except urllib.error.HTTPError as error:
        status, size = error.code, len(error.read())
    return status, size, (time.perf_counter() - began) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    args = parser.parse_args()
    server, base = start_server(args.db, "--cache-seconds", "0")
    try:
        print(f"machine: {machine()}")
        print(f"archive: {args.db} ({Path(args.db).stat().st_size / 2**30:.1f} GiB); kroniek serve --cache-seconds 0")
        for path in REQUESTS:
            status, size, first = _get(base + path)
            again = statistics.median(_get(base + path)[2] for _ in range(3))
            print(f"{path:<52} {status}  {size / 1024:8.1f} KB  first {first:9.1f} ms  again {again:8.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
