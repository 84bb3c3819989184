"""The page: what goes on it, how tall it is, and which bullets must go so it fits on one.

The same `Block` list feeds both the height prediction here and the DOCX writer (render.py), and
both take their sizes from `block_style`, so what is measured is what is written. Heights come
from Carlito's advance widths (metric-compatible with Calibri) and the page geometry; tests
check the prediction against LibreOffice's real layout.
"""

from __future__ import annotations

import functools
import json
import math
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from importlib import resources
from typing import Any

from tailor.errors import UserError
from tailor.resume import (
    ENTRY_SECTIONS,
    LIST_SECTIONS,
    OPTIONAL_SECTIONS,
    PROJECT_SECTIONS,
    SECTION_TITLES,
    Bullet,
    Entry,
    Resume,
    one_paragraph,
)

POINTS_PER_INCH = 72.0
PAPERS = {"letter": (612.0, 792.0), "a4": (595.3, 841.9)}  # width, height in points
DEFAULT_PAPER = "letter"
RECENT_ROLES = 3  # the most recent roles always keep at least their best bullet
# Older roles with no bullet on the page still show as a title line, for an unbroken timeline;
# beyond this many they would crowd out the bullets, so the oldest are left out (and named).
MAX_BARE_ROLES = 4
# Projects with no bullets at all show as a name line each; a long career can list 150 of them
# (JSON Resume projects often have a description and no highlights). The most recent few stay.
MAX_BARE_PROJECTS = 3
# A required item (the summary, a skills line, a pinned or protected bullet) taller than this
# is what gets left out, with a message, when nothing else makes the page fit.
OVERLONG_LINES = 3


@dataclass(frozen=True, slots=True)
class Theme:
    font: str = "Calibri"
    body_pt: float = 10.5
    name_pt: float = 18.0
    heading_pt: float = 11.5
    margin_in: float = 0.6
    bullet_indent_pt: float = 14.0
    entry_space_pt: float = 3.0
    heading_space_before_pt: float = 7.0
    heading_space_after_pt: float = 2.0
    # Lines kept free at the bottom: Word and LibreOffice can differ by a line or two.
    headroom_lines: float = 2.0


