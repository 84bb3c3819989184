"""Write the page as a DOCX: one column, real Word headings and list bullets, set fonts.

Every size and space comes from layout.block_style, so the file matches the height that
layout.py predicted. Output is deterministic: the same page gives the same bytes.
"""

from __future__ import annotations

import functools
import io
import re
import zipfile
from datetime import UTC, datetime
from xml.sax.saxutils import escape

from tailor import wordml
from tailor.files import APPLICATION
from tailor.layout import (
    PAPERS,
    POINTS_PER_INCH,
    Block,
    Page,
    Theme,
    block_style,
    role_lines,
    text_width,
)

# A fixed timestamp for document properties and zip entries: same inputs, same bytes.
FIXED_TIME = datetime(2000, 1, 1, tzinfo=UTC)
_LINE_BREAKS = re.compile("\r\n|[\r\n\x0b\x0c\x85\u2028\u2029]")
_XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def xml_safe(text: str) -> str:
    """Text as it can stand in one paragraph: characters XML 1.0 forbids dropped (python-docx
    raises on them; PDF copies carry some), line breaks made spaces (python-docx would turn
    them into breaks inside a bullet)."""
    return _XML_FORBIDDEN.sub("", _LINE_BREAKS.sub(" ", text))


_NOT_IN_A_LINK = re.compile("[\x00-\x1f\x7f\ufffe\uffff\ud800-\udfff]")


def link_target(url: str) -> str:
    """A hyperlink target as XML holds it: control characters dropped, not just the ones XML
    forbids, as a parser turns line breaks in an attribute into spaces. `tailor check` reports
    such links; a résumé built in Python may still carry one here."""
    return _NOT_IN_A_LINK.sub("", url)


def render_docx(page: Page, author: str, title: str) -> bytes:
    """The page as DOCX bytes.

    python-docx builds the package once per process (template, page setup, styles: see
    _base_parts); each page then only writes its own document body, hyperlinks and title into
    that package. Reopening and re-saving the template with python-docx for every job took most
    of a batch's time.
    """
    parts = dict(_base_parts(page.theme, page.paper))
    urls = list(dict.fromkeys(run.url for block in page.blocks for run in block.runs if run.url))
    links = {url: f"rIdTailorLink{i}" for i, url in enumerate(urls, start=1)}
    body = "".join(_paragraph_xml(block, page, links) for block in page.blocks)
    document = parts[_DOCUMENT].decode("utf-8")
    parts[_DOCUMENT] = document.replace("<w:body>", "<w:body>" + body, 1).encode("utf-8")
    relationships = "".join(
        f'<Relationship Id="{rid}" Type="{_HYPERLINK}" '
        f'Target="{escape(link_target(url), {chr(34): "&quot;"})}"'
        ' TargetMode="External"/>'
        for url, rid in links.items()
    )
    rels = parts[_DOCUMENT_RELS].decode("utf-8")
    parts[_DOCUMENT_RELS] = rels.replace(
        "</Relationships>", relationships + "</Relationships>"
    ).encode("utf-8")
    core = parts[_CORE].decode("utf-8")
    for placeholder, value in ((_TITLE, title), (_AUTHOR, author)):
        core = core.replace(placeholder, escape(xml_safe(value)))
    parts[_CORE] = core.encode("utf-8")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in parts.items():
            # A fixed timestamp: the same page gives the same bytes.
            entry = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            archive.writestr(entry, data, compresslevel=6 if len(data) < 100_000 else 1)
    return out.getvalue()


_DOCUMENT = "word/document.xml"
_DOCUMENT_RELS = "word/_rels/document.xml.rels"
_CORE = "docProps/core.xml"
_APP = "docProps/app.xml"
_HYPERLINK = f"{wordml.RELATIONSHIPS}/hyperlink"
_TITLE, _AUTHOR = "TAILOR-TITLE-PLACEHOLDER", "TAILOR-AUTHOR-PLACEHOLDER"


_NAMESPACES = wordml.DECLARATIONS
_STYLE_IDS = {"heading": "Heading1", "bullet": "ListBullet"}


def _twips(points: float) -> int:
    return round(points * 20)


def _paragraph_xml(block: Block, page: Page, links: dict[str, str]) -> str:
    """One w:p, its properties in the order the schema requires; two for a role line whose
    city or company goes below its dates (layout.role_lines)."""
    if block.right:
        first, second = role_lines(block, page.theme, text_width(page.theme, page.paper))
        if second:
            return _one_paragraph_xml(
                Block(block.kind, first, block.right), page, links
            ) + _one_paragraph_xml(Block(block.kind, second), page, links, space_before=False)
    return _one_paragraph_xml(block, page, links)


