"""Benchmark: archives of 10 k, 100 k and 1 M articles; adding articles to them and querying them.

The archives are made from the real DPG corpus, annotated once and then
replicated at the storage layer (no Frog while building): copy k (k = 1,
2, ...) of an article is shifted back in time by k * SHIFT_WEEKS weeks
(its publication date, time expressions and event dates alike), gets its
own id, and keeps a different share KEEP of the article's sentences
(chosen by a random generator seeded with k and the article), so that
copies are neither one text (syndicated) nor one set of events; copies a
few weeks apart do merge and count as syndicated now and then, as
versions of one story do. Every copy is stored and merged through the
store as an ingest does, 200 articles per transaction. The DPG articles
themselves are not in the archives: they are the new articles added.

Archive kinds: ``plain`` (annotated without entities, as ``--no-ner``)
and ``entities`` (annotated with Frog once; the copies keep entities and
events but not Frog's per-token tags, which would triple the size). Built
archives are cached in ``bench/.scale-cache`` (git-ignored); a larger
archive starts from a copy of the next smaller one.

With ``--backend postgresql`` the SQLite archives are copied into a
PostgreSQL database (``kroniek migrate``'s code) of a cluster the benchmark
keeps in the cache folder (started and stopped by it; shared_buffers 2 GB,
work_mem 64 MB), and everything is measured there.

For each size it prints:

* the database size on disk, per article;
* the time to add 1 article (the whole ``kroniek ingest --no-ner``
  command, start-up included) and 1,000 new real articles (DPG,
  ``--no-ner``), each to a copy of the archive, and the peak memory of
  that ingest (all processes);
* while the 1,000 articles go in once more (to another copy),
  ``--readers`` processes (4) query that archive without pause: their
  number of queries, errors, and latency median / p95, and how long the
  ingest took meanwhile;
* latency, median and p95, of 20 timeline queries of each shape (text,
  entity, text plus date range, entity plus date range) for the first page
  of 100 entries, and the median number of matching entries.

    python bench/scale.py [--sizes 10k,100k,1M] [--kind plain|entities] [--backend sqlite|postgresql]
                          [--readers 4] [--cache DIR] [--build-only]
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import random
import shutil
import statistics
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import machine, run_measured  # noqa: E402

SHIFT_WEEKS = 4
KEEP = 0.8
BATCH = 200
QUERIES = ["Brexit", "May", "Trump", "Ajax", "kabinet", "verkiezingen", "Rutte", "klimaat", "Venezuela",
           "politie", "rechter", "Thierry Baudet", "Boeing", "Feyenoord", "Europese Unie", "Facebook",
           "staking", "Utrecht", "Duitsland", "China"]
NEW = 1000
HERE = Path(__file__).resolve().parent


def parse_size(text: str) -> int:
    text = text.strip().lower()
    factor = {"k": 1000, "m": 1000_000}.get(text[-1], 1)
    return int(float(text.rstrip("km")) * factor)


def usable_records(corpus: Path) -> list[dict]:
    """The DPG records with a text, first occurrence of each id."""
    seen, out = set(), []
    for line in corpus.open(encoding="utf-8"):
        r = json.loads(line)
        if (r.get("text") or "").strip() and r["id"] not in seen:
            seen.add(r["id"])
            out.append(r)
    return out


def base_annotation(kind: str, corpus: Path, cache: Path) -> list:
    """The DPG corpus annotated once (cached)."""
    path = cache / f"base-{kind}.pickle"
    if path.exists():
        return pickle.loads(path.read_bytes())
    import multiprocessing

    from kroniek import ingest as ing
    from kroniek.io import read_paths
    from kroniek.model import Article

    articles = [a for a in read_paths([corpus]) if isinstance(a, Article)]
    print(f"annotating {len(articles)} DPG articles ({kind}) once ...", file=sys.stderr)
    with multiprocessing.get_context("fork").Pool(2, initializer=ing._init_worker,
                                                  initargs=(kind == "entities", None, "frog", None)) as pool:
        done = [a for a in pool.imap(ing._work, articles, chunksize=4) if hasattr(a, "events")]
    from kroniek.store import article_key

    seen, out = set(), []
    for a in done:  # the corpus repeats some articles (same id, or same text and date)
        ext_id, digest = article_key(a.article)
        if ext_id not in seen and digest not in seen:
            seen.update((ext_id, digest))
            out.append(a)
    path.write_bytes(pickle.dumps(out))
    return out


def _shift_interval(interval, delta):
    from kroniek.temporal.calendar import Interval

    if interval is None:
        return None
    return Interval(interval.start + delta, interval.end + delta, interval.granularity)


def _value(interval, old: str) -> str:
    from kroniek.temporal.values import value_of_interval

    if interval is not None and interval.is_exact_unit:
        return value_of_interval(interval)
    return old


def copy_of(ann, k: int, n: int):
    """Copy ``k`` of annotated article ``n``: shifted back k * SHIFT_WEEKS weeks, a share of its sentences."""
    from kroniek.events.syndication import signature
    from kroniek.model import Annotated
    from kroniek.temporal.calendar import Granularity, Interval
    from kroniek.temporal.dct import DCT

    delta = -timedelta(weeks=k * SHIFT_WEEKS)
    rng = random.Random(k * 1_000_003 + n)
    text, sentences = ann.article.text, ann.sentences
    keep = [i for i in range(len(sentences)) if rng.random() < KEEP] or [0]
    pieces, moved, pos = [], {}, 0
    for i in keep:
        s = sentences[i]
        end = sentences[i + 1].start if i + 1 < len(sentences) else len(text)
        moved[i] = pos - s.start
        pieces.append(text[s.start:end])
        pos += end - s.start
    new_text = "".join(pieces)
    index = {old: new for new, old in enumerate(keep)}

    def where(offset: int) -> int | None:
        for i in keep:
            if sentences[i].start <= offset < sentences[i].end:
                return i
        return None

    new_sentences = [replace(sentences[i], start=sentences[i].start + moved[i], end=sentences[i].end + moved[i],
                             tokens=[]) for i in keep]
    timex_map, timexes = {}, []
    for t_i, t in enumerate(ann.timexes):
        s = where(t.start)
        if s is None:
            continue
        interval = _shift_interval(t.interval, delta)
        timex_map[t_i] = len(timexes)
        timexes.append(replace(t, start=t.start + moved[s], end=t.end + moved[s], interval=interval,
                               value=_value(interval, t.value), begin=None, end_point=None))
    mention_map, mentions, mention_sentence = {}, [], []
    for m_i, (m, k_s) in enumerate(zip(ann.mentions, ann.mention_sentence)):
        if k_s in index:
            mention_map[m_i] = len(mentions)
            mentions.append(replace(m, start=m.start + moved[k_s], end=m.end + moved[k_s]))
            mention_sentence.append(index[k_s])
    events = []
    for e in ann.events:
        if e.sentence not in index or (e.timex is not None and e.timex not in timex_map):
            continue
        reference = _shift_interval(e.reference, delta)
        events.append(replace(
            e, sentence=index[e.sentence], timex=timex_map.get(e.timex) if e.timex is not None else None,
            reference=reference, value=_value(reference, e.value),
            start=e.start + delta if e.start is not None else None, end=e.end + delta if e.end is not None else None,
            trigger_start=e.trigger_start + moved[e.sentence] if e.trigger_start is not None else None,
            trigger_end=e.trigger_end + moved[e.sentence] if e.trigger_end is not None else None,
            roles=[(mention_map[m], r) for m, r in e.roles if m in mention_map],
            pronoun_mentions=[mention_map[m] for m in e.pronoun_mentions if m in mention_map],
            source_mention=mention_map.get(e.source_mention) if e.source_mention is not None else None))
    dct_interval = _shift_interval(ann.article.dct.interval, delta)
    if dct_interval.granularity > Granularity.DAY:
        start = dct_interval.start
        dct_interval = Interval(start, start + timedelta(days=1), Granularity.DAY)
    dct_value = dct_interval.start.date().isoformat() if dct_interval.granularity == Granularity.DAY \
        else dct_interval.start.isoformat(timespec="seconds")
    article = replace(ann.article, text=new_text, dct=DCT(dct_value, dct_interval, dct_value),
                      ext_id=f"{ann.article.ext_id}-c{k}", origin=f"bench/scale.py:copy {k} of {ann.article.origin}")
    return Annotated(article, ann.lang, new_sentences, timexes, mentions, events, mention_sentence,
                     signature(new_text))


def build(kind: str, size: int, base: list, cache: Path) -> Path:
    """The cached archive of ``size`` articles (built, or extended from a smaller one)."""
    from kroniek.store import open_store
    from kroniek.timeline.build import merge_pending

    path = cache / f"archive-{kind}-{size}.db"
    if path.exists():
        return path
    smaller = sorted((int(p.stem.rsplit("-", 1)[1]), p) for p in cache.glob(f"archive-{kind}-*.db")
                     if int(p.stem.rsplit("-", 1)[1]) < size)
    work = path.with_suffix(".building")
    if smaller and not work.exists():  # an interrupted build goes on where it stopped
        shutil.copyfile(smaller[-1][1], work)
    store = open_store(work)
    have = store.article_count()
    began, last = time.perf_counter(), have
    print(f"building {path.name}: {have:,} articles there, {size - have:,} to add", file=sys.stderr)
    order = ((k, n) for k in range(1, 10**9) for n in range(len(base)))
    for _ in range(have):
        next(order)
    while have < size:
        with store.transaction():
            for _ in range(min(BATCH, size - have)):
                k, n = next(order)
                store.store_article(copy_of(base[n], k, n))
                have += 1
            merge_pending(store, totals=False)
        if have - last >= 10000 or have == size:
            rate = (have - last) / (time.perf_counter() - began)
            print(f"  {have:,} articles, {rate:.0f} articles/s", file=sys.stderr)
            began, last = time.perf_counter(), have
    store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    os.replace(work, path)
    return path


def _ms(values: list[float]) -> tuple[float, float]:
    values = sorted(values)
    return statistics.median(values), values[min(len(values) - 1, int(round(0.95 * len(values))) - 1)]


def query_figures(db: str, base: list, seed: int = 1) -> dict[str, tuple[float, float, float] | None]:
    """Shape → (median ms, p95 ms, median total entries) of 20 first pages of 100."""
    import gc
    from collections import Counter

    gc.collect()
    gc.freeze()  # the benchmark's own millions of objects (the annotated base) are no query's garbage to scan

    from kroniek.store import open_store
    from kroniek.timeline import Timeline

    store = open_store(db, create=False)
    tl = Timeline(store)
    names = Counter(m.text for a in base for m in a.mentions if m.type in ("PER", "ORG", "LOC"))
    entities = [n for n, _ in names.most_common(60) if store.find_entities(n)][:20]
    from datetime import datetime

    first, last = (datetime.fromisoformat(x) for x in
                   store.db.execute("SELECT min(dct_start), max(dct_start) FROM articles").fetchone())
    rng = random.Random(seed)

    def window() -> tuple[str, str]:
        """Three months somewhere in the time the archive's articles were published."""
        start = first + (last - first - timedelta(days=90)) * rng.random()
        return start.date().isoformat(), (start + timedelta(days=90)).date().isoformat()

    shapes = {"text": [dict(query=q) for q in QUERIES],
              "entity": [dict(entity=e) for e in entities],
              "text + dates": [dict(query=q, start=a, end=b) for q in QUERIES for a, b in [window()]],
              "entity + dates": [dict(entity=e, start=a, end=b) for e in entities for a, b in [window()]]}
    tl.entries(QUERIES[0], limit=100)  # warm the connection
    out: dict[str, tuple[float, float, float] | None] = {}
    for shape, runs in shapes.items():
        if not runs:
            out[shape] = None
            continue
        latencies, totals = [], []
        for kwargs in runs:
            t0 = time.perf_counter()
            page = tl.entries(limit=100, **kwargs)
            latencies.append((time.perf_counter() - t0) * 1000)
            totals.append(page.total)
        out[shape] = (*_ms(latencies), statistics.median(totals))
    store.close()
    return out


