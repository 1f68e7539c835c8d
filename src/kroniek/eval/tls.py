"""Timeline summarisation (TLS) evaluation on Timeline17: loading, task parameters, metrics.

Written from the published definitions: Martschat & Markert, "Improving
ROUGE for Timeline Summarization" (EACL 2017) and "A Temporally Sensitive
Submodularity Framework for Timeline Summarization" (CoNLL 2018), as
implemented in their toolkit *tilse*; and the evaluation protocol of
Gholipour Ghalandari & Ifrim, "Examining the State-of-the-Art in News
Timeline Summarization" (ACL 2020, *news-tls*), which scores every gold
timeline on its own with tilse's ``align_date_content_costs_many_to_one``
ROUGE-1/ROUGE-2 and with Date-F1. No code of either project is used here.

Data (``<root>/<topic>_<source>/``): ``articles.jsonl``, ``timelines.jsonl``
(one gold timeline a line, ``[[date, [sentence, ...]], ...]``) and
``keywords.json``. :func:`load_topics` reads the gold timelines; the
articles are only located, not read.

Duplicate dates in a gold timeline. Timeline17 has some (H1N1_bbc,
MJ_bbc and bpoil_guardian repeat a date with different sentences), and
news-tls builds a ``{date: sentences}`` dict from the file's items, so the
*last* entry of a date replaces the earlier ones. That is the default
here (``duplicates="last"``) so that L, K and the scores mean what they mean
in the literature; ``"merge"`` (concatenate in file order) and ``"error"``
are the alternatives.

Task parameters per gold timeline (:func:`task_params`, as news-tls's
``experiments/evaluate.py`` sets them):

* **L** = the number of (distinct) dates of the gold timeline;
* **K** = the mean number of sentences per gold date, rounded with
  Python's built-in ``round`` as news-tls does: to the nearest integer,
  halves to the even neighbour (2.5 → 2, 3.5 → 4);
* the system timeline is restricted to the gold range
  ``[first gold date, last gold date]`` (news-tls extends it by 0 days on
  Timeline17, by 7 on its Entities corpus: ``extension_days``).

Metrics (each one :class:`PRF`; F1 = 2PR / (P + R), 0 when P + R = 0):

* **Date-F1**: P = |D_T ∩ D_R| / |D_T|, R = |D_T ∩ D_R| / |D_R| over the
  set of predicted dates D_T and of gold dates D_R (exact day match).
* **concat ROUGE-N** (N = 1, 2): all sentences of the predicted timeline in
  date order joined into one text T, all gold sentences into one text R;
  P = overlap(T, R) / #N-grams(T), R = overlap(T, R) / #N-grams(R), where
  overlap is the clipped count sum over N-grams g of min(cnt_T(g), cnt_R(g)).
* **align+ m:1 ROUGE-N** (tilse ``align_date_content_costs_many_to_one``,
  Martschat & Markert 2017, section 3; the variant news-tls reports). With
  T_d the daily summary of predicted date d, R_r that of gold date r and
  w(d, r) = 1 / (|d − r| + 1), |d − r| in days:

  - cost(d, r) = (1 − 1 / (|d − r| + 1)) · (1 − sim(T_d, R_r)), where sim
    is tilse's ROUGE-1 approximation: the F1 of clipped unigram overlap on
    the raw whitespace tokens (case-sensitive, punctuation kept, no
    stemming). So "closest" is not by date alone: an exact date costs 0
    whatever the text, but so does any date with exactly the same words,
    and the text can beat a closer date (two days off with the same words,
    cost 0, wins over one day off with no shared word, cost 0.5);
  - two many-to-one alignments, both by minimal cost, a tie going to the
    earliest date (as tilse's argmin over sorted dates): f_P maps every
    predicted date to a gold date (several predicted dates may share one),
    f_R maps every gold date to a predicted date (several gold dates may
    share one);
  - P = Σ_{d ∈ D_T} w(d, f_P(d)) · overlap(T_d, R_{f_P(d)}) / Σ_{d ∈ D_T} #N-grams(T_d)
  - R = Σ_{r ∈ D_R} w(f_R(r), r) · overlap(T_{f_R(r)}, R_r) / Σ_{r ∈ D_R} #N-grams(R_r)

  So precision is the brief "each predicted date goes to the closest gold
  date" reading, and recall runs the same alignment the other way. An empty
  prediction scores P = R = 0.

Tokens for ROUGE (concat and align): rouge-score's tokenizer (lower case,
every run of characters other than ``a-z0-9`` is a separator, as in
ROUGE-1.5.5) with its Porter stemmer on tokens longer than three
characters, because tilse runs ROUGE-1.5.5 with ``-m`` (stemming). tilse
also passes ``-s`` (drop ROUGE-1.5.5's SMART stopword list before the
N-grams are formed). That list is not shipped with rouge-score or kroniek,
so by default no stopword is removed, and ROUGE figures here are not
directly comparable with published tilse figures. Date-F1 and the
alignment's content cost don't depend on this. To get closer, pass the
list as ``stopwords=`` (they are dropped before stemming, as ROUGE-1.5.5
does). The daily summary's sentences are joined, so bigrams run across
sentence boundaries, as in ROUGE-1.5.5's N-gram counts.

Averages (:func:`mean`): as news-tls's ``get_average_results``, precision
and recall are averaged over the gold timelines and F1 is computed from the
two means (not the mean of the F1s).
"""
from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Union

