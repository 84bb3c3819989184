"""The DOCX: read back with python-docx, deterministic, written atomically."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from tailor.errors import UserError
from tailor.files import write_file_atomically
from tailor.layout import fit_page
from tailor.render import render_docx, xml_safe


@pytest.fixture(scope="module")
def page(resume):
    return fit_page(resume, [b.id for b in resume.bullets()])


@pytest.fixture(scope="module")
def document(page):
    return docx.Document(io.BytesIO(render_docx(page, "Ines Moreau", "CV for a job")))


def test_headings_are_real_word_headings_in_order(document):
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings == ["Summary", "Experience", "Open Source", "Education", "Skills"]


def test_every_kept_bullet_is_a_list_paragraph_once_in_order(page, resume, document):
    texts = {b.id: b.text for b in resume.bullets()}
    listed = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert listed == [texts[bullet_id] for bullet_id in page.kept]
    # Real Word numbering, not a typed "•".
    assert not any(text.startswith("•") for text in listed)
    assert document.styles["List Bullet"].element.xpath(".//w:numPr")


def test_header_contact_links_and_dates(document):
    first, contact = document.paragraphs[0], document.paragraphs[1]
    assert first.text == "Ines Moreau"
    assert "ines@example.com" in contact.text and "+1 555 010 2030" in contact.text
    targets = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    assert {
        "mailto:ines@example.com",
        "https://ines.example.com",
        "https://github.com/ines-example",
    } <= targets
    role = next(p for p in document.paragraphs if p.text.startswith("Staff Machine Learning"))
    assert role.text.endswith("\tSep 2024 – Present")


def test_page_geometry_and_fonts(page, document):
    section = document.sections[0]
    assert round(section.page_width.pt) == 612 and round(section.page_height.pt) == 792
    assert round(section.left_margin.inches, 2) == page.theme.margin_in
    assert document.styles["Normal"].font.name == "Calibri"
    styles_xml = document.styles.element.xml
    assert "Cambria" not in styles_xml and "asciiTheme" not in styles_xml


def test_a4_page_size(resume):
    a4 = fit_page(resume, [b.id for b in resume.bullets()], paper="a4")
    section = docx.Document(io.BytesIO(render_docx(a4, "A", "B"))).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_document_properties(document):
    assert document.core_properties.author == "Ines Moreau"
    assert document.core_properties.title == "CV for a job"


def test_same_input_same_bytes(page):
    first = render_docx(page, "A", "B")
    assert first == render_docx(page, "A", "B")
    stamps = {info.date_time for info in zipfile.ZipFile(io.BytesIO(first)).infolist()}
    assert stamps == {(1980, 1, 1, 0, 0, 0)}


def test_xml_forbidden_characters_are_dropped():
    assert xml_safe("a\x00b\x0cc\x1fd\ttab\r\nend") == "ab cd\ttab end"


def test_atomic_write_replaces_and_leaves_no_temporary(tmp_path: Path):
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    write_file_atomically(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["out.docx"]


def test_write_into_missing_folder_is_a_user_error(tmp_path: Path):
    with pytest.raises(UserError, match="does not exist"):
        write_file_atomically(tmp_path / "missing" / "out.docx", b"x")
