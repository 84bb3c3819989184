"""Read the written DOCX back and confirm it says what the page said it would.

Why: the layout model and the renderer are separate code; if they ever disagree about headings,
contact details or bullets, the user must hear about it, not send a broken résumé.
"""

from __future__ import annotations

import io

from tailor.layout import Page
from tailor.render import xml_safe


class ReadbackError(AssertionError):
    """The DOCX differs from the page it was rendered from: a bug in tailor, never the user's."""


def verify_docx(docx_bytes: bytes, page: Page) -> None:
    """Raise ReadbackError listing every difference between the DOCX and the page."""
    import docx

    document = docx.Document(io.BytesIO(docx_bytes))
    paragraphs = document.paragraphs
    problems: list[str] = []

    def expected(kind: str) -> list[str]:
        return [xml_safe(block.text) for block in page.blocks if block.kind == kind]

    # Style ids straight from the XML: resolving p.style scans every style, per paragraph.
    styles = [p._p.style for p in paragraphs]
    headings = [p.text for p, style in zip(paragraphs, styles, strict=True) if style == "Heading1"]
    if headings != expected("heading"):
        problems.append(f"headings {headings} instead of {expected('heading')}")
    bullets = [p.text for p, style in zip(paragraphs, styles, strict=True)
               if style == "ListBullet"]
    if bullets != expected("bullet"):
        missing = set(expected("bullet")) - set(bullets)
        extra = [b for b in bullets if bullets.count(b) > 1 or b not in expected("bullet")]
        problems.append(f"bullets differ: {len(bullets)} found, {len(expected('bullet'))} "
                        f"expected; missing {sorted(missing)[:3]}, extra {extra[:3]}")
    texts = [p.text for p in paragraphs]
    for kind in ("name", "contact"):
        for line in expected(kind):
            if line not in texts[:3]:
                problems.append(f"{kind} line {line!r} is not at the top")
    links = {rel.target_ref for rel in document.part.rels.values() if rel.is_external}
    wanted = {run.url for block in page.blocks for run in block.runs if run.url}
    if wanted - links:
        problems.append(f"links missing: {sorted(wanted - links)}")
    if problems:
        raise ReadbackError("the written DOCX does not match its page (a bug in tailor; "
                            "please report it): " + "; ".join(problems))