from ..errors import InputError, UsageError

#: A timeline: (date, sentences) pairs, sorted by date, one pair a date.
Timeline = list[tuple[date, list[str]]]
#: What the scoring functions accept: a timeline, any iterable of
#: (date, sentences) pairs, or a mapping date → sentences. Dates may be
#: ``date``, ``datetime`` (its day is used) or ``YYYY-MM-DD`` strings.
TimelineLike = Union[Mapping, Iterable]

DUPLICATE_POLICIES = ("last", "merge", "error")
ROUGE_NS = (1, 2)
_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(?:[T ].*)?$")


# --------------------------------------------------------------------------
# Loading and writing


@dataclass
class Topic:
    """One Timeline17 folder: a topic as told by one source.

    Attributes:
        name: the folder name, e.g. ``"bpoil_bbc"``.
        path: the folder.
        articles_path: its ``articles.jsonl`` (located, not read).
        timelines: the gold timelines in file order, each sorted by date.
        keywords: the list in ``keywords.json`` (empty when there is none).
    """

    name: str
    path: Path
    articles_path: Path
    timelines: list[Timeline]
    keywords: list[str] = field(default_factory=list)


def load_topics(root: str | Path, *, duplicates: str = "last") -> list[Topic]:
    """Read every topic folder of a Timeline17-style dataset.

    Every subfolder of ``root`` whose name does not start with a dot is a
    topic, in name order (as news-tls lists them). It must hold
    ``timelines.jsonl`` and ``articles.jsonl``; ``keywords.json`` is optional.

    Args:
        root: the dataset folder, e.g. ``.../tls/timeline17``.
        duplicates: what to do with a date that occurs twice in one gold
            timeline: ``"last"`` keeps the last entry (news-tls), ``"merge"``
            concatenates the sentences in file order, ``"error"`` raises.

    Returns:
        The topics, each with its gold timelines.

    Raises:
        UsageError: ``root`` is not a folder, has no topic folder, or
            ``duplicates`` is unknown.
        InputError: a file is missing or malformed (names file and line).
    """
    root = Path(root)
    if not root.is_dir():
        raise UsageError(f"{root}: not a folder")
    folders = sorted(p for p in root.iterdir() if p.is_dir() and not p.name.startswith("."))
    if not folders:
        raise UsageError(f"{root}: no topic folders")
    topics = []
    for folder in folders:
        timelines_path = folder / "timelines.jsonl"
        articles_path = folder / "articles.jsonl"
        for needed in (timelines_path, articles_path):
            if not needed.is_file():
                raise InputError(str(needed), "", "file missing")
        topics.append(Topic(
            name=folder.name,
            path=folder,
            articles_path=articles_path,
            timelines=read_timelines(timelines_path, duplicates=duplicates),
            keywords=_read_keywords(folder / "keywords.json"),
        ))
    return topics


