"""Language detection with py3langid, for records that do not say their language."""
from __future__ import annotations

from functools import lru_cache

SUPPORTED = ("nl", "en")
#: Languages the detector chooses among; only SUPPORTED ones are processed.
CANDIDATES = ["nl", "en", "de", "fr", "es", "it", "pt", "af", "da", "sv"]


@lru_cache(maxsize=1)
def _identifier():
    import py3langid.langid as langid

    identifier = langid.LanguageIdentifier.from_modelpath(langid.MODEL_DIR / langid.MODEL_FILE,
                                                          norm_probs=True)
    identifier.set_languages(CANDIDATES)
    return identifier


def detect(text: str) -> str:
    """The ISO 639-1 code of the language of ``text`` (first 2,000 characters)."""
    lang, _ = _identifier().classify(text[:2000])
    return "nl" if lang == "af" else lang


def normalise(code: str) -> str:
    """``"NL"`` → ``"nl"``, ``"nl_BE"``/``"nl-be"`` → ``"nl-BE"``, ``"eng"`` → ``"en"``."""
    code = code.strip().replace("_", "-")
    base, _, region = code.partition("-")
    base = {"nld": "nl", "dut": "nl", "eng": "en"}.get(base.lower(), base.lower())
    return f"{base}-{region.upper()}" if region else base
