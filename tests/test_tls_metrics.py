"""TLS evaluation (kroniek.eval.tls): Date-F1, concat and align+ m:1 ROUGE worked by hand; loading Timeline17.

Conventions used in the arithmetic below: ROUGE tokens are lower-cased
alphanumeric runs (punctuation dropped), Porter-stemmed when longer than
three characters; overlap(X, Y) = sum over N-grams of min(count in X,
count in Y); w(d, r) = 1 / (|d - r| + 1) with |d - r| in days; the
alignment cost is (1 - w) * (1 - sim), sim the F1 of whitespace-token
overlap.
"""
from datetime import date

import pytest

from kroniek.errors import InputError, UsageError
from kroniek.eval.tls import (PRF, TimelineScores, align_m1_rouge, concat_rouge, date_f1, load_topics,
                              m1_alignments, mean, read_predictions, read_timelines, score_timeline, task_params,
                              write_predictions)

from .conftest import DATA, need

TIMELINE17 = DATA / "tls" / "timeline17"
JAN = [None] + [date(2010, 1, day) for day in range(1, 32)]  # JAN[d] is 1 January 2010 + (d - 1) days
METRICS = ("dates", "concat_rouge1", "concat_rouge2", "align_rouge1", "align_rouge2")


def f1(p, r):
    return 2 * p * r / (p + r) if p + r else 0.0


def test_identical_timelines_score_one_everywhere():
    gold = [(JAN[1], ["BP 's oil rig explodes in the Gulf ."]),
            (JAN[5], ["The well is capped .", "Oil stops flowing ."])]
    scores = score_timeline(gold, gold)
    # Every predicted date is its own gold date (cost 0, weight 1), so every
    # overlap equals the N-gram count on both sides: P = R = 1.
    for name in METRICS:
        prf = getattr(scores, name)
        assert (prf.precision, prf.recall, prf.f1) == pytest.approx((1.0, 1.0, 1.0)), name


def test_disjoint_dates_give_date_f1_zero_but_concat_ignores_dates():
    gold = [(JAN[1], ["the cat sat"]), (JAN[2], ["on the mat"])]
    predicted = [(date(2010, 2, 1), ["the cat sat"]), (date(2010, 2, 2), ["on the mat"])]
    scores = score_timeline(predicted, gold)
    # No shared date: P = 0/2, R = 0/2.
    assert scores.dates == PRF(0.0, 0.0)
    assert scores.dates.f1 == 0.0
    # concat joins all sentences: the same six tokens on both sides.
    assert scores.concat_rouge1.f1 == pytest.approx(1.0)
    assert scores.concat_rouge2.f1 == pytest.approx(1.0)
    # align: 1 Feb is 31 days after 1 Jan (weight 1/32), 2 Feb 31 days after
    # 2 Jan; both far dates cost (1 - 1/32) * (1 - 1) = 0 with their own text.
    assert scores.align_rouge1.precision == pytest.approx(1 / 32)


def test_date_one_day_off_with_identical_text_gets_half_weight():
    text = ["The cat sat on the mat ."]
    gold = [(JAN[1], text)]
    predicted = [(JAN[2], text)]
    scores = score_timeline(predicted, gold)
    # f_P(2 Jan) = 1 Jan and f_R(1 Jan) = 2 Jan (the only candidates); w = 1 / (1 + 1) = 1/2.
    # ROUGE-1: tokens the cat sat on the mat (6), overlap 6:
    #   P = 1/2 * 6 / 6 = 0.5, R = 1/2 * 6 / 6 = 0.5, F1 = 0.5.
    # ROUGE-2: 5 bigrams, overlap 5: P = R = 1/2 * 5 / 5 = 0.5.
    assert m1_alignments(predicted, gold) == ({JAN[2]: JAN[1]}, {JAN[1]: JAN[2]})
    for prf in (scores.align_rouge1, scores.align_rouge2):
        assert (prf.precision, prf.recall, prf.f1) == pytest.approx((0.5, 0.5, 0.5))
    assert scores.dates.f1 == 0.0
    assert scores.concat_rouge1.f1 == pytest.approx(1.0)