def read_timelines(path: str | Path, *, duplicates: str = "last", allow_empty: bool = False) -> list[Timeline]:
    """Read a ``timelines.jsonl`` file: one timeline a line.

    Each line is a JSON list of ``[date, [sentence, ...]]`` pairs; the date is
    ``YYYY-MM-DD``, optionally followed by ``T`` or a space and a time (only
    the day is kept). Blank lines are skipped. Sentences lose their
    surrounding whitespace (Timeline17 ends each with `` \\n``).

    Args:
        path: the file.
        duplicates: ``"last"``, ``"merge"`` or ``"error"``, see
            :func:`load_topics`.
        allow_empty: accept ``[]`` (an empty predicted timeline); a gold
            timeline must have a date.

    Returns:
        The timelines in file order, each sorted by date.

    Raises:
        UsageError: ``duplicates`` is unknown.
        InputError: the file cannot be read or a line is malformed.
    """
    if duplicates not in DUPLICATE_POLICIES:
        raise UsageError(f"duplicates must be one of {', '.join(DUPLICATE_POLICIES)}, not {duplicates!r}")
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise InputError(str(path), "", f"cannot read: {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise InputError(str(path), "", f"not UTF-8: {exc.reason}") from exc
    timelines = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"line {number}"
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise InputError(str(path), where, f"not JSON: {exc.msg} at column {exc.colno}") from exc
        timelines.append(_parse_timeline(raw, str(path), where, duplicates, allow_empty))
    return timelines


def _parse_timeline(raw, path: str, where: str, duplicates: str, allow_empty: bool) -> Timeline:
    if not isinstance(raw, list):
        raise InputError(path, where, "a timeline must be a JSON list of [date, [sentence, ...]] pairs")
    if not raw and not allow_empty:
        raise InputError(path, where, "empty timeline: a gold timeline needs at least one date")
    by_date: dict[date, list[str]] = {}
    for index, item in enumerate(raw, 1):
        if not (isinstance(item, list) and len(item) == 2):
            raise InputError(path, where, f"item {index}: expected [date, [sentence, ...]]")
        when, sentences = item
        if not isinstance(when, str):
            raise InputError(path, where, f"item {index}: the date must be a string, not {when!r}")
        day = _parse_day(when)
        if day is None:
            raise InputError(path, where, f"item {index}: {when!r} is not a date YYYY-MM-DD")
        if not (isinstance(sentences, list) and all(isinstance(s, str) for s in sentences)):
            raise InputError(path, where, f"item {index}: the sentences must be a list of strings")
        sentences = [s.strip() for s in sentences]
        if day in by_date:
            if duplicates == "error":
                raise InputError(path, where, f"item {index}: date {day.isoformat()} occurs twice")
            if duplicates == "merge":
                by_date[day] = by_date[day] + sentences
                continue
        by_date[day] = sentences
    return sorted(by_date.items(), key=lambda pair: pair[0])


def _parse_day(text: str) -> date | None:
    match = _DATE.match(text.strip())
    if not match:
        return None
    try:
        return date.fromisoformat(match.group(1))
    except ValueError:
        return None


def _read_keywords(path: Path) -> list[str]:
    if not path.exists():
        return []
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(str(path), "", f"cannot read keywords: {exc}") from exc
    if not (isinstance(raw, list) and all(isinstance(k, str) for k in raw)):
        raise InputError(str(path), "", "keywords must be a JSON list of strings")
    return raw


def write_predictions(out_dir: str | Path, topic: Topic | str, timelines: Sequence[TimelineLike]) -> Path:
    """Write the predicted timelines of one topic to ``OUT/<topic>/timelines.jsonl``.

    One line per gold timeline, in the gold timelines' order, in their shape:
    ``[["YYYY-MM-DD", [sentence, ...]], ...]`` sorted by date. The folder is
    made when needed and an existing file is replaced.

    Args:
        out_dir: the output folder OUT.
        topic: the :class:`Topic` (then the number of timelines is checked
            against its gold timelines) or just its name.
        timelines: one predicted timeline per gold timeline (see
            :data:`TimelineLike`); an empty one is written as ``[]``.

    Returns:
        The path of the file written.

    Raises:
        UsageError: the number of timelines differs from the topic's gold
            timelines, or a timeline is malformed.
    """
    name = topic.name if isinstance(topic, Topic) else str(topic)
    if isinstance(topic, Topic) and len(timelines) != len(topic.timelines):
        raise UsageError(f"{name}: {len(timelines)} predicted timelines for {len(topic.timelines)} gold timelines")
    if not name or "/" in name or name.startswith("."):
        raise UsageError(f"{name!r} is not a usable topic folder name")
    folder = Path(out_dir) / name
    folder.mkdir(parents=True, exist_ok=True)
    lines = []
    for timeline in timelines:
        items = as_timeline(timeline)
        lines.append(json.dumps([[day.isoformat(), sentences] for day, sentences in items], ensure_ascii=False))
    path = folder / "timelines.jsonl"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


def read_predictions(out_dir: str | Path, topic: Topic) -> list[Timeline]:
    """Read what :func:`write_predictions` wrote for a topic.

    Args:
        out_dir: the output folder OUT.
        topic: the topic; its number of gold timelines must match.

    Returns:
        One predicted timeline per gold timeline, in the gold order.

    Raises:
        InputError: the file is missing, malformed, or has another number of
            timelines than the topic has gold timelines.
    """
    path = Path(out_dir) / topic.name / "timelines.jsonl"
    if not path.is_file():
        raise InputError(str(path), "", "file missing")
    timelines = read_timelines(path, duplicates="merge", allow_empty=True)
    if len(timelines) != len(topic.timelines):
        raise InputError(str(path), "", f"{len(timelines)} timelines for {len(topic.timelines)} gold timelines")
    return timelines


def as_timeline(timeline: TimelineLike) -> Timeline:
    """Normalise a timeline given in any accepted form to a sorted :data:`Timeline`.

    A date given twice (in an iterable of pairs) gets the sentences of both,
    in order.

    Args:
        timeline: a mapping date → sentences or an iterable of
            (date, sentences) pairs; dates as ``date``, ``datetime`` or
            ``YYYY-MM-DD`` strings, sentences as a list of strings.

    Returns:
        (date, sentences) pairs sorted by date, one pair a date.

    Raises:
        UsageError: a date or a list of sentences is malformed.
    """
    items = timeline.items() if isinstance(timeline, Mapping) else timeline
    by_date: dict[date, list[str]] = {}
    for pair in items:
        try:
            when, sentences = pair
        except (TypeError, ValueError):
            raise UsageError(f"a timeline item must be a (date, sentences) pair, not {pair!r}") from None
        day = _as_day(when)
        if isinstance(sentences, str) or not all(isinstance(s, str) for s in sentences):
            raise UsageError(f"{day.isoformat()}: the sentences must be a list of strings")
        by_date.setdefault(day, []).extend(sentences)
    return sorted(by_date.items(), key=lambda pair: pair[0])


def _as_day(when) -> date:
    if isinstance(when, datetime):
        return when.date()
    if isinstance(when, date):
        return when
    if isinstance(when, str):
        day = _parse_day(when)
        if day is not None:
            return day
    raise UsageError(f"{when!r} is not a date")


# --------------------------------------------------------------------------
# Task parameters


@dataclass(frozen=True)
class TaskParams:
    """What a system is given for one gold timeline (news-tls protocol).

    Attributes:
        max_dates: L, the number of dates of the gold timeline.
        sentences_per_date: K, the mean number of sentences per gold date,
            rounded with Python's ``round`` (halves to even), as news-tls.
        mean_sentences: the mean before rounding.
        start: first day the system timeline may use (first gold date minus
            the extension).
        end: last day it may use (last gold date plus the extension).
    """

    max_dates: int
    sentences_per_date: int
    mean_sentences: float
    start: date
    end: date

    @property
    def L(self) -> int:  # noqa: N802 - the literature's name
        """The number of dates L (= ``max_dates``)."""
        return self.max_dates

    @property
    def K(self) -> int:  # noqa: N802 - the literature's name
        """Sentences per date K (= ``sentences_per_date``)."""
        return self.sentences_per_date

    def in_range(self, day: date) -> bool:
        """Whether a day lies in the range the system timeline is restricted to.

        Args:
            day: a ``date``, ``datetime`` or ``YYYY-MM-DD`` string.

        Returns:
            ``start <= day <= end``.

        Raises:
            UsageError: ``day`` is not a date.
        """
        return self.start <= _as_day(day) <= self.end


def task_params(gold: TimelineLike, *, extension_days: int = 0) -> TaskParams:
    """L, K and the date range for one gold timeline, as news-tls derives them.

    L = number of gold dates; K = round(total sentences / L) with Python's
    ``round`` (2.5 → 2, 3.5 → 4); range = [first date − extension, last
    date + extension]; news-tls uses an extension of 0 days on Timeline17.

    Args:
        gold: the gold timeline (duplicates already resolved; an iterable
            with a repeated date is merged, see :func:`as_timeline`).
        extension_days: days added on both sides of the gold range.

    Returns:
        The task parameters.

    Raises:
        UsageError: the timeline has no date.
    """
    items = as_timeline(gold)
    if not items:
        raise UsageError("a gold timeline needs at least one date")
    mean_sentences = sum(len(sentences) for _, sentences in items) / len(items)
    extension = timedelta(days=extension_days)
    return TaskParams(
        max_dates=len(items),
        sentences_per_date=round(mean_sentences),
        mean_sentences=mean_sentences,
        start=items[0][0] - extension,
        end=items[-1][0] + extension,
    )


# --------------------------------------------------------------------------
# Scores


@dataclass(frozen=True)
class PRF:
    """Precision, recall and their F1 (2PR / (P + R), 0 when both are 0)."""

    precision: float
    recall: float
    f1: float = field(init=False)

    def __post_init__(self):
        p, r = self.precision, self.recall
        object.__setattr__(self, "f1", 2 * p * r / (p + r) if p + r else 0.0)

    def to_json(self) -> dict:
        """``{precision, recall, f1}``."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1}


@dataclass(frozen=True)
class TimelineScores:
    """All scores of one predicted timeline against one gold timeline.

    Attributes:
        dates: Date-F1.
        concat_rouge1, concat_rouge2: concat ROUGE-1 and ROUGE-2.
        align_rouge1, align_rouge2: align+ m:1 ROUGE-1 and ROUGE-2.
    """

    dates: PRF
    concat_rouge1: PRF
    concat_rouge2: PRF
    align_rouge1: PRF
    align_rouge2: PRF

    def to_json(self) -> dict:
        """Nested ``{dates, concat: {rouge_1, rouge_2}, align_m1: {rouge_1, rouge_2}}``."""
        return {
            "dates": self.dates.to_json(),
            "concat": {"rouge_1": self.concat_rouge1.to_json(), "rouge_2": self.concat_rouge2.to_json()},
            "align_m1": {"rouge_1": self.align_rouge1.to_json(), "rouge_2": self.align_rouge2.to_json()},
        }


def _ratio(numerator: float, denominator: float) -> float:
    return numerator / denominator if denominator else 0.0


def date_f1(predicted: TimelineLike, gold: TimelineLike) -> PRF:
    """Date-F1: the set of predicted dates against the set of gold dates.

    P = |shared| / |predicted dates|, R = |shared| / |gold dates| (0 for an
    empty side), exact day match (news-tls ``evaluate_dates``).

    Args:
        predicted: the system timeline.
        gold: the gold timeline.

    Returns:
        Precision, recall and F1.

    Raises:
        UsageError: a timeline is malformed.
    """
    predicted_dates = {day for day, _ in as_timeline(predicted)}
    gold_dates = {day for day, _ in as_timeline(gold)}
    shared = len(predicted_dates & gold_dates)
    return PRF(_ratio(shared, len(predicted_dates)), _ratio(shared, len(gold_dates)))


class _Analyzer:
    """ROUGE tokens of a text: rouge-score's tokenizer, optional stopwords, Porter stemming."""

    def __init__(self, stem: bool = True, stopwords: Collection[str] | None = None):
        try:
            from rouge_score import tokenize as rouge_tokenize
            from rouge_score.tokenizers import DefaultTokenizer
        except ImportError as exc:  # pragma: no cover - a declared dependency
            raise UsageError("the TLS evaluation needs rouge-score: pip install rouge-score") from exc
        self._plain = lambda text: rouge_tokenize.tokenize(text, None)
        self._stemming = DefaultTokenizer(use_stemmer=True) if stem else None
        self._stopwords = frozenset(word.lower() for word in stopwords) if stopwords else frozenset()

    def tokens(self, sentences: Sequence[str]) -> list[str]:
        text = " ".join(sentences)
        if not self._stopwords:
            return self._stemming.tokenize(text) if self._stemming else self._plain(text)
        # ROUGE-1.5.5 drops stopwords (unstemmed) first, then stems the rest.
        kept = " ".join(t for t in self._plain(text) if t not in self._stopwords)
        return self._stemming.tokenize(kept) if self._stemming else self._plain(kept)

    def ngrams(self, sentences: Sequence[str], ns: Sequence[int]) -> dict[int, Counter]:
        tokens = self.tokens(sentences)
        return {n: Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1)) for n in ns}


