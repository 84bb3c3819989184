"""The user's files: read with a bound, checked before any work, written atomically, all of a
run's outputs together (OutputSet).

The rules, for every command: tailor never writes over a file it read in this run, never writes
two outputs of one run to the same path, and never replaces a file it did not write unless
--force. Every input is read with a size bound that does not trust the file's reported size.
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import BinaryIO

from tailor.errors import UserError

# The <Application> tailor writes into a DOCX's docProps/app.xml: how it knows its own files.
APPLICATION = "tailor"


def read_bounded(
    path: Path,
    limit: int,
    what: str,
    *,
    missing_hint: str | None = None,
    too_large_hint: str | None = None,
) -> bytes:
    """The bytes of `path`, at most `limit` of them.

    Why not st_size: a device (/dev/zero), a FIFO or a /proc file reports 0 and never ends.

    Raises:
        UserError: missing, a folder, unreadable, or more than `limit` bytes.
    """
    try:
        if path.is_dir():
            raise UserError(f"{path}: is a directory, not {what}.")
        with path.open("rb") as stream:
            return read_stream(stream, limit, str(path), what, too_large_hint)
    except FileNotFoundError:
        raise UserError(f"{path}: no such file.", missing_hint) from None
    except IsADirectoryError:
        raise UserError(f"{path}: is a directory, not {what}.") from None
    except OSError as error:
        raise UserError(f"{path}: cannot be read ({error.strerror or error}).") from None


def read_stream(
    stream: BinaryIO, limit: int, name: str, what: str, too_large_hint: str | None = None
) -> bytes:
    """At most `limit` bytes of an open stream (stdin, a pipe), or a UserError naming it."""
    data = stream.read(limit + 1)
    if len(data) > limit:
        raise UserError(
            f"{name}: more than {limit:,} bytes is too large for {what}.", too_large_hint
        )
    return data


def utf16_encoding(raw: bytes) -> str | None:
    """How to decode `raw` if it is UTF-16 text: "utf-16" with a byte-order mark, "utf-16-le"
    or "utf-16-be" without one (Windows tools save it so), told by its zero bytes, which in
    UTF-16 fall on one side of every character (the high byte of a Latin letter, a space, a
    line end); None for anything else. Bytes with zeros on both sides are not text."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = raw[:4096]
    sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    try:
        sample.decode("utf-8")
        utf8 = True
    except UnicodeDecodeError as error:
        utf8 = error.start >= len(sample) - 3
    if utf8 and sample.count(0) < len(sample) * 0.3:
        return None  # UTF-8 with a few stray zero bytes (a PDF copy leaves them)
    for encoding, high in (("utf-16-le", sample[1::2]), ("utf-16-be", sample[0::2])):
        low = sample[0::2] if encoding == "utf-16-le" else sample[1::2]
        if high.count(0) >= len(high) / 10 and low.count(0) <= len(low) / 100:
            try:
                text = sample.decode(encoding)
            except UnicodeDecodeError as error:  # a character cut at the sample's end is fine
                if error.start < len(sample) - 2:
                    continue
                text = sample[: error.start].decode(encoding)
            controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\x0c")
            if controls <= len(text) / 100:
                return encoding
    return None


def made_by_tailor(path: Path) -> bool:
    """Whether tailor wrote this file, so a new run may replace it without --force: a DOCX
    that names tailor as its application, the PDF LibreOffice made beside one, or an HTML
    report whose head names tailor as its generator."""
    suffix = path.suffix.lower()
    try:
        if suffix == ".docx":
            with zipfile.ZipFile(path) as archive:
                info = archive.getinfo("docProps/app.xml")
                if info.file_size > 100_000:
                    return False
                return f"<Application>{APPLICATION}</Application>".encode() in archive.read(info)
        if suffix == ".html":  # a report or jobs.html: its head names tailor as generator
            with path.open("rb") as stream:
                head = stream.read(4096)
            return f'<meta name="generator" content="{APPLICATION}">'.encode() in head
        if suffix == ".pdf":  # its own proof: a DOCX tailor wrote beside it proves nothing
            with path.open("rb") as stream:
                head = stream.read(8)
                stream.seek(max(0, path.stat().st_size - 4096))
                tail = stream.read(4096)
            return head.startswith(b"%PDF") and _PDF_MARK in tail
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return False
    return False


# The entry tailor adds to a PDF's document information: how it knows its own PDFs.
_PDF_MARK = f"/Generator ({APPLICATION})".encode()
_PDF_END = re.compile(
    rb"trailer\s*<<(?P<trailer>(?:(?!trailer).)*?)>>\s*"
    rb"startxref\s+(?P<xref>\d+)\s+%%EOF\s*\Z",
    re.DOTALL,
)