def test_concat_rouge_with_a_known_bigram_overlap():
    predicted = [(JAN[1], ["The cat sat on the mat ."])]
    gold = [(JAN[3], ["the cat lay on the mat"])]
    scores = concat_rouge(predicted, gold)
    # Unigrams: predicted the x2, cat, sat, on, mat (6); gold the x2, cat, lay, on, mat (6);
    #   overlap the 2 + cat + on + mat = 5 -> P = R = 5/6.
    assert (scores[1].precision, scores[1].recall) == pytest.approx((5 / 6, 5 / 6))
    # Bigrams: predicted the-cat cat-sat sat-on on-the the-mat (5), gold the-cat cat-lay lay-on on-the the-mat (5);
    #   overlap the-cat, on-the, the-mat = 3 -> P = R = F1 = 3/5.
    assert (scores[2].precision, scores[2].recall, scores[2].f1) == pytest.approx((0.6, 0.6, 0.6))


def test_concat_joins_sentences_so_bigrams_cross_sentence_and_date_boundaries():
    predicted = [(JAN[1], ["the cat sat on the mat"])]
    gold = [(JAN[1], ["the cat"]), (JAN[2], ["sat on the mat"])]
    # Gold joined in date order: "the cat sat on the mat" -> the bigram cat-sat exists.
    assert concat_rouge(predicted, gold)[2].f1 == pytest.approx(1.0)


def test_many_to_one_alignment_precision_and_recall_go_different_ways():
    gold = [(JAN[1], ["alpha beta gamma delta"]), (JAN[10], ["epsilon zeta eta theta"])]
    predicted = [(JAN[1], ["alpha beta"]), (JAN[2], ["gamma delta"])]
    # Costs (1 - w) * (1 - sim):
    #   pred 1 Jan / gold 1 Jan:  (1 - 1) * ...                    = 0
    #   pred 1 Jan / gold 10 Jan: (1 - 1/10) * (1 - 0)             = 0.9
    #   pred 2 Jan / gold 1 Jan:  (1 - 1/2) * (1 - 2/3) = 1/6      (sim: overlap 2, P 2/2, R 2/4, F1 2/3)
    #   pred 2 Jan / gold 10 Jan: (1 - 1/9) * (1 - 0)              = 8/9
    # f_P: both predicted dates go to gold 1 Jan (many-to-one).
    # f_R: gold 1 Jan -> pred 1 Jan (0 < 1/6); gold 10 Jan -> pred 2 Jan (8/9 < 0.9).
    to_gold, to_predicted = m1_alignments(predicted, gold)
    assert to_gold == {JAN[1]: JAN[1], JAN[2]: JAN[1]}
    assert to_predicted == {JAN[1]: JAN[1], JAN[10]: JAN[2]}
    scores = align_m1_rouge(predicted, gold)
    # ROUGE-1: P = (1 * 2 + 1/2 * 2) / (2 + 2) = 3/4;
    #          R = (1 * 2 + 1/9 * 0) / (4 + 4) = 1/4; F1 = 2 * 3/16 / 1 = 3/8.
    # The predicted "gamma delta" earns precision (via f_P) but no recall:
    # gold 1 Jan is paired with predicted 1 Jan alone.
    assert (scores[1].precision, scores[1].recall, scores[1].f1) == pytest.approx((0.75, 0.25, 0.375))
    # ROUGE-2: pred alpha-beta and gamma-delta each overlap gold 1 Jan's alpha-beta beta-gamma gamma-delta once;
    #          P = (1 * 1 + 1/2 * 1) / (1 + 1) = 3/4; R = (1 * 1 + 0) / (3 + 3) = 1/6; F1 = 3/11.
    assert (scores[2].precision, scores[2].recall, scores[2].f1) == pytest.approx((0.75, 1 / 6, 3 / 11))


def test_alignment_cost_lets_content_beat_a_closer_date_and_ties_go_to_the_earliest():
    gold = [(JAN[1], ["oil leak"]), (JAN[4], ["well capped"])]
    predicted = [(JAN[2], ["well capped"])]
    # pred 2 Jan / gold 1 Jan: (1 - 1/2) * (1 - 0) = 0.5; / gold 4 Jan: (1 - 1/3) * (1 - 1) = 0.
    to_gold, to_predicted = m1_alignments(predicted, gold)
    assert to_gold == {JAN[2]: JAN[4]}
    assert to_predicted == {JAN[1]: JAN[2], JAN[4]: JAN[2]}
    rouge1 = align_m1_rouge(predicted, gold)[1]
    # P = 1/3 * 2 / 2 = 1/3; R = (1/2 * 0 + 1/3 * 2) / (2 + 2) = 1/6; F1 = 2 * 1/18 / (1/2) = 2/9.
    assert (rouge1.precision, rouge1.recall, rouge1.f1) == pytest.approx((1 / 3, 1 / 6, 2 / 9))
    # 2 Jan halfway between 1 Jan and 3 Jan, no shared word: both cost 0.5 -> the earlier one.
    tie_gold = [(JAN[1], ["oil leak"]), (JAN[3], ["well capped"])]
    assert m1_alignments([(JAN[2], ["nothing shared"])], tie_gold)[0] == {JAN[2]: JAN[1]}


