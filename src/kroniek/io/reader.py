"""Dispatch by file kind, recursion into folders, and per-record errors."""
from __future__ import annotations

import csv
import json
from datetime import tzinfo
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..model import Article
from ..temporal.dct import DCT
from .records import TEXT_FIELDS, article_from_record, unpaired_surrogate
from .seed import read_seed
from .web import HTML_SUFFIXES, count_warc, is_warc, read_html, read_warc

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
JSON_SUFFIXES = {".json"}
#: A JSON Lines file whose first this many non-empty lines are all bad is not read further.
GIVE_UP_AFTER = 20
CSV_SUFFIXES = {".csv", ".tsv"}
TEXT_SUFFIXES = {".txt", ".text", ""}

Item = Article | InputError


def _files(paths: list[Path]) -> Iterator[Path | InputError]:
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith(".") or (child.suffix.lower() not in (
                        JSONL_SUFFIXES | JSON_SUFFIXES | CSV_SUFFIXES | TEXT_SUFFIXES | HTML_SUFFIXES)
                        and not is_warc(child)):
                    continue
                yield child
        elif path.is_file():
            yield path
        else:
            yield InputError(str(path), "", "no such file or folder")


def read_paths(paths: list[Path | str], *, default_date: DCT | None = None,
               tz: tzinfo | None = None) -> Iterator[Item]:
    """Read articles from files and folders (recursively), in order.

    Args:
        paths: files (``.jsonl``; ``.json`` holding an array of records, one
            record, or JSON Lines; ``.csv``, ``.tsv``; web archives ``.warc``,
            ``.warc.gz``; saved web pages ``.html``, ``.htm``; or text in the
            date-header format) and folders holding such files.
        default_date: publication date for records that have none.
        tz: time zone for dates without one.

    Yields:
        An :class:`Article` per usable record and an :class:`InputError`
        per unusable one (malformed line, missing field, undecodable file,
        a web page without main text or date, a broken WARC record).
    """
    for item in _files([Path(p) for p in paths]):
        if isinstance(item, InputError):
            yield item
            continue
        suffix = item.suffix.lower()
        if is_warc(item):
            yield from read_warc(item, default_date, tz)
        elif suffix in HTML_SUFFIXES:
            yield from read_html(item, default_date, tz)
        elif suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(item, default_date, tz)
        elif suffix in JSON_SUFFIXES:
            yield from _read_json(item, default_date, tz)
        elif suffix in CSV_SUFFIXES:
            yield from _read_csv(item, default_date, tz)
        else:
            yield from _read_text(item, default_date, tz)


def _json_records(path: Path) -> list | None:
    """The records of a ``.json`` file that is one JSON document (an array, or one object), or
    None when it is not one document (then it is read as JSON Lines)."""
    try:
        document = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return document if isinstance(document, list) else [document]


def _read_json(path: Path, default_date: DCT | None, tz: tzinfo | None) -> Iterator[Item]:
    records = _json_records(path)
    if records is None:
        yield from _read_jsonl(path, default_date, tz)
        return
    for number, record in enumerate(records, start=1):
        try:
            yield article_from_record(record, str(path), f"record {number}", default_date=default_date, tz=tz)
        except InputError as exc:
            yield exc


def _decode_error(path: Path, raw: bytes, exc: UnicodeDecodeError) -> InputError:
    line = raw[:exc.start].count(b"\n") + 1
    return InputError(str(path), f"line {line}", f"not valid UTF-8 (byte {exc.start}: {exc.reason}); "
                      "convert the file to UTF-8")


