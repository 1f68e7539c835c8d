"""Frog's entity model for known words, compiled once into a fast decision tree.

Frog's entity tagger (an MBT memory-based tagger) classifies each word with
Timbl. For words it saw in training it ships a *complete* instance tree
searched with TRIBL2 (``K: -a4`` in ``nergen.data.settings``); that search is
most of Frog's time per word. The tree holds every training instance with its
class counts, so the same instances can be written out again and learned as
an IGTree (Timbl ``-a1``; Daelemans, van den Bosch and Weijters 1997), a
decision tree that answers in one walk from the root.

:func:`compiled_settings` does that once per Frog installation and caches
the result: an instance file dumped from Frog's tree, the IGTree that
the ``timbl`` program learns from it, and an MBT settings file that points
at the new known-word tree and at Frog's own files for everything else
(unknown words keep TRIBL2). Frog then runs with
``--override NER.settings=<that file>``.

Measured on ``../shared/data`` (README, "Figures"; ``bench/entities.py``): the
Frog process with entities went from 990 to 1,978 tokens per second per core
in one run, and the CoNLL-2002 ``ned.testa`` F1 of kroniek's mention finder
on top from 0.782 to 0.779. The compiled files are derived from Frog's data (GPL-3.0)
on the user's machine and stay in the user's cache; nothing of them ships
with kroniek.
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Callable

from ..errors import ExternalToolError

#: Bumped when the dump or the settings change, so that old caches are rebuilt.
FORMAT = 1
#: Timbl options for the compiled known-word tree (IGTree, gain-ratio weights).
KNOWN_OPTIONS = "-a1"
_TOKEN = re.compile(r"\{[^}]*\}|\d+|[()\[\],]")


def frog_data_dir() -> Path | None:
    """The folder of Frog's Dutch data (``KRONIEK_FROG_DATA`` or next to the ``frog`` program)."""
    env = os.environ.get("KRONIEK_FROG_DATA")
    if env:
        return Path(env) if Path(env).is_dir() else None
    program = shutil.which("frog")
    if program is None:
        return None
    folder = Path(program).resolve().parent.parent / "share" / "frog" / "nld"
    return folder if folder.is_dir() else None


def cache_dir() -> Path:
    """Where compiled models live: ``KRONIEK_CACHE``, else ``$XDG_CACHE_HOME/kroniek``, else ``~/.cache/kroniek``."""
    env = os.environ.get("KRONIEK_CACHE")
    if env:
        return Path(env).expanduser().absolute()
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base).expanduser().absolute() / "kroniek"


def ner_settings_file(data: Path) -> Path:
    """Frog's MBT settings file for its entity tagger, as ``frog.cfg`` names it.

    Raises:
        ExternalToolError: when ``frog.cfg`` has no ``[[NER]]`` settings.
    """
    section = None
    for line in (data / "frog.cfg").read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line.startswith("[["):
            section = line.strip("[]")
        elif section == "NER" and line.startswith("settings="):
            return data / line.split("=", 1)[1].strip().strip('"')
    raise ExternalToolError(f"{data / 'frog.cfg'}: no [[NER]] settings")