def test_empty_predictions_score_zero():
    gold = [(JAN[1], ["the cat sat"]), (JAN[2], ["on the mat"])]
    for predicted in ([], {}):
        scores = score_timeline(predicted, gold)
        for name in METRICS:
            prf = getattr(scores, name)
            assert (prf.precision, prf.recall, prf.f1) == (0.0, 0.0, 0.0), name
    assert m1_alignments([], gold) == ({}, {})
    # A predicted date with no sentences counts as a date but has no N-grams.
    scores = score_timeline({JAN[1]: []}, gold)
    assert scores.dates.precision == 1.0 and scores.dates.recall == 0.5
    assert scores.align_rouge1.f1 == 0.0 and scores.concat_rouge1.f1 == 0.0


def test_tokenisation_lowercases_drops_punctuation_and_stems():
    gold = [(JAN[1], ["oil spill"])]
    predicted = [(JAN[1], ["Oil spills ."])]
    # Stemmed: oil spill / oil spill -> 1.0. Unstemmed: oil spills / oil spill -> overlap 1 of 2.
    assert concat_rouge(predicted, gold)[1].f1 == pytest.approx(1.0)
    assert concat_rouge(predicted, gold, stem=False)[1].f1 == pytest.approx(0.5)
    # Stopwords are dropped before the N-grams: "the cat" / "a cat" -> cat / cat.
    assert concat_rouge([(JAN[1], ["the cat"])], [(JAN[1], ["a cat"])], stopwords={"the", "a"})[1].f1 == 1.0


def test_date_f1_counts_sets():
    predicted = {JAN[1]: ["x"], JAN[2]: ["y"], JAN[3]: ["z"]}
    gold = {JAN[2]: ["y"], JAN[3]: ["z"], JAN[4]: ["w"], JAN[5]: ["v"]}
    # shared {2, 3}: P = 2/3, R = 2/4.
    assert date_f1(predicted, gold) == PRF(2 / 3, 0.5)
    assert date_f1(predicted, gold).f1 == pytest.approx(f1(2 / 3, 0.5))


def test_mean_averages_precision_and_recall_then_takes_f1():
    perfect_p = PRF(1.0, 0.0)
    perfect_r = PRF(0.0, 1.0)
    a = TimelineScores(*([perfect_p] * 5))
    b = TimelineScores(*([perfect_r] * 5))
    # Mean P = 0.5, mean R = 0.5 -> F1 0.5 (the mean of the two F1s would be 0).
    averaged = mean([a, b])
    assert averaged.align_rouge1 == PRF(0.5, 0.5) and averaged.align_rouge1.f1 == 0.5
    with pytest.raises(UsageError):
        mean([])


def test_task_params_round_halves_to_even_and_give_the_gold_range():
    # 2 + 3 sentences over 2 dates: mean 2.5 -> round() gives 2 (news-tls uses Python's round).
    params = task_params([(JAN[3], ["a", "b"]), (JAN[1], ["c", "d", "e"])])
    assert (params.L, params.K, params.mean_sentences) == (2, 2, 2.5)
    assert (params.start, params.end) == (JAN[1], JAN[3])
    assert params.in_range(JAN[2]) and not params.in_range(JAN[4])
    # 3 + 4 over 2 dates: 3.5 -> 4.
    assert task_params([(JAN[1], ["a"] * 3), (JAN[2], ["b"] * 4)]).K == 4
    assert task_params([(JAN[5], ["a"])], extension_days=7).start == date(2009, 12, 29)


def _topic(root, name, timelines_text, articles=True):
    folder = root / name
    folder.mkdir(parents=True)
    (folder / "timelines.jsonl").write_text(timelines_text, encoding="utf-8")
    if articles:
        (folder / "articles.jsonl").write_text('{"id": "1", "time": "2010-01-01", "text": "x ."}\n')
    (folder / "keywords.json").write_text('["demo"]')
    return folder


