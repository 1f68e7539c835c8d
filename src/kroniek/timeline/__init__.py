"""Timelines: merged events across articles, queried by text, entity and time."""
from .build import rebuild
from .query import Timeline, TimelineEntry

__all__ = ["Timeline", "TimelineEntry", "rebuild"]
