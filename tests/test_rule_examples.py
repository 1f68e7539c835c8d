"""Every example a rule carries is a test; so is every text of the negative corpus."""
import pytest

from kroniek.temporal.examples import negatives, rule_examples, run_example
from kroniek.temporal.tagger import tag

LANGS = ["nl", "en"]
CASES = [(lang, rid, ex) for lang in LANGS for rid, ex in rule_examples(lang)]


def test_every_language_has_many_examples():
    for lang in LANGS:
        assert len(rule_examples(lang)) >= 100, lang


@pytest.mark.parametrize("lang, rule_id, example", CASES,
                         ids=[f"{rid}:{ex['text']}" for _, rid, ex in CASES])
def test_rule_example(lang, rule_id, example):
    result = run_example(lang, rule_id, example)
    assert result.ok, f"{rule_id}: {example['text']!r} should give {example['value']}, got {result.found}"


NEGATIVES = [(lang, text) for lang in LANGS for text in negatives(lang)]


@pytest.mark.parametrize("lang, text", NEGATIVES, ids=[t for _, t in NEGATIVES])
def test_false_friends_give_nothing(lang, text):
    found = tag(text, "2019-03-20", lang)
    assert found == [], [(t.text, t.value, t.rule) for t in found]
