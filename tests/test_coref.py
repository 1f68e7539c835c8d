"""The coreference scorers on hand-made examples whose figures are worked out here."""
import pytest

from kroniek.eval.coref import b_cubed, best_assignment, ceaf_e, muc, score

KEY = [{"a", "b", "c"}, {"d", "e"}]
RESPONSE = [{"a", "b"}, {"c", "d"}, {"e"}]


def test_muc():
    # recall: {a,b,c} is cut into {a,b},{c}: 3-2 = 1 link of 2; {d,e} into {d},{e}: 0 of 1 -> 1/3
    # precision: {a,b} keeps 1 of 1; {c,d} is cut in two: 0 of 1; {e} has no link -> 1/2
    s = muc(KEY, RESPONSE)
    assert s.recall == pytest.approx(1 / 3) and s.precision == pytest.approx(1 / 2)
    assert s.f1 == pytest.approx(0.4)


def test_b_cubed():
    # recall: a,b: 2/3 each, c: 1/3, d: 1/2, e: 1/2 -> (2/3+2/3+1/3+1/2+1/2)/5 = 8/15
    # precision: a,b: 2/2, c: 1/2, d: 1/2, e: 1/1 -> 4/5
    s = b_cubed(KEY, RESPONSE)
    assert s.recall == pytest.approx(8 / 15) and s.precision == pytest.approx(4 / 5)
    assert s.f1 == pytest.approx(0.64)


def test_ceaf_e():
    # phi4: K1-R1 = 2*2/5 = 0.8, K1-R2 = 0.4, K2-R2 = 0.5, K2-R3 = 2/3; best: K1-R1 + K2-R3 = 22/15
    s = ceaf_e(KEY, RESPONSE)
    assert s.recall == pytest.approx(22 / 15 / 2) and s.precision == pytest.approx(22 / 15 / 3)
    assert s.f1 == pytest.approx(2 * (11 / 15) * (22 / 45) / (11 / 15 + 22 / 45))


def test_conll_f1_is_the_mean():
    s = score(KEY, RESPONSE)
    assert s.conll_f1 == pytest.approx((0.4 + 0.64 + s.ceaf_e.f1) / 3)
    assert s.to_json()["conll_f1"] == round(s.conll_f1, 4)


def test_perfect_response_scores_one():
    s = score(KEY, [{"c", "b", "a"}, {"e", "d"}])
    assert (s.muc.f1, s.b_cubed.f1, s.ceaf_e.f1) == (1.0, 1.0, 1.0)


def test_twinless_mentions_count_against_both_sides():
    # key {a,b}, response {a,x}: no common link (MUC 0); B3: 1/2 per mention, 2 mentions -> 1/4;
    # CEAF-e: phi4 = 2*1/4 = 1/2 over one cluster each side
    s = score([{"a", "b"}], [{"a", "x"}])
    assert (s.muc.precision, s.muc.recall) == (0.0, 0.0)
    assert s.b_cubed.precision == pytest.approx(0.25) and s.b_cubed.recall == pytest.approx(0.25)
    assert s.ceaf_e.precision == pytest.approx(0.5) and s.ceaf_e.recall == pytest.approx(0.5)


def test_singletons_count_in_b_cubed_and_ceaf_but_not_muc():
    s = score([{"a"}, {"b"}], [{"a"}, {"b"}])
    assert s.muc.f1 == 0.0 and s.b_cubed.f1 == 1.0 and s.ceaf_e.f1 == 1.0


def test_best_assignment_finds_the_optimum_not_the_greedy_choice():
    # greedy takes 5 (row 0, col 0) and then 1; the best is 4 + 4
    assert best_assignment([[5, 4], [4, 1]]) == 8
    assert best_assignment([[1, 2, 3]]) == 3
    assert best_assignment([[1], [2], [3]]) == 3


def test_a_mention_in_two_clusters_is_an_error():
    with pytest.raises(ValueError):
        score([{"a", "b"}, {"b"}], [{"a"}])
