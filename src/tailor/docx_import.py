"""A first draft of resume.yaml from an existing Word résumé.

Word files say little about meaning: a heading may be a "Heading 1" paragraph or a short bold
line, a bullet a list paragraph or a line typed with "• ". So this reads the common shapes
(those tailor writes itself, and the usual hand-made ones), and whatever it cannot place is
returned with its text, for the user to move by hand: never dropped silently.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field
from typing import Any

from tailor.errors import UserError
from tailor.resume import (
    LIST_SECTIONS,
    Basics,
    Bullet,
    Date,
    Education,
    Entry,
    Interest,
    Language,
    Link,
    Resume,
    SkillGroup,
    default_bullet_id,
    full_url,
    parse_date,
    short_url,
)
from tailor.wordml import MC as _MC
from tailor.wordml import R as _R
from tailor.wordml import W as _W

MAX_UNPACKED_BYTES = 200_000_000  # photos included
# A long résumé is 100 KB of XML and a few hundred paragraphs; these are a thousand times that.
MAX_XML_BYTES = 20_000_000
MAX_PARAGRAPHS = 20_000

# Heading text (lower case, letters and spaces only) → the résumé section it opens.
SECTION_NAMES = {
    "summary": [
        "summary",
        "profile",
        "about",
        "about me",
        "professional summary",
        "career summary",
        "objective",
        "career objective",
        "overview",
        "personal statement",
        "professional profile",
    ],
    "experience": [
        "experience",
        "work experience",
        "employment",
        "employment history",
        "professional experience",
        "work history",
        "career history",
        "relevant experience",
        "professional background",
        "career",
    ],
    "open_source": [
        "open source",
        "opensource",
        "open source contributions",
        "open source projects",
        "oss",
    ],
    "projects": [
        "projects",
        "personal projects",
        "side projects",
        "selected projects",
        "academic projects",
        "key projects",
    ],
    "volunteer": ["volunteer", "volunteering", "volunteer experience", "volunteer work"],
    "education": [
        "education",
        "academic background",
        "education and training",
        "academic qualifications",
        "qualifications",
        "education history",
    ],
    "skills": [
        "skills",
        "technical skills",
        "core skills",
        "key skills",
        "skills and tools",
        "technologies",
        "tools",
        "tools and technologies",
        "core competencies",
        "competencies",
        "expertise",
        "tech stack",
        "skills and technologies",
    ],
    "certifications": [
        "certifications",
        "certificates",
        "licenses and certifications",
        "licences and certifications",
        "certifications and licenses",
        "professional certifications",
        "licenses",
        "licences",
    ],
    "awards": [
        "awards",
        "honors",
        "honours",
        "awards and honors",
        "awards and honours",
        "honors and awards",
        "honours and awards",
        "achievements",
        "certifications and awards",
        "awards and certifications",
    ],
    "publications": [
        "publications",
        "papers",
        "talks",
        "publications and talks",
        "talks and publications",
        "presentations",
        "selected publications",
    ],
    "languages": ["languages", "spoken languages", "language skills"],
    "interests": ["interests", "hobbies", "hobbies and interests", "interests and hobbies"],
}
# Headings of sections resume.yaml has no place for: their content is reported, with its text.
UNPLACED_SECTIONS = [
    "references",
    "referees",
    "reference",
    "personal details",
    "personal information",
    "additional information",
    "activities",
    "extracurricular activities",
    "memberships",
    "affiliations",
    "professional memberships",
    "professional affiliations",
    "training",
    "courses",
    "conferences",
    "patents",
    "leadership",
    "declaration",
    "military service",
    "personal",
]
_SECTION_OF = {name: section for section, names in SECTION_NAMES.items() for name in names}
_SECTION_OF.update({name: "" for name in UNPLACED_SECTIONS})
# "Skills: Python, Go" is a skills line wherever it stands (under education, under a role).
_SKILLS_LINE = re.compile(
    r"(?:technical |key |core )?(?:skills|technologies|tools|tech stack)"
    r"\s*:\s*\S",
    re.I,
)
_BULLET_MARKS = "•·▪◦●○■□➢►▶✓✔*-–—"
_TITLE_WORDS = re.compile(
    r"\b(engineer|developer|programmer|manager|intern|internship|analyst|scientist|assistant|"
    r"lead|director|consultant|designer|architect|researcher|specialist|officer|head|vp|"
    r"president|founder|co-founder|cto|ceo|cfo|coo|associate|coordinator|administrator|"
    r"technician|contributor|maintainer|mentor|teacher|professor|lecturer|fellow|student|"
    r"owner|partner|advisor|adviser|editor|writer|volunteer|sre|devops|principal|staff|"
    r"senior|junior|trainee|apprentice|representative|executive|tutor)s?\b",
    re.I,
)
_INSTITUTION_WORDS = re.compile(
    r"\b(university|universit\w*|college|school|institute|institut\w*|academy|polytechnic|"
    r"polit[eè]cnica|politecnico|hochschule|[eé]cole|faculty|bootcamp|MIT|ETH)\b",
    re.I,
)
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|"
    r"aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_ONE_DATE = (
    rf"(?:{_MONTH},?\s+\d{{4}}|(?:spring|summer|fall|autumn|winter)\s+\d{{4}}|"
    r"\d{1,2}[/.]\d{4}|\d{4}[-/.]\d{1,2}|\d{4}|present|current|now|today|ongoing)"
)
_RANGE = rf"({_ONE_DATE})\s*(?:[-–—−~]|\bto\b|\buntil\b)\s*({_ONE_DATE})"
# Dates at the end of a line, after a tab, spaces, "|", a dash, a comma or "(".
_DATES_AT_END = re.compile(rf"(?:^|(?<=[\s|,(—–-]))(?:{_RANGE}|({_ONE_DATE}))\)?\s*$", re.I)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_URL = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|io|dev|me|"
    r"space|ai|app|co|uk|de|es|fr|info|page|site|xyz|tech)(?:/\S*)?",
    re.I,
)
_PHONE = re.compile(r"(?<![\w/])\+?\(?\d[\d\s().-]{6,}\d(?![\w/])")


@dataclass(frozen=True, slots=True)
class _Paragraph:
    text: str  # tabs kept, whitespace otherwise as written
    style: str  # style name, e.g. "Heading 1", "List Bullet", "Normal"
    numbered: bool  # a Word list paragraph (numPr)
    runs: tuple[tuple[str, bool], ...]  # (text, bold)
    links: tuple[tuple[str, str], ...]  # (text, url) of hyperlinks
    hidden: str = ""  # text Word does not show (hidden, or white on white): never imported

    @property
    def clean(self) -> str:
        return " ".join(self.text.split())

    @property
    def bold_prefix(self) -> str:
        """The leading bold text, when the line starts bold and is not all bold."""
        prefix = ""
        for text, bold in self.runs:
            if not bold:
                break
            prefix += text
        return prefix.strip() if prefix.strip() != self.clean else ""

    @property
    def tail_runs(self) -> list[str]:
        """The runs after the leading bold ones, up to a tab (the dates)."""
        runs = list(self.runs)
        while runs and runs[0][1]:
            runs.pop(0)
        tail = []
        for text, _ in runs:
            if "\t" in text:
                break
            if text:
                tail.append(text)
        return tail

    @property
    def all_bold(self) -> bool:
        visible = [(text, bold) for text, bold in self.runs if text.strip()]
        return bool(visible) and all(bold for _, bold in visible)


def import_docx(data: bytes) -> tuple[Resume, list[str]]:
    """A draft Resume from a .docx, and the paragraphs it could not place (with notes).

    Raises:
        UserError: the bytes are not a Word document, or it has no text.
    """
    paragraphs, set_aside = _read_paragraphs(data)
    if not paragraphs:
        raise UserError("the Word document has no text to import.")
    builder = _Builder()
    for paragraph in paragraphs:
        builder.add(paragraph)
    resume, notes = builder.finish()
    return resume, set_aside + notes


# ----------------------------------------------------------------------------------------------
# Reading the document
# ----------------------------------------------------------------------------------------------


# Word writes its parts stored or deflated; a zip tool may use another method (Deflate64,
# zstd, …) that Python cannot read, or encrypt the entries.
_ZIP_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
_RESAVE = "Open it in Word and save it again as a Word Document (.docx)."
# A Word file saved as "Strict Open XML Document" names its parts' vocabulary with these
# namespaces; they say the same as the usual (transitional) ones, which python-docx reads.
_STRICT_NAMESPACES = {
    b"http://purl.oclc.org/ooxml/wordprocessingml/main": b"http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    b"http://purl.oclc.org/ooxml/officeDocument/relationships": b"http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties": b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties",
    b"http://purl.oclc.org/ooxml/officeDocument/docPropsVTypes": b"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes",
    b"http://purl.oclc.org/ooxml/officeDocument/math": b"http://schemas.openxmlformats.org/officeDocument/2006/math",
    b"http://purl.oclc.org/ooxml/drawingml/main": b"http://schemas.openxmlformats.org/drawingml/2006/main",
    b"http://purl.oclc.org/ooxml/drawingml/wordprocessingDrawing": b"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing",
    b"http://purl.oclc.org/ooxml/drawingml/picture": b"http://schemas.openxmlformats.org/drawingml/2006/picture",
}
_STRICT = re.compile(b"|".join(re.escape(name) for name in _STRICT_NAMESPACES))


def _transitional(data: bytes, parts: list[zipfile.ZipInfo]) -> bytes:
    """A Strict Open XML document rewritten with the usual namespaces (the same document);
    any other document as it is."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    if "_rels/.rels" not in archive.namelist() or not _STRICT.search(archive.read("_rels/.rels")):
        return data
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as rewritten:
        for info in parts:
            content = archive.read(info)
            if info.filename.endswith((".xml", ".rels")):
                content = _STRICT.sub(lambda m: _STRICT_NAMESPACES[m[0]], content)
            rewritten.writestr(info.filename, content)
    return out.getvalue()


