"""How the core reports progress without printing: a callback that takes a message, or a Step
of a long task (which the CLI draws as a bar when stderr is a terminal)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Step:
    label: str  # what is being done, the same for every step of one task
    done: int
    total: int


Progress = Callable[["str | Step"], None]


def silent(update: str | Step) -> None:
    """The default: report nothing."""
