"""One document at a time: one type per name, short forms, propagation, confidence.

* The votes of every occurrence of a name (and, unless it is a person's,
  of its short forms) are added up, so that a name gets one type
  throughout the document; a name written before a model
  code ("Airbus A380") gets the vote of a maker (an organisation).
* Short forms link to the full name written elsewhere in the document: a
  person's surname ("Sessions" → "Jeff Sessions", "De Prins" → "Herman De
  Prins"), an acronym in brackets after a name ("Europese Unie (EU)"), the
  first word of an organisation's name ("Northrop" → "Northrop Grumman").
  A short form that would fit two full names links to neither.
* A name found once is found everywhere in the document, also where
  capitals say nothing (at the start of a sentence).
* Every mention gets a confidence in [0, 1]: how sure we are that it is a
  name (what proposed it) times how clearly its type won.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import Mention
from ..temporal.lexicon import fold
from .evidence import votes
from .gazetteer import Gazetteer
from .langdata import EntityData
from .spans import Span, title_before
from .tokens import Tok, is_acronym, model_number


@dataclass
class Found:
    """A span of one sentence with its votes."""

    sentence: int
    span: Span
    votes: Counter
    source: str
    certainty: float
    key: str = ""
    full: str | None = None
    words: tuple[str, ...] = field(default_factory=tuple)


def _certainty(toks: list[Tok], span: Span, gaz: Gazetteer) -> float:
    """How sure we are that the span is a name at all (before its type); a known place or group
    word says as much as a capital inside a sentence ("Nederlandse" opening a headline)."""
    names = toks[span.i:span.j]
    known = all(gaz.is_demonym(t.word) or fold(t.word) in gaz.places for t in names)
    informative = [t for t in names if t.cap and (not t.initial or known)]
    proper = any(t.pos == "PROPN" for t in names)
    if span.by_tagger and (proper or informative):
        return 0.95
    if proper and (informative or any(t.lemma_cap for t in names)):
        return 0.9
    if informative:
        return 0.8
    if span.by_tagger:
        return 0.3 if not any(t.lemma_cap for t in names) else 0.7
    return 0.7


#: Which type wins a tie (measured on CoNLL-2002 ned.testa and MEANTIME): a company is often
#: tagged a person where it starts a sentence ("Airbus biedt ..."), so an organisation first.
TIE_ORDER = ("ORG", "PER", "LOC", "MISC", "NORP")


def _type_of(total: Counter) -> tuple[str, float]:
    """The winning type (ties go by :data:`TIE_ORDER`) and how clearly it won, in [0, 1]."""
    ranked = sorted(total.items(), key=lambda kv: (-kv[1], TIE_ORDER.index(kv[0]) if kv[0] in TIE_ORDER else 9))
    (kind, top), *rest = ranked[:2] + [("", 0.0)]
    second = rest[0][1] if rest else 0.0
    return kind, top / (top + second + 0.5)


def resolve(sentences: list[list[Tok]], spans: list[list[Span]], data: EntityData,
            gaz: Gazetteer) -> list[tuple[int, Mention]]:
    """Typed mentions of one document.

    Args:
        sentences: the tokens of every sentence.
        spans: the proposed spans of every sentence.
        data, gaz: the language's entity data and gazetteer.

    Returns:
        ``(sentence index, mention)`` in text order.
    """
    found: list[Found] = []
    for k, (toks, sentence_spans) in enumerate(zip(sentences, spans)):
        for span in sentence_spans:
            words = tuple(t.word for t in toks[span.i:span.j])
            source = "frog" if span.by_tagger else "rules"
            found.append(Found(k, span, votes(toks, span, data, gaz), source, _certainty(toks, span, gaz),
                               key=fold(" ".join(words)), words=words))
    totals: dict[str, Counter] = defaultdict(Counter)
    for f in found:
        totals[f.key].update(f.votes)
    for f in found:  # "Airbus A380", "Boeing 787": the name before a model code is its maker
        for n, word in enumerate(f.words[1:], start=1):
            if model_number(word) and not any(model_number(w) for w in f.words[:n]):
                totals[fold(" ".join(f.words[:n]))]["ORG"] += data.weights.get("maker", 2.0)
                break
    links = _short_forms(found, totals, sentences, gaz, data)
    found += _propagate(sentences, found, totals, links, data, gaz)
    acronyms = {f.key for f in found if len(f.words) == 1 and is_acronym(f.words[0])}
    for short, full in links.items():  # a name and its acronym or short form vote together ("IOC")
        if short in acronyms or _type_of(totals[full])[0] != "PER":  # a person's full name says more
            totals[full].update(totals[short])                        # than a surname alone
    out = []
    for f in found:
        target = links.get(f.key, f.key)
        kind, clarity = _type_of(totals[target])
        confidence = round(f.certainty * (0.5 + 0.5 * clarity), 3)
        if confidence < data.min_confidence:
            continue
        toks = sentences[f.sentence]
        start, end = toks[f.span.i].start, toks[f.span.j - 1].end
        full = f.full or (_surface(found, target) if target != f.key else None)
        out.append((f.sentence, Mention(start, end, "", kind, title=f.span.title, source=f.source,
                                        confidence=confidence, full=full)))
    out.sort(key=lambda x: x[1].start)
    return out


def _surface(found: list[Found], key: str) -> str | None:
    for f in found:
        if f.key == key:
            return " ".join(f.words)
    return None


def _short_forms(found: list[Found], totals: dict[str, Counter], sentences: list[list[Tok]],
                 gaz: Gazetteer, data: EntityData) -> dict[str, str]:
    """Short-form key → full-name key, for unambiguous short forms."""
    candidates: dict[str, set[str]] = defaultdict(set)
    for f in found:
        kind, _ = _type_of(totals[f.key])
        words = f.words
        if len(words) < 2:
            continue
        if kind == "PER":
            last = len(words) - 1
            first_particle = last
            while first_particle > 1 and fold(words[first_particle - 1]) in data.particles:
                first_particle -= 1
            candidates[fold(words[-1])].add(f.key)
            if first_particle < last:
                candidates[fold(" ".join(words[first_particle:]))].add(f.key)
        elif kind == "ORG":
            head = words[0]
            if (len(head) >= 3 and head[:1].isupper() and not gaz.is_demonym(head) and not is_acronym(head)
                    and fold(head) not in data.words("name_words", "ORG") and fold(head) not in gaz.places):
                candidates[fold(head)].add(f.key)
        toks = sentences[f.sentence]
        j = f.span.j
        if (j + 2 < len(toks) and toks[j].word == "(" and toks[j + 2].word == ")"
                and is_acronym(toks[j + 1].word) and initials_fit(toks[j + 1].word, words)):
            candidates[fold(toks[j + 1].word)].add(f.key)
    links = {}
    for short, fulls in candidates.items():
        fulls.discard(short)
        if len(fulls) == 1:
            links[short] = next(iter(fulls))
    return links


def initials_fit(short: str, words: tuple[str, ...]) -> bool:
    """Whether an acronym can abbreviate a name: its letters appear in order in the name, the first
    one starting the name ("EU" of "Europese Unie", "SIA" of "Singapore Airlines"; not "VLD" of
    "Jaak Gabriels", a party in brackets after a person)."""
    letters = [c for c in fold(short) if c.isalnum()]
    name = fold(" ".join(words))
    if not letters or not name.startswith(letters[0]):
        return False
    k = 1
    for c in letters[1:]:
        k = name.find(c, k)
        if k < 0:
            return False
        k += 1
    return True


def _propagate(sentences: list[list[Tok]], found: list[Found], totals: dict[str, Counter],
               links: dict[str, str], data: EntityData, gaz: Gazetteer) -> list[Found]:
    """Occurrences of known names (and their short forms) not yet found."""
    covered = defaultdict(set)
    for f in found:
        covered[f.sentence].update(range(f.span.i, f.span.j))
    lower_words = {fold(t.word) for toks in sentences for t in toks if not t.cap}
    forms: dict[tuple[str, ...], tuple[str, float]] = {}
    for f in found:
        if f.certainty < 0.7 or not any(c.isalpha() for c in "".join(f.words)):
            continue
        forms.setdefault(f.words, (f.key, f.certainty))
    for short, full in links.items():
        for f in found:
            if f.key == full:
                tail = tuple(w for w in f.words[len(f.words) - len(short.split()):])
                head = f.words[:len(short.split())]
                for form in (tail, head):
                    if fold(" ".join(form)) == short:
                        forms.setdefault(form, (short, f.certainty))
    if not forms:
        return []
    longest = max(len(f) for f in forms)
    out: list[Found] = []
    for k, toks in enumerate(sentences):
        words = [t.word for t in toks]
        m = 0
        while m < len(toks):
            hit = None
            if m not in covered[k]:
                for n in range(min(longest, len(toks) - m), 0, -1):
                    form = tuple(words[m:m + n])
                    if form in forms and not covered[k] & set(range(m, m + n)):
                        hit = (n, form)
                        break
            if hit is None:
                m += 1
                continue
            n, form = hit
            first = toks[m]
            if n == 1 and (first.pos in ("DET", "ADP", "PRON", "CCONJ")
                           or first.initial and fold(first.word) in lower_words):
                m += 1
                continue
            key, certainty = forms[form]
            before = title_before(toks, m, data)
            span = Span(m, m + n, title=before[0] if before else None, title_i=before[1] if before else None)
            found_votes = votes(toks, span, data, gaz)
            out.append(Found(k, span, found_votes, "propagation", min(0.9, certainty), key=key, words=form))
            totals[key].update(found_votes)
            covered[k].update(range(m, m + n))
            m += n
    return out
