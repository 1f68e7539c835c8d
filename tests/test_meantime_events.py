"""The MEANTIME event scorer on a hand-made three-document example, worked out by hand."""
import pytest

from kroniek.eval.meantime import Corpus, Document, GoldMention
from kroniek.eval.meantime_events import PredictedEvent, score_detection, score_event_coref

from .conftest import DATA


def gold(doc, sentence, head, chain):
    return GoldMention(doc, sentence, (head,), head, "OTH", chain, "VERB")


@pytest.fixture
def example():
    docs = [Document(key, [["t"] * 6, ["01-Mar-08"], ["w"] * 6]) for key in ("d1", "d2", "d3")]
    events = [gold("d1", 0, 1, "A"), gold("d1", 2, 3, "A"), gold("d1", 2, 5, "B"),
              gold("d2", 0, 0, "A"), gold("d2", 2, 2, "C"), gold("d3", 2, 1, "B")]
    predicted = [PredictedEvent("d1", 0, 1, 1), PredictedEvent("d1", 2, 3, 1), PredictedEvent("d1", 2, 5, 2),
                 PredictedEvent("d2", 0, 0, 2), PredictedEvent("d2", 2, 2, 3),
                 PredictedEvent("d3", 2, 4, 3)]  # a mention with no gold twin
    return Corpus(docs, [], events), predicted


def test_detection(example):
    corpus, predicted = example
    head = score_detection(corpus, predicted)["head"]
    assert (head.correct, head.predicted, head.gold) == (5, 6, 6)
    assert head.precision == pytest.approx(5 / 6) and head.recall == pytest.approx(5 / 6)


def test_coreference_figures_worked_out_by_hand(example):
    # key: A = {d1.0.1, d1.2.3, d2.0.0}, B = {d1.2.5, d3.2.1}, C = {d2.2.2}
    # response: R1 = {A, A}, R2 = {B, A}, R3 = {C, twinless}
    corpus, predicted = example
    s = score_event_coref(corpus, predicted)
    # MUC: recall (1 + 0 + 0) / (2 + 1 + 0); precision (1 + 0 + 0) / (1 + 1 + 1)
    assert s.muc.recall == pytest.approx(1 / 3) and s.muc.precision == pytest.approx(1 / 3)
    # B³: recall (4/3 + 1/3 + 1/2 + 1) / 6 = 19/36; precision (2 + 1/2 + 1/2 + 1/2) / 6 = 7/12
    assert s.b_cubed.recall == pytest.approx(19 / 36) and s.b_cubed.precision == pytest.approx(7 / 12)
    # CEAF-e: best alignment A-R1 0.8 + B-R2 0.5 + C-R3 2/3 = 59/30, over 3 key and 3 response clusters
    assert s.ceaf_e.recall == pytest.approx(59 / 90) and s.ceaf_e.precision == pytest.approx(59 / 90)
    b3_f1 = 2 * (7 / 12) * (19 / 36) / (7 / 12 + 19 / 36)
    assert s.conll_f1 == pytest.approx((1 / 3 + b3_f1 + 59 / 90) / 3)


@pytest.mark.slow
def test_meantime_dutch_event_targets(annotator):
    from kroniek.eval import meantime_events
    from kroniek.eval.meantime import load_corpus

    corpus = load_corpus(DATA / "meantime" / "nl")
    predicted = meantime_events.predict_events(corpus, annotator, "nl")
    report = meantime_events.report(corpus, predicted)
    assert report["event_mentions"]["head"]["f1"] >= 0.65
    assert report["event_coreference"]["conll_f1"] >= 0.50
