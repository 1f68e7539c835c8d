"""The identity of a stored article, the same in every backend."""
from __future__ import annotations

from ..io.records import content_hash
from ..model import Article


def article_key(art: Article) -> tuple[str, str]:
    """``(ext_id, content hash)``; articles without an id get one from the hash.

    The content hash is SHA-256 of the publication date and the text: the
    same article read twice (same text and date) is stored once.
    """
    digest = content_hash(art.text, art.dct.value)
    return (art.ext_id or digest[:16]), digest
