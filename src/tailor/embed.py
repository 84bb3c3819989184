"""Choose and assemble the embedder for a run: the ONNX fast path or sentence-transformers (the
reference), behind the on-disk embedding cache. Models are always local folders, never fetched.

Why lazy: importing sentence-transformers (torch, transformers, scikit-learn) takes about five
seconds, so it happens inside `SentenceTransformerEmbedder`, never at module import; `tailor --help`
and `tailor check` stay instant. Finding and loading a model lives in tailor.model_store.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tailor.errors import UserError
from tailor.model_store import (
    Embedder,
    ModelRef,
    load_sentence_transformer,
    model_identity,
    resolve_model,
    set_offline,
)
from tailor.progress import Progress, silent

if TYPE_CHECKING:
    import numpy as np

__all__ = [
    "BACKENDS",
    "Embedder",
    "ModelSettings",
    "SentenceTransformerEmbedder",
    "load_embedder",
    "register_model",
    "unregister_model",
]


class SentenceTransformerEmbedder(Embedder):
    """The reference path: sentence-transformers on CPU, from a local folder."""

    def __init__(self, model: ModelRef) -> None:
        self.name = model.name
        self.model = load_sentence_transformer(str(model.path))

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros(
                (0, self.model.get_sentence_embedding_dimension() or 0), dtype=np.float32
            )
        return self.model.encode(
            texts,
            batch_size=32,
            convert_to_numpy=True,
            normalize_embeddings=True,
            show_progress_bar=False,
        )


class MemoryMemo(Embedder):
    """Each distinct text embedded once, kept in memory only: what --no-cache runs on
    (ModelSettings.load). The posting's lines are embedded to read the posting and again to
    rank the bullets against them; without a cache on disk they would be embedded twice."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name = inner, inner.name
        self.vectors: dict[str, np.ndarray] = {}

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        missing = [text for text in dict.fromkeys(texts) if text not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.inner.encode(missing), strict=True))
        if not texts:
            return self.inner.encode([])
        return np.stack([self.vectors[text] for text in texts])


BACKENDS = ("auto", "onnx", "torch")


# Models registered by name in this process, found by `--model NAME` before any folder: how
# the tests run the CLI on the fake embedder (as llm's tests register a mock model), and how a
# Python caller can bring an embedder of its own.
_REGISTERED: dict[str, Callable[[Progress], Embedder]] = {}


def register_model(name: str, factory: Callable[[Progress], Embedder]) -> None:
    """Make `--model name` (ModelSettings(model=name)) use `factory(progress)`'s embedder."""
    _REGISTERED[name] = factory


def unregister_model(name: str) -> None:
    _REGISTERED.pop(name, None)


@dataclass(frozen=True, slots=True)
class ModelSettings:
    """Which model a run uses and how (--model, --backend, --no-cache): one value, read only
    where the embedder is loaded. A new model option is a field here and a row of the CLI's
    MODEL_OPTIONS; every command that loads the model, and the command a report prints to
    reproduce itself (`as_arguments`), then take it."""

    model: str | None = None
    backend: str = "auto"
    use_cache: bool = True

    def load(self, progress: Progress = silent) -> Embedder:
        if self.model in _REGISTERED:
            return _REGISTERED[self.model](progress)
        embedder = load_embedder(
            self.model, backend=self.backend, use_cache=self.use_cache, progress=progress
        )
        return embedder if self.use_cache else MemoryMemo(embedder)

    def as_arguments(self) -> list[str]:
        """The command-line options that choose this model, as a reproduced command shows
        them (the cache is left out: it changes no result)."""
        return (["--model", self.model] if self.model else []) + (
            ["--backend", self.backend] if self.backend != "auto" else []
        )


def load_embedder(
    name: str | None = None,
    models_dir: Path | None = None,
    *,
    backend: str = "auto",
    cache_dir: Path | None = None,
    use_cache: bool = True,
    progress: Progress = silent,
) -> Embedder:
    """The embedder for a model: ONNX (fast) or sentence-transformers (reference), with the
    on-disk embedding cache in front unless use_cache is False.

    backend: "onnx", "torch", or "auto" (ONNX when onnxruntime is installed and the model is a
    plain transformer + mean pooling; otherwise torch).

    Raises:
        UserError: unknown backend or model, or a model the chosen backend cannot run.
    """
    from tailor import onnx_backend
    from tailor.cache import DATABASE, CachedEmbedder, EmbeddingCache, default_cache_dir

    set_offline()  # before any backend imports a library that could reach the network
    if backend not in BACKENDS:
        raise UserError(f"unknown backend `{backend}`; use one of: {', '.join(BACKENDS)}.")
    model = resolve_model(name, models_dir)
    cache_dir = cache_dir or default_cache_dir()
    if model.engine == "use":
        if backend != "auto":
            raise UserError(
                f"--backend {backend} does not apply to {model.name}: it has one "
                "engine of its own (numpy, no torch).",
                "Omit --backend.",
            )
        backend = model.engine
    elif backend != "torch":
        reason = None if onnx_backend.is_available() else "onnxruntime is not installed"
        reason = reason or onnx_backend.unsupported_reason(model.path)
        if reason and backend == "onnx":
            raise UserError(
                f"--backend onnx cannot run {model.name}: {reason}.",
                "Use --backend torch (the sentence-transformers reference).",
            )
        backend = "torch" if reason else "onnx"

    def load() -> Embedder:
        if backend == "use":
            from tailor import use_backend

            return use_backend.load(model, progress)
        if backend == "onnx":
            embedder = onnx_backend.load(model, cache_dir / "onnx", progress)
            progress(f"Model {model.name} ready (ONNX).")
            return embedder
        progress(f"Loading model {model.name} with sentence-transformers (a few seconds)…")
        return SentenceTransformerEmbedder(model)

    if not use_cache:
        return load()
    identity = f"{model.name}:{model_identity(model.path)}:{backend}"
    return CachedEmbedder(
        model.name, identity, load, EmbeddingCache(cache_dir / DATABASE, progress), progress
    )
