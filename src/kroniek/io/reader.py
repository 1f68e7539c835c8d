"""Dispatch by file kind, recursion into folders, and per-record errors."""
from __future__ import annotations

import csv
import io
import json
from datetime import tzinfo
from pathlib import Path
from typing import Iterator

from ..errors import InputError
from ..model import Article
from ..temporal.dct import DCT
from .records import article_from_record
from .seed import read_seed

JSONL_SUFFIXES = {".jsonl", ".ndjson", ".jsonlines"}
CSV_SUFFIXES = {".csv", ".tsv"}
TEXT_SUFFIXES = {".txt", ".text", ""}

Item = Article | InputError


def _files(paths: list[Path]) -> Iterator[Path | InputError]:
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                if child.name.startswith(".") or child.suffix.lower() not in (
                        JSONL_SUFFIXES | CSV_SUFFIXES | TEXT_SUFFIXES):
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
        paths: files (``.jsonl``, ``.csv``, ``.tsv``, or text in the
            date-header format) and folders holding such files.
        default_date: publication date for records that have none.
        tz: time zone for dates without one.

    Yields:
        An :class:`Article` per usable record and an :class:`InputError`
        per unusable one (malformed line, missing field, undecodable file).
    """
    for item in _files([Path(p) for p in paths]):
        if isinstance(item, InputError):
            yield item
            continue
        suffix = item.suffix.lower()
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(item, default_date, tz)
        elif suffix in CSV_SUFFIXES:
            yield from _read_csv(item, default_date, tz)
        else:
            yield from _read_text(item, default_date, tz)


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
    with handle:
        for number, raw in enumerate(handle, start=1):
            where = f"line {number}"
            if not raw.strip():
                continue
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                yield InputError(str(path), where, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError(str(path), where, f"malformed JSON: {exc.msg} (column {exc.colno})")
                continue
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
    text = _decoded(path, "utf-8-sig")
    if isinstance(text, InputError):
        yield text
        return
    delimiter = "\t" if path.suffix.lower() == ".tsv" else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        yield InputError(str(path), "line 1", "empty file: no header")
        return
    except csv.Error as exc:
        yield InputError(str(path), "line 1", f"malformed CSV: {exc}")
        return
    names = [h.strip().lower() for h in header]
    while True:
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            yield InputError(str(path), f"line {reader.line_num}", f"malformed CSV: {exc}")
            return
        where = f"line {reader.line_num}"
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(names):
            yield InputError(str(path), where, f"{len(row)} fields where the header has {len(names)}")
            continue
        try:
            yield article_from_record(dict(zip(names, row)), str(path), where,
                                      default_date=default_date, tz=tz)
        except InputError as exc:
            yield exc


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
        if suffix in JSONL_SUFFIXES:
            with item.open("rb") as fh:
                total += sum(1 for line in fh if line.strip())
        elif suffix in CSV_SUFFIXES:
            with item.open("rb") as fh:
                total += max(sum(1 for line in fh if line.strip()) - 1, 0)
        else:
            total += 1
    return total
