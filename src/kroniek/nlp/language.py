"""Language detection with py3langid, for records that do not say their language."""
from __future__ import annotations

from functools import lru_cache

SUPPORTED = ("nl", "en")
#: Languages the detector chooses among; only SUPPORTED ones are processed.
CANDIDATES = ["nl", "en", "de", "fr", "es", "it", "pt", "af", "da", "sv"]


#: Below this many characters, or this confidence, a text is taken to be in
#: the likeliest supported language rather than reported as unsupported.
MIN_CHARS = 200
MIN_CONFIDENCE = 0.95


@lru_cache(maxsize=2)
def _identifier(languages: tuple[str, ...]):
    import py3langid.langid as langid

    identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE,
                                                          norm_probs=True)
    identifier.set_languages(list(languages))
    return identifier


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
