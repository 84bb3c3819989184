"""Output paths are checked before any work, and files are written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tailor.errors import UserError
from tailor.files import check_output_path, write_file_atomically


def test_an_output_path_must_have_the_right_extension(tmp_path: Path):
    with pytest.raises(UserError, match=r"the output must be a \.docx file"):
        check_output_path(tmp_path / "out.pdf", [])
    with pytest.raises(UserError, match=r"must be a \.yaml or \.yml resume"):
        check_output_path(tmp_path / "out.json", [], (".yaml", ".yml"), what="resume")
    check_output_path(tmp_path / "out.YML", [], (".yaml", ".yml"))


def test_an_output_path_that_is_a_folder_or_in_a_missing_one(tmp_path: Path):
    (tmp_path / "a.docx").mkdir()
    with pytest.raises(UserError, match="is a directory"):
        check_output_path(tmp_path / "a.docx", [])
    with pytest.raises(UserError, match="does not exist"):
        check_output_path(tmp_path / "missing" / "out.docx", [])


def test_an_input_is_never_an_output_and_force_decides_for_other_files(tmp_path: Path):
    existing = tmp_path / "old.docx"
    existing.write_bytes(b"x")
    with pytest.raises(UserError, match="refusing to overwrite an input file"):
        check_output_path(existing, [tmp_path / "job.txt", existing])
    with pytest.raises(UserError, match="--force"):  # a file tailor did not write
        check_output_path(existing, [tmp_path / "job.txt"])
    check_output_path(existing, [tmp_path / "job.txt"], force=True)
    with pytest.raises(UserError, match="refusing to overwrite an input file"):
        check_output_path(existing, [existing], force=True)  # not even with --force


def test_a_new_file_gets_the_usual_permissions_and_a_replaced_one_keeps_its_own(tmp_path: Path):
    umask = os.umask(0o022)
    try:
        write_file_atomically(tmp_path / "new.docx", b"new")
    finally:
        os.umask(umask)
    assert (tmp_path / "new.docx").stat().st_mode & 0o777 == 0o644
    private = tmp_path / "private.docx"
    private.write_bytes(b"old")
    private.chmod(0o600)
    write_file_atomically(private, b"replaced")
    assert private.read_bytes() == b"replaced" and private.stat().st_mode & 0o777 == 0o600


def test_a_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")

    def disk_full(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(UserError, match=r"cannot write .*No space left on device"):
        write_file_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]
