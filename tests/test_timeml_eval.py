"""`kroniek eval timeml` on a few real TempEval-3 (TimeBank, AQUAINT) documents."""
import json
import re
import shutil
import subprocess
import sys

import pytest

from kroniek.eval.timeml import evaluate, tagger
from kroniek.temporal.timeml import read_timeml

from .conftest import DATA, need

TBAQ = DATA / "timeml" / "tempeval3-tbaq"
FILES = {"TimeBank": ["wsj_0006.tml", "ABC19980108.1830.0711.tml"], "AQUAINT": ["APW19980807.0261.tml"]}


@pytest.fixture(scope="module")
def gold_dir(tmp_path_factory):
    root = tmp_path_factory.mktemp("tbaq")
    for corpus, names in FILES.items():
        (root / corpus).mkdir()
        for name in names:
            shutil.copy(need(TBAQ / corpus / name), root / corpus / name)
    (root / "copies").mkdir()
    shutil.copy(TBAQ / "TimeBank" / "wsj_0006.tml", root / "copies" / "wsj_0006.tml")
    return root


def gold_count(path):
    """TIMEX3 tags in the file outside the DCT, counted without the reader."""
    text = path.read_text(encoding="utf-8")
    return len(re.findall(r"<TIMEX3\b", text)) - len(re.findall(r'functionInDocument="CREATION_TIME"', text))


def test_eval_on_real_documents_per_corpus(gold_dir, tmp_path):
    written = {}
    report = evaluate(gold_dir, tagger("en"), write=lambda rel, xml: written.__setitem__(str(rel), xml))
    assert set(report.corpora) == {"AQUAINT", "TimeBank"}
    assert report.corpora["TimeBank"].documents == 2 and report.corpora["AQUAINT"].documents == 1
    for corpus, names in FILES.items():
        assert report.corpora[corpus].gold == sum(gold_count(gold_dir / corpus / n) for n in names)
    assert report.total.gold == report.corpora["TimeBank"].gold + report.corpora["AQUAINT"].gold
    assert report.duplicates == [(str(gold_dir / "copies" / "wsj_0006.tml"),
                                  str(gold_dir / "TimeBank" / "wsj_0006.tml"))]
    s = report.total.scores()
    assert 0.6 <= s["relaxed_f1"] <= 1.0
    assert s["strict_f1"] <= s["relaxed_f1"]
    assert s["value_f1"] <= s["relaxed_f1"]
    # our TimeML for each gold file, with the gold text unchanged
    assert sorted(written) == ["AQUAINT/APW19980807.0261.tml", "TimeBank/ABC19980108.1830.0711.tml",
                               "TimeBank/wsj_0006.tml"]
    out = tmp_path / "ours.tml"
    out.write_text(written["TimeBank/wsj_0006.tml"], encoding="utf-8")
    assert read_timeml(out).text == read_timeml(gold_dir / "TimeBank" / "wsj_0006.tml").text


def test_gold_against_itself_scores_one(gold_dir):
    def perfect(text, dct, docid):
        doc = next(read_timeml(p) for p in gold_dir.rglob("*.tml") if read_timeml(p).docid == docid)
        return doc.timexes, ""

    s = evaluate(gold_dir, perfect).total.scores()
    assert all(s[k] == 1.0 for k in ("strict_f1", "relaxed_f1", "value_f1", "value_accuracy", "type_accuracy"))


def test_cli_reports_json_writes_predictions_and_errors(gold_dir, tmp_path):
    pred, errors = tmp_path / "pred", tmp_path / "errors.tsv"
    result = subprocess.run([sys.executable, "-m", "kroniek.cli.main", "eval", "timeml", str(gold_dir),
                             "--format", "json", "--predictions", str(pred), "--errors", str(errors)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data["corpora"]) == {"AQUAINT", "TimeBank"}
    assert data["overall"]["counts"]["documents"] == 3
    assert 0 < data["overall"]["scores"]["relaxed_f1"] <= 1
    assert len(data["duplicates_skipped"]) == 1
    assert (pred / "TimeBank" / "wsj_0006.tml").exists()
    assert errors.read_text(encoding="utf-8").startswith("kind\tcorpus\tdoc")


def test_cli_text_table_and_bad_gold(gold_dir, tmp_path):
    result = subprocess.run([sys.executable, "-m", "kroniek.cli.main", "eval", "timeml", str(gold_dir)],
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "TimeBank: 2 documents" in result.stdout and "overall: 3 documents" in result.stdout
    assert "relaxed span" in result.stdout and "value accuracy" in result.stdout
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "x.tml").write_text("<TimeML><TEXT>oops</TimeML>", encoding="utf-8")
    broken = subprocess.run([sys.executable, "-m", "kroniek.cli.main", "eval", "timeml", str(bad)],
                            capture_output=True, text=True, timeout=300)
    assert broken.returncode == 3
    assert "x.tml:line 1: malformed XML" in broken.stderr and "Traceback" not in broken.stderr