def _read_jsonl(path: Path, default_date: DCT | None, tz: tzinfo | None) -> Iterator[Item]:
    try:
        handle = path.open("rb")
    except OSError as exc:
        yield InputError(str(path), "", f"cannot open: {exc.strerror}")
        return
    bad = good = 0
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"line {number}"
            if not raw.strip():
                continue
            if bad >= GIVE_UP_AFTER and not good:
                yield InputError(str(path), where, f"the first {bad} lines were all unreadable: the file does not"
                                 " look like JSON Lines (UTF-8, one JSON object per line); its other lines are not read")
                return
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                bad += 1
                yield InputError(str(path), where, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                bad += 1
                yield InputError(str(path), where, f"malformed JSON: {exc.msg} (column {exc.colno})")
                continue
            good += 1
            try:
                yield article_from_record(record, str(path), where, default_date=default_date, tz=tz)
            except InputError as exc:
                yield exc


def _decoded(path: Path, encoding: str) -> str | InputError:
    """The whole file as text, or the error that names why it cannot be read."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return InputError(str(path), "", f"cannot open: {exc.strerror}")
    try:
        return raw.decode(encoding)
    except UnicodeDecodeError as exc:
        return _decode_error(path, raw, exc)


def _read_csv(path: Path, default_date: DCT | None, tz: tzinfo | None) -> Iterator[Item]:
    """Rows of a CSV (TSV) file with a header; a bad row is reported and skipped.

    Bytes that are not UTF-8 spoil only the rows that hold them. A row whose
    quote never closes would swallow the rest of the file: when a row that
    spans several lines has the wrong number of fields, it is reported on the
    line where it began and reading goes on with the next line.
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        yield InputError(str(path), "", f"cannot open: {exc.strerror}")
        return
    text = raw.decode("utf-8", errors="surrogateescape").removeprefix("\ufeff")
    lines = text.splitlines(keepends=True)
    delimiter = _delimiter(path, lines[0] if lines else "")
    names: list[str] | None = None
    for first, last, row in _csv_rows(lines, delimiter):
        where = f"line {first}" if first == last else f"lines {first}-{last}"
        if isinstance(row, csv.Error):
            yield InputError(str(path), where, f"malformed CSV: {row}")
            continue
        if any(unpaired_surrogate(cell) is not None for cell in row):
            yield InputError(str(path), where, "not valid UTF-8; convert the file to UTF-8")
            continue
        if names is None:
            names = [h.strip().lower() for h in row]
            if not set(names) & set(TEXT_FIELDS):
                yield InputError(str(path), where, "the header names no text column ("
                                 + " or ".join(TEXT_FIELDS) + f"); it has: {', '.join(names)}")
                return
            continue
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            hint = f"; the quote opened on line {first} may not be closed" if last > first else ""
            yield InputError(str(path), f"line {first}", f"{len(row)} fields where the header has {len(names)}{hint}")
            continue
        try:
            yield article_from_record(dict(zip(names, row)), str(path), where,
                                      default_date=default_date, tz=tz)
        except InputError as exc:
            yield exc
    if names is None:
        yield InputError(str(path), "line 1", "empty file: no header")


def _delimiter(path: Path, header: str) -> str:
    """Tab for ``.tsv``; else whichever of comma, semicolon and tab the header uses most (comma on a tie)."""
    if path.suffix.lower() == ".tsv":
        return "\t"
    return max((",", ";", "\t"), key=lambda d: (header.count(d), d == ","))


def _csv_rows(lines: list[str], delimiter: str) -> Iterator[tuple[int, int, list[str] | csv.Error]]:
    """``(first line, last line, row or error)``; after a bad row of several
    lines, parsing starts again on the line after the row's first. A row of
    several lines that runs to the end of the file without its closing quote
    is bad (an unclosed quote swallows every row after it)."""
    pos, width = 0, None
    while pos < len(lines):
        reader = csv.reader(iter(lines[pos:]), delimiter=delimiter)
        done = reader.line_num
        restart = None
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield pos + done + 1, pos + reader.line_num, exc
                restart = pos + done + 1
                break
            first, last = pos + done + 1, pos + reader.line_num
            done = reader.line_num
            if last > first and last == len(lines) and _unclosed(lines[first - 1:last], delimiter):
                yield first, first, csv.Error(f"the quote opened on line {first} is never closed")
                restart = first
                break
            if width is None:
                width = len(row)
            elif last > first and len(row) != width:
                yield first, last, row
                restart = first  # the next line, counted from 0
                break
            yield first, last, row
        pos = restart if restart is not None else len(lines)


def _unclosed(raw: list[str], delimiter: str) -> bool:
    """True when the lines end inside a quoted field (the lenient reader hides it at the end of a file)."""
    try:
        for _ in csv.reader(iter(raw), delimiter=delimiter, strict=True):
            pass
    except csv.Error:
        return True
    return False


def _read_text(path: Path, default_date: DCT | None, tz: tzinfo | None) -> Iterator[Item]:
    text = _decoded(path, "utf-8")
    if isinstance(text, InputError):
        yield text
        return
    try:
        yield read_seed(path, text, default_date=default_date, tz=tz)
    except InputError as exc:
        yield exc


def count_records(paths: list[Path | str]) -> int:
    """A quick upper estimate of the number of records, for progress bars."""
    total = 0
    for item in _files([Path(p) for p in paths]):
        if isinstance(item, InputError):
            continue
        suffix = item.suffix.lower()
        if is_warc(item):  # the HTML responses (headers only: no page is extracted)
            total += count_warc(item)
        elif suffix in JSONL_SUFFIXES | JSON_SUFFIXES:  # a JSON array counts its lines: no second parse
            with item.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif suffix in CSV_SUFFIXES:
            with item.open("rb") as fh:
                total += max(sum(1 for line in fh if line.strip()) - 1, 0)
        else:
            total += 1
    return total
