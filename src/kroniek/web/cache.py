"""A short-lived cache of the server's read answers, in front of the application (ASGI middleware).

A newsroom's readers ask the same few questions at once: the topic of the
day, its entities. Answering each from the archive costs 5-15 ms of CPU;
answering it again from memory costs a fraction of a millisecond. So a
successful ``GET`` under ``/api/`` (jobs excepted) is kept for
``seconds`` and served again to the same path and query string (and origin). Several
requests for the same answer while it is being made wait for the one
making it, instead of making it again.

An answer is at most ``seconds`` old. The server's own writes (a ``POST``
that succeeds: entity merges and splits, uploads) and the end of an
upload's job empty the cache at once; an ingest in another process shows
up within ``seconds``. ``seconds=0`` turns the cache off.
"""
from __future__ import annotations

import asyncio
import time
from collections import OrderedDict
from typing import Any, Awaitable, Callable

Scope = dict[str, Any]
Message = dict[str, Any]
ASGIApp = Callable[[Scope, Callable[[], Awaitable[Message]], Callable[[Message], Awaitable[None]]], Awaitable[None]]

#: Paths whose answers change by themselves (a job's progress), never cached.
UNCACHED = ("/api/jobs/",)


class Freshness:
    """When kept answers were last made stale: shared by the cache and whatever writes."""

    def __init__(self) -> None:
        self.generation = 0
        self.cleared = float("-inf")

    def clear(self) -> None:
        """Make every answer kept so far stale (after a write); safe to call from any thread."""
        self.generation += 1
        self.cleared = time.monotonic()


class ResponseCache:
    """ASGI middleware keeping whole ``200`` answers to ``GET /api/...`` for a few seconds.

    Args:
        app: the ASGI application answering misses.
        seconds: how long an answer is served again, in seconds (0: never).
        max_entries: answers kept at most; the least recently used go first.
        max_bytes: total body bytes kept at most (an answer larger than a
            tenth of it is never kept).
        freshness: the :class:`Freshness` that writers outside the HTTP
            layer clear (an upload's job at its end); a new one by default.

    The key is the path, the raw query string and the ``Origin`` header. ``Age`` (seconds, RFC
    9111 section 5.1) tells a client how old a served answer is.
    """

    def __init__(self, app: ASGIApp, *, seconds: float = 5.0, max_entries: int = 2048,
                 max_bytes: int = 64 * 2**20, freshness: Freshness | None = None):
        self.app, self.seconds = app, float(seconds)
        self.max_entries, self.max_bytes = max_entries, max_bytes
        self.entries: OrderedDict[tuple[str, bytes, bytes], tuple[float, list, bytes]] = OrderedDict()
        self.making: dict[tuple[str, bytes, bytes], asyncio.Future] = {}
        self.bytes = 0
        self.freshness = freshness or Freshness()

    async def __call__(self, scope: Scope, receive, send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if scope["method"] not in ("GET", "HEAD", "OPTIONS"):
            await self._write(scope, receive, send)
            return
        path = scope["path"]
        if self.seconds <= 0 or scope["method"] != "GET" or not path.startswith("/api/") or path.startswith(UNCACHED):
            await self.app(scope, receive, send)
            return
        origin = next((v for k, v in scope.get("headers", ()) if k == b"origin"), b"")  # CORS answers vary by it
        key = (path, scope.get("query_string", b""), origin)
        while True:
            kept = self.entries.get(key)
            now = time.monotonic()
            if kept is not None and now - kept[0] < self.seconds and kept[0] > self.freshness.cleared:
                self.entries.move_to_end(key)
                await self._replay(kept, now, send)
                return
            pending = self.making.get(key)
            if pending is None:
                break
            await asyncio.shield(pending)  # someone is making this answer: wait for it, then look again
            if key not in self.entries:  # it was not kept (an error, too large): make our own
                break
        future = self.making[key] = asyncio.get_running_loop().create_future()
        generation = self.freshness.generation
        try:
            status, headers, body = await self._record(scope, receive, send)
            if status == 200 and generation == self.freshness.generation and len(body) <= self.max_bytes // 10:
                self._keep(key, (time.monotonic(), headers, body))
        finally:
            del self.making[key]
            future.set_result(None)

    async def _write(self, scope: Scope, receive, send) -> None:
        """Pass a write through; one that succeeds empties the cache."""
        status = 0

        async def sending(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, sending)
        finally:
            if 200 <= status < 300:
                self.freshness.clear()

    async def _record(self, scope: Scope, receive, send) -> tuple[int, list, bytes]:
        """Answer the request from the application, and return what it sent."""
        status, headers, chunks = 0, [], []

        async def sending(message: Message) -> None:
            nonlocal status, headers
            if message["type"] == "http.response.start":
                status, headers = message["status"], list(message.get("headers", []))
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
            await send(message)

        await self.app(scope, receive, sending)
        return status, headers, b"".join(chunks)

    def _keep(self, key: tuple[str, bytes, bytes], entry: tuple[float, list, bytes]) -> None:
        old = self.entries.pop(key, None)
        if old is not None:
            self.bytes -= len(old[2])
        self.entries[key] = entry
        self.bytes += len(entry[2])
        while self.entries and (len(self.entries) > self.max_entries or self.bytes > self.max_bytes):
            _, dropped = self.entries.popitem(last=False)
            self.bytes -= len(dropped[2])

    @staticmethod
    async def _replay(kept: tuple[float, list, bytes], now: float, send) -> None:
        made, headers, body = kept
        age = str(int(now - made)).encode()
        await send({"type": "http.response.start", "status": 200,
                    "headers": [*(h for h in headers if h[0].lower() != b"age"), (b"age", age)]})
        await send({"type": "http.response.body", "body": body})
