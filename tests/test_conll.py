"""CoNLL-2002 files and the conlleval score, on hand-made examples; the eval command with real Frog."""
import json
import subprocess
import sys

import pytest

from kroniek.errors import InputError
from kroniek.eval.conll import chunks, document_text, iob2, read_conll, score, write_predictions

SAMPLE = """-DOCSTART- -DOCSTART- O
Minister N O
Jeff N B-PER
Sessions N I-PER
sprak V O
in Prep O
Washington N B-LOC
. Punc O

De Art O
Amerikaanse Adj B-MISC
regering N O
. Punc O
"""


def test_conlleval_chunks():
    # I- after O or after another type opens a new entity, as conlleval reads it
    assert chunks(["B-PER", "I-PER", "O", "I-LOC", "B-ORG", "I-MISC"]) == {
        (0, 2, "PER"), (3, 4, "LOC"), (4, 5, "ORG"), (5, 6, "MISC")}
    assert chunks(["B-PER", "B-PER"]) == {(0, 1, "PER"), (1, 2, "PER")}


def test_score_counts_exact_span_and_type():
    gold = [["B-PER", "I-PER", "O", "B-LOC"], ["B-MISC", "O"]]
    pred = [["B-PER", "I-PER", "O", "B-ORG"], ["B-MISC", "I-MISC"]]
    s = score(gold, pred)
    # correct: PER only; predicted 4 (PER, ORG, MISC with a wrong span); gold 3
    overall = s.overall()
    assert (overall.correct, overall.predicted, overall.gold) == (1, 3, 3)
    assert overall.precision == pytest.approx(1 / 3) and overall.recall == pytest.approx(1 / 3)
    assert s.per_type["PER"].f1 == 1.0 and s.per_type["LOC"].recall == 0.0
    assert s.overall(("PER", "ORG", "LOC")).f1 == pytest.approx(0.5)
    assert s.accuracy == pytest.approx(4 / 6)


def test_read_write_round_trip(tmp_path):
    path = tmp_path / "mini.conll"
    path.write_text(SAMPLE, encoding="iso-8859-1")
    docs = read_conll(path)
    assert len(docs) == 1 and docs[0].docstart and len(docs[0].sentences) == 2
    assert docs[0].sentences[0].tags[1:3] == ["B-PER", "I-PER"]
    out = tmp_path / "pred.txt"
    write_predictions(out, docs, [[s.tags for s in docs[0].sentences]])
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "-DOCSTART- O" and lines[2] == "Jeff B-PER" and lines[8] == ""
    assert [l.split()[0] if l else "" for l in lines[:-1]] == [
        l.split()[0] if l else "" for l in SAMPLE.splitlines()]  # lines up with the gold file


def test_bad_tag_names_file_and_line(tmp_path):
    path = tmp_path / "bad.conll"
    path.write_text("Jeff N B-PER\nSessions N X-PER\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.conll:line 2: not an IOB tag"):
        read_conll(path)


def test_text_offsets_and_iob2():
    text, offsets = document_text([["Jeff", "Sessions"], ["Ja", "."]])
    assert text == "Jeff Sessions\nJa .\n"
    assert [text[s:e] for s, e in offsets[1]] == ["Ja", "."]
    assert iob2([(0, 2, "PER")], 3) == ["B-PER", "I-PER", "O"]


@pytest.mark.frog
def test_eval_command_scores_and_writes_predictions(tmp_path):
    path = tmp_path / "mini.conll"
    path.write_text(SAMPLE, encoding="iso-8859-1")
    out = tmp_path / "pred.txt"
    done = subprocess.run([sys.executable, "-m", "kroniek.cli.main", "eval", "conll2002", str(path),
                           "--predictions", str(out), "--format", "json"], capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data["overall"]["gold"] == 3
    assert data["types"]["PER"]["correct"] == 1  # "Minister" is a title, not part of the name
    assert data["types"]["MISC"]["correct"] == 1  # "Amerikaanse" is a group (NORP), scored as MISC
    assert "Sessions I-PER" in out.read_text(encoding="utf-8")