@dataclass(frozen=True, slots=True)
class Run:
    text: str
    bold: bool = False
    italic: bool = False
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph of the résumé."""

    kind: str  # "name" | "contact" | "heading" | "entry" | "bullet" | "text"
    runs: tuple[Run, ...]
    right: str = ""  # right-aligned at a tab stop, e.g. the dates of a role
    bullet_id: str | None = None

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True, slots=True)
class BlockStyle:
    size_pt: float
    space_before_pt: float = 0.0
    space_after_pt: float = 0.0
    left_indent_pt: float = 0.0
    hanging_pt: float = 0.0
    centered: bool = False
    bold: bool = False
    border_below: bool = False


@functools.lru_cache(maxsize=256)
def block_style(kind: str, theme: Theme) -> BlockStyle:
    body = theme.body_pt
    return {
        "name": BlockStyle(theme.name_pt, space_after_pt=1, centered=True, bold=True),
        "contact": BlockStyle(body - 0.5, space_after_pt=2, centered=True),
        "heading": BlockStyle(
            theme.heading_pt,
            theme.heading_space_before_pt,
            theme.heading_space_after_pt,
            bold=True,
            border_below=True,
        ),
        "entry": BlockStyle(body, space_before_pt=theme.entry_space_pt),
        "bullet": BlockStyle(
            body, left_indent_pt=theme.bullet_indent_pt, hanging_pt=theme.bullet_indent_pt * 0.7
        ),
        "text": BlockStyle(body, space_after_pt=1),
    }[kind]


@dataclass(frozen=True, slots=True)
class Page:
    blocks: tuple[Block, ...]
    kept: tuple[str, ...]  # bullet ids on the page, in page order
    cut: tuple[str, ...]  # bullet ids left out to fit
    height_pt: float
    usable_pt: float  # page height minus margins
    paper: str
    theme: Theme
    # What the page shows besides its entries and lines, as data: a reader (the one-page
    # export) must not find it by a heading's text, which is wording and may change.
    summary: str  # the summary on the page; "" when it shows none
    skills: tuple[str, ...]  # the names of the skill groups on the page
    optional_sections: tuple[str, ...]  # those of OPTIONAL_SECTIONS the page shows
    omitted_roles: tuple[str, ...] = ()  # roles left out to fit (oldest first), never silently
    omitted_projects: tuple[str, ...] = ()  # open source and projects not on the page
    omitted_items: tuple[str, ...] = ()  # items too long for the page, each said in words

    @property
    def estimated_pages(self) -> int:
        return max(1, math.ceil(self.height_pt / self.usable_pt - 1e-9))

    @property
    def fill(self) -> float:
        """How much of the space between the margins the text takes, 0–1."""
        return self.height_pt / self.usable_pt


# ----------------------------------------------------------------------------------------------
# Composing the page
# ----------------------------------------------------------------------------------------------


def compose(
    resume: Resume,
    kept: Collection[str],
    omitted_roles: Collection[int] = (),
    omitted_projects: Collection[tuple[str, int]] = (),
) -> list[Block]:
    """The résumé as paragraphs, with only the bullets in `kept` (original order kept) and
    without the experience entries whose indexes are in `omitted_roles`, nor the bullet-less
    open source and project entries (section, index) in `omitted_projects`."""
    blocks = [Block("name", (Run(resume.basics.name),))]
    if resume.basics.label:  # the headline under the name, set like the contact line
        blocks.append(Block("contact", (Run(resume.basics.label, bold=True),)))
    contact = _contact_runs(resume)
    if contact:
        blocks.append(Block("contact", contact))
    summary = shown_summary(resume)
    if summary:
        blocks += [_heading("Summary"), Block("text", (Run(summary),))]
    for section in ENTRY_SECTIONS:
        entries = resume.entries(section)
        # A role stays unless left out; a project without bullets stays unless left out.
        shown = [
            e
            for i, e in enumerate(entries)
            if any(b.id in kept for b in e.evidence)
            or (
                i not in omitted_roles
                if section == "experience"
                else not e.evidence and (section, i) not in omitted_projects
            )
        ]
        if not shown:
            continue
        blocks.append(_heading(SECTION_TITLES[section]))
        for entry in shown:
            blocks.append(_entry_block(entry))
            if entry.summary and entry.summary.id in kept:  # the entry's own line, unbulleted
                blocks.append(
                    Block(
                        "text", (Run(entry.summary.text, italic=True),), bullet_id=entry.summary.id
                    )
                )
            blocks += [
                Block("bullet", (Run(b.text),), bullet_id=b.id)
                for b in entry.bullets
                if b.id in kept
            ]
    if resume.education:
        blocks.append(_heading("Education"))
        for school in resume.education:
            detail = ", ".join(filter(None, [school.location, school.score]))
            runs = [
                Run(school.qualification + ", " if school.qualification else ""),
                Run(school.institution, bold=True),
            ]
            if detail:
                runs.append(Run(f" ({detail})"))
            blocks.append(Block("entry", tuple(r for r in runs if r.text), right=school.period))
    for section in LIST_SECTIONS:
        chosen = [b for b in getattr(resume, section) if b.id in kept]
        if chosen:
            blocks.append(_heading(SECTION_TITLES[section]))
            blocks += [Block("bullet", (Run(b.page_text),), bullet_id=b.id) for b in chosen]
    lines = [(group.name, ", ".join(group.items)) for group in resume.skills if group.items]
    if resume.languages:
        # A skill group may be called "Languages" too (programming ones): say which is which.
        clash = any(name.casefold() == "languages" for name, _ in lines)
        lines.append(
            (
                "Spoken languages" if clash else "Languages",
                ", ".join(
                    f"{lang.name} ({lang.level})" if lang.level else lang.name
                    for lang in resume.languages
                ),
            )
        )
    # Skills given one by one (a name, maybe a level) share one unlabelled line.
    single = ", ".join(group.name for group in resume.skills if not group.items)
    if lines or single:
        blocks.append(_heading("Skills"))
        blocks += [
            Block("text", (Run(f"{name}: ", bold=True), Run(items))) for name, items in lines
        ]
        if single:
            blocks.append(Block("text", (Run(single),)))
    return blocks + _optional_sections(resume)


def shown_summary(resume: Resume) -> str:
    """The summary the page shows: the résumé's own, else the first of its alternatives."""
    return one_paragraph(resume.summary) or next(iter(resume.summaries), "")


