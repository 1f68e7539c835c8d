"""What every command shares: the --db option, output formats, exit codes."""
from __future__ import annotations

import csv
import functools
import io
import json
import os
import sys
from typing import Any, Callable

import click

from ..errors import DateError, ExternalToolError, KroniekError, RuleDataError, StorageError, UsageError

#: Exit statuses (documented in the README).
EXIT_OK = 0
EXIT_SKIPPED = 1
EXIT_USAGE = 2
EXIT_ENVIRONMENT = 3
EXIT_INTERNAL = 4
EXIT_INTERRUPTED = 130
#: Languages kroniek has data for.
LANGS = ("en", "nl", "nl-BE")

db_option = click.option("--db", "db", default="kroniek.db", show_default=True, envvar="KRONIEK_DB",
                         help="The archive: an SQLite file, or a postgresql:// URL (also from KRONIEK_DB).")


def format_option(*choices: str, default: str = "text") -> Callable:
    """A ``--format`` option with the given choices."""
    return click.option("--format", "fmt", type=click.Choice(choices), default=default, show_default=True,
                        help="Output format.")


def errors_to_exit(func: Callable) -> Callable:
    """Turn kroniek's errors into one-line messages and documented exit codes."""
    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except (UsageError, DateError) as exc:
            raise click.UsageError(str(exc)) from None
        except (ExternalToolError, StorageError, RuleDataError) as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_ENVIRONMENT)
        except KroniekError as exc:
            click.echo(f"Error: {exc}", err=True)
            sys.exit(EXIT_ENVIRONMENT)
        except KeyboardInterrupt:
            click.echo("Interrupted; every article stored so far is complete.", err=True)
            sys.exit(EXIT_INTERRUPTED)
        except BrokenPipeError:
            sys.exit(EXIT_OK)
        except (click.exceptions.Exit, click.exceptions.Abort, click.ClickException):
            raise  # click's own usage errors and exits keep their codes
        except Exception as exc:  # a bug in kroniek, not a user mistake
            if os.environ.get("KRONIEK_DEBUG"):
                raise
            click.echo(f"Internal error (a bug in kroniek; please report it with the command you ran): "
                       f"{type(exc).__name__}: {exc}. Set KRONIEK_DEBUG=1 to see the traceback.", err=True)
            sys.exit(EXIT_INTERNAL)
    return wrapper


def check_lang(code: str) -> str:
    """A ``--lang`` value, normalised (``nl-be`` → ``nl-BE``).

    Raises:
        UsageError: a language kroniek has no data for.
    """
    from ..nlp.language import normalise

    lang = normalise(code)
    if lang not in LANGS:
        raise UsageError(f"--lang: unknown language {code!r}: choose one of {', '.join(LANGS)}")
    return lang


def write_json(data: Any) -> None:
    """Pretty JSON to stdout (UTF-8, not ASCII-escaped)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def write_csv(header: list[str], rows: list[list[Any]]) -> None:
    """CSV with a header row to stdout."""
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(header)
    writer.writerows(rows)
    click.echo(buf.getvalue(), nl=False)


def counted(n: int, noun: str) -> str:
    """``"1 mention"``, ``"2 mentions"``: a count and an English noun (plural with -s)."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
