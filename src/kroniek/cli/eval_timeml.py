"""``kroniek eval timeml``: TempEval-3 figures on TimeML gold documents."""
from __future__ import annotations

import csv
from pathlib import Path

import click

from ..errors import UsageError
from ..eval.timeml import Report, evaluate, gold_files, tagger
from .common import errors_to_exit, format_option, write_json

_ROWS = (("strict span", "strict"), ("relaxed span", "relaxed"), ("value (attribute)", "value"),
         ("type (attribute)", "type"))


@click.command("timeml")
@click.argument("gold", type=click.Path(exists=True, path_type=Path))
@click.option("--lang", type=click.Choice(["en", "nl", "nl-BE"]), default="en", show_default=True,
              help="Language of the gold documents.")
@click.option("--predictions", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Also write our TimeML for every gold file into this folder (same relative paths).")
@click.option("--errors", "errors_path", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Write every disagreement to this TSV file (kind, document, gold and system span, "
                   "value, type, rule).")
@format_option("text", "json")
@errors_to_exit
def timeml_command(gold: Path, lang: str, predictions: Path | None, errors_path: Path | None, fmt: str) -> None:
    """Score the tagger on TempEval-3 TimeML gold files under GOLD.

    The tagger reads each gold document's text and creation time; its
    TIMEX3 tags are compared with the gold ones as the TempEval-3 scorer
    does: strict (same span) and relaxed (overlapping) precision, recall and
    F1; value and type accuracy over relaxed matches; value F1 (relaxed
    matches with the right value, over system and over gold timexes).
    Figures are given per sub-corpus (the folders directly under GOLD) and
    overall. A document already scored (same DOCID and text) is skipped.
    """
    if not gold_files(gold):
        raise UsageError(f"no TimeML files (*.tml) in {gold}")
    write = None
    if predictions is not None:
        def write(rel: Path, xml: str) -> None:
            target = predictions / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(xml, encoding="utf-8")

    report = evaluate(gold, tagger(lang), write=write)
    if errors_path is not None:
        _write_errors(report, errors_path)
    if fmt == "json":
        write_json(report.to_json())
        return
    click.echo(_table(report))


def _table(report: Report) -> str:
    blocks = list(report.corpora.items())
    if len(blocks) != 1:
        blocks.append(("overall", report.total))
    lines = []
    for name, c in blocks:
        s = c.scores()
        lines.append(f"{name}: {c.documents} documents, {c.gold} gold timexes, {c.system} system timexes")
        lines.append(f"  {'':<18} {'P':>6} {'R':>6} {'F1':>6}")
        for label, key in _ROWS:
            lines.append(f"  {label:<18} {s[key + '_p']:6.3f} {s[key + '_r']:6.3f} {s[key + '_f1']:6.3f}")
        lines.append(f"  value accuracy {s['value_accuracy']:.3f}   type accuracy {s['type_accuracy']:.3f}")
        lines.append("")
    for skipped, first in report.duplicates:
        lines.append(f"skipped {skipped}: the same document as {first}")
    errors = report.error_classes()
    if errors:
        lines.append("disagreements: " + ", ".join(f"{kind} {n}" for kind, n in errors.most_common()))
    return "\n".join(lines).rstrip("\n")


def _write_errors(report: Report, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as handle:
        out = csv.writer(handle, delimiter="\t")
        out.writerow(["kind", "corpus", "doc", "gold_start", "gold_end", "gold_text", "gold_type", "gold_value",
                      "system_start", "system_end", "system_text", "system_type", "system_value", "rule"])
        for doc in report.documents:
            for pair in doc.pairs:
                if pair.kind == "ok":
                    continue
                g, s = pair.gold, pair.system
                out.writerow([pair.kind, doc.corpus, doc.docid,
                              *(_cells(g) if g else [""] * 5), *(_cells(s) if s else [""] * 5),
                              getattr(s, "rule", "") if s else ""])


def _cells(t) -> list:
    return [t.start, t.end, t.text.replace("\n", " "), t.type, t.value]
