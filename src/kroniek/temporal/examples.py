"""Running the examples that rules carry, and the negative corpus.

Each example is a text, an expected value and a DCT. The text may mark the
expected expression with brackets (``"sinds [maart]"``); otherwise the
whole text must be one expression. Exactly one expression must cover the
marked span, with the expected value. The negative corpus
(``negatives.yaml``) lists texts that must yield no expression at all.
"""
from __future__ import annotations

from dataclasses import dataclass


from .lexicon import language_files, read_data
from .rules import cached_rules
from .tagger import get_tagger


@dataclass
class ExampleResult:
    """The outcome of one example: ``ok`` and, if not, what was found."""

    lang: str
    rule: str
    text: str
    expected: str
    ok: bool
    found: str


def _split(text: str) -> tuple[str, int, int]:
    if "[" in text and "]" in text:
        start = text.index("[")
        end = text.index("]") - 1
        return text.replace("[", "", 1).replace("]", "", 1), start, end
    return text, 0, len(text)


def run_example(lang: str, rule_id: str, example: dict) -> ExampleResult:
    """Tag one example and compare it with what the rule promises."""
    text, start, end = _split(example["text"])
    found = get_tagger(lang).tag(text, example.get("dct") or "2019-03-20")
    hits = [t for t in found if t.start < end and t.end > start]
    ok = (len(hits) == 1 and hits[0].start == start and hits[0].end == end
          and hits[0].value == example["value"])
    shown = "; ".join(f"[{t.text}] {t.value} ({t.rule})" for t in found) or "nothing"
    return ExampleResult(lang, rule_id, example["text"], example["value"], ok, shown)


def rule_examples(lang: str) -> list[tuple[str, dict]]:
    """``(rule id, example)`` for every example of every rule of ``lang``."""
    return [(rule.id, ex) for rule in cached_rules(lang) for ex in rule.examples]


def negatives(lang: str) -> list[str]:
    """Texts of the negative corpus of ``lang`` (all layers)."""
    out: list[str] = []
    for path in language_files(lang, "negatives.yaml"):
        out.extend(str(x) for x in read_data(path).get("texts", []))
    return out