def sign_pdf(pdf: bytes) -> bytes:
    """The PDF with tailor named in its document information (made_by_tailor's proof), by an
    incremental update: the bytes LibreOffice wrote stay as they are, a new version of the
    information dictionary and its cross-reference section follow them, as PDF allows.

    A PDF not shaped as expected (no classic trailer, no information dictionary) is returned
    unchanged: a later run then asks for --force instead of replacing it unasked."""
    end = _PDF_END.search(pdf[-4096:])
    if not end:
        return pdf
    trailer = end["trailer"]
    info = re.search(rb"/Info\s+(\d+)\s+(\d+)\s+R", trailer)
    size = re.search(rb"/Size\s+(\d+)", trailer)
    root = re.search(rb"/Root\s+\d+\s+\d+\s+R", trailer)
    if not (info and size and root):
        return pdf
    number, generation = int(info[1]), int(info[2])
    found = list(
        re.finditer(
            rb"(?<![0-9])%d\s+%d\s+obj\s*<<(.*?)>>\s*endobj" % (number, generation), pdf, re.DOTALL
        )
    )
    if not found or b"<<" in found[-1][1]:
        return pdf
    ids = re.search(rb"/ID\s*\[[^\]]*\]", trailer)
    body = b"\n%d %d obj\n<<%s%s>>\nendobj\n" % (
        number,
        generation,
        found[-1][1].rstrip(),
        _PDF_MARK,
    )
    offset = len(pdf) + 1  # after the newline that opens `body`
    xref = len(pdf) + len(body)
    return (
        pdf
        + body
        + (
            b"xref\n%d 1\n%010d %05d n \ntrailer\n<</Size %s/%s/Info %d %d R/Prev %s%s>>\n"
            b"startxref\n%d\n%%%%EOF\n"
            % (
                number,
                offset,
                generation,
                size[1],
                root[0][1:],
                number,
                generation,
                end["xref"],
                ids[0] if ids else b"",
                xref,
            )
        )
    )


@dataclass
class Outputs:
    """Where each source's output goes, and what was renamed to keep them apart."""

    paths: dict[str, Path]
    notes: list[str] = field(default_factory=list)


def distinct_outputs(wanted: dict[str, Path]) -> Outputs:
    """Give every source its own output: two that would share a path (two `job.txt` from
    different folders into one -o folder) get their folders' names in front, `a-job-resume.docx`,
    and a note says so."""
    groups: dict[Path, list[str]] = {}
    for source, target in wanted.items():
        groups.setdefault(target, []).append(source)
    paths = dict(wanted)
    notes = []
    taken = set(wanted.values())
    for target, sources in groups.items():
        if len(sources) < 2:
            continue
        renamed = []
        for source in sources:
            parents = [part for part in Path(source).resolve().parent.parts[::-1] if part != "/"]
            new = target
            for depth in range(1, len(parents) + 1):
                new = target.with_name("-".join(parents[:depth][::-1]) + f"-{target.name}")
                if new not in taken:
                    break
            number = 2
            while new in taken:
                new = target.with_name(f"{target.stem}-{number}{target.suffix}")
                number += 1
            taken.add(new)
            paths[source] = new
            renamed.append(str(new))
        notes.append(
            f"{' and '.join(sources)} would both write {target}: writing "
            f"{' and '.join(renamed)} instead."
        )
    return Outputs(paths, notes)


def check_output_path(
    target: Path,
    inputs: list[Path],
    suffixes: tuple[str, ...] = (".docx",),
    *,
    force: bool = False,
    what: str = "file",
) -> None:
    """Refuse an output path before any work: wrong extension, a folder, a missing folder, an
    input file (whatever `force` says) or, unless `force`, an existing file tailor did not
    write."""
    if target.suffix.lower() not in suffixes:
        raise UserError(
            f"{target}: the output must be a {' or '.join(suffixes)} {what}.",
            f"Choose a name ending in {suffixes[0]} with -o.",
        )
    if target.is_dir():
        raise UserError(f"{target}: is a directory; give a file name ending in {suffixes[0]}.")
    folder = target.parent
    if not folder.is_dir():
        raise UserError(
            f"cannot write {target}: the folder {folder} does not exist.",
            "Create it first, or choose another path with -o.",
        )
    if not target.exists():
        return
    for path in inputs:
        if path.exists() and os.path.samefile(target, path):
            raise UserError(
                f"{target}: refusing to overwrite an input file.", "Choose another output with -o."
            )
    if not force and not made_by_tailor(target):
        raise UserError(
            f"{target}: already exists and tailor did not write it; refusing to replace it.",
            "Choose another name with -o, or pass --force to replace it.",
        )


