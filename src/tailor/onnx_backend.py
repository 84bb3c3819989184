"""The fast path: the same model exported once to ONNX, run by onnxruntime without torch.

sentence-transformers stays the reference: it loads the model and defines the embeddings. This
module exports that model's transformer to ONNX once (locally, offline; it needs torch and the
`onnx` package only then) and afterwards reproduces sentence-transformers' encode — tokenise,
truncate to the model's max_seq_length, mean-pool over the attention mask, normalise — with
onnxruntime and tokenizers, which import in a tenth of a second instead of five.
tests/test_onnx_backend.py holds the two paths to cosine ≥ 0.9999 on every bullet.
"""

from __future__ import annotations

import json
import os
import shutil
import warnings
from pathlib import Path
from typing import TYPE_CHECKING

from tailor.errors import UserError
from tailor.model_store import (
    Embedder,
    ModelRef,
    import_onnxruntime,
    load_sentence_transformer,
    model_identity,
)
from tailor.progress import Progress, WarningMessage

if TYPE_CHECKING:
    import numpy as np

EXPORT_VERSION = 2  # bump when the export format changes: old exports are then redone
_MODULES = {
    "sentence_transformers.models.Transformer",
    "sentence_transformers.models.Pooling",
    "sentence_transformers.models.Normalize",
}


def is_available() -> bool:
    """Whether onnxruntime and tokenizers can be imported (without importing them)."""
    import importlib.util

    return all(importlib.util.find_spec(name) for name in ("onnxruntime", "tokenizers"))


def unsupported_reason(model_path: Path) -> str | None:
    """Why this model folder cannot take the ONNX path, or None when it can: only the plain
    transformer → mean pooling → (normalise) stack is reproduced here."""
    try:
        modules = json.loads((model_path / "modules.json").read_text("utf-8"))
    except (OSError, ValueError):
        return "it has no readable modules.json"
    kinds = {module.get("type", "") for module in modules}
    if not kinds <= _MODULES or "sentence_transformers.models.Transformer" not in kinds:
        return f"its modules are {sorted(kinds)}"
    pooling = next((m for m in modules if m.get("type", "").endswith("Pooling")), None)
    if pooling:
        try:
            config = json.loads((model_path / pooling["path"] / "config.json").read_text("utf-8"))
        except (OSError, ValueError, KeyError):
            return "its pooling configuration is unreadable"
        modes = [key for key, value in config.items() if key.startswith("pooling_mode") and value]
        if modes != ["pooling_mode_mean_tokens"]:
            return f"it pools with {modes}"
    if not (model_path / "tokenizer.json").is_file():
        return "it has no tokenizer.json"
    return None


def export(model_path: Path, target: Path, *, replace: bool = False) -> None:
    """Export the model's transformer to `target`/model.onnx, with its tokenizer and settings.

    Written to a temporary folder and renamed, so a concurrent or interrupted export never
    leaves a half-written model behind. `replace`: what is at `target` is known to be damaged,
    so it is replaced even if it looks complete.
    """
    model = load_sentence_transformer(str(model_path))
    import torch

    transformer = model[0].auto_model.eval()
    sample = model.tokenizer(["tailor exports this model once"], return_tensors="pt")
    input_names = [
        name for name in ("input_ids", "attention_mask", "token_type_ids") if name in sample
    ]

    class LastHiddenState(torch.nn.Module):
        def __init__(self) -> None:
            super().__init__()
            self.transformer = transformer

        def forward(self, *inputs: torch.Tensor) -> torch.Tensor:
            return self.transformer(**dict(zip(input_names, inputs, strict=True))).last_hidden_state

    target.parent.mkdir(parents=True, exist_ok=True)
    staging = target.with_name(f"{target.name}.tmp-{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir()
    try:
        axes = {name: {0: "batch", 1: "tokens"} for name in [*input_names, "last_hidden_state"]}
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                LastHiddenState(),
                tuple(sample[name] for name in input_names),
                str(staging / "model.onnx"),
                input_names=input_names,
                output_names=["last_hidden_state"],
                dynamic_axes=axes,
                opset_version=17,
                dynamo=False,
            )
        _save_optimized(staging / "model.onnx", staging / "model.optimized.onnx")
        (staging / "model.onnx").unlink()  # only the optimised graph is ever loaded: 90 MB less
        shutil.copyfile(model_path / "tokenizer.json", staging / "tokenizer.json")
        normalize = any(type(module).__name__ == "Normalize" for module in model)
        settings = {
            "version": EXPORT_VERSION,
            "max_seq_length": model.max_seq_length,
            "pad_token": model.tokenizer.pad_token,
            "pad_id": model.tokenizer.pad_token_id,
            "inputs": input_names,
            "normalize": normalize,
            "source": str(model_path),
        }
        (staging / "settings.json").write_text(json.dumps(settings, indent=2), "utf-8")
        _move_into_place(staging, target, replace)
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _move_into_place(staging: Path, target: Path, replace: bool) -> None:
    """Rename the finished export to `target`, replacing an older or damaged one there (a
    rename cannot replace a folder that is not empty: that one is renamed away first)."""
    for _ in range(3):
        try:
            os.replace(staging, target)
            return
        except OSError:
            if not replace and is_exported(target):  # another process finished it first
                return
            if not target.exists():
                raise
            retired = target.with_name(f"{target.name}.old-{os.getpid()}")
            try:
                os.replace(target, retired)
            except FileNotFoundError:  # another process moved it first: try again
                continue
            shutil.rmtree(retired, ignore_errors=True)
    os.replace(staging, target)


