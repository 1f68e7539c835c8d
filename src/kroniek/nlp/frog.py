"""Frog, the Dutch NLP suite, as one long-lived process per worker.

Frog runs as ``frog -n --skip=tacmp``: our own tokens go in, one sentence
per line; tagger, lemmatiser and named-entity recogniser run; the
tokeniser, morphology, chunker, multi-word units and parser are skipped
(about five times faster, same entities). Each input line comes back as one
line per token (tab-separated; column 2 word, 3 lemma, 5 CGN part of speech,
7 IOB2 entity tag) and a blank line.

The process is started once and killed when its owner goes away (also when
the owning worker process dies, via ``PR_SET_PDEATHSIG`` on Linux). It runs
with ``OMP_NUM_THREADS=1``: with its default OpenMP threads, two Frogs on two
cores ran four times slower than one (measured: 39 s against 9.5 s for the
same 3,846 tokens), because one worker per core already fills the machine.
"""
from __future__ import annotations

import atexit
import ctypes
import os
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass

from ..errors import ExternalToolError

FROG_ARGS = ["-n", "--skip=tacmp"]
#: Without the entity module (tagger and lemmatiser only): about three times faster.
FROG_ARGS_NO_NER = ["-n", "--skip=tacmpn"]
#: Seconds to wait for Frog to load its models before giving up.
START_TIMEOUT = 120


@dataclass(frozen=True)
class FrogToken:
    """One token as Frog analysed it."""

    word: str
    lemma: str
    pos: str
    ner: str


def _die_with_parent() -> None:  # pragma: no cover - runs in the child
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


def frog_available(command: str = "frog") -> bool:
    """True when the Frog program is on the PATH."""
    return shutil.which(command) is not None


class Frog:
    """A running Frog process.

    Args:
        command: the Frog executable.
        ner: run Frog's entity module (column 7); without it every token
            gets ``O`` and Frog is about three times faster.
        ner_settings: another MBT settings file for the entity module
            (``--override NER.settings=``), e.g. the compiled model of
            :func:`kroniek.nlp.frog_model.compiled_settings`.

    Raises:
        ExternalToolError: when Frog is not installed or does not start.
    """

    def __init__(self, command: str = "frog", ner: bool = True, ner_settings: str | os.PathLike | None = None):
        path = shutil.which(command)
        if path is None:
            raise ExternalToolError(
                "Frog is not installed: run 'apt-get install -y frog frogdata' (or 'make setup'), "
                "or ingest with --no-ner")
        self._lock = threading.Lock()
        try:
            self._proc = subprocess.Popen(
                [path, *(FROG_ARGS if ner else FROG_ARGS_NO_NER),
                 *(["--override", f"NER.settings={ner_settings}"] if ner and ner_settings else [])], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, preexec_fn=_die_with_parent, cwd=tempfile.gettempdir(),
                env={**os.environ, "OMP_NUM_THREADS": "1"})
        except OSError as exc:
            raise ExternalToolError(f"cannot start Frog: {exc}") from None
        atexit.register(self.close)
        # A one-word probe waits for the models to load, so that start-up
        # failures surface here and not in the middle of an article.
        self.analyse([["Test"]])

    def analyse(self, sentences: list[list[str]]) -> list[list[FrogToken]]:
        """Analyse pre-tokenised sentences.

        Args:
            sentences: per sentence, its tokens (no spaces inside tokens).

        Returns:
            Per sentence, one :class:`FrogToken` per input token.

        Raises:
            ExternalToolError: when Frog died or answered out of step.
        """
        lines = []
        for tokens in sentences:
            clean = [_clean(t) for t in tokens]
            lines.append(" ".join(clean) if clean else "_")
        with self._lock:
            writer = threading.Thread(target=self._write, args=(lines,), daemon=True)
            writer.start()
            out = [self._read_sentence(len(tokens)) for tokens in sentences]
            writer.join()
        return out

    def _write(self, lines: list[str]) -> None:
        try:
            self._proc.stdin.write(("\n".join(lines) + "\n").encode("utf-8"))
            self._proc.stdin.flush()
        except (BrokenPipeError, OSError):
            pass  # the reader reports the dead process

    def _read_sentence(self, expected: int) -> list[FrogToken]:
        tokens: list[FrogToken] = []
        while True:
            raw = self._proc.stdout.readline()
            if not raw:
                raise ExternalToolError(f"Frog stopped unexpectedly (exit status {self._proc.poll()})")
            line = raw.decode("utf-8", errors="replace").rstrip("\n")
            if not line.strip():
                if tokens:
                    break
                continue
            cols = line.split("\t")
            if len(cols) < 7:
                raise ExternalToolError(f"Frog answered a line it should not: {line[:80]!r}")
            tokens.append(FrogToken(cols[1], cols[2], cols[4], cols[6] or "O"))
        if len(tokens) != max(expected, 1):
            raise ExternalToolError(f"Frog returned {len(tokens)} tokens for {expected}")
        return tokens[:expected]

    def close(self) -> None:
        """Stop the process (SIGKILL: Frog ignores SIGTERM)."""
        proc = getattr(self, "_proc", None)
        if proc is not None and proc.poll() is None:
            try:
                os.kill(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            proc.wait()

    def __enter__(self) -> "Frog":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _clean(token: str) -> str:
    """Tokens must not contain whitespace: Frog splits lines on it."""
    cleaned = "".join("_" if ch.isspace() else ch for ch in token)
    return cleaned or "_"