def shown_optional_sections(resume: Resume) -> tuple[str, ...]:
    """Those of interests and references the page shows: asked for by resume.yaml's `show`,
    and not empty."""
    return tuple(
        section
        for section in OPTIONAL_SECTIONS
        if section in resume.show and getattr(resume, section)
    )


def _optional_sections(resume: Resume) -> list[Block]:
    """Interests and references, which the page shows only when resume.yaml's `show` asks."""
    blocks = []
    shown = shown_optional_sections(resume)
    if "interests" in shown:
        blocks += [
            _heading("Interests"),
            Block("text", (Run(", ".join(map(str, resume.interests))),)),
        ]
    if "references" in shown:
        blocks.append(_heading("References"))
        for reference in resume.references:
            contact = ", ".join(filter(None, (reference.email, reference.phone)))
            runs = [Run(reference.name, bold=True)]
            if reference.relationship:
                runs.append(Run(f", {reference.relationship}"))
            if contact:
                runs.append(Run(f" ({contact})"))
            blocks.append(Block("text", tuple(runs)))
    return blocks


def _heading(title: str) -> Block:
    return Block("heading", (Run(title),))


def _entry_block(entry: Entry) -> Block:
    runs: tuple[Run, ...]
    if entry.title:
        runs = (Run(entry.title, bold=True), Run(", " + entry.organization))
    else:
        runs = (Run(entry.organization, bold=True),)
    if entry.location:
        runs += (Run(f", {entry.location}"),)
    return Block("entry", runs, right=entry.period)


def _contact_runs(resume: Resume) -> tuple[Run, ...]:
    basics = resume.basics
    parts: list[Run] = []
    if basics.email:
        parts.append(Run(basics.email, url=f"mailto:{basics.email}"))
    if basics.phone:
        parts.append(Run(basics.phone))
    if basics.location:
        parts.append(Run(basics.location))
    parts += [Run(link.label, url=link.url) for link in basics.links]
    runs: list[Run] = []
    for i, part in enumerate(parts):
        if i:
            runs.append(Run("  |  "))
        runs.append(part)
    return tuple(runs)


# ----------------------------------------------------------------------------------------------
# Measuring
# ----------------------------------------------------------------------------------------------


# A character in none of the measured fonts (tailor cannot know which font will draw it) counts
# this many em: wider than nearly every glyph of the fallback fonts, so the prediction errs
# towards more lines. Ideographs, kana and hangul, square in every font made for them, count 1.
UNKNOWN_EM = 1.5


@dataclass(frozen=True)
class _FontMetrics:
    units_per_em: int
    line_height: float  # in em
    widths: dict[str, dict[int, int]] = field(repr=False)

    def width(self, text: str, size_pt: float, bold: bool = False, italic: bool = False) -> float:
        style = ("bold" if bold else "") + ("italic" if italic else "") or "regular"
        table = self.widths[style]
        return (
            sum(
                table[cp] if (cp := ord(ch)) in table else _unknown_em(cp) * self.units_per_em
                for ch in text
            )
            * size_pt
            / self.units_per_em
        )


@functools.lru_cache(maxsize=4096)
def _unknown_em(codepoint: int) -> float:
    """The width of a character in none of the fonts measured, in em."""
    character = chr(codepoint)
    category = unicodedata.category(character)
    if category in ZERO_WIDTH:
        return 0.0
    if unicodedata.east_asian_width(character) in "WF" and category in ("Lo", "Lm"):
        return 1.0
    return UNKNOWN_EM


# Combining marks sit on the letter before them, format characters (zero-width space and
# joiners, direction marks, soft hyphens) are not drawn: they take no room on the line.
ZERO_WIDTH = ("Mn", "Me", "Cf")


@functools.cache
def font_metrics() -> _FontMetrics:
    """Widths of every glyph Carlito has (Calibri's metrics), and of the characters it lacks
    as the widest fallback font draws them (scripts/font_metrics.py measured both); a no-break
    space is as wide as a space, combining marks and format characters take no width."""
    data = json.loads(resources.files("tailor").joinpath("data/carlito.json").read_text("utf-8"))

    def table(runs: dict[str, list[int]]) -> dict[int, int]:
        return {int(start) + i: w for start, run in runs.items() for i, w in enumerate(run)}

    fallback = table(data["fallback"])
    widths = {}
    for style, runs in data["styles"].items():
        merged = {**fallback, **table(runs)}
        merged[0xA0] = merged[0x20]  # no-break space: a space where no line may break
        widths[style] = {
            cp: 0 if unicodedata.category(chr(cp)) in ZERO_WIDTH else w for cp, w in merged.items()
        }
    return _FontMetrics(data["units_per_em"], data["line_height"], widths)