def _read_paragraphs(data: bytes) -> tuple[list[_Paragraph], list[str]]:
    """The document's paragraphs, page header first, and notes naming the text set aside
    (hidden text, footnotes, endnotes, the page footer)."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    if data.startswith(b"\xd0\xcf\x11\xe0"):  # an OLE container: Word's encrypted .docx or .doc
        raise UserError(
            "not a Word document tailor can read: it is password-protected, or an old .doc file.",
            "Remove the password in Word (File › Info › Protect "
            "Document), or save it as .docx, and import that copy.",
        )
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise UserError(
            "not a Word document: a .docx is a zip archive and this file is not "
            "one (or it is cut short).",
            "Save it from Word as .docx (not .doc, .pdf or .rtf).",
        )
    try:
        parts = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, OSError) as error:
        raise UserError(f"the Word document is damaged ({error}).") from None
    for info in parts:
        if info.flag_bits & 0x1:
            raise UserError(
                f"the Word document's part {info.filename} is encrypted, so it cannot be read.",
                _RESAVE,
            )
        if info.compress_type not in _ZIP_METHODS:
            method = {
                9: "Deflate64",
                12: "bzip2",
                14: "LZMA",
                93: "Zstandard",
                95: "xz",
                98: "PPMd",
            }.get(info.compress_type, "an unknown method")
            raise UserError(
                f"the Word document's part {info.filename} is compressed with "
                f"{method} (method {info.compress_type}), which Word never uses; "
                "a zip tool made this file.",
                _RESAVE,
            )
    unpacked = sum(info.file_size for info in parts)
    xml = max(
        (info.file_size for info in parts if info.filename.endswith((".xml", ".rels"))), default=0
    )
    if unpacked > MAX_UNPACKED_BYTES or xml > MAX_XML_BYTES:  # a "zip bomb": refuse it unread
        raise UserError(
            f"the Word document unpacks to {unpacked:,} bytes ({xml:,} in one XML "
            f"part); a résumé never does (limits {MAX_UNPACKED_BYTES:,} and "
            f"{MAX_XML_BYTES:,}).",
            "Is this the right file? Save the résumé alone as .docx.",
        )
    try:
        document = docx.Document(io.BytesIO(_transitional(data, parts)))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        if "macroEnabled" in str(error) or "template" in str(error):
            raise UserError(
                "a macro-enabled Word document (.docm) or a template (.dotx, "
                ".dotm), not a Word document (.docx).",
                "In Word: File › Save As › Word Document (.docx); tailor never opens macros.",
            ) from None
        # python-docx names the file it was given: here an in-memory copy, which says nothing.
        said = re.sub(r"^file '<[^']*>' ", "the file ", str(error))
        raise UserError(
            f"not a Word document ({said}).", "Save it from Word as .docx (not .doc, .pdf or .rtf)."
        ) from None
    except (EOFError, OSError, NotImplementedError, RuntimeError) as error:  # zlib, zipfile
        raise UserError(f"the Word document is damaged ({error}).", _RESAVE) from None
    except Exception as error:  # lxml's XMLSyntaxError and friends: a damaged file
        if type(error).__module__.startswith(("lxml", "docx")):
            raise UserError(f"the Word document is damaged ({error}).") from None
        raise
    rels = {rel_id: rel.target_ref for rel_id, rel in document.part.rels.items() if rel.is_external}
    styles = {
        style.style_id: style.name for style in document.styles if getattr(style, "style_id", None)
    }
    found: list[_Paragraph] = []
    # Contact details often sit in the page header; read it first.
    for section in document.sections[:1]:
        try:
            header = section.header
            header_rels = {
                rel_id: rel.target_ref
                for rel_id, rel in header.part.rels.items()
                if rel.is_external
            }
            if not header.is_linked_to_previous:
                found += [
                    _paragraph(p, styles, header_rels) for p in header._element.iter(f"{_W}p")
                ]
        except (KeyError, ValueError, AttributeError):
            pass  # a header python-docx cannot read only means less help: the body remains
    body = document.element.body
    count = sum(1 for _ in body.iter(f"{_W}p"))
    if count > MAX_PARAGRAPHS:
        raise UserError(
            f"the Word document has {count:,} paragraphs; a résumé never does "
            f"(limit {MAX_PARAGRAPHS:,}).",
            "Is this the right file? Save the résumé alone as .docx.",
        )
    # A text box is stored twice, as a drawing and as an older VML fallback: read it once.
    # Elements, not their id(): lxml keeps one proxy per element only while it is referenced.
    skipped = {p for fallback in body.iter(f"{_MC}Fallback") for p in fallback.iter(f"{_W}p")}
    dates_of = _dates_in_their_own_column(body, skipped)
    # Document order, table cells and text boxes included (many résumés are laid out in
    # tables, some put the contact details in a text box).
    for element in body.iter(f"{_W}p"):
        if element in skipped:
            continue
        paragraph = _paragraph(element, styles, rels)
        if element in dates_of:
            tail = "\t" + dates_of[element]
            paragraph = _Paragraph(
                paragraph.text + tail,
                paragraph.style,
                paragraph.numbered,
                (*paragraph.runs, (tail, False)),
                paragraph.links,
            )
        found.append(paragraph)
    notes = [
        f"text Word does not show (hidden, or white on white), not imported: "
        f"{' '.join(p.hidden.split())}"
        for p in found
        if p.hidden.strip()
    ]
    notes += _set_aside(document)
    return [p for p in found if p.clean], notes


_NOTE_PARTS = {"/word/footnotes.xml": "a footnote", "/word/endnotes.xml": "an endnote"}


def _set_aside(document: Any) -> list[str]:
    """Notes naming the text of footnotes, endnotes and the page footer: resume.yaml has no
    place for them, and they are never dropped silently."""
    from docx.oxml import parse_xml

    notes = []
    for part in document.part.package.iter_parts():
        what = _NOTE_PARTS.get(str(part.partname))
        if what is None:
            continue
        try:
            root = parse_xml(part.blob)
        except Exception:  # lxml's XMLSyntaxError: a damaged part is said, not read
            notes.append(f"{what} part that cannot be read was not imported")
            continue
        for note in root:
            if note.get(f"{_W}type") in (
                "separator",
                "continuationSeparator",
                "continuationNotice",
            ):
                continue
            text = " ".join(
                " ".join(p.text.split())
                for p in (_paragraph(element, {}, {}) for element in note.iter(f"{_W}p"))
                if p.text.strip()
            )
            if text:
                notes.append(f"{what}, not imported: {text}")
    for section in document.sections[:1]:
        try:
            footer = section.footer
            if footer.is_linked_to_previous:
                continue
            text = " ".join(
                " ".join(p.text.split())
                for p in (_paragraph(element, {}, {}) for element in footer._element.iter(f"{_W}p"))
                if p.text.strip()
            )
        except (KeyError, ValueError, AttributeError):
            continue
        if text:
            notes.append(f"the page footer, not imported: {text}")
    return notes


def _dates_in_their_own_column(body: Any, skipped: set[Any]) -> dict[Any, str]:
    """Table rows laid out as | dates | role and bullets |: the dates move to the end of the
    role's line, as if written "Role<TAB>dates" (their own paragraph is then skipped)."""
    moved: dict[Any, str] = {}
    for row in body.iter(f"{_W}tr"):
        cells = row.findall(f"{_W}tc")
        if len(cells) < 2:
            continue
        first = list(cells[0].iter(f"{_W}p"))
        text = " ".join("".join(t.text or "" for t in p.iter(f"{_W}t")) for p in first).strip()
        rest, _, _, dated = split_dates(text)
        targets = [
            p
            for p in cells[1].iter(f"{_W}p")
            if "".join(t.text or "" for t in p.iter(f"{_W}t")).strip()
        ]
        if text and dated and not rest and targets:
            moved[targets[0]] = text
            skipped.update(first)
    return moved


