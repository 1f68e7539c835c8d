"""The evidence for a name's type, as weighted votes.

Each cue adds its weight (``weights`` in ``entities.yaml``) to one type:

==================  =====================================================
cue                 type
==================  =====================================================
tagger_entity       the type the tagger's entity module gave
demonym             NORP: a nationality or group word from the gazetteer
adjective           NORP: a capitalised adjective standing alone
language            MISC: a language name from the gazetteer ("Frans")
name_year           MISC: a name ending in a year, an event ("Euro 2000")
model_number        MISC: a name with a model code, a product ("Airbus A380")
gazetteer_place     LOC: the whole name is a known place
gazetteer_first...  PER: the name starts with a known first name
acronym             ORG: one all-capitals word ("GM", "EADS")
byline              PER: instead, an acronym alone in brackets as a sentence ("( KS )")
compound            MISC: a name compounded with a common noun ("Concorde-ramp")
article_name        ORG: an article and capitalised common words ("De Morgen")
name_word           ORG or LOC: a word inside the name ("Bank", "straat")
name_word_last      the same again when that word ends a longer name ("... Stichting")
ampersand           ORG: two parts joined by "&" ("Lernout & Hauspie")
context             a word just before or after the name ("in", "zei")
context_noun        a noun just before the name ("vliegtuigbouwer Airbus")
context_phrase      words just before the name ("minister van" Landbouw: ORG)
apposition          ", de luchtvaartmaatschappij" (ORG), ", CEO van" (PER) after the name
place_after         LOC: a comma and a known place after the name ("Everett, Washington")
title               PER: a title or role before the name ("minister")
default             ``default_type``: always, so that no name is left untyped
==================  =====================================================

The votes of one name are added up over the whole document before the
type is chosen (:mod:`kroniek.entities.document`).
"""
from __future__ import annotations

from collections import Counter

from ..temporal.lexicon import fold
from .gazetteer import Gazetteer
from .langdata import EntityData
from .spans import Span, is_article
from .tokens import Tok, is_acronym, model_number


def _ends(word: str, endings: frozenset[str]) -> bool:
    return any(len(word) > len(e) + 2 and word.endswith(e) for e in endings)


def votes(toks: list[Tok], span: Span, data: EntityData, gaz: Gazetteer) -> Counter:
    """Type → weight for one span in its sentence."""
    w = data.weights
    out: Counter = Counter()
    names = toks[span.i:span.j]
    words = [fold(t.word) for t in names]
    whole = " ".join(words)
    if span.tagger:
        kind = Counter(span.tagger).most_common(1)[0][0]
        if kind == "PRO":
            # A tagger's "product" without a model number is mostly its maker ("Airbus", "Ford", "GM").
            if any(c.isdigit() for t in names for c in t.word):
                out["MISC"] += w.get("tagger_entity", 2.0)
            else:
                out["ORG"] += w.get("tagger_product_org", 1.0)
                out["MISC"] += w.get("tagger_product_misc", 0.5)
        else:
            out[kind] += w.get("tagger_entity", 2.0)
    if all(gaz.is_demonym(t.word) or t.word in ("-",) for t in names) or len(names) > 1 and gaz.is_demonym(whole):
        out["NORP"] += w.get("demonym", 4.0)
    elif len(names) == 1 and names[0].pos == "ADJ" and names[0].cap and not _name_word_kind(words, data):
        if not names[0].initial or names[0].word.endswith(data.demonym_suffixes or ("\0",)):
            out["NORP"] += w.get("adjective", 3.0)
    if span.year:
        out["MISC"] += w.get("name_year", 5.0)  # "Euro 2000": an event
    elif any(model_number(t.word) for t in names):
        out["MISC"] += w.get("model_number", 3.0)  # "A380", "Boeing 787": a product
    if len(names) == 1 and words[0] in gaz.languages:
        out["MISC"] += w.get("language", 3.0)  # "in het Frans", "Latijn"
    if whole in gaz.places:
        out["LOC"] += w.get("gazetteer_place", 2.5)
    if len(names) > 1 and words[0] in gaz.first_names and not is_acronym(names[0].word):
        out["PER"] += w.get("gazetteer_first_name", 1.5)
    if len(names) > 1 and len(names[0].word) == 2 and names[0].word[1] == "." and names[0].cap:
        out["PER"] += w.get("gazetteer_first_name", 1.5)  # an initial: "J. Leleux"
    if len(names) == 1 and is_acronym(names[0].word) and whole not in gaz.places:
        if byline(toks, span):
            out["PER"] += w.get("byline", 5.0)  # "( KS )" standing alone: the author's initials
        else:
            out["ORG"] += w.get("acronym", 1.2)
    if "&" in words[1:-1]:
        out["ORG"] += w.get("ampersand", 2.0)  # "Lernout & Hauspie", "Procter & Gamble"
    head = _name_word_kind(words, data)
    if head:
        out[head] += w.get("name_word", 2.5)
        if len(words) > 1 and _name_word_kind(words[-1:], data) == head:
            out[head] += w.get("name_word_last", 1.5)  # "Harry Potter Stichting": the head noun of the name
    if span.title:
        out["PER"] += w.get("title", 3.0)
    if len(names) == 1 and "-" in names[0].word.strip("-"):
        head, _, tail = names[0].word.rpartition("-")
        if tail[:1].islower() and len(head) > 1 and not gaz.is_demonym(names[0].word) \
                and not _name_word_kind([fold(tail)], data):
            out["MISC"] += w.get("compound", 3.0)  # "Concorde-ramp", "Sabena-bedrijven"; not "Likoed-partij"
    if len(names) > 1 and is_article(names[0], data) and not any(t.lemma_cap for t in names[1:]):
        out["ORG"] += w.get("article_name", 2.0)  # "De Morgen", "Het Parool"
    before = _word_before(toks, span.i)
    if before is not None:
        noun = toks[span.i - 1].pos in ("NOUN", "X")  # "vliegtuigbouwer Airbus": a noun in apposition says most
        for kind in ("LOC", "ORG", "PER", "MISC"):
            if before in data.words("context_before", kind) or _ends(before, data.words("context_before_endings", kind)):
                out[kind] += w.get("context_noun" if noun else "context", 1.5)
    for kind in ("ORG", "LOC", "PER", "MISC"):
        if _phrase_before(toks, span.i, data.words("context_phrases", kind)):
            out[kind] += w.get("context_phrase", 3.0)  # "minister van Volksgezondheid"
    if span.j < len(toks):
        after = fold(toks[span.j].word)
        for kind in ("PER", "ORG", "LOC"):
            if after in data.words("context_after", kind):
                out[kind] += w.get("context", 1.5) / 2
    j = span.j
    if j + 1 < len(toks) and toks[j].word == "," and toks[j + 1].cap and fold(toks[j + 1].word) in gaz.places \
            and not (j + 2 < len(toks) and toks[j + 2].cap):  # not "Begroting, Johan Vande Lanotte"
        out["LOC"] += w.get("place_after", 2.5)  # "Everett, Washington", "Brussel, Parijs"
    kind = apposition(toks, span.j, data)
    if kind:
        out[kind] += w.get("apposition", 2.5)  # "Aeroflot, de Russische luchtvaartmaatschappij"
    single = len(names) == 1 and data.default_single_type
    out[data.default_single_type if single else data.default_type] += w.get("default", 0.5)
    return out