def _pieces(runs: tuple[Run, ...]) -> list[tuple[str, bool, bool]]:
    """Split runs into break units: words with their trailing space, and hyphen-ended parts,
    since line breaks fall after spaces and hyphens."""
    return [(piece, run.bold, run.italic) for run in runs for piece in _PIECE.findall(run.text)]


# A break unit: leading spaces, then text up to and including its first space, hyphen, dash or
# slash (or to the end); spaces left at the very end form a unit of their own.
_PIECE = re.compile(r" *(?:[^ \-–/]*[\-–/]|[^ \-–/]+ ?)| +\Z")


@functools.lru_cache(maxsize=65536)
def _piece_width(text: str, size_pt: float, bold: bool, italic: bool) -> tuple[float, float]:
    """A break unit's width and that of its trailing spaces: words recur across bullets, and
    measuring them once keeps `tailor check` on thousands of bullets instant."""
    metrics = font_metrics()
    return (
        metrics.width(text, size_pt, bold, italic),
        metrics.width(text[len(text.rstrip(" ")) :], size_pt, bold, italic),
    )


@functools.lru_cache(maxsize=8192)
def count_lines(
    runs: tuple[Run, ...], width_pt: float, size_pt: float, first_line_width_pt: float | None = None
) -> int:
    """How many lines the runs wrap to, breaking greedily as Word and LibreOffice do."""
    lines, used = 1, 0.0
    limit = first_line_width_pt if first_line_width_pt is not None else width_pt
    for text, bold, italic in _pieces(runs):
        piece, trailing = _piece_width(text, size_pt, bold, italic)
        if used and used + piece - trailing > limit:
            lines, used, limit = lines + 1, 0.0, width_pt
        while piece - trailing > limit:  # a word wider than the line is broken by force
            lines += 1
            piece -= limit
            limit = width_pt
        used += piece
    return lines


def role_lines(
    block: Block, theme: Theme, text_width_pt: float
) -> tuple[tuple[Run, ...], tuple[Run, ...]]:
    """An entry's runs on the line with its dates, and those set on a second line below it.

    Dates sit at a right tab stop; when "Title, Company, City" and the dates do not fit one
    line, Word would push the dates (or half of them) to the next line. So the line is cut
    by design before its last part that fits, at a ", ": the city goes below, or the company
    and city. The layout model measures this and render.py writes it, from this one function.
    """
    if block.kind != "entry" or not block.right:
        return block.runs, ()
    style = block_style(block.kind, theme)
    width = text_width_pt - style.left_indent_pt
    right = font_metrics().width(block.right, style.size_pt) + style.size_pt
    if count_lines(block.runs, width, style.size_pt, width - right) == 1:
        return block.runs, ()
    for cut in range(len(block.runs) - 1, 0, -1):
        first, rest = block.runs[:cut], block.runs[cut:]
        if (
            rest[0].text.startswith(", ")
            and count_lines(first, width, style.size_pt, width - right) == 1
        ):
            return first, (replace(rest[0], text=rest[0].text[2:]), *rest[1:])
    return block.runs, ()  # even the title alone is too long: it wraps, as any text does


@functools.lru_cache(maxsize=16384)
def block_height(block: Block, theme: Theme, text_width_pt: float) -> float:
    style = block_style(block.kind, theme)
    metrics = font_metrics()
    width = text_width_pt - style.left_indent_pt
    if block.right:
        # Dates sit at the right tab stop: the text before them has the line minus the dates.
        right = metrics.width(block.right, style.size_pt) + style.size_pt
        first, second = role_lines(block, theme, text_width_pt)
        lines = count_lines(first, width, style.size_pt, width - right)
        if second:
            lines += count_lines(second, width, style.size_pt)
    else:
        lines = count_lines(block.runs, width, style.size_pt)
    height = lines * style.size_pt * metrics.line_height
    border = 2.0 if style.border_below else 0.0  # rule below headings: width plus its spacing
    return style.space_before_pt + height + style.space_after_pt + border


