"""Errors the user can fix, kept apart from bugs.

Why: the CLI maps these to exit code 1 with a message and no traceback; anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations

from dataclasses import dataclass


class UserError(Exception):
    """A problem the user can fix: bad input, a missing model, an unwritable path."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  {self.hint}" if self.hint else self.message


@dataclass(frozen=True, slots=True)
class Issue:
    """One problem in an input file, located precisely enough to fix it."""

    file: str
    line: int  # 1-based; 0 when the problem has no position (e.g. an empty file)
    column: int  # 1-based
    path: str  # field path, e.g. "experience[2].bullets[0].text"
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        field = f" {self.path}:" if self.path else ""
        return f"{where}:{field} {self.message}"


class InvalidInput(UserError):
    """Every problem found in one input file, reported together."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        count = f"{len(issues)} problem" + ("s" if len(issues) != 1 else "")
        file = issues[0].file if issues else "input"
        super().__init__(f"{file}: {count}\n" + "\n".join(f"  {issue}" for issue in issues))

    def __str__(self) -> str:
        return self.message