def _paragraph(element: Any, styles: dict[str, str], rels: dict[str, str]) -> _Paragraph:
    properties = element.find(f"{_W}pPr")
    style_id = numbered = None
    if properties is not None:
        style = properties.find(f"{_W}pStyle")
        style_id = style.get(f"{_W}val") if style is not None else None
        numbered = properties.find(f"{_W}numPr") is not None
    runs: list[tuple[str, bool]] = []
    links: list[tuple[str, str]] = []
    hidden: list[str] = []

    def walk(parent: Any) -> None:
        """Every run of the paragraph, inside whatever holds it: fields, smart tags, content
        controls, custom XML, insertions and moves, right-to-left and bidi overrides. Not
        deleted text, nor the paragraphs of text boxes, which are read as paragraphs."""
        for child in parent:
            if child.tag == f"{_W}r":
                text, bold = _run(child)
                if _is_hidden(child):
                    hidden.append(text)
                else:
                    runs.append((text, bold))
            elif child.tag == f"{_W}hyperlink":
                before = len(runs)
                walk(child)
                target = rels.get(child.get(f"{_R}id") or "")
                if target:
                    links.append(("".join(text for text, _ in runs[before:]).strip(), target))
            elif child.tag in _NOT_TEXT:
                continue
            elif child.tag == f"{_MC}AlternateContent":  # the same content twice: read one
                walk(child[:1])
            else:
                walk(child)

    walk(element)
    return _Paragraph(
        text="".join(text for text, _ in runs),
        style=styles.get(style_id or "", style_id or "Normal"),
        numbered=bool(numbered),
        runs=tuple(runs),
        links=tuple(links),
        hidden="".join(hidden),
    )


