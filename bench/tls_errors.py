"""Where the Timeline17 summaries lose Date-F1: error classes of the dates, per timeline.

Reads the gold timelines and the predictions that ``kroniek eval tls DIR
--predictions OUT`` wrote, and sorts every gold date the summary missed:

* outside: later than the topic's last article (or earlier
  than its first), so no article can have told it;
* near: the summary has a date within two days of it;
* quiet: no article of the topic was published within three days of it;
* other: the day was in reach and the summary chose another one.

Every predicted date not in the gold is wrong: near (a gold date within
two days) or other.

    python bench/tls_errors.py OUT [--data ../shared/data]
"""
from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path

NEAR, QUIET = 2, 3


def _dates(timeline: list) -> set[date]:
    return {date.fromisoformat(d[:10]) for d, _ in timeline}


def _within(day: date, days: set[date], width: int) -> bool:
    return any(abs((day - other).days) <= width for other in days)


def classes(gold: set[date], predicted: set[date], published: set[date]) -> dict[str, int]:
    """Counts of missed gold dates and of wrong predicted dates, by class."""
    out = dict.fromkeys(["hit", "missed: outside", "missed: near", "missed: quiet", "missed: other",
                         "wrong: near", "wrong: other"], 0)
    first, last = min(published), max(published)
    for day in gold:
        if day in predicted:
            out["hit"] += 1
        elif day > last + timedelta(days=QUIET) or day < first - timedelta(days=QUIET):
            out["missed: outside"] += 1
        elif _within(day, predicted, NEAR):
            out["missed: near"] += 1
        elif not _within(day, published, QUIET):
            out["missed: quiet"] += 1
        else:
            out["missed: other"] += 1
    for day in predicted - gold:
        out["wrong: near" if _within(day, gold, NEAR) else "wrong: other"] += 1
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("predictions")
    parser.add_argument("--data", default=str(Path(__file__).resolve().parents[2] / "shared" / "data"))
    args = parser.parse_args()
    root = Path(args.data) / "tls" / "timeline17"
    total: dict[str, int] = {}
    rows = []
    for folder in sorted(Path(args.predictions).iterdir()):
        golds = [json.loads(line) for line in (root / folder.name / "timelines.jsonl").open(encoding="utf-8")]
        preds = [json.loads(line) for line in (folder / "timelines.jsonl").open(encoding="utf-8")]
        published = {date.fromisoformat(json.loads(line)["time"][:10])
                     for line in (root / folder.name / "articles.jsonl").open(encoding="utf-8")}
        for n, (gold, pred) in enumerate(zip(golds, preds)):
            counts = classes(_dates(gold), _dates(pred), published)
            rows.append((f"{folder.name}#{n}" if len(golds) > 1 else folder.name, len(_dates(gold)), counts))
            for k, v in counts.items():
                total[k] = total.get(k, 0) + v
    keys = list(total)
    width = max(len(k) for k in keys) + 2
    print(f"{'':<24}{'gold dates':>12}" + "".join(f"{k:>{width}}" for k in keys))
    for name, size, counts in rows + [("all", sum(r[1] for r in rows), total)]:
        print(f"{name:<24}{size:>12}" + "".join(f"{counts[k]:>{width}}" for k in keys))


if __name__ == "__main__":
    main()
