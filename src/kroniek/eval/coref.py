"""Coreference scores: MUC, B³, CEAF-e and the CoNLL F1, for any kind of mention.

Clusters are sets of hashable mention keys (``(doc, sentence, token)``
tuples, ids, anything). Key (gold) and response (system) need not hold the
same mentions: a mention only one side has ("twinless") counts against
recall or precision, as in version 8 of the CoNLL-2012 reference scorer
(Pradhan et al. 2014, "Scoring Coreference Partitions of Predicted
Mentions: A Reference Implementation"). Singleton clusters count in B³
and CEAF-e; MUC, a link-based measure, ignores them by definition.

* MUC (Vilain et al. 1995): recall = Σ(|K| − |p(K)|) / Σ(|K| − 1), with
  p(K) the parts the response cuts K into (a mention the response lacks
  is a part of its own); precision the same with key and response swapped.
* B³ (Bagga & Baldwin 1998): recall = Σ_K Σ_R |K∩R|² / |K| divided by
  the number of key mentions; precision the same over the response.
* CEAF-e (Luo 2005): the one-to-one alignment of key and response
  clusters that maximises Σ φ4(K, R) = 2|K∩R| / (|K| + |R|); recall =
  Σφ4 / number of key clusters, precision = Σφ4 / number of response clusters.
* CoNLL F1: the mean of the three F1 scores.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Hashable, Iterable, Sequence

Cluster = frozenset


@dataclass(frozen=True)
class PRF:
    """Precision, recall and F1 (each in [0, 1])."""

    precision: float
    recall: float

    @property
    def f1(self) -> float:
        """The harmonic mean."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_json(self) -> dict:
        """``{precision, recall, f1}`` rounded to four places."""
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


def _clusters(clusters: Iterable[Iterable[Hashable]]) -> list[frozenset]:
    out, seen = [], set()
    for c in clusters:
        c = frozenset(c)
        if not c:
            continue
        if c & seen:
            raise ValueError("a mention is in two clusters of the same side")
        seen |= c
        out.append(c)
    return out


def _ratio(num: float, den: float) -> float:
    return num / den if den else 0.0


def _muc_recall(key: list[frozenset], response: list[frozenset]) -> float:
    where = {m: n for n, c in enumerate(response) for m in c}
    num = den = 0
    for k in key:
        parts = {where.get(m, ("alone", m)) for m in k}
        num += len(k) - len(parts)
        den += len(k) - 1
    return _ratio(num, den)


def muc(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    """The MUC score of ``response`` against ``key`` (see the module text)."""
    k, r = _clusters(key), _clusters(response)
    return PRF(_muc_recall(r, k), _muc_recall(k, r))


def _b3_recall(key: list[frozenset], response: list[frozenset]) -> float:
    where = {m: c for c in response for m in c}
    total = sum(len(c) for c in key)
    num = 0.0
    for k in key:
        overlaps: dict[frozenset, int] = {}
        for m in k:
            if m in where:
                overlaps[where[m]] = overlaps.get(where[m], 0) + 1
        num += sum(n * n for n in overlaps.values()) / len(k)
    return _ratio(num, total)


def b_cubed(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    """The B³ score of ``response`` against ``key``."""
    k, r = _clusters(key), _clusters(response)
    return PRF(_b3_recall(r, k), _b3_recall(k, r))


def _phi4(a: frozenset, b: frozenset) -> float:
    return 2 * len(a & b) / (len(a) + len(b))


def best_assignment(weights: Sequence[Sequence[float]]) -> float:
    """The largest sum of weights of a one-to-one assignment of rows to columns (Hungarian method).

    Args:
        weights: a rectangular matrix of non-negative weights.

    Returns:
        The best total (0 for an empty matrix).
    """
    if not weights or not weights[0]:
        return 0.0
    rows, cols = len(weights), len(weights[0])
    transpose = rows > cols
    if transpose:
        weights = [list(col) for col in zip(*weights)]
        rows, cols = cols, rows
    top = max(max(row) for row in weights)
    cost = [[top - w for w in row] for row in weights]
    inf = float("inf")
    u, v = [0.0] * (rows + 1), [0.0] * (cols + 1)
    match, way = [0] * (cols + 1), [0] * (cols + 1)
    for i in range(1, rows + 1):
        match[0] = i
        j0 = 0
        minv, used = [inf] * (cols + 1), [False] * (cols + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = match[j0], inf, 0
            for j in range(1, cols + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(cols + 1):
                if used[j]:
                    u[match[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if match[j0] == 0:
                break
        while True:
            j1 = way[j0]
            match[j0] = match[j1]
            j0 = j1
            if j0 == 0:
                break
    return sum(weights[match[j] - 1][j - 1] for j in range(1, cols + 1) if match[j])


def ceaf_e(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> PRF:
    """The entity-based CEAF (φ4) score of ``response`` against ``key``."""
    k, r = _clusters(key), _clusters(response)
    if not k or not r:
        return PRF(0.0, 0.0)
    where = {m: n for n, c in enumerate(r) for m in c}
    # Only clusters that share a mention can score; align within those blocks.
    weights = [[0.0] * len(r) for _ in k]
    for i, kc in enumerate(k):
        for j in {where[m] for m in kc if m in where}:
            weights[i][j] = _phi4(kc, r[j])
    total = best_assignment(weights)
    return PRF(_ratio(total, len(r)), _ratio(total, len(k)))


@dataclass(frozen=True)
class CorefScores:
    """MUC, B³ and CEAF-e, and their mean F1 (the CoNLL score)."""

    muc: PRF
    b_cubed: PRF
    ceaf_e: PRF

    @property
    def conll_f1(self) -> float:
        """The mean of the three F1 scores."""
        return (self.muc.f1 + self.b_cubed.f1 + self.ceaf_e.f1) / 3

    def to_json(self) -> dict:
        """``{muc, b_cubed, ceaf_e: {precision, recall, f1}, conll_f1}``."""
        return {"muc": self.muc.to_json(), "b_cubed": self.b_cubed.to_json(), "ceaf_e": self.ceaf_e.to_json(),
                "conll_f1": round(self.conll_f1, 4)}


def score(key: Iterable[Iterable[Hashable]], response: Iterable[Iterable[Hashable]]) -> CorefScores:
    """All three measures of ``response`` against ``key``.

    Raises:
        ValueError: when a mention sits in two clusters of one side.
    """
    key, response = _clusters(key), _clusters(response)
    return CorefScores(muc(key, response), b_cubed(key, response), ceaf_e(key, response))
