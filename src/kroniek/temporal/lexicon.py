"""Language lexicons: surface forms → language-neutral keys, by class.

A lexicon file (``lang/<code>/lexicon.yaml``) has three sections:

``classes``
    class name → {surface form: key}. A surface form may span several
    tokens ("'s middags", "eerste kerstdag").
``tokens``
    class name → a regular expression a single token must match in full;
    named groups become the key's fields, otherwise group 1 (or the whole
    token) as an integer.
``combined``
    class name → ``{parts: [class a, class b], join: ""}``: every form of a
    joined to every form of b ("donderdag" + "avond"), with the key
    ``{a: key a, b: key b}``.
``generated``
    class name → number words produced by ``num2words`` for the language
    (cardinals, ordinals, years), so that "negenentwintig" and
    "eenentwintigste" need no hand-typed tables.

Lookup folds case, diacritics and typographic apostrophes on both sides.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml

from ..errors import RuleDataError

LANG_DIR = Path(__file__).resolve().parent.parent / "lang"

#: The scanner that splits text into tokens for matching: numbers with
#: inner separators and letter suffixes ("15.00", "3e"), words, or any
#: other single non-space character.
TOKEN_RE = re.compile(r"\d+(?:[.:,]\d+)*[^\W\d_]*|[^\W\d_]+|[^\w\s]")

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u2032": "'", "\u02bc": "'",
                              "\u2013": "-", "\u2014": "-", "\u2010": "-", "\u2011": "-"})


@lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """Lower-case ``text``, strip diacritics and normalise apostrophes and dashes."""
    text = text.translate(_APOSTROPHES).lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def scan(text: str) -> list[tuple[str, int, int]]:
    """Split ``text`` into ``(folded token, start, end)`` with half-open offsets."""
    return [(fold(m.group()), m.start(), m.end()) for m in TOKEN_RE.finditer(text)]


@dataclass
class Lexicon:
    """The word classes of one language (with its regional layers applied).

    Attributes:
        lang: the language code, e.g. ``"nl"`` or ``"nl-BE"``.
        trie: nested dicts over folded tokens; the key ``None`` holds a
            list of ``(class, key)`` for forms ending there.
        token_classes: class → compiled full-match regex over one token.
        data: the raw extra sections (tense words and so on).
    """

    lang: str
    trie: dict = field(default_factory=dict)
    token_classes: dict[str, re.Pattern] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)
    data: dict[str, Any] = field(default_factory=dict)
    forms: dict[str, list[tuple[str, Any]]] = field(default_factory=dict)

    def add(self, cls: str, form: str, key: Any) -> None:
        """Add one surface form of class ``cls`` with ``key``."""
        tokens = [t for t, _, _ in scan(form)]
        if not tokens:
            return
        self.forms.setdefault(cls, []).append((form, key))
        node = self.trie
        for tok in tokens:
            node = node.setdefault(tok, {})
        entries = node.setdefault(None, [])
        if (cls, key) not in entries:
            entries.append((cls, key))
        self.classes.add(cls)

    def lookup(self, tokens: list[str], i: int) -> list[tuple[str, Any, int]]:
        """All forms starting at token ``i``: ``(class, key, length in tokens)``."""
        out = []
        node = self.trie
        j = i
        while j < len(tokens):
            node = node.get(tokens[j])
            if node is None:
                break
            j += 1
            for cls, key in node.get(None, ()):
                out.append((cls, key, j - i))
        return out

    def token_key(self, cls: str, token: str) -> Any:
        """The key of ``token`` under the token class ``cls``, or None."""
        m = self.token_classes[cls].fullmatch(token)
        if not m:
            return None
        named = {k: v for k, v in m.groupdict().items() if v is not None}
        if named:
            return {k: _number(v) for k, v in named.items()}
        return _number(m.group(1) if m.groups() else m.group())


def _number(text: str) -> Any:
    text = text.replace(",", ".")
    try:
        return int(text)
    except ValueError:
        try:
            return float(text)
        except ValueError:
            return text


class DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml's parser when PyYAML has it
    """YAML loader for language data: only ``true``/``false`` are booleans.

    Plain YAML 1.1 reads the words ``on``, ``no``, ``yes`` and ``off`` as
    booleans, which language data cannot afford.
    """


DataLoader.yaml_implicit_resolvers = {
    key: [(tag, regex) for tag, regex in resolvers if tag != "tag:yaml.org,2002:bool"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
for _first in "tTfF":
    DataLoader.yaml_implicit_resolvers.setdefault(_first, []).append(
        ("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$")))


def load_data(text: str) -> Any:
    """Parse language data (YAML with only true/false as booleans)."""
    return yaml.load(text, Loader=DataLoader)  # noqa: S506 - a SafeLoader subclass


def read_data(path: Path) -> dict:
    """Read one language-data file.

    Raises:
        RuleDataError: naming the file, when it is not valid YAML or not a mapping.
    """
    try:
        data = load_data(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        raise RuleDataError(f"{path}: not valid YAML: {exc}") from None
    if not isinstance(data, dict):
        raise RuleDataError(f"{path}: expected a mapping at the top")
    return data


def _layers(lang: str) -> list[Path]:
    """Folders of a language and its regional layer: ``nl-BE`` → lang/nl, lang/nl/BE."""
    base, _, region = lang.replace("_", "-").partition("-")
    folders = [LANG_DIR / "common", LANG_DIR / base]
    if region:
        folders.append(LANG_DIR / base / region.upper())
    if not (LANG_DIR / base).is_dir():
        raise RuleDataError(f"no language data for {lang!r} (looked in {LANG_DIR / base})")
    return [f for f in folders if f.is_dir()]


def language_files(lang: str, name: str) -> list[Path]:
    """The files called ``name`` in every layer of ``lang``, general first."""
    return [folder / name for folder in _layers(lang) if (folder / name).exists()]


@lru_cache(maxsize=8)
def load_lexicon(lang: str) -> Lexicon:
    """Load and merge the lexicon layers of ``lang``.

    Raises:
        RuleDataError: for unknown languages or malformed files (names the file).
    """
    lex = Lexicon(lang)
    for path in language_files(lang, "lexicon.yaml"):
        data = read_data(path)
        for cls, forms in (data.get("classes") or {}).items():
            if not isinstance(forms, dict):
                raise RuleDataError(f"{path}: class {cls!r} must map forms to keys")
            for form, key in forms.items():
                lex.add(cls, str(form), key)
        for cls, pattern in (data.get("tokens") or {}).items():
            try:
                lex.token_classes[cls] = re.compile(pattern)
            except re.error as exc:
                raise RuleDataError(f"{path}: token class {cls!r}: bad regex: {exc}") from None
            lex.classes.add(cls)
        for cls, spec in (data.get("generated") or {}).items():
            for form, key in _generate(path, lang.split("-")[0], spec):
                lex.add(cls, form, key)
        for cls, spec in (data.get("combined") or {}).items():
            _combine(lex, path, cls, spec)
        for key, value in data.items():
            if key not in ("classes", "tokens", "generated", "combined"):
                lex.data[key] = value
    return lex


def _generate(path: Path, lang: str, spec: dict) -> list[tuple[str, int]]:
    """Number words from ``num2words``: ``{kind, ranges, joins}``."""
    from num2words import num2words

    kind = spec.get("kind", "cardinal")
    out: list[tuple[str, int]] = []

    def words(n: int, to: str = "cardinal") -> list[str]:
        text = num2words(n, lang=lang, to=to)
        variants = {text, text.replace("-", " "), text.replace(",", ""), text.replace(" and ", " ")}
        return sorted(variants)

    try:
        for rng in spec.get("ranges", []):
            for n in range(*rng):
                if kind == "year":
                    forms = set(words(n, "year")) if lang == "en" else set(words(n))
                    for join in spec.get("joins", [" "]):
                        high, low = divmod(n, 100)
                        if low and not (2000 <= n < 2010):
                            forms.update(h + join + lw for h in words(high) for lw in words(low))
                        if n >= 2000 and n % 1000:
                            forms.update(h + join + lw for h in words(2000) for lw in words(n - 2000))
                    out.extend((form, n) for form in forms)
                else:
                    out.extend((form, n) for form in words(n, kind))
    except (NotImplementedError, TypeError, ValueError) as exc:
        raise RuleDataError(f"{path}: cannot generate {kind} words for {lang!r}: {exc}") from None
    return out


def _combine(lex: Lexicon, path: Path, cls: str, spec: dict) -> None:
    """Compound forms from two classes ("donderdag" + "avond" → "donderdagavond")."""
    try:
        first, second = spec["parts"]
    except (KeyError, TypeError, ValueError):
        raise RuleDataError(f"{path}: combined class {cls!r} needs parts: [a, b]") from None
    for name in (first, second):
        if name not in lex.forms:
            raise RuleDataError(f"{path}: combined class {cls!r}: unknown class {name!r}")
    join = spec.get("join", "")
    for form_a, key_a in list(lex.forms[first]):
        for form_b, key_b in list(lex.forms[second]):
            lex.add(cls, f"{form_a}{join}{form_b}", {first: key_a, second: key_b})
