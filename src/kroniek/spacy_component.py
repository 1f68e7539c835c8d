"""A spaCy pipeline component: kroniek's TIMEX3 tagger as ``kroniek_timex``.

Usage::

    import spacy

    nlp = spacy.blank("nl")
    nlp.add_pipe("kroniek_timex", config={"dct": "2017-03-20"})
    doc = nlp("Twee weken geleden trad hij af.")
    for span in doc.spans["timex"]:
        print(span.text, span._.timex_type, span._.timex_value)
    # Twee weken geleden DATE 2017-03-06

The component runs :func:`kroniek.tag` on the whole ``doc.text`` (so its
offsets and values are the tagger's) and puts every expression in
``doc.spans["timex"]``: a span over the tokens that cover it (widened to
token boundaries), labelled with the TIMEX3 type, its span id the TimeML
tid (``t1`` ...). The values follow TimeML 1.2.1 / ISO-TimeML TIMEX3
(``type``, ``value``, ``mod``) and are read from ``Span`` extensions:

``span._.timex_type``
    ``DATE``, ``TIME``, ``DURATION`` or ``SET``.
``span._.timex_value``, ``span._.timex_mod``
    The TIMEX3 value and mod (None when there is none).
``span._.timex_interval``
    ``{"start", "end", "granularity"}``: the half-open calendar interval
    with ISO 8601 timezone-aware ends, or None (durations, sets, vague
    references).
``span._.timex_reason``
    A sentence saying how the value was chosen.
``span._.timex_start``, ``span._.timex_end``
    The expression's exact half-open character offsets (the span may be
    wider when the expression ends inside a token).
``span._.timex``
    The :class:`kroniek.model.Timex` itself.

The data behind them is ``span._.timex_data`` (``{tid: the Timex as plain
values}``; two expressions inside one token share a span's offsets, the
span id tells them apart), kept in ``doc.user_data``, so tagged docs stay
serialisable (``doc.to_bytes``, ``DocBin(store_user_data=True)``, ``nlp.pipe``
with several processes); ``span._.timex`` rebuilds an equal Timex on each
access.

The document creation time (DCT) anchors "yesterday" and "next Tuesday":
give it in the config (``dct``) or per document in ``doc._.dct``, which wins::

    doc = nlp.make_doc(text)
    doc._.dct = "2019-03-20"
    doc = nlp(doc)

The factory is registered with spaCy when this module is imported and
through the ``spacy_factories`` entry point, so ``nlp.add_pipe("kroniek_timex")``
and ``spacy.load`` of a saved pipeline find it without importing kroniek.
"""
from __future__ import annotations

from dataclasses import fields
from datetime import date, datetime
from typing import Any, Optional, Union

from spacy.language import Language
from spacy.tokens import Doc, Span

from .errors import DateError, UsageError
from .model import Timex
from .nlp.language import normalise
from .temporal.calendar import Granularity, Interval
from .temporal.dct import DCT, parse_dct
from .temporal.tagger import get_tagger

#: The ``doc.spans`` key the expressions go to.
SPANS_KEY = "timex"
#: Languages kroniek has temporal data for (``nl-BE`` only through the config).
LANGUAGES = ("en", "nl", "nl-BE")
#: The Span extension holding each span's data: ``{tid: record}``, plain values only.
_DATA = "timex_data"


def _record(span: Span) -> Optional[dict]:
    data = span._.get(_DATA)
    if not data:
        return None
    return data.get(span.id_) or (next(iter(data.values())) if len(data) == 1 else None)


def _field(name: str, copy: bool = False):
    def getter(span: Span) -> Any:
        record = _record(span)
        value = record.get(name) if record else None
        return dict(value) if copy and value is not None else value
    getter.__name__ = f"get_timex_{name}"
    return getter


def _get_timex(span: Span) -> Optional[Timex]:
    record = _record(span)
    return _from_record(record) if record else None


def register_extensions() -> None:
    """Register the ``Span`` and ``Doc`` extensions; safe to call any number of times.

    The ``timex_*`` extensions are kroniek's own and are (re)set with
    ``force=True``; ``Doc._.dct`` is only added when no one has registered
    a ``dct`` extension yet, so an existing one (and its values) is kept.
    """
    Span.set_extension(_DATA, default=None, force=True)
    for name in ("type", "value", "mod", "reason", "start", "end"):
        Span.set_extension(f"timex_{name}", getter=_field(name), force=True)
    Span.set_extension("timex_interval", getter=_field("interval", copy=True), force=True)
    Span.set_extension("timex", getter=_get_timex, force=True)
    if not Doc.has_extension("dct"):
        Doc.set_extension("dct", default=None)


register_extensions()