def _name_word_kind(words: list[str], data: EntityData) -> str | None:
    """ORG or LOC when a word of the name is (or ends in) an organisation or place word; with words of
    both, the last one, the head of the name, decides ("Changi International Airport": LOC). A
    final full stop is no part of the word ("Inc.", "N.V.")."""
    kind = None
    for word in words:
        word = word.rstrip(".")
        for candidate in ("ORG", "LOC"):
            if word in data.words("name_words", candidate) or _ends(word, data.words("name_word_endings", candidate)):
                kind = candidate
    return kind


def apposition(toks: list[Tok], j: int, data: EntityData) -> str | None:
    """The type an apposition after a name says: a comma, maybe an article and adjectives, then a
    title or role (PER: "Forgeard, CEO van Airbus"), or a noun that names an organisation or place
    (ORG: "Aeroflot, de Russische nationale luchtvaartmaatschappij"), or a product (MISC: "Tiger,
    de codenaam van ...")."""
    if j + 1 >= len(toks) or toks[j].word != ",":
        return None
    k = j + 1
    while k < len(toks) and k <= j + 4 and toks[k].pos in ("DET", "ADJ"):
        k += 1
    if k >= len(toks) or toks[k].pos not in ("NOUN", "X") or toks[k].cap and not is_acronym(toks[k].word):
        return None
    noun = fold(toks[k].word)
    kinds = ("ORG", "LOC", "MISC")
    if (noun,) in data.titles:
        return "PER"
    for kind in kinds:  # a listed word before a compound ending: "marktleider" is no person
        if noun in data.words("context_before", kind):
            return kind
    if _ends(noun, data.title_endings):
        return "PER"
    for kind in kinds:
        if _ends(noun, data.words("context_before_endings", kind)):
            return kind
    return None


def _phrase_before(toks: list[Tok], i: int, phrases: frozenset[str]) -> bool:
    """The words just before token ``i`` end with one of ``phrases`` (folded, space-separated);
    the phrase's first word may also end a compound ("Vlaams onderwijsminister van")."""
    for phrase in phrases:
        words = phrase.split()
        n = len(words)
        if i < n:
            continue
        before = [fold(t.word) for t in toks[i - n:i]]
        if before[1:] == words[1:] and (before[0] == words[0] or before[0].endswith(words[0])):
            return True
    return False


def byline(toks: list[Tok], span: Span) -> bool:
    """A sentence that is only a bracketed name, "( KS )": a byline, the author's initials."""
    return (span.i == 1 and span.j == len(toks) - 1 and toks[0].word == "(" and toks[-1].word == ")")


def _word_before(toks: list[Tok], i: int) -> str | None:
    """The folded word before a name, skipping up to two articles or lower-case adjectives
    ("onthult nieuwe Mac", "in het ..."); None after a capitalised word."""
    k = i - 1
    while k >= 0 and k > i - 3 and (toks[k].pos == "DET" or toks[k].pos == "ADJ" and not toks[k].cap):
        k -= 1  # "onthult nieuwe Mac", "in het ..."
    if k < 0 or toks[k].cap and not toks[k].initial:
        return None
    return fold(toks[k].word)
