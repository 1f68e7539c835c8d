"""From a record (a mapping of field names) to an :class:`Article`.

Field names, for JSON Lines and CSV alike:

* text: ``text`` or ``content`` (required, not empty);
* publication date: ``published_at``, ``published``, ``date`` or
  ``datetime`` (required unless a default date is given);
* optional: ``id``, ``title``, ``url``, ``source`` or ``publisher``, ``lang``.
"""
from __future__ import annotations

import hashlib
from datetime import tzinfo
from typing import Any, Mapping

from ..errors import DateError, InputError
from ..model import Article
from ..temporal.dct import DCT, parse_dct

TEXT_FIELDS = ("text", "content")
DATE_FIELDS = ("published_at", "published", "date", "datetime")
SOURCE_FIELDS = ("source", "publisher")
#: The longest article text taken, in characters (spaCy's default limit).
MAX_TEXT_CHARS = 1_000_000


def _first(record: Mapping[str, Any], names: tuple[str, ...]) -> Any:
    for name in names:
        value = record.get(name)
        if value not in (None, ""):
            return value
    return None


def content_hash(text: str, dct_value: str) -> str:
    """The identity of an article's content: SHA-256 of its date and text."""
    return hashlib.sha256(f"{dct_value}\n{text}".encode("utf-8")).hexdigest()


def article_from_record(record: Mapping[str, Any], path: str, where: str, *,
                        default_date: DCT | None = None, tz: tzinfo | None = None) -> Article:
    """Build an article from one record.

    Args:
        record: field name → value.
        path, where: the file and ``"line N"``/``"row N"`` for messages.
        default_date: used when the record has no date (``--date``).
        tz: time zone for dates without one.

    Raises:
        InputError: empty text (or none with a letter or digit), text over
            :data:`MAX_TEXT_CHARS`, a string that is not valid Unicode
            (lone surrogate), missing or impossible date, wrong field types.
    """
    if not isinstance(record, Mapping):
        raise InputError(path, where, f"expected an object with fields, got {type(record).__name__}")
    text = _first(record, TEXT_FIELDS)
    if text is None or (isinstance(text, str) and not text.strip()):
        raise InputError(path, where, "empty text (no 'text' or 'content' field with words in it)")
    if not isinstance(text, str):
        raise InputError(path, where, f"'text' must be a string, got {type(text).__name__}")
    if not any(c.isalnum() for c in text):
        raise InputError(path, where, "empty text (no letters or digits in it)")
    if len(text) > MAX_TEXT_CHARS:
        raise InputError(path, where, f"text too long: {len(text):,} characters (at most {MAX_TEXT_CHARS:,});"
                         " split the article")
    for name, value in record.items():
        bad = unpaired_surrogate(value)
        if bad is not None:
            raise InputError(path, where, f"field '{name}' is not valid Unicode (an unpaired surrogate"
                             f" at character {bad}, e.g. a lone \\ud800 escape)")
    raw_date = _first(record, DATE_FIELDS)
    if raw_date is None:
        if default_date is None:
            raise InputError(path, where, "no publication date (fields: "
                             + ", ".join(DATE_FIELDS) + "); give --date to supply one")
        dct = default_date
    else:
        try:
            dct = parse_dct(str(raw_date), tz)
        except DateError as exc:
            raise InputError(path, where, f"publication date: {exc}") from None
    ext_id = record.get("id")
    lang = record.get("lang") or record.get("language")
    return Article(
        text=text, dct=dct,
        ext_id=str(ext_id) if ext_id not in (None, "") else None,
        title=_str(record.get("title")), url=_str(record.get("url")),
        source=_str(_first(record, SOURCE_FIELDS)), lang=_str(lang),
        origin=f"{path}:{where}")


def unpaired_surrogate(value: Any) -> int | None:
    """The offset of the first lone surrogate in a string value, or None."""
    if not isinstance(value, str):
        return None
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        return exc.start
    return None


def _str(value: Any) -> str | None:
    if value in (None, ""):
        return None
    return str(value)