def content_height(blocks: list[Block], theme: Theme, paper: str) -> float:
    """The height in points the blocks take on the page (`rank.measure` measures signals)."""
    width = text_width(theme, paper)
    return sum(block_height(block, theme, width) for block in blocks)


def text_width(theme: Theme, paper: str) -> float:
    """The width between the margins, in points: what a line of the page may fill."""
    return PAPERS[paper][0] - 2 * theme.margin_in * POINTS_PER_INCH


def usable_height(theme: Theme, paper: str) -> float:
    return PAPERS[paper][1] - 2 * theme.margin_in * POINTS_PER_INCH


def check_paper(paper: str) -> None:
    if paper not in PAPERS:
        raise UserError(f"unknown paper size `{paper}`; use one of: {', '.join(PAPERS)}.")


# ----------------------------------------------------------------------------------------------
# Fitting
# ----------------------------------------------------------------------------------------------


def full_page(resume: Resume, paper: str = "letter", theme: Theme | None = None) -> Page:
    """Every bullet, nothing cut: the untailored résumé, which may run over several pages."""
    theme = theme or Theme()
    check_paper(paper)
    blocks = compose(resume, {bullet.id for bullet in resume.bullets()})
    return _page(resume, blocks, (), theme, paper)


def _page(
    resume: Resume,
    blocks: list[Block],
    cut: tuple[str, ...],
    theme: Theme,
    paper: str,
    omitted_roles: tuple[str, ...] = (),
    omitted_projects: tuple[str, ...] = (),
) -> Page:
    """The Page of `blocks`, composed from `resume`: what it shows is said from the same
    rules compose follows (it shows every skill group of the résumé it is given)."""
    return Page(
        tuple(blocks),
        tuple(b.bullet_id for b in blocks if b.bullet_id),
        cut,
        content_height(blocks, theme, paper),
        usable_height(theme, paper),
        paper,
        theme,
        summary=shown_summary(resume),
        skills=tuple(group.name for group in resume.skills),
        optional_sections=shown_optional_sections(resume),
        omitted_roles=omitted_roles,
        omitted_projects=omitted_projects,
    )


# Tighter themes, tried in order only when the content that must stay does not fit: spacing
# first, then margins, then type size, never below readable bounds (body 10 pt, margins 0.5 in).
TIGHTER_THEMES = (
    Theme(entry_space_pt=2.0, heading_space_before_pt=5.0, heading_space_after_pt=1.0),
    Theme(
        entry_space_pt=2.0, heading_space_before_pt=5.0, heading_space_after_pt=1.0, margin_in=0.5
    ),
    Theme(
        entry_space_pt=1.0,
        heading_space_before_pt=4.0,
        heading_space_after_pt=1.0,
        margin_in=0.5,
        body_pt=10.0,
        heading_pt=11.0,
        name_pt=16.0,
    ),
)


def fit_page(
    resume: Resume,
    priority: list[str],
    paper: str = "letter",
    theme: Theme | None = None,
    *,
    keep: Collection[str] = (),
    drop: Collection[str] = (),
    emptied_roles_stay: bool = True,
) -> Page:
    """Keep as many bullets as fit on one page, giving up the least wanted first.

    Args:
        priority: every bullet id, most wanted first (the ranking, or a selection's order).
        theme: use exactly this theme; by default the standard one, tightened only if needed.
        keep: bullet ids kept like pinned ones, for this page only (`tailor --keep`).
        drop: bullet ids left off this page, even pinned ones (`tailor --drop`); they end up
            in `Page.cut`.
        emptied_roles_stay: whether an older role all of whose bullets were cut may still
            show as a title line (up to MAX_BARE_ROLES of them, for an unbroken timeline); if
            not, it leaves the page and is named in `Page.omitted_roles`.

    Pinned bullets, the best bullet of each of the RECENT_ROLES most recent roles and the best
    bullet of open source and of projects are always kept. When those do not fit, spacing,
    margins and type size are tightened within readable bounds; then the oldest roles that
    have no bullet on the page are left out (and named in `Page.omitted_roles`); then the
    tallest items that must otherwise stay (a summary, a skills line or a kept bullet of more
    than OVERLONG_LINES lines) are left out, tallest first, and named in `Page.omitted_items`.
    Raises UserError when even that does not fit.
    """
    check_paper(paper)
    dropped, kept = set(drop), set(keep)
    wanted = [bullet_id for bullet_id in priority if bullet_id not in dropped]
    themes = (theme,) if theme else (Theme(), *TIGHTER_THEMES)
    left_out: list[str] = []
    while True:
        page = _fit(resume, wanted, kept, dropped, themes, paper, emptied_roles_stay)
        if page is not None:
            return replace(
                page,
                omitted_items=tuple(left_out),
                cut=page.cut + tuple(b for b in priority if b in dropped),
            )
        head = _overlong_head(resume, themes[-1], paper)
        if head:  # a page must say whose it is: the head is never left out
            raise UserError(head, code="does-not-fit")
        required = _required_bullets(resume, wanted, kept, dropped)
        overlong = _tallest_item(resume, required, wanted, themes[-1], paper)
        if overlong is None:
            omitted = set(_oldest_first_without(resume, required))
            height = _height(resume, required, omitted, themes[-1], paper, emptied_roles_stay)
            raise UserError(
                _overflow_message(resume, height, _capacity(themes[-1], paper), len(kept)),
                code="does-not-fit",
            )
        resume, wanted, said = overlong
        if said in left_out:
            # Each pass must leave something out for good; one that did not would loop forever
            # (a line the résumé still held once did). A bug: say so rather than hang.
            raise RuntimeError(f"fit_page: leaving out {said!r} changed nothing")
        kept &= set(wanted)  # a kept bullet too long for any page is what was left out
        left_out.append(said)


