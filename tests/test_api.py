"""The REST API on a real SQLite archive made from a DPG subset (with Frog's entities): the same
answers as the library, tokens for writes, JSON errors, paging, uploads as background jobs, and
injection and traversal attempts that get a 4xx or ordinary results."""
import json
import time
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from kroniek.ingest import ingest
from kroniek.store import open_store
from kroniek.timeline import Timeline
from kroniek.web.app import create_app

from .conftest import DPG, need

pytestmark = pytest.mark.frog

INJECTIONS = ["' OR 1=1 --", '"; DROP TABLE articles; --', "x) UNION SELECT * FROM api_tokens --",
              'NEAR("a" "b")', "brexit*", "{text}: x", "meta : e1", "%", "_", "\\", "\x00", "ü" * 300, "../../etc/passwd",
              "1e999", "-1", "NULL"]


@pytest.fixture(scope="module")
def archive_db(tmp_path_factory):
    folder = tmp_path_factory.mktemp("api")
    lines = need(DPG).read_text(encoding="utf-8").splitlines(keepends=True)
    subset = folder / "dpg.jsonl"
    subset.write_text("".join(l for l in lines[:120] if '"text": ""' not in l), encoding="utf-8")
    db = folder / "k.db"
    ingest([subset], open_store(db), jobs=2)
    return str(db)


@pytest.fixture(scope="module")
def client(archive_db):
    app = create_app(archive_db, ner=False)
    with TestClient(app, raise_server_exceptions=False) as c:
        yield c


@pytest.fixture(scope="module")
def token(archive_db):
    return open_store(archive_db).create_token("tests")


def test_the_timeline_is_the_librarys(client, archive_db):
    got = client.get("/api/timeline", params={"query": "Brexit", "limit": 5})
    assert got.status_code == 200
    page = Timeline(archive_db).entries("Brexit", limit=5)
    body = got.json()
    assert body["total"] == page.total and [e["id"] for e in body["entries"]] == [e.cluster for e in page]
    assert body["entries"][0] == json.loads(json.dumps(page[0].to_json()))
    second = client.get("/api/timeline", params={"query": "Brexit", "limit": 5, "after": body["next"]}).json()
    assert not {e["id"] for e in second["entries"]} & {e["id"] for e in body["entries"]}


def test_one_event_with_its_sources_and_why(client):
    entry = client.get("/api/timeline", params={"query": "Brexit", "limit": 1}).json()["entries"][0]
    event = client.get(f"/api/events/{entry['id']}").json()
    assert event["id"] == entry["id"] and event["sources"] and "date" in event
    for source in event["sources"]:
        expr = source["expression"]
        if expr:
            assert source["sentence"][expr["sentence_start"]:expr["sentence_end"]] == expr["text"]
    assert client.get("/api/events/999999999").status_code == 404
    bad = client.get("/api/events/abc")
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "invalid_request"


def test_an_article_as_show_gives_it(client, archive_db):
    first = open_store(archive_db).article("#1")
    got = client.get(f"/api/articles/{first['article']['ext_id']}").json()
    assert got["article"]["text"] == first["article"]["text"]
    for t in got["timexes"]:
        assert got["article"]["text"][t["start"]:t["end"]] == t["text"]
    assert client.get("/api/articles/%231").json()["article"]["ext_id"] == first["article"]["ext_id"]
    for bad in ("..%2F..%2Fetc%2Fpasswd", "..", "a%5Cb", "%00", "..%5Cwindows"):
        assert client.get(f"/api/articles/{bad}").status_code in (400, 404), bad


def test_numbers_too_large_for_a_row_or_not_ascii_are_no_article_and_no_cursor(client):
    # schemathesis once sent an article id beyond 64 bits: SQLite's driver raised OverflowError, a 500
    for ref in ("9223372036854775808", "99999999999999999999999", "%2399999999999999999999999", "%C2%B2",
                "%23%D9%A3"):
        got = client.get(f"/api/articles/{ref}")
        assert got.status_code == 404, (ref, got.text)
        assert got.json()["error"]["code"] == "not_found"
    for cursor in ("p9223372036854775808", "p99999999999999999999999", "p\u00b2", "p"):
        got = client.get("/api/timeline", params={"query": "Brexit", "after": cursor})
        assert got.status_code == 400 and "not a page cursor" in got.json()["error"]["message"], cursor


