"""Web pages as input: saved HTML files and WARC archives, built here (nothing is fetched)."""
import gzip
import io
import socket
import subprocess
import sys

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from kroniek.errors import InputError
from kroniek.io import count_records, read_paths
from kroniek.model import Article
from kroniek.temporal.dct import parse_dct

KRONIEK = [sys.executable, "-m", "kroniek.cli.main"]

BODY = """
<header><nav><a href="/">Home</a> <a href="/politiek">Politiek</a> <a href="/sport">Sport</a></nav></header>
<article>
<h1>{title}</h1>
<p>Het kabinet is gisteren gevallen na een conflict over de stikstofregels. Premier Rutte bood
vrijdagochtend het ontslag van zijn ploeg aan bij de koning.</p>
<h2>Verkiezingen</h2>
<p>Volgens ingewijden worden de verkiezingen in juni gehouden. De oppositie reageerde verheugd op het
nieuws en eiste snel duidelijkheid over de datum.</p>
<p>Twee weken geleden had de coalitie nog een akkoord gesloten, maar dat bleek onvoldoende om de partijen
bij elkaar te houden.</p>
</article>
<aside><h3>Meer nieuws</h3><ul><li><a href="/a">File op de A2</a></li><li><a href="/b">Weerbericht</a></li></ul></aside>
<footer>Copyright 2019 Nieuwsblad</footer>
"""


def page(head: str = "", title: str = "Kabinet valt over stikstof", body: str | None = None,
         charset: str = "utf-8") -> str:
    return (f'<!DOCTYPE html>\n<html lang="nl"><head><meta charset="{charset}">\n<title>{title} | Nieuwsblad</title>\n'
            f"{head}\n</head><body>{BODY.format(title=title) if body is None else body}</body></html>\n")


NEWS_HEAD = """
<meta property="og:title" content="Kabinet valt over stikstof">
<meta property="og:site_name" content="Nieuwsblad">
<meta property="og:url" content="https://www.nieuwsblad.example/politiek/123/kabinet-valt.html">
<link rel="canonical" href="https://www.nieuwsblad.example/politiek/123/kabinet-valt.html">
<meta property="article:published_time" content="2019-03-29T10:15:00+01:00">
<meta property="article:modified_time" content="2019-03-30T08:00:00+01:00">
"""
NO_TEXT = page(body='<nav><ul><li><a href="/">Home</a></li><li><a href="/archief">Archief</a></li></ul></nav>')


@pytest.fixture(autouse=True)
def no_network(monkeypatch):
    """Reading a page must never reach out: any connection attempt fails the test."""
    def refuse(*args, **kwargs):
        raise AssertionError("a reader tried to open a network connection")
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)


def articles(items):
    return [i for i in items if isinstance(i, Article)]


def problems(items):
    return [i for i in items if isinstance(i, InputError)]


def response(writer, uri, payload: bytes, content_type="text/html; charset=utf-8", status="200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type), ("Content-Length", str(len(payload)))],
                               protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)


