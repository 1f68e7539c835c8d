"""Name spans in one sentence: proposed, joined, split and trimmed.

Two sources propose spans: the tagger's entity module (when it ran) and the
tokens themselves (proper-noun tags, capitals where capitals mean
something). Their union is then repaired:

* particles join the parts of a name ("Vincent van Gogh", "Patrick Du
  Bois", "Van Diepenbeek"), and connectors join the parts of a long
  organisation name ("Commissie voor het Bank- en Financiewezen") when the
  left part is an organisation word or the tagger saw one name;
* punctuation and other lower-case words end a name ("Fujimori in Lima"
  is two names);
* a group adjective before a proper name is a name of its own ("Britse
  Concorde" → Britse, Concorde), unless the whole is a known place or an
  organisation name ("Europese Unie");
* titles and roles before a name become the title ("president Trump"),
  articles and prepositions at the edges are dropped ("van Trump");
* a year right after a name belongs to it ("Euro 2000", "Brussel 2000").

All token offsets are half-open ``[i, j)`` within the sentence.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from ..temporal.lexicon import fold
from .gazetteer import Gazetteer
from .langdata import EntityData
from .tokens import Tok, is_acronym, model_number

#: Word classes that never start a name on capitals alone.
NOT_NAME_CLASSES = frozenset({"PRON", "PUNCT", "SYM", "CCONJ", "INTJ"})
#: Word classes of function words that may be a capitalised particle ("De", "Van").
PARTICLE_CLASSES = frozenset({"DET", "ADP"})


@dataclass
class Span:
    """A proposed name in one sentence.

    Attributes:
        i, j: token offsets ``[i, j)``.
        tagger: the tagger's entity types over the span (may be empty).
        by_tagger: the tagger's entity module proposed (part of) it.
        by_tokens: the tokens' own evidence proposed (part of) it.
        title: a title or role written before the name, if any.
        title_i: the token where that title starts.
        year: the name ends in a year ("Euro 2000"), as events do.
    """

    i: int
    j: int
    tagger: list[str] = field(default_factory=list)
    by_tagger: bool = False
    by_tokens: bool = False
    title: str | None = None
    title_i: int | None = None
    year: bool = False


def _is_particle(tok: Tok, data: EntityData) -> bool:
    return fold(tok.word) in data.particles


def _money_sign(word: str, gaz: Gazetteer) -> bool:
    """A currency sign: CLDR's ("US$") or one character of Unicode's currency symbols ("$", "€")."""
    return word in gaz.currency_signs or len(word) == 1 and unicodedata.category(word) == "Sc"


def no_name(toks: list[Tok], k: int, gaz: Gazetteer) -> bool:
    """Token ``k`` is a code, never (part of) a name, whatever the tagger says: a time zone
    ("GMT"), a unit after a number ("2 GB"), a currency code next to a number or a currency sign
    ("7 miljard USD", "USD $ 23"), part of a currency sign ("US $")."""
    word = toks[k].word
    if word in gaz.codes:
        return True
    if word in gaz.units and k > 0 and any(c.isdigit() for c in toks[k - 1].word):
        return True
    if word in gaz.currencies and any(0 <= m < len(toks) and (toks[m].word[:1].isdigit() or _money_sign(toks[m].word, gaz))
                                      for m in (k - 1, k + 1)):
        return True  # "7 miljard USD", "USD $ 23 miljard"
    return k + 1 < len(toks) and word + toks[k + 1].word in gaz.currency_signs and word.isalpha()


def name_like(toks: list[Tok], k: int, gaz: Gazetteer) -> bool:
    """Whether token ``k`` looks like (part of) a name by itself."""
    tok = toks[k]
    if fold(tok.word) in gaz.not_names or no_name(toks, k, gaz):
        return False
    if not tok.cap or tok.pos in NOT_NAME_CLASSES or tok.pos in PARTICLE_CLASSES:
        return tok.pos == "PROPN" and tok.cap
    if not tok.initial:
        return tok.pos != "NUM" or any(c.isalpha() for c in tok.word)
    # At the start of a sentence capitals mean nothing: ask the tagger's lexicon.
    if tok.pos == "PROPN" and tok.lemma_cap:
        return True
    if gaz.is_demonym(tok.word):
        return True
    if tok.pos in ("X", "PROPN") and fold(tok.word) in gaz.places:
        return True
    head = tok.word.split("-")[0]
    if "-" in tok.word.strip("-") and (is_acronym(head) or head[:1].isupper() and fold(head) in gaz.places):
        return True  # "VRT-journalist", "Knesset-lid"
    nxt = toks[k + 1] if k + 1 < len(toks) else None
    return bool(nxt and nxt.cap and not nxt.initial and nxt.pos == "PROPN"
                and fold(tok.word) in gaz.first_names)


def propose(toks: list[Tok], data: EntityData, gaz: Gazetteer) -> list[Span]:
    """Spans of one sentence from the tagger's tags and the tokens' capitals, repaired."""
    n = len(toks)
    flag = [name_like(toks, k, gaz) for k in range(n)]
    tagged = [t.ner != "O" and not no_name(toks, k, gaz) for k, t in enumerate(toks)]
    # Capitalised particles and articles inside or before a name ("De Morgen", "Van Gogh").
    for k in range(n - 1, -1, -1):
        tok = toks[k]
        if not flag[k] and tok.cap and tok.pos in PARTICLE_CLASSES and k + 1 < n and flag[k + 1] \
                and (not tok.initial or _is_particle(tok, data) and tagged[k] or article_name(toks, k, gaz, data)):
            if _is_particle(tok, data) or tagged[k] or article_name(toks, k, gaz, data):
                flag[k] = True
    _join_parts(toks, flag, tagged, data)
    spans: list[Span] = []
    k = 0
    while k < n:
        if not (flag[k] or tagged[k] and toks[k].cap):
            k += 1
            continue
        i = k
        while k < n and (flag[k] or tagged[k] and (toks[k].cap or _joins(toks, k, i, data))):
            if toks[k].pos == "PUNCT" and toks[k].word not in ("&",):
                break
            k += 1
        spans.extend(_split(toks, i, k, data, gaz))
    kept = [s for s in (_trim(toks, s, data) for s in spans) if s is not None]
    for s in kept:
        if s.j < n and is_year(toks[s.j].word) and toks[s.j - 1].word[-1:].isalpha():
            s.j += 1  # "Euro 2000", "Brussel 2000": an event named after its year
            s.year = True
        elif s.j < n and model_number(toks[s.j].word) and (
                not toks[s.j].word.isdigit() or "PRO" in s.tagger
                or s.j + 1 < n and toks[s.j + 1].cap and not toks[s.j + 1].initial):
            s.j += 1  # "Boeing 787 Dreamliners", "Airbus A380": a product and its maker
            while s.j < n and toks[s.j].cap and toks[s.j].pos in ("PROPN", "NOUN", "X") and not no_name(toks, s.j, gaz):
                s.j += 1
    # A name inside the title of another ("minister van Justitie Jeff Sessions") is part of that title.
    inside = {k for s in kept if s.title_i is not None for k in range(s.title_i, s.i)}
    out = [s for s in kept if not set(range(s.i, s.j)) <= inside]
    return out + _role_names(toks, out, data)


def _role_names(toks: list[Tok], spans: list[Span], data: EntityData) -> list[Span]:
    """A name compounded with the role before a person ("Mossad-baas Danny Yatom",
    "KNVB-woordvoerder De Leede"): the role is the person's title, the compound a mention too."""
    taken = {k for s in spans for k in range(s.i, s.j)}
    out = []
    for s in spans:
        k = s.i - 1
        if k < 0 or k in taken:
            continue
        head, dash, tail = toks[k].word.rpartition("-")
        if dash and head[:1].isupper() and tail.islower() and _role(toks[k], data):
            out.append(_span(toks, k, k + 1))
            taken.add(k)
    return out


