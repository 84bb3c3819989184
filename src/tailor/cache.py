"""On-disk embedding cache: a second run embeds only what it has not seen (usually the job).

SQLite, because it is in the standard library and already solves concurrent writers (WAL and a
busy timeout). A cache is never worth an error: a damaged file is set aside and rebuilt, with a
warning; a busy, read-only or missing one is skipped for the run, with one warning (and never
deleted: another process may be writing it); entries of the wrong size, NaN or infinite, are
recomputed.

Every job adds its lines, so the cache would grow without end: once a day, the first run that
writes to it drops vectors unused for KEEP_DAYS and, beyond MAX_ENTRIES, the least recently
used. A résumé's bullets are read on every run and stay.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tailor.progress import Progress, Step, WarningMessage, silent

if TYPE_CHECKING:
    import numpy as np

    from tailor.model_store import Embedder

Warn = Callable[[WarningMessage], None]

# Embedding this many texts takes about a second on two cores: a progress bar from here on,
# moving every REPORT_EVERY texts.
REPORT_FROM = 256
REPORT_EVERY = 128

KEEP_DAYS = 90
MAX_ENTRIES = 100_000  # about 170 MB of 384-dimension vectors
CONNECT_ATTEMPTS = 8  # opening a file another run is creating: see EmbeddingCache._connect
BUSY_TIMEOUT = 15.0  # seconds to wait for another run's write before going on without the cache
DATABASE = "embeddings.sqlite3"
_DAMAGE = (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def is_damage(error: sqlite3.Error) -> bool:
    """Whether SQLite says the file itself is broken, as opposed to busy, locked, read-only or
    unopenable, which say nothing about its contents."""
    code = getattr(error, "sqlite_errorcode", None)
    if code is None:  # raised by the sqlite3 module itself, not by SQLite
        return False
    return code & 0xFF in _DAMAGE


def _is_busy(error: Exception) -> bool:
    """Whether SQLite refused because another connection holds the file: not damage."""
    return isinstance(error, sqlite3.OperationalError) and (
        "locked" in str(error) or "busy" in str(error)
    )


def _today() -> int:
    """Days since the epoch: the unit of `used`, so a vector read all day is written once."""
    return int(time.time() // 86_400)


def default_cache_dir() -> Path:
    """$TAILOR_CACHE, else the platform's user cache folder (via platformdirs)."""
    if os.environ.get("TAILOR_CACHE"):
        return Path(os.environ["TAILOR_CACHE"])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("tailor", appauthor=False))