# Children of a paragraph whose runs are not its text: its properties, deleted or moved-away
# text, and paragraphs of its own (text boxes, read where they stand).
_NOT_TEXT = {f"{_W}pPr", f"{_W}del", f"{_W}moveFrom", f"{_W}p", f"{_W}rPr"}


def _is_hidden(run: Any) -> bool:
    """Whether Word does not show the run: hidden text (w:vanish), or white text with nothing
    dark behind it (no shading on the run, its paragraph or table cell, not in a shape)."""
    properties = run.find(f"{_W}rPr")
    if properties is None:
        return False
    for tag in ("vanish", "specVanish"):
        flag = properties.find(f"{_W}{tag}")
        if flag is not None and flag.get(f"{_W}val", "true").lower() not in ("0", "false", "off"):
            return True
    color = properties.find(f"{_W}color")
    if color is None or (color.get(f"{_W}val") or "").upper() not in ("FFFFFF", "WHITE"):
        return False
    if properties.find(f"{_W}highlight") is not None or _shaded(properties):
        return False
    for ancestor in run.iterancestors():
        if ancestor.tag == f"{_W}txbxContent":
            return False  # a shape, likely filled
        if ancestor.tag in (f"{_W}p", f"{_W}tc", f"{_W}tbl"):
            holder = ancestor.find(
                f"{_W}pPr"
                if ancestor.tag == f"{_W}p"
                else f"{_W}tcPr"
                if ancestor.tag == f"{_W}tc"
                else f"{_W}tblPr"
            )
            if holder is not None and _shaded(holder):
                return False
    return True


def _shaded(properties: Any) -> bool:
    shading = properties.find(f"{_W}shd")
    if shading is None:
        return False
    fill = (shading.get(f"{_W}fill") or "auto").upper()
    return fill not in ("AUTO", "FFFFFF") or shading.get(f"{_W}themeFill") is not None


def _run(element: Any) -> tuple[str, bool]:
    text = []
    for child in element:
        if child.tag == f"{_W}t":
            text.append(child.text or "")
        elif child.tag == f"{_W}tab":
            text.append("\t")
        elif child.tag in (f"{_W}br", f"{_W}cr"):
            text.append(" ")
        elif child.tag == f"{_W}noBreakHyphen":
            text.append("-")
    bold = False
    properties = element.find(f"{_W}rPr")
    if properties is not None:
        b = properties.find(f"{_W}b")
        bold = b is not None and b.get(f"{_W}val", "true").lower() not in ("0", "false", "off")
    return "".join(text), bold


# ----------------------------------------------------------------------------------------------
# Placing paragraphs
# ----------------------------------------------------------------------------------------------


def split_dates(text: str) -> tuple[str, Date | None, Date | None, bool]:
    """("Engineer, Acme", start, end, True) from "Engineer, Acme<TAB>Sep 2024 – Present"."""
    match = _DATES_AT_END.search(text)
    if not match:
        return text, None, None, False
    if match[3]:  # a single date: only after a clear separator, or it is part of a name
        before = text[: match.start()]
        if before.strip() and not re.search(r"(\t|\s{2,}|[|,(—–-])\s*$", before):
            return text, None, None, False
        start, end = parse_date(_month_name(match[3])), None
    else:
        start, end = parse_date(_month_name(match[1])), parse_date(_month_name(match[2]))
        if start is None or end is None:
            return text, None, None, False
    if match[3] and start is None:
        return text, None, None, False
    rest = text[: match.start()].rstrip(" \t|,(—–-:")
    return rest.strip(), start, end, True


def _month_name(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace(",", " ")).strip()


def _strip_bullet(text: str) -> tuple[str, bool]:
    stripped = text.lstrip()
    if stripped and stripped[0] in _BULLET_MARKS and (len(stripped) == 1 or stripped[1] in " \t"):
        return " ".join(stripped[1:].split()), True
    if m := re.match(r"\(?(\d{1,2}|[a-z])[.)]\s+", stripped):  # "1. " or "a) "
        return " ".join(stripped[m.end() :].split()), True
    return " ".join(stripped.split()), False


def _heading_section(paragraph: _Paragraph, past_the_top: bool = True) -> str | None:
    """The section a heading opens; "" for a heading of a section tailor has no place for;
    None when the paragraph is not a heading.

    Heading styles, and short bold or ALL-CAPS lines naming a known section, are headings.
    Past the top, any other short ALL-CAPS line without digits is one too ("REFERENCES",
    "VOLUNTEER LEADERSHIP"): a heading tailor does not know opens a section of its own, whose
    lines are reported, rather than having its lines read as part of the section before.
    """
    key = re.sub(r"[^a-z ]", "", paragraph.clean.lower().replace("&", " and "))
    key = " ".join(key.rstrip(":").split())
    section = _SECTION_OF.get(key)
    styled = paragraph.style.lower().startswith("heading")
    if styled:
        return section or ""
    text = paragraph.clean.rstrip(":")
    short = len(text) <= 40 and len(text.split()) <= 5
    letters = re.sub(r"[^A-Za-z]", "", text)
    capitals = letters.isupper() and len(letters) > 2
    if short and (paragraph.all_bold or capitals) and section is not None:
        return section
    if (
        short
        and capitals
        and past_the_top
        and not re.search(r"\d", text)
        and not _EMAIL.search(text)
        and not _URL.search(text)
    ):
        return ""
    return None


