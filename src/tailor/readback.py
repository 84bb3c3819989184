"""Read the written DOCX back and confirm it says what the page said it would.

Why: the layout model and the renderer are separate code; if they ever disagree about headings,
contact details or bullets, the user must hear about it, not send a broken résumé. The check
reads the package as Word would: the document part's paragraphs (style, text with tabs) and the
hyperlink relationships.
"""

from __future__ import annotations

import io
import zipfile

from tailor.layout import Page, role_lines, text_width
from tailor.render import link_target, xml_safe
from tailor.wordml import REL as _REL
from tailor.wordml import R as _R
from tailor.wordml import W as _W


class ReadbackError(AssertionError):
    """The DOCX differs from the page it was rendered from: a bug in tailor, never the user's."""


def read_paragraphs(docx_bytes: bytes) -> tuple[list[tuple[str | None, str]], set[str]]:
    """(style id, text) of every body paragraph, and the targets of its hyperlinks."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        rels = etree.fromstring(archive.read("word/_rels/document.xml.rels"))
    paragraphs = []
    for paragraph in document.iter(f"{_W}p"):
        style = paragraph.find(f"{_W}pPr/{_W}pStyle")
        text = "".join(
            "\t" if node.tag == f"{_W}tab" else node.text or ""
            for node in paragraph.iter(f"{_W}t", f"{_W}tab")
            if node.getparent().tag == f"{_W}r"
        )
        paragraphs.append((style.get(f"{_W}val") if style is not None else None, text))
    linked = {link.get(f"{_R}id") for link in document.iter(f"{_W}hyperlink")}
    targets = {
        rel.get("Target")
        for rel in rels.iter(f"{_REL}Relationship")
        if rel.get("Id") in linked and rel.get("TargetMode") == "External"
    }
    return paragraphs, targets


def verify_docx(docx_bytes: bytes, page: Page) -> None:
    """Raise ReadbackError listing every difference between the DOCX and the page."""
    paragraphs, links = read_paragraphs(docx_bytes)
    problems: list[str] = []

    def expected(kind: str) -> list[str]:
        return [xml_safe(block.text) for block in page.blocks if block.kind == kind]

    headings = [text for style, text in paragraphs if style == "Heading1"]
    if headings != expected("heading"):
        problems.append(f"headings {headings} instead of {expected('heading')}")
    bullets = [text for style, text in paragraphs if style == "ListBullet"]
    if bullets != expected("bullet"):
        missing = set(expected("bullet")) - set(bullets)
        extra = [b for b in bullets if bullets.count(b) > 1 or b not in expected("bullet")]
        problems.append(
            f"bullets differ: {len(bullets)} found, {len(expected('bullet'))} "
            f"expected; missing {sorted(missing)[:3]}, extra {extra[:3]}"
        )
    texts = [text for _, text in paragraphs]
    for kind in ("name", "contact"):
        for line in expected(kind):
            if line not in texts[:3]:
                problems.append(f"{kind} line {line!r} is not at the top")
    wanted = {link_target(run.url) for block in page.blocks for run in block.runs if run.url}
    if wanted - links:
        problems.append(f"links missing: {sorted(wanted - links)}")
    # A role line too long for its dates is written as two paragraphs (layout.role_lines).
    width = text_width(page.theme, page.paper)
    count = sum(2 if role_lines(block, page.theme, width)[1] else 1 for block in page.blocks)
    if len(paragraphs) != count:
        problems.append(f"{len(paragraphs)} paragraphs instead of {count}")
    if problems:
        raise ReadbackError(
            "the written DOCX does not match its page (a bug in tailor; "
            "please report it): " + "; ".join(problems)
        )