def _overlap(a: Counter, b: Counter) -> int:
    """Clipped N-gram overlap: the sum over N-grams of min(count in a, count in b)."""
    if len(a) > len(b):
        a, b = b, a
    return sum(min(count, b[gram]) for gram, count in a.items() if gram in b)


def _check_ns(ns: Sequence[int]) -> tuple[int, ...]:
    ns = tuple(ns)
    if not ns or any(not isinstance(n, int) or n < 1 for n in ns):
        raise UsageError(f"ROUGE orders must be positive integers, not {ns!r}")
    return ns


def concat_rouge(predicted: TimelineLike, gold: TimelineLike, *, ns: Sequence[int] = ROUGE_NS,
                 stem: bool = True, stopwords: Collection[str] | None = None) -> dict[int, PRF]:
    """concat ROUGE-N: the whole predicted timeline as one text against the whole gold one.

    Sentences are joined in date order (dates play no other part);
    P = overlap / predicted N-grams, R = overlap / gold N-grams, overlap the
    clipped N-gram count (Martschat & Markert 2017, "concat").

    Args:
        predicted: the system timeline.
        gold: the gold timeline.
        ns: the ROUGE orders N.
        stem: Porter stemming (tilse stems; see the module docstring).
        stopwords: words dropped before counting (none by default).

    Returns:
        N → precision, recall and F1.

    Raises:
        UsageError: a timeline or ``ns`` is malformed.
    """
    ns = _check_ns(ns)
    analyzer = _Analyzer(stem, stopwords)
    predicted_grams = analyzer.ngrams([s for _, sents in as_timeline(predicted) for s in sents], ns)
    gold_grams = analyzer.ngrams([s for _, sents in as_timeline(gold) for s in sents], ns)
    scores = {}
    for n in ns:
        hits = _overlap(predicted_grams[n], gold_grams[n])
        scores[n] = PRF(_ratio(hits, sum(predicted_grams[n].values())), _ratio(hits, sum(gold_grams[n].values())))
    return scores