@dataclass
class _Draft:
    """An entry being read: fields fill in as its lines arrive."""

    section: str
    organization: str | None = None
    title: str | None = None
    location: str | None = None
    start: Date | None = None
    end: Date | None = None
    bullets: list[str] = field(default_factory=list)
    source: str = ""  # the role line(s), for notes
    line: str = ""  # the first role line without its dates


@dataclass
class _SchoolDraft:
    institution: str | None = None
    degree: str | None = None
    location: str | None = None
    score: str | None = None
    start: Date | None = None
    end: Date | None = None
    courses: list[str] = field(default_factory=list)


class _Builder:
    def __init__(self) -> None:
        self.unplaced: list[str] = []
        self.section: str | None = None  # None: the top, before any heading
        self.unknown_heading = ""
        self.name: str | None = None
        self.label: str | None = None
        self.email: str | None = None
        self.phone: str | None = None
        self.location: str | None = None
        self.links: list[Link] = []
        self.summary: list[str] = []
        self.entries: dict[str, list[_Draft]] = {
            "experience": [],
            "open_source": [],
            "projects": [],
            "volunteer": [],
        }
        self.schools: list[_SchoolDraft] = []
        self.certifications: list[str] = []
        self.awards: list[str] = []
        self.publications: list[str] = []
        self.skills: list[SkillGroup] = []
        self.languages: list[Language] = []
        self.interests: list[str] = []

    def leave(self, paragraph: _Paragraph | str, why: str) -> None:
        text = paragraph if isinstance(paragraph, str) else paragraph.clean
        self.unplaced.append(f"{why}: {text}")

    # -- dispatch --------------------------------------------------------------------------

    def add(self, paragraph: _Paragraph) -> None:
        section = _heading_section(paragraph, past_the_top=self.section is not None)
        if section is not None and (self.name or self.section is not None):
            self.section = section or "unknown"
            self.unknown_heading = paragraph.clean if not section else ""
            return
        text, marked = _strip_bullet(paragraph.text)
        is_bullet = marked or paragraph.numbered or paragraph.style.lower().startswith("list")
        if not text:
            return
        if self.section not in (None, "skills") and _SKILLS_LINE.match(text):
            self.skills_line(text)
        elif self.section is None:
            self.top(paragraph)
        elif self.section == "unknown":
            self.leave(
                paragraph,
                f"under the heading “{self.unknown_heading}”, which has no place in resume.yaml",
            )
        elif self.section == "summary":
            self.summary.append(text)
        elif self.section in self.entries:
            self.entry_line(paragraph, text, is_bullet)
        elif self.section == "education":
            self.education_line(paragraph, text, is_bullet)
        elif self.section in LIST_SECTIONS:
            getattr(self, self.section).append(text)
        elif self.section == "skills":
            self.skills_line(text)
        elif self.section == "languages":
            self.languages += [_language(item) for item in _items(text)]
        elif self.section == "interests":
            self.interests += _items(text)

    # -- the top: name and contact ---------------------------------------------------------

    def top(self, paragraph: _Paragraph) -> None:
        if self.name is None and not _EMAIL.search(paragraph.clean):
            name = paragraph.clean
            self.name = name.title() if name.isupper() else name
            return
        linked = dict(paragraph.links)
        parts = [
            part.strip()
            for part in re.split(r"\s*[|•·▪◆♦]\s*|\t+|\s{2,}|\s+[–—]\s+", paragraph.text)
            if part.strip()
        ]
        leftover = []
        for part in parts:
            url = linked.get(part)
            if url and url.lower().startswith("mailto:"):
                self.email = self.email or url[7:]
            elif email := _EMAIL.search(part):
                self.email = self.email or email[0]
            elif url:
                self.links.append(Link(part, full_url(url)))
            elif _URL.fullmatch(part.rstrip("/")):
                self.links.append(Link(short_url(part), full_url(part)))
            elif _PHONE.fullmatch(part) and sum(ch.isdigit() for ch in part) >= 7:
                self.phone = self.phone or part
            else:
                leftover.append(part)
        for url in (url for text, url in paragraph.links if text not in parts):
            if not url.lower().startswith("mailto:"):
                self.links.append(Link(short_url(url), full_url(url)))
        for part in leftover:
            if len(parts) == 1 and self.label is None and len(part.split()) <= 8:
                self.label = part  # a line of its own under the name: "Senior Data Engineer"
            elif self.location is None and re.fullmatch(r"[^\d,]+(,\s*[^\d,]+){1,2}", part):
                self.location = part  # "Boulder, CO", "Manchester, England, UK"
            elif len(part.split()) > 8:
                self.summary.append(part)  # a paragraph under the name: the summary
            else:
                self.leave(part, "at the top, neither name, contact nor location")

    # -- experience, open source, projects ---------------------------------------------------

    def entry_line(self, paragraph: _Paragraph, text: str, is_bullet: bool) -> None:
        entries = self.entries[self.section or ""]
        current = entries[-1] if entries else None
        if is_bullet:
            if current is None:
                self.leave(paragraph, f"a bullet in {self.section} before any role line")
            else:
                current.bullets.append(text)
            return
        rest, start, end, dated = split_dates(paragraph.text)
        rest = " ".join(rest.split())
        if not rest:
            if dated and current is not None and current.start is None and not current.bullets:
                current.start, current.end = start, end
            else:
                self.leave(paragraph, f"dates in {self.section} that belong to no role")
            return
        if not dated and current is not None and (len(rest.split()) > 12 or rest.endswith(".")):
            current.bullets.append(text)  # prose under a role: a bullet all the same
            return
        if (
            current is not None
            and not current.bullets
            and not dated
            and current.title
            and current.organization
            and current.location is None
            and not _TITLE_WORDS.search(current.title)
            and _TITLE_WORDS.search(rest)
            and len(rest.split()) <= 8
            and self.section in _PLACED_SECTIONS
        ):
            organization, place = _split_place(current.line, title_known=True)
            if place:  # "Acme Corp, Berlin" then "Senior Engineer": a company and its town
                current.title, current.organization, current.location = rest, organization, place
                current.source += " / " + paragraph.clean
                return
        if (
            current is not None
            and not current.bullets
            and not dated
            and current.start
            and current.title
            and current.organization
            and current.location is None
            and not paragraph.bold_prefix
            and not paragraph.all_bold
            and re.fullmatch(r"[A-Z][^\d,|]*(,\s*[A-Z][^\d,|]*){0,2}", rest)
            and len(rest.split()) <= 5
            and all(word[0].isupper() for word in rest.split())
        ):
            current.location = rest  # tailor sets the city below a long role line
            current.source += " / " + paragraph.clean
            return
        pending = (
            current is not None
            and not current.bullets
            and (current.title is None or current.organization is None)
        )
        if pending and self.section == "experience" and current is not None:
            self.fill(current, rest, paragraph)
            if dated and current.start is None:
                current.start, current.end = start, end
            return
        draft = _Draft(self.section or "", start=start, end=end, source=paragraph.clean, line=rest)
        draft.title, draft.organization, draft.location = _role_parts(
            rest, paragraph, self.section or ""
        )
        entries.append(draft)

    def fill(self, draft: _Draft, rest: str, paragraph: _Paragraph) -> None:
        """The second line of a two-line role: it gives what the first line lacked."""
        draft.source += " / " + paragraph.clean
        if draft.organization is None:
            if draft.title and not _TITLE_WORDS.search(draft.title) and _TITLE_WORDS.search(rest):
                draft.organization, draft.title = draft.title, rest  # "Acme" then "Engineer"
            else:
                draft.organization = rest
                if draft.location is None:  # "Engineer" then "Acme Corp, Berlin"
                    draft.organization, draft.location = _split_place(rest, title_known=True)
        else:
            draft.title = rest

    # -- education ---------------------------------------------------------------------------

    def education_line(self, paragraph: _Paragraph, text: str, is_bullet: bool) -> None:
        current = self.schools[-1] if self.schools else None
        if m := re.match(r"(?:relevant\s+)?(?:courses|coursework|modules)\s*:\s*(.+)", text, re.I):
            if current is None:
                self.leave(paragraph, "courses before any school")
            else:
                current.courses += _items(m[1])
            return
        rest, start, end, dated = split_dates(paragraph.text)
        rest = " ".join(rest.split())
        if is_bullet:
            if current is None:
                self.leave(paragraph, "a bullet in education before any school")
            elif m := re.match(r"(GPA|grade|score)\b.*", text, re.I):
                current.score = current.score or m[0]
            else:
                self.leave(
                    paragraph,
                    "a bullet in education (resume.yaml's education has "
                    "no bullets; courses go in `courses`)",
                )
            return
        if not rest:
            if dated and current is not None and current.start is None and current.end is None:
                current.start, current.end = start, end
            else:
                self.leave(paragraph, "dates in education that belong to no school")
            return
        if (
            current is not None
            and not dated
            and current.degree is None
            and not _INSTITUTION_WORDS.search(rest)
        ):
            current.degree = rest  # the second line: "M.S., Computer Science"
            return
        school = _school(rest, paragraph)
        school.start, school.end = (start, end) if start else (None, end)
        if start and end is None:
            school.start, school.end = None, start  # one date on a degree is when it ended
        self.schools.append(school)

    # -- skills ------------------------------------------------------------------------------

    def skills_line(self, text: str) -> None:
        name, sep, items = text.partition(":")
        if sep and items.strip() and len(name.split()) <= 5:
            values = _items(items)
            spoken = [re.fullmatch(r"(.+?)\s*\((.+)\)", v) for v in values]
            # tailor writes spoken languages as "Languages: English (Native), French".
            if name.strip().lower() in ("languages", "spoken languages") and any(spoken):
                self.languages += [
                    Language(m[1], m[2]) if m else Language(v, None)
                    for m, v in zip(spoken, values, strict=True)
                ]
                return
            self.skills.append(SkillGroup(name.strip(), tuple(values)))
        else:
            self.skills.append(SkillGroup("Skills", tuple(_items(text))))

    # -- the result --------------------------------------------------------------------------

    def finish(self) -> tuple[Resume, list[str]]:
        if not self.name:
            raise UserError("found no name at the top of the Word document.")
        sections: dict[str, list[Entry]] = {
            "experience": [],
            "open_source": [],
            "projects": [],
            "volunteer": [],
        }
        for section, drafts in self.entries.items():
            for draft in drafts:
                target = section
                if section == "experience" and (
                    draft.title is None or draft.start is None or draft.organization is None
                ):
                    missing = " and ".join(
                        what
                        for what, value in (
                            ("company", draft.organization),
                            ("title", draft.title),
                            ("start date", draft.start),
                        )
                        if value is None
                    )
                    self.unplaced.append(
                        f"role “{draft.source}”: found no {missing}, which "
                        "every experience entry needs; placed under projects "
                        "(add them and move it back)"
                    )
                    target = "projects"
                sections[target].append(self.entry(draft, target, len(sections[target])))
        lists: dict[str, Any] = {
            section: tuple(
                _bullet(text, section, None, i) for i, text in enumerate(getattr(self, section))
            )
            for section in LIST_SECTIONS
        }
        education = []
        for school in self.schools:
            if not school.institution:
                self.unplaced.append(f"education “{school.degree}”: found no institution; left out")
                continue
            education.append(
                Education(
                    school.institution,
                    school.degree,
                    school.location,
                    school.score,
                    school.start,
                    school.end,
                    tuple(school.courses),
                )
            )
        basics = Basics(
            name=self.name,
            label=self.label,
            email=self.email,
            phone=self.phone,
            location=self.location,
            links=tuple(dict.fromkeys(self.links)),
        )
        resume = Resume(
            basics=basics,
            summary=tuple(self.summary),
            experience=tuple(sections["experience"]),
            open_source=tuple(sections["open_source"]),
            projects=tuple(sections["projects"]),
            education=tuple(education),
            **lists,
            skills=tuple(self.skills),
            languages=tuple(self.languages),
            interests=tuple(Interest(name) for name in self.interests),
            volunteer=tuple(sections["volunteer"]),
        )
        return resume, self.unplaced

    def entry(self, draft: _Draft, section: str, index: int) -> Entry:
        organization = draft.organization or draft.title or "Untitled"
        title = draft.title if draft.organization else None
        return Entry(
            section=section,
            organization=organization,
            title=title,
            location=draft.location,
            url=None,
            start=draft.start,
            end=draft.end,
            bullets=tuple(_bullet(text, section, index, i) for i, text in enumerate(draft.bullets)),
        )


