"""Where the team's shared data lives: the graded sets (eval-dev) and the real résumés
(corpus), read at run time and never copied into the repository.

TAILOR_SHARED names the folder; otherwise it is the `shared` folder beside the checkout, or
/work/shared, where this team's machines keep it (a CI clone may live anywhere)."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def shared_dir() -> Path:
    candidates = [Path(os.environ["TAILOR_SHARED"])] if os.environ.get("TAILOR_SHARED") else []
    candidates += [ROOT.parent / "shared", Path("/work/shared")]
    return next((path for path in candidates if path.is_dir()), candidates[0])


SHARED = shared_dir()
