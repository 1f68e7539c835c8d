"""Sentence tense from CGN part-of-speech tags (the tagset Frog uses).

Finite verbs are tagged ``WW(pv,tgw,...)`` (present) or ``WW(pv,verl,...)``
(past), participles ``WW(vd,...)``. A finite form of a future auxiliary
(lemma list ``future_lemmas`` in the language data) makes the sentence
future; a past finite verb makes it past; a present perfect auxiliary
(``perfect_lemmas``) with a participle is past too; any other finite verb
makes it present.
"""
from __future__ import annotations

from .frog import FrogToken


def tense_from_tags(tokens: list[FrogToken], future_lemmas: frozenset[str],
                    perfect_lemmas: frozenset[str]) -> str | None:
    """``"future"``, ``"past"``, ``"present"`` or None (no finite verb)."""
    return tense_of_tags([t.pos for t in tokens], [t.lemma for t in tokens], future_lemmas, perfect_lemmas)


def tense_of_tags(tags: list[str], lemmas: list[str], future_lemmas: frozenset[str],
                  perfect_lemmas: frozenset[str]) -> str | None:
    """The tense of a sentence or clause from parallel CGN tags and lemmas.

    Returns:
        ``future`` (a present-tense future auxiliary), ``conditional`` (a
        past-tense one without a participle: "zou ingaan"), ``past`` (a past
        finite verb, or a perfect auxiliary with a participle), ``present``,
        or None when there is no finite verb.
    """
    finite = [(tag, lemma) for tag, lemma in zip(tags, lemmas) if tag.startswith("WW(pv")]
    if not finite:
        return None
    if any(lemma in future_lemmas and ",tgw" in tag for tag, lemma in finite):
        return "future"
    participle = any(tag.startswith("WW(vd") for tag in tags)
    if any(lemma in future_lemmas for _, lemma in finite) and not participle:
        return "conditional"  # "zou ingaan": a plan or a possibility, seen from the past
    if any(",verl" in tag for tag, _ in finite):
        return "past"
    if any(lemma in perfect_lemmas for _, lemma in finite) and any(tag.startswith("WW(vd") for tag in tags):
        return "past"
    return "present"


def universal(pos: str) -> tuple[str, str]:
    """Map a CGN tag to a coarse universal category and a verb form.

    Returns:
        ``(category, form)``: categories VERB, NOUN, PROPN, ADJ, ADV, ADP,
        PART (separable particle), DET, NUM, PRON, PRON_REL, CCONJ, SCONJ,
        PUNCT, X; forms for verbs: ``finite``, ``infinitive``, ``nominal``
        (a nominalised infinitive, "het aftreden"), ``participle``,
        ``attributive`` (a participle before a noun, or a present
        participle, "voorafgaand"); else ``""``.
    """
    head, _, rest = pos.partition("(")
    feats = rest.rstrip(")").split(",") if rest else []
    if head == "WW":
        if "pv" in feats:
            return "VERB", "finite"
        if "inf" in feats:
            return "VERB", "nominal" if "nom" in feats else "infinitive"
        if "prenom" in feats or "nom" in feats or "od" in feats:
            return "VERB", "attributive"
        return "VERB", "participle"
    if head == "N":
        return ("PROPN" if "eigen" in feats else "NOUN"), ""
    if head == "SPEC":
        return ("PROPN" if "deeleigen" in feats else "X"), ""
    if head == "VNW":
        return ("PRON_REL" if "betr" in feats else "PRON"), ""
    if head == "VG":
        return ("SCONJ" if "onder" in feats else "CCONJ"), ""
    if head == "VZ":
        return ("PART" if "fin" in feats else "ADP"), ""
    return {"LET": "PUNCT", "BW": "ADV", "ADJ": "ADJ", "LID": "DET", "TW": "NUM", "TSW": "X"}.get(head, "X"), ""
