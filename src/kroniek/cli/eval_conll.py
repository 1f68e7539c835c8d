"""``kroniek eval conll2002``: named entities against a CoNLL-2002 file (conlleval)."""
from __future__ import annotations

import time

import click

from ..eval.conll import predict, read_conll, score, write_predictions
from ..pipeline import Annotator
from .common import errors_to_exit, format_option, write_json

TYPES = ("PER", "ORG", "LOC", "MISC")


@click.command("conll2002")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--predictions", "out", type=click.Path(dir_okay=False), default=None,
              help="Also write our tags here: 'token TAG' per line (IOB2), a blank line between sentences.")
@click.option("--backend", default="frog", show_default=True,
              help="Entity backend: frog, frog-exact, frog-fast or spacy:MODEL.")
@click.option("--lang", default="nl", show_default=True, help="Language of the file.")
@click.option("--encoding", default=None, help="File encoding (default: UTF-8 if valid, else ISO-8859-1).")
@format_option("text", "json")
@errors_to_exit
def conll_command(path: str, out: str | None, backend: str, lang: str, encoding: str | None, fmt: str) -> None:
    """Score kroniek's named entities on a CoNLL-2002 file (PATH, e.g. ned.testa).

    Precision, recall and F1 as conlleval computes them (exact span and
    type), overall, per type and for PER/ORG/LOC only. Frog's types map as
    PER, ORG, LOC, and PRO/EVE/MISC to MISC; kroniek's NORP counts as MISC.
    """
    docs = read_conll(path, encoding)
    annotator = Annotator(ner_backend=backend, lang=lang)
    began = time.perf_counter()
    try:
        predicted = predict(docs, annotator, lang)
    finally:
        annotator.close()
    seconds = time.perf_counter() - began
    gold = [s.tags for d in docs for s in d.sentences]
    result = score(gold, [tags for doc in predicted for tags in doc])
    if out:
        write_predictions(out, docs, predicted)
    overall, plo = result.overall(), result.overall(("PER", "ORG", "LOC"))
    if fmt == "json":
        write_json({"file": path, "backend": backend, "documents": len(docs), "tokens": result.tokens,
                    "seconds": round(seconds, 1), "accuracy": round(result.accuracy, 4),
                    "overall": overall.to_json(), "per_loc_org": plo.to_json(),
                    "types": {k: v.to_json() for k, v in sorted(result.per_type.items())}})
        return
    click.echo(f"{path}: {len(docs)} documents, {result.tokens} tokens, backend {backend}, {seconds:.1f} s")
    click.echo(f"{'':<12}{'precision':>10}{'recall':>10}{'F1':>10}{'found':>8}{'gold':>8}")
    rows = [("overall", overall), ("PER/ORG/LOC", plo)] + sorted(result.per_type.items())
    for label, c in rows:
        click.echo(f"{label:<12}{c.precision:>10.4f}{c.recall:>10.4f}{c.f1:>10.4f}{c.predicted:>8}{c.gold:>8}")
    click.echo(f"token accuracy {result.accuracy:.4f}")
