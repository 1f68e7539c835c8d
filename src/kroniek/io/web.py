"""Web pages: saved HTML files and WARC web archives.

Each page goes through :func:`article_from_html`: ``trafilatura`` finds the
main text and the title, and the publication date comes from the page's
metadata, keeping its granularity (a page dated ``2019-03`` is known to the
month). Nothing is fetched: the page is parsed here and handed to
trafilatura (and through it to ``htmldate``) as a parsed tree, never as a
string that could be taken for a URL.

Where the date comes from, first found wins:

1. the page's own publication-date fields: ``<meta>`` tags
   (``article:published_time``, ``og:published_time``, ``datePublished``,
   Dublin Core ``dcterms.issued``/``dc.date``, ``pubdate``, ``date`` ...),
   JSON-LD ``datePublished`` (article types first), elements marked
   ``itemprop="datePublished"`` and ``<time pubdate>``; their value is read
   as written, so ``2019-03`` stays a month and ``2019-03-29T10:15+01:00``
   a minute; a value in words (``29 maart 2019``, ``March 2019``) or an RFC
   2822 date is read with the same granularity;
2. else what trafilatura's metadata extraction (``htmldate``, without its
   free-text search) finds elsewhere, e.g. a date in the URL or a byline;
   htmldate reports whole days only, so such a date is a day.
"""
from __future__ import annotations

import codecs
import gzip
import json
import re
from datetime import tzinfo
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any, Iterator

from ..errors import DateError, InputError
from ..model import Article
from ..temporal.dct import DCT, parse_dct
from .records import article_from_record

HTML_SUFFIXES = {".html", ".htm"}
WARC_SUFFIXES = (".warc", ".warc.gz")
#: HTTP content types (without parameters) of the WARC responses read as pages.
HTML_TYPES = {"text/html", "application/xhtml+xml"}

