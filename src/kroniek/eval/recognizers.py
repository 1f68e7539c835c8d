"""Scoring the tagger on Microsoft Recognizers-Text DateTime spec files.

The spec files (``Specs/DateTime/<Language>/*.json`` of Recognizers-Text,
MIT licence) hold test cases ``{"Input", "Context": {"ReferenceDateTime"},
"Results": [...]}``. Each result is one expected expression; its offsets
come in two shapes:

* extractor and parser files: ``Start`` and ``Length`` (half-open
  ``[Start, Start + Length)``);
* model files (``*Model*.json``): ``Start`` and ``End``, where ``End`` is
  the index of the LAST character (inclusive): ``[Start, End + 1)``.

A result's resolution (the gold value) also comes in two shapes:

* parser files: ``Value = {"Timex", "Mod", "PastResolution",
  "FutureResolution"}`` where each resolution holds ``date``, ``dateTime``,
  ``time``, ``startDate``/``endDate`` ... or ``duration`` (seconds);
* model files and the merged parser: ``Resolution`` (or ``Value``) ``=
  {"values": [{"timex", "type", "value" | "start"/"end", "Mod"}]}``, one
  entry per reading (past and future).

Scoring follows TempEval-3 (UzZaman et al. 2013): strict span matches need
identical offsets, relaxed matches any overlap (pairs are matched one to
one, largest overlap first); value accuracy is the share of relaxed matches
with a correct value; value F1 counts value-correct relaxed matches over the
predicted and over the gold expressions; type accuracy is the share of
relaxed matches with the right TIMEX3 type. A value is correct when it
equals the gold timex, or when it denotes exactly the same calendar
interval as one of the resolved readings (past or future). Span figures use
every file; value figures only the files that carry resolutions.

Conventions (documented choices):

* Cases without a reference date are tagged with :data:`DEFAULT_REFERENCE`,
  2016-11-07T00:00, the reference date most spec cases use; it also anchors
  the time-only readings (``"08:40:00"``) of those cases.
* Reference dates without a time zone are read as UTC.
* A reading of a time of day without a date lies on the reference date;
  a time range whose end is not after its start ends on the next day.
* A reading bounded on one side only (``Mod`` before, after, since ...)
  names the unit of its timex that starts at the bound ("voor woensdag",
  end 2017-09-13, names that Wednesday); a reading bounded by its start
  only may also name the unit that ends there ("na feb", start 2018-03-01,
  names February).
* A gold range ``(A,B,PnD)`` is also matched by a predicted range whose
  begin starts at A and whose end starts at B: Recognizers-Text reads the
  last day of "4-22 januari" as the end point, TimeML as included.
* Durations match when their lengths in seconds agree, counting a year as
  365 days and a month as 30 days (the Recognizers-Text convention).
* Notational variants are equal: whole-minute times with or without
  ``:00`` seconds (``T00:05:00`` = ``T00:05``), and a time of day with or
  without an all-unknown date (``XXXX-XX-XXT15:00`` = ``T15:00``, as SETs
  "elke dag om 15.00" are written both ways).
* A gold result whose text cannot be found in its input is left out and
  counted in ``skipped``. Time-zone results have no timex: they count for
  spans and type, not for values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Iterable

from ..errors import UsageError
from ..model import Timex
from .recognizers_spec import DEFAULT_REFERENCE, Case, Gold, Reading, load_cases, timex_granularity

__all__ = ["DEFAULT_REFERENCE", "Case", "Counts", "Gold", "Reading", "Report", "duration_seconds", "evaluate",
           "format_report", "gold_types", "language_of", "load_cases", "normal_value", "score_case",
           "spec_files", "timex_granularity", "value_correct"]

_SECONDS = {"Y": 365 * 86400, "M": 30 * 86400, "W": 7 * 86400, "D": 86400, "Q": 91 * 86400,
            "DE": 3650 * 86400, "CE": 36500 * 86400, "H": 3600, "MIN": 60, "S": 1}
_DUR_RE = re.compile(r"^P(?:(\d+(?:\.\d+)?)(DE|CE|Y|Q|M|W|D))*(?:T(?:(\d+(?:\.\d+)?)([HMS]))+)?$")
_DUR_PART = re.compile(r"(\d+(?:\.\d+)?)(DE|CE|Y|Q|M|W|D|H|S)")


@dataclass
class Counts:
    """Raw counts for one file or for all; the figures are properties."""

    cases: int = 0
    gold: int = 0
    predicted: int = 0
    strict: int = 0
    relaxed_gold: int = 0
    relaxed_pred: int = 0
    typed: int = 0
    type_correct: int = 0
    valued_files: bool = False
    value_gold: int = 0
    value_predicted: int = 0
    value_matched: int = 0
    value_correct: int = 0
    skipped: int = 0

    def add(self, other: "Counts") -> None:
        """Add ``other``'s counts to these."""
        for name in self.__dataclass_fields__:
            if name == "valued_files":
                self.valued_files = self.valued_files or other.valued_files
            else:
                setattr(self, name, getattr(self, name) + getattr(other, name))

    def figures(self) -> dict[str, Any]:
        """Counts and P/R/F1 figures as a flat mapping (None where undefined)."""
        strict = _prf(self.strict, self.predicted, self.strict, self.gold)
        relaxed = _prf(self.relaxed_pred, self.predicted, self.relaxed_gold, self.gold)
        out: dict[str, Any] = {
            "cases": self.cases, "gold": self.gold, "predicted": self.predicted,
            "strict_p": strict[0], "strict_r": strict[1], "strict_f1": strict[2],
            "relaxed_p": relaxed[0], "relaxed_r": relaxed[1], "relaxed_f1": relaxed[2],
            "type_accuracy": _ratio(self.type_correct, self.typed),
            "value_accuracy": None, "value_p": None, "value_r": None, "value_f1": None,
            "skipped": self.skipped,
        }
        if self.valued_files:
            value = _prf(self.value_correct, self.value_predicted, self.value_correct, self.value_gold)
            out.update(value_accuracy=_ratio(self.value_correct, self.value_matched),
                       value_p=value[0], value_r=value[1], value_f1=value[2])
        return out


