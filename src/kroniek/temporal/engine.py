"""The chart engine: apply rules to a text and pick the best matches.

Phase one applies the rules over words and lexicon classes; phase two
applies, in rounds, the rules over earlier results ("<DATE> om <TIME>",
"van <DATE> tot <DATE>") until nothing new appears. Rules are indexed by the
keys that can start them, so a token that starts no rule costs one lookup.
Finally the longest non-overlapping results win; ties go to the higher
priority, then to the earlier rule in the files.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from .lexicon import Lexicon
from .partial import Partial
from .patterns import Doc, first_keys, match
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
        self.atomic: dict[tuple[str, str], list[tuple[int, Rule]]] = defaultdict(list)
        self.composite: dict[tuple[str, str], list[tuple[int, Rule]]] = defaultdict(list)
        for order, rule in enumerate(rules):
            index = self.composite if rule.composite else self.atomic
            for key in first_keys(rule.nodes):
                index[key].append((order, rule))

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
                for i in range(n):
                    for order, rule in self._candidates(self.composite, doc, i):
                        self._apply(rule, order, doc, i, items, seen)
                if len(items) == before:
                    break
        return doc, self._select(doc, items)

    @staticmethod
    def _candidates(index, doc: Doc, i: int) -> list[tuple[int, Rule]]:
        found: dict[int, Rule] = {}
        for key in doc.keys_at(i):
            for order, rule in index.get(key, ()):
                found[order] = rule
        return sorted(found.items())

    @staticmethod
    def _apply(rule: Rule, order: int, doc: Doc, i: int, items: list[Item], seen: set) -> None:
        if rule.context_before is not None:
            if i == 0 or doc.tokens[i - 1] not in rule.context_before:
                return
        if rule.context_not_before is not None and i > 0 and doc.tokens[i - 1] in rule.context_not_before:
            return
        best: tuple[int, Partial] | None = None
        banned_next = rule.context_not_after
        for j, caps in match(rule.nodes, doc, i):
            if j <= i or (best and j <= best[0]):
                continue
            if banned_next is not None and j < len(doc.tokens) and doc.tokens[j] in banned_next:
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
        doc.chart.setdefault(i, []).append((j, partial.type, partial, rule.id))

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
