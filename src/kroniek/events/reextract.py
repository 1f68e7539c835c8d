"""Re-running event extraction on stored articles, without Frog or the tagger.

Sentences keep their tags and lemmas, so improved event rules can be applied
to a whole archive: ``kroniek rebuild``. Articles are read one at a time
(memory stays bounded) and each one's events are replaced in one
transaction; the archive is merged again afterwards.
"""
from __future__ import annotations

from functools import partial
from typing import Callable

from ..nlp import cgn
from ..store.base import Store
from ..temporal.lexicon import load_lexicon
from .extract import extract_events


def reextract(store: Store, on_article: Callable[[], None] | None = None) -> int:
    """Replace every stored article's events; return the number of events written.

    Args:
        on_article: called after each article.
    """
    total, after = 0, 0
    store.reset_merging()  # merged events are rebuilt afterwards
    while True:
        ids = store.article_ids(after, 500)
        if not ids:
            return total
        for aid in ids:
            a = store.stored_for_events(aid)
            tagged = any(s.tokens for s in a.sentences)
            universal = tense_of = None
            if tagged:
                tense = load_lexicon(a.lang).data.get("tense") or {}
                universal = cgn.universal
                tense_of = partial(cgn.tense_of_tags, future_lemmas=frozenset(tense.get("future_lemmas", [])),
                                   perfect_lemmas=frozenset(tense.get("perfect_lemmas", [])))
            events = extract_events(a.text, a.lang, a.dct, a.sentences, a.timexes, a.mentions, a.mention_sentence,
                                    universal=universal, tense_of=tense_of)
            with store.transaction(lock="merge"):
                store.replace_events(aid, events, a.ids)
            total += len(events)
            if on_article:
                on_article()
        after = ids[-1]