def _one_paragraph_xml(
    block: Block, page: Page, links: dict[str, str], space_before: bool = True
) -> str:
    style = block_style(block.kind, page.theme)
    properties = []
    if block.kind in _STYLE_IDS:
        properties.append(f'<w:pStyle w:val="{_STYLE_IDS[block.kind]}"/>')
    if block.kind in ("heading", "entry"):
        properties.append("<w:keepNext/>")
    if block.right:
        position = _twips(text_width(page.theme, page.paper) - style.left_indent_pt)
        properties.append(f'<w:tabs><w:tab w:val="right" w:pos="{position}"/></w:tabs>')
    before = style.space_before_pt if space_before else 0.0
    properties.append(
        f'<w:spacing w:before="{_twips(before)}" '
        f'w:after="{_twips(style.space_after_pt)}" w:line="240" '
        'w:lineRule="auto"/>'
    )
    if style.left_indent_pt:
        properties.append(
            f'<w:ind w:left="{_twips(style.left_indent_pt)}" '
            f'w:hanging="{_twips(style.hanging_pt)}"/>'
        )
    if style.centered:
        properties.append('<w:jc w:val="center"/>')
    size = f'<w:sz w:val="{round(style.size_pt * 2)}"/>'
    runs = []
    for run in block.runs:
        text = escape(xml_safe(run.text))
        if run.url:
            runs.append(
                f'<w:hyperlink r:id="{links[run.url]}"><w:r><w:rPr>'
                f'<w:color w:val="1F4E79"/>{size}<w:u w:val="single"/></w:rPr>'
                f'<w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'
            )
            continue
        emphasis = ("<w:b/>" if run.bold or style.bold else "") + ("<w:i/>" if run.italic else "")
        runs.append(
            f'<w:r><w:rPr>{emphasis}{size}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'
        )
    if block.right:
        runs.append(
            f"<w:r><w:rPr>{size}</w:rPr><w:tab/>"
            f'<w:t xml:space="preserve">{escape(xml_safe(block.right))}</w:t></w:r>'
        )
    return f"<w:p><w:pPr>{''.join(properties)}</w:pPr>{''.join(runs)}</w:p>"


@functools.lru_cache(maxsize=8)
def _base_parts(theme: Theme, paper: str) -> tuple[tuple[str, bytes], ...]:
    """The package every page starts from, as (name, bytes) in order: python-docx's template
    with the page set up, tailor's styles, fixed document properties, an empty body."""
    from docx import Document
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.shared import Pt

    document = Document()
    width, height = PAPERS[paper]
    section = document.sections[0]
    section.page_width, section.page_height = Pt(width), Pt(height)
    margin = Pt(theme.margin_in * POINTS_PER_INCH)
    section.left_margin = section.right_margin = margin
    section.top_margin = section.bottom_margin = margin
    section.header_distance = section.footer_distance = Pt(0)
    _set_styles(document, theme)
    body = document.element.body
    for paragraph in list(body.iterchildren(f"{wordml.W}p")):
        body.remove(paragraph)  # the template's empty first paragraph, if any
    # The template's thumbnail is a picture of python-docx's sample, not of this résumé.
    package_rels = document.part.package.rels
    for rid, rel in list(package_rels.items()):
        if rel.reltype == RELATIONSHIP_TYPE.THUMBNAIL:
            del package_rels[rid]
    properties = document.core_properties
    properties.title, properties.author = _TITLE, _AUTHOR
    properties.last_modified_by = _AUTHOR
    properties.comments = properties.subject = properties.keywords = properties.category = ""
    properties.created = properties.modified = properties.last_printed = FIXED_TIME
    properties.revision = 1
    buffer = io.BytesIO()
    document.save(buffer)
    archive = zipfile.ZipFile(buffer)
    parts = tuple((name, archive.read(name)) for name in archive.namelist())
    # The template claims Word wrote it; naming tailor is also how a later run knows this file
    # is its own to replace (files.made_by_tailor).
    parts = tuple(
        (
            name,
            re.sub(
                rb"<Application>[^<]*</Application>",
                f"<Application>{APPLICATION}</Application>".encode(),
                data,
            ),
        )
        if name == _APP
        else (name, data)
        for name, data in parts
    )
    if b"<w:body>" not in dict(parts)[_DOCUMENT]:
        raise AssertionError("python-docx's template changed shape: no <w:body> to fill")
    return parts


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
    for key, value in (("w:val", "single"), ("w:sz", "6"), ("w:space", "1"), ("w:color", "808080")):
        bottom.set(qn(key), value)
    border.append(bottom)
    heading_ppr.append(border)

    bullets = document.styles["List Bullet"]
    bullets.font.name = theme.font
    bullets.font.size = Pt(theme.body_pt)
    bullets.paragraph_format.space_before = bullets.paragraph_format.space_after = Pt(0)
