"""The tense that picks a weekday's week, through the whole pipeline."""
from kroniek.model import Article
from kroniek.pipeline import Annotator
from kroniek.temporal.dct import parse_dct


def test_english_ingest_takes_the_nearest_tense_word():
    """"said on Thursday that he would ..." was dated next Thursday on ingest (tag() was right)."""
    ann = Annotator(lang="en", ner=False)
    art = Article(text="Attorney General Jeff Sessions said on Thursday that he would recuse himself.",
                  dct=parse_dct("2017-03-03"), ext_id="en1", lang="en")
    [thursday] = [t for t in ann.annotate(art).timexes if t.text == "Thursday"]
    assert thursday.value == "2017-03-02"