#: Names (``property``, ``name`` or ``itemprop``, lower case) of fields holding the
#: publication date, best first; JSON-LD ``datePublished`` ranks as ``datepublished``.
DATE_KEYS = (
    "article:published_time", "og:article:published_time", "og:published_time", "article:published",
    "datepublished", "date_published", "publishdate", "publish-date", "publish_date", "pubdate",
    "publication_date", "publication-date", "dcterms.issued", "dc.date.issued", "dc.date.published",
    "citation_publication_date", "citation_date", "article.published", "article_date_original",
    "og:pubdate", "parsely-pub-date", "sailthru.date", "dcterms.date", "dc.date", "dc:date", "date",
    "datecreated", "dcterms.created", "dc.date.created", "dc:created",
)
#: Names of fields holding the site's or publisher's name, best first.
SITE_KEYS = ("og:site_name", "dcterms.publisher", "dc.publisher", "publisher")
_ARTICLE_TYPES = re.compile(r"article|posting|report", re.IGNORECASE)
_COMPACT_DATE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([-\w.:]+)""", re.IGNORECASE)
#: How far into a page a ``<meta charset>`` declaration is looked for.
CHARSET_SNIFF_BYTES = 4096


def article_from_html(html: bytes | str, path: str, where: str, *, ext_id: str | None = None,
                      url: str | None = None, charset: str | None = None,
                      default_date: DCT | None = None, tz: tzinfo | None = None) -> Article:
    """Build an article from one web page.

    Args:
        html: the page, as bytes (decoded with ``charset``, else its
            ``<meta charset>``, else UTF-8 or a guess) or as text.
        path: the file it came from, for messages and the origin.
        where: ``"record N"`` inside a WARC file, or ``""`` for a whole file.
        ext_id: the article id (the WARC record id, the file name).
        url: the page's address when known (WARC-Target-URI); else the
            page's canonical URL or ``og:url`` is taken.
        charset: the character set the server declared (HTTP Content-Type).
        default_date: publication date for pages without one (``--date``).
        tz: time zone for dates without one (default UTC).

    Returns:
        An :class:`Article` whose ``origin`` is ``path:where`` (``path:record 1``
        for a whole file).

    Raises:
        InputError: not HTML, no main text found, no publication date in the
            page metadata (and no default date), or text over the limit of
            :func:`~kroniek.io.records.article_from_record`.
    """
    import trafilatura

    tree = trafilatura.load_html(_decoded(html, charset) if isinstance(html, bytes) else html)
    if tree is None:
        raise InputError(path, where, "no main text found (nothing to parse as HTML)")
    fields = _page_fields(tree)
    try:
        document = trafilatura.bare_extraction(
            tree, url=url, with_metadata=True, include_comments=False, include_tables=False,
            date_extraction_params={"original_date": True, "extensive_search": False})
    except Exception as exc:  # trafilatura's failure costs this page, not the run
        raise InputError(path, where, f"text extraction failed: {type(exc).__name__}: {exc}") from None
    text = _paragraphs(document.text if document is not None else None)
    if text is None:
        raise InputError(path, where, "no main text found")
    if not _has_sentence(text):
        raise InputError(path, where, "no main text found (only short lines such as menus or headings)")
    dct = page_date(fields["dates"], tz)
    if dct is None and document.date:
        try:
            dct = parse_dct(document.date, tz)
        except DateError:
            dct = None
    if dct is None and default_date is None:
        raise InputError(path, where, "no publication date in the page metadata (give --date to supply one)")
    record = {"text": text, "id": ext_id, "title": document.title, "url": url or document.url,
              "source": fields["site"]}
    # The page's date, parsed already, goes in as the default: it keeps its text and time zone.
    article = article_from_record(record, path, where, default_date=dct or default_date, tz=tz)
    if not where:
        article.origin = f"{path}:record 1"
    return article


def page_date(values: list[str], tz: tzinfo | None = None) -> DCT | None:
    """The first of the page's date values that reads as a date, with its granularity.

    Args:
        values: raw values of publication-date fields, best first.
        tz: time zone for dates without one (default UTC).

    Returns:
        A :class:`DCT` (``2019-03`` is a month, ``2019`` a year, an ISO
        date-time a minute or second), or None when no value is a date.
    """
    for raw in values:
        dct = _read_date(raw, tz)
        if dct is not None:
            return dct
    return None


def _read_date(raw: str, tz: tzinfo | None) -> DCT | None:
    raw = " ".join(raw.split())
    if not raw or not _YEAR.search(raw):
        return None
    compact = _COMPACT_DATE.match(raw)
    if compact:
        raw = "-".join(compact.groups())
    try:
        return parse_dct(raw, tz)
    except DateError:
        pass
    try:
        moment = parsedate_to_datetime(raw)  # RFC 2822: "Fri, 29 Mar 2019 10:15:00 +0100"
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None:
        return parse_dct(moment, tz)
    return _date_in_words(raw, tz)


def _date_in_words(raw: str, tz: tzinfo | None) -> DCT | None:
    """A date written in words ("29 maart 2019", "March 2019"), read by kroniek's own tagger.

    The longest time expression (Dutch or English) that holds a year and has
    a calendar value is taken; its value keeps the granularity written.
    """
    from ..temporal.tagger import tag

    best = None
    for lang in ("nl", "en"):
        for timex in tag(raw, "2000-01-01", lang):
            if timex.type not in ("DATE", "TIME") or not _YEAR.search(timex.text):
                continue
            if best is None or timex.end - timex.start > best.end - best.start:
                best = timex
    if best is None:
        return None
    try:
        dct = parse_dct(best.value, tz)
    except DateError:
        return None
    return DCT(dct.value, dct.interval, raw)


def _page_fields(tree) -> dict[str, Any]:
    """Publication-date values (best first) and the site name from the page's metadata."""
    found: list[tuple[int, int, str]] = []
    sites: list[tuple[int, int, str]] = []

    def add(key: str, value: Any, demote: bool = False, site: bool = True) -> None:
        if not isinstance(value, str) or not value.strip():
            return
        key = key.strip().lower()
        if key in DATE_KEYS:
            found.append((DATE_KEYS.index(key) + (len(DATE_KEYS) if demote else 0), len(found), value))
        elif site and key in SITE_KEYS:
            sites.append((SITE_KEYS.index(key), len(sites), " ".join(value.split())))

    for meta in tree.iter("meta"):
        for attribute in ("property", "name", "itemprop"):
            if meta.get(attribute):
                add(meta.get(attribute), meta.get("content"))
    for element in tree.xpath("//*[@itemprop][not(self::meta)]"):
        value = element.get("content") or element.get("datetime") or element.text_content()
        add(element.get("itemprop"), value, site=False)  # a microdata publisher is a block, not a name
    for element in tree.xpath("//time[@pubdate][@datetime]"):
        add("pubdate", element.get("datetime"))
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(script.text_content(), strict=False)
        except ValueError:
            continue
        for obj in _json_objects(data):
            kind = obj.get("@type")
            kind = " ".join(k for k in kind if isinstance(k, str)) if isinstance(kind, list) else str(kind or "")
            is_article = bool(_ARTICLE_TYPES.search(kind))
            for name in ("datePublished", "dateCreated"):
                add(name, obj.get(name), demote=not is_article)
            publisher = obj.get("publisher")
            if is_article and isinstance(publisher, dict):
                publisher = publisher.get("name")
            if is_article and isinstance(publisher, str):
                add("publisher", publisher)
    return {"dates": [value for _, _, value in sorted(found)],
            "site": min(sites)[2] if sites else None}


