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


def test_the_annotator_times_each_stage():
    ann = Annotator(lang="nl", ner=False)
    art = Article(text="Het kabinet viel gisteren. De Tweede Kamer stemt volgende week over nieuwe verkiezingen.",
                  dct=parse_dct("2019-03-05"), ext_id="nl1", lang="nl")
    ann.annotate(art)
    first = dict(ann.timings)
    assert set(first) == {"segment", "tense", "tagger", "events", "signature"} and all(v > 0 for v in first.values())
    ann.annotate(art)
    assert all(ann.timings[k] > first[k] for k in first)  # totals over the articles annotated
