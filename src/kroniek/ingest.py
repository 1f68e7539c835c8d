"""The main job: read articles, annotate them in parallel, store and merge each in its own transactions.

Workers (one per core by default) each hold one :class:`Annotator` with its
own Frog process. Records flow through the pool in input order, at most
:data:`IN_FLIGHT` per worker at a time, so memory does not grow with the
input; the main process alone writes to the database. Each article is
stored in one transaction (as pending) and merged into the timelines in
another (:func:`kroniek.timeline.build.merge_pending`), so an interrupted
run leaves only whole articles behind, each merged or pending; the next
run merges the pending ones first.
"""
from __future__ import annotations

import multiprocessing
import multiprocessing.pool
import os
import signal
import sqlite3
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import tzinfo
from pathlib import Path
from typing import Callable, Iterable, Iterator

from .entities.backends import parse_backend
from .errors import ExternalToolError, InputError
from .io import read_paths
from .model import Annotated, Article
from .pipeline import Annotator
from .store import Store, article_key, open_store
from .temporal.dct import DCT
from .timeline.build import BuildReport, merge_pending

#: Records handed to the pool per worker before the first result is taken back.
IN_FLIGHT = 8


@dataclass
class Present:
    """A record whose article is stored already (or repeated in this run).

    ``other_text`` is True when only the id matched: the record's text or
    date differs from the stored article's, which is kept as it is.
    """

    origin: str
    ext_id: str = ""
    other_text: bool = False


@dataclass
class IngestReport:
    """What an ingest run did.

    Attributes:
        read: records read (articles and unusable records).
        stored: articles newly stored.
        present: articles already in the database (same id, or same text and date).
        skipped: the unusable records, with their reasons.
        changed: records counted as present by their id although their
            text or date differs from the stored article's (which is kept).
        seconds: wall-clock time taken.
        timeline: what merging did (None when nothing was merged).
    """

    read: int = 0
    stored: int = 0
    present: int = 0
    skipped: list[InputError] = field(default_factory=list)
    changed: list[Present] = field(default_factory=list)
    seconds: float = 0.0
    timeline: BuildReport | None = None

    @property
    def per_second(self) -> float:
        """Articles read per second."""
        return self.read / self.seconds if self.seconds > 0 else 0.0

    def reasons(self) -> Counter:
        """Skipped records per reason (the reason's first words)."""
        return Counter(e.reason.split(" (")[0].split(":")[0] for e in self.skipped)


_ANNOTATOR: Annotator | None = None


def _init_worker(ner: bool, lang: str | None, frog_command: str, ner_backend: str | None = None) -> None:
    global _ANNOTATOR
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it stops the pool
    _ANNOTATOR = Annotator(ner=ner, lang=lang, frog_command=frog_command, ner_backend=ner_backend)
    _ANNOTATOR.warm_up()


def _work(item: Article | InputError | Present) -> Annotated | InputError | Present:
    if not isinstance(item, Article):
        return item
    return annotate_safely(_ANNOTATOR, item)


def annotate_safely(annotator: Annotator, article: Article) -> Annotated | InputError:
    """Annotate one article; failures become an :class:`InputError` for that article.

    Raises:
        ExternalToolError: when Frog cannot be started at all.
    """
    path, _, where = article.origin.rpartition(":")
    for attempt in (1, 2):
        try:
            return annotator.annotate(article)
        except InputError as exc:
            return exc
        except ExternalToolError as exc:
            if annotator._frog is None:
                raise
            annotator.close()  # restart Frog once, then give up on this article
            if attempt == 2:
                return InputError(path, where, f"Frog failed on this article: {exc}")
        except Exception as exc:  # a bug must cost one article, not the run
            return InputError(path, where, f"internal error, please report: {type(exc).__name__}: {exc}")
    raise AssertionError("unreachable")


def _records(paths: list[Path], store: Store, default_date: DCT | None,
             tz: tzinfo | None) -> Iterator[Article | InputError | Present]:
    """Records in input order; articles stored already become :class:`Present`."""
    for item in read_paths(paths, default_date=default_date, tz=tz):
        if isinstance(item, Article):
            ext_id, digest = article_key(item)
            if store.has_article(None, digest):
                yield Present(item.origin, ext_id)
                continue
            if store.has_article(ext_id, ""):
                yield Present(item.origin, ext_id, other_text=True)
                continue
        yield item