def _join_parts(toks: list[Tok], flag: list[bool], tagged: list[bool], data: EntityData) -> None:
    """Mark the tokens that join two capitalised parts into one name: an ampersand ("Lernout &
    Hauspie", "L & H") and a connector after a cut-off compound ("Verzoenings- en
    Eenheidscommissie", "Bank- en Financiewezen"; not "Midden- en Oost-Europa", two names)."""
    for k in range(1, len(toks) - 1):
        before, tok, after = toks[k - 1], toks[k], toks[k + 1]
        left = flag[k - 1] or tagged[k - 1] and before.cap
        if not (left and after.cap and after.pos not in NOT_NAME_CLASSES):
            continue
        if tok.word == "&" or (before.word.endswith("-") and len(before.word) > 2 and "-" not in after.word
                               and fold(tok.word) in data.connectors):
            flag[k] = flag[k + 1] = True


def is_year(word: str) -> bool:
    """Four digits that can be a year of the last and this millennium ("1998", "2000")."""
    return len(word) == 4 and word.isdigit() and word[:2] in ("19", "20")


def article_name(toks: list[Tok], k: int, gaz: Gazetteer, data: EntityData | None = None) -> bool:
    """A capitalised article before a capitalised common word: a title such as "De Morgen"."""
    if k + 1 >= len(toks) or not toks[k].cap or not is_article(toks[k], data):
        return False
    nxt = toks[k + 1]
    return (nxt.cap and not nxt.initial and not nxt.lemma_cap and nxt.pos not in ("ADJ", "PROPN", "NUM")
            and not gaz.is_demonym(nxt.word) and fold(nxt.word) not in gaz.not_names)


