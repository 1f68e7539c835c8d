"""Frog's entity model compiled to IGTree: the tree dump, the settings, the cache, real Frog with it."""
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import pytest

from kroniek.errors import ExternalToolError
from kroniek.nlp.frog import Frog
from kroniek.nlp.frog_model import (compiled_settings, dump_instances, frog_data_dir, ner_settings_file,
                                    read_settings, settings_text)
from kroniek.pipeline import Annotator

from .conftest import DPG, need

INSTANCES = [
    "de Trump N B-per", "de Trump N B-per", "de Trump N B-per",
    "de Trump N O",
    "in Amsterdam N B-loc", "in Amsterdam N B-loc",
    "de minister N O",
    "van Gogh N I-per",
]


def _timbl_tree(tmp_path: Path, lines: list[str]) -> Path:
    """A complete (IB1) Timbl tree learned by the real timbl program."""
    source = tmp_path / "train.inst"
    source.write_text("\n".join(lines) + "\n", encoding="utf-8")
    tree = tmp_path / "train.ib1"
    subprocess.run(["timbl", "-a0", "-FColumns", "-f", str(source), "-I", str(tree), "+vS"], cwd=tmp_path,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    assert tree.read_text(encoding="utf-8").startswith("# Status: complete")
    return tree


def test_dump_gives_back_every_training_instance_with_its_count(tmp_path):
    tree = _timbl_tree(tmp_path, INSTANCES)
    out = tmp_path / "dump.inst"
    assert dump_instances(tree, out) == 8
    assert Counter(out.read_text(encoding="utf-8").splitlines()) == Counter(INSTANCES)


def test_dump_refuses_a_pruned_tree(tmp_path):
    source = tmp_path / "train.inst"
    source.write_text("\n".join(INSTANCES) + "\n", encoding="utf-8")
    subprocess.run(["timbl", "-a1", "-FColumns", "-f", str(source), "-I", str(tmp_path / "t.igtree"), "+vS"],
                   cwd=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    with pytest.raises(ExternalToolError, match="not a complete Timbl tree"):
        dump_instances(tmp_path / "t.igtree", tmp_path / "out.inst")


def test_settings_point_at_frogs_files_and_the_compiled_tree(tmp_path):
    data = tmp_path / "frogdata"
    data.mkdir()
    for name in ("ner.lex", "ner.known", "ner.unknown"):
        (data / name).write_text("x", encoding="utf-8")
    lines = read_settings(_write(data / "ner.settings", "ENRICHED\ne EL\nl ner.lex\nk ner.known\nu ner.unknown\n"
                                 "p ddwfWawa\nO +vS -G -FColumns K: -a4 U: -a4 -mM -k19 -dID\n"))
    text = settings_text(lines, data, tmp_path / "cache" / "known.igtree").splitlines()
    assert f"l {data / 'ner.lex'}" in text and f"u {data / 'ner.unknown'}" in text
    assert f"k {tmp_path / 'cache' / 'known.igtree'}" in text
    assert "O +vS -G -FColumns K: -a1 U: -a4 -mM -k19 -dID" in text
    assert "p ddwfWawa" in text and "ENRICHED" in text


def test_settings_without_a_known_word_part_are_refused(tmp_path):
    with pytest.raises(ExternalToolError, match="unexpected options"):
        settings_text([("O", "+vS -a4")], tmp_path, tmp_path / "t")


def _write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_frog_data_and_its_entity_settings_are_found():
    data = frog_data_dir()
    assert data is not None and ner_settings_file(data).name == "nergen.data.settings"


def test_missing_timbl_is_a_clear_error(tmp_path):
    with pytest.raises(ExternalToolError, match="timbl"):
        compiled_settings(cache=tmp_path, timbl="timbl-that-does-not-exist")
    assert not any((tmp_path / "frog-ner").glob("*/ner.settings"))


def test_the_compiled_model_is_built_once_and_reused():
    first = compiled_settings()
    stamp = first.stat().st_mtime_ns
    assert compiled_settings() == first and first.stat().st_mtime_ns == stamp
    text = first.read_text(encoding="utf-8")
    assert "K: -a1 U:" in text and f"k {first.parent / 'known.igtree'}" in text
    assert (first.parent / "known.igtree").read_text(encoding="utf-8").startswith("# Status: pruned")


def test_backends_start_frog_with_and_without_the_compiled_model():
    for backend, compiled in (("frog", True), ("frog-exact", False)):
        ann = Annotator(ner_backend=backend, lang="nl")
        try:
            cmdline = Path(f"/proc/{ann.frog()._proc.pid}/cmdline").read_bytes().split(b"\0")
            assert any(arg.startswith(b"NER.settings=") for arg in cmdline) is compiled
        finally:
            ann.close()


@pytest.mark.slow
def test_compiled_and_shipped_models_agree_on_nearly_every_tag(frog):
    import json

    from kroniek.nlp.segment import segment

    texts = [json.loads(line)["text"] for line in need(DPG).open(encoding="utf-8")][:20]
    words = []
    for text in texts:
        seg = segment(text, "nl")
        words.extend([text[s:e] for s, e in toks] for toks in seg.tokens)
    with Frog() as shipped:
        exact = [t.ner for s in shipped.analyse(words) for t in s]
    fast = [t.ner for s in frog.analyse(words) for t in s]
    names = sum(tag != "O" for tag in exact)
    differ = sum(a != b for a, b in zip(exact, fast))
    assert len(exact) == len(fast) > 5000 and names > 300
    # Measured: 151 of 26,485 tags differ on the first 60 articles (0.6 %).
    assert differ / len(exact) < 0.02


def test_timbl_is_installed():
    assert shutil.which("timbl"), "make setup installs the Debian package timbl"


def test_an_unwritable_cache_is_a_clear_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the cache folder should be", encoding="utf-8")
    with pytest.raises(ExternalToolError, match="KRONIEK_CACHE"):
        compiled_settings(cache=blocker / "cache")


def test_a_relative_cache_folder_is_taken_from_the_working_folder(tmp_path, monkeypatch):
    from kroniek.nlp.frog_model import cache_dir

    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("KRONIEK_CACHE", "relative/dir")
    assert cache_dir() == tmp_path / "relative" / "dir"
