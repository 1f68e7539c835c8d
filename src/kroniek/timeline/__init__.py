"""Timelines: merged events across articles, queried by text, entity and time."""
from .build import merge_pending, rebuild
from .query import Timeline, TimelineEntry, TimelinePage

__all__ = ["Timeline", "TimelineEntry", "TimelinePage", "merge_pending", "rebuild"]
