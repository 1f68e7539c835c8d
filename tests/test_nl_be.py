"""The Belgian layer (nl-BE): its rule examples, its false friends, and that it stays a layer."""
import pytest

from kroniek import tag
from kroniek.temporal.examples import negatives, rule_examples, run_example

BE_CASES = [(rid, ex) for rid, ex in rule_examples("nl-BE") if rid.startswith("nl-BE:")]


def test_the_layer_has_rules_with_examples():
    assert len({rid for rid, _ in BE_CASES}) >= 5
    assert len(BE_CASES) >= 10


@pytest.mark.parametrize("rule_id, example", BE_CASES, ids=[f"{rid}:{ex['text']}" for rid, ex in BE_CASES])
def test_belgian_rule_example(rule_id, example):
    result = run_example("nl-BE", rule_id, example)
    assert result.ok, f"{rule_id}: {example['text']!r} should give {example['value']}, got {result.found}"


@pytest.mark.parametrize("text", negatives("nl-BE"))
def test_belgian_false_friends(text):
    assert tag(text, "2019-03-20", "nl-BE") == []


def test_every_dutch_example_still_holds_in_belgium():
    """The layer adds; it must not change what the Dutch rules do."""
    failures = [(rid, ex["text"]) for rid, ex in rule_examples("nl") if not run_example("nl-BE", rid, ex).ok]
    assert failures == []


@pytest.mark.parametrize("text, nl, be", [
    ("binnen veertien dagen", "P14D", "P2W"),          # a fortnight, not fourteen days
    ("om de veertien dagen", "P14D", "P2W"),
])
def test_fortnight_only_in_belgium(text, nl, be):
    assert [t.value for t in tag(text, "2019-03-20", "nl")] == [nl]
    assert [t.value for t in tag(text, "2019-03-20", "nl-BE")] == [be]


@pytest.mark.parametrize("text", ["'s anderendaags", "'s noens", "Na het vieruurtje gaan we."])
def test_belgian_words_are_not_dutch_rules(text):
    assert tag(text, "2019-03-20", "nl") == []
    assert len(tag(text, "2019-03-20", "nl-BE")) == 1


def test_belgian_holidays():
    found = {t.text: t.value for t in tag("Koningsfeest 2019, de Vlaamse feestdag van 2018 en Wapenstilstand 2020",
                                         "2019-03-20", "nl-BE")}
    assert found["Koningsfeest 2019"] == "2019-11-15"
    assert found["Wapenstilstand 2020"] == "2020-11-11"
    assert any(v == "2018-07-11" for v in found.values())