def _ratio(a: int, b: int) -> float | None:
    return a / b if b else None


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float | None, float | None, float | None]:
    p, r = _ratio(tp_p, n_p), _ratio(tp_r, n_r)
    if p is None or r is None:
        return p, r, None
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def gold_types(g: Gold) -> set[str]:
    """The TIMEX3 types that count as right for a gold expression.

    Ranges (timex ``(A,B,D)`` or a Recognizers ``*range`` without timex)
    also accept DURATION, the type kroniek gives an explicit range.
    """
    if g.kind == "timezone":
        return set()
    if g.kind == "set":
        return {"SET"}
    if g.kind == "duration":
        return {"DURATION"}
    timex = g.timexes[0] if g.timexes else ""
    if timex.endswith("_REF"):
        return {"DATE"}
    if timex:
        if timex.startswith("P"):
            return {"DURATION"}
        base = {"TIME"} if "T" in timex else {"DATE"}
        return base | {"DURATION"} if timex.startswith("(") else base
    base = {"TIME"} if g.kind.startswith(("time", "datetime")) else {"DATE"}
    return base | {"DURATION"} if g.kind.endswith("range") else base


def duration_seconds(value: str) -> float | None:
    """Length of a TIMEX3 duration in seconds (year 365 days, month 30), or None."""
    if not _DUR_RE.match(value) or "X" in value:
        return None
    date_part, _, time_part = value[1:].partition("T")
    total = sum(float(n) * _SECONDS[u] for n, u in _DUR_PART.findall(date_part))
    total += sum(float(n) * _SECONDS["MIN" if u == "M" else u] for n, u in _DUR_PART.findall(time_part))
    return total


def normal_value(value: str) -> str:
    """A value with notational variants removed: ``T10:05:00`` → ``T10:05``, ``XXXX-XX-XXT15:00`` → ``T15:00``."""
    value = re.sub(r"(T\d{2}:\d{2}):00$", r"\1", value)
    return value[10:] if value.startswith("XXXX-XX-XXT") else value


