"""Errors the user can fix, kept apart from bugs.

Why: the CLI maps these to exit code 1 with a message and no traceback; anything else is a bug
and keeps its traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# The version of every --json document (report.schema.json): reports, batches and errors alike.
JSON_VERSION = 1


class UserError(Exception):
    """A problem the user can fix: bad input, a missing model, an unwritable path.

    `code` names the kind of problem for scripts (`--json`); `file` and `line` say where, when
    the message's own "path: …" opening is not enough.
    """

    code = "error"

    def __init__(
        self,
        message: str,
        hint: str | None = None,
        *,
        code: str | None = None,
        file: str | None = None,
        line: int | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint
        if code:
            self.code = code
        self.file = file
        self.line = line

    def __str__(self) -> str:
        return f"{self.message}\n  {self.hint}" if self.hint else self.message

    def as_json(self) -> dict[str, Any]:
        """The error as `--json` prints it (report.schema.json): what applies of code,
        message, file, line and hint."""
        file = self.file
        if file is None and (opening := _PATH_OPENING.match(self.message)):
            file = opening[1]
        error: dict[str, Any] = {"code": self.code, "message": self.message}
        if file:
            error["file"] = file
        if self.line:
            error["line"] = self.line
        if self.hint:
            error["hint"] = self.hint
        return {"version": JSON_VERSION, "error": error}


# Most messages open with the file they are about: "jobs/acme.txt: the job description is
# empty." A path has no spaces before its colon and a dot or a slash in it.
_PATH_OPENING = re.compile(r"([^\s:]*[./][^\s:]*):\s")


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

    code = "invalid-input"

    SHOWN = 50  # problems listed in the message (the issues, and --json, hold them all)

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        count = f"{len(issues):,} problem" + ("s" if len(issues) != 1 else "")
        file = issues[0].file if issues else "input"
        shown = [f"  {issue}" for issue in issues[: self.SHOWN]]
        if len(issues) > self.SHOWN:
            shown.append(f"  … and {len(issues) - self.SHOWN:,} more; fix these first.")
        super().__init__(
            f"{file}: {count}\n" + "\n".join(shown),
            file=file if issues else None,
            line=issues[0].line if issues and issues[0].line else None,
        )

    def __str__(self) -> str:
        return self.message

    def as_json(self) -> dict[str, Any]:
        document = super().as_json()
        document["error"]["issues"] = [
            {
                "file": i.file,
                "line": i.line,
                "column": i.column,
                "path": i.path,
                "message": i.message,
            }
            for i in self.issues
        ]
        return document


def counted(number: int, singular: str, plural: str | None = None) -> str:
    """ "1 bullet", "2 bullets": a count with its noun in the right number, for every message
    that counts something."""
    return f"{number} {singular if number == 1 else plural or singular + 's'}"
