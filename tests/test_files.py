"""Output paths are checked before any work, and files are written whole or not at all."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tailor.errors import UserError
from tailor.files import check_output_path, made_by_tailor, sign_pdf, write_file_atomically


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


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")

    def disk_full(source, destination):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", disk_full)
    with pytest.raises(UserError, match=r"cannot write .*No space left on device"):
        write_file_atomically(target, b"new")
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


@pytest.mark.parametrize("name", ["a" * 250 + ".docx", "é" * 125 + ".docx", "b.docx"])
def test_a_name_as_long_as_the_file_system_allows_is_written(tmp_path: Path, name: str):
    """Issue 21, item 21: names of 241–255 bytes failed ("File name too long"): the temporary
    beside them, named after them, was longer still."""
    assert len(os.fsencode(name)) <= 255
    write_file_atomically(tmp_path / name, b"data")
    assert os.listdir(tmp_path) == [name]
    assert (tmp_path / name).read_bytes() == b"data"


def hand_made_pdf(title: str = "My CV") -> bytes:
    """A small, valid PDF with a classic cross-reference table, as many tools write."""
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 612 792]>>",
        b"<</Title(%s)/Producer(Hand)>>" % title.encode(),
    ]
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n" + b"".join(
        b"%010d 00000 n \n" % offset for offset in offsets
    )
    return out + b"trailer\n<</Size 5/Root 1 0 R/Info 4 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref


def test_a_pdf_is_tailors_only_by_its_own_mark_not_by_the_docx_beside_it(tmp_path: Path):
    """Issue 21, item 5: the DOCX beside a PDF proves nothing about the PDF."""
    from tailor.layout import full_page
    from tailor.render import render_docx
    from tailor.resume_yaml import parse_resume

    from .conftest import RESUME

    docx = render_docx(full_page(parse_resume(RESUME.read_text())), "Ada", "CV")
    (tmp_path / "resume.docx").write_bytes(docx)
    (tmp_path / "resume.pdf").write_bytes(hand_made_pdf())
    assert made_by_tailor(tmp_path / "resume.docx")
    assert not made_by_tailor(tmp_path / "resume.pdf")
    with pytest.raises(UserError, match="tailor did not write it"):
        check_output_path(tmp_path / "resume.pdf", [], (".pdf",))
    (tmp_path / "resume.pdf").write_bytes(sign_pdf(hand_made_pdf()))
    assert made_by_tailor(tmp_path / "resume.pdf")
    (tmp_path / "resume.docx").unlink()  # the PDF's own mark is enough
    assert made_by_tailor(tmp_path / "resume.pdf")


def test_signing_a_pdf_appends_an_update_and_keeps_the_original_bytes():
    original = hand_made_pdf("Ada (CV)")
    signed = sign_pdf(original)
    assert signed.startswith(original)
    update = signed[len(original) :]
    assert b"/Generator (tailor)" in update and b"/Prev " in update and b"/Root 1 0 R" in update
    # The new cross-reference entry points at the new information dictionary.
    offset = int(update.split(b"xref\n4 1\n")[1][:10])
    assert signed[offset:].startswith(b"4 0 obj\n<</Title(Ada (CV))/Producer(Hand)/Generator")
    assert sign_pdf(b"%PDF-1.7 not really") == b"%PDF-1.7 not really"  # left as it is


@pytest.mark.slow
def test_the_pdf_libreoffice_makes_is_signed_and_still_reads(tmp_path: Path, soffice: str):
    import subprocess

    from tailor.layout import full_page
    from tailor.pipeline import render_page
    from tailor.resume_yaml import parse_resume

    from .conftest import RESUME

    rendered = render_page(full_page(parse_resume(RESUME.read_text())), "Ada", "CV", make_pdf=True)
    (tmp_path / "resume.pdf").write_bytes(rendered.pdf)
    assert made_by_tailor(tmp_path / "resume.pdf")
    info = subprocess.run(
        ["pdfinfo", "-custom", str(tmp_path / "resume.pdf")],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "Generator:" in info.stdout and "tailor" in info.stdout and not info.stderr
    assert rendered.pages >= 1


@pytest.mark.parametrize(
    ("raw", "encoding"),
    [
        ("Data Engineer\nBuild pipelines, café.\n".encode("utf-16-le"), "utf-16-le"),
        ("Data Engineer\nBuild pipelines, café.\n".encode("utf-16-be"), "utf-16-be"),
        ("Data Engineer\n".encode("utf-16"), "utf-16"),  # with its byte-order mark
        ("データエンジニア\n- Python と SQL\n".encode("utf-16-le"), "utf-16-le"),
        (b"Data Engineer\nBuild\x00 pipelines\x00 well.\n", None),  # UTF-8, stray zero bytes
        (b"Data Engineer\n", None),
        (__import__("random").Random(3).randbytes(4000), None),
        (bytes(range(256)) * 8, None),  # zero bytes on both sides: binary
    ],
)
def test_utf16_is_told_by_its_zero_bytes_with_or_without_a_byte_order_mark(
    raw: bytes, encoding: str | None
):
    from tailor.files import utf16_encoding

    assert utf16_encoding(raw) == encoding
