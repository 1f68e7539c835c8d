"""MEANTIME loading and the entity scores on a tiny hand-made folder; the eval command with real Frog."""
import json
import subprocess
import sys

import pytest

from kroniek.errors import InputError
from kroniek.eval.meantime import (Predicted, gold_named, load_corpus, score_entity_coref, score_named_mentions,
                                   write_predictions)

CONLL = """#begin document (corpus_x/1); part 000
corpus_x/1\t0\t0\tAirbus\t(cross_ORG1)
corpus_x/1\t0\t1\twint\t-

corpus_x/1\t1\t0\t01-Mar-08\t-

corpus_x/1\t2\t0\tLouis\t(cross_PER2
corpus_x/1\t2\t1\tGallois\tcross_PER2)
corpus_x/1\t2\t2\tvan\t-
corpus_x/1\t2\t3\tAirbus\t(cross_ORG1)
corpus_x/1\t2\t4\tsprak\t-
corpus_x/1\t2\t5\tin\t-
corpus_x/1\t2\t6\tParijs\t(cross_LOC3)
corpus_x/1\t2\t7\t.\t-
#end document
#begin document (corpus_x/2); part 000
corpus_x/2\t0\t0\tGallois\t(cross_PER2)
corpus_x/2\t0\t1\tvertrekt\t-

corpus_x/2\t1\t0\t02-Mar-08\t-
#end document
"""


def mention(doc, sent, tokens, head, kind, chain, pos="PROPN"):
    return {"conll_doc_key": doc, "sent_id": sent, "tokens_number": tokens, "mention_head_id": head,
            "mention_type": kind, "coref_chain": chain, "mention_head_pos": pos}


GOLD = [mention("corpus_x/1", 0, [0], 0, "ORG", "cross_ORG1"),
        mention("corpus_x/1", 2, [0, 1], 0, "PER", "cross_PER2"),
        mention("corpus_x/1", 2, [3], 3, "ORG", "cross_ORG1"),
        mention("corpus_x/1", 2, [6], 9, "LOC", "cross_LOC3"),       # head outside: the first token counts
        mention("corpus_x/1", 2, [2, 3], 2, "ORG", "cross_ORG1", "ADP"),  # no proper-noun head: not scored
        mention("corpus_x/2", 0, [0], 0, "PER", "cross_PER2"),
        mention("corpus_x/2", 0, [1], 1, "PRO", "cross_PRO9")]       # products are not scored


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "meantime.conll").write_text(CONLL, encoding="utf-8")
    (tmp_path / "entities_mentions.json").write_text(json.dumps(GOLD), encoding="utf-8")
    return tmp_path


def test_loading(folder):
    corpus = load_corpus(folder)
    doc = corpus.documents[0]
    assert doc.key == "corpus_x/1" and doc.dct.value == "2008-03-01"
    assert doc.text.split("\n\n")[2] == "Louis Gallois van Airbus sprak in Parijs ."
    s, e = doc.offsets[2][6]
    assert doc.text[s:e] == "Parijs"
    docs, gold = gold_named(corpus)
    assert docs == {"corpus_x/1", "corpus_x/2"}
    assert [(g.sentence, g.head, g.type) for g in gold] == [(0, 0, "ORG"), (2, 0, "PER"), (2, 3, "ORG"),
                                                            (2, 6, "LOC"), (0, 0, "PER")]


def test_named_mention_scores(folder):
    corpus = load_corpus(folder)
    pred = [Predicted("corpus_x/1", 0, 0, 1, "ORG", "org:airbus"),      # right
            Predicted("corpus_x/1", 2, 0, 2, "PER", "per:gallois"),     # right (head Louis inside)
            Predicted("corpus_x/1", 2, 3, 4, "PER", "per:airbus"),      # wrong type
            Predicted("corpus_x/1", 2, 6, 7, "LOC", "loc:parijs"),      # right
            Predicted("corpus_x/1", 2, 5, 6, "NORP", "norp:in"),        # not a scored type: ignored
            Predicted("corpus_x/2", 0, 0, 1, "PER", "per:gallois")]     # right
    counts = score_named_mentions(corpus, pred)
    # 4 of 5 predictions right, 4 of 5 gold found
    assert (counts["overall"].correct, counts["overall"].predicted, counts["overall"].gold) == (4, 5, 5)
    assert counts["PER"].precision == pytest.approx(2 / 3) and counts["ORG"].recall == pytest.approx(1 / 2)


def test_entity_coreference_on_matched_and_twinless_mentions(folder):
    corpus = load_corpus(folder)
    pred = [Predicted("corpus_x/1", 0, 0, 1, "ORG", "E1"), Predicted("corpus_x/1", 2, 3, 4, "ORG", "E1"),
            Predicted("corpus_x/1", 2, 0, 2, "PER", "E2"), Predicted("corpus_x/2", 0, 0, 1, "PER", "E2"),
            Predicted("corpus_x/1", 2, 6, 7, "LOC", "E3")]
    perfect = score_entity_coref(corpus, pred)
    assert perfect.conll_f1 == pytest.approx(1.0)
    # Gallois in document 2 put apart: MUC recall loses 1 of 2 links
    split = score_entity_coref(corpus, pred[:3] + [Predicted("corpus_x/2", 0, 0, 1, "PER", "E4"), pred[4]])
    assert split.muc.recall == pytest.approx(1 / 2) and split.muc.precision == 1.0


def test_predictions_file(folder, tmp_path):
    corpus = load_corpus(folder)
    out = tmp_path / "pred.txt"
    write_predictions(out, corpus, [Predicted("corpus_x/1", 2, 0, 2, "PER", "E2"),
                                    Predicted("corpus_x/1", 0, 0, 1, "NORP", "E9")])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "#begin document corpus_x/1" and lines[1] == "Airbus B-MISC"
    assert "Louis B-PER" in lines and "Gallois I-PER" in lines


def test_missing_files_are_named(tmp_path):
    with pytest.raises(InputError, match="meantime.conll"):
        load_corpus(tmp_path)


@pytest.mark.frog
def test_eval_command(folder):
    done = subprocess.run([sys.executable, "-m", "kroniek.cli.main", "eval", "meantime", str(folder),
                           "--format", "json"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)["entities"]
    assert data["gold_named_mentions"] == 5
    assert set(data["entity_coreference"]) == {"muc", "b_cubed", "ceaf_e", "conll_f1"}
