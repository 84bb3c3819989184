"""The Word XML names the writer uses are the ones python-docx, the read-back check and the
importer look for."""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from docx.oxml.ns import nsmap

from tailor import wordml
from tailor.layout import fit_page
from tailor.render import render_docx


def test_the_namespaces_are_words_own():
    assert (nsmap["w"], nsmap["r"]) == (wordml.MAIN, wordml.RELATIONSHIPS)
    assert f"{{{nsmap['w']}}}" == wordml.W and f"{{{nsmap['r']}}}" == wordml.R


def test_every_paragraph_written_is_found_by_the_shared_name(resume):
    page = fit_page(resume, [bullet.id for bullet in resume.bullets()])
    with zipfile.ZipFile(io.BytesIO(render_docx(page, "Ines Moreau", "CV"))) as archive:
        body = ElementTree.fromstring(archive.read("word/document.xml"))
    texts = [
        "".join(t.text or "" for t in paragraph.iter(f"{wordml.W}t"))
        for paragraph in body.iter(f"{wordml.W}p")
    ]
    kept = {bullet.id: bullet.text for bullet in resume.bullets()}
    assert [kept[bullet_id] for bullet_id in page.kept] == [
        text for text in texts if text in kept.values()
    ]
