"""Write the page as a DOCX: one column, real Word headings and list bullets, set fonts.

Every size and space comes from layout.block_style, so the file matches the height that
layout.py predicted. Output is deterministic: the same page gives the same bytes.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from tailor.errors import UserError
from tailor.layout import PAPERS, POINTS_PER_INCH, Page, Theme, block_style

# A fixed timestamp for document properties and zip entries: same inputs, same bytes.
FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Text as it can stand in one paragraph: characters XML 1.0 forbids dropped (python-docx
    raises on them; PDF copies carry some), line breaks made spaces (python-docx would turn
    them into breaks inside a bullet)."""
    return _XML_FORBIDDEN.sub("", _LINE_BREAKS.sub(" ", text))


def render_docx(page: Page, author: str, title: str) -> bytes:
    """The page as DOCX bytes."""
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    document = Document()
    theme = page.theme
    width, height = PAPERS[page.paper]
    section = document.sections[0]
    section.page_width, section.page_height = Pt(width), Pt(height)
    margin = Pt(theme.margin_in * POINTS_PER_INCH)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Pt(0)
    text_width = width - 2 * theme.margin_in * POINTS_PER_INCH
    _set_styles(document, theme)

    for block in page.blocks:
        style = block_style(block.kind, theme)
        if block.kind == "heading":
            paragraph = document.add_paragraph(style="Heading 1")
        elif block.kind == "bullet":
            paragraph = document.add_paragraph(style="List Bullet")
        else:
            paragraph = document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.space_before, fmt.space_after = Pt(style.space_before_pt), Pt(style.space_after_pt)
        fmt.line_spacing = 1.0
        if style.centered:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if style.left_indent_pt:
            fmt.left_indent = Pt(style.left_indent_pt)
            fmt.first_line_indent = Pt(-style.hanging_pt)
        if block.kind in ("heading", "entry"):
            fmt.keep_with_next = True
        for run_spec in block.runs:
            if run_spec.url:
                _add_hyperlink(paragraph, xml_safe(run_spec.text), run_spec.url, style.size_pt)
                continue
            run = paragraph.add_run(xml_safe(run_spec.text))
            run.font.size = Pt(style.size_pt)
            run.bold = run_spec.bold or style.bold or None
            run.italic = run_spec.italic or None
        if block.right:
            from docx.enum.text import WD_TAB_ALIGNMENT

            fmt.tab_stops.add_tab_stop(Pt(text_width - style.left_indent_pt),
                                       WD_TAB_ALIGNMENT.RIGHT)
            run = paragraph.add_run("\t" + xml_safe(block.right))
            run.font.size = Pt(style.size_pt)

    properties = document.core_properties
    properties.author = properties.last_modified_by = xml_safe(author)
    properties.title = xml_safe(title)
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    return _normalized_zip(buffer.getvalue())


def _set_styles(document, theme: Theme) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    # The default template takes body text from the theme font (Cambria); name Calibri outright,
    # for every script, so no theme font slips through.
    for rpr in document.styles.element.iter(qn("w:rPr")):
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            for attribute in list(fonts.attrib):
                if attribute.endswith("Theme}") or "Theme" in attribute:
                    del fonts.attrib[attribute]
            for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
                fonts.set(qn(attribute), theme.font)
    normal = document.styles["Normal"]
    normal.font.name = theme.font
    normal.font.size = Pt(theme.body_pt)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), theme.font)
    normal.paragraph_format.space_before = normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0
    normal.paragraph_format.widow_control = True

    heading = document.styles["Heading 1"]
    heading.font.name = theme.font
    heading.font.size = Pt(theme.heading_pt)
    heading.font.bold = True
    heading.font.italic = False
    heading.font.color.rgb = RGBColor(0, 0, 0)
    heading.paragraph_format.line_spacing = 1.0
    heading_ppr = heading.element.get_or_add_pPr()
    border = OxmlElement("w:pBdr")
    bottom = OxmlElement("w:bottom")
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"),
                       ("w:color", "808080")):
        bottom.set(qn(key), value)
    border.append(bottom)
    heading_ppr.append(border)

    bullets = document.styles["List Bullet"]
    bullets.font.name = theme.font
    bullets.font.size = Pt(theme.body_pt)
    bullets.paragraph_format.space_before = bullets.paragraph_format.space_after = Pt(0)


def _add_hyperlink(paragraph, text: str, url: str, size_pt: float) -> None:
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    relationship = paragraph.part.relate_to(url, RELATIONSHIP_TYPE.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), relationship)
    run = OxmlElement("w:r")
    properties = OxmlElement("w:rPr")
    for tag, attributes in (("w:color", {"w:val": "1F4E79"}), ("w:u", {"w:val": "single"}),
                            ("w:sz", {"w:val": str(round(size_pt * 2))})):
        element = OxmlElement(tag)
        for key, value in attributes.items():
            element.set(qn(key), value)
        properties.append(element)
    run.append(properties)
    text_element = OxmlElement("w:t")
    text_element.text = text
    text_element.set(qn("xml:space"), "preserve")
    run.append(text_element)
    link.append(run)
    paragraph._p.append(link)


def _normalized_zip(data: bytes) -> bytes:
    """Re-pack with fixed timestamps and a stable order; python-docx stamps the current time."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def _default_mode(path: Path) -> int:
    if path.exists():
        return path.stat().st_mode & 0o777
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def write_file_atomically(path: Path, data: bytes) -> None:
    """Write via a temporary file in the same folder, then rename: a crash or Ctrl-C never
    leaves a half-written file, nor destroys the previous one.

    Raises:
        UserError: the folder is missing or not writable, or the file is locked.
    """
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"cannot write {path}: the folder {folder} does not exist.",
                        "Create it first, or choose another path with -o.")
    temporary = None
    try:
        handle, temporary = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
        # mkstemp makes the file private (0600); give it the mode a plain open() would.
        os.chmod(temporary, _default_mode(path))
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
        temporary = None
    except PermissionError:
        raise UserError(f"cannot write {path}: permission denied.",
                        "Is the file open in Word, or the folder read-only? Close it, or choose "
                        "another path with -o.") from None
    except OSError as error:
        raise UserError(f"cannot write {path}: {error.strerror or error}.") from None
    finally:
        if temporary:
            Path(temporary).unlink(missing_ok=True)
