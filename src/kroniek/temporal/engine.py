"""The chart engine: apply rules to a text and pick the best matches.

Phase one applies the rules over words and lexicon classes; phase two
applies, in rounds, the rules over earlier results ("<DATE> om <TIME>",
"van <DATE> tot <DATE>") until nothing new appears. Rules are indexed by the
keys that can start them, so a token that starts no rule costs one lookup;
a key that comes from a one-word head, optional or not ("(de|het)? vorige
week", "from <DATE> to <DATE>"), also asks the next token to offer a key
that can follow it.
Phase two only visits the tokens that can start a match over results: at
most as many tokens before an earlier result as its rules can read before
their first result. Finally the longest non-overlapping results win; ties
go to the higher priority, then to the earlier rule in the files.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from ..errors import RuleDataError
from .lexicon import Lexicon, scan
from .partial import Partial
from .patterns import Alt, Chart, Cls, Doc, Lit, Opt, first_keys, match
from .rules import Rule

MAX_ROUNDS = 4


@dataclass
class Item:
    """One match of a rule: tokens ``[i, j)`` with a partial value."""

    i: int
    j: int
    type: str
    partial: Partial
    rule: Rule
    order: int


class Engine:
    """Runs one language's rules.

    Args:
        lexicon: the language's lexicon.
        rules: its compiled rules, in file order.
    """

    def __init__(self, lexicon: Lexicon, rules: tuple[Rule, ...]):
        self.lexicon = lexicon
        self.rules = rules
        self.atomic: dict[tuple[str, str], list[tuple[int, Rule, frozenset | None]]] = defaultdict(list)
        self.composite: dict[tuple[str, str], list[tuple[int, Rule, frozenset | None]]] = defaultdict(list)
        widths = {cls: max(len(scan(form)) for form, _ in forms) for cls, forms in lexicon.forms.items()}
        for order, rule in enumerate(rules):
            index = self.composite if rule.composite else self.atomic
            for key, follow in _index_keys(rule.nodes, widths).items():
                index[key].append((order, rule, follow))
        leads = [_lead(rule.nodes, widths) for rule in rules if rule.composite]
        #: Tokens a rule over results can read before its first result (None: it may use none).
        self.lead: int | None = None if any(free is not None for _, free in leads) else \
            max((pre for pre, _ in leads), default=0)

    def run(self, text: str) -> tuple[Doc, list[Item]]:
        """Match every rule on ``text``; return the document and the chosen items."""
        doc = Doc(text, self.lexicon)
        items: list[Item] = []
        seen: set[tuple[int, int, str]] = set()
        n = len(doc.tokens)
        for i in range(n):
            for order, rule in self._candidates(self.atomic, doc, i):
                self._apply(rule, order, doc, i, items, seen)
        if self.composite:
            for _ in range(MAX_ROUNDS):
                before = len(items)
                for i in self._composite_starts(doc, n):
                    for order, rule in self._candidates(self.composite, doc, i):
                        self._apply(rule, order, doc, i, items, seen)
                if len(items) == before:
                    break
        return doc, self._select(doc, items)

    def _composite_starts(self, doc: Doc, n: int) -> list[int] | range:
        """Token indexes where a rule over results can start: near a result already found."""
        if self.lead is None:
            return range(n)
        starts: set[int] = set()
        for s in doc.chart:
            starts.update(range(max(0, s - self.lead), s + 1))
        return sorted(starts)

    @staticmethod
    def _candidates(index, doc: Doc, i: int) -> list[tuple[int, Rule]]:
        found: dict[int, Rule] = {}
        following: set | None = None
        for key in doc.keys_at(i):
            for order, rule, follow in index.get(key, ()):
                if follow is not None:
                    if following is None:
                        following = doc.keys_at(i + 1) if i + 1 < len(doc.tokens) else set()
                    if follow.isdisjoint(following):
                        continue
                found[order] = rule
        return sorted(found.items())

    @staticmethod
    def _apply(rule: Rule, order: int, doc: Doc, i: int, items: list[Item], seen: set) -> None:
        if rule.cased:
            k = abs(rule.cased)
            if i + k > len(doc.tokens) or doc.text[doc.starts[i + k - 1]].isupper() != (rule.cased > 0):
                return
        span = rule.context_span
        if rule.context_before is not None and not _before_in(doc.tokens, i, rule.context_before, span):
            return
        if rule.context_not_before is not None and _before_in(doc.tokens, i, rule.context_not_before, span):
            return
        best: tuple[int, Partial] | None = None
        banned_next, needed_next = rule.context_not_after, rule.context_after
        for j, caps in match(rule.nodes, doc, i):
            if j <= i or (best and j <= best[0]):
                continue
            if banned_next is not None and _after_in(doc.tokens, j, banned_next, span):
                continue
            if needed_next is not None and not _after_in(doc.tokens, j, needed_next, span):
                continue
            partial = rule.build(dict(caps))
            if partial is not None:
                best = (j, partial)
        if best is None:
            return
        j, partial = best
        key = (i, j, rule.id)
        if key in seen:
            return
        seen.add(key)
        item = Item(i, j, partial.type, partial, rule, order)
        items.append(item)
        # Higher-priority results come first, so rules over results build on the preferred reading.
        cell = doc.chart.setdefault(i, [])
        ranks = doc.__dict__.setdefault("_chart_priority", {}).setdefault(i, [])
        at = len(cell)
        while at and ranks[at - 1] < rule.priority:
            at -= 1
        cell.insert(at, (j, partial.type, partial, rule.id))
        ranks.insert(at, rule.priority)

    @staticmethod
    def _select(doc: Doc, items: list[Item]) -> list[Item]:
        def length(it: Item) -> int:
            return doc.ends[it.j - 1] - doc.starts[it.i]

        ranked = sorted(items, key=lambda it: (-length(it), -it.rule.priority, it.order, it.i))
        taken: list[Item] = []
        used = [False] * len(doc.tokens)
        for it in ranked:
            if any(used[it.i:it.j]):
                continue
            for k in range(it.i, it.j):
                used[k] = True
            taken.append(it)
        return sorted(taken, key=lambda it: it.i)


def _before_in(tokens: list[str], i: int, words: frozenset[str], span: int) -> bool:
    """True when the token, or phrase of up to ``span`` tokens, ending before ``i`` is in ``words``.

    The empty string in ``words`` stands for the start of the text.
    """
    if i == 0:
        return "" in words
    if tokens[i - 1] in words:
        return True
    return any(" ".join(tokens[i - k:i]) in words for k in range(2, min(span, i) + 1))


def _after_in(tokens: list[str], j: int, words: frozenset[str], span: int) -> bool:
    """True when the token, or phrase of up to ``span`` tokens, starting at ``j`` is in ``words``.

    The empty string in ``words`` stands for the end of the text.
    """
    if j >= len(tokens):
        return "" in words
    if tokens[j] in words:
        return True
    return any(" ".join(tokens[j:j + k]) in words for k in range(2, min(span, len(tokens) - j) + 1))


def _index_keys(nodes: tuple, widths: dict[str, int] | None = None) -> dict[tuple[str, str], frozenset | None]:
    """The keys that can start ``nodes``, each with the keys the next token must offer.

    A key from a one-word head, optional ("(de|het)?") or not ("from",
    "<number>" when every form of the class is one token), is only worth
    trying when the next token can start the rest; other keys need nothing
    (None). ``widths`` gives the longest form of each lexicon class in tokens.
    """
    head = nodes[0]
    if len(nodes) > 1 and isinstance(head, Opt) and _one_word(head.node, widths):
        out = _index_keys(nodes[1:], widths)
        follow = frozenset(first_keys(nodes[1:]))
        for key in first_keys((head.node,)):
            if key in out:  # the key may also start the rest: either way must stay possible
                out[key] = None if out[key] is None else out[key] | follow
            else:
                out[key] = follow
        return out
    if len(nodes) > 1 and _one_word(head, widths):
        try:
            follow = frozenset(first_keys(nodes[1:]))
        except RuleDataError:  # the rest may match nothing
            follow = None
        return {key: follow for key in first_keys((head,))}
    return {key: None for key in first_keys(nodes)}


def _one_word(node, widths: dict[str, int] | None = None) -> bool:
    """True when ``node`` always matches exactly one token."""
    if isinstance(node, Lit):
        return True
    if isinstance(node, Cls):
        return widths is not None and widths.get(node.name, 1) == 1
    return isinstance(node, Alt) and all(len(o) == 1 and _one_word(o[0], widths) for o in node.options)


_NONE = -1  # "no path reaches a result"


def _lead(nodes: tuple, widths: dict[str, int]) -> tuple[int, int | None]:
    """How a pattern reaches its first reference to an earlier result.

    Returns:
        ``(pre, free)``: the most tokens a match can read before its first
        result (``-1`` when no path uses one), and the most tokens of a
        match that uses no result at all (None when every match uses one).
        ``widths`` gives the longest form of each lexicon class in tokens.
    """
    pre, free = _NONE, 0
    for node in nodes:
        n_pre, n_free = _lead_node(node, widths)
        if free is not None and n_pre != _NONE:
            pre = max(pre, free + n_pre)
        free = None if free is None or n_free is None else free + n_free
    return pre, free


def _lead_node(node, widths: dict[str, int]) -> tuple[int, int | None]:
    if isinstance(node, Chart):
        return 0, None
    if isinstance(node, Lit):
        return _NONE, 1
    if isinstance(node, Cls):
        return _NONE, widths.get(node.name, 1)
    if isinstance(node, Opt):
        pre, free = _lead_node(node.node, widths)
        return pre, max(0, free) if free is not None else 0
    options = [_lead(option, widths) for option in node.options]
    frees = [free for _, free in options if free is not None]
    return max(pre for pre, _ in options), (max(frees) if frees else None)