def _reader(target: str, stop, results, seed: int) -> None:
    """A reader: timeline queries of every shape, one after another, until told to stop."""
    import gc

    gc.freeze()  # forked from the benchmark: its objects are not the reader's garbage
    from kroniek.store import open_store
    from kroniek.timeline import Timeline

    rng = random.Random(seed)
    latencies, errors = [], []
    try:
        store = open_store(target, create=False)
        tl = Timeline(store)
        while not stop.is_set():
            query = rng.choice(QUERIES)
            kwargs = rng.choice([{}, {"start": "2018-06", "end": "2019-03"}])
            t0 = time.perf_counter()
            try:
                tl.entries(query, limit=100, **kwargs)
                latencies.append((time.perf_counter() - t0) * 1000)
            except Exception as exc:  # counted: the benchmark's figure is "no errors"
                errors.append(f"{type(exc).__name__}: {exc}")
        store.close()
    except Exception as exc:
        errors.append(f"{type(exc).__name__}: {exc}")
    results.put((latencies, errors))


#: Single articles added one after another (one command each) for the "add 1 article" figure (their median).
ONE_RUNS = 3


def add_figures(backend: "Backend", records: list[dict], work: Path, readers: int, only_one: bool = False) -> dict:
    """Seconds to add 1 article (the median of :data:`ONE_RUNS` commands, each adding another
    article to the same copy) and 1,000 articles (to a copy of their own), the peak memory, and
    what ``readers`` processes saw meanwhile."""
    import multiprocessing

    many = work / "many.jsonl"
    many.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records[:NEW]), encoding="utf-8")
    ones = []
    for n in range(ONE_RUNS):
        ones.append(work / f"one-{n}.jsonl")
        ones[-1].write_text(json.dumps(records[NEW + n], ensure_ascii=False) + "\n", encoding="utf-8")
    out: dict = {}
    copy = backend.copy("one")
    os.sync()  # the copy's pages reach the disk now, not during the first command's checkpoint
    runs = []
    for source in ones:
        result, seconds, peak = run_measured([sys.executable, "-m", "kroniek.cli.main", "ingest", "-q", "--no-ner",
                                              "--db", copy, str(source)])
        if result.returncode not in (0, 1):
            raise SystemExit(f"ingest failed ({result.returncode}): {result.stderr}")
        runs.append((seconds, peak))
    backend.drop(copy)
    out["one_runs"] = [s for s, _ in runs]
    out["one"], out["one_peak"] = statistics.median(out["one_runs"]), max(p for _, p in runs)
    if only_one:
        return out
    for label, source in (("many", many), ("busy", many)):
        if label == "busy" and not readers:
            continue
        copy = backend.copy(label)
        os.sync()
        cmd = [sys.executable, "-m", "kroniek.cli.main", "ingest", "-q", "--no-ner", "--db", copy, str(source)]
        context = multiprocessing.get_context("fork")
        stop, results = context.Event(), context.Queue()
        procs = [context.Process(target=_reader, args=(copy, stop, results, n)) for n in range(readers)] \
            if label == "busy" else []
        for p in procs:
            p.start()
        result, seconds, peak = run_measured(cmd)
        stop.set()
        seen = [results.get(timeout=600) for _ in procs]
        for p in procs:
            p.join()
        if result.returncode not in (0, 1):
            raise SystemExit(f"ingest failed ({result.returncode}): {result.stderr}")
        out[label], out[f"{label}_peak"] = seconds, peak
        if procs:
            latencies = [x for lat, _ in seen for x in lat]
            out["readers"] = (len(latencies), sum(len(e) for _, e in seen), *(_ms(latencies) if latencies else (0, 0)))
            out["reader_errors"] = [e for _, errs in seen for e in errs][:3]
        backend.drop(copy)
    return out


