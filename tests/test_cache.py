"""The embedding cache: a second run embeds only what is new; damage costs a warning, not a
run; concurrent runs are safe."""

from __future__ import annotations

import hashlib
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
    sink = warnings if warnings is not None else []
    return CachedEmbedder("counting", "counting:v1", lambda: inner,
                          EmbeddingCache(path, sink.append))


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
    embedder = CachedEmbedder("counting", "counting:v1", lambda: loads.append(1) or 1 / 0,
                              EmbeddingCache(tmp_path / "c.sqlite3"))
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

    embedder = CachedEmbedder("counting", "counting:v1", broken,
                              EmbeddingCache(tmp_path / "c.sqlite3"))
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
    assert any("unreadable" in warning for warning in warnings)
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
    writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path), f"writer{n}"],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
               for n in range(4)]
    for writer in writers:
        out, err = writer.communicate(timeout=120)
        assert writer.returncode == 0 and out.strip() == "ok", err
    count = EmbeddingCache(path)._connect().execute("SELECT count(*) FROM vectors").fetchone()[0]
    assert count == 4 * 20 * 25 + 1


def test_clear_removes_cache_and_exports(tmp_path: Path):
    cached(tmp_path / "embeddings.sqlite3", CountingEmbedder()).encode(["a"])
    (tmp_path / "onnx" / "m").mkdir(parents=True)
    (tmp_path / "onnx" / "m" / "model.onnx").write_bytes(b"x" * 1000)
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
def test_no_cache_leaves_no_cache_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         cache_dir: Path):
    fresh = tmp_path / "fresh-cache"
    monkeypatch.setenv("TAILOR_CACHE", str(fresh))
    result = CliRunner().invoke(app, [str(ROOT / "examples/jobs/ml-platform.txt"), "--resume",
                                      str(RESUME), "-o", str(tmp_path / "o.docx"), "--no-cache",
                                      "--backend", "torch", "-q"])
    assert result.exit_code == 0, result.output
    assert not (fresh / "embeddings.sqlite3").exists()


def test_vectors_unused_for_long_are_dropped_and_used_ones_kept(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
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


def test_beyond_the_limit_the_least_recently_used_go(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch):
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
        old.execute("CREATE TABLE vectors (model TEXT, key TEXT, vector BLOB, "
                    "PRIMARY KEY (model, key)) WITHOUT ROWID")
        old.execute("INSERT INTO vectors VALUES (?, ?, ?)",
                    ["counting:v1", hashlib.sha256(b"a").hexdigest(), vector.tobytes()])
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
    embedder = CachedEmbedder("counting", "counting:v1", CountingEmbedder,
                              EmbeddingCache(tmp_path / "c.sqlite3"), steps.append)
    embedder.prepare(texts)
    vectors = embedder.encode(texts)
    assert np.array_equal(vectors, CountingEmbedder().encode(texts))
    assert [step.done for step in steps] == sorted({0, *range(REPORT_EVERY, len(texts),
                                                               REPORT_EVERY), len(texts)})
    assert {step.total for step in steps} == {len(texts)}
    few: list[Step] = []
    small = CachedEmbedder("counting", "counting:v1", CountingEmbedder,
                           EmbeddingCache(tmp_path / "d.sqlite3"), few.append)
    small.prepare(texts[:10])
    small.encode(texts[:10])
    assert few == []  # a fraction of a second needs no bar