def test_load_topics_sorts_dates_and_keeps_the_last_duplicate_like_news_tls(tmp_path):
    _topic(tmp_path, "demo_src",
           '[["2010-01-03", ["c . \\n"]], ["2010-01-01", ["a ."]], ["2010-01-03", ["d .", "e ."]]]\n'
           '\n'
           '[["2010-02-01T00:00:00", ["f ."]]]\n')
    (topic,) = load_topics(tmp_path)
    assert topic.name == "demo_src" and topic.keywords == ["demo"]
    assert topic.articles_path == tmp_path / "demo_src" / "articles.jsonl"
    assert topic.timelines == [[(JAN[1], ["a ."]), (JAN[3], ["d .", "e ."])],
                               [(date(2010, 2, 1), ["f ."])]]
    (merged, _) = load_topics(tmp_path, duplicates="merge")[0].timelines
    assert merged == [(JAN[1], ["a ."]), (JAN[3], ["c .", "d .", "e ."])]
    with pytest.raises(InputError, match=r"timelines\.jsonl:line 1: item 3: date 2010-01-03 occurs twice"):
        load_topics(tmp_path, duplicates="error")


@pytest.mark.parametrize("line, reason", [
    ('[["2010-01-01", ["a"]]', "not JSON"),
    ('{"2010-01-01": ["a"]}', "must be a JSON list"),
    ('[["2010-13-01", ["a"]]]', "item 1: '2010-13-01' is not a date"),
    ('[["2010-01-01", "a"]]', "item 1: the sentences must be a list of strings"),
    ('[["2010-01-01"]]', r"item 1: expected \[date"),
    ("[]", "empty timeline"),
])
def test_malformed_timelines_name_file_and_line(tmp_path, line, reason):
    folder = _topic(tmp_path, "bad_src", '[["2010-01-01", ["fine"]]]\n' + line + "\n")
    with pytest.raises(InputError, match=reason) as caught:
        load_topics(tmp_path)
    assert caught.value.path == str(folder / "timelines.jsonl")
    assert caught.value.where == "line 2"


def test_missing_files_and_folders_are_clear_errors(tmp_path):
    with pytest.raises(UsageError, match="not a folder"):
        load_topics(tmp_path / "nope")
    with pytest.raises(UsageError, match="no topic folders"):
        load_topics(tmp_path)
    _topic(tmp_path, "x_src", '[["2010-01-01", ["a"]]]\n', articles=False)
    with pytest.raises(InputError, match=r"articles\.jsonl: file missing"):
        load_topics(tmp_path)


def test_write_predictions_one_line_per_gold_timeline_in_gold_order(tmp_path):
    _topic(tmp_path / "data", "demo_src", '[["2010-01-01", ["a ."]]]\n[["2010-01-05", ["b ."]]]\n')
    (topic,) = load_topics(tmp_path / "data")
    path = write_predictions(tmp_path / "out", topic, [{JAN[3]: ["z ."], JAN[2]: ["y ."]}, []])
    assert path == tmp_path / "out" / "demo_src" / "timelines.jsonl"
    assert path.read_text().splitlines() == ['[["2010-01-02", ["y ."]], ["2010-01-03", ["z ."]]]', "[]"]
    assert read_predictions(tmp_path / "out", topic) == [[(JAN[2], ["y ."]), (JAN[3], ["z ."])], []]
    assert read_timelines(path, allow_empty=True)[1] == []
    with pytest.raises(UsageError, match="1 predicted timelines for 2 gold"):
        write_predictions(tmp_path / "out", topic, [[]])


def test_real_timeline17_folder():
    topics = load_topics(need(TIMELINE17))
    by_name = {t.name: t for t in topics}
    assert sum(len(t.timelines) for t in topics) == 9
    assert sum(len(t.timelines) for t in topics if t.name.startswith("bpoil_")) == 5
    assert sum(len(t.timelines) for t in topics if t.name.startswith("H1N1_")) == 3
    assert sum(len(t.timelines) for t in topics if t.name.startswith("MJ_")) == 1
    for topic in topics:
        assert topic.articles_path.is_file()
        for timeline in topic.timelines:
            params = task_params(timeline)
            assert params.L > 0 and params.K > 0
            assert params.start == timeline[0][0] <= params.end == timeline[-1][0]
            assert [d for d, _ in timeline] == sorted({d for d, _ in timeline})
    # H1N1_bbc lists 9 entries on 7 dates (1 May and 29 April twice); the last entry of a date wins:
    # 32 sentences on 7 dates, mean 4.57 -> K = 5 (merging would give 40 / 7 = 5.71 -> 6).
    h1n1_bbc = task_params(by_name["H1N1_bbc"].timelines[0])
    assert (h1n1_bbc.L, h1n1_bbc.K) == (7, 5)
    mj = by_name["MJ_bbc"].timelines[0]
    assert task_params(mj).L == 37
    assert score_timeline(mj, mj).align_rouge2.f1 == pytest.approx(1.0)
