"""TempEval-3 Task A scoring of TIMEX3 extraction and normalisation.

The figures follow the TempEval-3 evaluation (UzZaman et al., SemEval-2013
Task 1, section 4; the official ``TE3-evaluation.py`` toolkit):

* **strict match**: the system span equals the gold span;
* **relaxed match**: the spans overlap in at least one character (the
  toolkit says one token; for non-empty tokens that is the same);
* span precision, recall and F1, strict and relaxed;
* **attribute accuracy** (value, type): among relaxed matches, the share
  whose attribute equals the gold one exactly (string comparison);
* **attribute F1** (value F1, type F1): P = relaxed matches with the right
  attribute / system timexes, R = the same / gold timexes.

Gold and system timexes are aligned one to one: identical spans first, then
the remaining pairs by largest overlap. A system span that covers two gold
timexes therefore counts once, never twice. Non-consuming tags (empty
spans, such as a range's DURATION) are not scored, as in the toolkit.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Protocol

from ..errors import DateError, InputError
from ..temporal.tagger import get_tagger
from ..temporal.timeml import has_named_ends, read_timeml, write_timeml


class SpanLike(Protocol):
    """What the scorer needs of a timex: offsets, type and value."""

    start: int
    end: int
    type: str
    value: str


@dataclass
class Counts:
    """Raw TempEval-3 counts; add them up over documents.

    Attributes:
        gold, system: numbers of gold and system timexes (non-empty spans).
        strict: aligned pairs with identical spans.
        relaxed: aligned pairs with overlapping spans.
        value, type: relaxed pairs whose value (type) equals the gold one.
        documents: how many documents were scored.
    """

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    value: int = 0
    type: int = 0
    documents: int = 0

    def __iadd__(self, other: "Counts") -> "Counts":
        for name in ("gold", "system", "strict", "relaxed", "value", "type", "documents"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        return self

    def scores(self) -> dict[str, float]:
        """The TempEval-3 figures, each in [0, 1] (0 when undefined).

        Returns:
            ``strict_p/r/f1``, ``relaxed_p/r/f1``, ``value_accuracy``,
            ``type_accuracy``, ``value_p/r/f1``, ``type_f1``.
        """
        def ratio(a: int, b: int) -> float:
            return a / b if b else 0.0

        def f1(p: float, r: float) -> float:
            return 2 * p * r / (p + r) if p + r else 0.0

        out: dict[str, float] = {}
        for name, hits in (("strict", self.strict), ("relaxed", self.relaxed), ("value", self.value),
                           ("type", self.type)):
            p, r = ratio(hits, self.system), ratio(hits, self.gold)
            out[f"{name}_p"], out[f"{name}_r"], out[f"{name}_f1"] = p, r, f1(p, r)
        out["value_accuracy"] = ratio(self.value, self.relaxed)
        out["type_accuracy"] = ratio(self.type, self.relaxed)
        return out


@dataclass
class Pair:
    """One aligned gold/system pair, or a miss (``system`` None) or a spurious one (``gold`` None)."""

    gold: SpanLike | None
    system: SpanLike | None

    @property
    def kind(self) -> str:
        """``ok``, ``missed``, ``spurious``, ``span`` (overlap only), ``value`` or ``type``."""
        g, s = self.gold, self.system
        if s is None:
            return "missed"
        if g is None:
            return "spurious"
        if g.value != s.value:
            return "value"
        if g.type != s.type:
            return "type"
        if (g.start, g.end) != (s.start, s.end):
            return "span"
        return "ok"


def align(gold: Iterable[SpanLike], system: Iterable[SpanLike]) -> list[Pair]:
    """Align gold and system timexes one to one.

    Identical spans pair first; then, repeatedly, the overlapping pair with
    the most shared characters (earliest first on ties). Empty spans are
    left out.

    Returns:
        Pairs in gold order, then the unpaired system timexes.
    """
    gold = [g for g in gold if g.end > g.start]
    system = [s for s in system if s.end > s.start]
    paired: dict[int, int] = {}
    by_span = {}
    for k, s in enumerate(system):
        by_span.setdefault((s.start, s.end), k)
    used: set[int] = set()
    for i, g in enumerate(gold):
        k = by_span.get((g.start, g.end))
        if k is not None and k not in used:
            paired[i] = k
            used.add(k)
    options = []
    for i, g in enumerate(gold):
        if i in paired:
            continue
        for k, s in enumerate(system):
            if k in used:
                continue
            overlap = min(g.end, s.end) - max(g.start, s.start)
            if overlap > 0:
                options.append((-overlap, g.start, s.start, i, k))
    for _, _, _, i, k in sorted(options):
        if i in paired or k in used:
            continue
        paired[i] = k
        used.add(k)
    pairs = [Pair(g, system[paired[i]] if i in paired else None) for i, g in enumerate(gold)]
    pairs += [Pair(None, s) for k, s in enumerate(system) if k not in used]
    return pairs


def count(pairs: list[Pair]) -> Counts:
    """The TempEval-3 counts of one document's alignment."""
    c = Counts(documents=1)
    for p in pairs:
        if p.gold is not None:
            c.gold += 1
        if p.system is not None:
            c.system += 1
        if p.gold is None or p.system is None:
            continue
        c.relaxed += 1
        c.strict += (p.gold.start, p.gold.end) == (p.system.start, p.system.end)
        c.value += p.gold.value == p.system.value
        c.type += p.gold.type == p.system.type
    return c


