"""How the core reports progress without printing: a callback that takes a message, a Step of a
long task (which the CLI draws as a bar when stderr is a terminal), or a WarningMessage (which
is not progress: it is shown even with --quiet)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Step:
    label: str  # what is being done, the same for every step of one task
    done: int
    total: int


@dataclass(frozen=True, slots=True)
class WarningMessage:
    """Something the user should know although the run goes on (the cache cannot be used, the
    ONNX export is redone): told by its type, never by how its text begins."""

    message: str

    def __str__(self) -> str:
        return f"warning: {self.message}"


Progress = Callable[["str | Step | WarningMessage"], None]


def silent(update: str | Step | WarningMessage) -> None:
    """The default: report nothing."""