def value_correct(t: Timex, g: Gold) -> bool:
    """True when ``t``'s value is right for ``g`` (see the module notes)."""
    mine = normal_value(t.value)
    if any(mine == normal_value(x) for x in g.timexes):
        return True
    is_range = t.begin is not None and t.end_point is not None
    for timex in g.timexes:
        if is_range and timex.startswith("("):
            parts = timex[1:-1].split(",")
            if len(parts) == 3 and t.begin.value == parts[0] and t.end_point.value == parts[1]:
                return True
    seconds = duration_seconds(t.value) if t.type == "DURATION" and not is_range else None
    for r in g.readings:
        if r.instance is not None and mine == normal_value(r.instance):
            return True
        if r.seconds is not None:
            if seconds is not None and abs(seconds - r.seconds) < 1e-6:
                return True
            continue
        if t.interval is not None and r.interval is not None and t.type != "SET":
            if (t.interval.start, t.interval.end) == (r.interval.start, r.interval.end):
                return True
        if is_range and r.ends and t.begin.interval and t.end_point.interval:
            if (t.begin.interval.start, t.end_point.interval.start) == r.ends:
                return True
    return False


def _pairs(gold: list[Gold], pred: list[Timex]) -> list[tuple[int, int]]:
    """One-to-one relaxed matches ``(gold index, predicted index)``, largest overlap first."""
    options = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            overlap = min(g.end, p.end) - max(g.start, p.start)
            if overlap > 0:
                options.append((-overlap, gi, pi))
    used_g, used_p, out = set(), set(), []
    for _, gi, pi in sorted(options):
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            out.append((gi, pi))
    return out


def score_case(case: Case, pred: list[Timex]) -> tuple[Counts, list[dict]]:
    """Count one case; also return a verdict per gold and per predicted expression."""
    c = Counts(cases=1, gold=len(case.gold), predicted=len(pred), skipped=case.skipped,
               valued_files=case.valued)
    exact = {(g.start, g.end) for g in case.gold}
    c.strict = len(exact & {(p.start, p.end) for p in pred})
    pairs = _pairs(case.gold, pred)
    c.relaxed_gold = c.relaxed_pred = len(pairs)
    matched_pred = {pi: gi for gi, pi in pairs}
    verdicts: list[dict] = []
    for gi, pi in pairs:
        g, p = case.gold[gi], pred[pi]
        types = gold_types(g)
        if types:
            c.typed += 1
            c.type_correct += p.type in types
    if case.valued:
        timezone_only = {gi for gi, g in enumerate(case.gold) if not g.timexes}
        c.value_gold = len(case.gold) - len(timezone_only)
        c.value_predicted = sum(1 for pi in range(len(pred)) if matched_pred.get(pi) not in timezone_only)
        for gi, pi in pairs:
            if gi in timezone_only:
                continue
            c.value_matched += 1
            c.value_correct += value_correct(pred[pi], case.gold[gi])
    by_gold = {gi: pi for gi, pi in pairs}
    for gi, g in enumerate(case.gold):
        p = pred[by_gold[gi]] if gi in by_gold else None
        verdicts.append({
            "gold": g.text, "start": g.start, "end": g.end, "kind": g.kind, "timex": list(g.timexes),
            "found": p.text if p else None, "value": p.value if p else None, "type": p.type if p else None,
            "rule": p.rule if p else None,
            "span": None if p is None else "strict" if (p.start, p.end) == (g.start, g.end) else "relaxed",
            "value_ok": (value_correct(p, g) if p and g.timexes and case.valued else None),
        })
    for pi, p in enumerate(pred):
        if pi not in matched_pred:
            verdicts.append({"gold": None, "found": p.text, "start": p.start, "end": p.end,
                             "value": p.value, "type": p.type, "rule": p.rule, "span": "spurious"})
    return c, verdicts


