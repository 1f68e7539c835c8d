"""kroniek: dated news articles in, dated timelines out.

The public surface:

* :func:`tag` — TIMEX3 tagging and normalisation of one text;
* :class:`Tagger` — the same, holding one language's compiled rules;
* :func:`parse_dct` — a publication date with its granularity;
* :class:`Timeline` — merged, dated events from a database;
* :func:`summarize` — the days that mattered most, with a sentence or more each.
"""
from .temporal.dct import DCT, parse_dct
from .temporal.tagger import Tagger, tag

__all__ = ["DCT", "Tagger", "Timeline", "TimelineEntry", "TimelinePage", "parse_dct", "summarize", "tag"]
__version__ = "0.1.0"


def __getattr__(name: str):
    """Load the timeline API on first use (it pulls in the storage and merging code)."""
    if name in ("Timeline", "TimelineEntry", "TimelinePage"):
        from . import timeline

        return getattr(timeline, name)
    if name == "summarize":
        from .timeline.summarize import summarize

        return summarize
    raise AttributeError(f"module 'kroniek' has no attribute {name!r}")
