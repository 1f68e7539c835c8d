"""Paragraphs, intertitles and sentences with offsets into the text."""
from kroniek.nlp.segment import segment

from .conftest import SEED, need


def test_intertitle_is_kept_apart():
    text = "Hij sprak lang.\n\nSenator\n\nVolgens hem was het goed."
    seg = segment(text, "nl")
    kinds = [(s.kind, text[s.start:s.end]) for s in seg.sentences]
    assert kinds == [("sentence", "Hij sprak lang."), ("intertitle", "Senator"),
                     ("sentence", "Volgens hem was het goed.")]


def test_seed_sentences_never_glue_the_intertitles():
    text = need(SEED).read_text(encoding="utf-8").split(" ", 2)[2]
    seg = segment(text, "nl")
    intertitles = [text[s.start:s.end] for s in seg.sentences if s.kind == "intertitle"]
    assert intertitles == ["Senator", "Veiligheidsadviseur"]
    for s in seg.sentences:
        if s.kind == "sentence":
            assert "Senator\n" not in text[s.start:s.end]


def test_acronym_at_sentence_end_ends_the_sentence():
    text = "Hij sprak met de ambassadeur in de VS. Verschillende politici eisten zijn aftreden."
    seg = segment(text, "nl")
    assert [text[s.start:s.end] for s in seg.sentences] == [
        "Hij sprak met de ambassadeur in de VS.", "Verschillende politici eisten zijn aftreden."]


def test_token_offsets_point_into_the_text():
    text = "Op 29 maart 2019, om 15.00 uur, vertrok hij."
    seg = segment(text, "nl")
    words = [text[s:e] for s, e in seg.tokens[0]]
    assert words[:4] == ["Op", "29", "maart", "2019"]
    assert "15.00" in words
