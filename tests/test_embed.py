"""Choosing the embedder: the backend, the model, and the cache in front, loaded only when
something new has to be embedded."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tailor.cache import CachedEmbedder
from tailor.embed import BACKENDS, SentenceTransformerEmbedder, load_embedder
from tailor.errors import UserError
from tailor.model_store import Embedder
from tailor.onnx_backend import OnnxEmbedder


def test_an_unknown_backend_names_the_ones_there_are():
    with pytest.raises(UserError, match="unknown backend `tensorflow`") as caught:
        load_embedder(backend="tensorflow")
    assert all(backend in str(caught.value) for backend in BACKENDS)


def test_the_cached_embedder_loads_no_model_until_it_must(tmp_path: Path):
    said: list[object] = []
    embedder = load_embedder(cache_dir=tmp_path, progress=said.append)
    assert isinstance(embedder, CachedEmbedder)
    assert embedder.name == "all-MiniLM-L6-v2"
    assert said == []  # no "Loading model…" nor "Exporting…": nothing was loaded
    assert list(tmp_path.iterdir()) == []  # nor exported


def test_the_onnx_backend_refuses_a_model_it_cannot_reproduce(tmp_path: Path):
    model = tmp_path / "models" / "odd"
    model.mkdir(parents=True)
    (model / "config.json").write_text("{}")
    (model / "model.safetensors").write_bytes(b"\0")
    (model / "modules.json").write_text(
        json.dumps(
            [
                {"type": "sentence_transformers.models.Transformer", "path": ""},
                {"type": "sentence_transformers.models.Dense", "path": "1_Dense"},
            ]
        )
    )
    with pytest.raises(UserError, match="--backend onnx cannot run odd") as caught:
        load_embedder("odd", tmp_path / "models", backend="onnx", cache_dir=tmp_path)
    assert "--backend torch" in str(caught.value)


@pytest.mark.parametrize("backend", [SentenceTransformerEmbedder, OnnxEmbedder, CachedEmbedder])
def test_every_backend_can_be_prepared(backend: type):
    """The pipeline calls prepare on whatever embedder it is given."""
    assert callable(backend.prepare)
    assert backend is CachedEmbedder or Embedder in backend.__mro__  # the no-op default


def test_the_fake_embedder_of_the_fast_tests_keeps_its_promises(fake_embedder):
    texts = [
        "Built model monitoring for drift",
        "Built model monitoring for drift",
        "Built model monitoring",
        "Baked sourdough bread",
        "",
    ]
    vectors = fake_embedder.encode(texts)
    assert np.allclose(np.linalg.norm(vectors[:4], axis=1), 1.0)
    assert np.array_equal(vectors[0], vectors[1])
    cosine = vectors @ vectors[0]
    assert cosine[0] > cosine[2] > cosine[3] and cosine[3] == 0.0
    assert not vectors[4].any()
