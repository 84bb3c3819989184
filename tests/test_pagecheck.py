"""The page count proven by LibreOffice, and clear messages where it cannot run."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tailor.pagecheck
from tailor.errors import UserError
from tailor.layout import fit_page
from tailor.pagecheck import check_docx, check_pdf, docx_to_pdf
from tailor.render import render_docx


def test_without_libreoffice_the_message_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(tailor.pagecheck, "find_soffice", lambda: None)
    with pytest.raises(UserError, match=r"LibreOffice .* is not installed") as caught:
        docx_to_pdf(b"PK")
    assert "apt-get install libreoffice-writer-nogui" in str(caught.value)


def test_pages_are_counted_from_the_pdf_itself_without_poppler(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(tailor.pagecheck.shutil, "which", lambda name: None)
    pdf = (
        b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n"
        b"2 0 obj << /Type /Page /Parent 1 0 R >> endobj\n"
        b"3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n%%EOF\n"
    )
    check = check_pdf(pdf)
    assert check.pages == 2 and check.bottom is None and check.pdf == pdf


STAND_IN_SOFFICE = """#!/bin/sh
# LibreOffice as far as this test needs: a temporary file of its own, then a long conversion.
touch "${TMPDIR:-/tmp}/lu1234.tmp"
touch "$READY"
sleep 30
"""

STOPPED_RUN = """
import sys
import tailor.pagecheck
from tailor.cli import handle_user_errors, stop_on_termination

tailor.pagecheck.find_soffice = lambda: sys.argv[1]
stop_on_termination()  # as tailor's main() does
try:
    handle_user_errors(lambda: tailor.pagecheck.docx_to_pdf(b"PK"))
except SystemExit:
    raise
except Exception as stop:  # typer.Exit, outside an app
    sys.exit(stop.exit_code)
"""


def test_libreoffice_keeps_its_temporary_files_in_tailors_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Not in the user's TMPDIR: there they outlived the run, and a read-only TMPDIR (which
    Python's tempfile quietly skips) failed the conversion with LibreOffice's "store" error."""
    soffice = tmp_path / "soffice"
    soffice.write_text(
        '#!/bin/sh\nfor last; do :; done\nout="$(dirname "$last")/out"\n'
        'mkdir -p "$out"; printf %s "$TMPDIR" > "$out/resume.pdf"\n'
    )
    soffice.chmod(0o755)
    monkeypatch.setattr(tailor.pagecheck, "find_soffice", lambda: str(soffice))
    monkeypatch.setenv("TMPDIR", str(tmp_path / "read-only"))
    used = Path(docx_to_pdf(b"PK").decode())
    assert used.parent.name.startswith("tailor-pdf-") and not used.parent.exists()


@pytest.mark.parametrize("signal_name", ["SIGTERM", "SIGHUP"])
def test_a_terminated_run_leaves_nothing_in_the_temporary_folder(signal_name: str, tmp_path: Path):
    """kill, or a closed terminal, during LibreOffice: its lu*.tmp and tailor's tailor-pdf-*
    folder once stayed in TMPDIR."""
    soffice = tmp_path / "soffice"
    soffice.write_text(STAND_IN_SOFFICE)
    soffice.chmod(0o755)
    temporary, ready = tmp_path / "tmp", tmp_path / "ready"
    temporary.mkdir()
    process = subprocess.Popen(
        [sys.executable, "-c", STOPPED_RUN, str(soffice)],
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "TMPDIR": str(temporary), "READY": str(ready)},
    )
    deadline = time.monotonic() + 30
    while not ready.exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert ready.exists(), "the stand-in LibreOffice never started"
    process.send_signal(getattr(signal, signal_name))
    _, stderr = process.communicate(timeout=30)
    assert process.returncode == 130 and "interrupted; nothing was written" in stderr
    assert list(temporary.iterdir()) == []


@pytest.mark.slow
def test_a_fitted_page_is_one_page_in_libreoffice(resume, soffice: str):
    page = fit_page(resume, [b.id for b in resume.bullets()])
    check = check_docx(render_docx(page, "Ines Moreau", "résumé"))
    assert check.pages == 1
    assert check.bottom is not None and 0.5 < check.bottom <= 1.0
    assert check.pdf.startswith(b"%PDF")