def _default_mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _short(name: str, limit: int = 200) -> str:
    """The name cut to at most `limit` bytes (whole characters): a temporary named after a
    255-byte output would itself be too long for the file system."""
    name = name[:limit]
    while len(os.fsencode(name)) > limit:
        name = name[:-1]
    return name


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename: a crash or Ctrl-C never
    leaves a half-written file, nor destroys the previous one.

    Raises:
        UserError: the folder is missing or not writable, or the file is locked.
    """
    with OutputSet() as outputs:
        outputs.stage(path, data)
        outputs.commit()


# How long a run waits for another that is moving its outputs into the same folder (a matter
# of milliseconds, unless that run is stuck) before it gives up, writing nothing.
LOCK_WAIT_SECONDS = 10.0


class OutputSet:
    """All the files of one run, written together: each to a temporary file beside its target
    first, and moved into place only once every one of them was written. A full disk or a
    failed write part-way leaves every previous file as it was; and the moves happen under a
    lock on the folders, so two runs writing the same outputs at once leave the set of one of
    them, never a DOCX of one job beside the PDF of another.

    Use as a context manager: whatever was staged and not committed is removed on the way out.
    """

    def __init__(self) -> None:
        self.staged: list[tuple[Path, Path]] = []  # (temporary, target)

    def __enter__(self) -> OutputSet:
        return self

    def __exit__(self, *exc: object) -> None:
        self.discard()

    def stage(self, path: Path, data: bytes) -> None:
        """Write `data` to a temporary file beside `path`; `commit` moves it into place.

        Raises:
            UserError: the folder is missing or not writable, or the disk is full.
        """
        self.staged.append((_write_temporary(path, data), path))

    def commit(self) -> list[Path]:
        """Move every staged file into place, holding the folders' lock; returns the paths.

        Raises:
            UserError: another run holds the lock for longer than LOCK_WAIT_SECONDS, or a
                target cannot be replaced (nothing is moved then if it was the first).
        """
        targets = [target for _, target in self.staged]
        with lock_folders({_folder_of(target) for target in targets}):
            while self.staged:
                temporary, target = self.staged[0]
                try:
                    os.replace(temporary, target)
                except OSError as error:
                    raise _cannot_write(target, error) from None
                self.staged.pop(0)
        return targets

    def discard(self) -> None:
        for temporary, _ in self.staged:
            Path(temporary).unlink(missing_ok=True)
        self.staged = []


def _folder_of(path: Path) -> Path:
    return path.parent if str(path.parent) else Path(".")


def _cannot_write(path: Path, error: OSError) -> UserError:
    if isinstance(error, PermissionError):
        return UserError(
            f"cannot write {path}: permission denied.",
            "Is the file open in Word, or the folder read-only? Close it, or "
            "choose another path with -o.",
        )
    return UserError(f"cannot write {path}: {error.strerror or error}.")


def _write_temporary(path: Path, data: bytes) -> Path:
    """`data` in a new temporary file in `path`'s folder, flushed to disk; its path."""
    folder = _folder_of(path)
    if not folder.is_dir():
        raise UserError(
            f"cannot write {path}: the folder {folder} does not exist.",
            "Create it first, or choose another path with -o.",
        )
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(
            dir=folder, prefix=f".{_short(path.name)}.", suffix=".tmp"
        )
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(temporary, _default_mode(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        written, temporary = Path(temporary), None
        return written
    except OSError as error:
        raise _cannot_write(path, error) from None
    finally:
        if temporary:
            Path(temporary).unlink(missing_ok=True)


def shown_from(path: str | Path, folder: Path) -> str:
    """`path` as a file written in `folder` names it: relative, so that a report shared or kept
    never tells where its author keeps files (their home folder). "-" (stdin) stays "-"."""
    if str(path) == "-":
        return "-"
    try:
        return os.path.relpath(Path(path).resolve(), folder.resolve())
    except ValueError:  # another drive (Windows): no relative path exists
        return Path(path).name


@contextlib.contextmanager
def lock_folders(folders: set[Path]) -> Iterator[None]:
    """Hold an exclusive lock on each folder (in one order, so two runs cannot deadlock) while
    a run moves its outputs into them. The lock is the folder's own (flock on it): no lock file
    is left behind. Where the system has no flock (Windows), nothing is locked.

    Raises:
        UserError: another run held a folder's lock for LOCK_WAIT_SECONDS.
    """
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    import time

    held: list[int] = []
    try:
        for folder in sorted(folders, key=lambda f: str(f.resolve())):
            try:
                descriptor = os.open(folder, os.O_RDONLY)
            except OSError:  # a folder one may write but not list: the moves go unlocked
                continue
            held.append(descriptor)
            deadline = time.monotonic() + LOCK_WAIT_SECONDS
            while True:
                try:
                    fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() > deadline:
                        raise UserError(
                            f"{folder}: another tailor run is writing its outputs there and "
                            "has not finished; nothing was written.",
                            "Run again once it has finished, or choose another path with -o.",
                        ) from None
                    time.sleep(0.05)
        yield
    finally:
        for descriptor in held:
            os.close(descriptor)  # closing releases the lock
