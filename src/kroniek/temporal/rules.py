"""Rules: loading, validation, and building partial values from captures.

A rule file (``lang/<code>/rules/*.yaml``) holds::

    example_dct: "2019-03-20"        # DCT for the examples below
    rules:
      - id: date.day_month_year      # unique within the language
        type: DATE                   # TIMEX3 type of the result
        pattern: "<day> <month> <year>?"
        value: {day: $day, month: $month, year: $year}
        examples:
          - ["4 mei 2019", "2019-05-04"]
          - {text: "Hij kwam [op 4 mei] terug", value: "2019-05-04", dct: "2019-06-01"}

The ``value`` mapping names :class:`~kroniek.temporal.partial.Partial`
fields. ``$cap`` reads a capture (``$clock.hour`` a field of one), ``-$cap``
negates it, a missing optional capture leaves the field unset, anything
else is a constant. Operations for rules over other results: ``base: $x``
(start from a copy), ``merge: [$x, $y]``, ``range: [$x, $y]`` (with
``inclusive``), ``ago: $duration`` / ``ahead: $duration`` (a shift by a
duration; with ``from: $x`` counted from a relative point such as "morgen";
a duration's mod becomes the date's: "meer dan" ago → BEFORE; ``from`` may
also be a mapping of fields: ``from: {shift: {D: $day}}``),
``on: $date`` (merge a date into a point or into both ends of a range:
"morgen" + "van 15 tot 16"),
``add: [$x, $y]`` (sum of durations).

Optional context keys: ``after_word`` (one of these words must come just
before the match), ``before_word`` (one of these must come just after it),
``not_after_word``, ``not_before_word`` (words or phrases such as ``"- old"``
that must not stand just before / after it; ``""`` stands for the edge of
the text), and ``cased: true`` (the match must start with an upper-case
letter; ``cased: 2`` asks it of the match's second token: "this <month>";
``cased: -2`` asks for a lower-case second token: "This Week" is a title),
and ``needs: [day]`` (fields the result must state, else no match).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from pathlib import Path
from typing import Any


from ..errors import RuleDataError
from .lexicon import LANG_DIR, fold, language_files, load_lexicon, read_data, scan
from .partial import CALENDAR_FIELDS, Partial
from .patterns import class_names, first_keys, has_chart, parse

TYPES = ("DATE", "TIME", "DURATION", "SET")
_FIELDS = {f.name for f in fields(Partial)}
_OPS = {"base", "merge", "range", "ago", "ahead", "add", "from", "on"}
_CONTEXT_KEYS = ("after_word", "not_after_word", "before_word", "not_before_word")
#: The mod of a date reached by a shift over a duration with a mod (TimeML
#: 1.2.1: "more than a year ago" is BEFORE that date, "less than" AFTER it).
_SHIFT_MODS = {(-1, "MORE_THAN"): "BEFORE", (-1, "EQUAL_OR_MORE"): "ON_OR_BEFORE",
               (-1, "LESS_THAN"): "AFTER", (-1, "EQUAL_OR_LESS"): "ON_OR_AFTER",
               (1, "MORE_THAN"): "AFTER", (1, "EQUAL_OR_MORE"): "ON_OR_AFTER",
               (1, "LESS_THAN"): "BEFORE", (1, "EQUAL_OR_LESS"): "ON_OR_BEFORE"}


@dataclass
class Rule:
    """One compiled rule.

    Attributes:
        id: ``lang:rule-id``.
        type: TIMEX3 type, or None to inherit from the captured results.
        nodes: the parsed pattern.
        value: the value specification.
        priority: breaks ties between matches of equal length (higher wins).
        composite: True when the pattern refers to other results.
        context_before, context_not_before, context_after,
            context_not_after: folded words (``after_word``,
            ``not_after_word``, ``before_word``, ``not_before_word``) that
            must or must not stand next to the match; a phrase of several
            tokens is stored with its tokens joined by one space.
        context_span: the most tokens any of those phrases has.
        cased: the match's n-th token (1 = the first; 0 = no check) must
            start with an upper-case letter (``cased: true`` or ``cased:
            2``), for words that are names only when capitalised; a
            negative n asks that token not to (``cased: -2``: titles).
        needs: fields the result must state (``needs: [day]``), else the
            match is dropped: "zo" + "morgen" is no date.
        examples: ``(text, expected value, dct or None, extra checks)``.
        source: ``path`` of the file, for messages.
    """

    id: str
    type: str | None
    pattern: str
    nodes: tuple
    value: dict
    priority: int = 0
    composite: bool = False
    context_before: frozenset[str] | None = None
    context_not_before: frozenset[str] | None = None
    context_after: frozenset[str] | None = None
    context_not_after: frozenset[str] | None = None
    context_span: int = 1
    cased: int = 0
    needs: tuple[str, ...] = ()
    examples: list[dict] = field(default_factory=list)
    source: str = ""

    def build(self, caps: dict[str, Any]) -> Partial | None:
        """Make the partial value for one match, or None when it cannot hold."""
        spec = self.value
        p: Partial | None
        if "base" in spec:
            base = _read(spec["base"], caps)
            if not isinstance(base, Partial):
                return None
            p = replace(base, extra=dict(base.extra))
        elif "merge" in spec:
            parts = [_read(x, caps) for x in spec["merge"]]
            parts = [x for x in parts if isinstance(x, Partial)]
            if not parts:
                return None
            if any(x.is_range for x in parts):
                return None  # a range has no single set of fields to merge into
            p = replace(parts[0], extra=dict(parts[0].extra))  # never alter a captured result
            for other in parts[1:]:
                p = p.merged(other)
                if p is None:
                    return None
        elif "range" in spec:
            a, b = (self._partial(_read(x, caps)) for x in spec["range"])
            if a is None or b is None or a.is_range or b.is_range:
                return None
            p = Partial(type=self.type or a.type, begin=a, end=b,
                        inclusive=bool(spec.get("inclusive", True)))
        elif "ago" in spec or "ahead" in spec:
            d = _read(spec.get("ago", spec.get("ahead")), caps)
            if isinstance(d, dict) and d:  # a constant amount: "ahead: {D: 1}"
                d = Partial(type="DURATION", duration=d)
            if (not isinstance(d, Partial) or not d.duration or None in d.duration.values()
                    or d.anchored or d.is_range):
                return None
            sign = -1 if "ago" in spec else 1
            shift = {u: sign * n for u, n in d.duration.items()}
            mod = _SHIFT_MODS.get((sign, d.mod), d.mod)
            origin = self._partial(_read(spec["from"], caps)) if "from" in spec else None
            if origin is None:
                p = Partial(type=self.type or "DATE", shift=shift, mod=mod)
            elif _relative(origin):  # "twee dagen na morgen": the shifts add up
                for unit, n in (origin.shift or {}).items():
                    shift[unit] = shift.get(unit, 0) + n
                p = Partial(type=self.type or "DATE", shift=shift, mod=mod)
            elif _placeable(origin):  # "twee weken voor Kerst": move after placing
                p = replace(origin, offset=shift, mod=mod, extra=dict(origin.extra))
            else:
                return None
        elif "add" in spec:
            parts = [_read(x, caps) for x in spec["add"]]
            total: dict[str, float] = {}
            for d in parts:
                if not isinstance(d, Partial) or not d.duration or d.mod or d.anchored:
                    return None  # "meer dan 4 dagen en minder dan 1 week" is no sum
                for unit, n in d.duration.items():
                    if n is None or unit in total:
                        return None
                    total[unit] = n
            p = Partial(type="DURATION", duration=total)
        else:
            p = Partial(type=self.type or "DATE")
        if "on" in spec:
            p = _put_on(p, _read(spec["on"], caps))
            if p is None:
                return None
        if self.type:
            p.type = self.type
        for key, raw in spec.items():
            if key in _OPS or key == "inclusive":
                continue
            val = _read(raw, caps)
            if val is _MISSING:
                continue
            if p.is_range and key in CALENDAR_FIELDS:
                return None  # "4 tot 6 juni" + "in 2020": the fields belong to the ends
            setattr(p, key, val)
        if any(getattr(p, name) is None for name in self.needs):
            return None
        return p


    def _partial(self, val: Any) -> Partial | None:
        """A captured partial, or one made from a mapping of fields."""
        if isinstance(val, Partial):
            return val
        if isinstance(val, dict) and set(val) <= _FIELDS:
            return Partial(type=self.type or "DATE", **val)
        return None


def _put_on(p: Partial, where: Any) -> Partial | None:
    """Merge ``where`` (a date, or a mapping of fields) into a point, or into both ends of a range."""
    if isinstance(where, dict) and where and set(where) <= _FIELDS:
        where = Partial(**where)
    if not isinstance(where, Partial) or where.is_range:
        return None
    if not p.is_range:
        return p.merged(where)
    begin, end = p.begin.merged(where), p.end.merged(where)
    if begin is None or end is None:
        return None
    return replace(p, begin=begin, end=end, extra=dict(p.extra))


def _relative(p: Any) -> bool:
    """True for a point given only relative to the anchor ("morgen", "nu"), a valid ``from``."""
    return (isinstance(p, Partial) and not p.stated() and not p.is_range and not p.snap
            and (p.ref == "PRESENT_REF" or (p.shift is not None and p.ref is None)))


def _placeable(p: Any) -> bool:
    """True for a point with calendar fields and no offset or mod yet ("Kerst", "5 mei")."""
    return (isinstance(p, Partial) and not p.is_range and p.ref is None and p.offset is None
            and not p.mod and p.type in ("DATE", "TIME") and (bool(p.stated()) or p.snap))


class _Missing:
    pass


_MISSING = _Missing()


_EXPR = re.compile(r"^\s*(?:(?P<lnum>-?\d+(?:\.\d+)?)\s*(?P<lop>[-+*/])\s*)?(?P<neg>-)?\$(?P<name>\w+)"
                   r"(?:\.(?P<sub>\w+))?(?:\s*(?P<rop>[-+*/])\s*(?P<rnum>\d+(?:\.\d+)?))?\s*$")


def _arith(a: float, op: str, b: float) -> float:
    out = a + b if op == "+" else a - b if op == "-" else a * b if op == "*" else a // b
    return int(out) if float(out).is_integer() else out


def _read(raw: Any, caps: dict[str, Any]) -> Any:
    """Evaluate one value-spec expression against the captures.

    Expressions: ``$cap``, ``$cap.field``, ``-$cap``, ``$cap - 1``,
    ``60 - $cap``, ``$cap / 10`` (one arithmetic step with a number; ``/``
    divides and rounds down); ``"{cap}X"`` puts a capture into a string;
    lists and mappings
    are evaluated member by member; anything else is a constant.
    """
    if isinstance(raw, str) and "{" in raw:
        names = re.findall(r"\{(\w+)\}", raw)
        if any(name not in caps for name in names):
            return _MISSING
        return re.sub(r"\{(\w+)\}", lambda m: str(caps[m[1]]), raw)
    if isinstance(raw, str) and "$" in raw:
        m = _EXPR.match(raw)
        if not m:
            return raw
        if m["name"] not in caps:
            return _MISSING
        val = caps[m["name"]]
        if m["sub"]:
            val = val.get(m["sub"], _MISSING) if isinstance(val, dict) else _MISSING
        if isinstance(val, _Missing):
            return val
        if m["neg"]:
            val = -val
        if m["rop"]:
            val = _arith(val, m["rop"], float(m["rnum"]))
        if m["lop"]:
            val = _arith(float(m["lnum"]), m["lop"], val)
        return val
    if isinstance(raw, dict):
        out = {}
        for k, v in raw.items():
            key, val = _read(k, caps), _read(v, caps)
            if isinstance(key, _Missing):
                return _MISSING
            if not isinstance(val, _Missing):
                out[key] = val
        return out
    if isinstance(raw, list):
        return [_read(x, caps) for x in raw]
    return raw


def _check_spec(spec: Any, where: str) -> None:
    if not isinstance(spec, dict):
        raise RuleDataError(f"{where}: 'value' must be a mapping")
    for key in spec:
        if key not in _FIELDS and key not in _OPS and key != "inclusive":
            raise RuleDataError(f"{where}: unknown value field {key!r}")


def _example(raw: Any, where: str) -> dict:
    if isinstance(raw, list) and len(raw) == 2:
        return {"text": str(raw[0]), "value": str(raw[1])}
    if isinstance(raw, dict) and "text" in raw:
        return {k: (str(v) if k in ("text", "value", "dct") else v) for k, v in raw.items()}
    raise RuleDataError(f"{where}: an example is [text, value] or {{text, value, dct}}")


def load_rules(lang: str) -> list[Rule]:
    """Load all rule files of ``lang`` and its layers, validated.

    Raises:
        RuleDataError: naming the file and rule id, for a malformed rule,
            an unknown lexicon class, a duplicate id or a bad example.
    """
    lexicon = load_lexicon(lang)
    rules: list[Rule] = []
    seen: dict[str, str] = {}
    paths: list[Path] = []
    for lex_path in language_files(lang, "lexicon.yaml"):
        paths.extend(sorted((lex_path.parent / "rules").glob("*.yaml")))
    for path in paths:
        data = read_data(path)
        default_dct = data.get("example_dct")
        prefix = "-".join(path.relative_to(LANG_DIR).parts[:-2])
        for raw in data.get("rules") or []:
            rid = raw.get("id") if isinstance(raw, dict) else None
            where = f"{path}: rule {rid or '?'}"
            if not rid or "pattern" not in raw or "value" not in raw:
                raise RuleDataError(f"{where}: a rule needs id, pattern and value")
            if rid in seen:
                raise RuleDataError(f"{where}: duplicate id (also in {seen[rid]})")
            seen[rid] = str(path)
            rtype = raw.get("type")
            if rtype is not None and rtype not in TYPES:
                raise RuleDataError(f"{where}: type must be one of {TYPES}")
            nodes = parse(raw["pattern"])
            try:
                first_keys(nodes)
            except RuleDataError as exc:
                raise RuleDataError(f"{where}: {exc}") from None
            unknown = class_names(nodes) - lexicon.classes
            if unknown:
                raise RuleDataError(f"{where}: unknown lexicon class(es) {sorted(unknown)}")
            _check_spec(raw["value"], where)
            examples = [_example(e, where) for e in raw.get("examples") or []]
            for e in examples:
                e.setdefault("dct", default_dct)
            rules.append(Rule(
                id=f"{prefix}:{rid}", type=rtype, pattern=raw["pattern"], nodes=nodes,
                value=raw["value"], priority=int(raw.get("priority", 0)),
                composite=has_chart(nodes),
                context_before=_words(raw.get("after_word")),
                context_not_before=_words(raw.get("not_after_word")),
                context_after=_words(raw.get("before_word")),
                context_not_after=_words(raw.get("not_before_word")),
                context_span=max((len(w.split(" ")) for key in _CONTEXT_KEYS
                                  for w in _words(raw.get(key)) or ()), default=1),
                cased=int(raw.get("cased", 0)),
                needs=_needs(raw.get("needs"), where),
                examples=examples, source=str(path)))
    return rules


def _needs(raw: Any, where: str) -> tuple[str, ...]:
    names = tuple(raw or ())
    unknown = [n for n in names if n not in _FIELDS]
    if unknown:
        raise RuleDataError(f"{where}: needs names unknown field(s) {unknown}")
    return names


def _words(raw: Any) -> frozenset[str] | None:
    """Context words as the scanner tokenises them; a phrase's tokens joined by a space."""
    if raw is None:
        return None
    words = raw if isinstance(raw, list) else [raw]
    return frozenset(" ".join(t for t, _, _ in scan(fold(str(w)))) or fold(str(w)) for w in words)


@lru_cache(maxsize=8)
def cached_rules(lang: str) -> tuple[Rule, ...]:
    """:func:`load_rules`, loaded once per process."""
    return tuple(load_rules(lang))
