"""Language detection with py3langid, for records that do not say their language."""
from __future__ import annotations

import os
import threading
from concurrent.futures import Future

SUPPORTED = ("nl", "en")
#: Languages the detector chooses among; only SUPPORTED ones are processed.
CANDIDATES = ["nl", "en", "de", "fr", "es", "it", "pt", "af", "da", "sv"]


#: Below this many characters, or this confidence, a text is taken to be in
#: the likeliest supported language rather than reported as unsupported.
MIN_CHARS = 200
MIN_CONFIDENCE = 0.95


_lock = threading.Lock()
_identifiers: dict[tuple[str, ...], Future] = {}


def _load(languages: tuple[str, ...], into: Future) -> None:
    try:
        import py3langid.langid as langid  # imported already by whoever started the thread

        identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE,
                                                              norm_probs=True)
        identifier.set_languages(list(languages))
        into.set_result(identifier)
    except BaseException as exc:  # handed to whoever waits for the identifier
        into.set_exception(exc)


def _forget_unfinished() -> None:
    """In a forked child: a load that was under way belongs to a thread the child does not have."""
    global _lock
    _lock = threading.Lock()
    for languages, future in list(_identifiers.items()):
        if not future.done():
            del _identifiers[languages]


os.register_at_fork(after_in_child=_forget_unfinished)


def _future(languages: tuple[str, ...]) -> tuple[Future, bool]:
    """The identifier for ``languages`` (being) loaded, and whether the caller must load it."""
    with _lock:
        found = _identifiers.get(languages)
        if found is not None:
            return found, False
        made = _identifiers[languages] = Future()
        return made, True


def preload() -> None:
    """Start loading the detector's model in a background thread, and return at once.

    The model is LZMA-compressed, and decompressing it (about half a second)
    releases the GIL, so it overlaps the rest of an ingest's start-up on a
    second core. :func:`detect` waits for it.
    """
    # Every module the load needs is imported here, not in the thread: a child forked
    # meanwhile must not find a module half-imported (its import lock held for ever).
    import lzma  # noqa: F401
    import tempfile  # noqa: F401
    import zipfile  # noqa: F401

    import py3langid.langid  # noqa: F401

    future, mine = _future(tuple(CANDIDATES))
    if mine:
        threading.Thread(target=_load, args=(tuple(CANDIDATES), future), daemon=True,
                         name="kroniek-langid").start()


def _identifier(languages: tuple[str, ...]):
    future, mine = _future(languages)
    if mine:
        _load(languages, future)
    return future.result()


def detect(text: str) -> str:
    """The ISO 639-1 code of the language of ``text`` (first 2,000 characters).

    A short or uncertain text ("Regio") gets the likeliest supported
    language; only a long text clearly in another language is reported as
    such.
    """
    sample = text[:2000]
    lang, confidence = _identifier(tuple(CANDIDATES)).classify(sample)
    lang = "nl" if lang == "af" else lang
    if lang in SUPPORTED or (len(sample) >= MIN_CHARS and confidence >= MIN_CONFIDENCE):
        return lang
    return _identifier(SUPPORTED).classify(sample)[0]


def normalise(code: str) -> str:
    """``"NL"`` → ``"nl"``, ``"nl_BE"``/``"nl-be"`` → ``"nl-BE"``, ``"eng"`` → ``"en"``."""
    code = code.strip().replace("_", "-")
    base, _, region = code.partition("-")
    base = {"nld": "nl", "dut": "nl", "eng": "en"}.get(base.lower(), base.lower())
    return f"{base}-{region.upper()}" if region else base
