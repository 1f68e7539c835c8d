"""The rule pattern language: parsing, FIRST sets and matching over tokens.

A pattern is a sequence of elements separated by spaces::

    <day> <month:m> <year>?        lexicon or token classes, named captures
    (van|vanaf) <DATE:a> (tot|t/m) <DATE:b>
    <number> <unit> geleden        literal words match one folded token each

* ``<name>`` matches a lexicon class (one or more tokens) or a token class
  (one token); ``<name:cap>`` stores the key under ``cap``.
* ``<DATE>``, ``<TIME>``, ``<DURATION>``, ``<SET>`` match a result of an
  earlier rule of that TIMEX3 type; ``<POINT>`` matches DATE or TIME and
  ``<TIMEX>`` any type. The capture holds that result's partial value.
* ``(a|b c)`` is a choice of sequences, ``x?`` makes an element optional.
* Any other text is a literal, scanned into tokens like the input
  ("t/m" is three tokens).

Matching ignores the space between tokens, so "22-4" and "22 - 4" match the
same pattern.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterator

from ..errors import RuleDataError
from .lexicon import fold, scan

CHART_TYPES = {"DATE": ("DATE",), "TIME": ("TIME",), "DURATION": ("DURATION",), "SET": ("SET",),
               "POINT": ("DATE", "TIME"), "TIMEX": ("DATE", "TIME", "DURATION", "SET")}


@dataclass(frozen=True)
class Lit:
    tokens: tuple[str, ...]


@dataclass(frozen=True)
class Cls:
    name: str
    cap: str | None


@dataclass(frozen=True)
class Chart:
    kind: str
    cap: str


@dataclass(frozen=True)
class Opt:
    node: Any


@dataclass(frozen=True)
class Alt:
    options: tuple[tuple, ...]


_TOKEN = re.compile(r"\s*(<[^>]+>|\(|\)|\||\?|[^\s()|?<]+)")


def parse(pattern: str) -> tuple:
    """Parse a pattern into a tuple of nodes.

    Raises:
        RuleDataError: on unbalanced brackets or empty alternatives.
    """
    parts = [m.group(1) for m in _TOKEN.finditer(pattern)]
    pos = 0

    def seq(stop: tuple[str, ...]) -> tuple:
        nonlocal pos
        out: list = []
        while pos < len(parts) and parts[pos] not in stop:
            part = parts[pos]
            pos += 1
            if part == "(":
                options = [seq((")", "|"))]
                while pos < len(parts) and parts[pos] == "|":
                    pos += 1
                    options.append(seq((")", "|")))
                if pos >= len(parts) or parts[pos] != ")":
                    raise RuleDataError(f"pattern {pattern!r}: missing ')'")
                pos += 1
                if any(not o for o in options):
                    raise RuleDataError(f"pattern {pattern!r}: empty alternative")
                out.append(Alt(tuple(options)))
            elif part == "?":
                if not out:
                    raise RuleDataError(f"pattern {pattern!r}: '?' without an element")
                out[-1] = Opt(out[-1])
            elif part == ")" or part == "|":
                raise RuleDataError(f"pattern {pattern!r}: unexpected {part!r}")
            elif part.startswith("<"):
                name, _, cap = part[1:-1].partition(":")
                if name in CHART_TYPES:
                    out.append(Chart(name, cap or name.lower()))
                else:
                    out.append(Cls(name, cap or name))
            else:
                tokens = tuple(t for t, _, _ in scan(part))
                out.extend(Lit((t,)) for t in tokens)
        return tuple(out)

    nodes = seq(())
    if pos != len(parts):
        raise RuleDataError(f"pattern {pattern!r}: unexpected {parts[pos]!r}")
    if not nodes:
        raise RuleDataError(f"pattern {pattern!r} is empty")
    return nodes


def first_keys(nodes: tuple) -> set[tuple[str, str]]:
    """Keys that can start a match: ``("lit", token)``, ``("cls", name)``, ``("chart", type)``.

    Raises:
        RuleDataError: when the pattern can match nothing at all.
    """
    keys: set[tuple[str, str]] = set()
    for node in nodes:
        node_keys, nullable = _first(node)
        keys |= node_keys
        if not nullable:
            return keys
    raise RuleDataError("a pattern must not match the empty string")


def _first(node: Any) -> tuple[set, bool]:
    if isinstance(node, Lit):
        return {("lit", node.tokens[0])}, False
    if isinstance(node, Cls):
        return {("cls", node.name)}, False
    if isinstance(node, Chart):
        return {("chart", t) for t in CHART_TYPES[node.kind]}, False
    if isinstance(node, Opt):
        keys, _ = _first(node.node)
        return keys, True
    keys, nullable = set(), False
    for option in node.options:
        try:
            keys |= first_keys(option)
        except RuleDataError:
            nullable = True
            for sub in option:
                keys |= _first(sub)[0]
    return keys, nullable


def class_names(nodes: tuple) -> set[str]:
    """All class names a pattern refers to (for validation against the lexicon)."""
    names: set[str] = set()
    for node in nodes:
        if isinstance(node, Cls):
            names.add(node.name)
        elif isinstance(node, Opt):
            names |= class_names((node.node,))
        elif isinstance(node, Alt):
            for option in node.options:
                names |= class_names(option)
    return names


def has_chart(nodes: tuple) -> bool:
    """True when the pattern refers to results of other rules."""
    for node in nodes:
        if isinstance(node, Chart):
            return True
        if isinstance(node, Opt) and has_chart((node.node,)):
            return True
        if isinstance(node, Alt) and any(has_chart(o) for o in node.options):
            return True
    return False


class Doc:
    """Tokens of one text plus lazily computed class lookups and chart items.

    Attributes:
        text: the original text.
        tokens: folded token strings.
        starts, ends: character offsets of each token (half-open).
        chart: token index → list of items ``(end index, type, partial, rule)``.
    """

    def __init__(self, text: str, lexicon):
        self.text = text
        scanned = scan(text)
        self.tokens = [t for t, _, _ in scanned]
        self.starts = [s for _, s, _ in scanned]
        self.ends = [e for _, _, e in scanned]
        self.lexicon = lexicon
        self._lex: dict[int, list] = {}
        self.chart: dict[int, list] = {}

    def lex(self, i: int) -> list[tuple[str, Any, int]]:
        """Lexicon forms starting at token ``i`` (cached)."""
        found = self._lex.get(i)
        if found is None:
            found = self.lexicon.lookup(self.tokens, i)
            tok = self.tokens[i]
            if tok and tok[0].isdigit():  # a lone combining mark folds to nothing
                for cls, regex in self.lexicon.token_classes.items():
                    if regex.fullmatch(tok):
                        found.append((cls, self.lexicon.token_key(cls, tok), 1))
            self._lex[i] = found
        return found

    def keys_at(self, i: int) -> set[tuple[str, str]]:
        """The FIRST keys present at token ``i``."""
        keys = {("lit", self.tokens[i])}
        keys.update(("cls", cls) for cls, _, _ in self.lex(i))
        keys.update(("chart", item[1]) for item in self.chart.get(i, ()))
        return keys


Captures = tuple[tuple[str, Any], ...]


def match(nodes: tuple, doc: Doc, i: int) -> Iterator[tuple[int, Captures]]:
    """All ways ``nodes`` match from token ``i``: ``(end token index, captures)``."""
    yield from _seq(nodes, 0, doc, i, ())


def _seq(nodes: tuple, k: int, doc: Doc, i: int, caps: Captures) -> Iterator[tuple[int, Captures]]:
    if k == len(nodes):
        yield i, caps
        return
    for j, more in _node(nodes[k], doc, i, caps):
        yield from _seq(nodes, k + 1, doc, j, more)


def _node(node: Any, doc: Doc, i: int, caps: Captures) -> Iterator[tuple[int, Captures]]:
    n = len(doc.tokens)
    if isinstance(node, Lit):
        if i < n and doc.tokens[i] == node.tokens[0]:
            yield i + 1, caps
    elif isinstance(node, Cls):
        if i < n:
            for cls, key, length in doc.lex(i):
                if cls == node.name:
                    yield i + length, caps + ((node.cap, key),)
    elif isinstance(node, Chart):
        kinds = CHART_TYPES[node.kind]
        for item in doc.chart.get(i, ()):
            if item[1] in kinds:
                yield item[0], caps + ((node.cap, item[2]),)
    elif isinstance(node, Opt):
        yield from _node(node.node, doc, i, caps)
        yield i, caps
    else:
        for option in node.options:
            yield from _seq(option, 0, doc, i, caps)


def literal_tokens(word: str) -> tuple[str, ...]:
    """The folded tokens of a literal word as patterns see it."""
    return tuple(t for t, _, _ in scan(fold(word)))