def _bullet(text: str, section: str, entry: int | None, index: int) -> Bullet:
    return Bullet(
        id=default_bullet_id(section, entry, index), text=text, section=section, entry=entry
    )


_ROLE_SEPARATORS = (
    ("—", False),
    (" – ", False),
    (" | ", False),
    (" @ ", True),
    (" at ", True),
    (", ", True),
)  # (separator, title comes first)
_PLACED_SECTIONS = ("experience", "volunteer")  # an organization's place is read in these
# Where a place may be set off the organization: "Acme, Berlin", "Acme — Berlin, Germany".
_PLACE_SEPARATOR = re.compile(r"\s*,\s+|\s*—\s*|\s+[–|]\s+")
# Regions a place ends with, in lower case: countries, US states and their codes, Canada's
# provinces, the UK's nations. "Acme, Berlin" needs a title known apart to split at all;
# "Acme — Berlin, Germany" ends with one of these, so it splits wherever the title is.
_REGIONS = frozenset(
    """
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia
botswana brazil brunei bulgaria burkina faso burundi cambodia cameroon canada chad chile china
colombia congo costa rica croatia cuba cyprus czechia czech republic denmark djibouti
dominican republic ecuador egypt el salvador estonia eswatini ethiopia fiji finland france
gabon gambia georgia germany ghana greece guatemala guinea guyana haiti honduras hong kong
hungary iceland india indonesia iran iraq ireland israel italy ivory coast jamaica japan jordan
kazakhstan kenya kosovo kuwait kyrgyzstan laos latvia lebanon lesotho liberia libya
liechtenstein lithuania luxembourg macau madagascar malawi malaysia maldives mali malta
mauritania mauritius mexico moldova monaco mongolia montenegro morocco mozambique myanmar
namibia nepal netherlands the netherlands new zealand nicaragua niger nigeria north macedonia
norway oman pakistan panama papua new guinea paraguay peru philippines poland portugal
puerto rico qatar romania russia rwanda saudi arabia senegal serbia sierra leone singapore
slovakia slovenia somalia south africa south korea korea spain sri lanka sudan suriname sweden
switzerland syria taiwan tajikistan tanzania thailand togo trinidad and tobago tunisia turkey
türkiye turkmenistan uganda ukraine united arab emirates uae united kingdom uk u.k. england
scotland wales northern ireland great britain united states usa u.s.a. us u.s. america
uruguay uzbekistan venezuela vietnam viet nam yemen zambia zimbabwe
alabama alaska arizona arkansas california colorado connecticut delaware florida hawaii idaho
illinois indiana iowa kansas kentucky louisiana maine maryland massachusetts michigan
minnesota mississippi missouri montana nebraska nevada new hampshire new jersey new mexico
new york north carolina north dakota ohio oklahoma oregon pennsylvania rhode island
south carolina south dakota tennessee texas utah vermont virginia washington west virginia
wisconsin wyoming district of columbia d.c. dc
al ak az ar ca co ct de fl ga hi id il in ia ks ky la me md ma mi mn ms mo mt ne nv nh nj nm ny
nc nd oh ok or pa ri sc sd tn tx ut vt va wa wv wi wy
alberta british columbia manitoba new brunswick newfoundland nova scotia ontario quebec
québec saskatchewan ab bc mb nb nl ns on qc sk
remote hybrid""".replace("\n", " ").split(" ")
) | {
    "burkina faso",
    "costa rica",
    "czech republic",
    "dominican republic",
    "el salvador",
    "hong kong",
    "ivory coast",
    "new zealand",
    "north macedonia",
    "the netherlands",
    "papua new guinea",
    "puerto rico",
    "saudi arabia",
    "sierra leone",
    "south africa",
    "south korea",
    "sri lanka",
    "trinidad and tobago",
    "united arab emirates",
    "united kingdom",
    "northern ireland",
    "great britain",
    "united states",
    "viet nam",
    "new hampshire",
    "new jersey",
    "new mexico",
    "new york",
    "north carolina",
    "north dakota",
    "rhode island",
    "south carolina",
    "south dakota",
    "west virginia",
    "district of columbia",
    "british columbia",
    "new brunswick",
    "nova scotia",
} - {""}
# Words that end a company's name, never a place: "Acme, Inc.", "Parcelwise, Ltd".
_COMPANY_SUFFIX = re.compile(
    r"\b(inc|llc|llp|ltd|limited|corp|corporation|co|company|plc|gmbh|ag|sa|s\.a|sas|sarl|"
    r"srl|spa|bv|nv|ab|as|oy|pty|pvt|kg|group|holdings|partners|labs?|studios?|systems|"
    r"technologies|solutions|services|foundation|bank|agency)\b\.?",
    re.I,
)


