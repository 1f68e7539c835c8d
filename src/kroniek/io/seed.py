"""The plain date-header format of the seed article.

The first line starts with ``date`` and the publication date, and the text
begins on that same line::

    date 2017-03 De Amerikaanse minister ...

    Sessions lag sinds gisteren ...

    Senator

Blank lines separate paragraphs; a short line standing alone is an
intertitle. The article text starts right after the date, so offsets count
from there.
"""
from __future__ import annotations

import re
from datetime import tzinfo
from pathlib import Path

from ..errors import DateError, InputError
from ..model import Article
from ..temporal.dct import DCT, parse_dct

_HEADER = re.compile(r"^\ufeff?[ \t]*date[ \t]+(\S+)[ \t]*", re.IGNORECASE)


def looks_like_seed(first_line: str) -> bool:
    """True when a text file starts with the date header."""
    return bool(_HEADER.match(first_line))


def read_seed(path: Path, text: str, *, default_date: DCT | None = None,
              tz: tzinfo | None = None) -> Article:
    """Parse one date-header file whose content is ``text``.

    Raises:
        InputError: no header and no default date, a bad date, or no text.
    """
    m = _HEADER.match(text)
    if m:
        try:
            dct = parse_dct(m.group(1), tz)
        except DateError as exc:
            raise InputError(str(path), "line 1", f"publication date: {exc}") from None
        body = text[m.end():]
    elif default_date is not None:
        dct, body = default_date, text.lstrip("\ufeff")
    else:
        raise InputError(str(path), "line 1", "no 'date YYYY-MM-DD' header; give --date to supply one")
    if not body.strip():
        raise InputError(str(path), "line 1", "empty text")
    return Article(text=body, dct=dct, ext_id=path.stem, origin=f"{path}:line 1")
