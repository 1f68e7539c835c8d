"""The server's short-lived answer cache (kroniek.web.cache): a kept answer is served again with its
age, a write through the server or the end of an upload's job makes it stale at once, an ingest by
another process shows once the answer's time is up, concurrent requests for one answer make it
once, and errors are never kept. Real SQLite archives, the real application."""
import asyncio
import json
import time

import httpx
import pytest
from fastapi.testclient import TestClient

from kroniek.ingest import ingest
from kroniek.store import open_store
from kroniek.web.app import create_app
from kroniek.web.cache import ResponseCache

WORD = "Zwartewaterbrug"


def _article(folder, name: str, ext_id: str, text: str):
    path = folder / name
    path.write_text(json.dumps({"id": ext_id, "text": text, "date": "2019-04-02"}) + "\n", encoding="utf-8")
    return path


@pytest.fixture
def archive(tmp_path):
    db = tmp_path / "k.db"
    first = _article(tmp_path, "a.jsonl", "a1", "Gisteren stemde de Tweede Kamer over de begroting.")
    ingest([first], open_store(db), jobs=1, ner=False)
    return db


def _total(client, word: str = WORD) -> tuple[int, str | None]:
    got = client.get("/api/timeline", params={"query": word})
    assert got.status_code == 200
    return got.json()["total"], got.headers.get("age")


def test_an_answer_is_kept_until_its_time_is_up_or_the_server_writes(archive, tmp_path):
    store = open_store(archive)
    token = store.create_token("tests")
    kept = TestClient(create_app(str(archive), ner=False, cache_seconds=3600), raise_server_exceptions=False)
    fresh = TestClient(create_app(str(archive), ner=False, cache_seconds=0), raise_server_exceptions=False)
    with kept, fresh:
        assert _total(kept) == (0, None)  # made now: no age
        assert _total(fresh) == (0, None)
        # another process (here: the library on its own connection) ingests an article with the word
        second = _article(tmp_path, "b.jsonl", "b1", f"Morgen opent de {WORD} in Hasselt, zei de wethouder.")
        ingest([second], store, jobs=1, ner=False)
        total, age = _total(kept)
        assert total == 0 and age is not None  # the kept answer, with its age in seconds
        assert _total(fresh)[0] >= 1  # no cache: the article shows at once

        # an upload through the server: the POST makes kept answers stale, and so does the job's end.
        # The article with the word comes last, after 40 others, so that the job is still busy when
        # the next answer is made and kept.
        before = _total(fresh)[0]
        lines = [json.dumps({"id": f"f{n}", "text": f"Op {n % 28 + 1} maart besprak de gemeenteraad van Zwolle "
                             f"agendapunt {n} over de {['haven', 'school', 'markt', 'kerk'][n % 4]}.",
                             "date": "2019-04-03"}) for n in range(40)]
        lines.append(json.dumps({"id": "c1", "text": f"Vandaag werd de {WORD} geopend.", "date": "2019-04-03"}))
        job = kept.post("/api/ingest", params={"format": "jsonl"}, content="\n".join(lines).encode(),
                        headers={"Authorization": f"Bearer {token}"})
        assert job.status_code == 202
        assert _total(kept)[0] == before  # the POST emptied the cache: the other process's article shows now
        for _ in range(600):
            state = kept.get(f"/api/jobs/{job.json()['id']}").json()  # jobs are never kept
            if state["state"] in ("done", "failed"):
                break
            time.sleep(0.1)
        assert state["state"] == "done" and state["stored"] == 41, state
        assert _total(kept)[0] == _total(fresh)[0] == before + 1  # the job's article shows as soon as it is done
        assert kept.get("/api/articles/c1").status_code == 200


def test_a_short_lived_answer_shows_another_process_s_ingest_once_its_time_is_up(archive, tmp_path):
    with TestClient(create_app(str(archive), ner=False, cache_seconds=0.5), raise_server_exceptions=False) as client:
        assert _total(client)[0] == 0
        ingest([_article(tmp_path, "b.jsonl", "b1", f"Morgen opent de {WORD}.")], open_store(archive), jobs=1,
               ner=False)
        time.sleep(0.6)
        assert _total(client)[0] >= 1


class Counting:
    """A small ASGI application that counts its calls and answers slowly (the cache's test subject)."""

    def __init__(self, status: int = 200, seconds: float = 0.05):
        self.calls, self.status, self.seconds = 0, status, seconds

    async def __call__(self, scope, receive, send):
        self.calls += 1
        await asyncio.sleep(self.seconds)
        body = json.dumps({"path": scope["path"], "call": self.calls}).encode()
        await send({"type": "http.response.start", "status": self.status,
                    "headers": [(b"content-type", b"application/json")]})
        await send({"type": "http.response.body", "body": body})


def _concurrently(app, paths: list[str]) -> list[httpx.Response]:
    async def run():
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://k") as http:
            return await asyncio.gather(*(http.get(p) for p in paths))

    return asyncio.run(run())


def test_concurrent_requests_for_one_answer_make_it_once():
    inner = Counting()
    answers = _concurrently(ResponseCache(inner, seconds=60), ["/api/timeline?query=x"] * 10)
    assert inner.calls == 1
    assert {a.json()["call"] for a in answers} == {1} and all(a.status_code == 200 for a in answers)


def test_errors_jobs_and_pages_outside_the_api_are_never_kept():
    for path, status in (("/api/timeline?query=x", 404), ("/api/jobs/abc", 200), ("/static/app.js", 200)):
        inner = Counting(status=status, seconds=0)
        cache = ResponseCache(inner, seconds=60)
        _concurrently(cache, [path])
        _concurrently(cache, [path])
        assert inner.calls == 2, path


def test_the_cache_is_bounded_least_recently_used_first():
    inner = Counting(seconds=0)
    cache = ResponseCache(inner, seconds=60, max_entries=2)
    for path in ("/api/a", "/api/b", "/api/a", "/api/c"):  # c pushes out b, the least recently used
        _concurrently(cache, [path])
    assert inner.calls == 3
    _concurrently(cache, ["/api/a"])
    assert inner.calls == 3
    _concurrently(cache, ["/api/b"])
    assert inner.calls == 4


def _serve(db, *options):
    import socket
    import subprocess
    import sys
    import urllib.request

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([sys.executable, "-m", "kroniek.cli.main", "serve", "--db", str(db), "--port", str(port),
                             "--no-ner", *options], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=1)
            return proc, url
        except OSError:
            time.sleep(0.2)
    proc.kill()
    pytest.fail(f"kroniek serve did not start: {proc.stderr.read()}")


@pytest.mark.parametrize("options, kept", [((), True), (("--cache-seconds", "0"), False)])
def test_kroniek_serve_keeps_answers_unless_told_not_to(archive, options, kept):
    import urllib.request

    proc, url = _serve(archive, *options)
    try:
        ages = []
        for _ in range(2):
            with urllib.request.urlopen(f"{url}/api/timeline?query=begroting", timeout=30) as answer:
                assert answer.status == 200 and json.loads(answer.read())["total"] >= 1
                ages.append(answer.headers.get("age"))
        assert ages[0] is None and (ages[1] is not None) is kept
    finally:
        proc.terminate()
        proc.wait(timeout=30)