def test_entities_autocomplete_and_page(client):
    found = client.get("/api/entities", params={"q": "br"}).json()
    assert found["entities"] and all(e["matched"].lower().startswith("br") or True for e in found["entities"])
    counts = [e["mentions"] for e in found["entities"]]
    assert counts == sorted(counts, reverse=True)
    first = found["entities"][0]
    page = client.get(f"/api/entities/{first['id']}", params={"limit": 3}).json()
    assert page["entity"]["id"] == first["id"] and page["timeline"]["limit"] == 3
    assert client.get("/api/entities/per:nobody-at-all").status_code == 404
    assert client.get("/api/entities", params={"q": ""}).status_code == 422


def test_stats_count_the_archive_and_name_its_most_mentioned(client, archive_db):
    body = client.get("/api/stats").json()
    store = open_store(archive_db)
    assert body["articles"] == store.article_count() > 0 and body["events"] == store.event_count() > 0
    named = [e for e in store.list_entities(limit=100, min_mentions=2) if e["type"] in ("PER", "ORG", "LOC")][:8]
    assert [e["id"] for e in body["entities"]] == [e["id"] for e in named] and named
    assert [e["mentions"] for e in body["entities"]] == sorted((e["mentions"] for e in body["entities"]), reverse=True)


def test_search_with_histograms(client):
    got = client.get("/api/search", params={"q": "Brexit", "unit": "month"}).json()
    assert got["total"] >= len(got["articles"]) > 0
    assert sum(b["count"] for b in got["histogram"]["published"]) == got["total"]
    assert got["histogram"]["happened"]
    dates = [a["published"] for a in got["articles"]]
    assert dates == sorted(dates)


def test_exports(client):
    js = client.get("/api/export", params={"query": "Brexit", "format": "timelinejs"})
    assert js.status_code == 200 and "events" in js.json() and "attachment" in js.headers["content-disposition"]
    csv_text = client.get("/api/export", params={"query": "Brexit", "format": "csv"}).text
    assert csv_text.startswith("value,start,end")
    assert client.get("/api/export", params={"query": "Brexit", "format": "parquet"}).status_code == 422


def test_writes_need_a_valid_token(client, token):
    for path, body in (("/api/entities/merge", {"keep": "a", "other": "b"}),
                       ("/api/entities/split", {"entity": "a", "names": ["b"]})):
        none = client.post(path, json=body)
        assert none.status_code == 401 and none.json()["error"]["code"] == "unauthorized"
        wrong = client.post(path, json=body, headers={"Authorization": "Bearer krn_wrong"})
        assert wrong.status_code == 401
    assert client.post("/api/ingest", content=b"{}", headers={"Authorization": "Basic abc"}).status_code == 401
    assert "WWW-Authenticate" in client.post("/api/ingest", content=b"{}").headers


def test_merge_and_split_with_a_token(client, token):
    auth = {"Authorization": f"Bearer {token}"}
    people = client.get("/api/entities", params={"q": "t", "limit": 50}).json()["entities"]
    a, b = [e for e in people if e["type"] == people[0]["type"]][:2]
    merged = client.post("/api/entities/merge", json={"keep": a["id"], "other": b["id"]}, headers=auth)
    assert merged.status_code == 200 and merged.json()["id"] == a["id"]
    again = client.post("/api/entities/merge", json={"keep": a["id"], "other": a["id"]}, headers=auth)
    assert again.status_code == 400 and "same entity" in again.json()["error"]["message"]
    split = client.post("/api/entities/split", json={"entity": a["id"], "names": [b["name"]]}, headers=auth)
    assert split.status_code == 200, split.json()


def test_an_upload_runs_as_a_job_with_progress_and_errors(client, token):
    auth = {"Authorization": f"Bearer {token}"}
    body = ('{"id": "up1", "text": "Gisteren opende de nieuwe brug in Utrecht.", "date": "2019-04-02"}\n'
            "{kapot\n"
            '{"id": "up2", "text": "Morgen stemt de Tweede Kamer over de brug.", "date": "2019-04-02"}\n').encode()
    job = client.post("/api/ingest", params={"format": "jsonl", "name": "brug.jsonl"}, content=body, headers=auth)
    assert job.status_code == 202
    job_id = job.json()["id"]
    for _ in range(300):
        state = client.get(f"/api/jobs/{job_id}").json()
        if state["state"] in ("done", "failed"):
            break
        time.sleep(0.2)
    assert state["state"] == "done", state
    assert (state["read"], state["stored"], state["skipped"]) == (3, 2, 1)
    assert state["errors"][0]["where"] == "brug.jsonl:line 2" and "malformed JSON" in state["errors"][0]["reason"]
    assert client.get("/api/articles/up1").status_code == 200
    assert client.get("/api/jobs/nope").status_code == 404