def read_settings(path: Path) -> list[tuple[str, str]]:
    """An MBT settings file as (key, value) lines, in order."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        key, _, value = line.partition(" ")
        out.append((key, value))
    return out


def dump_instances(tree: Path, out: Path) -> int:
    """Write every instance of a complete Timbl tree as a Columns instance file.

    Args:
        tree: a Timbl instance-base file, ``# Status: complete``, ``Version 4
            (Hashed)``: a ``# Permutation`` header, the ``Classes`` and
            ``Features`` value tables, then nested nodes ``(class{counts}[value(node),...])``
            whose leaves, one feature deep each level in permutation order, carry
            the class counts of one instance.
        out: the instance file to write: per instance and per count one line of
            space-separated feature values in their original order, then the class.

    Returns:
        The number of lines written (the training instances).

    Raises:
        ExternalToolError: when the tree is not complete or not in that format.
    """
    text = tree.read_text(encoding="utf-8", errors="surrogateescape")
    if "# Status: complete" not in text[:200]:
        raise ExternalToolError(f"{tree}: not a complete Timbl tree")
    found = re.search(r"# Permutation: <([^>]*)>", text)
    if found is None or "\nClasses\n" not in text or "\nFeatures\n" not in text:
        raise ExternalToolError(f"{tree}: unknown Timbl tree format")
    perm = [int(x) - 1 for x in found.group(1).split(",")]
    classes_at, features_at = text.index("\nClasses\n"), text.index("\nFeatures\n")
    body_at = text.index("\n(", features_at)
    classes = _table(text[classes_at + 9:features_at])
    values = _table(text[features_at + 10:body_at])
    body = text[body_at:]
    del text
    path: list[int] = []
    pending: int | None = None
    expect_value = False
    children: list[bool] = []
    counts: list[str | None] = []
    written = 0
    with open(out, "w", encoding="utf-8", errors="surrogateescape") as sink:
        for match in _TOKEN.finditer(body):
            tok = match.group()
            if tok == "(":
                if pending is not None:
                    path.append(pending)
                    pending = None
                children.append(False)
                counts.append(None)
                expect_value = False
            elif tok == ")":
                dist, inner = counts.pop(), children.pop()
                if dist is not None and not inner:
                    if len(path) != len(perm):
                        raise ExternalToolError(f"{tree}: a leaf at depth {len(path)}, not {len(perm)}")
                    columns = [""] * len(perm)
                    for depth, value in enumerate(path):
                        columns[perm[depth]] = values[value]
                    row = " ".join(columns)
                    for pair in dist[1:-1].split(","):
                        label, count = pair.split()
                        sink.write(f"{row} {classes[int(label)]}\n" * int(count))
                        written += int(count)
                if path:
                    path.pop()
            elif tok == "[":
                children[-1] = True
                expect_value = True
            elif tok == ",":
                expect_value = True
            elif tok == "]":
                expect_value = False
            elif tok.startswith("{"):
                counts[-1] = tok
            elif expect_value:
                pending = int(tok)
                expect_value = False
    return written


def _table(block: str) -> dict[int, str]:
    out = {}
    for line in block.split("\n"):
        if line.strip():
            number, value = line.split("\t", 1)
            out[int(number)] = value
    return out


def _key(settings: Path, known: Path) -> str:
    stat = known.stat()
    raw = f"{FORMAT}|{settings.resolve()}|{known.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    return hashlib.sha256(raw.encode()).hexdigest()[:16]


def compiled_settings(data: Path | None = None, cache: Path | None = None, timbl: str = "timbl",
                      notify: Callable[[str], None] | None = None) -> Path:
    """The MBT settings file of Frog's entity tagger with the compiled known-word tree.

    Built on first use (about a minute: the dump, then ``timbl`` learns the
    IGTree) and reused after; concurrent callers wait for one build (a file
    lock), and a build is written to a temporary folder and renamed into
    place, so that no half-written model is ever used.

    Args:
        data: Frog's data folder (default :func:`frog_data_dir`).
        cache: the cache folder (default :func:`cache_dir`).
        timbl: the Timbl program (Debian package ``timbl``).
        notify: called with one line of text before a build starts.

    Returns:
        The path of the settings file, to pass as ``--override NER.settings=PATH``.

    Raises:
        ExternalToolError: Frog's data or the ``timbl`` program is missing, the cache
            folder cannot be written, or the build failed.
    """
    data = data or frog_data_dir()
    if data is None:
        raise ExternalToolError("Frog's data folder was not found: run 'apt-get install -y frog frogdata'")
    settings = ner_settings_file(data)
    lines = read_settings(settings)
    files = {key: value for key, value in lines}
    if "k" not in files or "O" not in files:
        raise ExternalToolError(f"{settings}: no known-word tree (k) or options (O)")
    known = settings.parent / files["k"]
    root = (cache or cache_dir()).absolute() / "frog-ner" / _key(settings, known)
    target = root / "ner.settings"
    if target.exists():
        return target
    program = shutil.which(timbl)
    if program is None:
        raise ExternalToolError("the 'timbl' program is missing (Debian package timbl; 'make setup' installs it); "
                                "or choose the entity backend frog-exact")
    try:
        root.parent.mkdir(parents=True, exist_ok=True)
        with open(root.parent / ".lock", "w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            if target.exists():
                return target
            if notify is not None:
                notify(f"Compiling Frog's entity model into {root} (once, about a minute) ...")
            work = Path(tempfile.mkdtemp(prefix=".build-", dir=root.parent))
            work.chmod(0o755)
            try:
                _build(program, settings, lines, known, work, root)
                if root.exists():
                    shutil.rmtree(root)
                work.rename(root)
            finally:
                if work.exists():
                    shutil.rmtree(work, ignore_errors=True)
    except OSError as exc:
        raise ExternalToolError(f"cannot write Frog's compiled entity model under {root.parent}: {exc.strerror or exc}"
                                "; set KRONIEK_CACHE to a writable folder, or choose the entity backend"
                                " frog-exact") from None
    return target


def _build(program: str, settings: Path, lines: list[tuple[str, str]], known: Path, work: Path,
           final: Path) -> None:
    instances = work / "known.inst"
    dump_instances(known, instances)
    tree = work / "known.igtree"
    done = subprocess.run([program, KNOWN_OPTIONS, "-FColumns", "-f", str(instances), "-I", str(tree), "+vS"],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, cwd=work)
    instances.unlink()
    # timbl exits with status 1 after learning when no test file is given: judge by the tree.
    if not tree.exists() or not tree.read_text(encoding="utf-8", errors="replace")[:40].startswith("# Status"):
        raise ExternalToolError(f"timbl could not learn the known-word tree: {done.stderr.strip()[-300:]}")
    text = settings_text(lines, settings.parent, final / tree.name)
    (work / "ner.settings").write_text(text, encoding="utf-8")


def settings_text(lines: list[tuple[str, str]], data: Path, tree: Path) -> str:
    """Frog's entity-tagger settings rewritten: file names made absolute (into ``data``), the
    known-word tree replaced by ``tree`` and searched with :data:`KNOWN_OPTIONS`.

    Raises:
        ExternalToolError: when the options line has no ``K:`` (known-word) part.
    """
    out = []
    for key, value in lines:
        if key == "k":
            value = str(tree)
        elif key == "O":
            if not re.search(r"K:.*U:", value):
                raise ExternalToolError(f"unexpected options in Frog's entity settings: {value!r}")
            value = re.sub(r"K:.*?U:", f"K: {KNOWN_OPTIONS} U:", value)
        elif value and (data / value).is_file():
            value = str(data / value)
        out.append(f"{key} {value}".rstrip())
    return "\n".join(out) + "\n"


def main() -> None:
    """``python -m kroniek.nlp.frog_model``: build (or find) the compiled model and print its settings file."""
    print(f"Frog's compiled entity model: {compiled_settings(notify=print)}")


if __name__ == "__main__":
    main()