class EmbeddingCache:
    """Vectors by (model identity, text), in one SQLite file."""

    def __init__(self, path: Path, warn: Warn = lambda message: None) -> None:
        self.path = path
        self.warn = warn
        self.connection: sqlite3.Connection | None = None
        self.unusable = False  # said so once; the rest of the run goes without

    def _give_up(self, error: Exception) -> None:
        if not self.unusable:
            busy = _is_busy(error)
            why = "busy: another run is writing it" if busy else str(error)
            self.warn(
                WarningMessage(
                    f"embedding cache {self.path} cannot be used ({why}); continuing without it."
                )
            )
        self.unusable = True
        self.close()

    def _connect(self) -> sqlite3.Connection | None:
        if self.connection is not None or self.unusable:
            return self.connection
        set_aside = False
        for attempt in range(1, CONNECT_ATTEMPTS + 1):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                connection = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT, isolation_level=None)
                connection.execute("PRAGMA journal_mode=WAL")
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS vectors (model TEXT, key TEXT, "
                    "vector BLOB, used INTEGER NOT NULL DEFAULT 0, "
                    "PRIMARY KEY (model, key)) WITHOUT ROWID"
                )
                connection.execute(
                    "CREATE TABLE IF NOT EXISTS housekeeping (task TEXT PRIMARY KEY, day INTEGER)"
                )
                columns = {row[1] for row in connection.execute("PRAGMA table_info(vectors)")}
                if "used" not in columns:  # a cache from before pruning: keep its vectors
                    with contextlib.suppress(sqlite3.OperationalError):  # a racing upgrade
                        connection.execute(
                            "ALTER TABLE vectors ADD COLUMN used INTEGER "
                            f"NOT NULL DEFAULT {_today()}"
                        )
                connection.execute("SELECT count(*) FROM vectors LIMIT 1").fetchone()
            except sqlite3.Error as error:
                with contextlib.suppress(UnboundLocalError, sqlite3.Error):
                    connection.close()
                if not set_aside and is_damage(error):
                    set_aside = True
                    self._set_aside(error)  # then try once more, with a new file
                    continue
                if _is_busy(error) and attempt < CONNECT_ATTEMPTS:
                    # Two runs creating the file at once: switching it to WAL can be refused
                    # at once ("database is locked") without SQLite's busy wait. The other
                    # run is done in milliseconds.
                    time.sleep(0.05 * attempt)
                    continue
                self._give_up(error)
                return None
            except OSError as error:
                self._give_up(error)
                return None
            self.connection = connection
            return connection
        return None

    def _set_aside(self, error: Exception) -> None:
        self.warn(
            WarningMessage(f"embedding cache {self.path} is damaged ({error}); starting a new one.")
        )
        for suffix in ("", "-wal", "-shm"):
            with contextlib.suppress(OSError):
                Path(f"{self.path}{suffix}").unlink()

    def get(self, model: str, texts: list[str], dimension: int | None) -> dict[int, bytes]:
        """Cached vectors (raw float32 bytes) by position in `texts`."""
        connection = self._connect()
        if connection is None or not texts:
            return {}
        keys = [_key(text) for text in texts]
        found: dict[str, bytes] = {}
        stale: list[str] = []  # found, but last used before today
        today = _today()
        try:
            for start in range(0, len(keys), 500):  # SQLite's bound-parameter limit
                chunk = keys[start : start + 500]
                marks = ",".join("?" * len(chunk))
                rows = connection.execute(
                    f"SELECT key, vector, used FROM vectors WHERE model = ? AND key IN ({marks})",
                    [model, *chunk],
                ).fetchall()
                found.update((key, vector) for key, vector, _ in rows)
                stale += [key for key, _, used in rows if used < today]
        except sqlite3.Error as error:
            if is_damage(error):
                self.close()
                self._set_aside(error)
            else:
                self._give_up(error)
            return {}
        if stale:
            self._touch(connection, model, stale, today)
        result = {}
        for position, key in enumerate(keys):
            blob = found.get(key)
            if blob is not None and (dimension is None or len(blob) == dimension * 4):
                result[position] = blob
        return _finite(result)

    def put(self, model: str, texts: list[str], vectors: np.ndarray) -> None:
        connection = self._connect()
        if connection is None or not texts:
            return
        today = _today()
        rows = [
            (model, _key(text), vector.astype("<f4").tobytes(), today)
            for text, vector in zip(texts, vectors, strict=True)
        ]
        try:
            connection.execute("BEGIN IMMEDIATE")
            connection.executemany(
                "INSERT OR REPLACE INTO vectors (model, key, vector, used) VALUES (?, ?, ?, ?)",
                rows,
            )
            connection.execute("COMMIT")
        except sqlite3.Error as error:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")
            self._give_up(error)
            return
        self._prune(connection, today)

    def _touch(
        self, connection: sqlite3.Connection, model: str, keys: list[str], today: int
    ) -> None:
        """Mark vectors as used today. Best effort: a busy or read-only cache still serves."""
        try:
            connection.execute("BEGIN IMMEDIATE")
            for start in range(0, len(keys), 500):
                chunk = keys[start : start + 500]
                connection.execute(
                    f"UPDATE vectors SET used = ? WHERE model = ? AND key IN "
                    f"({','.join('?' * len(chunk))})",
                    [today, model, *chunk],
                )
            connection.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")

    def _prune(self, connection: sqlite3.Connection, today: int) -> None:
        """Once a day: drop vectors unused for KEEP_DAYS, then the least recently used beyond
        MAX_ENTRIES. The file keeps its size; SQLite reuses the freed pages."""
        try:
            connection.execute("BEGIN IMMEDIATE")
            done = connection.execute(
                "SELECT day FROM housekeeping WHERE task = 'prune'"
            ).fetchone()
            if done is None or done[0] < today:
                connection.execute("DELETE FROM vectors WHERE used < ?", [today - KEEP_DAYS])
                excess = (
                    connection.execute("SELECT count(*) FROM vectors").fetchone()[0] - MAX_ENTRIES
                )
                if excess > 0:
                    connection.execute(
                        "DELETE FROM vectors WHERE (model, key) IN (SELECT model, "
                        "key FROM vectors ORDER BY used LIMIT ?)",
                        [excess],
                    )
                connection.execute(
                    "INSERT OR REPLACE INTO housekeeping VALUES ('prune', ?)", [today]
                )
            connection.execute("COMMIT")
        except sqlite3.Error:
            with contextlib.suppress(sqlite3.Error):
                connection.execute("ROLLBACK")

    def entries(self) -> int:
        """How many vectors the cache holds; opened read-only, so looking never changes it.

        Raises:
            sqlite3.Error: the file is damaged, busy or unreadable.
        """
        if not self.path.is_file():
            return 0
        connection = sqlite3.connect(
            f"{self.path.resolve().as_uri()}?mode=ro", uri=True, timeout=BUSY_TIMEOUT
        )
        try:
            return connection.execute("SELECT count(*) FROM vectors").fetchone()[0]
        finally:
            connection.close()

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _finite(blobs: dict[int, bytes]) -> dict[int, bytes]:
    """The vectors without NaN or infinity (a disk error, a bad model run): those count as
    missing and are embedded again."""
    if not blobs:
        return blobs
    import numpy as np

    return {
        position: blob
        for position, blob in blobs.items()
        if len(blob) % 4 == 0 and np.isfinite(np.frombuffer(blob, dtype="<f4")).all()
    }