def is_article(tok: Tok, data: EntityData | None) -> bool:
    """An article, also where the tagger took it for part of a name ("De" of "De Morgen")."""
    return tok.pos == "DET" or (tok.pos == "PROPN" and data is not None and fold(tok.word) in data.edge_words
                                and fold(tok.word) in data.particles)


def _joins(toks: list[Tok], k: int, i: int, data: EntityData) -> bool:
    """A lower-case token ``k`` inside a tagged run: a particle or connector that joins two parts."""
    tok = toks[k]
    word = fold(tok.word)
    m = k
    while m < len(toks) and not toks[m].cap and (fold(toks[m].word) in data.connectors
                                                   or fold(toks[m].word) in data.particles):
        m += 1
    if m == k or m >= len(toks) or not toks[m].cap or toks[m].ner == "O":
        return False
    if k > i and toks[k - 1].ner != "O" and toks[k - 1].ner[2:] != toks[m].ner[2:]:
        return False  # "Olivier Hertoghe van Petercam": a person of an organisation, two names
    if word in data.particles and all(fold(t.word) in data.particles for t in toks[k:m]):
        return True
    left = {fold(t.word) for t in toks[i:k]}
    return bool(left & data.words("name_words", "ORG") or left & data.words("name_words", "LOC"))


def _split(toks: list[Tok], i: int, j: int, data: EntityData, gaz: Gazetteer) -> list[Span]:
    """Split a run at a group adjective before a proper name, and at tagger boundaries inside."""
    out: list[Span] = []
    start = i
    whole = " ".join(fold(t.word) for t in toks[i:j])
    keep_whole = whole in gaz.places or any(has_name_word(t.word, data) for t in toks[i:j])
    tagged_as = {t.ner[2:] for t in toks[i:j] if t.ner != "O"}
    for k in range(i, j - 1):
        tok, nxt = toks[k], toks[k + 1]
        proper = nxt.pos == "PROPN" and nxt.lemma_cap or (nxt.cap and nxt.pos == "NOUN" and "ORG" not in tagged_as)
        if k > start and ((fold(tok.word),) in data.titles or _role(tok, data)) and nxt.cap and not keep_whole:
            # "Apple CEO Steve Jobs", "Republikeinse Congreslid Pete Sessions": a title between two names
            out.append(_span(toks, start, k))
            start = k
        elif k == start and _group_word(toks, k, data, gaz) and not keep_whole and proper and not gaz.is_demonym(nxt.word):
            out.append(_span(toks, start, k + 1))  # "Britse Concorde": a group word, then a name
            start = k + 1
        elif nxt.ner.startswith("B-") and tok.ner != "O" and not tok.word.endswith("-") \
                and (not keep_whole or k == start and gaz.is_demonym(tok.word)) \
                and nxt.ner[2:] != tok.ner[2:] and not _holds_together(tok, data, gaz) \
                and _two_names(toks, k, data, gaz):
            out.append(_span(toks, start, k + 1))
            start = k + 1
    out.append(_span(toks, start, j))
    return out


def _group_word(toks: list[Tok], k: int, data: EntityData, gaz: Gazetteer) -> bool:
    """Token ``k`` is a group word that starts a run of its own ("Britse" of "Britse Concorde"); a
    group word that is also a given name and no inflected adjective ("Jordan", "Brit") may start a
    person's name, unless a given name and a surname follow ("Brit John Watson")."""
    folded = fold(toks[k].word)
    if not gaz.is_demonym(toks[k].word):
        return False
    if folded not in gaz.first_names or folded.endswith(data.demonym_suffixes):
        return True
    return (k + 2 < len(toks) and fold(toks[k + 1].word) in gaz.first_names and toks[k + 2].cap
            and not toks[k + 2].initial)


def _two_names(toks: list[Tok], k: int, data: EntityData, gaz: Gazetteer) -> bool:
    """Tokens ``k`` and ``k + 1``, typed apart by the tagger, are two names only when one of them is
    known by itself: a place, group word, adjective, title or role before ("Londen Swissair",
    "VN-ambassadeur Holbrooke", "Congreslid Pete Sessions"), a title, place, first name or
    acronym after ("Republikeinse Congreslid", "Clinton Barak"); else the
    tagger lost its way in one long name ("Paris Air Show")."""
    tok, nxt = toks[k], toks[k + 1]
    tail = tok.word.rpartition("-")[2]
    return (tail[:1].islower() or _role(tok, data) or (fold(tok.word),) in data.titles or fold(tok.word) in gaz.places or gaz.is_demonym(tok.word) or is_acronym(tok.word)
            or tok.pos == "ADJ" or _role(nxt, data) or (fold(nxt.word),) in data.titles
            or fold(nxt.word) in gaz.places or fold(nxt.word) in gaz.first_names or is_acronym(nxt.word))


