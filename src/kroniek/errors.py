"""The one exception tree of kroniek.

Library code raises these; the CLI maps them to messages and exit codes
once, at the edge (:mod:`kroniek.cli.main`).
"""
from __future__ import annotations


class KroniekError(Exception):
    """Base class of every error kroniek raises on purpose."""


class UsageError(KroniekError):
    """The caller asked for something impossible (bad option, unknown id)."""


class InputError(KroniekError):
    """One input record cannot be used.

    Attributes:
        path: the file the record came from.
        where: ``"line 12"``, ``"record 3"`` or ``""`` for the whole file.
        reason: what is wrong, in words a user can act on.
    """

    def __init__(self, path: str, where: str, reason: str):
        self.path, self.where, self.reason = path, where, reason
        location = f"{path}:{where}" if where else path
        super().__init__(f"{location}: {reason}")

    def __reduce__(self):
        return (type(self), (self.path, self.where, self.reason))


class DateError(KroniekError):
    """A date or date-time string is missing, malformed or impossible."""


class RuleDataError(KroniekError):
    """Language data (lexicon, rules, examples) is malformed; names file and rule."""


class ExternalToolError(KroniekError):
    """An external program (Frog) is missing, failed to start, or died."""


class StorageError(KroniekError):
    """The database cannot be opened or has an unknown schema version."""
