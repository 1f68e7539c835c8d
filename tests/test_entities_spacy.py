"""The optional spaCy backend, with a tiny pipeline trained inside the test (no model can be downloaded)."""
import random

import pytest

from kroniek.entities.backends import parse_backend, spacy_analyse
from kroniek.errors import ExternalToolError, UsageError
from kroniek.model import Article
from kroniek.pipeline import Annotator
from kroniek.temporal.dct import parse_dct

TRAIN = [
    ("Jeff Sessions met the ambassador.", [(0, 13, "PERSON")]),
    ("The ambassador met Jeff Sessions.", [(19, 32, "PERSON")]),
    ("Airbus builds planes in Toulouse.", [(0, 6, "ORG"), (24, 32, "GPE")]),
    ("Planes are built by Airbus.", [(20, 26, "ORG")]),
    ("Sessions visited Toulouse.", [(0, 8, "PERSON"), (17, 25, "GPE")]),
]


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory):
    import spacy
    from spacy.training import Example

    random.seed(1)
    nlp = spacy.blank("en")
    ner = nlp.add_pipe("ner")
    for _, ents in TRAIN:
        for *_, label in ents:
            ner.add_label(label)
    optimizer = nlp.initialize()
    examples = [Example.from_dict(nlp.make_doc(t), {"entities": e}) for t, e in TRAIN]
    for _ in range(40):
        random.shuffle(examples)
        nlp.update(examples, sgd=optimizer, drop=0.0)
    folder = tmp_path_factory.mktemp("spacy") / "tiny_en"
    nlp.to_disk(folder)
    return str(folder)


def test_backend_setting():
    assert parse_backend(None).kind == "frog" and parse_backend("frog-fast").frog_ner is False
    assert parse_backend("spacy:en_core_web_sm").model == "en_core_web_sm"
    with pytest.raises(UsageError, match="unknown entity backend"):
        parse_backend("stanza")


def test_spacy_tags_align_to_our_tokens(tiny_model):
    text = "Jeff Sessions met the ambassador."
    tags = spacy_analyse(tiny_model, text, [[(0, 4), (5, 13), (14, 17), (18, 21), (22, 32), (32, 33)]])
    assert [t.ner for t in tags[0]][:3] == ["B-PERSON", "I-PERSON", "O"]


def test_annotator_uses_the_selected_pipeline(tiny_model):
    ann = Annotator(lang="en", ner_backend=f"spacy:{tiny_model}")
    art = Article(text="Jeff Sessions met the ambassador. Planes are built by Airbus.",
                  dct=parse_dct("2017-03-02"), ext_id="e1")
    mentions = ann.annotate(art).mentions
    got = {(m.text, m.type) for m in mentions}
    assert ("Jeff Sessions", "PER") in got and ("Airbus", "ORG") in got
    assert all(m.source != "heuristic" for m in mentions)


def test_missing_pipeline_is_a_clear_error():
    ann = Annotator(lang="en", ner_backend="spacy:no_such_pipeline_here")
    art = Article(text="Jeff Sessions met the ambassador.", dct=parse_dct("2017-03-02"), ext_id="e2")
    with pytest.raises(ExternalToolError, match="cannot load the spaCy pipeline"):
        ann.annotate(art)
