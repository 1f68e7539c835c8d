"""The Frog integration, with the real Frog program."""
import os

import pytest

from kroniek.entities.langdata import entity_data
from kroniek.entities.mentions import mentions_from_tags, spans_from_iob
from kroniek.errors import ExternalToolError
from kroniek.nlp.frog import Frog


def test_frog_tags_our_own_tokens(frog):
    [tokens] = frog.analyse([["De", "minister", "Jeff", "Sessions", "zei", "gisteren", "iets", "."]])
    assert [t.word for t in tokens] == ["De", "minister", "Jeff", "Sessions", "zei", "gisteren", "iets", "."]
    assert [t.ner for t in tokens][2:4] == ["B-PER", "I-PER"]
    assert tokens[4].lemma == "zeggen" and tokens[4].pos.startswith("WW(pv,verl")


def test_frog_keeps_step_over_many_sentences(frog):
    sentences = [["Zin", str(n), "in", "Amsterdam", "."] for n in range(200)]
    out = frog.analyse(sentences)
    assert len(out) == 200 and all(len(s) == 5 for s in out)
    assert out[199][3].ner == "B-LOC"


def test_odd_tokens_do_not_break_the_protocol(frog):
    out = frog.analyse([["EOT", "READY", "<b>", "a\tb"], ["x"] * 300, ["."]])
    assert [len(s) for s in out] == [4, 300, 1]


def test_frog_runs_single_threaded():
    with Frog() as f:
        env = open(f"/proc/{f._proc.pid}/environ", "rb").read().split(b"\0")
        assert b"OMP_NUM_THREADS=1" in env


def test_close_kills_the_process():
    f = Frog()
    pid = f._proc.pid
    f.close()
    assert f._proc.poll() is not None
    with pytest.raises(ProcessLookupError):
        os.kill(pid, 0)


def test_missing_frog_is_a_clear_error():
    with pytest.raises(ExternalToolError, match="apt-get install"):
        Frog("frog-that-does-not-exist")


def test_titles_articles_and_prepositions_stay_out_of_names(frog):
    words = ["Het", "beleid", "van", "president", "Trump", "en", "minister", "Jeff", "Sessions", "."]
    text = " ".join(words)
    offsets, pos = [], 0
    for w in words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    [tokens] = frog.analyse([words])
    mentions = mentions_from_tags(text, offsets, [t.ner for t in tokens], entity_data("nl"))
    names = {m.text: m.title for m in mentions}
    assert names.get("Trump") == "president"
    assert names.get("Jeff Sessions") == "minister"


def test_trimming_rules_on_hand_made_tags():
    data = entity_data("nl")
    words = ["van", "President", "Trump", "zei", "Van", "Gogh"]
    text = " ".join(words)
    offsets, pos = [], 0
    for w in words:
        offsets.append((pos, pos + len(w)))
        pos += len(w) + 1
    tags = ["B-PER", "I-PER", "I-PER", "O", "B-PER", "I-PER"]
    mentions = mentions_from_tags(text, offsets, tags, data)
    assert [(m.text, m.title) for m in mentions] == [("Trump", "President"), ("Van Gogh", None)]


def test_iob_spans():
    assert spans_from_iob(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "B-ORG"]) == [
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "ORG")]