def warc_bytes(records, gz=True, ends=None) -> tuple[bytes, list[str]]:
    """A WARC file of a warcinfo record and one record per ``(kind, uri, payload, content type, status)``;
    returns the bytes and the WARC-Record-IDs, in file order (warcinfo first); the offset where each
    record ends is added to ``ends`` when given."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    ids = []
    made = [writer.create_warcinfo_record("test.warc", {"software": "kroniek tests"})]
    for kind, uri, payload, content_type, status in records:
        if kind == "response":
            made.append(response(writer, uri, payload, content_type, status))
        else:
            made.append(writer.create_warc_record(uri, kind, payload=io.BytesIO(payload),
                                                  warc_content_type=content_type))
    for record in made:
        ids.append(record.rec_headers.get_header("WARC-Record-ID").strip("<>"))
        writer.write_record(record)
        if ends is not None:
            ends.append(out.tell())
    return out.getvalue(), ids


def html_response(uri, html: str, charset="utf-8", status="200 OK"):
    return ("response", uri, html.encode(charset), f"text/html; charset={charset}", status)


def dated(date: str, title: str) -> str:
    return page(f'<meta property="article:published_time" content="{date}">', title=title)


MIXED = [
    ("request", "https://nieuws.example/1", b"GET /1 HTTP/1.1\r\nHost: nieuws.example\r\n\r\n",
     "application/http; msgtype=request", None),                                                   # record 2
    html_response("https://nieuws.example/1", dated("2019-03-29", "Kabinet valt over stikstof")),  # record 3
    ("response", "https://nieuws.example/logo.png", b"\x89PNG\r\n\x1a\n" + bytes(200), "image/png", "200 OK"),
    html_response("https://nieuws.example/2", page(title="Geen datum")),                          # record 5: no date
    html_response("https://nieuws.example/oud", "<html><body>Moved</body></html>", status="301 Moved Permanently"),
    ("metadata", "https://nieuws.example/2", b"via: test\r\n", "application/warc-fields", None),
    html_response("https://nieuws.example/leeg", NO_TEXT),                                        # record 8: no text
    html_response("https://nieuws.example/3", dated("2019-04-02T09:00:00Z", "Rutte blijft aan").replace(
        "Het kabinet", "Het kabinet in Den Haag, één dag later,"), charset="iso-8859-1"),           # record 9
]


def test_dutch_news_page_with_a_date_in_its_meta_tags(tmp_path):
    f = tmp_path / "kabinet-valt.html"
    f.write_text(page(NEWS_HEAD), encoding="utf-8")
    [art] = list(read_paths([f]))
    assert isinstance(art, Article)
    assert art.ext_id == "kabinet-valt" and art.title == "Kabinet valt over stikstof"
    assert art.url == "https://www.nieuwsblad.example/politiek/123/kabinet-valt.html"
    assert art.source == "Nieuwsblad"
    assert art.dct.value == "2019-03-29T10:15:00" and art.dct.granularity.label == "second"
    assert art.dct.interval.start == parse_dct("2019-03-29T09:15:00Z").interval.start  # its time zone is kept
    assert art.origin == f"{f}:record 1"
    assert "Het kabinet is gisteren gevallen na een conflict over de stikstofregels." in art.text
    assert "\n\nVerkiezingen\n\n" in art.text  # an intertitle stands alone
    assert "Home" not in art.text and "Weerbericht" not in art.text and "Copyright" not in art.text
    assert count_records([f]) == 1


@pytest.mark.parametrize("head, value, unit", [
    ('<meta property="article:published_time" content="2019-03">', "2019-03", "month"),
    ('<meta name="date" content="maart 2019">', "2019-03", "month"),
    ('<meta itemprop="datePublished" content="2018">', "2018", "year"),
    ('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
     '{"@type": "WebPage", "datePublished": "2017-01-01"},'
     '{"@type": "NewsArticle", "headline": "Kop", "datePublished": "2019-03",'
     ' "publisher": {"@type": "Organization", "name": "De Krant"}}]}</script>', "2019-03", "month"),
    ('<meta name="pubdate" content="20190329">', "2019-03-29", "day"),
    ('<meta name="date" content="Fri, 29 Mar 2019 10:15:00 +0100">', "2019-03-29T10:15", "minute"),
], ids=["iso-month", "dutch-month", "year", "json-ld-month", "compact-day", "rfc2822"])
def test_the_date_keeps_the_granularity_the_page_gives(tmp_path, head, value, unit):
    f = tmp_path / "a.html"
    f.write_text(page(head), encoding="utf-8")
    [art] = list(read_paths([f]))
    assert isinstance(art, Article), str(art)
    assert (art.dct.value, art.dct.granularity.label) == (value, unit)
    if value == "2019-03":
        assert (art.dct.interval.start.day, art.dct.interval.end.month) == (1, 4)  # all of March, no guessed day


def test_a_date_found_elsewhere_than_in_the_metadata_fields_is_a_day(tmp_path):
    f = tmp_path / "a.html"  # only the URL says when: htmldate finds it
    f.write_text(page('<link rel="canonical" href="https://nieuws.example/2019/03/29/kabinet-valt">'),
                 encoding="utf-8")
    [art] = list(read_paths([f]))
    assert (art.dct.value, art.dct.granularity.label) == ("2019-03-29", "day")
    assert art.url == "https://nieuws.example/2019/03/29/kabinet-valt"


def test_a_page_without_a_date_is_skipped_unless_a_default_date_is_given(tmp_path):
    f = tmp_path / "page.html"
    f.write_text(page(), encoding="utf-8")
    [err] = list(read_paths([f]))
    assert isinstance(err, InputError)
    assert str(err).startswith(f"{f}: no publication date in the page metadata")
    assert "--date" in str(err)
    [art] = list(read_paths([f], default_date=parse_dct("2019-03")))
    assert art.dct.value == "2019-03" and art.title == "Kabinet valt over stikstof"


@pytest.mark.parametrize("html", [NO_TEXT, page(NEWS_HEAD, body=""), "<html><head></head><body></body></html>", ""],
                         ids=["menu-only", "empty-body", "empty-page", "empty-file"])
def test_a_page_with_no_main_text_is_skipped(tmp_path, html):
    f = tmp_path / "page.html"
    f.write_text(html, encoding="utf-8")
    [err] = list(read_paths([f], default_date=parse_dct("2019-03-01")))
    assert isinstance(err, InputError) and err.where == ""
    assert str(err).startswith(f"{f}: no main text found")
    if html is NO_TEXT:
        assert str(err).startswith(f"{f}: no main text found")


def test_a_page_in_another_character_set(tmp_path):
    f = tmp_path / "latin.htm"
    f.write_bytes(dated("2019-03-29", "Één dag").replace("Het kabinet", "Het café").encode("iso-8859-1")
                  .replace(b"utf-8", b"iso-8859-1"))
    [art] = list(read_paths([f]))
    assert art.title == "Één dag" and "Het café is gisteren gevallen" in art.text and art.ext_id == "latin"


def test_a_warc_with_several_records_keeps_the_good_pages_and_names_the_bad_ones(tmp_path):
    data, ids = warc_bytes(MIXED)
    f = tmp_path / "news.warc.gz"
    f.write_bytes(data)
    items = list(read_paths([f]))
    good = articles(items)
    assert [a.url for a in good] == ["https://nieuws.example/1", "https://nieuws.example/3"]
    assert [a.ext_id for a in good] == [ids[2], ids[8]] and ids[2].startswith("urn:uuid:")
    assert [a.origin for a in good] == [f"{f}:record 3", f"{f}:record 9"]
    assert [a.dct.value for a in good] == ["2019-03-29", "2019-04-02T09:00:00"]
    assert good[0].title == "Kabinet valt over stikstof"
    assert "één dag later" in good[1].text  # decoded with the charset of the HTTP header
    bad = [str(p) for p in problems(items)]
    assert bad == [f"{f}:record 5: no publication date in the page metadata (give --date to supply one)",
                   f"{f}:record 8: no main text found (only short lines such as menus or headings)"]
    assert count_records([f]) == len(items)  # the request, image, redirect and metadata records are no candidates


def test_an_uncompressed_warc_and_the_default_date(tmp_path):
    data, _ = warc_bytes(MIXED, gz=False)
    f = tmp_path / "news.warc"
    f.write_bytes(data)
    items = list(read_paths([f], default_date=parse_dct("2019-03")))
    assert [a.origin.rsplit(":", 1)[1] for a in articles(items)] == ["record 3", "record 5", "record 9"]
    assert articles(items)[1].dct.value == "2019-03"
    assert [p.where for p in problems(items)] == ["record 8"]


def test_a_truncated_warc_gz_names_the_record_and_keeps_what_came_before(tmp_path):
    pages = [html_response(f"https://nieuws.example/{n}", dated(f"2019-03-{n:02d}", f"Bericht {n}"))
             for n in range(1, 4)]
    data, _ = warc_bytes(pages)
    f = tmp_path / "news.warc.gz"
    f.write_bytes(data[:len(data) - 700])  # inside the last record
    items = list(read_paths([f]))
    assert [a.url for a in articles(items)] == ["https://nieuws.example/1", "https://nieuws.example/2"]
    [err] = problems(items)
    assert str(err).startswith(f"{f}:record 4: truncated")
    assert count_records([f]) >= len(items)


def test_a_broken_warc_never_stops_the_ingest(tmp_path):
    """Cut anywhere, or spoiled, a WARC file gives its good pages and errors naming file and record."""
    pages = [html_response(f"https://nieuws.example/{n}", dated(f"2019-03-{n:02d}", f"Bericht {n}"))
             for n in range(1, 3)]
    for gz in (True, False):
        ends = []
        data, _ = warc_bytes(pages, gz=gz, ends=ends)
        f = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
        for cut in range(1, len(data), max(len(data) // 25, 1)):
            f.write_bytes(data[:cut])
            items = list(read_paths([f]))
            assert count_records([f]) >= len(items)
            for err in problems(items):
                assert err.path == str(f) and err.where.startswith("record "), str(err)
            # A cut in the blank lines that end a record (or in the gzip trailer that ends its
            # member) leaves all of that record. Compressed, those blank lines and the end of the
            # deflate stream take a few bytes more before the trailer, and whether a cut there
            # leaves the record depends on how the record compressed (its random WARC-Record-ID):
            # within `loose` bytes of a record's end either is right, further away only the cut one.
            slack, loose = (8, 16) if gz else (4, 4)
            if not any(0 <= end - cut <= 4 for end in ends):
                assert problems(items), f"cut at {cut} of {len(data)} went unnoticed"
            found = len(articles(items))
            assert sum(1 for end in ends[1:] if end - cut <= slack) <= found \
                <= sum(1 for end in ends[1:] if end - cut <= loose), (cut, ends, found)
    empty = tmp_path / "empty.warc"
    empty.write_bytes(b"")
    assert [str(e) for e in read_paths([empty])] == [f"{empty}: empty file: no WARC records"]
    garbage = tmp_path / "garbage.warc.gz"
    garbage.write_bytes(gzip.compress(b"dit is geen WARC-bestand\r\n" * 20))
    [err] = list(read_paths([garbage]))
    assert isinstance(err, InputError) and str(err).startswith(f"{garbage}:record 1: unreadable WARC record")
    lying = tmp_path / "lying.warc"  # the first page says it is shorter than it is: not stored cut off
    data, _ = warc_bytes(pages, gz=False)
    start = data.index(b"WARC-Type: response")
    stated = data.index(b"Content-Length: ", start)
    end = data.index(b"\r\n", stated)
    lying.write_bytes(data[:stated] + b"Content-Length: %d" % (int(data[stated + 16:end]) - 150) + data[end:])
    items = list(read_paths([lying]))
    assert not articles(items) and [p.where for p in problems(items)] == ["record 2", "record 3"]
    assert "Content-Length" in problems(items)[0].reason
    spoiled = tmp_path / "spoiled.warc.gz"
    data, _ = warc_bytes(pages)
    spoiled.write_bytes(data + b"\x1f\x8b\x08\x00kapot" + bytes(50))
    items = list(read_paths([spoiled, garbage]))
    assert len(articles(items)) == 2
    assert [p.where for p in problems(items)] == ["record 4", "record 1"]


def test_folders_pick_up_html_and_warc_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "a.html").write_text(dated("2019-01-05", "Een"), encoding="utf-8")
    (tmp_path / "sub" / "b.htm").write_text(dated("2019-02", "Twee"), encoding="utf-8")
    data, _ = warc_bytes([html_response("https://nieuws.example/3", dated("2019-03-07", "Drie"))])
    (tmp_path / "sub" / "c.warc.gz").write_bytes(data)
    (tmp_path / "sub" / "d.WARC").write_bytes(warc_bytes([html_response("https://nieuws.example/4",
                                                                        dated("2019-04", "Vier"))], gz=False)[0])
    (tmp_path / "other.gz").write_bytes(gzip.compress(b"no WARC"))
    (tmp_path / "ignored.pdf").write_bytes(b"%PDF")
    found = articles(read_paths([tmp_path]))
    assert sorted((a.title, a.dct.value) for a in found) == [
        ("Drie", "2019-03-07"), ("Een", "2019-01-05"), ("Twee", "2019-02"), ("Vier", "2019-04")]
    assert count_records([tmp_path]) == 4


def test_kroniek_ingest_stores_the_good_pages_of_a_warc(tmp_path):
    from kroniek.store import open_store

    data, ids = warc_bytes(MIXED)
    f = tmp_path / "news.warc.gz"
    f.write_bytes(data)
    db = tmp_path / "k.db"
    result = subprocess.run([*KRONIEK, "ingest", "-q", "--no-ner", "--db", str(db), str(f)],
                            capture_output=True, text=True, timeout=600)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert "stored            2" in result.stdout and "skipped           2" in result.stdout
    assert f"{f}:record 5: no publication date in the page metadata" in result.stderr
    assert f"{f}:record 8: no main text found" in result.stderr
    store = open_store(str(db))
    assert store.article_count() == 2
    stored = store.article(ids[2])["article"]
    assert (stored["title"], stored["url"], stored["dct_value"]) == (
        "Kabinet valt over stikstof", "https://nieuws.example/1", "2019-03-29")
    assert stored["origin"] == f"{f}:record 3"
