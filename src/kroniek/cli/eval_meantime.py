"""``kroniek eval meantime``: entities and events against MEANTIME (mentions, cross-document coreference)."""
from __future__ import annotations

import time

import click

from ..eval import meantime_events
from ..eval.meantime import load_corpus, predict_entities, report, write_predictions
from ..pipeline import Annotator
from .common import errors_to_exit, format_option, write_json


@click.command("meantime")
@click.argument("path", type=click.Path(exists=True, file_okay=False))
@click.option("--predictions", "out", type=click.Path(dir_okay=False), default=None,
              help="Also write our entity tags here: 'token TAG' per token (IOB2), in document order.")
@click.option("--backend", default="frog", show_default=True,
              help="Entity backend: frog, frog-exact, frog-fast or spacy:MODEL.")
@click.option("--lang", default="nl", show_default=True, help="Language of the corpus folder.")
@click.option("--events/--no-events", default=True, show_default=True, help="Also score event mentions and "
              "cross-document event coreference.")
@format_option("text", "json")
@errors_to_exit
def meantime_command(path: str, out: str | None, backend: str, lang: str, events: bool, fmt: str) -> None:
    """Score kroniek on a MEANTIME folder (PATH, e.g. ../shared/data/meantime/nl).

    Entities: named-mention precision, recall and F1 (head token plus type;
    gold mentions with a proper-noun head, PER, ORG/FIN → ORG, LOC; the
    first six sentences of each document with entity annotation), and
    cross-document entity coreference over those mentions (MUC, B³, CEAF-e
    and the CoNLL F1, their mean), with kroniek's own canonical entities.

    Events: event mention precision, recall and F1 against
    event_mentions.json (exact span and head match; sentences 0-5 of the
    documents with event annotation), and cross-document event
    coreference on the predicted mentions, merged as timelines merge them.
    """
    corpus = load_corpus(path)
    annotator = Annotator(ner_backend=backend, lang=lang)
    began = time.perf_counter()
    try:
        predicted = predict_entities(corpus, annotator, lang)
        predicted_events = meantime_events.predict_events(corpus, annotator, lang) if events else None
    finally:
        annotator.close()
    seconds = time.perf_counter() - began
    if out:
        write_predictions(out, corpus, predicted)
    data = report(corpus, predicted)
    event_data = meantime_events.report(corpus, predicted_events) if events else None
    if fmt == "json":
        write_json({"folder": path, "backend": backend, "seconds": round(seconds, 1), "entities": data,
                    "events": event_data})
        return
    click.echo(f"{path}: {data['documents']} documents ({data['scored_documents']} with entity annotation), "
               f"{data['gold_named_mentions']} gold named mentions, backend {backend}, {seconds:.1f} s")
    _mention_table("Named mentions (head token plus type, sentences 0-5)", data["named_mentions"])
    _coref_table("Cross-document entity coreference (named mentions)", data["entity_coreference"])
    if event_data:
        _mention_table(f"Event mentions ({event_data['scored_documents']} documents with event annotation, "
                       f"sentences 0-5: {event_data['gold_event_mentions']} gold, "
                       f"{event_data['predicted_event_mentions']} found)", event_data["event_mentions"])
        _coref_table("Cross-document event coreference (predicted mentions)", event_data["event_coreference"])


def _mention_table(title: str, rows: dict) -> None:
    click.echo(title)
    click.echo(f"{'':<10}{'precision':>10}{'recall':>10}{'F1':>10}{'found':>8}{'gold':>8}")
    for label, c in rows.items():
        click.echo(f"{label:<10}{c['precision']:>10.4f}{c['recall']:>10.4f}{c['f1']:>10.4f}"
                   f"{c['predicted']:>8}{c['gold']:>8}")


def _coref_table(title: str, scores: dict) -> None:
    click.echo(title)
    for label in ("muc", "b_cubed", "ceaf_e"):
        c = scores[label]
        click.echo(f"{label:<10}{c['precision']:>10.4f}{c['recall']:>10.4f}{c['f1']:>10.4f}")
    click.echo(f"CoNLL F1  {scores['conll_f1']:.4f}")
