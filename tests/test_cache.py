"""The embedding cache: a second run embeds only what is new; damage costs a warning, not a
run; concurrent runs are safe."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from tailor.cache import CachedEmbedder, EmbeddingCache, clear
from tailor.cli import app
from tailor.errors import UserError

from .conftest import RESUME, ROOT


class CountingEmbedder:
    """Deterministic vectors from the text, counting what it is asked to embed: this tests the
    cache's bookkeeping, not the model (the model is real everywhere else)."""

    name = "counting"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: list[str]) -> np.ndarray:
        self.seen += texts
        rng = [np.random.default_rng(abs(hash(text)) % 2**32) for text in texts]
        return np.array([r.standard_normal(8) for r in rng], dtype=np.float32).reshape(-1, 8)


def cached(path: Path, inner: CountingEmbedder, warnings: list[str] | None = None):
    """A cache in front of `inner`; its warnings (WarningMessage) go to `warnings` as text."""
    sink = warnings if warnings is not None else []
    return CachedEmbedder(
        "counting",
        "counting:v1",
        lambda: inner,
        EmbeddingCache(path, lambda warning: sink.append(str(warning))),
    )


def test_second_run_embeds_only_the_new_texts(tmp_path: Path):
    first, second = CountingEmbedder(), CountingEmbedder()
    bullets = ["Built the model serving platform.", "Mentored engineers."]
    vectors = cached(tmp_path / "c.sqlite3", first).encode([*bullets, "Job line one"])
    again = cached(tmp_path / "c.sqlite3", second).encode([*bullets, "Job line two"])
    assert second.seen == ["Job line two"]
    assert np.array_equal(vectors[:2], again[:2])


def test_the_model_is_not_loaded_when_everything_is_cached(tmp_path: Path):
    cached(tmp_path / "c.sqlite3", CountingEmbedder()).encode(["a", "b"])
    loads = []
    embedder = CachedEmbedder(
        "counting",
        "counting:v1",
        lambda: loads.append(1) or 1 / 0,
        EmbeddingCache(tmp_path / "c.sqlite3"),
    )
    embedder.prepare(["a", "b"])
    assert embedder.encode(["b", "a"]).shape == (2, 8)
    assert loads == []


def test_prepare_embeds_the_new_texts_ahead_and_saves_them(tmp_path: Path):
    cached(tmp_path / "c.sqlite3", CountingEmbedder()).encode(["bullet"])
    inner = CountingEmbedder()
    embedder = cached(tmp_path / "c.sqlite3", inner)
    embedder.prepare(["bullet", "job line", "job line", "another"])
    vectors = embedder.encode(["another", "bullet", "job line"])
    assert inner.seen == ["job line", "another"]  # once each, in the background, never again
    assert np.array_equal(vectors, CountingEmbedder().encode(["another", "bullet", "job line"]))
    later = CountingEmbedder()
    cached(tmp_path / "c.sqlite3", later).encode(["job line", "another"])
    assert later.seen == []


def test_a_model_that_fails_in_the_background_fails_at_the_first_encode(tmp_path: Path):
    def broken():
        raise UserError("the model is broken.")

    embedder = CachedEmbedder(
        "counting", "counting:v1", broken, EmbeddingCache(tmp_path / "c.sqlite3")
    )
    embedder.prepare(["a"])  # never raises: the caller is not waiting on the model yet
    with pytest.raises(UserError, match="broken"):
        embedder.encode(["a"])


