"""The spaCy component ``kroniek_timex``: blank Dutch and English pipelines, no downloaded model."""
import subprocess
import sys
import textwrap
from datetime import date

import pytest
import spacy
from spacy.tokens import Doc, DocBin

from kroniek import parse_dct, tag
from kroniek.errors import DateError, UsageError
from kroniek.model import Timex
from kroniek.spacy_component import SPANS_KEY, TimexComponent, register_extensions

MIXED_NL = ("Van 3 maart tot 5 april 2019 was hij twee weken weg, elke dag. Gisteren kwam hij terug. "
            "Een dag later vertrok hij weer.")


def pipeline(lang="nl", **config):
    nlp = spacy.blank(lang)
    nlp.add_pipe("kroniek_timex", config=config)
    return nlp


def found(doc):
    return [(s.text, s._.timex_type, s._.timex_value) for s in doc.spans[SPANS_KEY]]


def test_dutch_example():
    doc = pipeline("nl", dct="2017-03-20")("Twee weken geleden trad hij af.")
    (span,) = doc.spans["timex"]
    assert (span.text, span.label_, span.id_) == ("Twee weken geleden", "DATE", "t1")
    assert (span._.timex_type, span._.timex_value, span._.timex_mod) == ("DATE", "2017-03-06", None)
    assert span._.timex_interval == {"start": "2017-03-06T00:00:00+00:00", "end": "2017-03-07T00:00:00+00:00",
                                     "granularity": "day"}
    assert span._.timex_reason.startswith("rule nl:comb.ago; moved -2 W from the DCT 2017-03-20")
    assert (span._.timex_start, span._.timex_end) == (0, 18)
    assert isinstance(span._.timex, Timex) and span._.timex.anchor == "dct"


def test_english_example():
    doc = pipeline("en", dct="2019-03-20")("We meet next Tuesday.")
    assert found(doc) == [("next Tuesday", "DATE", "2019-03-26")]
    assert doc.spans["timex"][0]._.timex_interval["granularity"] == "day"


def test_mod_and_no_interval():
    doc = pipeline("en", dct="2019-03-20")("He stayed for about two weeks, early in 2018.")
    by_text = {s.text: s for s in doc.spans["timex"]}
    assert {t.text: t.mod for t in tag(doc.text, "2019-03-20", "en")} == {k: s._.timex_mod for k, s in by_text.items()}
    durations = [s for s in doc.spans["timex"] if s._.timex_type == "DURATION"]
    assert durations and all(s._.timex_interval is None for s in durations)


def test_spans_match_kroniek_tag():
    doc = pipeline("nl", dct="2019-03-20")(MIXED_NL)
    timexes = tag(MIXED_NL, "2019-03-20", "nl")
    assert len(timexes) >= 4
    spans = list(doc.spans["timex"])
    assert [(s._.timex_start, s._.timex_end) for s in spans] == [(t.start, t.end) for t in timexes]
    assert [(s.start_char, s.end_char) for s in spans] == [(t.start, t.end) for t in timexes]  # tokens align here
    assert [s._.timex for s in spans] == timexes  # every field, range ends included
    assert spans[0]._.timex.begin.value == "2019-03-03"


def test_expression_inside_a_token_widens_the_span_and_keeps_its_offsets():
    nlp = pipeline("nl", dct="2019-03-20")
    doc = nlp(Doc(nlp.vocab, words=["Hij kwam gisteren", "."], spaces=[False, False]))
    (span,) = doc.spans["timex"]
    assert (span.start, span.end, span.text) == (0, 1, "Hij kwam gisteren")
    assert (span._.timex_start, span._.timex_end) == (9, 17)
    assert doc.text[span._.timex_start:span._.timex_end] == "gisteren"
    assert span._.timex_value == "2019-03-19"


def test_two_expressions_in_one_token_keep_their_own_values():
    nlp = pipeline("nl", dct="2019-03-20")
    doc = nlp(Doc(nlp.vocab, words=["gisteren-of-morgen"]))
    assert [(t.text, t.value) for t in tag(doc.text, "2019-03-20", "nl")] == [("gisteren", "2019-03-19"),
                                                                             ("morgen", "2019-03-21")]
    first, second = doc.spans["timex"]
    assert (first.start_char, first.end_char) == (second.start_char, second.end_char) == (0, 18)
    assert [(s._.timex_value, s._.timex_start, s._.timex_end) for s in (first, second)] == \
        [("2019-03-19", 0, 8), ("2019-03-21", 12, 18)]