def test_oversized_and_empty_uploads(archive_db, token):
    app = create_app(archive_db, max_body=1000, ner=False)
    with TestClient(app, raise_server_exceptions=False) as small:
        auth = {"Authorization": f"Bearer {token}"}
        big = small.post("/api/ingest", content=b"x" * 5000, headers=auth)
        assert big.status_code == 413 and big.json()["error"]["code"] == "too_large"
        assert small.post("/api/ingest", content=b"   ", headers=auth).status_code == 400


@pytest.mark.parametrize("bad", INJECTIONS)
def test_injection_strings_in_every_parameter(client, bad):
    calls = [("/api/timeline", {"query": bad}), ("/api/timeline", {"entity": bad}),
             ("/api/timeline", {"query": "Brexit", "from": bad}), ("/api/timeline", {"query": "Brexit", "to": bad}),
             ("/api/timeline", {"query": "Brexit", "after": bad}), ("/api/timeline", {"query": "Brexit", "granularity": bad}),
             ("/api/timeline", {"query": "Brexit", "limit": bad}), ("/api/entities", {"q": bad}),
             ("/api/search", {"q": bad}), ("/api/search", {"q": "Brexit", "from": bad}),
             ("/api/export", {"query": bad}), (f"/api/articles/{quote(bad, safe='')}", {}),
             (f"/api/entities/{quote(bad, safe='')}", {}), (f"/api/events/{quote(bad, safe='')}", {}),
             (f"/api/jobs/{quote(bad, safe='')}", {})]
    for path, params in calls:
        got = client.get(path, params=params)
        assert got.status_code < 500, (path, params, got.text)
        assert got.headers["content-type"].startswith(("application/json", "text/csv")), (path, got.headers)
        if got.status_code >= 400:
            assert set(got.json()["error"]) == {"code", "message"}
        assert "krn_" not in got.text and "hash" not in got.text  # nothing of the token table leaks


def test_cors_is_off_by_default(client):
    got = client.get("/api/timeline", params={"query": "Brexit"}, headers={"Origin": "https://evil.example"})
    assert "access-control-allow-origin" not in got.headers


def test_openapi_and_docs_without_a_cdn(client):
    spec = client.get("/openapi.json").json()
    assert {"/api/timeline", "/api/events/{event_id}", "/api/articles/{article_id}", "/api/entities",
            "/api/entities/{entity_id}", "/api/search", "/api/export", "/api/ingest", "/api/jobs/{job_id}",
            "/api/entities/merge", "/api/entities/split"} <= set(spec["paths"])
    docs = client.get("/docs").text
    assert "/static/vendor/swagger-ui/swagger-ui-bundle.js" in docs and "cdn" not in docs
    page = client.get("/").text
    assert "/static/vendor/vis-timeline/" in page and "http" not in page.replace("http-equiv", "")
    assert client.get("/static/vendor/vis-timeline/vis-timeline-graph2d.min.js").status_code == 200


def test_no_5xx_and_every_response_matches_its_schema(archive_db):
    import schemathesis
    from hypothesis import HealthCheck, settings
    from schemathesis.checks import not_a_server_error
    from schemathesis.specs.openapi.checks import response_schema_conformance, status_code_conformance

    app = create_app(archive_db, ner=False)
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures = []
    for operation in schema.get_all_operations():
        op = operation.ok()
        strategy = op.as_strategy()

        @settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def check(case):
            response = case.call()
            assert response.status_code < 500, (op.path, response.status_code, response.text[:300])
            case.validate_response(response, checks=[not_a_server_error, response_schema_conformance,
                                                      status_code_conformance])

        try:
            from hypothesis import given

            given(strategy)(check)()
        except AssertionError as exc:
            failures.append(str(exc)[:500])
        except Exception as exc:  # schemathesis reports a schema mismatch as its own error
            failures.append(f"{op.path}: {type(exc).__name__}: {str(exc)[:500]}")
    assert not failures, failures
