"""Writing the user's files: checked before any work, written atomically, never over an input."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from tailor.errors import UserError


def check_output_path(target: Path, inputs: list[Path], suffixes: tuple[str, ...] = (".docx",),
                      *, force: bool = True, what: str = "file") -> None:
    """Refuse an output path before any work: wrong extension, a folder, a missing folder, an
    input file (whatever `force` says) or, unless `force`, any existing file."""
    if target.suffix.lower() not in suffixes:
        raise UserError(f"{target}: the output must be a {' or '.join(suffixes)} {what}.",
                        f"Choose a name ending in {suffixes[0]} with -o.")
    if target.is_dir():
        raise UserError(f"{target}: is a directory; give a file name ending in {suffixes[0]}.")
    folder = target.parent
    if not folder.is_dir():
        raise UserError(f"cannot write {target}: the folder {folder} does not exist.",
                        "Create it first, or choose another path with -o.")
    if not target.exists():
        return
    for path in inputs:
        if path.exists() and os.path.samefile(target, path):
            raise UserError(f"{target}: refusing to overwrite an input file.",
                            "Choose another output with -o.")
    if not force:
        raise UserError(f"{target}: already exists; refusing to overwrite it.",
                        "Choose another name with -o, or pass --force to replace it.")


def _default_mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename: a crash or Ctrl-C never
    leaves a half-written file, nor destroys the previous one.

    Raises:
        UserError: the folder is missing or not writable, or the file is locked.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"cannot write {path}: the folder {folder} does not exist.",
                        "Create it first, or choose another path with -o.")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(temporary, _default_mode(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
    except PermissionError:
        raise UserError(f"cannot write {path}: permission denied.",
                        "Is the file open in Word, or the folder read-only? Close it, or choose "
                        "another path with -o.") from None
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}.") from None
    finally:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
