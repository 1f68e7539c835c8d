"""The TempEval-3 scorer on small hand-made examples whose figures are worked out here."""
from dataclasses import dataclass

import pytest

from kroniek.eval.timeml import Counts, align, score


@dataclass
class T:
    start: int
    end: int
    type: str
    value: str


GOLD = [T(0, 10, "DATE", "2019-03-20"),    # g1
        T(20, 30, "DURATION", "P2W"),      # g2
        T(40, 45, "DATE", "2019"),         # g3
        T(60, 70, "TIME", "2019-03-20T10:00")]  # g4: nobody finds it
SYSTEM = [T(0, 10, "DATE", "2019-03-20"),  # s1: same span as g1, right value and type
          T(22, 30, "DURATION", "P3W"),    # s2: overlaps g2, wrong value, right type
          T(38, 46, "SET", "2019"),        # s3: overlaps g3, right value, wrong type
          T(80, 85, "DATE", "PAST_REF")]   # s4: spurious


def test_counts_of_the_worked_example():
    c = score(GOLD, SYSTEM)
    # 4 gold, 4 system; g1/s1 strict; g1, g2, g3 relaxed; values right for g1 and g3;
    # types right for g1 and g2.
    assert (c.gold, c.system, c.strict, c.relaxed, c.value, c.type) == (4, 4, 1, 3, 2, 2)


def test_figures_of_the_worked_example():
    s = score(GOLD, SYSTEM).scores()
    assert s["strict_p"] == s["strict_r"] == s["strict_f1"] == pytest.approx(1 / 4)
    assert s["relaxed_p"] == s["relaxed_r"] == s["relaxed_f1"] == pytest.approx(3 / 4)
    # value accuracy is over relaxed matches; value F1 over all system and all gold timexes
    assert s["value_accuracy"] == pytest.approx(2 / 3)
    assert s["value_p"] == pytest.approx(2 / 4) and s["value_r"] == pytest.approx(2 / 4)
    assert s["value_f1"] == pytest.approx(0.5)
    assert s["type_accuracy"] == pytest.approx(2 / 3)


def test_unequal_counts_give_unequal_precision_and_recall():
    # 2 gold, 1 system that overlaps both: one-to-one alignment counts it once.
    gold = [T(0, 4, "DATE", "1985"), T(8, 12, "DATE", "1987")]
    system = [T(0, 12, "DURATION", "P3Y")]
    s = score(gold, system).scores()
    assert s["relaxed_p"] == pytest.approx(1.0)
    assert s["relaxed_r"] == pytest.approx(0.5)
    assert s["relaxed_f1"] == pytest.approx(2 / 3)
    assert s["strict_f1"] == 0.0 and s["value_f1"] == 0.0
    pairs = align(gold, system)
    assert pairs[0].system is system[0] and pairs[1].system is None


def test_identical_spans_pair_before_larger_overlaps():
    gold = [T(0, 20, "DATE", "a"), T(5, 10, "DATE", "b")]
    system = [T(5, 10, "DATE", "b"), T(0, 4, "DATE", "a")]
    pairs = align(gold, system)
    assert pairs[1].system is system[0] and pairs[1].kind == "ok"
    assert pairs[0].system is system[1] and pairs[0].kind == "span"


def test_empty_spans_are_not_scored_and_nothing_divides_by_zero():
    c = score([], [T(3, 3, "DURATION", "P2D")])
    assert (c.gold, c.system) == (0, 0)
    assert all(v == 0.0 for v in c.scores().values())


def test_counts_add_up_over_documents():
    total = Counts()
    total += score(GOLD, SYSTEM)
    total += score(GOLD[:1], SYSTEM[:1])
    assert (total.documents, total.gold, total.system, total.strict, total.value) == (2, 5, 5, 2, 3)
    assert total.scores()["strict_f1"] == pytest.approx(2 / 5)


def test_error_kinds():
    kinds = [p.kind for p in align(GOLD, SYSTEM)]
    assert kinds == ["ok", "value", "type", "missed", "spurious"]
