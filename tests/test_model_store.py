"""Finding a model folder, naming its contents, and the Embedder protocol's default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from tailor.errors import UserError
from tailor.model_store import (
    DEFAULT_MODEL,
    Embedder,
    available_models,
    model_identity,
    resolve_model,
    torch_build,
)


def model_folder(path: Path, weights: bytes = b"\0" * 1000) -> Path:
    path.mkdir(parents=True)
    (path / "config.json").write_text('{"hidden_size": 8}')
    (path / "modules.json").write_text("[]")
    (path / "model.safetensors").write_bytes(weights)
    return path


def test_a_model_is_found_by_name_in_the_models_folder_or_by_path(tmp_path: Path):
    models = tmp_path / "models"
    model_folder(models / "tiny")
    assert resolve_model("tiny", models).path == models / "tiny"
    elsewhere = model_folder(tmp_path / "elsewhere" / "mine")
    assert resolve_model(str(elsewhere), models).path == elsewhere


def test_no_name_is_the_packaged_default(tmp_path: Path):
    model = resolve_model(None, tmp_path / "empty")
    assert model.name == DEFAULT_MODEL and (model.path / "config.json").is_file()


def test_no_name_never_picks_a_folder_of_the_current_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Run in a folder someone else prepared, tailor still uses its own model."""
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("TAILOR_MODELS", raising=False)
    model_folder(tmp_path / "models" / DEFAULT_MODEL)
    model_folder(tmp_path / DEFAULT_MODEL)
    packaged = resolve_model(None)
    assert tmp_path not in packaged.path.resolve().parents
    assert (packaged.path / "config.json").is_file()
    assert resolve_model(str(tmp_path / DEFAULT_MODEL)).path == tmp_path / DEFAULT_MODEL
    assert resolve_model(DEFAULT_MODEL).path == Path("models") / DEFAULT_MODEL  # asked for


def test_onnxruntime_is_imported_with_its_telemetry_off(tmp_path: Path):
    """onnxruntime ≥ 1.2x writes a device id and an event queue for Microsoft's collector to
    ~/.cache/Microsoft on import, unless told not to first (the full run: test_offline)."""
    probe = (
        "from pathlib import Path\nfrom tailor.onnx_backend import OnnxEmbedder\n"
        "try:\n    OnnxEmbedder('x', Path('no-such-export'))\nexcept OSError:\n    pass\n"
        "import sys\nassert 'onnxruntime' in sys.modules\n"
    )
    env = {key: value for key, value in os.environ.items() if not key.startswith("ORT_")}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        env={**env, "HOME": str(tmp_path)},
        cwd=tmp_path,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_model_names_the_ones_there_are(tmp_path: Path):
    models = tmp_path / "models"
    model_folder(models / "b-model")
    model_folder(models / "a-model")
    (models / "not-a-model").mkdir()
    assert available_models(models) == ["a-model", "b-model"]
    with pytest.raises(UserError, match="model `nope` not found") as caught:
        resolve_model("nope", models)
    assert "a-model, b-model" in str(caught.value)


def test_an_incomplete_folder_says_what_is_missing(tmp_path: Path):
    (tmp_path / "models" / "empty").mkdir(parents=True)
    with pytest.raises(UserError, match="is not a sentence-transformers model folder"):
        resolve_model("empty", tmp_path / "models")
    no_weights = model_folder(tmp_path / "models" / "half")
    (no_weights / "model.safetensors").unlink()
    with pytest.raises(UserError, match="has no model weights"):
        resolve_model("half", tmp_path / "models")


def test_the_identity_changes_with_the_contents_not_the_place(tmp_path: Path):
    first = model_folder(tmp_path / "a")
    same = model_folder(tmp_path / "b")
    retrained = model_folder(tmp_path / "c", weights=b"\1" * 1000)
    reconfigured = model_folder(tmp_path / "d")
    (reconfigured / "config.json").write_text('{"hidden_size": 16}')
    identity = model_identity(first)
    assert len(identity) == 16 and int(identity, 16) >= 0
    assert model_identity(same) == identity
    assert model_identity(retrained) != identity and model_identity(reconfigured) != identity


def test_prepare_does_nothing_unless_an_embedder_says_otherwise():
    class Plain(Embedder):
        name = "plain"

        def __init__(self) -> None:
            self.calls = 0

        def encode(self, texts: list[str]) -> np.ndarray:
            self.calls += 1
            return np.ones((len(texts), 2), dtype=np.float32)

    plain = Plain()
    assert plain.prepare(["anything"]) is None and plain.calls == 0


def test_the_torch_build_is_read_without_importing_torch(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import importlib.util
    from types import SimpleNamespace

    assert torch_build().endswith(")")  # this venv's, whichever it is
    (tmp_path / "version.py").write_text(
        "from typing import Optional\n__version__ = '2.5.1'\ndebug = False\n"
        "cuda: Optional[str] = '12.4'\nhip: Optional[str] = None\n"
    )
    monkeypatch.setattr(
        importlib.util,
        "find_spec",
        lambda name: (
            SimpleNamespace(submodule_search_locations=[str(tmp_path)]) if name == "torch" else None
        ),
    )
    assert torch_build() == "2.5.1 (CUDA 12.4)"
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    assert torch_build() == "not installed"