def fit_in_resume_order(resume: Resume, paper: str = "letter") -> Page:
    """`tailor export --one-page`: the earliest-listed bullets that fit one page. A role whose
    bullets were all cut leaves the page and is named, rather than showing as a title line
    without the lines the résumé gives it (in résumé order those are the oldest roles)."""
    return fit_page(
        resume, [bullet.id for bullet in resume.bullets()], paper, emptied_roles_stay=False
    )


def _fit(
    resume: Resume,
    wanted: list[str],
    kept: set[str],
    dropped: set[str],
    themes: tuple[Theme, ...],
    paper: str,
    emptied_stay: bool,
) -> Page | None:
    """The page with the first theme in which what must stay fits, leaving out the oldest
    roles if even the last does not; None if that is not enough."""
    required = _required_bullets(resume, wanted, kept, dropped)
    for candidate in themes:
        if _height(resume, required, set(), candidate, paper, emptied_stay) <= _capacity(
            candidate, paper
        ):
            return _fill(resume, wanted, required, set(), candidate, paper, emptied_stay)
    tightest = themes[-1]
    omitted: set[int] = set()
    for index in _oldest_first_without(resume, required):
        omitted.add(index)
        if _height(resume, required, omitted, tightest, paper, emptied_stay) <= _capacity(
            tightest, paper
        ):
            return _fill(resume, wanted, required, omitted, tightest, paper, emptied_stay)
    return None


def _overlong_head(resume: Resume, theme: Theme, paper: str) -> str | None:
    """What of the page's head (the name, the headline, the contact line) is too long for the
    page, in words, with what to do; None when each takes at most OVERLONG_LINES lines."""
    basics, width = resume.basics, text_width(theme, paper)
    for block, what in (
        (Block("name", (Run(basics.name),)), "the name (basics.name"),
        (Block("contact", (Run(basics.label or "", bold=True),)), "the headline (basics.label"),
        (
            Block("contact", _contact_runs(resume)),
            "the contact line (basics.email, phone, location and links",
        ),
    ):
        lines = count_lines(block.runs, width, block_style(block.kind, theme).size_pt)
        if lines > OVERLONG_LINES:
            return (
                f"{what}, {len(block.text):,} characters, {lines:,} lines) is too long "
                "for the page: shorten it in resume.yaml."
            )
    return None


