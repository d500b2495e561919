"""The project's exceptions. ``cli.py`` maps each to an exit code and one sentence."""

from __future__ import annotations


class QuizError(Exception):
    """Base of every error a user can cause. ``str(err)`` is the one-sentence message."""

    exit_code = 2


class UsageError(QuizError):
    """Bad usage: unknown question, conflicting options, a path that is not there."""


class BankError(QuizError):
    """An invalid question file; the message names the file and, where known, line and column."""

    def __init__(self, path: str, message: str, line: int | None = None, column: int | None = None):
        self.path = path
        self.line = line
        self.column = column
        self.detail = message
        where = path
        if line is not None:
            where += f":{line}"
            if column is not None:
                where += f":{column}"
        super().__init__(f"{where}: {message}")


class StoreError(QuizError):
    """The progress database cannot be used (corrupt, newer version, unwritable)."""


class ExportError(QuizError):
    """An export could not be written."""


class AnswerFileError(QuizError):
    """The answer file cannot be read or no question can be identified from it (exit 2)."""
