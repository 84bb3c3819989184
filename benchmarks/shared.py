"""Where the team's shared data lives: the graded sets (eval-dev) and the real résumés
(corpus), read at run time and never copied into the repository.

TAILOR_SHARED names the folder; otherwise it is the first `shared` folder beside the checkout
or beside a folder above it (a worktree under `wt/` finds its main checkout's). Nothing else
is assumed: a clone without the shared data runs the fast tests all the same, and the tests
that read it skip, saying why (`tests/conftest.py`, marker `shared_data`)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    """The shared folder, or where it would be (which may not exist: see `has_shared_data`)."""
    if os.environ.get("TAILOR_SHARED"):
        return Path(os.environ["TAILOR_SHARED"])
    candidates = [folder / "shared" for folder in ROOT.parents]
    return next((path for path in candidates if path.is_dir()), candidates[0])


def has_shared_data(folder: Path | None = None) -> bool:
    """Whether the shared folder holds the team's data (a folder that is there but empty does
    not)."""
    folder = shared_dir() if folder is None else folder
    return (folder / "eval-dev").is_dir() or (folder / "corpus").is_dir()


SHARED = shared_dir()
