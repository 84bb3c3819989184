"""The fast path gives sentence-transformers' embeddings and the same ranking."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from tailor.embed import load_embedder
from tailor.errors import UserError
from tailor.job import load_job
from tailor.model_store import resolve_model
from tailor.onnx_backend import OnnxEmbedder, unsupported_reason
from tailor.rank import rank_bullets

from .conftest import EXAMPLE_JOBS

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def onnx_embedder(cache_dir: Path):
    embedder = load_embedder(backend="onnx", cache_dir=cache_dir, use_cache=False)
    assert isinstance(embedder, OnnxEmbedder)
    return embedder


def test_same_embeddings_as_sentence_transformers(resume, onnx_embedder, reference_embedder):
    texts = [b.text for b in resume.bullets()] + ["", "x " * 400, "Kubernetes 🚀 שלום"]
    fast, reference = onnx_embedder.encode(texts), reference_embedder.encode(texts)
    cosine = (fast * reference).sum(axis=1)
    assert cosine.min() >= 0.9999, cosine.min()
    assert np.allclose(fast, reference, atol=1e-5)


def test_batches_in_parallel_give_what_one_worker_gives(resume, onnx_embedder):
    texts = [b.text for b in resume.bullets()] + [
        u.text for u in load_job(str(EXAMPLE_JOBS[0])).weighted_units
    ]
    export = onnx_embedder.export_dir
    alone = OnnxEmbedder(onnx_embedder.name, export, workers=1).encode(texts)
    parallel = OnnxEmbedder(onnx_embedder.name, export, workers=3).encode(texts)
    assert np.allclose(alone, parallel, atol=1e-6)
    assert onnx_embedder.encode([]).shape[0] == 0


@pytest.mark.parametrize("job", EXAMPLE_JOBS, ids=lambda path: path.stem)
def test_same_ranking_as_sentence_transformers(
    job: Path, resume, onnx_embedder, reference_embedder
):
    parsed = load_job(str(job))
    fast = rank_bullets(resume.bullets(), parsed, onnx_embedder)
    reference = rank_bullets(resume.bullets(), parsed, reference_embedder)
    assert [s.bullet.id for s in fast.scores] == [s.bullet.id for s in reference.scores]
    assert fast.match == pytest.approx(reference.match, abs=0.1)


def test_the_export_lives_in_the_cache_not_the_repo(cache_dir: Path, onnx_embedder):
    exports = list((cache_dir / "onnx").glob("all-MiniLM-L6-v2-*"))
    assert len(exports) == 1
    settings = json.loads((exports[0] / "settings.json").read_text())
    assert settings["max_seq_length"] == 256 and settings["normalize"] is True
    assert (exports[0] / "model.optimized.onnx").is_file()


def test_models_the_fast_path_cannot_reproduce_are_named(tmp_path: Path):
    model = tmp_path / "dense-model"
    (model / "1_Pooling").mkdir(parents=True)
    (model / "modules.json").write_text(
        json.dumps(
            [
                {"type": "sentence_transformers.models.Transformer", "path": ""},
                {"type": "sentence_transformers.models.Pooling", "path": "1_Pooling"},
                {"type": "sentence_transformers.models.Dense", "path": "2_Dense"},
            ]
        )
    )
    assert "Dense" in unsupported_reason(model)
    (model / "modules.json").write_text(
        json.dumps(
            [
                {"type": "sentence_transformers.models.Transformer", "path": ""},
                {"type": "sentence_transformers.models.Pooling", "path": "1_Pooling"},
            ]
        )
    )
    (model / "1_Pooling" / "config.json").write_text(json.dumps({"pooling_mode_cls_token": True}))
    assert "pooling_mode_cls_token" in unsupported_reason(model)
    assert unsupported_reason(resolve_model(None).path) is None


def test_asking_onnx_for_such_a_model_is_a_clear_error(tmp_path: Path):
    model = tmp_path / "models" / "odd"
    model.mkdir(parents=True)
    (model / "modules.json").write_text("[]")
    (model / "model.safetensors").write_bytes(b"")
    with pytest.raises(UserError, match="--backend onnx cannot run odd"):
        load_embedder("odd", tmp_path / "models", backend="onnx", use_cache=False)


def test_unknown_backend(tmp_path: Path):
    with pytest.raises(UserError, match="unknown backend"):
        load_embedder(backend="tpu")