def _tallest_item(
    resume: Resume, required: set[str], priority: list[str], theme: Theme, paper: str
) -> tuple[Resume, list[str], str] | None:
    """The résumé and priority without the tallest item that must stay (the summary, a
    skills line or a required bullet) and what was left out, in words; None when no item is
    taller than OVERLONG_LINES lines."""
    width = text_width(theme, paper)
    line = theme.body_pt * font_metrics().line_height
    candidates: list[tuple[float, str, str]] = []  # (height, kind, key)
    summary = shown_summary(resume)
    if summary:
        candidates.append(
            (block_height(Block("text", (Run(summary),)), theme, width), "summary", summary)
        )
    for group in resume.skills:
        text = f"{group.name}: {', '.join(group.items)}"
        candidates.append(
            (block_height(Block("text", (Run(text),)), theme, width), "skills", group.name)
        )
    bullets = {bullet.id: bullet for bullet in resume.bullets()}
    for bullet_id in required:
        block = Block("bullet", (Run(bullets[bullet_id].text),), bullet_id=bullet_id)
        candidates.append((block_height(block, theme, width), "bullet", bullet_id))
    if not candidates:
        return None
    height, kind, key = max(candidates)
    count = round(height / line)
    if count <= OVERLONG_LINES:
        return None
    if kind == "summary":
        said = (
            f"the summary ({len(summary):,} characters, {count} lines): too long for the "
            "page; shorten it in resume.yaml"
        )
        return replace(resume, summary=(), summaries=()), priority, said
    if kind == "skills":
        said = (
            f"the skills line “{key}” ({count} lines): too long for the page; split it "
            "into groups or cut it in resume.yaml"
        )
        skills = tuple(group for group in resume.skills if group.name != key)
        return replace(resume, skills=skills), priority, said
    bullet = bullets[key]
    size = f"{len(bullet.text):,} characters, {count} lines"
    if bullet.kind == "summary" and bullet.entry is not None:
        label = resume.entries(bullet.section)[bullet.entry].label
        said = (
            f"the summary line of “{label}” ({key}, {size}): too long for the page; "
            "shorten it in resume.yaml"
        )
    else:
        said = f"bullet {key} ({size}): too long for the page; split or shorten it in resume.yaml"
    # Out of the résumé itself, not only the priority: a pinned line left there is required
    # again, and chosen again.
    return without_lines(resume, {key}), [b for b in priority if b != key], said


def without_lines(resume: Resume, bullet_ids: Collection[str]) -> Resume:
    """The résumé without those rankable lines: bullets of entries and list sections, and
    entries' summary lines (an entry left with none stays, as a bare entry)."""

    def entry_without(entry: Entry) -> Entry:
        summary = None if entry.summary and entry.summary.id in bullet_ids else entry.summary
        return replace(
            entry,
            summary=summary,
            bullets=tuple(b for b in entry.bullets if b.id not in bullet_ids),
        )

    changes: dict[str, Any] = {
        section: tuple(map(entry_without, resume.entries(section))) for section in ENTRY_SECTIONS
    }
    changes.update(
        {
            section: tuple(b for b in getattr(resume, section) if b.id not in bullet_ids)
            for section in LIST_SECTIONS
        }
    )
    return replace(resume, **changes)


def _capacity(theme: Theme, paper: str) -> float:
    return (
        usable_height(theme, paper)
        - theme.headroom_lines * theme.body_pt * font_metrics().line_height
    )


def _height(
    resume: Resume,
    kept: set[str],
    omitted: set[int],
    theme: Theme,
    paper: str,
    emptied_stay: bool = True,
) -> float:
    return content_height(
        compose(
            resume,
            kept,
            _with_bare_roles_left_out(resume, kept, omitted, emptied_stay),
            _bare_projects_left_out(resume),
        ),
        theme,
        paper,
    )


def _bare_projects_left_out(resume: Resume) -> set[tuple[str, int]]:
    """Open source and project entries without any bullet, beyond the MAX_BARE_PROJECTS most
    recent of them."""
    bare = [
        (section, i)
        for section in PROJECT_SECTIONS
        for i, entry in enumerate(resume.entries(section))
        if not entry.bullets
    ]
    bare.sort(key=lambda key: resume.entries(key[0])[key[1]].recency, reverse=True)
    return set(bare[MAX_BARE_PROJECTS:])


def _with_bare_roles_left_out(
    resume: Resume, kept: set[str], omitted: set[int], emptied_stay: bool = True
) -> set[int]:
    """`omitted` plus the older roles without a kept bullet beyond the MAX_BARE_ROLES most
    recent of them; unless `emptied_stay`, also every older role whose bullets were all cut."""
    by_age = sorted(
        range(len(resume.experience)), key=lambda i: resume.experience[i].recency, reverse=True
    )
    bare = [
        i
        for i in by_age[RECENT_ROLES:]
        if i not in omitted and not any(b.id in kept for b in resume.experience[i].evidence)
    ]
    emptied = set() if emptied_stay else {i for i in bare if resume.experience[i].evidence}
    return omitted | emptied | set([i for i in bare if i not in emptied][MAX_BARE_ROLES:])


