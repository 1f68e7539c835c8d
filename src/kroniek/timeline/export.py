"""Timeline output formats: text, JSON, CSV and TimelineJS 3."""
from __future__ import annotations

import csv
import io
import json
from datetime import datetime, time, timedelta
from typing import Any

from .query import TimelineEntry

CSV_FIELDS = ["value", "start", "end", "granularity", "independent_sources", "mentions", "sources_disagree",
              "match", "anchoring", "relation", "factuality", "claimed_by", "expression", "rule", "sentence",
              "article_id", "article_title", "published", "entities", "group"]


def to_json(entries: list[TimelineEntry]) -> str:
    """A JSON object: ``total`` (entries matching, all pages), ``offset``, ``limit``, ``next``
    (the cursor of the next page, or null) and ``entries``: :meth:`TimelineEntry.to_json` objects."""
    return json.dumps({"total": getattr(entries, "total", len(entries)), "offset": getattr(entries, "offset", 0),
                       "limit": getattr(entries, "limit", None), "next": getattr(entries, "next", None),
                       "entries": [e.to_json() for e in entries]}, ensure_ascii=False, indent=2)


def page_note(entries: list[TimelineEntry]) -> str:
    """``entries 1–100 of 345; next page: --offset 100`` (empty for a page without a total)."""
    total = getattr(entries, "total", None)
    if total is None:
        return ""
    offset = getattr(entries, "offset", 0)
    if not entries:
        return f"no entries here of {total}"
    note = f"entries {offset + 1}–{offset + len(entries)} of {total}"
    if getattr(entries, "next", None):
        note += f"; next page: --offset {offset + len(entries)} (or --after {entries.next})"
    return note


def to_csv(entries: list[TimelineEntry]) -> str:
    """One row per merged event, with a header (:data:`CSV_FIELDS`)."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(CSV_FIELDS)
    for e in entries:
        writer.writerow([e.value, e.start or "", e.end or "", e.granularity, e.sources, e.mentions,
                         int(e.disagree), e.match, e.anchoring, e.relation, e.factuality, e.claimed_by or "",
                         (e.expression or {}).get("text", ""), (e.expression or {}).get("rule", ""),
                         e.sentence, e.article["id"], e.article["title"] or "", e.article["published"],
                         "; ".join(x["name"] for x in e.entities), e.group or ""])
    return buf.getvalue()


def _date(iso: str | None) -> dict[str, str] | None:
    if not iso:
        return None
    out = {"year": str(int(iso[:4])), "month": str(int(iso[5:7])), "day": str(int(iso[8:10]))}
    return out


def to_timelinejs(entries: list[TimelineEntry], title: str) -> str:
    """TimelineJS 3 JSON: ``{"title": {...}, "events": [...]}``.

    Each merged event becomes one slide with its first and (when longer
    than a day) last day, inclusive as TimelineJS counts them, the
    representative sentence as headline and its sources in the text; an
    open interval starts (or ends) on its one known side and says so in
    ``display_date`` ("before 2017-04-01"), as does an event dated by its
    article's publication date ("about 2019-03-05 (publication date)"); ``group`` carries the
    ``--granularity`` heading.
    """
    events: list[dict[str, Any]] = []
    for e in entries:
        # TimelineJS dates are inclusive days; ours are half-open intervals
        last = _day_before(e.end) if e.end else None
        slide: dict[str, Any] = {
            "unique_id": f"event-{e.cluster}",
            "start_date": _date(e.start or last),
            "text": {"headline": e.sentence[:140],
                     "text": "<br>".join(dict.fromkeys(
                         f"{m['article']['published']} — {m['article']['title'] or m['article']['id']}: "
                         f"{m['sentence']}" for m in e.members))},
        }
        if e.start is None and last:
            slide["display_date"] = f"before {e.end[:10]}"
        elif e.end is None and e.start:
            slide["display_date"] = f"from {e.start[:10]} on"
        elif e.start and last and last > e.start[:10]:
            slide["end_date"] = _date(last)
        if e.anchoring == "dct" and "display_date" not in slide and e.start:
            # no date in the sentence: the publication date stands in for it
            slide["display_date"] = f"about {e.start[:10]} (publication date)"
        if e.group:
            slide["group"] = e.group
        if slide["start_date"] is not None:
            events.append(slide)
    return json.dumps({"title": {"text": {"headline": title, "text": f"{len(events)} events"}},
                       "events": events}, ensure_ascii=False, indent=2)


def _day_before(iso: str) -> str:
    """The last day inside a half-open interval that ends at ``iso`` (UTC ISO text)."""
    moment = datetime.fromisoformat(iso)
    if moment.time() == time(0):
        moment -= timedelta(days=1)
    return moment.date().isoformat()


def interval_text(e: TimelineEntry) -> str:
    """``[2016-09-01, 2016-10-01)``, ``(…, 2017-04-01)`` for open starts."""
    def short(x: str | None) -> str:
        if x is None:
            return "…"
        return x[:10] if x[10:19] in ("", "T00:00:00") else x[:16]

    left = "(" if e.start is None else "["
    return f"{left}{short(e.start)}, {short(e.end)})"


def to_text(entries: list[TimelineEntry]) -> str:
    """Readable lines: date, sentence, how it was dated, sources."""
    out, heading = [], None
    for e in entries:
        if e.group and e.group != heading:
            heading = e.group
            out.append(f"== {heading} ==")
        first = f"{e.value:<12} {interval_text(e)}  {e.sources} source{'s' if e.sources != 1 else ''}"
        if e.disagree:
            first += "  (sources disagree on the date)"
        lines = [first, f"  {e.sentence}"]
        if e.expression:
            signal = f"{e.signal} " if e.signal else ""
            lines.append(f"  dated by \"{signal}{e.expression['text']}\" ({e.expression['rule']})")
        else:
            lines.append(f"  dated by the publication date ({e.relation.lower().replace('_', ' ')} it)")
        if e.factuality == "reported":
            lines.append(f"  reported by {e.claimed_by or 'a source'}, not established as fact")
        who = ", ".join(f"{x['name']} ({x['type']})" for x in e.entities)
        if who:
            lines.append(f"  involves {who}")
        sources = []
        for m in e.members:
            title = f" \"{m['article']['title']}\"" if m["article"]["title"] else ""
            own = f"; says {m['value']}" if e.disagree else ""
            sources.append(f"  article {m['article']['id']}{title}, published {m['article']['published']}{own}")
        lines += dict.fromkeys(sources)  # an article that tells it twice is one line
        if e.match == "article":
            lines.append("  (from an article about the query; the sentence itself does not name it)")
        out.append("\n".join(lines) + "\n")
    return "\n".join(out)
