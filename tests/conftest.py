"""Shared fixtures: the tests' résumé, a fake embedder for fast tests, the real model (loaded once),
LibreOffice."""

from __future__ import annotations

import hashlib
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pytest
from hypothesis import settings

from tailor.model_store import Embedder

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).resolve().parent / "data"
# The tests' own résumé: tests may assert what it says. The repository's resume.yaml is the
# users' example: test_end_to_end tailors it to the example jobs, other tests only check that
# it stays valid, so it can be edited freely.
RESUME = DATA / "resume.yaml"
SEED_RESUME = ROOT / "resume.yaml"
EXAMPLE_JOBS = sorted((ROOT / "examples" / "jobs").glob("*.txt"))
# The team's shared data (graded sets, real résumés), read at test time and never copied here:
# beside the checkout, or where TAILOR_SHARED points (a CI clone may live elsewhere).
SHARED = next((path for path in (Path(os.environ.get("TAILOR_SHARED", ROOT.parent / "shared")),
                                 ROOT.parent / "shared", Path("/work/shared"))
               if path.is_dir()), ROOT.parent / "shared")

# How many inputs each property test tries: 25 in the quick loop (`pytest -m "not slow"`),
# hypothesis's usual 100 in the whole suite, 1000 with HYPOTHESIS_PROFILE=thorough; and
# scripts/fuzz.py far more.
settings.register_profile("quick", max_examples=25)
settings.register_profile("thorough", max_examples=1000)


def pytest_configure(config: pytest.Config) -> None:
    # Before the test modules are imported: their settings take the profile's numbers then.
    quick = config.option.markexpr == "not slow"
    settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "quick" if quick else "default"))


@pytest.fixture(scope="session")
def resume_path() -> Path:
    return RESUME


@pytest.fixture(scope="session")
def resume():
    from tailor.resume import load_resume

    return load_resume(RESUME)


class FakeEmbedder(Embedder):
    """A deterministic stand-in for the model, for fast tests of what is built on embeddings:
    each text is a bag of its words, hashed into DIMENSION counts and scaled to unit length.
    The same text gives the same vector, texts that share words have a higher cosine, texts
    with no word in common have cosine 0 (but for rare hash collisions), and a text with no
    words is all zeros. It knows nothing of meaning ("serve" and "hosting" are unrelated to
    it): what needs meaning is tested with the real model."""

    name = "fake-bag-of-words"
    DIMENSION = 512
    STOP_WORDS = frozenset("a an and as at by for from in into of on or our the to we with "
                           "you your is are be will this that".split())

    def __init__(self) -> None:
        self.encoded: list[str] = []  # every text asked for, in order

    def encode(self, texts: list[str]) -> np.ndarray:
        self.encoded += texts
        vectors = np.zeros((len(texts), self.DIMENSION), dtype=np.float32)
        for row, text in enumerate(texts):
            words = [w for w in re.findall(r"\w+", text.lower()) if w not in self.STOP_WORDS]
            for word in words:
                digest = hashlib.blake2b(word.encode("utf-8"), digest_size=4).digest()
                vectors[row, int.from_bytes(digest, "little") % self.DIMENSION] += 1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.divide(vectors, norms, out=vectors, where=norms > 0)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


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