@dataclass
class Report:
    """Counts per file and overall, in file order."""

    lang: str
    files: dict[str, Counts] = field(default_factory=dict)

    @property
    def overall(self) -> Counts:
        """The sum over all files (micro-averaged figures)."""
        total = Counts()
        for counts in self.files.values():
            total.add(counts)
        return total

    def to_json(self) -> dict[str, Any]:
        """``{"lang", "files": {name: figures}, "overall": figures}``."""
        return {"lang": self.lang, "files": {k: v.figures() for k, v in self.files.items()},
                "overall": self.overall.figures()}


def spec_files(path: Path) -> list[Path]:
    """The spec files under ``path`` (a folder or one file), sorted by name.

    Raises:
        UsageError: when there are none.
    """
    files = [path] if path.is_file() else sorted(path.glob("*.json"))
    if not files:
        raise UsageError(f"no spec files (*.json) in {path}")
    return files


def language_of(path: Path) -> str:
    """Guess the language from a folder name such as ``recognizers-nl`` or ``Dutch``."""
    names = {"dutch": "nl", "english": "en"}
    for part in reversed(path.resolve().parts):
        low = part.lower()
        m = re.search(r"(?:^|[-_])(nl|en)(?:[-_]([a-z]{2}))?$", low)
        if m:
            return m[1] + (f"-{m[2].upper()}" if m[2] else "")
        if low in names:
            return names[low]
    return "nl"


def evaluate(path: Path, lang: str | None = None,
             tagger: Callable[[str, datetime], list[Timex]] | None = None,
             predictions: Callable[[dict], None] | None = None) -> Report:
    """Run the tagger on every case of the spec files under ``path`` and score it.

    Args:
        path: a folder of spec files or one spec file.
        lang: the tagger language; by default guessed from the folder name
            (``recognizers-nl`` → ``nl``).
        tagger: ``(text, reference datetime) → timexes``; by default
            :func:`kroniek.tag` for ``lang``.
        predictions: called with one record per case (input, reference,
            verdicts), for ``--predictions``.

    Returns:
        A :class:`Report` with counts per file.

    Raises:
        UsageError: when ``path`` holds no readable spec files.
    """
    lang = lang or language_of(path)
    if tagger is None:
        from ..temporal.tagger import get_tagger

        engine = get_tagger(lang)
        tagger = lambda text, ref: engine.tag(text, ref)  # noqa: E731
    report = Report(lang)
    for file in spec_files(path):
        counts = Counts()
        for case in load_cases(file):
            found = tagger(case.text, case.reference)
            c, verdicts = score_case(case, found)
            counts.add(c)
            counts.valued_files = counts.valued_files or case.valued
            if predictions is not None:
                predictions({"file": case.file, "case": case.index, "input": case.text,
                             "reference": case.reference.isoformat(), "results": verdicts})
        report.files[file.name] = counts
    return report


def format_report(report: Report) -> Iterable[str]:
    """Lines of a fixed-width table: one row per file, then the overall row."""
    def f(x: float | None) -> str:
        return "    -" if x is None else f"{x:5.3f}"

    yield (f"{'file':<28} {'cases':>5} {'gold':>5} {'pred':>5}  {'strict P/R/F1':<17}  "
           f"{'relaxed P/R/F1':<17}  {'val.acc':>7}  {'value P/R/F1':<17}  {'type':>5}")
    rows = [(name, c.figures()) for name, c in report.files.items()]
    rows.append(("overall", report.overall.figures()))
    for name, x in rows:
        yield (f"{name:<28} {x['cases']:>5} {x['gold']:>5} {x['predicted']:>5}  "
               f"{f(x['strict_p'])} {f(x['strict_r'])} {f(x['strict_f1'])}  "
               f"{f(x['relaxed_p'])} {f(x['relaxed_r'])} {f(x['relaxed_f1'])}  "
               f"{f(x['value_accuracy']):>7}  {f(x['value_p'])} {f(x['value_r'])} {f(x['value_f1'])}  "
               f"{f(x['type_accuracy'])}")
    skipped = report.overall.skipped
    if skipped:
        yield f"({skipped} gold result(s) left out: their text is not in their input)"
