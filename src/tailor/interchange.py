"""The file side of import and export: other résumé formats in, JSON Resume out.

The converters (jsonresume.py, docx_import.py) work on data; this reads and checks the files,
turns every way a file can be wrong into a UserError, and builds what `tailor export` writes.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

from tailor.errors import UserError
from tailor.files import read_bounded
from tailor.layout import DEFAULT_PAPER, Page
from tailor.resume import (
    ENTRY_SECTIONS,
    LIST_SECTIONS,
    PROJECT_SECTIONS,
    WORK_SECTIONS,
    Resume,
    one_paragraph,
)
from tailor.resume_yaml import load_resume

MAX_IMPORT_BYTES = 20_000_000  # a Word résumé with photos is a few MB; more is not a résumé
MAX_JSON_BYTES = 2_000_000  # text only, like resume.yaml, which it becomes
MAX_BULLETS = 5_000  # a long career has a few hundred
IMPORT_FORMATS = {".json": "JSON Resume", ".docx": "Word"}


def import_file(path: Path) -> tuple[Resume, list[str]]:
    """A draft Resume from a JSON Resume (.json) or Word (.docx) file, and what had no place.

    Raises:
        UserError: unsupported extension, unreadable file, or content that is not what its
            extension says.
    """
    suffix = path.suffix.lower()
    if suffix not in IMPORT_FORMATS:
        kinds = ", ".join(f"{ext} ({name})" for ext, name in IMPORT_FORMATS.items())
        hint = (
            "Save it from Word as .docx."
            if suffix in (".doc", ".pdf", ".rtf", ".odt", ".pages")
            else None
        )
        raise UserError(
            f"{path}: cannot import `{suffix or 'a file without extension'}` "
            f"files; tailor imports {kinds}.",
            hint,
        )
    data = read_bounded(path, MAX_JSON_BYTES if suffix == ".json" else MAX_IMPORT_BYTES, "a résumé")
    # Parsed before the try: its errors name the path already. Any: a JSON document.
    document: Any = parse_json(data, path) if suffix == ".json" else None
    try:
        if suffix == ".json":
            from tailor.jsonresume import from_json_resume

            resume, notes = from_json_resume(document)
        else:
            from tailor.docx_import import import_docx

            resume, notes = import_docx(data)
    except UserError as error:
        raise UserError(f"{path}: {error.message}", error.hint) from None
    if len(resume.bullets()) > MAX_BULLETS:
        raise UserError(
            f"{path}: {len(resume.bullets()):,} bullets; a résumé has a few "
            f"hundred at most (limit {MAX_BULLETS:,}), so this is not one."
        )
    return without_unsafe_links(resume, notes)


def _without_lone_surrogates(value: Any) -> Any:
    """JSON's `\\ud800` escapes that pair with nothing are not text (no file can hold them):
    each becomes U+FFFD, as a decoder does with a broken byte."""
    if isinstance(value, str):
        return (
            value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
            if any("\ud800" <= ch <= "\udfff" for ch in value)
            else value
        )
    if isinstance(value, list):
        return [_without_lone_surrogates(item) for item in value]
    if isinstance(value, dict):
        return {
            _without_lone_surrogates(key): _without_lone_surrogates(item)
            for key, item in value.items()
        }
    return value


def without_unsafe_links(resume: Resume, notes: list[str]) -> tuple[Resume, list[str]]:
    """The imported résumé with only web and e-mail links (links.py says why) in its profiles,
    entries, schools, credits and photo, and a note for each link left out: an imported file
    is untrusted, and JSON Resume themes make every url a link.

    The photo (basics.image) follows the same rule though tailor's page never shows it: the
    JSON export hands it on to themes, which put it in an <img> or a link, where `file:`
    opens the reader's own files, a network path sends their Windows credentials and `data:`
    can carry a script (SVG, HTML). One rule for every address an import brings, and the page
    loses nothing.
    """
    from tailor.links import link_problem

    notes = list(notes)

    def keep(where: str, url: str | None) -> bool:
        problem = link_problem(url) if url else None
        if problem and url:
            shown = url if len(url) <= 200 else url[:197] + "…"  # a data: photo is ~100 kB
            notes.append(f"{where}: the link `{shown}` {problem}; left out.")
        return problem is None

    links = tuple(
        link
        for i, link in enumerate(resume.basics.links)
        if keep(f"basics.links[{i}] ({link.label})", link.url)
    )
    image = resume.basics.image if keep("basics.image", resume.basics.image) else None
    sections: dict[str, Any] = {
        section: tuple(
            replace(
                entry,
                url=entry.url
                if keep(f"{section}[{i}] ({entry.organization})", entry.url)
                else None,
            )
            for i, entry in enumerate(resume.entries(section))
        )
        for section in ENTRY_SECTIONS
    }
    education = tuple(
        replace(
            school,
            url=school.url if keep(f"education[{i}] ({school.institution})", school.url) else None,
        )
        for i, school in enumerate(resume.education)
    )
    credits: dict[str, Any] = {
        section: tuple(
            bullet
            if bullet.credit is None
            or keep(f"{section}[{i}] ({bullet.credit.title})", bullet.credit.url)
            else replace(bullet, credit=replace(bullet.credit, url=None))
            for i, bullet in enumerate(getattr(resume, section))
        )
        for section in LIST_SECTIONS
    }
    return replace(
        resume,
        basics=replace(resume.basics, links=links, image=image),
        education=education,
        **sections,
        **credits,
    ), notes


def parse_json(data: bytes, path: Path) -> Any:
    """JSON text, or a UserError naming the line and column of the first problem."""
    from tailor.files import utf16_encoding

    utf16 = utf16_encoding(data)  # Windows tools save UTF-16, often without a byte-order mark
    try:
        text = data.decode(utf16 or "utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise UserError(
            f"{path}:{line}: is not {'UTF-16' if utf16 else 'UTF-8'} text; save the file as UTF-8."
        ) from None
    try:
        return _without_lone_surrogates(json.loads(text, parse_int=_json_integer))
    except json.JSONDecodeError as error:
        raise UserError(
            f"{path}:{error.lineno}:{error.colno}: invalid JSON: {error.msg}.",
            "Check for a missing comma or quote, or a trailing comma, just before that point.",
        ) from None
    except RecursionError:
        raise UserError(f"{path}: the JSON is nested too deeply to be a résumé.") from None


def _json_integer(digits: str) -> int | str:
    """A JSON integer; one too long for Python to read as a number (over 4,300 digits, the
    guard against slow conversions) is no count a résumé holds: it stays the text it was."""
    return int(digits) if len(digits) <= 4_000 else digits


def export_json_resume(
    resume_path: Path, *, one_page: bool = False, paper: str = DEFAULT_PAPER
) -> tuple[dict[str, Any], Resume, int]:
    """The résumé as a JSON Resume document: all of it, or with `one_page` exactly what
    `tailor export --one-page` puts on the page. Needs no model.

    Returns the document, the résumé it was written from, and how many bullets it holds.
    """
    from tailor.jsonresume import to_json_resume

    resume = load_resume(resume_path)
    selection = None
    if one_page:
        from tailor.layout import fit_in_resume_order

        page = fit_in_resume_order(resume, paper)
        resume, selection = resume_on_page(resume, page), set(page.kept)
    count = sum(1 for bullet in resume.bullets() if selection is None or bullet.id in selection)
    return to_json_resume(resume, selection), resume, count


def resume_on_page(resume: Resume, page: Page) -> Resume:
    """The résumé cut down to what the fitted page shows, read off the page: its roles and
    projects, the summary it chose (no alternatives), its skills lines, interests and
    references only when shown, and without the lines it left out as too long. Which of the
    remaining lines are on it is `page.kept`; bullet ids stay explicit where entries go."""
    from tailor.layout import without_lines

    # What fit_page left out as too long is neither kept nor cut: it left the résumé.
    too_long = {bullet.id for bullet in resume.bullets()} - set(page.kept) - set(page.cut)
    resume = without_lines(resume, too_long) if too_long else resume
    gone = _left_out(resume, ("experience",), page.omitted_roles, page.kept) | _left_out(
        resume, PROJECT_SECTIONS, page.omitted_projects, page.kept
    )
    summary = (
        resume.summary
        if page.summary == one_paragraph(resume.summary)
        else (page.summary,)
        if page.summary
        else ()
    )
    kept: dict[str, Any] = {
        section: tuple(
            entry for i, entry in enumerate(resume.entries(section)) if (section, i) not in gone
        )
        for section in WORK_SECTIONS
    }
    return replace(
        resume,
        summary=summary,
        summaries=(),
        **kept,
        skills=tuple(group for group in resume.skills if group.name in page.skills),
        interests=resume.interests if "interests" in page.optional_sections else (),
        references=resume.references if "references" in page.optional_sections else (),
    )


def _left_out(
    resume: Resume, sections: tuple[str, ...], labels: tuple[str, ...], kept: tuple[str, ...]
) -> set[tuple[str, int]]:
    """The (section, index) of the entries the page names as left out. The page names them by
    label, which two entries can share (a return to the same company and title), so a name
    stands for the entries layout leaves out first: a project whose lines are all off the
    page (never shown), then the oldest without a line on the page."""
    wanted = Counter(labels)
    found: set[tuple[str, int]] = set()
    shown = set(kept)
    entries = [
        (section, i, entry)
        for section in sections
        for i, entry in enumerate(resume.entries(section))
    ]
    for section, i, entry in sorted(
        entries, key=lambda item: (item[0] == "experience" or not item[2].evidence, item[2].recency)
    ):
        if wanted[entry.label] and not any(b.id in shown for b in entry.evidence):
            wanted[entry.label] -= 1
            found.add((section, i))
    return found