def _json_objects(data: Any, depth: int = 0) -> Iterator[dict]:
    """Every JSON object in a JSON-LD document (``@graph`` and nested ones included)."""
    if depth > 8:
        return
    if isinstance(data, list):
        for item in data:
            yield from _json_objects(item, depth + 1)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (list, dict)):
                yield from _json_objects(value, depth + 1)


def _decoded(raw: bytes, charset: str | None) -> bytes | str:
    """The page as text: by its byte order mark, else in the declared (HTTP, else ``<meta>``)
    character set, else the bytes themselves for trafilatura to decode (UTF-8, else a guess).

    Latin-1 and ASCII are read as Windows-1252, as browsers do.
    """
    if raw.startswith(codecs.BOM_UTF8):
        return raw.decode("utf-8-sig", errors="replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    if charset is None:
        m = _META_CHARSET.search(raw[:CHARSET_SNIFF_BYTES])
        charset = m.group(1).decode("ascii", "replace") if m else None
    if not charset:
        return raw
    try:
        name = codecs.lookup(charset).name
    except LookupError:
        return raw
    return raw.decode("cp1252" if name in ("latin-1", "iso8859-1", "ascii") else name, errors="replace")


def _paragraphs(text: str | None) -> str | None:
    """trafilatura's lines (one per block) as paragraphs separated by blank lines, or None
    when there is no letter or digit in them."""
    if not text:
        return None
    lines = [" ".join(line.split()) for line in text.splitlines()]
    text = "\n\n".join(line for line in lines if line)
    return text if any(c.isalnum() for c in text) else None


def _has_sentence(text: str) -> bool:
    """True unless every paragraph is a short line without closing punctuation (a menu, a heading)."""
    from ..nlp.segment import is_intertitle

    return not all(is_intertitle(p) for p in text.split("\n\n"))


def read_html(path: Path, default_date: DCT | None = None, tz: tzinfo | None = None) -> Iterator[Article | InputError]:
    """Read one saved web page (``.html``, ``.htm``) as one article.

    Args:
        path: the file; its name without extension is the article id.
        default_date: publication date for a page without one.
        tz: time zone for dates without one.

    Yields:
        The :class:`Article`, or an :class:`InputError` naming the file.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), "", f"cannot open: {exc.strerror}")
        return
    try:
        yield article_from_html(raw, str(path), "", ext_id=path.stem, default_date=default_date, tz=tz)
    except InputError as exc:
        yield exc


def is_warc(path: Path) -> bool:
    """True for a ``.warc`` or ``.warc.gz`` file name (any case)."""
    return path.name.lower().endswith(WARC_SUFFIXES)


def read_warc(path: Path, default_date: DCT | None = None, tz: tzinfo | None = None) -> Iterator[Article | InputError]:
    """Read the HTML pages of a WARC file (``.warc``, or ``.warc.gz``), one article each.

    Every ``response`` record with a successful (2xx) HTTP status and an HTML
    payload (Content-Type ``text/html`` or ``application/xhtml+xml``) is one
    candidate; other records (requests, metadata, images, redirects) are passed
    over. Records are numbered from 1 over all records of the file.

    Args:
        path: the WARC file.
        default_date: publication date for pages without one.
        tz: time zone for dates without one.

    Yields:
        An :class:`Article` per usable page (id: the WARC-Record-ID, else the
        target URI; url: the WARC-Target-URI) and an :class:`InputError`
        (``path:record N``) per unusable one; a broken or truncated file gives
        one error naming the record where reading stopped.
    """
    for item in _warc_pages(path, read_payload=True):
        if isinstance(item, InputError):
            yield item
            continue
        number, record, payload = item
        headers = record.rec_headers
        uri = headers.get_header("WARC-Target-URI") or None
        ext_id = (headers.get_header("WARC-Record-ID") or "").strip().strip("<>") or uri
        try:
            yield article_from_html(payload, str(path), f"record {number}", ext_id=ext_id, url=uri,
                                    charset=_charset(record), default_date=default_date, tz=tz)
        except InputError as exc:
            yield exc


def count_warc(path: Path) -> int:
    """The number of candidate pages in a WARC file (plus one when it is broken), without
    extracting any.

    Args:
        path: the WARC file.

    Returns:
        What :func:`read_warc` will yield, at most.
    """
    return sum(1 for _ in _warc_pages(path, read_payload=False))


def _warc_pages(path: Path, *, read_payload: bool) -> Iterator[tuple[int, Any, bytes | None] | InputError]:
    """``(record number, record, payload)`` per candidate page, and errors.

    Each record is read to its end here, so that an error is put on the
    record it is in: a record cut short by the end of the file is an error
    (and the last record), a record that cannot be parsed ends the file. A
    page is handed on only once the next record has been found where the
    page's Content-Length says it ends. A gzipped file is decompressed by
    :mod:`gzip`, which notices a cut-off or corrupt member (warcio takes an
    early end for the end of the file); one gzip member per record and one
    for the whole file are both read. With ``read_payload`` the payload is
    read too (decoded from chunked or compressed transfer).
    """
    from warcio.archiveiterator import ArchiveIterator

    try:
        handle = path.open("rb")
        compressed = handle.read(2) == b"\x1f\x8b"
        handle.seek(0)
    except OSError as exc:
        yield InputError(str(path), "", f"cannot open: {exc.strerror}")
        return
    number, held = 0, None
    with handle:
        archive = ArchiveIterator(_StrictGzip(handle) if compressed else handle)
        records = iter(archive)
        while True:
            warnings = getattr(archive, "err_count", 0)
            try:
                record, failure = next(records), None
            except StopIteration:
                record, failure = None, _end_of_file(archive, number, str(path))
            except _Truncated:
                record, failure = None, InputError(str(path), f"record {number + 1}", _TRUNCATED)
            except Exception as exc:  # warcio, gzip and zlib raise many kinds
                after = f" (after record {number})" if number else ""
                record, failure = None, InputError(str(path), f"record {number + 1}", f"unreadable WARC record"
                                                   f"{after}: {_one_line(exc)}; the rest of the file is not read")
            if held is not None:
                if getattr(archive, "err_count", 0) > warnings:  # warcio found no blank line where the record should end
                    held = InputError(str(path), f"record {number}", "its Content-Length does not match:"
                                      " the record runs on past it")
                yield held
                held = None
            if record is None:
                if failure is not None:
                    yield failure
                return
            number += 1
            where = f"record {number}"
            if record.format.startswith("warc") and not _has_length(record):
                yield InputError(str(path), where, "unreadable WARC record: no valid Content-Length header"
                                 " (its headers may be cut off); the rest of the file is not read")
                return
            page, payload, problem = _is_page(record), None, None
            if page and read_payload:
                try:
                    payload = record.content_stream().read()
                except _Truncated:
                    yield InputError(str(path), where, _TRUNCATED)
                    return
                except Exception as exc:  # a bad chunked or gzip body spoils this record only
                    problem = f"cannot decode the HTTP payload: {_one_line(exc)}"
            ended = _read_to_end(record)
            if ended is not None:
                yield InputError(str(path), where, ended)
                return
            if problem is not None:
                held = InputError(str(path), where, problem)
            elif page:
                held = (number, record, payload)


def _end_of_file(archive, number: int, path: str) -> InputError | None:
    """The error of a file that ends where no record ends (or that holds none), or None."""
    if number == 0 and _left_over(archive):
        return InputError(path, "record 1", "not a WARC file: no WARC record found")
    if number == 0:
        return InputError(path, "", "empty file: no WARC records")
    if _left_over(archive):
        return InputError(path, f"record {number + 1}", _TRUNCATED)
    return None


_TRUNCATED = "truncated: the file ends inside this record"


class _Truncated(Exception):
    """A gzipped WARC file ends inside a compressed member."""


class _StrictGzip:
    """The decompressed bytes of a gzip file, whose early end raises :class:`_Truncated`
    (warcio would take the :class:`EOFError` of :mod:`gzip` for the normal end of the file).

    Reads return what one step of decompression gives (``read1``), so that
    everything before the point where the file is cut off comes out first.
    """

    def __init__(self, handle):
        self._gzip = gzip.GzipFile(fileobj=handle, mode="rb")

    def read(self, size: int = -1) -> bytes:
        if size is not None and size >= 0:
            return self._read1(size)
        parts = []
        while chunk := self._read1(65536):
            parts.append(chunk)
        return b"".join(parts)

    def _read1(self, size: int) -> bytes:
        try:
            return self._gzip.read1(size)
        except EOFError:
            raise _Truncated() from None

    def close(self) -> None:
        self._gzip.close()


def _has_length(record) -> bool:
    length = (record.rec_headers.get_header("Content-Length") or "").strip()
    return length.isdigit()


def _left_over(archive) -> bool:
    """True when bytes that make no record follow the last one (warcio takes a record cut off
    in its headers for the end of the file): the file was read further than the records go."""
    try:
        return archive.fh.tell() > archive.offset
    except (AttributeError, OSError, TypeError):
        return False


def _read_to_end(record) -> str | None:
    """Read what is left of the record; the reason when the file ends inside it or cannot be read."""
    stream = record.raw_stream
    try:
        while stream.read(65536):
            pass
    except _Truncated:
        return _TRUNCATED
    except Exception as exc:  # a corrupt gzip member, an I/O error
        return f"unreadable WARC record: {_one_line(exc)}; the rest of the file is not read"
    if getattr(stream, "limit", 0) > 0:
        return _TRUNCATED
    return None


def _is_page(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return False
    content_type = record.http_headers.get_header("Content-Type") or ""
    return content_type.split(";")[0].strip().lower() in HTML_TYPES


def _charset(record) -> str | None:
    content_type = record.http_headers.get_header("Content-Type") or ""
    m = re.search(r"charset\s*=\s*[\"']?([-\w.:]+)", content_type, re.IGNORECASE)
    return m.group(1) if m else None


def _one_line(exc: Exception) -> str:
    text = " ".join(str(exc).split()) or type(exc).__name__
    return text if len(text) <= 200 else text[:197] + "..."
