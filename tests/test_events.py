"""Event mentions with real Frog: triggers, time links, tense anchoring, attribution."""
from kroniek.model import Article
from kroniek.temporal.dct import parse_dct


def events_of(annotator, text, date="2017-03-15"):
    art = Article(text=text, dct=parse_dct(date), ext_id="t", lang="nl", origin="test:line 1")
    return annotator.annotate(art)


def main(annotated):
    mains = [e for e in annotated.events if e.main]
    assert len(mains) == 1, [(e.trigger, e.main) for e in annotated.events]
    return mains[0]


def test_separable_verb_dated_by_its_clause(annotator):
    a = events_of(annotator, "Twee weken geleden trad Flynn af als veiligheidsadviseur.")
    e = main(a)
    assert (e.trigger, e.lemma, e.relation, e.anchoring) == ("trad", "aftreden", "IS_INCLUDED", "timex")
    assert e.start.date().isoformat() == "2017-03-01"
    assert any(a.mentions[m].text == "Flynn" and role == "subject" for m, role in e.roles)


def test_event_nouns_and_verbs_are_triggers(annotator):
    a = events_of(annotator, "Het aftreden van de minister en de benoeming van zijn opvolger leidden tot ophef.")
    lemmas = {e.lemma for e in a.events}
    assert {"aftreden", "benoeming", "leiden"} <= lemmas
    assert "minister" not in lemmas and "opvolger" not in lemmas


def test_auxiliaries_are_not_events(annotator):
    a = events_of(annotator, "Hij heeft het contract binnengehaald en de concurrentie verslagen.")
    lemmas = [e.lemma for e in a.events]
    assert "binnenhalen" in lemmas and "verslaan" in lemmas and "hebben" not in lemmas


def test_signals_set_the_relation(annotator):
    since = main(events_of(annotator, "Sinds gisteren staakt het personeel van de haven."))
    assert since.relation == "BEGUN_BY" and since.signal == "sinds"
    assert since.end == parse_dct("2017-03-15").interval.end
    before = main(events_of(annotator, "Voor 2016 woonde hij in Parijs."))
    assert before.relation == "BEFORE" and before.start is None
    assert before.end.date().isoformat() == "2016-01-01"


def test_tense_anchors_on_the_publication_date(annotator):
    past = main(events_of(annotator, "De burgemeester opende het nieuwe station."))
    future = main(events_of(annotator, "De burgemeester zal het nieuwe station openen."))
    present = main(events_of(annotator, "De burgemeester opent het nieuwe station."))
    assert (past.anchoring, past.relation, past.start) == ("dct", "BEFORE", None)
    assert (future.relation, future.end) == ("AFTER", None)
    assert present.relation == "INCLUDES"
    assert past.value == "2017-03-15"


def test_according_to_makes_a_reported_event(annotator):
    e = main(events_of(annotator, "Volgens Reuters trad de minister gisteren af."))
    assert e.factuality == "reported" and e.source == "Reuters"


def test_said_makes_the_complement_reported(annotator):
    a = events_of(annotator, "De minister is gisteren afgetreden, zei premier Rutte.")
    e = main(a)
    assert e.lemma == "aftreden" and e.factuality == "reported" and e.source == "Rutte"
    said = [x for x in a.events if x.cls == "REPORTING"]
    assert said and said[0].factuality == "asserted"


def test_pronoun_speaker(annotator):
    a = events_of(annotator, "Jan Jansen sprak de pers toe. Volgens hem werd de fabriek gisteren gesloten.")
    e = [x for x in a.events if x.main][-1]
    assert e.factuality == "reported" and e.source == "Jan Jansen"
