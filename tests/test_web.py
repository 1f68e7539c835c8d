"""The web page in a real headless Chromium (Debian's, driven by Playwright) against a real
``kroniek serve``: search, the timeline, an event's sources with the expression highlighted, the
TimelineJS export, an entity page that matches the CLI, and the Dutch/English switch.
A failing test leaves a screenshot in test-screenshots/."""
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from .conftest import DPG, ROOT, SEED, need

pytestmark = [pytest.mark.frog, pytest.mark.slow]
KRONIEK = [sys.executable, "-m", "kroniek.cli.main"]
CHROMIUM = "/usr/bin/chromium"
SHOTS = ROOT / "test-screenshots"


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("web")
    lines = need(DPG).read_text(encoding="utf-8").splitlines(keepends=True)
    subset = folder / "dpg.jsonl"
    subset.write_text("".join(lines[:80]), encoding="utf-8")
    db = folder / "k.db"
    done = subprocess.run([*KRONIEK, "ingest", "-q", "--db", str(db), str(need(SEED)), str(subset)],
                          capture_output=True, text=True, timeout=900)
    assert done.returncode in (0, 1), done.stderr
    port = _port()
    proc = subprocess.Popen([*KRONIEK, "serve", "--db", str(db), "--port", str(port), "--no-ner"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{url}/healthz", timeout=1)
            break
        except OSError:
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail(f"kroniek serve did not start: {proc.stderr.read()}")
    yield url, db
    proc.terminate()
    proc.wait(timeout=30)


@pytest.fixture(scope="module")
def browser():
    if not os.path.exists(CHROMIUM):
        pytest.fail("Chromium is not installed (apt-get install chromium chromium-driver; make setup does it)",
                    pytrace=False)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--no-first-run", "--disable-quic"])
        yield b
        b.close()


@pytest.fixture
def page(browser, request):
    context = browser.new_context(locale="en-GB", viewport={"width": 1300, "height": 900}, accept_downloads=True)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    failed = getattr(request.node, "rep_call", None)
    if failed is not None and failed.failed:
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"{request.node.name}.png"), full_page=True)
    context.close()
    assert not errors, errors  # no script errors on the page


def _search(page, url, words):
    page.goto(f"{url}/")
    page.fill("#q", words)
    page.press("#q", "Enter")  # the keyboard is enough
    page.wait_for_selector(".entry-button")


def test_search_renders_the_timeline_and_a_click_shows_the_sources(server, page):
    url, _ = server
    _search(page, url, "Sessions")
    assert page.locator(".vis-item").count() > 0  # the timeline drew the entries
    assert "events" in page.inner_text("#status")
    page.locator(".entry-button").first.click()
    page.wait_for_selector("#detail .sources li")
    marked = page.locator("#detail blockquote mark")
    assert marked.count() >= 1 and marked.first.inner_text().strip()
    assert "Why this date" in page.inner_text("#detail")
    # the same through a timeline item
    page.locator(".vis-item .vis-item-content").first.click()
    page.wait_for_selector("#detail .sources li")


def test_the_timelinejs_export_downloads_valid_json(server, page):
    url, _ = server
    _search(page, url, "Sessions")
    with page.expect_download() as info:
        page.click("#export-timelinejs")
    data = json.loads(open(info.value.path(), encoding="utf-8").read())
    assert data["events"] and data["title"]["text"]["headline"] == "Sessions"


def test_the_entity_page_shows_the_same_events_as_the_cli(server, page):
    url, db = server
    cli = json.loads(subprocess.run([*KRONIEK, "timeline", "--entity", "Jeff Sessions", "--format", "json",
                                     "--db", str(db)], capture_output=True, text=True, timeout=300).stdout)
    page.goto(f"{url}/#/entity/per:jeff-sessions")
    page.wait_for_selector(".entity-event")
    shown = [int(x) for x in page.locator(".entity-event").evaluate_all("(ns) => ns.map((n) => n.dataset.id)")]
    assert shown == [e["id"] for e in cli["entries"]] and shown


def test_the_language_switch_changes_the_labels(server, page):
    url, _ = server
    page.goto(f"{url}/")
    assert page.inner_text("button[type=submit]") == "Search"
    page.click("#lang")
    assert page.inner_text("button[type=submit]") == "Zoeken"
    assert page.get_attribute("html", "lang") == "nl"
    page.click("#lang")
    assert page.inner_text("button[type=submit]") == "Search"


def test_the_article_page_marks_expressions_and_entities(server, page):
    url, _ = server
    page.goto(f"{url}/#/article/000_bc9ad96b2057a7eb")
    page.wait_for_selector(".article-text mark.timex")
    assert page.locator(".article-text .mention").count() > 0
    assert page.locator("table tbody tr").count() == page.locator(".article-text mark.timex").count()
