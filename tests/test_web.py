"""The web page in a real headless Chromium (Debian's, driven by Playwright) against a real
``kroniek serve``: search, the timeline, an event's sources with the expression highlighted, the
TimelineJS export, an entity page that matches the CLI, the Dutch/English switch, the start page,
dates in plain words, the address of an open event, keyboard return, the coverage chart's month
filter and a phone-sized screen.
A failing test leaves a screenshot in test-screenshots/."""
import json
import os
import socket
import subprocess
import sys
import time
from datetime import datetime
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


def _api(page, url, path):
    return page.request.get(f"{url}{path}").json()


def test_the_start_page_gives_the_archive_size_and_examples(server, page):
    url, _ = server
    stats = _api(page, url, "/api/stats")
    page.goto(f"{url}/")
    page.wait_for_selector("#start h2")
    assert f"{stats['articles']:,} articles" in page.inner_text("#start")
    assert stats["entities"], "the archive has entities"
    page.locator("#start .examples a").first.click()
    page.wait_for_selector(".entry-button")
    assert f"entity={stats['entities'][0]['id'].replace(':', '%3A')}" in page.url  # the address keeps the id
    page.wait_for_function("(name) => document.getElementById('entity').value === name", arg=stats["entities"][0]["name"])


def test_why_this_date_in_plain_words_with_inclusive_days(server, page):
    url, _ = server
    entries = _api(page, url, "/api/timeline?query=Brexit&limit=200")["entries"]
    def days(e):
        i = e["date"]["interval"]
        return i["start"] and i["end"] and (datetime.fromisoformat(i["end"]) - datetime.fromisoformat(i["start"])).days
    one_day = next(e for e in entries if e["expression"] and days(e) == 1)
    start = one_day["date"]["interval"]["start"]
    year, month, day = (int(x) for x in start[:10].split("-"))
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    page.goto(f"{url}/#/?query=Brexit&event={one_day['id']}")
    page.wait_for_selector("#detail .why")
    plain = page.inner_text("#detail .why")
    assert f"“{one_day['expression']['text']}”" in plain and f"{day} {months[month - 1]} {year}" in plain
    assert one_day["expression"]["rule"] not in plain  # the rule is behind the toggle
    page.click("#detail .technical summary")
    assert one_day["expression"]["rule"] in page.inner_text("#detail .technical")
    # the list shows inclusive days: a one-day event is one date, not a range
    row = page.locator(f'.entry-button[data-id="{one_day["id"]}"] .when').inner_text()
    assert "–" not in row and str(year) in row


def test_an_open_event_is_in_the_address_and_escape_returns_to_its_row(server, page):
    url, _ = server
    _search(page, url, "Sessions")
    third = page.locator(".entry-button").nth(2)
    event = third.get_attribute("data-id")
    third.click()
    page.wait_for_selector("#detail .sources li")
    assert page.url.endswith(f"&event={event}") or f"event={event}" in page.url
    assert third.get_attribute("aria-current") == "true"
    page.keyboard.press("Escape")
    assert page.evaluate("document.activeElement.dataset.id") == event
    heading = page.inner_text("#detail h2")
    page.reload()
    page.wait_for_selector("#detail .sources li")
    assert page.inner_text("#detail h2") == heading  # a reload shows the same event


def test_a_month_of_the_coverage_chart_filters_the_events(server, page):
    url, _ = server
    _search(page, url, "Brexit")
    page.wait_for_selector("#histogram .month")
    months = page.locator("#histogram .month").evaluate_all("(ns) => ns.map((n) => n.dataset.month)")
    assert months == sorted(months) and len(months) == len(set(months))
    y0, m0 = map(int, months[0].split("-"))
    y1, m1 = map(int, months[-1].split("-"))
    assert len(months) == min(240, (y1 - y0) * 12 + m1 - m0 + 1)  # every month, quiet ones too
    busiest = max(months, key=lambda m: page.locator(f'#histogram .month[data-month="{m}"] .bar.happened')
                  .get_attribute("height") and float(page.locator(f'#histogram .month[data-month="{m}"] .bar.happened')
                                                     .get_attribute("height")))
    page.locator(f'#histogram .month[data-month="{busiest}"] .hit').click()
    page.wait_for_function(f"location.hash.includes('from={busiest}')")
    page.wait_for_selector(".entry-button")
    total = _api(page, url, f"/api/timeline?query=Brexit&from={busiest}&to={busiest}&limit=1")["total"]
    assert page.input_value("#from") == busiest == page.input_value("#to")
    assert page.locator(".entry-button").count() == min(total, 100) > 0


def test_a_phone_screen_has_no_sideways_scrolling(server, browser):
    url, _ = server
    context = browser.new_context(locale="nl-NL", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(f"{url}/#/?query=Brexit")
        page.wait_for_selector(".entry-button")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert not page.is_visible("header .tagline")
        page.locator(".entry-button").nth(1).tap()
        page.wait_for_selector("#detail .sources li")
        top = page.evaluate("document.getElementById('detail').getBoundingClientRect().top")
        assert -5 <= top < 844  # the details are scrolled into view
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        page.click("#detail .back-to-list")
        assert page.evaluate("document.activeElement.classList.contains('entry-button')")
    finally:
        context.close()


def test_a_date_range_alone_lists_the_events_of_that_month(server, page):
    url, _ = server
    page.goto(f"{url}/")
    page.fill("#from", "2019-03")
    page.fill("#to", "2019-03")
    page.press("#to", "Enter")
    page.wait_for_selector(".entry-button")
    total = _api(page, url, "/api/timeline?from=2019-03&to=2019-03&limit=1")["total"]
    assert total > 0 and f"{total:,} events" in page.inner_text("#status")


def test_switching_language_redraws_the_timeline_without_leftovers(server, page):
    url, _ = server
    _search(page, url, "Sessions")
    page.wait_for_selector(".vis-item")
    before = page.locator(".vis-item").count()
    page.click("#lang")
    page.wait_for_selector(".entry-button")
    page.wait_for_timeout(300)
    assert page.locator(".vis-item").count() == before
    page.click("#lang")


def test_no_results_hide_the_timeline_and_exports(server, page):
    url, _ = server
    page.goto(f"{url}/#/?query=qqqzzzxxy")
    page.wait_for_function("document.getElementById('status').textContent.length > 0 && "
                           "!document.getElementById('status').textContent.includes('…')")
    assert "No events match" in page.inner_text("#status")
    assert not page.is_visible("#timeline") and not page.is_visible("#exports") and not page.is_visible("#legend")


def test_a_source_link_opens_the_article_at_the_quoted_sentence(server, page):
    url, _ = server
    entries = _api(page, url, "/api/timeline?query=Sessions&limit=100")["entries"]
    dated = next(e for e in entries if e["expression"])
    page.goto(f"{url}/#/?query=Sessions&event={dated['id']}")
    page.wait_for_selector("#detail .sources li a")
    page.locator("#detail .sources li a").first.click()
    page.wait_for_selector(".article-text .quoted")
    assert page.inner_text(".article-text .quoted").strip() == dated["sources"][0]["sentence"].strip()