def _content_similarity(predicted: Counter, gold: Counter) -> float:
    """tilse's ROUGE-1 approximation: F1 of clipped overlap of whitespace tokens."""
    hits = _overlap(predicted, gold)
    p = _ratio(hits, sum(predicted.values()))
    r = _ratio(hits, sum(gold.values()))
    return 2 * p * r / (p + r) if p + r else 0.0


def _date_weight(a: date, b: date) -> float:
    return 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def _cost_matrix(predicted: Timeline, gold: Timeline) -> list[list[float]]:
    """cost[i][j] = (1 − w(d_i, r_j)) · (1 − sim(T_i, R_j)), predicted rows, gold columns."""
    predicted_words = [Counter(w for s in sents for w in s.split()) for _, sents in predicted]
    gold_words = [Counter(w for s in sents for w in s.split()) for _, sents in gold]
    return [[(1 - _date_weight(d, r)) * (1 - _content_similarity(predicted_words[i], gold_words[j]))
             for j, (r, _) in enumerate(gold)]
            for i, (d, _) in enumerate(predicted)]


def _argmin(values: Iterable[float]) -> int:
    """Index of the smallest value; the first one on a tie (dates are sorted, so the earliest)."""
    best, best_value = -1, float("inf")
    for index, value in enumerate(values):
        if value < best_value:
            best, best_value = index, value
    return best