def test_config_dct_keeps_its_granularity():
    doc = pipeline("nl", dct="2017-03")("Twee weken geleden moest Flynn opstappen.")
    span = doc.spans["timex"][0]
    assert span._.timex_value == "2017-XX-XX"
    assert span._.timex_interval["start"] == "2017-02-15T00:00:00+00:00"


def test_doc_dct_overrides_the_config():
    nlp = pipeline("nl", dct="2019-03-20")
    text = "Twee weken geleden trad hij af."
    assert found(nlp(text)) == [("Twee weken geleden", "DATE", "2019-03-06")]
    for given in ("2017-03-20", date(2017, 3, 20), parse_dct("2017-03-20")):
        doc = nlp.make_doc(text)
        doc._.dct = given
        assert found(nlp(doc)) == [("Twee weken geleden", "DATE", "2017-03-06")]


def test_pipe_over_many_articles_each_with_its_dct():
    nlp = pipeline("en")  # no config DCT: every doc brings its own
    articles = [("He resigned yesterday.", "2017-02-14"), ("We meet next Tuesday.", "2019-03-20"),
                ("It happened in 1999.", "2020-01-01")]
    docs = []
    for text, dct in articles:
        doc = nlp.make_doc(text)
        doc._.dct = dct
        docs.append(doc)
    out = list(nlp.pipe(docs, batch_size=2))
    assert [[s._.timex_value for s in d.spans["timex"]] for d in out] == [["2017-02-13"], ["2019-03-26"], ["1999"]]
    for d, (text, dct) in zip(out, articles):
        assert [(s._.timex_start, s._.timex_end) for s in d.spans["timex"]] == \
            [(t.start, t.end) for t in tag(text, dct, "en")]


def test_pipe_over_texts_with_the_config_dct():
    nlp = pipeline("nl", dct="2019-03-20")
    out = [found(d) for d in nlp.pipe(["Gisteren.", "Morgen.", "Geen tijd hier."])]
    assert out == [[("Gisteren", "DATE", "2019-03-19")], [("Morgen", "DATE", "2019-03-21")], []]


def test_no_dct_is_a_clear_error():
    nlp = pipeline("nl")
    with pytest.raises(UsageError, match=r"no document creation time.*config.*doc\._\.dct"):
        nlp("Gisteren trad hij af.")


def test_bad_dct_is_a_date_error():
    with pytest.raises(DateError, match="config dct"):
        pipeline("nl", dct="2019-13-45")
    nlp = pipeline("nl", dct="2019-03-20")
    doc = nlp.make_doc("Gisteren.")
    doc._.dct = "not a date"
    with pytest.raises(DateError, match=r"doc\._\.dct"):
        nlp(doc)


def test_a_bare_year_as_a_number():
    assert pipeline("en", dct=2019).get_pipe("kroniek_timex").dct.value == "2019"


def test_unsupported_language():
    with pytest.raises(UsageError, match="'de'.*config lang"):
        spacy.blank("de").add_pipe("kroniek_timex", config={"dct": "2019-03-20"})
    with pytest.raises(UsageError, match="unknown language 'fr'"):
        spacy.blank("nl").add_pipe("kroniek_timex", config={"lang": "fr"})


def test_language_from_config_wins():
    component = spacy.blank("nl").add_pipe("kroniek_timex", config={"lang": "nl-BE", "dct": "2019-03-20"})
    assert isinstance(component, TimexComponent) and component.lang == "nl-BE"
    nlp = spacy.blank("xx")
    nlp.add_pipe("kroniek_timex", config={"lang": "en", "dct": "2019-03-20"})
    assert found(nlp("We meet next Tuesday.")) == [("next Tuesday", "DATE", "2019-03-26")]


def test_after_a_sentencizer():
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kroniek_timex", config={"dct": "2019-03-20"})
    doc = nlp(MIXED_NL)
    assert len(list(doc.sents)) == 3
    assert [s._.timex for s in doc.spans["timex"]] == tag(MIXED_NL, "2019-03-20", "nl")
    assert doc.spans["timex"][-1]._.timex_value == "2019-03-20"  # "een dag later": the day after "gisteren"