def _is_region(text: str) -> bool:
    return " ".join(text.lower().split()) in _REGIONS


def _place_shaped(text: str) -> bool:
    """A town's name: up to three capitalised words ("Saint Paul", "Rio de Janeiro"), no
    digits, no "&", no title, school or company word."""
    words = text.split()
    return (
        0 < len(words) <= 4
        and words[0][:1].isupper()
        and words[-1][:1].isupper()
        and all(re.fullmatch(r"[^\W\d_][\w.'’-]*", word) for word in words)
        and sum(word[:1].isupper() for word in words) <= 3
        and not (
            _TITLE_WORDS.search(text)
            or _INSTITUTION_WORDS.search(text)
            or _COMPANY_SUFFIX.search(text)
        )
    )


def _split_place(text: str, title_known: bool) -> tuple[str, str | None]:
    """An organization's text and the place set after it, if any: "Acme Corp, Berlin" (only
    when `title_known`: "Barista, Starbucks" is no place), "Acme Corp — Berlin, Germany",
    "Acme, Remote". The organization must keep some text."""
    cuts = list(_PLACE_SEPARATOR.finditer(text))
    for cut in cuts:  # the longest place first: "Berlin, Germany" before "Germany"
        head, place = text[: cut.start()].strip(), text[cut.end() :].strip()
        parts = [part.strip() for part in place.split(",")]
        if (
            not head
            or len(parts) > 3
            or not all(_place_shaped(part) or _is_region(part) for part in parts)
        ):
            continue
        if (
            not title_known
            and _TITLE_WORDS.search(head)
            and not any(separator in head for separator, _ in _ROLE_SEPARATORS)
        ):
            continue  # "Engineer, Acme, Germany": Acme is the company, not a town
        if _is_region(parts[-1]) or (title_known and len(parts) == 1):
            return head, place
    return text, None


