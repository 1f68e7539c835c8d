"""Language detection (py3langid) and its background load: the same answers whether the model was
loaded in the background or on first use, and a child forked while it loads does not wait for ever."""
import multiprocessing

from kroniek.nlp import language
from kroniek.nlp.segment import pipeline

DUTCH = "Gisteren regende het de hele dag in Utrecht en Amsterdam, meldde het KNMI."
ENGLISH = "Yesterday it rained all day in London, the Met Office said."


def test_detects_dutch_and_english_and_takes_afrikaans_for_dutch():
    assert language.detect(DUTCH) == "nl"
    assert language.detect(ENGLISH) == "en"
    assert language.detect("Regio") in language.SUPPORTED  # short: the likeliest supported language


def test_a_child_forked_while_the_model_loads_detects_on_its_own():
    language._identifiers.clear()  # as at start-up: nothing loaded yet
    language.preload()  # the load runs in a thread of this process now
    with multiprocessing.get_context("fork").Pool(2) as pool:
        assert pool.map_async(language.detect, [DUTCH, ENGLISH]).get(timeout=120) == ["nl", "en"]
    assert language.detect(DUTCH) == "nl"  # and here, from the background load


def test_the_dutch_pipeline_leaves_out_acronym_exceptions_only():
    """The tokenizer's exceptions are the language's, without "VS."-like all-capital acronyms, so
    that "de VS." ends a sentence while "dhr." does not."""
    nlp = pipeline("nl")
    assert "VS." not in nlp.tokenizer.rules and "dhr." in nlp.tokenizer.rules
    doc = nlp("Hij woont in de VS. Daarna kwam dhr. Jansen.")
    assert [s.text for s in doc.sents] == ["Hij woont in de VS.", "Daarna kwam dhr. Jansen."]