class Backend:
    """Where an archive of the benchmark lives: its SQLite file, or a PostgreSQL copy of it."""

    def __init__(self, kind: str, cache: Path):
        self.kind, self.cache, self.db = kind, cache, None

    def prepare(self, sqlite_db: Path, size: int) -> str:
        self.db = str(sqlite_db)
        return self.db

    def size(self) -> int:
        return os.path.getsize(self.db)

    def copy(self, label: str) -> str:
        copy = self.cache / "work" / f"copy-{label}.db"
        shutil.copyfile(self.db, copy)
        return str(copy)

    def drop(self, copy: str) -> None:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{copy}{suffix}").unlink(missing_ok=True)

    def close(self) -> None:
        pass


class PostgresBackend(Backend):
    """A cluster kept in the cache folder; each archive a database copied from its SQLite file."""

    SETTINGS = "-c shared_buffers=2GB -c work_mem=64MB -c maintenance_work_mem=1GB -c effective_cache_size=16GB"

    def __init__(self, kind: str, cache: Path):
        super().__init__(kind, cache)
        sys.path.insert(0, str(HERE.parent / "tests"))
        from pgcluster import Cluster

        self.cluster = Cluster(cache / "pg")
        self.cluster.start(options=self.SETTINGS)

    def _admin(self):
        import psycopg

        return psycopg.connect(f"{self.cluster.url}/postgres", autocommit=True)

    def prepare(self, sqlite_db: Path, size: int) -> str:
        from kroniek.archive_copy import copy_archive
        from kroniek.store import open_store

        self.name = f"{self.kind}_{size}"
        self.db = f"{self.cluster.url}/{self.name}"
        with self._admin() as conn:
            if conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (self.name,)).fetchone():
                return self.db
            conn.execute(f'DROP DATABASE IF EXISTS "{self.name}_building"')  # an interrupted copy starts over
            conn.execute(f'CREATE DATABASE "{self.name}_building"')
        print(f"copying {sqlite_db.name} into PostgreSQL ...", file=sys.stderr)
        began = time.perf_counter()
        target = open_store(f"{self.cluster.url}/{self.name}_building")
        copy_archive(open_store(sqlite_db, create=False), target)
        target.close()
        with self._admin() as conn:
            conn.execute(f'ALTER DATABASE "{self.name}_building" RENAME TO "{self.name}"')
        print(f"  copied in {time.perf_counter() - began:.0f} s", file=sys.stderr)
        return self.db

    def size(self) -> int:
        with self._admin() as conn:
            return conn.execute("SELECT pg_database_size(%s)", (self.name,)).fetchone()[0]

    def copy(self, label: str) -> str:
        name = f"{self.name}_copy_{label}"
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.name}"')
        return f"{self.cluster.url}/{name}"

    def drop(self, copy: str) -> None:
        with self._admin() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{copy.rsplit("/", 1)[1]}" WITH (FORCE)')

    def close(self) -> None:
        self.cluster.stop(remove=False)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(HERE.parents[1] / "shared" / "data"))
    parser.add_argument("--sizes", default="10k,100k,1M", help="archive sizes (10k, 100k, 1M, ...)")
    parser.add_argument("--kind", choices=["plain", "entities"], default="plain")
    parser.add_argument("--backend", choices=["sqlite", "postgresql"], default="sqlite")
    parser.add_argument("--readers", type=int, default=4, help="readers querying while 1,000 articles are added")
    parser.add_argument("--cache", default=str(HERE / ".scale-cache"))
    parser.add_argument("--build-only", action="store_true", help="build (and cache) the archives, measure nothing")
    parser.add_argument("--queries-only", action="store_true", help="measure the queries only (no articles added)")
    parser.add_argument("--add1-only", action="store_true", help="measure adding 1 article only")
    args = parser.parse_args()
    cache = Path(args.cache)
    cache.mkdir(parents=True, exist_ok=True)
    corpus = Path(args.data) / "news" / "dpg2019-nl" / "articles.jsonl"
    base = base_annotation(args.kind, corpus, cache)
    records = usable_records(corpus)
    print(f"machine: {machine()}")
    print(f"archives: {args.kind}, copies of {len(base)} annotated DPG articles (shifted {SHIFT_WEEKS} weeks apart,"
          f" {KEEP:.0%} of their sentences each)")
    backend = PostgresBackend(args.kind, cache) if args.backend == "postgresql" else Backend(args.kind, cache)
    print(f"backend: {args.backend}")
    try:
        for size in sorted(parse_size(s) for s in args.sizes.split(",")):
            sqlite_db = build(args.kind, size, base, cache)
            if args.build_only and args.backend == "sqlite":
                continue
            target = backend.prepare(sqlite_db, size)
            if args.build_only:
                continue
            from kroniek.store import open_store

            with open_store(target, create=False) as store:
                articles, events = store.article_count(), store.event_count()
            work = cache / "work"
            work.mkdir(exist_ok=True)
            on_disk = backend.size()
            added = None if args.queries_only else add_figures(backend, records, work, args.readers,
                                                               only_one=args.add1_only)
            queries = {} if args.add1_only else query_figures(target, base)
            print(f"\n== {articles:,} articles, {events:,} merged events ({args.backend}) ==")
            print(f"database          {on_disk / 2**20:,.0f} MiB, {on_disk / articles / 1000:.1f} KB per article")
            if added is not None:
                print(f"add 1 article     {added['one']:.2f} s (whole command, median of "
                      f"{', '.join(f'{x:.2f}' for x in added['one_runs'])}), peak memory {added['one_peak']:,.0f} MiB")
            if added is not None and "many" in added:
                print(f"add {NEW:,} articles {added['many']:.1f} s (whole command), peak memory"
                      f" {added['many_peak']:,.0f} MiB")
                if "readers" in added:
                    n, errors, med, p95 = added["readers"]
                    print(f"while adding them {args.readers} readers: {n:,} queries, {errors} errors,"
                          f" median {med:.1f} ms, p95 {p95:.1f} ms (the ingest took {added['busy']:.1f} s)"
                          + (f" ({added['reader_errors']})" if errors else ""))
            for shape, figures in queries.items():
                if figures is None:
                    print(f"query {shape:<15} –  (no entities in a {args.kind} archive)")
                else:
                    print(f"query {shape:<15} median {figures[0]:6.1f} ms  p95 {figures[1]:6.1f} ms"
                          f"  ({figures[2]:,.0f} entries matching, median)")
    finally:
        backend.close()


if __name__ == "__main__":
    main()
