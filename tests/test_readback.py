"""The written DOCX is read back as Word reads it, and any difference from its page is a bug
report, never a silent bad résumé."""

from __future__ import annotations

import dataclasses

import pytest

from tailor.layout import fit_page
from tailor.readback import ReadbackError, read_paragraphs, verify_docx
from tailor.render import render_docx


@pytest.fixture(scope="module")
def page(resume):
    return fit_page(resume, [b.id for b in resume.bullets()])


def test_paragraphs_come_back_with_their_styles_text_and_links(page, resume):
    paragraphs, links = read_paragraphs(render_docx(page, "Ines Moreau", "résumé"))
    assert paragraphs[0][1] == "Ines Moreau"
    assert ("Heading1", "Experience") in paragraphs
    bullets = [text for style, text in paragraphs if style == "ListBullet"]
    assert len(bullets) == len(page.kept)
    assert {"mailto:ines@example.com", "https://ines.example.com"} <= links
    assert len(paragraphs) == len(page.blocks)


def test_a_docx_rendered_from_another_page_is_caught(page, resume):
    other = fit_page(resume, list(reversed([b.id for b in resume.bullets()])))
    with pytest.raises(ReadbackError, match="bullets differ") as caught:
        verify_docx(render_docx(other, "a", "b"), page)
    assert "a bug in tailor" in str(caught.value)


def test_a_missing_link_is_caught(page):
    unlinked = dataclasses.replace(
        page,
        blocks=tuple(
            dataclasses.replace(
                block, runs=tuple(dataclasses.replace(run, url=None) for run in block.runs)
            )
            for block in page.blocks
        ),
    )
    with pytest.raises(ReadbackError, match="links missing"):
        verify_docx(render_docx(unlinked, "a", "b"), page)
