"""Syndication: near-duplicate articles (one agency text printed by several titles).

Each article gets a MinHash signature of its word 5-grams (lower-cased),
computed once with ``datasketch`` (:func:`signature`), and the
locality-sensitive-hashing band keys of that signature (:func:`band_keys`:
``datasketch``'s choice of bands and rows for :data:`THRESHOLD`). An
article is compared only with the articles that share a band key with it;
two articles whose signatures estimate a Jaccard similarity of at least
:data:`THRESHOLD` are copies, and copies of copies form one syndication
group, named after its first article. A group counts as one independent
source on a timeline.

Groups are the connected parts of the "is a copy of" graph, so they do not
depend on the order in which articles arrive: :func:`groups` finds them
in one pass, :func:`join` one article at a time, with the same result.
"""
from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from typing import Iterable

import numpy as np

THRESHOLD = 0.7
NUM_PERM = 64
SHINGLE = 5
_WORD = re.compile(r"\w+")


@lru_cache(maxsize=1)
def _bands() -> list[tuple[int, int]]:
    from datasketch import MinHashLSH  # imported here: it pulls in SciPy, a second of start-up

    return [tuple(r) for r in MinHashLSH(threshold=THRESHOLD, num_perm=NUM_PERM).hashranges]


def signature(text: str) -> bytes:
    """The MinHash signature of a text's word 5-grams: the low 16 bits of each of its
    :data:`NUM_PERM` values (two unrelated values are equal by chance once in 65,536)."""
    from datasketch import MinHash

    words = _WORD.findall(text.lower())
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))}
    mh.update_batch([g.encode("utf-8") for g in grams])
    return (mh.hashvalues & 0xFFFF).astype("<u2").tobytes()


def band_keys(sig: bytes) -> list[int]:
    """The LSH band keys of a signature: one signed 64-bit key per band."""
    out = []
    for n, (start, end) in enumerate(_bands()):
        chunk = bytes([n]) + sig[start * 2:end * 2]
        out.append(int.from_bytes(hashlib.blake2b(chunk, digest_size=8).digest(), "big", signed=True))
    return out


def similarity(a: bytes, b: bytes) -> float:
    """The Jaccard similarity two signatures estimate (the share of equal values)."""
    x, y = np.frombuffer(a, dtype="<u2"), np.frombuffer(b, dtype="<u2")
    return float(np.mean(x == y))


def join(article: int, sig: bytes, candidates: Iterable[tuple[int, int, bytes]]) -> tuple[int, set[int]]:
    """The syndication group of a new article.

    Args:
        article: its id (later than every candidate's).
        sig: its signature.
        candidates: ``(article id, group, signature)`` of the articles
            sharing a band key with it.

    Returns:
        ``(group, merged)``: the group it belongs to (the smallest group id
        among its copies', else its own id) and the other groups that join
        that group through it.
    """
    groups = {group for other, group, other_sig in candidates
              if other != article and similarity(sig, other_sig) >= THRESHOLD}
    if not groups:
        return article, set()
    group = min(groups)
    return group, groups - {group}


def groups(texts: dict[int, str]) -> dict[int, int]:
    """Article id → syndication group, in one pass over all texts (the reference for :func:`join`)."""
    sigs = {aid: signature(text) for aid, text in texts.items()}
    buckets: dict[int, list[int]] = {}
    parent = {aid: aid for aid in texts}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for aid in sorted(texts):
        for key in band_keys(sigs[aid]):
            for other in buckets.get(key, []):
                if similarity(sigs[aid], sigs[other]) >= THRESHOLD:
                    a, b = find(aid), find(other)
                    if a != b:
                        parent[max(a, b)] = min(a, b)
            buckets.setdefault(key, []).append(aid)
    return {aid: find(aid) for aid in texts}