def _save_optimized(model: Path, optimized: Path) -> None:
    """Let onnxruntime fuse the graph once and keep the result: later sessions skip that work
    (0.4 s → 0.2 s to start). EXTENDED, not ALL: ALL adds layouts tied to this CPU."""
    onnxruntime = import_onnxruntime()

    options = onnxruntime.SessionOptions()
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_EXTENDED
    options.optimized_model_filepath = str(optimized)
    options.log_severity_level = 3
    onnxruntime.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])


def _settings(folder: Path) -> dict | None:
    try:
        settings = json.loads((folder / "settings.json").read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return settings if isinstance(settings, dict) else None


def is_exported(target: Path) -> bool:
    """Whether `target` holds a complete export in this version's format."""
    settings = _settings(target)
    return (
        settings is not None
        and settings.get("version") == EXPORT_VERSION
        and any((target / name).is_file() for name in ("model.optimized.onnx", "model.onnx"))
    )


def is_export_folder(folder: Path) -> bool:
    """Whether tailor made this folder (an export of any version, or one half made), so that
    `tailor cache clear` may delete it: its settings.json says so, or its name is a staging
    folder's."""
    if ".tmp-" in folder.name or ".old-" in folder.name:
        return _settings(folder) is not None or not any(
            child.suffix not in (".onnx", ".json", ".data") for child in folder.iterdir()
        )
    settings = _settings(folder)
    return settings is not None and "version" in settings and "source" in settings


class DamagedExport(Exception):
    """An export folder whose files cannot be loaded: it is exported again."""


class OnnxEmbedder(Embedder):
    """sentence-transformers' encode, reproduced with onnxruntime + tokenizers."""

    batch_size = 16

    def __init__(self, name: str, export_dir: Path, workers: int | None = None) -> None:
        onnxruntime = import_onnxruntime()
        from tokenizers import Tokenizer

        self.name = name
        self.export_dir = export_dir
        settings = json.loads((export_dir / "settings.json").read_text("utf-8"))
        self.inputs = settings["inputs"]
        self.normalize = settings["normalize"]
        self.pad_id = settings["pad_id"]
        self.tokenizer = Tokenizer.from_file(str(export_dir / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=settings["max_seq_length"])
        self.tokenizer.no_padding()  # each batch is padded to its own longest text below
        self.workers = workers or min(4, usable_cores())
        options = onnxruntime.SessionOptions()
        # One thread per run, and one run per core at a time: batches in parallel beat one
        # batch's matrix products split across cores (1.6 s against 1.9 s for 420 lines on
        # 2 cores), which spend their time handing small blocks between threads.
        options.intra_op_num_threads = 1
        options.inter_op_num_threads = 1
        options.log_severity_level = 3
        model = export_dir / "model.optimized.onnx"
        if model.is_file():  # already optimised at export time
            options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_DISABLE_ALL
        else:
            model = export_dir / "model.onnx"
        try:
            self.session = onnxruntime.InferenceSession(
                str(model), options, providers=["CPUExecutionProvider"]
            )
        except Exception as error:  # a truncated or foreign file: load() exports it again
            raise DamagedExport(
                f"the ONNX export in {export_dir} cannot be loaded ({error})."
            ) from None

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        if not texts:
            return np.zeros((0, 0), dtype=np.float32)
        encodings = self.tokenizer.encode_batch(texts)
        # Similar lengths batch together, as sentence-transformers does: less padding. Batches
        # are small enough that every worker gets one even for a short job.
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i].ids))
        size = max(1, min(self.batch_size, -(-len(texts) // self.workers)))
        batches = [order[start : start + size] for start in range(0, len(texts), size)]
        if self.workers > 1 and len(batches) > 1:
            from concurrent.futures import ThreadPoolExecutor

            # onnxruntime releases the GIL while it runs, so the threads use every core.
            with ThreadPoolExecutor(self.workers, thread_name_prefix="tailor-embed") as pool:
                pooled = list(
                    pool.map(lambda batch: self._embed([encodings[i] for i in batch]), batches)
                )
        else:
            pooled = [self._embed([encodings[i] for i in batch]) for batch in batches]
        vectors = np.zeros((len(texts), pooled[0].shape[1]), dtype=np.float32)
        for batch, batch_vectors in zip(batches, pooled, strict=True):
            vectors[batch] = batch_vectors
        return vectors

    def _embed(self, encodings: list) -> np.ndarray:
        """One padded batch through the transformer, mean-pooled over its real tokens."""
        import numpy as np

        width = max(len(encoding.ids) for encoding in encodings)
        ids = np.full((len(encodings), width), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(encodings), width), dtype=np.int64)
        types = np.zeros((len(encodings), width), dtype=np.int64)
        for row, encoding in enumerate(encodings):
            ids[row, : len(encoding.ids)] = encoding.ids
            mask[row, : len(encoding.ids)] = 1
            types[row, : len(encoding.ids)] = encoding.type_ids
        feeds = {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}
        hidden = self.session.run(None, {name: feeds[name] for name in self.inputs})[0]
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
        if self.normalize:
            pooled /= np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return pooled


def usable_cores() -> int:
    """The cores this process may run on (a container or taskset may allow fewer than the
    machine has); os.sched_getaffinity is Linux-only."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def load(model: ModelRef, exports: Path, progress: Progress) -> OnnxEmbedder:
    """The ONNX embedder for `model`, exporting it first if this is its first use, or if the
    export there is from an older tailor or damaged (it is replaced in place).

    When the cache folder cannot hold an export (read-only, full, not a folder), the model is
    exported to a temporary folder for this run, with a warning: a cache never fails a run.
    """
    target = exports / f"{model.name}-{model_identity(model.path)}"
    damaged = False
    if is_exported(target):
        try:
            return OnnxEmbedder(model.name, target)
        except (DamagedExport, OSError, ValueError, KeyError) as error:
            progress(WarningMessage(f"{error} Exporting it again."))
            damaged = True
    elif target.exists():
        progress(f"The ONNX export of {model.name} is from an older tailor; exporting it again.")
    progress(f"Exporting {model.name} to ONNX for fast runs (once, about 10 s)…")
    try:
        _export_or_explain(model, target, replace=damaged)
    except OSError as error:
        import tempfile

        progress(
            WarningMessage(
                f"cannot keep the ONNX export in {exports} "
                f"({error.strerror or error}); exporting to a temporary folder "
                "for this run."
            )
        )
        with tempfile.TemporaryDirectory(prefix="tailor-onnx-") as folder:
            temporary = Path(folder) / target.name
            try:
                _export_or_explain(model, temporary)
            except OSError as again:  # not the cache, then: the model folder or the disk
                raise UserError(
                    f"exporting {model.name} to ONNX failed: {again}", "Run with --backend torch."
                ) from None
            return _load_or_explain(model, temporary)  # loaded into memory: the folder may go
    return _load_or_explain(model, target)


def _export_or_explain(model: ModelRef, target: Path, replace: bool = False) -> None:
    try:
        export(model.path, target, replace=replace)
    except (UserError, OSError):
        raise
    except Exception as error:  # the export needs torch and onnx; say what is missing
        raise UserError(
            f"exporting {model.name} to ONNX failed: {type(error).__name__}: {error}",
            "Run with --backend torch, or reinstall tailor's dependencies (pip install -e .).",
        ) from None


def _load_or_explain(model: ModelRef, target: Path) -> OnnxEmbedder:
    try:
        return OnnxEmbedder(model.name, target)
    except DamagedExport as error:  # just exported, and still unloadable: not the cache's fault
        raise UserError(
            str(error),
            "Run with --backend torch, or reinstall tailor's dependencies (pip install -e .).",
        ) from None
