"""Event triggers: main verbs and event nouns, from categories and lemmas.

* A verb is a trigger unless it is an auxiliary or copula in a clause that
  has another verb, a verb that names no event (language data
  ``non_events``), or a participle used as an adjective ("de verenigde").
  A separable particle later in the clause joins its verb ("trad ... af" →
  ``aftreden``).
* A noun is a trigger when the language data lists it as an event noun,
  when it ends in a deverbal suffix ("benoeming") and is not listed as an
  exception, or when it is a nominalised infinitive ("het aftreden").
* Named events among the entity mentions ("Brexit") are event nouns too
  when listed.

TimeML classes: REPORTING for verbs of saying, OCCURRENCE otherwise (a
first version; STATE, ASPECTUAL and the others are not told apart yet).
"""
from __future__ import annotations

from dataclasses import dataclass

from .clauses import Clause, Tok
from .langdata import EventData


@dataclass
class Trigger:
    """One event trigger in a sentence.

    Attributes:
        k: index of the head token.
        start, end: half-open character offsets of the head token.
        lemma: the lemma, with a separable particle joined in front.
        predicate: the synonym class key used to compare events.
        pos: ``verb`` or ``noun``.
        cls: TimeML class (``OCCURRENCE`` or ``REPORTING``).
        clause: index of its clause.
    """

    k: int
    start: int
    end: int
    text: str
    lemma: str
    predicate: str
    pos: str
    cls: str
    clause: int


def _noun_is_event(lemma: str, data: EventData, capitalised: bool = False) -> bool:
    if lemma in data.not_event_nouns or len(lemma) < 4:
        return False
    if lemma in data.event_nouns:
        return True
    if not capitalised and any(lemma.endswith(sfx) for sfx in data.event_noun_suffixes):
        return True  # a capitalised "-ing" word is a name ("Boeing"), not a deverbal noun
    # compounds ending in an event noun: "brexitdeadline" is not one, "persconferentie" is
    return any(lemma.endswith(noun) and len(lemma) - len(noun) >= 3 for noun in data.event_nouns
               if len(noun) >= 5)


def _particles(toks: list[Tok], clause: Clause, data: EventData) -> dict[int, str]:
    """Verb index → its separable particle: the nearest verb after the particle
    ("tegen te gaan"), else the finite verb before it ("trad Flynn af")."""
    out: dict[int, str] = {}
    for k in range(clause.i, clause.j):
        if toks[k].cat != "PART" or toks[k].low not in data.particles:
            continue
        after = next((v for v in range(k + 1, min(k + 3, clause.j)) if toks[v].cat == "VERB"), None)
        if after is not None:
            out.setdefault(after, toks[k].low)
            continue
        before = next((v for v in range(k - 1, clause.i - 1, -1)
                       if toks[v].cat == "VERB" and toks[v].form == "finite"), None)
        if before is not None:
            out.setdefault(before, toks[k].low)
    return out


def predicate_of(lemma: str, data: EventData) -> str:
    """The synonym class of a lemma (the lemma itself when it has none).

    A compound ending in a listed event noun takes that noun's class
    ("testvlucht" → "vlucht", "persconferentie" → "conferentie"); a noun
    made from a verb takes the verb's ("demonstratie" → "demonstreren").
    """
    key = lemma.replace(" ", "").replace("_", "")
    if key not in data.predicate_class and key not in data.event_nouns:
        for noun in data.event_nouns:
            if len(noun) >= 4 and key.endswith(noun) and len(key) - len(noun) >= 3:
                key = noun
                break
    if key not in data.predicate_class:
        for noun_end, verb_end in data.nominal_suffixes:
            if key.endswith(noun_end) and len(key) - len(noun_end) >= 3:
                verb = key[:-len(noun_end)] + verb_end
                key = data.predicate_class.get(verb, verb)
                break
    return data.predicate_class.get(key, key)


def find_triggers(toks: list[Tok], clauses: list[Clause], data: EventData) -> list[Trigger]:
    """All event triggers of one sentence, in text order."""
    out: list[Trigger] = []
    for n, clause in enumerate(clauses):
        verbs = [k for k in range(clause.i, clause.j)
                 if toks[k].cat == "VERB" and toks[k].form in ("finite", "infinitive", "participle")]
        main_verbs = [k for k in verbs if toks[k].lemma not in data.auxiliaries]
        particle_of = _particles(toks, clause, data)
        for k in range(clause.i, clause.j):
            t = toks[k]
            lemma, pos = "", ""
            if t.cat == "VERB" and t.form in ("finite", "infinitive", "participle"):
                if t.lemma in data.auxiliaries and main_verbs:
                    continue
                if t.lemma in data.non_events:
                    continue
                lemma, pos = t.lemma, "verb"
                particle = particle_of.get(k, "")
                if particle and not lemma.startswith(particle):
                    lemma = particle + lemma
            elif t.cat == "VERB" and t.form == "nominal":
                lemma, pos = t.lemma, "noun"
            elif t.cat == "NOUN" and _noun_is_event(t.lemma, data, t.text[:1].isupper() and k > 0):
                lemma, pos = t.lemma, "noun"
            elif t.cat in ("PROPN", "X") and t.low in data.event_nouns:
                lemma, pos = t.low, "noun"
            if not lemma:
                continue
            cls = "REPORTING" if pos == "verb" and lemma in data.reporting_verbs else "OCCURRENCE"
            out.append(Trigger(k, t.start, t.end, t.text, lemma, predicate_of(lemma, data), pos, cls, n))
    return out