def test_running_twice_replaces_the_spans():
    nlp = pipeline("en", dct="2019-03-20")
    doc = nlp("He left yesterday.")
    doc._.dct = "2010-05-05"
    doc = nlp(doc)
    assert found(doc) == [("yesterday", "DATE", "2010-05-04")]


def test_other_spans_have_no_timex_values():
    doc = pipeline("en", dct="2019-03-20")("He left yesterday.")
    other = doc[0:2]
    assert (other._.timex, other._.timex_value, other._.timex_interval) == (None, None, None)


def test_tagged_docs_serialise():
    nlp = pipeline("nl", dct="2019-03-20")
    doc = nlp(MIXED_NL)
    expected = [s._.timex for s in doc.spans["timex"]]
    again = Doc(nlp.vocab).from_bytes(doc.to_bytes())
    assert [s._.timex for s in again.spans["timex"]] == expected
    assert [s.label_ for s in again.spans["timex"]] == [t.type for t in expected]
    bin_ = DocBin(store_user_data=True)
    bin_.add(doc)
    (loaded,) = DocBin().from_bytes(bin_.to_bytes()).get_docs(nlp.vocab)
    assert [s._.timex for s in loaded.spans["timex"]] == expected


def test_pipeline_round_trip_on_disk(tmp_path):
    nlp = spacy.blank("nl")
    nlp.add_pipe("sentencizer")
    nlp.add_pipe("kroniek_timex", config={"dct": "2017-03-20", "lang": "nl-BE"})
    nlp.to_disk(tmp_path / "pipe")
    loaded = spacy.load(tmp_path / "pipe")
    assert loaded.pipe_names == ["sentencizer", "kroniek_timex"]
    assert loaded.get_pipe("kroniek_timex").lang == "nl-BE"
    doc = loaded("Twee weken geleden trad hij af.")
    assert found(doc) == [("Twee weken geleden", "DATE", "2017-03-06")]


def test_registering_again_is_harmless():
    register_extensions()
    register_extensions()
    assert found(pipeline("en", dct="2019-03-20")("yesterday")) == [("yesterday", "DATE", "2019-03-19")]


def run_fresh(code: str, cwd) -> subprocess.CompletedProcess:
    """Run ``code`` in a new interpreter of this environment (outside the source tree)."""
    return subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True, text=True,
                          cwd=cwd, timeout=300)


def test_entry_point_finds_the_factory_without_importing_kroniek(tmp_path):
    saved = tmp_path / "saved"
    result = run_fresh(f"""
        import sys
        from importlib.metadata import entry_points

        import spacy

        assert "kroniek" not in sys.modules
        names = {{ep.name: ep.value for ep in entry_points(group="spacy_factories")}}
        assert names.get("kroniek_timex") == "kroniek.spacy_component:make_timex_component", names
        nlp = spacy.blank("nl")
        nlp.add_pipe("kroniek_timex", config={{"dct": "2017-03-20"}})
        doc = nlp("Twee weken geleden trad hij af.")
        print([(s.text, s._.timex_value) for s in doc.spans["timex"]])
        nlp.to_disk({str(saved)!r})
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[('Twee weken geleden', '2017-03-06')]"
    result = run_fresh(f"""
        import spacy

        nlp = spacy.load({str(saved)!r})
        doc = nlp("Twee weken geleden trad hij af.")
        print(nlp.pipe_names, [(s.text, s._.timex_value) for s in doc.spans["timex"]])
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['kroniek_timex'] [('Twee weken geleden', '2017-03-06')]"


def test_reimport_and_an_existing_dct_extension(tmp_path):
    result = run_fresh("""
        import importlib

        from spacy.tokens import Doc

        Doc.set_extension("dct", getter=lambda doc: "2017-03-20")  # someone else's, kept
        import spacy
        import kroniek.spacy_component as component

        importlib.reload(component)
        component.register_extensions()
        nlp = spacy.blank("nl")
        nlp.add_pipe("kroniek_timex", config={"dct": "2019-03-20"})
        doc = nlp("Twee weken geleden trad hij af.")
        print([s._.timex_value for s in doc.spans["timex"]])
    """, tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "['2017-03-06']"
