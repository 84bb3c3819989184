"""Proof of the page count: render the DOCX with LibreOffice and read the PDF back.

Why a private profile and a process group: soffice hands work to any running instance on the
same profile and exits 0 even when it fails, and its real worker (soffice.bin) outlives a killed
parent. Each call therefore gets a fresh profile, checks that the PDF exists, and kills the whole
group on timeout.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from tailor.errors import UserError

INSTALL_HINT = (
    "Install LibreOffice: apt-get install libreoffice-writer-nogui "
    "fonts-crosextra-carlito poppler-utils (Debian/Ubuntu), or the LibreOffice app."
)


@dataclass(frozen=True, slots=True)
class PdfCheck:
    pdf: bytes
    pages: int
    bottom: float | None  # lowest text on page 1, as a fraction of the page height


def find_soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def docx_to_pdf(docx: bytes, timeout: float = 120) -> bytes:
    """Convert DOCX bytes to PDF bytes with headless LibreOffice.

    Raises:
        UserError: LibreOffice is missing, fails or times out.
    """
    soffice = find_soffice()
    if not soffice:
        raise UserError(
            "LibreOffice (soffice) is not installed, so no PDF can be made.", INSTALL_HINT
        )
    with tempfile.TemporaryDirectory(prefix="tailor-pdf-") as folder:
        work = Path(folder)
        source = work / "resume.docx"
        source.write_bytes(docx)
        # LibreOffice's own temporary files (lu*.tmp) go in this folder too, so they leave
        # with it, and a TMPDIR it cannot write (Python's tempfile quietly falls back to
        # /tmp; LibreOffice fails with a "store" error) never reaches it.
        (work / "tmp").mkdir()
        command = [
            soffice,
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nologo",
            "--convert-to",
            "pdf",
            "--outdir",
            str(work / "out"),
            str(source),
        ]
        environment = {
            **os.environ,
            "TMPDIR": str(work / "tmp"),
            "TMP": str(work / "tmp"),
            "TEMP": str(work / "tmp"),
        }
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
            text=True,
            env=environment,
        )
        try:
            log, _ = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            raise UserError(f"LibreOffice did not finish within {timeout:g} s.") from None
        except BaseException:  # Ctrl-C (or SIGTERM, SIGHUP: cli.stop_on_termination):
            # stop LibreOffice too, let the folder go, and the CLI exit 130
            _kill_group(process)
            raise
        pdf = work / "out" / "resume.pdf"
        if not pdf.is_file():
            raise UserError(
                f"LibreOffice could not convert the DOCX (exit {process.returncode}): "
                f"{log.strip()[-300:]}"
            )
        return pdf.read_bytes()


def _kill_group(process: subprocess.Popen) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def check_pdf(pdf: bytes) -> PdfCheck:
    """Page count (pdfinfo) and how far down page 1 the text reaches (pdftotext -bbox)."""
    with tempfile.TemporaryDirectory(prefix="tailor-pdf-") as folder:
        path = Path(folder) / "resume.pdf"
        path.write_bytes(pdf)
        pages = _page_count(path, pdf)
        bottom = None
        if shutil.which("pdftotext"):
            boxes = subprocess.run(
                ["pdftotext", "-f", "1", "-l", "1", "-bbox", str(path), "-"],
                capture_output=True,
                text=True,
                timeout=60,
            ).stdout
            height = re.search(r'<page width="[\d.]+" height="([\d.]+)"', boxes)
            lows = [float(y) for y in re.findall(r'yMax="([\d.]+)"', boxes)]
            if height and lows:
                bottom = max(lows) / float(height[1])
    return PdfCheck(pdf, pages, bottom)


def _page_count(path: Path, pdf: bytes) -> int:
    if shutil.which("pdfinfo"):
        info = subprocess.run(
            ["pdfinfo", str(path)], capture_output=True, text=True, timeout=60
        ).stdout
        if found := re.search(r"^Pages:\s+(\d+)", info, re.M):
            return int(found[1])
    # LibreOffice writes one "/Type /Page" object per page (and "/Pages" for the tree).
    return len(re.findall(rb"/Type\s*/Page(?![a-z])", pdf))


def check_docx(docx: bytes, timeout: float = 120) -> PdfCheck:
    return check_pdf(docx_to_pdf(docx, timeout))


def can_render_png() -> bool:
    """Whether LibreOffice and pdftoppm are both here to picture the page."""
    return bool(find_soffice() and shutil.which("pdftoppm"))


def pdf_to_png(pdf: bytes, dpi: int = 90, timeout: float = 60) -> bytes:
    """Page 1 of the PDF as a PNG (pdftoppm), for the HTML report's preview.

    Raises:
        UserError: pdftoppm is missing or fails.
    """
    if not shutil.which("pdftoppm"):
        raise UserError("pdftoppm is not installed, so no page image can be made.", INSTALL_HINT)
    with tempfile.TemporaryDirectory(prefix="tailor-png-") as folder:
        path = Path(folder) / "page.pdf"
        path.write_bytes(pdf)
        result = subprocess.run(
            [
                "pdftoppm",
                "-r",
                str(dpi),
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(path),
                str(path.with_suffix("")),
            ],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
        image = path.with_suffix(".png")
        if result.returncode or not image.is_file():
            raise UserError(f"pdftoppm could not picture the page: {result.stderr.strip()[-300:]}")
        return image.read_bytes()
