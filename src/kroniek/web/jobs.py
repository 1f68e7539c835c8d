"""Background ingests for ``POST /api/ingest``: one at a time, in a thread, with progress.

An upload is written to a private temporary file named after its format
(never after anything the request says) and ingested with the same code
as ``kroniek ingest`` (one process: the server forks no workers). Jobs are
kept in memory while the server runs.
"""
from __future__ import annotations

import queue
import secrets
import shutil
import tempfile
import threading
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Callable

from ..errors import InputError, KroniekError

SUFFIX = {"jsonl": ".jsonl", "json": ".json", "csv": ".csv", "tsv": ".tsv", "text": ".txt"}
#: Skipped records a job lists (it counts them all).
MAX_ERRORS = 1000


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class Jobs:
    """The server's ingest jobs.

    Args:
        db: the archive.
        ner: find entities (None: when Frog is installed).
        on_change: called (in the job's thread) when a job has written what it
            will write, just before it shows as ended.
    """

    def __init__(self, db: str, ner: bool | None = None, on_change: Callable[[], None] | None = None):
        self.db = db
        self.on_change = on_change or (lambda: None)
        if ner is None:
            from ..nlp.frog import frog_available

            ner = frog_available()
        self.ner = ner
        self.jobs: dict[str, dict[str, Any]] = {}
        self.lock = threading.Lock()
        self.queue: queue.Queue = queue.Queue()
        self.worker: threading.Thread | None = None

    def get(self, job_id: str) -> dict[str, Any] | None:
        """A job's state (a copy), or None."""
        with self.lock:
            found = self.jobs.get(job_id)
            return {**found, "errors": list(found["errors"])} if found else None

    def submit(self, body: bytes, fmt: str, *, lang: str | None, date: str | None, name: str | None,
               by: str) -> dict[str, Any]:
        """Queue an upload; return its job."""
        folder = Path(tempfile.mkdtemp(prefix="kroniek-upload-"))
        path = folder / f"upload{SUFFIX[fmt]}"
        path.write_bytes(body)
        job_id = secrets.token_hex(8)
        job = {"id": job_id, "state": "queued", "format": fmt, "bytes": len(body), "read": 0, "stored": 0,
               "present": 0, "skipped": 0, "errors": [], "message": None, "created_at": _now(),
               "started_at": None, "finished_at": None}
        with self.lock:
            self.jobs[job_id] = job
            if self.worker is None or not self.worker.is_alive():
                self.worker = threading.Thread(target=self._run, name="kroniek-ingest", daemon=True)
                self.worker.start()
        self.queue.put((job_id, path, lang, date, name or path.name))
        return self.get(job_id)

    def _run(self) -> None:
        while True:
            job_id, path, lang, date, name = self.queue.get()
            try:
                self._ingest(job_id, path, lang, date, name)
            finally:
                shutil.rmtree(path.parent, ignore_errors=True)

    def _update(self, job_id: str, **fields: Any) -> None:
        with self.lock:
            self.jobs[job_id].update(fields)

    def _ingest(self, job_id: str, path: Path, lang: str | None, date: str | None, name: str) -> None:
        from ..ingest import ingest
        from ..store import open_store
        from ..temporal.dct import parse_dct

        self._update(job_id, state="running", started_at=_now())
        job = self.jobs[job_id]

        def on_item(outcome: str, item) -> None:
            with self.lock:
                job["read"] += 1
                if outcome == "stored":
                    job["stored"] += 1
                elif outcome == "present":
                    job["present"] += 1
                else:
                    job["skipped"] += 1
                    if isinstance(item, InputError) and len(job["errors"]) < MAX_ERRORS:
                        where = f"{name}:{item.where}" if item.where else name
                        job["errors"].append({"where": where, "reason": item.reason})

        store = None
        try:
            store = open_store(self.db, create=False)
            ingest([path], store, jobs=1, ner=self.ner, lang=lang,
                   default_date=parse_dct(date) if date else None, on_item=on_item)
            end: dict[str, Any] = {"state": "done"}
        except KroniekError as exc:
            end = {"state": "failed", "message": str(exc).replace(str(path), name)}
        except Exception as exc:  # a bug must fail the job, not the server
            end = {"state": "failed", "message": f"internal error: {type(exc).__name__}: {exc}"}
        finally:
            if store is not None:
                store.close()
        self.on_change()  # before the job shows as ended, so that what a client reads next is new
        self._update(job_id, **end, finished_at=_now())
