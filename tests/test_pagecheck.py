"""The page count proven by LibreOffice, and clear messages where it cannot run."""

from __future__ import annotations

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
    pdf = (b"%PDF-1.4\n1 0 obj << /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >> endobj\n"
           b"2 0 obj << /Type /Page /Parent 1 0 R >> endobj\n"
           b"3 0 obj <</Type/Page/Parent 1 0 R>> endobj\n%%EOF\n")
    check = check_pdf(pdf)
    assert check.pages == 2 and check.bottom is None and check.pdf == pdf


@pytest.mark.slow
def test_a_fitted_page_is_one_page_in_libreoffice(resume, soffice: str):
    page = fit_page(resume, [b.id for b in resume.bullets()])
    check = check_docx(render_docx(page, "Ines Moreau", "résumé"))
    assert check.pages == 1
    assert check.bottom is not None and 0.5 < check.bottom <= 1.0
    assert check.pdf.startswith(b"%PDF")
