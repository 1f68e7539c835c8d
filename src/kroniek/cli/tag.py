"""``kroniek tag``: TIMEX3 tagging in the manner of HeidelTime.

Plain text or TempEval-3 TimeML in, TimeML out; or JSON Lines in and out
(``--format jsonl``). The tagger is :func:`kroniek.tag`; this module only
reads, writes and reports.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Iterator

import click

from ..errors import DateError, InputError, UsageError
from ..model import Timex
from ..nlp.language import normalise
from ..temporal.calendar import iso
from ..temporal.dct import DCT, parse_dct
from ..temporal.tagger import get_tagger
from ..temporal.timeml import parse_timeml, write_timeml
from .common import EXIT_OK, EXIT_SKIPPED, LANGS, check_lang, errors_to_exit



@click.command("tag")
@click.argument("paths", nargs=-1, type=click.Path(exists=True, dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--format", "fmt", type=click.Choice(["timeml", "jsonl"]), default="timeml", show_default=True,
              help="timeml: plain text or TempEval-3 TimeML in, TimeML out. "
                   "jsonl: JSON Lines {doc, text, ref, lang} in, one line per document out.")
@click.option("--lang", default=None,
              help="Language: en, nl or nl-BE. Default: the record's 'lang' (jsonl), else en.")
@click.option("--dct", "dct_text", default=None,
              help="Document creation time (YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601). Needed for plain "
                   "text; overrides the DCT of a TimeML file and fills in records without 'ref'.")
@click.option("--out-dir", "-o", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Write one NAME.tml per input file here instead of to standard output "
                   "(needed for more than one TimeML input).")
@errors_to_exit
def tag_command(paths: tuple[Path, ...], fmt: str, lang: str | None, dct_text: str | None,
                out_dir: Path | None) -> None:
    """Tag time expressions (TIMEX3) in PATHS, or standard input.

    \b
    Plain text: give --dct; the output is a TimeML document.
    TimeML (TempEval-3 style, recognised by its <TimeML> or <TEXT> element):
      the text inside <TEXT> is tagged anew with the DCT of the file.
    JSON Lines (--format jsonl): each line {"doc", "text", "ref", "lang"}
      gives one output line {"doc", "timexes": [{"start", "end", "text",
      "type", "value", "mod", "interval": {"start", "end"}}]}; offsets are
      character offsets, end exclusive.

    Exit status: 0 all documents tagged; 1 some were skipped (each named on
    stderr with file and line); 2 usage error; 3 language data missing or
    broken.
    """
    lang = check_lang(lang) if lang else None
    dct = _dct(dct_text) if dct_text else None
    sources = list(paths) or [Path("-")]
    if fmt == "jsonl":
        skipped = _run_jsonl(sources, lang, dct)
    else:
        if len(sources) > 1 and out_dir is None:
            raise UsageError("more than one input file: give --out-dir DIR for the TimeML files")
        skipped = _run_timeml(sources, lang or "en", dct, dct_text, out_dir)
    sys.exit(EXIT_SKIPPED if skipped else EXIT_OK)


def _dct(text: str) -> DCT:
    try:
        return parse_dct(text)
    except DateError as exc:
        raise UsageError(f"--dct: {exc}") from None


def _name(path: Path) -> str:
    return "<stdin>" if str(path) == "-" else str(path)


def _read_text(path: Path) -> str:
    """The whole input as text (UTF-8, a BOM is dropped).

    Raises:
        InputError: naming the file (and line) when it cannot be read or decoded.
    """
    try:
        raw = sys.stdin.buffer.read() if str(path) == "-" else path.read_bytes()
    except OSError as exc:
        raise InputError(_name(path), "", f"cannot read: {exc.strerror or exc}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        raise InputError(_name(path), f"line {line}", f"not valid UTF-8 ({exc.reason}); convert the file "
                         "to UTF-8") from None


def _skip(exc: InputError) -> None:
    click.echo(f"skipped {exc}", err=True)


def _is_timeml(text: str) -> bool:
    head = text.lstrip()[:2000]
    return head.startswith("<?xml") or "<TimeML" in head or head.startswith("<TEXT")


def _run_timeml(sources: list[Path], lang: str, dct: DCT | None, dct_text: str | None,
                out_dir: Path | None) -> int:
    """Tag each file into a TimeML document; return how many were skipped."""
    tagger = get_tagger(lang)
    skipped = 0
    for path in sources:
        try:
            text = _read_text(path)
            docid = None if str(path) == "-" else path.stem
            if _is_timeml(text):
                doc = parse_timeml(text, _name(path))
                body, docid = doc.text, doc.docid or docid
                file_dct = dct or (parse_dct(doc.dct) if doc.dct else None)
                if file_dct is None:
                    raise InputError(_name(path), "", "no creation time in the file (<DCT>); give --dct")
            else:
                body, file_dct = text, dct
                if file_dct is None:
                    raise UsageError(f"{_name(path)}: plain text needs a document creation time: give --dct")
        except InputError as exc:
            _skip(exc)
            skipped += 1
            continue
        except DateError as exc:
            _skip(InputError(_name(path), "", f"bad creation time in the file: {exc}"))
            skipped += 1
            continue
        found = tagger.tag(body, file_dct)
        xml = write_timeml(body, found, dct=file_dct.value, docid=docid)
        if out_dir is None:
            click.echo(xml, nl=False)
        else:
            out_dir.mkdir(parents=True, exist_ok=True)
            (out_dir / f"{docid or 'stdin'}.tml").write_text(xml, encoding="utf-8")
    return skipped


def timex_json(t: Timex) -> dict[str, Any]:
    """One timex in the ``--format jsonl`` shape (offsets in characters, end exclusive)."""
    return {"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value, "mod": t.mod,
            "interval": {"start": iso(t.interval.start), "end": iso(t.interval.end)} if t.interval else None}


def _records(path: Path) -> Iterator[tuple[str, dict | InputError]]:
    """``(where, record or error)`` for every non-blank line of a JSON Lines input."""
    try:
        handle = sys.stdin.buffer if str(path) == "-" else path.open("rb")
    except OSError as exc:
        yield "", InputError(_name(path), "", f"cannot open: {exc.strerror}")
        return
    for number, raw in enumerate(handle, start=1):
        where = f"line {number}"
        if not raw.strip():
            continue
        try:
            record = json.loads(raw.decode("utf-8-sig" if number == 1 else "utf-8"))
        except UnicodeDecodeError as exc:
            yield where, InputError(_name(path), where, f"not valid UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        except json.JSONDecodeError as exc:
            yield where, InputError(_name(path), where, f"malformed JSON: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(record, dict):
            yield where, InputError(_name(path), where, "expected a JSON object {\"doc\", \"text\", \"ref\", \"lang\"}")
            continue
        yield where, record
    if handle is not sys.stdin.buffer:
        handle.close()


def _run_jsonl(sources: list[Path], lang: str | None, dct: DCT | None) -> int:
    """Tag JSON Lines records to standard output; return how many were skipped."""
    skipped = 0
    for path in sources:
        for where, record in _records(path):
            if isinstance(record, InputError):
                _skip(record)
                skipped += 1
                continue
            try:
                out = _tag_record(record, _name(path), where, lang, dct)
            except InputError as exc:
                _skip(exc)
                skipped += 1
                continue
            click.echo(json.dumps(out, ensure_ascii=False))
    return skipped


def _tag_record(record: dict, name: str, where: str, lang: str | None, dct: DCT | None) -> dict:
    text = record.get("text")
    if not isinstance(text, str):
        raise InputError(name, where, "no \"text\" string")
    ref = record.get("ref")
    if ref is not None:
        try:
            doc_dct = parse_dct(str(ref))
        except DateError as exc:
            raise InputError(name, where, f"bad \"ref\": {exc}") from None
    elif dct is not None:
        doc_dct = dct
    else:
        raise InputError(name, where, "no \"ref\" (reference date) and no --dct")
    code = lang or (record.get("lang") if isinstance(record.get("lang"), str) else None) or "en"
    code = normalise(code)
    if code not in LANGS:
        raise InputError(name, where, f"unsupported \"lang\" {record.get('lang')!r}: use one of {', '.join(LANGS)}")
    found = get_tagger(code).tag(text, doc_dct)
    return {"doc": record.get("doc"), "timexes": [timex_json(t) for t in found]}