def _annotated(items: Iterable, pool, window: int) -> Iterator:
    """Pool results in input order, with at most ``window`` records in the pool at a time."""
    pending: deque = deque()
    for item in items:
        pending.append(pool.apply_async(_work, (item,)) if isinstance(item, Article) else item)
        while len(pending) >= window:
            yield _result(pending.popleft())
    while pending:
        yield _result(pending.popleft())


def _result(item):
    return item.get() if isinstance(item, multiprocessing.pool.ApplyResult) else item


def ingest(paths: list[Path | str], db: "Store | str | Path | sqlite3.Connection", *, jobs: int | None = None,
           ner: bool = True, lang: str | None = None, default_date: DCT | None = None,
           tz: tzinfo | None = None, frog_command: str = "frog", ner_backend: str | None = None,
           on_item: Callable[[str, Article | InputError | Present | Annotated], None] | None = None
           ) -> IngestReport:
    """Read, annotate and store articles.

    Args:
        paths: files and folders to read.
        db: the archive (a :class:`~kroniek.store.Store`, or a database path).
        jobs: worker processes (default: one per core); 1 runs in-process.
        ner: find named entities with Frog (Dutch).
        lang: force this language instead of the record's or detection.
        default_date: publication date for records without one (``--date``).
        tz: time zone for dates without one (default UTC).
        frog_command: the Frog executable.
        ner_backend: the entity backend (``frog``, ``frog-fast``, ``spacy:MODEL``);
            default: the environment variable ``KRONIEK_NER_BACKEND``, else ``frog``.
        on_item: called after each record with ``("stored"|"present"|"skipped", item)``.

    Articles left pending by an earlier, interrupted run are merged first.

    Returns:
        An :class:`IngestReport`.

    Raises:
        ExternalToolError: NER was asked for and Frog cannot run.
        UsageError: an unknown entity backend.
        KeyboardInterrupt: passed on after the pool is stopped; every
            article stored so far is whole.
    """
    report = IngestReport()
    began = time.perf_counter()
    if ner_backend is None:
        ner_backend = os.environ.get("KRONIEK_NER_BACKEND") or None
    parse_backend(ner_backend)  # an unknown setting fails here, before any work
    jobs = jobs or os.cpu_count() or 1
    store = open_store(db)
    merged = BuildReport()

    def merge() -> None:
        done = merge_pending(store)
        merged.articles += done.articles
        merged.mentions += done.mentions
        merged.changed += done.changed
        merged.seconds += done.seconds
        merged.events = done.events

    merge()  # what an interrupted run left pending
    records = _records([Path(p) for p in paths], store, default_date, tz)
    pool = None
    if jobs == 1:
        annotator = Annotator(ner=ner, lang=lang, frog_command=frog_command, ner_backend=ner_backend)
        annotator.warm_up()
        results: Iterator = (annotate_safely(annotator, r) if isinstance(r, Article) else r for r in records)
    else:
        pool = multiprocessing.get_context("fork").Pool(
            jobs, initializer=_init_worker, initargs=(ner, lang, frog_command, ner_backend))
        results = _annotated(records, pool, jobs * IN_FLIGHT)
    try:
        for result in results:
            report.read += 1
            if isinstance(result, InputError):
                report.skipped.append(result)
                outcome = "skipped"
            elif isinstance(result, Present):
                report.present += 1
                outcome = "present"
                if result.other_text:
                    report.changed.append(result)
            elif store.store_article(result) is None:
                report.present += 1
                outcome = "present"
            else:
                report.stored += 1
                outcome = "stored"
                merge()
            if on_item:
                on_item(outcome, result)
    except BaseException:
        if pool is not None:
            pool.terminate()
            pool.join()
            pool = None
        raise
    finally:
        if pool is not None:
            pool.close()
            pool.join()
        if jobs == 1:
            annotator.close()
    if merged.articles:
        report.timeline = merged
    report.seconds = time.perf_counter() - began
    return report