def score(gold: Iterable[SpanLike], system: Iterable[SpanLike]) -> Counts:
    """Align and count one document (see :func:`align`)."""
    return count(align(gold, system))


@dataclass
class SystemTimex:
    """A system timex as scored: what the TimeML output holds, plus the rule."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    rule: str = ""


@dataclass
class DocumentResult:
    """One scored document."""

    path: str
    corpus: str
    docid: str
    counts: Counts
    pairs: list[Pair] = field(default_factory=list)


@dataclass
class Report:
    """Scores per sub-corpus and overall.

    Attributes:
        corpora: sub-corpus name → counts (the folder directly under the
            gold folder; files at its top level count as ``.``).
        total: counts over all documents.
        documents: per-document results.
        duplicates: ``(skipped path, path of the first copy)`` for documents
            whose DOCID and text were already scored.
    """

    corpora: dict[str, Counts]
    total: Counts
    documents: list[DocumentResult]
    duplicates: list[tuple[str, str]] = field(default_factory=list)

    def to_json(self) -> dict:
        """Counts and scores as plain data."""
        def block(c: Counts) -> dict:
            return {"counts": asdict(c), "scores": {k: round(v, 4) for k, v in c.scores().items()}}

        return {"corpora": {k: block(v) for k, v in self.corpora.items()}, "overall": block(self.total),
                "duplicates_skipped": [{"path": a, "same_as": b} for a, b in self.duplicates]}

    def error_classes(self) -> Counter:
        """How often each kind of error occurs (missed, spurious, span, value, type)."""
        return Counter(p.kind for d in self.documents for p in d.pairs if p.kind != "ok")


def gold_files(gold_dir: Path) -> list[tuple[str, Path]]:
    """``(sub-corpus, path)`` of every ``.tml`` file under ``gold_dir``, sorted.

    A single file counts as its own sub-corpus ``.``.
    """
    if gold_dir.is_file():
        return [(".", gold_dir)]
    out = []
    for path in sorted(gold_dir.rglob("*.tml")):
        rel = path.relative_to(gold_dir)
        out.append((rel.parts[0] if len(rel.parts) > 1 else ".", path))
    return out


def evaluate(gold_dir: str | Path, tag: Callable[[str, str], list], *,
             write: Callable[[Path, str], None] | None = None,
             on_document: Callable[[DocumentResult], None] | None = None) -> Report:
    """Run a tagger on TempEval-3 gold documents and score it.

    Args:
        gold_dir: a folder of TimeML files (searched recursively) or one file.
        tag: ``(text, dct, docid) -> (system timexes, TimeML text)``, the
            timexes with half-open offsets; :func:`tagger` makes one.
        write: called with ``(relative path, system TimeML)`` when given.
        on_document: called after each document (for progress display).

    Returns:
        A :class:`Report`.

    Raises:
        InputError: naming the file, for a malformed gold document or one
            without a usable creation time.
    """
    root = Path(gold_dir)
    corpora: dict[str, Counts] = {}
    total = Counts()
    results: list[DocumentResult] = []
    seen: dict[tuple[str, str], str] = {}
    duplicates: list[tuple[str, str]] = []
    for corpus, path in gold_files(root):
        doc = read_timeml(path)
        key = (doc.docid, doc.text)
        if key in seen:
            duplicates.append((str(path), seen[key]))
            continue
        seen[key] = str(path)
        if not doc.dct:
            raise InputError(str(path), "", "no document creation time (<DCT><TIMEX3 functionInDocument="
                             "\"CREATION_TIME\">)")
        try:
            system, xml = tag(doc.text, doc.dct, doc.docid)
        except DateError as exc:
            raise InputError(str(path), "", f"unusable creation time {doc.dct!r}: {exc}") from None
        pairs = align(doc.timexes, system)
        counts = count(pairs)
        corpora.setdefault(corpus, Counts())
        corpora[corpus] += counts
        total += counts
        result = DocumentResult(str(path), corpus, doc.docid, counts, pairs)
        results.append(result)
        if write is not None:
            write(path.relative_to(root) if root.is_dir() else Path(path.name), xml)
        if on_document is not None:
            on_document(result)
    return Report(corpora, total, results, duplicates)


def system_timexes(timexes: list) -> list[SystemTimex]:
    """Our timexes as the TimeML output holds them: ranges with named ends split.

    Args:
        timexes: :class:`~kroniek.model.Timex` objects from the tagger.
    """
    out = []
    for t in timexes:
        parts = [t.begin, t.end_point] if has_named_ends(t) else [t]
        for x in parts:
            out.append(SystemTimex(x.start, x.end, x.text, x.type, x.value, x.mod, t.rule))
    return out


def tagger(lang: str = "en") -> Callable[[str, str, str], tuple[list[SystemTimex], str]]:
    """A ``tag`` function for :func:`evaluate` running kroniek's tagger for ``lang``.

    Raises:
        RuleDataError: when the language data is missing or malformed.
    """
    tagger_ = get_tagger(lang)

    def run(text: str, dct: str, docid: str) -> tuple[list[SystemTimex], str]:
        found = tagger_.tag(text, dct)
        return system_timexes(found), write_timeml(text, found, dct=dct, docid=docid)

    return run