def _fill(
    resume: Resume,
    priority: list[str],
    required: set[str],
    omitted: set[int],
    theme: Theme,
    paper: str,
    emptied_stay: bool,
) -> Page:
    capacity = _capacity(theme, paper)
    optional = [bullet_id for bullet_id in priority if bullet_id not in required]

    def fits(kept: set[str]) -> bool:
        return _height(resume, kept, omitted, theme, paper, emptied_stay) <= capacity

    # The longest prefix of the priority list that fits, by bisection (heights grow with it)...
    low, high = 0, len(optional)
    while low < high:
        middle = (low + high + 1) // 2
        if fits(required | set(optional[:middle])):
            low = middle
        else:
            high = middle - 1
    kept = required | set(optional[:low])
    # ...then any later, shorter bullet that still fits: no half-empty page while good ones wait.
    # A bullet taller than the room left cannot fit, whatever else it brings: skip measuring.
    room = capacity - _height(resume, kept, omitted, theme, paper, emptied_stay)
    width = text_width(theme, paper)
    texts = {bullet.id: bullet.page_text for bullet in resume.bullets()}
    for bullet_id in optional[low + 1 :]:
        alone = block_height(
            Block("bullet", (Run(texts[bullet_id]),), bullet_id=bullet_id), theme, width
        )
        if alone <= room and fits(kept | {bullet_id}):
            kept.add(bullet_id)
            room = capacity - _height(resume, kept, omitted, theme, paper, emptied_stay)
    omitted = _with_bare_roles_left_out(resume, kept, omitted, emptied_stay)
    blocks = compose(resume, kept, omitted, _bare_projects_left_out(resume))
    on_page = {block.text for block in blocks if block.kind == "entry"}
    projects = tuple(
        entry.label
        for section in PROJECT_SECTIONS
        for entry in resume.entries(section)
        if _entry_block(entry).text not in on_page
    )
    return _page(
        resume,
        blocks,
        tuple(b for b in priority if b not in kept),
        theme,
        paper,
        tuple(resume.experience[i].label for i in sorted(omitted)),
        projects,
    )


def _oldest_first_without(resume: Resume, required: set[str]) -> list[int]:
    """Experience entries that could leave the page, oldest first: none of their bullets must
    stay, and they are not among the most recent roles."""
    by_age = sorted(range(len(resume.experience)), key=lambda i: resume.experience[i].recency)
    recent = set(by_age[-RECENT_ROLES:])
    return [
        i
        for i in by_age
        if i not in recent and not any(b.id in required for b in resume.experience[i].evidence)
    ]


def _required_bullets(
    resume: Resume, priority: list[str], kept: set[str], dropped: set[str]
) -> set[str]:
    rank = {bullet_id: i for i, bullet_id in enumerate(priority)}
    required = kept | {b.id for b in resume.bullets() if b.pin and b.id not in dropped}

    def best(bullets: list[Bullet]) -> str:
        return min(bullets, key=lambda b: rank.get(b.id, len(rank))).id

    recent = sorted(resume.experience, key=lambda e: e.recency, reverse=True)[:RECENT_ROLES]
    for entry in recent:
        candidates = [b for b in entry.evidence if b.id not in dropped]
        if candidates and not any(b.id in required for b in entry.evidence):
            required.add(best(candidates))
    # Open source and projects are sections the page always shows: at least their best bullet.
    for section in PROJECT_SECTIONS:
        bullets = [
            b for entry in resume.entries(section) for b in entry.evidence if b.id not in dropped
        ]
        if bullets and not any(b.id in required for b in bullets):
            required.add(best(bullets))
    return required


def _overflow_message(resume: Resume, height: float, capacity: float, kept: int = 0) -> str:
    pinned = sum(1 for b in resume.bullets() if b.pin)
    forced = f", the {kept} kept with --keep" if kept else ""
    return (
        f"the résumé does not fit on one page even with only its pinned bullets ({pinned})"
        f"{forced}, one bullet for each of the {RECENT_ROLES} most recent roles, the tightest "
        f"readable layout and older roles left out: it needs {height / capacity:.0%} of the "
        f"page. Unpin some bullets (`pin: true`), shorten the summary, skills or the longest "
        f"bullets in resume.yaml."
    )