def m1_alignments(predicted: TimelineLike, gold: TimelineLike) -> tuple[dict[date, date], dict[date, date]]:
    """The two many-to-one alignments of align+ m:1 (tilse's date-content costs).

    cost(d, r) = (1 − 1 / (|d − r| + 1)) · (1 − sim(T_d, R_r)), sim the F1 of
    clipped overlap of whitespace tokens; each date takes the partner of
    minimal cost, the earliest on a tie.

    Args:
        predicted: the system timeline.
        gold: the gold timeline.

    Returns:
        ``(f_P, f_R)``: f_P maps every predicted date to a gold date (used for
        precision), f_R every gold date to a predicted date (used for
        recall). Both are empty when either timeline is.

    Raises:
        UsageError: a timeline is malformed.
    """
    predicted_items, gold_items = as_timeline(predicted), as_timeline(gold)
    if not predicted_items or not gold_items:
        return {}, {}
    costs = _cost_matrix(predicted_items, gold_items)
    to_gold = {d: gold_items[_argmin(row)][0] for (d, _), row in zip(predicted_items, costs)}
    to_predicted = {r: predicted_items[_argmin(row[j] for row in costs)][0] for j, (r, _) in enumerate(gold_items)}
    return to_gold, to_predicted


def align_m1_rouge(predicted: TimelineLike, gold: TimelineLike, *, ns: Sequence[int] = ROUGE_NS,
                   stem: bool = True, stopwords: Collection[str] | None = None) -> dict[int, PRF]:
    """align+ m:1 ROUGE-N (Martschat & Markert 2017; tilse ``align_date_content_costs_many_to_one``).

    With the alignments f_P, f_R of :func:`m1_alignments` and
    w(d, r) = 1 / (|d − r| + 1):
    P = Σ_d w(d, f_P(d)) · overlap(T_d, R_f_P(d)) / Σ_d N-grams(T_d) over the
    predicted dates, R = Σ_r w(f_R(r), r) · overlap(T_f_R(r), R_r) /
    Σ_r N-grams(R_r) over the gold dates. An empty prediction scores 0.

    Args:
        predicted: the system timeline.
        gold: the gold timeline.
        ns: the ROUGE orders N.
        stem: Porter stemming for the ROUGE counts (tilse stems).
        stopwords: words dropped before counting (none by default).

    Returns:
        N → precision, recall and F1.

    Raises:
        UsageError: a timeline or ``ns`` is malformed.
    """
    ns = _check_ns(ns)
    predicted_items, gold_items = as_timeline(predicted), as_timeline(gold)
    analyzer = _Analyzer(stem, stopwords)
    predicted_grams = {d: analyzer.ngrams(sents, ns) for d, sents in predicted_items}
    gold_grams = {r: analyzer.ngrams(sents, ns) for r, sents in gold_items}
    to_gold, to_predicted = m1_alignments(predicted_items, gold_items)
    scores = {}
    for n in ns:
        precision_hits = sum(_date_weight(d, r) * _overlap(predicted_grams[d][n], gold_grams[r][n])
                             for d, r in to_gold.items())
        recall_hits = sum(_date_weight(d, r) * _overlap(predicted_grams[d][n], gold_grams[r][n])
                          for r, d in to_predicted.items())
        predicted_total = sum(sum(grams[n].values()) for grams in predicted_grams.values())
        gold_total = sum(sum(grams[n].values()) for grams in gold_grams.values())
        scores[n] = PRF(_ratio(precision_hits, predicted_total), _ratio(recall_hits, gold_total))
    return scores


