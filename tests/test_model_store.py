"""Finding a model folder, naming its contents, and the Embedder protocol's default."""

from __future__ import annotations

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