def has_name_word(word: str, data: EntityData) -> bool:
    """The word is, or ends in, an organisation or place word ("Commissie", "Veiligheidsdienst")."""
    folded = fold(word)
    for kind in ("ORG", "LOC"):
        if folded in data.words("name_words", kind):
            return True
        if any(len(folded) > len(e) + 2 and folded.endswith(e) for e in data.words("name_word_endings", kind)):
            return True
    return False


def _holds_together(tok: Tok, data: EntityData, gaz: Gazetteer) -> bool:
    """A token after which a name goes on whatever the tagger says: a first name, an initial, a particle."""
    word = tok.word
    return (fold(word) in gaz.first_names or fold(word) in data.particles
            or (len(word) == 2 and word[1] == "." and word[0].isupper()))


def _span(toks: list[Tok], i: int, j: int) -> Span:
    kinds = [t.ner[2:] for t in toks[i:j] if t.ner != "O"]
    return Span(i, j, tagger=kinds, by_tagger=bool(kinds),
                by_tokens=any(t.pos == "PROPN" or (t.cap and not t.initial) for t in toks[i:j]))


def _role(tok: Tok, data: EntityData) -> bool:
    """A role noun written as part of a name run ("Likoed-leider Ariel Sharon", "Airbus-topman X")."""
    word = fold(tok.word)
    return tok.pos in ("NOUN", "X", "PROPN") and any(
        len(word) > len(e) + 2 and word.endswith(e) for e in data.title_endings)


def title_before(toks: list[Tok], i: int, data: EntityData) -> tuple[str, int] | None:
    """The title or role written just before token ``i`` and the token where it starts, or None."""
    for n in range(min(data.max_title_tokens, i), 0, -1):
        words = tuple(fold(t.word) for t in toks[i - n:i])
        if words in data.titles:
            return " ".join(t.word for t in toks[i - n:i]), i - n
    if i > 0:
        word = fold(toks[i - 1].word)
        if data.title_endings and word.endswith(data.title_endings) and toks[i - 1].pos in ("NOUN", "X", "PROPN"):
            return toks[i - 1].word, i - 1
    return None


def _trim(toks: list[Tok], span: Span, data: EntityData) -> Span | None:
    """Drop titles and edge words; None when nothing of a name is left."""
    i, j = span.i, span.j
    title = None
    changed = True
    while changed and i < j:
        changed = False
        words = [fold(t.word) for t in toks[i:j]]
        for n in range(min(data.max_title_tokens, j - i - 1), 0, -1):
            if tuple(words[:n]) in data.titles:
                title = " ".join(t.word for t in toks[i:i + n])
                i += n
                changed = True
                break
        if changed:
            continue
        first, last = toks[i], toks[j - 1]
        if j - i > 1 and _role(first, data):
            title = first.word
            i += 1
            changed = True
            continue
        keeps_particle = (first.cap and fold(first.word) in data.particles and j - i > 1
                          and (not first.initial or first.ner != "O" or is_article(first, data)
                               and not toks[i + 1].lemma_cap))
        if j - i > 1 and fold(first.word) in data.edge_words and not keeps_particle:
            i += 1
            changed = True
        elif j - i > 1 and (fold(last.word) in data.edge_words or last.pos == "PUNCT"):
            j -= 1
            changed = True
        elif j - i > 1 and first.word in ("&", "-"):
            i += 1
            changed = True
    if i >= j or not any(t.cap for t in toks[i:j]):
        return None
    if (tuple(fold(t.word) for t in toks[i:j]) in data.titles and span.by_tokens
            and (j - i > 1 or not any(t.ner.endswith("PER") for t in toks[i:j]))):
        return None  # a title standing alone ("CEO", "Chief Financial Officer") names nobody
    if all(t.pos == "NUM" or not any(c.isalpha() for c in t.word) for t in toks[i:j]):
        return None
    start = span.i
    span.i, span.j = i, j
    # A title taken off the span is not looked for again before the name ("Koning Koning"),
    # unless a longer title ends with it ("Attorney" before "General Jeff Sessions").
    longer = title_before(toks, i, data) if title is not None else None
    if longer is not None and longer[1] < start:
        title, start = longer[0], longer[1]
        span.title, span.title_i = longer
    before = title_before(toks, i if title is None else start, data)
    if before is not None:
        span.title, span.title_i = (before[0] if title is None else f"{before[0]} {title}"), before[1]
    elif title is not None:
        span.title, span.title_i = title, start
    return span