def score_timeline(predicted: TimelineLike, gold: TimelineLike, *, stem: bool = True,
                   stopwords: Collection[str] | None = None) -> TimelineScores:
    """Date-F1, concat ROUGE-1/2 and align+ m:1 ROUGE-1/2 of one predicted timeline.

    The predicted timeline is scored as given: restricting it to the gold
    range and to L dates of K sentences is the system's job
    (:func:`task_params`).

    Args:
        predicted: the system timeline.
        gold: one gold timeline.
        stem: Porter stemming for ROUGE (tilse stems).
        stopwords: words dropped before the ROUGE counts (none by default).

    Returns:
        The five scores.

    Raises:
        UsageError: a timeline is malformed.
    """
    predicted_items, gold_items = as_timeline(predicted), as_timeline(gold)
    concat = concat_rouge(predicted_items, gold_items, stem=stem, stopwords=stopwords)
    align = align_m1_rouge(predicted_items, gold_items, stem=stem, stopwords=stopwords)
    return TimelineScores(
        dates=date_f1(predicted_items, gold_items),
        concat_rouge1=concat[1], concat_rouge2=concat[2],
        align_rouge1=align[1], align_rouge2=align[2],
    )


def mean(scores: Sequence[TimelineScores]) -> TimelineScores:
    """The average over gold timelines, as news-tls reports it.

    For each metric, precision and recall are averaged over the timelines
    and F1 is computed from the two means (news-tls
    ``get_average_results``), not averaged itself.

    Args:
        scores: the scores of each (predicted, gold) timeline pair.

    Returns:
        The averaged scores.

    Raises:
        UsageError: ``scores`` is empty.
    """
    scores = list(scores)
    if not scores:
        raise UsageError("no scores to average")

    def average(name: str) -> PRF:
        values = [getattr(s, name) for s in scores]
        return PRF(sum(v.precision for v in values) / len(values), sum(v.recall for v in values) / len(values))

    return TimelineScores(**{name: average(name) for name in
                             ("dates", "concat_rouge1", "concat_rouge2", "align_rouge1", "align_rouge2")})
