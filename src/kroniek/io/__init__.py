"""Readers for dated articles: the date-header text format, JSON Lines, CSV,
WARC web archives, saved HTML pages, folders.

:func:`read_paths` yields :class:`~kroniek.model.Article` objects and
:class:`~kroniek.errors.InputError` objects (one per unusable record) in
input order, so that one bad record never stops the rest.
"""
from .reader import count_records, read_paths

__all__ = ["count_records", "read_paths"]