def _role_parts(
    rest: str, paragraph: _Paragraph, section: str
) -> tuple[str | None, str | None, str | None]:
    """(title, organization, location) of a role line with its dates taken off."""
    bold = paragraph.bold_prefix
    tail = paragraph.tail_runs
    # tailor's own line: "**Title**, Company, Location", each part its own run.
    if (
        bold
        and len(tail) == 2
        and all(run.startswith(", ") for run in tail)
        and " ".join((bold + "".join(tail)).split()) == rest
        and (section == "experience" or _TITLE_WORDS.search(bold))
    ):
        return bold, tail[0][2:].strip(), tail[1][2:].strip()
    if (
        bold
        and len(tail) == 1
        and tail[0].startswith(", ")
        and section != "experience"
        and not _TITLE_WORDS.search(bold)
        and " ".join((bold + tail[0]).split()) == rest
    ):
        return None, bold, tail[0][2:].strip()  # "**Project**, Location"
    if section not in _PLACED_SECTIONS:
        title, organization = _title_and_organization(rest, paragraph, section)
        return title, organization, None
    # A place at the end: "Engineer | Acme — Berlin, Germany", "Engineer, Acme Corp, Berlin".
    rest, location = _split_place(rest, title_known=False)
    title, organization = _title_and_organization(rest, paragraph, section)
    if location is None and title and organization:
        organization, location = _split_place(organization, title_known=True)
    return title, organization, location


def _title_and_organization(
    rest: str, paragraph: _Paragraph, section: str
) -> tuple[str | None, str | None]:
    bold = paragraph.bold_prefix
    first = second = None
    title_first = True
    if bold and rest.startswith(bold) and len(rest) > len(bold):
        remainder = rest[len(bold) :]
        for separator, title_leads in _ROLE_SEPARATORS:
            if m := re.match(rf"\s*{re.escape(separator.strip())}\s", remainder):
                first, second = bold, remainder[m.end() :].strip()
                title_first = title_leads
                break
    if first is None:
        for separator, title_leads in _ROLE_SEPARATORS:
            if separator in rest:
                first, second = (part.strip() for part in rest.split(separator, 1))
                title_first = title_leads
                break
    if first is None or not second:
        # One piece: a title (experience, or it reads like one) or an organization's name.
        if section == "experience" and (paragraph.all_bold or _TITLE_WORDS.search(rest)):
            return rest, None
        return (
            (rest, None) if _TITLE_WORDS.search(rest) and section == "experience" else (None, rest)
        )
    # The words decide when they can: "Acme — Senior Engineer" vs "Senior Engineer, Acme".
    first_titled, second_titled = (
        bool(_TITLE_WORDS.search(first)),
        bool(_TITLE_WORDS.search(second)),
    )
    if first_titled != second_titled:
        title_first = first_titled
    if section != "experience" and not first_titled and not second_titled and not bold:
        return None, rest  # a project's name with a comma in it
    return (first, second) if title_first else (second, first)


def _school(rest: str, paragraph: _Paragraph) -> _SchoolDraft:
    school = _SchoolDraft()
    if m := re.search(r"\s*\(([^()]*)\)\s*$", rest):  # "(Boulder, CO, GPA 3.97)"
        details = [d.strip() for d in m[1].split(",") if d.strip()]
        rest = rest[: m.start()]
        if details and re.search(
            r"\d|gpa|honou?rs|distinction|merit|cum laude|first|class", details[-1], re.I
        ):
            school.score = details.pop()
        school.location = ", ".join(details) or None
    bold = paragraph.bold_prefix
    runs_bold = [text.strip() for text, is_bold in paragraph.runs if is_bold and text.strip()]
    institution = next(
        (b for b in runs_bold if b in rest and _INSTITUTION_WORDS.search(b)), None
    ) or (
        runs_bold[0]
        if len(runs_bold) == 1 and runs_bold[0] in rest and runs_bold[0] != rest.strip()
        else None
    )
    if institution is None and bold:
        institution = bold if bold in rest else None
    if institution is None:
        parts = [p.strip() for p in re.split(r"\s+[—–|]\s+|,\s+", rest) if p.strip()]
        institution = next((p for p in parts if _INSTITUTION_WORDS.search(p)), None)
        if institution is None:
            institution = rest.strip()
    before, _, after = rest.partition(institution)
    degree = ", ".join(p for p in (before.strip(" ,—–|-"), after.strip(" ,—–|-")) if p)
    school.institution, school.degree = institution, degree or None
    return school


def _items(text: str) -> list[str]:
    return [" ".join(item.split()) for item in re.split(r"[,;|•·]", text) if item.strip()]


def _language(text: str) -> Language:
    if m := re.fullmatch(r"(.+?)\s*(?:\((.+)\)|[:–—-]\s*(.+))", text):
        return Language(m[1].strip(), (m[2] or m[3] or "").strip() or None)
    return Language(text, None)
