"""Names across articles: which ones may be the same entity (no storage here).

An article's mentions are first gathered into document entities: the
mentions of one type whose full name is the same ("Sessions" standing for
"Jeff Sessions" counts as "Jeff Sessions"). Whether a document entity may
join a canonical entity is decided by the functions below, conservatively:

* the type must be the same;
* people: the surname must be the same and the given names compatible
  ("Jeff" and "J." are, "Jeff" and "Pete" are not); a bare surname joins
  only an entity that is the one person with that surname in play;
* other names: the same name, an acronym of it ("EADS"), or a spelling
  variant that ``rapidfuzz`` finds very similar (ratio ≥ :data:`FUZZY_MIN`)
  and that differs only in legal-form words ("Northrop Grumman Corp");
  failing those, a name that starts another ("Apple" of "Apple Computer",
  "Boeing" of "Boeing Commercial Airplanes") when exactly one entity fits
  and the shorter name can stand for an organisation by itself (no place,
  group word or organisation word such as "Air":
  :func:`may_stand_alone`);
* a name compounded with a common noun stands for the name
  ("McDonnell Douglas-vliegtuigen", "Air Canada-contract": :func:`compound_head`);
* places: also another form of the same country ("Verenigde Staten",
  "Verenigde Staten van Amerika": one ISO 3166 code, from CLDR and
  ``pycountry``).

:mod:`kroniek.store.sqlite.entities` applies them to the database.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

from rapidfuzz import fuzz

from ..temporal.lexicon import fold

#: Minimum ``rapidfuzz.fuzz.ratio`` (0-100) for two non-person names to be spelling variants.
FUZZY_MIN = 92
#: Names of fewer characters are never matched fuzzily.
FUZZY_MIN_CHARS = 6


@dataclass
class DocEntity:
    """The mentions of one entity within one article.

    Attributes:
        type: the mentions' type.
        key: the folded full name.
        name: the full name as written.
        names: folded name → (as written, kind ``full``/``short``/``acronym``, count).
        mentions: the mentions' row ids.
        surname, given: for people, the folded surname and given names
            ('' when only the surname was written).
        context: folded keys of the article's other document entities.
        fulls: full name as written (the mention's own, or the one it stands for) → mentions.
    """

    type: str
    key: str
    name: str
    names: dict[str, tuple[str, str, int]] = field(default_factory=dict)
    mentions: list[int] = field(default_factory=list)
    surname: str = ""
    given: str = ""
    context: set[str] = field(default_factory=set)
    fulls: dict[str, int] = field(default_factory=dict)


def person_parts(name: str, particles: Iterable[str]) -> tuple[str, str]:
    """``(surname, given names)`` of a person's name, folded.

    The surname is the last word with the particles before it ("Van
    Gogh", "de Prins"); the given names are the words before that.

    >>> person_parts("Vincent van Gogh", {"van"})
    ('van gogh', 'vincent')
    """
    words = fold(name).replace("-", " - ").split()
    words = [w for w in words if w != "-"] or [fold(name)]
    particles = set(particles)
    k = len(words) - 1
    while k > 0 and words[k - 1] in particles:
        k -= 1
    return " ".join(words[k:]), " ".join(words[:k])


def given_compatible(a: str, b: str) -> bool:
    """Whether two folded given names may be one person's.

    Empty is compatible with anything; otherwise every word must agree,
    an initial ("j.") agreeing with a name that starts with it.
    """
    if not a or not b:
        return True
    wa, wb = a.split(), b.split()
    for x, y in zip(wa, wb):
        if x == y:
            continue
        xs, ys = x.rstrip("."), y.rstrip(".")
        if (x.endswith(".") or len(xs) == 1) and ys.startswith(xs):
            continue
        if (y.endswith(".") or len(ys) == 1) and xs.startswith(ys):
            continue
        return False
    return True


def acronym(name: str) -> str:
    """The folded initials of a name's capitalised words ("European Aeronautic Defence and Space" → "eads")."""
    words = [w for w in name.replace("-", " ").split() if w[:1].isupper()]
    return "".join(fold(w[0]) for w in words) if len(words) >= 2 else ""


def variant(a: str, b: str, legal_forms: frozenset[str]) -> bool:
    """Two folded non-person names that are spellings of one name.

    True when they are equal once legal-form words ("nv", "inc", "corp")
    and punctuation are left out, or when ``rapidfuzz`` rates them at least
    :data:`FUZZY_MIN` and both are at least :data:`FUZZY_MIN_CHARS` long.
    """
    def core(s: str) -> str:
        words = "".join(c if c.isalnum() else " " for c in s).split()
        return " ".join(w for w in words if w not in legal_forms)

    ca, cb = core(a), core(b)
    if ca and ca == cb:
        return True
    if min(len(ca), len(cb)) < FUZZY_MIN_CHARS:
        return False
    return fuzz.ratio(ca, cb) >= FUZZY_MIN


def context_overlap(a: set[str], b: Iterable[str]) -> int:
    """How many context keys two sets share."""
    return len(a & set(b))


def name_prefixes(key: str) -> list[str]:
    """The word prefixes of a folded name, longest first ("apple computer inc" → ["apple computer", "apple"])."""
    words = key.split()
    return [" ".join(words[:n]) for n in range(len(words) - 1, 0, -1)]


def may_stand_alone(key: str, places: frozenset[str], is_group_word, common: frozenset[str]) -> bool:
    """Whether a folded name may stand for a longer name it starts (``key`` "apple" for "apple
    computer"): at least three letters, and no place ("china" of "china eastern"), group word
    ("deutsche") or one of the ``common`` words (organisation words such as "air", "bank"; legal
    forms)."""
    letters = sum(c.isalpha() for c in key)
    words = key.split()
    return letters >= 3 and key not in places and not is_group_word(key) and not any(w in common for w in words)


def compound_head(name: str) -> str:
    """A name without the common noun compounded onto it ("McDonnell Douglas-vliegtuigen" →
    "McDonnell Douglas"); other names unchanged ("Noord-Holland", "Sint-Jozefziekenhuis")."""
    head, dash, tail = name.rpartition("-")
    if dash and head.strip() and head[-1:].isalnum() and tail.isalpha() and tail.islower():
        return head
    return name