def test_a_corrupt_cache_is_rebuilt_with_a_warning(tmp_path: Path):
    path = tmp_path / "c.sqlite3"
    first = cached(path, CountingEmbedder())
    first.encode(["a"])
    first.cache.close()  # as after a crash: only the damaged main file is left
    for suffix in ("-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    path.write_bytes(b"this is not a database" * 100)
    warnings: list[str] = []
    inner = CountingEmbedder()
    vectors = cached(path, inner, warnings).encode(["a", "b"])
    assert vectors.shape == (2, 8) and inner.seen == ["a", "b"]
    assert any("damaged" in warning for warning in warnings)
    assert cached(path, CountingEmbedder()).encode(["a"]).shape == (1, 8)  # usable again


def test_a_truncated_cache_is_rebuilt(tmp_path: Path):
    path = tmp_path / "c.sqlite3"
    cached(path, CountingEmbedder()).encode([f"text {i}" for i in range(200)])
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    inner = CountingEmbedder()
    assert cached(path, inner, []).encode(["text 1", "text 2"]).shape == (2, 8)


def test_a_vector_of_the_wrong_size_is_recomputed(tmp_path: Path):
    path = tmp_path / "c.sqlite3"
    cached(path, CountingEmbedder()).encode(["a", "b", "c"])
    cache = EmbeddingCache(path)
    cache._connect().execute("UPDATE vectors SET vector = x'00' WHERE 1")  # damage every row
    inner = CountingEmbedder()
    cached(path, inner).encode(["a", "b"])
    assert sorted(inner.seen) == ["a", "b"]


WRITER = """
import sys
import numpy as np
from pathlib import Path
from tailor.cache import CachedEmbedder, EmbeddingCache

class Inner:
    name = "x"
    def encode(self, texts):
        return np.ones((len(texts), 8), dtype=np.float32)

prefix = sys.argv[2]
embedder = CachedEmbedder("x", "x:v1", Inner, EmbeddingCache(Path(sys.argv[1])))
for round_ in range(20):
    embedder.encode([f"{prefix} {round_} {i}" for i in range(25)] + ["shared text"])
print("ok")
"""


def test_concurrent_runs_share_the_cache_safely(tmp_path: Path):
    path = tmp_path / "c.sqlite3"
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(path), f"writer{n}"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip() == "ok", err
    count = EmbeddingCache(path)._connect().execute("SELECT count(*) FROM vectors").fetchone()[0]
    assert count == 4 * 20 * 25 + 1


def test_clear_removes_cache_and_exports(tmp_path: Path):
    cached(tmp_path / "embeddings.sqlite3", CountingEmbedder()).encode(["a"])
    (tmp_path / "onnx" / "m").mkdir(parents=True)
    (tmp_path / "onnx" / "m" / "model.onnx").write_bytes(b"x" * 1000)
    (tmp_path / "onnx" / "m" / "settings.json").write_text('{"version": 2, "source": "/m"}')
    assert clear(tmp_path) > 1000
    assert not (tmp_path / "embeddings.sqlite3").exists() and not (tmp_path / "onnx").exists()


def test_cache_commands(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("TAILOR_CACHE", str(tmp_path))
    cached(tmp_path / "embeddings.sqlite3", CountingEmbedder()).encode(["a"])
    info = CliRunner().invoke(app, ["cache", "info"])
    assert info.exit_code == 0 and str(tmp_path) in info.stdout
    assert "Embeddings cached: 1." in info.stdout
    cleared = CliRunner().invoke(app, ["cache", "clear"])
    assert cleared.exit_code == 0 and "Cleared" in cleared.stdout
    assert not (tmp_path / "embeddings.sqlite3").exists()


@pytest.mark.slow
def test_no_cache_leaves_no_cache_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cache_dir: Path
):
    fresh = tmp_path / "fresh-cache"
    monkeypatch.setenv("TAILOR_CACHE", str(fresh))
    result = CliRunner().invoke(
        app,
        [
            str(ROOT / "examples/jobs/ml-platform.txt"),
            "--resume",
            str(RESUME),
            "-o",
            str(tmp_path / "o.docx"),
            "--no-cache",
            "--backend",
            "torch",
            "-q",
        ],
    )
    assert result.exit_code == 0, result.output
    assert not (fresh / "embeddings.sqlite3").exists()


def test_without_the_cache_each_text_is_still_embedded_once_a_run(fake_embedder):
    from tailor.embed import MemoryMemo

    asked: list[str] = []

    class Counting(type(fake_embedder)):
        def encode(self, texts: list[str]) -> np.ndarray:
            asked.extend(texts)
            return super().encode(texts)

    memo = MemoryMemo(Counting())
    first = memo.encode(["Build pipelines", "Own the warehouse", "Build pipelines"])
    again = memo.encode(["Own the warehouse", "Run Slurm"])
    assert asked == ["Build pipelines", "Own the warehouse", "Run Slurm"]
    assert np.array_equal(again[0], first[1]) and np.array_equal(first[0], first[2])
    assert memo.encode([]).shape[0] == 0 and memo.name == fake_embedder.name


def test_vectors_unused_for_long_are_dropped_and_used_ones_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "c.sqlite3"
    monkeypatch.setattr("tailor.cache._today", lambda: 20_000)
    cached(path, CountingEmbedder()).encode(["old job line", "bullet"])
    monkeypatch.setattr("tailor.cache._today", lambda: 20_080)
    cached(path, CountingEmbedder()).encode(["bullet", "last month's job line"])  # reads bullet
    monkeypatch.setattr("tailor.cache._today", lambda: 20_100)
    cached(path, CountingEmbedder()).encode(["bullet", "today's job line"])  # writes: prunes
    inner = CountingEmbedder()
    cached(path, inner).encode(["old job line", "bullet", "last month's job line"])
    assert inner.seen == ["old job line"]


def test_beyond_the_limit_the_least_recently_used_go(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "c.sqlite3"
    monkeypatch.setattr("tailor.cache.MAX_ENTRIES", 4)
    for day in range(6):
        monkeypatch.setattr("tailor.cache._today", lambda day=day: 20_000 + day)
        cached(path, CountingEmbedder()).encode([f"line of day {day}"])
    assert EmbeddingCache(path).entries() == 4
    inner = CountingEmbedder()
    cached(path, inner).encode([f"line of day {day}" for day in range(6)])
    assert inner.seen == ["line of day 0", "line of day 1"]


def test_a_cache_from_before_pruning_keeps_its_vectors(tmp_path: Path):
    import sqlite3

    path = tmp_path / "c.sqlite3"
    vector = np.arange(8, dtype="<f4")
    with sqlite3.connect(path) as old:
        old.execute(
            "CREATE TABLE vectors (model TEXT, key TEXT, vector BLOB, "
            "PRIMARY KEY (model, key)) WITHOUT ROWID"
        )
        old.execute(
            "INSERT INTO vectors VALUES (?, ?, ?)",
            ["counting:v1", hashlib.sha256(b"a").hexdigest(), vector.tobytes()],
        )
    inner = CountingEmbedder()
    assert np.array_equal(cached(path, inner).encode(["a"])[0], vector)
    assert inner.seen == []
    cached(path, inner).encode(["b"])  # and takes new ones
    assert EmbeddingCache(path).entries() == 2


def test_a_long_embedding_reports_its_progress_in_steps(tmp_path: Path):
    from tailor.cache import REPORT_EVERY, REPORT_FROM
    from tailor.progress import Step

    texts = [f"requirement line number {i}" for i in range(REPORT_FROM + REPORT_EVERY)]
    steps: list[Step] = []
    embedder = CachedEmbedder(
        "counting",
        "counting:v1",
        CountingEmbedder,
        EmbeddingCache(tmp_path / "c.sqlite3"),
        steps.append,
    )
    embedder.prepare(texts)
    vectors = embedder.encode(texts)
    assert np.array_equal(vectors, CountingEmbedder().encode(texts))
    assert [step.done for step in steps] == sorted(
        {0, *range(REPORT_EVERY, len(texts), REPORT_EVERY), len(texts)}
    )
    assert {step.total for step in steps} == {len(texts)}
    few: list[Step] = []
    small = CachedEmbedder(
        "counting",
        "counting:v1",
        CountingEmbedder,
        EmbeddingCache(tmp_path / "d.sqlite3"),
        few.append,
    )
    small.prepare(texts[:10])
    small.encode(texts[:10])
    assert few == []  # a fraction of a second needs no bar


def _copy_of_the_export(cache_dir: Path, tmp_path: Path) -> tuple[Path, Path]:
    """The session's real ONNX export, copied into a cache of this test's own."""
    import shutil

    from tailor.embed import load_embedder, model_identity, resolve_model

    load_embedder(backend="onnx", cache_dir=cache_dir, use_cache=False)  # exported once
    model = resolve_model(None)
    name = f"{model.name}-{model_identity(model.path)}"
    shutil.copytree(cache_dir / "onnx" / name, tmp_path / "onnx" / name)
    return tmp_path / "onnx", tmp_path / "onnx" / name


@pytest.mark.slow
@pytest.mark.parametrize("damage", ["older version", "truncated model"])
def test_an_older_or_damaged_export_is_redone_in_place(
    damage: str, tmp_path: Path, cache_dir: Path
):
    """Defect 3: bumping the export's version broke every run ("Directory not empty")."""
    from tailor import onnx_backend
    from tailor.embed import resolve_model

    exports, export = _copy_of_the_export(cache_dir, tmp_path)
    if damage == "older version":
        settings = json.loads((export / "settings.json").read_text())
        settings["version"] = onnx_backend.EXPORT_VERSION - 1
        (export / "settings.json").write_text(json.dumps(settings))
    else:
        model_file = export / "model.optimized.onnx"
        model_file.write_bytes(model_file.read_bytes()[:5000])
    messages: list[str] = []
    embedder = onnx_backend.load(
        resolve_model(None), exports, lambda message: messages.append(str(message))
    )
    assert embedder.encode(["Built the model serving platform."]).shape == (1, 384)
    assert onnx_backend.is_exported(export)
    assert sorted(p.name for p in exports.iterdir()) == [export.name]  # nothing left behind
    assert any("again" in message for message in messages)


@pytest.mark.slow
def test_an_unwritable_cache_folder_never_fails_a_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Defect 17: a cache folder that cannot be written failed the default backend (exit 1,
    "reinstall")."""
    (tmp_path / "a-file").write_text("not a folder")
    monkeypatch.setenv("TAILOR_CACHE", str(tmp_path / "a-file" / "cache"))
    result = CliRunner().invoke(
        app, ["scores", str(ROOT / "examples/jobs/ml-platform.txt"), "--resume", str(RESUME), "-q"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.count("warning:") == 2  # the export and the vectors: one each
    assert "reinstall" not in result.output


# -- a cache problem of any kind costs one warning and a recomputation, never a run or a file --


def test_a_locked_cache_is_waited_for_then_skipped_never_deleted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Defect 18: "database is locked" was taken for damage, and the file another process
    was writing was deleted."""
    import sqlite3

    path = tmp_path / "c.sqlite3"
    first = cached(path, CountingEmbedder())
    first.encode(["theirs"])
    first.cache.close()
    monkeypatch.setattr("tailor.cache.BUSY_TIMEOUT", 0.2)
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode=DELETE")  # a writer that locks readers out too
    holder.execute("BEGIN EXCLUSIVE")
    warnings: list[str] = []
    inner = CountingEmbedder()
    vectors = cached(path, inner, warnings).encode(["mine", "theirs"])
    holder.execute("COMMIT")
    holder.close()
    assert vectors.shape == (2, 8) and sorted(inner.seen) == ["mine", "theirs"]
    assert len(warnings) == 1 and "busy" in warnings[0] and "damaged" not in warnings[0]
    later = CountingEmbedder()
    cached(path, later).encode(["theirs"])
    assert later.seen == []  # their vector survived


def test_a_read_only_cache_is_used_without_and_said_so_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """A read-only cache was reported as "unreadable… starting a new one"."""
    import sqlite3

    path = tmp_path / "c.sqlite3"
    cached(path, CountingEmbedder()).encode(["a"])
    real_connect = sqlite3.connect
    # Root writes through chmod; open it read-only as a read-only mount would.
    monkeypatch.setattr(
        "tailor.cache.sqlite3.connect",
        lambda file, **kw: real_connect(f"file:{file}?mode=ro", uri=True, **kw),
    )
    warnings: list[str] = []
    inner = CountingEmbedder()
    embedder = cached(path, inner, warnings)
    assert embedder.encode(["a", "b"]).shape == (2, 8)
    embedder.encode(["c"])
    assert len(warnings) == 1 and "unreadable" not in warnings[0], warnings
    assert "damaged" not in warnings[0] and path.exists()


def test_an_unusable_cache_folder_costs_one_warning(tmp_path: Path):
    """Defect 17 at the cache: a cache folder that cannot be made."""
    (tmp_path / "a-file").write_text("not a folder")
    warnings: list[str] = []
    embedder = cached(tmp_path / "a-file" / "c.sqlite3", CountingEmbedder(), warnings)
    embedder.encode(["a"])
    embedder.encode(["b"])
    assert len(warnings) == 1 and "continuing without" in warnings[0]


def test_nan_vectors_in_the_cache_are_recomputed(tmp_path: Path):
    """Defect 15: NaN vectors printed "nan" scores, a match of 0, and NaN in --json."""
    path = tmp_path / "c.sqlite3"
    cached(path, CountingEmbedder()).encode(["a", "b"])
    nan = np.full(8, np.nan, dtype="<f4").tobytes()
    inf = np.full(8, np.inf, dtype="<f4").tobytes()
    connection = EmbeddingCache(path)._connect()
    connection.execute(
        "UPDATE vectors SET vector = ? WHERE key = ?", [nan, hashlib.sha256(b"a").hexdigest()]
    )
    connection.execute(
        "UPDATE vectors SET vector = ? WHERE key = ?", [inf, hashlib.sha256(b"b").hexdigest()]
    )
    inner = CountingEmbedder()
    embedder = cached(path, inner)
    embedder.prepare(["a", "b"])
    vectors = embedder.encode(["a", "b"])
    assert np.isfinite(vectors).all() and sorted(inner.seen) == ["a", "b"]


def test_json_output_never_holds_nan():
    from tailor.cli import dump_json

    text = dump_json({"score": float("nan"), "list": [float("inf"), 1.5]})
    assert json.loads(text) == {"score": None, "list": [None, 1.5]}


def test_cache_info_reports_a_damaged_database_and_leaves_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """`cache info` silently deleted a garbage database."""
    monkeypatch.setenv("TAILOR_CACHE", str(tmp_path))
    (tmp_path / "embeddings.sqlite3").write_bytes(b"garbage" * 1000)
    info = CliRunner().invoke(app, ["cache", "info"])
    assert info.exit_code == 0, info.output
    assert "damaged" in info.stdout
    assert (tmp_path / "embeddings.sqlite3").read_bytes() == b"garbage" * 1000


def test_clear_deletes_only_what_tailor_made(tmp_path: Path):
    """Defect 12: `tailor cache clear` deleted a whole onnx/ folder, user files included."""
    cached(tmp_path / "embeddings.sqlite3", CountingEmbedder()).encode(["a"])
    export = tmp_path / "onnx" / "all-MiniLM-L6-v2-0123"
    export.mkdir(parents=True)
    (export / "model.optimized.onnx").write_bytes(b"x" * 1000)
    (export / "settings.json").write_text(json.dumps({"version": 1, "source": "/m"}))
    mine = tmp_path / "onnx" / "my-own-model.onnx"
    mine.write_bytes(b"the user's")
    theirs = tmp_path / "onnx" / "notes"
    theirs.mkdir()
    (theirs / "todo.txt").write_text("keep me")
    (tmp_path / "unrelated.txt").write_text("keep me too")
    assert clear(tmp_path) > 1000
    assert not export.exists() and not (tmp_path / "embeddings.sqlite3").exists()
    assert mine.read_bytes() == b"the user's" and (theirs / "todo.txt").exists()
    assert (tmp_path / "unrelated.txt").exists()


def test_clear_on_a_read_only_cache_is_a_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """Defect 12: a read-only cache ended `cache clear` in a PermissionError traceback."""
    monkeypatch.setenv("TAILOR_CACHE", str(tmp_path))
    cached(tmp_path / "embeddings.sqlite3", CountingEmbedder()).encode(["a"])

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "unlink", refuse)  # root ignores chmod: refuse as a mount would
    result = CliRunner().invoke(app, ["cache", "clear"])
    assert result.exit_code == 1
    assert "cannot clear" in result.output and "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