def _key(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


class CachedEmbedder:
    """Wraps an embedder: texts seen before come from the cache, and the model itself is only
    loaded when there is something new to embed."""

    def __init__(
        self,
        name: str,
        identity: str,
        load: Callable[[], Embedder],
        cache: EmbeddingCache,
        progress: Progress = silent,
    ) -> None:
        self.name = name
        self.progress = progress
        self.identity = identity
        self._load = load
        self._inner: Embedder | None = None
        self._background: threading.Thread | None = None
        self._background_error: BaseException | None = None
        self._prefetched: dict[str, np.ndarray] = {}  # embedded ahead by prepare()
        self.cache = cache
        self.dimension: int | None = None

    @property
    def inner(self) -> Embedder:
        self._wait_for_background()
        if self._inner is None:
            self._inner = self._load()
        return self._inner

    def prepare(self, texts: list[str]) -> None:
        """Start embedding, in the background, those of `texts` that are not cached (loading
        the model first if need be), so that work overlaps with the CPU work the caller does
        before its first encode: onnxruntime lets go of the GIL while it runs."""
        self._wait_for_background()
        cached = self.cache.get(self.identity, texts, self.dimension)
        missing = list(dict.fromkeys(text for i, text in enumerate(texts) if i not in cached))
        if not missing:
            return

        def embed_ahead() -> None:
            try:
                if self._inner is None:
                    self._inner = self._load()
                self._prefetched = self._embed_reporting(self._inner, missing)
            except BaseException as error:  # re-raised where the vectors are first needed
                self._background_error = error

        self._background = threading.Thread(
            target=embed_ahead, name="tailor-embed-ahead", daemon=True
        )
        self._background.start()

    def _embed_reporting(self, inner: Embedder, texts: list[str]) -> dict[str, np.ndarray]:
        """Embed `texts`; when that takes more than a second or so (a long posting, a new
        résumé), in parts, with a Step after each for the progress bar."""
        if len(texts) < REPORT_FROM:
            return dict(zip(texts, inner.encode(texts), strict=True))
        # Longest first, as the embedder batches them anyway: parts pad no more than the whole.
        texts = sorted(texts, key=len, reverse=True)
        label = f"Embedding {len(texts)} new texts"
        vectors: dict[str, np.ndarray] = {}
        self.progress(Step(label, 0, len(texts)))
        for start in range(0, len(texts), REPORT_EVERY):
            part = texts[start : start + REPORT_EVERY]
            vectors.update(zip(part, inner.encode(part), strict=True))
            self.progress(Step(label, len(vectors), len(texts)))
        return vectors

    def _wait_for_background(self) -> None:
        if self._background is None:
            return
        self._background.join()
        self._background = None
        error, self._background_error = self._background_error, None
        if error is not None:
            raise error
        if self._prefetched:  # saved here: a SQLite connection belongs to its thread
            import numpy as np

            texts = list(self._prefetched)
            vectors = np.stack([self._prefetched[text] for text in texts])
            self.dimension = vectors.shape[1]
            self.cache.put(self.identity, texts, vectors)

    def encode(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        self._wait_for_background()
        unique = list(dict.fromkeys(texts))
        if len(unique) < len(texts):  # a long posting repeats itself: embed each line once
            vectors = self.encode(unique)
            position = {text: i for i, text in enumerate(unique)}
            return vectors[[position[text] for text in texts]]
        ahead = [i for i, text in enumerate(texts) if text in self._prefetched]
        if not ahead:
            return self._lookup_or_embed(texts)
        rest = [i for i, text in enumerate(texts) if text not in self._prefetched]
        found = np.stack([self._prefetched[texts[i]] for i in ahead])
        vectors = np.zeros((len(texts), found.shape[1]), dtype=np.float32)
        vectors[ahead] = found
        if rest:
            vectors[rest] = self._lookup_or_embed([texts[i] for i in rest])
        return vectors

    def _lookup_or_embed(self, texts: list[str]) -> np.ndarray:
        import numpy as np

        cached = {
            i: blob
            for i, blob in self.cache.get(self.identity, texts, self.dimension).items()
            if blob and len(blob) % 4 == 0
        }
        if self.dimension is None and cached:
            # All vectors of one model share a size; a blob of another size is damage.
            usual = Counter(len(blob) for blob in cached.values()).most_common(1)[0][0]
            cached = {i: blob for i, blob in cached.items() if len(blob) == usual}
        missing = [i for i in range(len(texts)) if i not in cached]
        fresh = self.inner.encode([texts[i] for i in missing]) if missing else None
        if (
            fresh is not None and cached and len(next(iter(cached.values()))) != fresh.shape[1] * 4
        ):  # the cached vectors were damage after all
            cached, missing = {}, list(range(len(texts)))
            fresh = self.inner.encode(texts)
        if fresh is not None:
            self.cache.put(self.identity, [texts[i] for i in missing], fresh)
        if cached or fresh is not None:
            self.dimension = (
                fresh.shape[1] if fresh is not None else len(next(iter(cached.values()))) // 4
            )
        vectors = np.zeros((len(texts), self.dimension or 0), dtype=np.float32)
        for position, blob in cached.items():
            vectors[position] = np.frombuffer(blob, dtype="<f4")
        if fresh is not None:
            vectors[missing] = fresh
        return vectors


def clear(cache_dir: Path) -> int:
    """Delete what tailor made in `cache_dir`, and nothing else: its embedding database and
    the ONNX export folders it recognises by their settings.json. Returns the bytes freed.

    Raises:
        OSError: something could not be deleted (a read-only cache).
    """
    import shutil

    from tailor.onnx_backend import is_export_folder

    freed = 0
    for path in [cache_dir / f"{DATABASE}{suffix}" for suffix in ("", "-wal", "-shm")]:
        if path.is_file():
            freed += path.stat().st_size
            path.unlink()
    exports = cache_dir / "onnx"
    if exports.is_dir():
        for folder in exports.iterdir():
            if folder.is_dir() and not folder.is_symlink() and is_export_folder(folder):
                freed += sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
                shutil.rmtree(folder)
        with contextlib.suppress(OSError):
            exports.rmdir()  # only when nothing else is left in it
    return freed
