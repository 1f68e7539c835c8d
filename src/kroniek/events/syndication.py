"""Syndication: near-duplicate articles (one agency text printed by several titles).

Articles whose word 5-gram sets have an estimated Jaccard similarity of at
least :data:`THRESHOLD` form one syndication group, found with MinHash and
locality-sensitive hashing from ``datasketch``. A group counts as one
independent source on a timeline.
"""
from __future__ import annotations

import re
import sqlite3

THRESHOLD = 0.7
NUM_PERM = 64
SHINGLE = 5
_WORD = re.compile(r"\w+")


def signature(text: str):
    """The MinHash (``datasketch.MinHash``) of a text's word 5-grams (lower-cased)."""
    from datasketch import MinHash  # imported here: it pulls in SciPy, a second of start-up

    words = _WORD.findall(text.lower())
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    grams = {" ".join(words[i:i + SHINGLE]) for i in range(max(len(words) - SHINGLE + 1, 1))}
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def groups(texts: dict[int, str], threshold: float = THRESHOLD) -> dict[int, int]:
    """Article id → group id (the smallest article id in its group).

    Args:
        texts: article id → text.
        threshold: estimated Jaccard similarity that makes two texts copies.
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    parent = {aid: aid for aid in texts}

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for aid in sorted(texts):
        mh = signature(texts[aid])
        for other in lsh.query(mh):
            a, b = find(aid), find(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
        lsh.insert(aid, mh)
    return {aid: find(aid) for aid in texts}


def assign_groups(conn: sqlite3.Connection) -> int:
    """Recompute every article's syndication group; return the number of groups.

    Runs inside the caller's transaction.
    """
    texts = {row[0]: row[1] for row in conn.execute("SELECT id, text FROM articles")}
    found = groups(texts)
    conn.executemany("UPDATE articles SET syndication_group = ? WHERE id = ?",
                     [(group, aid) for aid, group in found.items()])
    return len(set(found.values()))