class TimexComponent:
    """Tags the time expressions of each doc with kroniek (TIMEX3, TimeML 1.2.1).

    Args:
        nlp: the pipeline (its ``lang`` is the default language).
        name: the component's name in the pipeline.
        dct: the document creation time for docs without ``doc._.dct``:
            ``YYYY``, ``YYYY-MM``, ``YYYY-MM-DD`` or an ISO 8601 date-time,
            kept at the granularity given; or None to require ``doc._.dct``.
        lang: ``nl``, ``en`` or ``nl-BE``; None takes ``nlp.lang``.

    Raises:
        UsageError: the language is not one kroniek has data for.
        DateError: ``dct`` is malformed or impossible.
    """

    def __init__(self, nlp: Language, name: str = "kroniek_timex", *, dct: Union[str, int, None] = None,
                 lang: Optional[str] = None):
        self.name = name
        if lang:
            code = normalise(str(lang))
            if code not in LANGUAGES:
                raise UsageError(f"{name}: unknown language {lang!r} in the config; "
                                 f"kroniek tags {', '.join(LANGUAGES)}")
        else:
            code = normalise(nlp.lang or "")
            if code not in LANGUAGES:
                raise UsageError(f"{name}: kroniek has no time expressions for the pipeline's language "
                                 f"{nlp.lang!r}; give one of {', '.join(LANGUAGES)} as config lang "
                                 f"(nlp.add_pipe({name!r}, config={{'lang': 'en'}}))")
        self.lang = code
        if dct is None or (isinstance(dct, str) and not dct.strip()):
            self.dct = None
        else:
            try:
                self.dct = parse_dct(str(dct))
            except DateError as exc:
                raise DateError(f"{name}: config dct: {exc}") from None
        self._tagger = get_tagger(code)

    def __call__(self, doc: Doc) -> Doc:
        """Tag ``doc`` and set ``doc.spans["timex"]`` and the span extensions.

        Args:
            doc: the document; ``doc._.dct`` (a string as for the config, a
                date, a datetime or a :class:`kroniek.DCT`) overrides the
                configured DCT.

        Returns:
            The same doc. Any earlier ``doc.spans["timex"]`` is replaced.

        Raises:
            UsageError: neither ``doc._.dct`` nor the config gives a DCT.
            DateError: ``doc._.dct`` is malformed or impossible.
        """
        dct = self._dct_of(doc)
        timexes = self._tagger.tag(doc.text, dct)
        for key in [k for k in doc.user_data if isinstance(k, tuple) and k[:2] == ("._.", _DATA)]:
            del doc.user_data[key]  # the data of an earlier run
        spans = []
        for timex in timexes:
            span = doc.char_span(timex.start, timex.end, label=timex.type, span_id=timex.tid,
                                 alignment_mode="expand")
            if span is None:  # only whitespace: no token to hang it on
                continue
            data = span._.get(_DATA) or {}
            data[timex.tid] = _to_record(timex)
            span._.set(_DATA, data)
            spans.append(span)
        doc.spans[SPANS_KEY] = spans
        return doc

    def _dct_of(self, doc: Doc) -> DCT:
        given = doc._.get("dct")
        if given is None or (isinstance(given, str) and not given.strip()):
            if self.dct is None:
                raise UsageError(f"{self.name}: no document creation time (DCT): give it in the config, "
                                 f"nlp.add_pipe({self.name!r}, config={{'dct': '2019-03-20'}}), or per document, "
                                 "doc = nlp.make_doc(text); doc._.dct = '2019-03-20'; nlp(doc)")
            return self.dct
        if isinstance(given, DCT):
            return given
        try:
            return parse_dct(given if isinstance(given, (date, datetime)) else str(given))
        except DateError as exc:
            raise DateError(f"{self.name}: doc._.dct: {exc}") from None


@Language.factory(
    "kroniek_timex",
    default_config={"dct": None, "lang": None},
    assigns=["doc.spans"],
)
def make_timex_component(nlp: Language, name: str, dct: Union[str, int, None],
                         lang: Optional[str]) -> TimexComponent:
    """Make the ``kroniek_timex`` component (the spaCy factory and entry point).

    Args:
        nlp: the pipeline it is added to.
        name: its name in the pipeline.
        dct: the default document creation time (``YYYY[-MM[-DD]]`` or an
            ISO 8601 date-time; a bare year may be a number, ``dct = 2019``
            in a config file), or None to take it from ``doc._.dct``.
        lang: ``nl``, ``en`` or ``nl-BE``, or None for ``nlp.lang``.

    Returns:
        A :class:`TimexComponent`.

    Raises:
        UsageError: an unsupported language.
        DateError: a malformed ``dct``.
    """
    return TimexComponent(nlp, name, dct=dct, lang=lang)


def _to_record(timex: Timex) -> dict:
    """The Timex as plain values (msgpack- and JSON-safe)."""
    out: dict[str, Any] = {}
    for f in fields(timex):
        value = getattr(timex, f.name)
        if f.name == "interval":
            value = value.to_json() if value is not None else None
        elif f.name in ("begin", "end_point"):
            value = _to_record(value) if value is not None else None
        out[f.name] = value
    return out


def _from_record(record: dict) -> Timex:
    """The Timex of :func:`_to_record`'s output."""
    values = dict(record)
    interval = values.get("interval")
    if interval is not None:
        values["interval"] = Interval(datetime.fromisoformat(interval["start"]),
                                      datetime.fromisoformat(interval["end"]),
                                      Granularity[interval["granularity"].upper()])
    for name in ("begin", "end_point"):
        if values.get(name) is not None:
            values[name] = _from_record(values[name])
    return Timex(**values)
