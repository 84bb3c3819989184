"""Shared fixtures: the seed résumé, the real model (loaded once), LibreOffice."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
RESUME = ROOT / "resume.yaml"
EXAMPLE_JOBS = sorted((ROOT / "examples" / "jobs").glob("*.txt"))
# The team's shared data (graded sets, real résumés), read at test time and never copied here:
# beside the checkout, or where TAILOR_SHARED points (a CI clone may live elsewhere).
SHARED = next((path for path in (Path(os.environ.get("TAILOR_SHARED", ROOT.parent / "shared")),
                                 ROOT.parent / "shared", Path("/work/shared"))
               if path.is_dir()), ROOT.parent / "shared")


@pytest.fixture(scope="session")
def resume_path() -> Path:
    return RESUME


@pytest.fixture(scope="session")
def resume():
    from tailor.resume import load_resume

    return load_resume(RESUME)


@pytest.fixture(scope="session")
def cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One embedding cache and ONNX export for the whole session, never the user's own."""
    return tmp_path_factory.mktemp("tailor-cache")


@pytest.fixture(scope="session")
def embedder(cache_dir: Path):
    """The real all-MiniLM-L6-v2 as users run it (ONNX, cached), once per session: no mocked
    model anywhere it matters."""
    from tailor.embed import load_embedder

    return load_embedder(cache_dir=cache_dir)


@pytest.fixture(scope="session")
def reference_embedder():
    """sentence-transformers itself, which defines what the embeddings are."""
    from tailor.embed import load_embedder

    return load_embedder(backend="torch", use_cache=False)


@pytest.fixture(scope="session")
def soffice() -> str:
    """LibreOffice, which proves page counts. Missing is a failure, not a skip: the README's
    test command installs it (scripts/system-deps.sh)."""
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found or not shutil.which("pdfinfo"):
        pytest.fail("LibreOffice and poppler-utils are needed to prove page counts; run "
                    "scripts/system-deps.sh (or `make test`, which does).")
    return found


@pytest.fixture(autouse=True)
def _isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                          cache_dir: Path) -> None:
    """Tests never read the developer's own models folder, cache or settings."""
    monkeypatch.setenv("TAILOR_MODELS", str(tmp_path / "no-models-here"))
    monkeypatch.setenv("TAILOR_CACHE", str(cache_dir))
    for variable in ("NO_COLOR", "FORCE_COLOR"):
        monkeypatch.delenv(variable, raising=False)
    os.environ.setdefault("COLUMNS", "120")


def write(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path
