"""The résumé: a typed model of resume.yaml, the values every stage after loading reads.

Loading and validating the YAML is resume_yaml.py; its JSON Schema, resume_schema.py; whether the
résumé names a keyword, keywords.py.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import MISSING, dataclass, field, fields, replace
from typing import Any

from tailor.errors import Issue

SECTION_TITLES = {
    "experience": "Experience",
    "open_source": "Open Source",
    "projects": "Projects",
    "volunteer": "Volunteering",
    "certifications": "Certifications",
    "awards": "Awards",
    "publications": "Publications",
}
# Sections of projects (open source is a kind of project: its `type` is the section).
PROJECT_SECTIONS = ("open_source", "projects")
# Sections of work done (roles and projects), whose bullets are read as work: in page order.
WORK_SECTIONS = ("experience", *PROJECT_SECTIONS)
# Sections of entries (a role, a project…) with bullets, in page order.
ENTRY_SECTIONS = (*WORK_SECTIONS, "volunteer")
# Sections that are a plain list of rankable lines, in page order (after education).
LIST_SECTIONS = ("certifications", "awards", "publications")
# What each list section's items are called in resume.yaml, when written as a mapping: the
# title, and who gave it (awarder, publisher, issuer).
CREDIT_FIELDS = {
    "certifications": ("name", "issuer"),
    "awards": ("title", "awarder"),
    "publications": ("title", "publisher"),
}
# Sections kept in resume.yaml but left off the page unless `show` names them.
OPTIONAL_SECTIONS = ("interests", "references")


# ----------------------------------------------------------------------------------------------
# The typed model
# ----------------------------------------------------------------------------------------------


def plain(kind: str = "text", *, json: str | None = None, default: Any = None) -> Any:
    """A field resume.yaml holds as it is, by its own name: `kind` is how resume.yaml writes
    it (a kind of resume_yaml.FIELDS: text, email, url, texts…), `json` its JSON Resume key
    when that differs. The loader, the JSON Schema, the YAML writer and JSON Resume in and out
    read such fields off the dataclass (`plain_fields`): a new one is one line here."""
    return field(default=default, metadata={"kind": kind, "json": json})


@dataclass(frozen=True, slots=True)
class PlainField:
    name: str  # in resume.yaml and on the dataclass
    kind: str  # as resume_yaml.FIELDS names kinds
    required: bool
    json_key: str  # in JSON Resume


def plain_fields(cls: type) -> tuple[PlainField, ...]:
    """The dataclass's fields declared with `plain`, in their order."""
    return tuple(
        PlainField(
            item.name,
            item.metadata["kind"],
            item.default is MISSING and item.default_factory is MISSING,
            item.metadata["json"] or item.name,
        )
        for item in fields(cls)
        if "kind" in item.metadata
    )


def default_bullet_id(section: str, entry: int | None, index: int) -> str:
    """The id of a bullet that names none: `experience-2-3` (the third bullet of the second
    role), `awards-1`. The one rule: the loader gives it, the writers leave it out, the
    importers assign it."""
    prefix = section.replace("_", "-")
    return f"{prefix}-{entry + 1}-{index + 1}" if entry is not None else f"{prefix}-{index + 1}"


MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
MONTH_LABELS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_NAMES = (
    {
        name: i + 1
        for i, name in enumerate(
            [
                "january",
                "february",
                "march",
                "april",
                "may",
                "june",
                "july",
                "august",
                "september",
                "october",
                "november",
                "december",
            ]
        )
    }
    | {name: i + 1 for i, name in enumerate(MONTHS)}
    | {"sept": 9}
)
SEASONS = {"spring": 4, "summer": 7, "fall": 10, "autumn": 10, "winter": 1}


@dataclass(frozen=True, slots=True)
class Date:
    """A résumé date: a year, optionally a month or a season, or "present"."""

    year: int = 0
    month: int | None = None
    season: str | None = None
    present: bool = False
    # As its author wrote it ("01/2014", "'07", "February 2023"), when not in resume.yaml's
    # documented form: resume.yaml and exports give it back so. The page shows `str(date)`.
    written: str | None = field(default=None, compare=False)

    def __str__(self) -> str:
        if self.present:
            return "Present"
        if self.season:
            return f"{self.season.capitalize()} {self.year}"
        if self.month:
            return f"{MONTH_LABELS[self.month - 1]} {self.year}"
        return str(self.year)

    @property
    def ordinal(self) -> float:
        """Months since year 0, for recency; "present" sorts after every real date."""
        if self.present:
            return float("inf")
        month = self.month or SEASONS.get(self.season or "", 6)
        return self.year * 12 + month


def with_line_breaks(text: str) -> str | None:
    """A text's lines as written, each with its spaces tidied, blank lines between paragraphs
    kept; None when it is one line (nothing to keep beyond the text itself)."""
    lines = [" ".join(line.split()) for line in text.strip().splitlines()]
    return "\n".join(lines) if len(lines) > 1 else None


def one_paragraph(lines: tuple[str, ...] | list[str]) -> str:
    """The summary as the page shows it: its lines (which may hold line breaks of their own,
    kept for exports) as one paragraph."""
    return " ".join(" ".join(lines).split())


def format_period(start: Date | None, end: Date | None) -> str:
    if start and end:
        return f"{start} – {end}"
    return str(start or end or "")


@dataclass(frozen=True, slots=True)
class Credit:
    """An award, a publication or a certificate written as its parts rather than one line."""

    title: str
    by: str | None = None  # the awarder, the publisher or the issuer
    date: Date | None = None
    url: str | None = None
    summary: str | None = None

    def page_text(self, section: str) -> str:
        """The line on the page: "Title. Publisher, Date." for a publication, "Title, Awarder
        (Date). Summary" for an award, "Name, Issuer (Date)" for a certificate."""
        if section == "publications":
            where = ", ".join(filter(None, (self.by, str(self.date) if self.date else None)))
            return ". ".join(part.rstrip(".") for part in (self.title, where) if part) + "."
        text = (
            self.title
            + (f", {self.by}" if self.by else "")
            + (f" ({self.date})" if self.date else "")
        )
        return f"{text}. {self.summary}" if self.summary and section == "awards" else text

    @property
    def rank_text(self) -> str:
        """What a recruiter reads it for, and what the ranker compares: the title, who gave
        it and what it is about; dates and links say nothing about fit."""
        head = self.title + (f", {self.by}" if self.by else "")
        return f"{head.rstrip('.')}. {self.summary}" if self.summary else head


@dataclass(frozen=True, slots=True)
class Bullet:
    """One rankable line of the résumé: an achievement, an entry's summary line, an award, a
    publication or a certificate."""

    id: str
    text: str
    section: str  # a key of SECTION_TITLES
    entry: int | None = None  # index of the entry within its section; None for awards etc.
    tags: tuple[str, ...] = ()
    pin: bool = False
    line: int = field(default=0, compare=False)  # in resume.yaml, for messages; 0 if unknown
    # "bullet", or "summary": an entry's own summary line (a role's summary, a project's
    # description), shown under the entry's title rather than as a bullet point.
    kind: str = "bullet"
    credit: Credit | None = None  # the parts of an award, publication or certificate
    # A summary line written over several lines (a JSON Resume summary), as written: an export
    # gives it back so; the page and the ranker read `text`, on one line.
    written: str | None = field(default=None, compare=False)

    @property
    def page_text(self) -> str:
        return self.credit.page_text(self.section) if self.credit else self.text


@dataclass(frozen=True, slots=True)
class Link:
    label: str
    url: str
    network: str | None = None  # a profile's site, as the person names it ("Xing")
    username: str | None = None


@dataclass(frozen=True, slots=True)
class Place:
    """A location written as its parts; the page shows `text`, never the street address."""

    address: str | None = None
    postal_code: str | None = None
    city: str | None = None
    region: str | None = None
    country_code: str | None = None

    @property
    def text(self) -> str | None:
        return ", ".join(filter(None, (self.city, self.region, self.country_code))) or None


@dataclass(frozen=True, slots=True)
class Basics:
    name: str = field(metadata={"kind": "text", "json": None})
    label: str | None = plain()
    email: str | None = plain("email")
    phone: str | None = plain()
    pronouns: str | None = plain()  # kept and exported, not on the page
    location: str | None = None  # as the page shows it
    links: tuple[Link, ...] = ()
    place: Place | None = None  # the location's parts, when written as a mapping
    image: str | None = None  # a photo's URL: kept, not on the page


@dataclass(frozen=True, slots=True)
class Entry:
    """A role (experience) or a project / open-source contribution, with its bullets."""

    section: str
    organization: str  # the company, or the project's name
    title: str | None  # the job title, or one's role in the project
    location: str | None
    url: str | None
    start: Date | None
    end: Date | None
    bullets: tuple[Bullet, ...]
    summary: Bullet | None = None  # the entry's own summary line (kind "summary"), rankable
    description: str | None = None  # what the organisation is: kept, not on the page
    keywords: tuple[str, ...] = ()  # a project's technologies: kept, matched, not on the page
    roles: tuple[str, ...] = ()  # one's roles in a project, when more than one
    # Whom a project was for; for a role, a second company name (a JSON Resume work entry
    # that gives both `name` and `company`): kept, not on the page.
    entity: str | None = None
    type: str | None = None  # a project's kind ("application", "academic"…)

    @property
    def period(self) -> str:
        return format_period(self.start, self.end)

    @property
    def evidence(self) -> tuple[Bullet, ...]:
        """Every rankable line of the entry: its summary line, then its bullets."""
        return ((self.summary,) if self.summary else ()) + self.bullets

    @property
    def label(self) -> str:
        return f"{self.title}, {self.organization}" if self.title else self.organization

    @property
    def recency(self) -> float:
        """When this entry last happened, for ordering and "recent roles" rules."""
        return max((d.ordinal for d in (self.end, self.start) if d), default=0.0)


@dataclass(frozen=True, slots=True)
class Education:
    institution: str
    degree: str | None
    location: str | None
    score: str | None
    start: Date | None
    end: Date | None
    courses: tuple[str, ...]
    url: str | None = None
    area: str | None = None  # the field of study, when written apart from the degree

    @property
    def qualification(self) -> str | None:
        """The degree and its field, as the page shows them: "MSc, Computer Science"."""
        return ", ".join(filter(None, (self.degree, self.area))) or None

    @property
    def period(self) -> str:
        return format_period(self.start, self.end)


@dataclass(frozen=True, slots=True)
class SkillGroup:
    """A named group of skills, or one skill (no items), optionally with a level."""

    name: str
    items: tuple[str, ...]
    level: str | None = None  # kept, not on the page


@dataclass(frozen=True, slots=True)
class Language:
    name: str
    level: str | None


@dataclass(frozen=True, slots=True)
class Interest:
    name: str
    keywords: tuple[str, ...] = ()
    summary: str | None = None

    def __str__(self) -> str:
        return (
            f"{self.name} ({', '.join(self.keywords)})"
            if self.keywords and self.name
            else self.name or ", ".join(self.keywords)
        )


@dataclass(frozen=True, slots=True)
class Reference:
    name: str = field(metadata={"kind": "text", "json": None})
    reference: str | None = plain()  # what they say
    relationship: str | None = plain()
    email: str | None = plain()
    phone: str | None = plain()


@dataclass(frozen=True, slots=True)
class Resume:
    basics: Basics
    summary: tuple[str, ...] = ()  # lines of one paragraph (see `one_paragraph`)
    summaries: tuple[str, ...] = ()  # alternatives: the one closest to the job is used
    experience: tuple[Entry, ...] = ()
    open_source: tuple[Entry, ...] = ()
    projects: tuple[Entry, ...] = ()
    education: tuple[Education, ...] = ()
    certifications: tuple[Bullet, ...] = ()
    awards: tuple[Bullet, ...] = ()
    publications: tuple[Bullet, ...] = ()
    skills: tuple[SkillGroup, ...] = ()
    languages: tuple[Language, ...] = ()
    interests: tuple[Interest, ...] = ()
    volunteer: tuple[Entry, ...] = ()
    references: tuple[Reference, ...] = ()
    show: tuple[str, ...] = ()  # of OPTIONAL_SECTIONS: put on the page as well
    # What loading set right but the user should know (a link made plain text): not errors.
    warnings: tuple[Issue, ...] = field(default=(), compare=False)

    def entries(self, section: str) -> tuple[Entry, ...]:
        return {
            "experience": self.experience,
            "open_source": self.open_source,
            "projects": self.projects,
            "volunteer": self.volunteer,
        }.get(section, ())

    def bullets(self) -> list[Bullet]:
        """Every rankable line, in document order: each entry's summary line (kind "summary",
        id `<section>-<n>-summary`) and bullets, then certifications, awards, publications."""
        return self._lines(recent_first=False)

    def reading_order(self) -> list[Bullet]:
        """Every rankable line, most recent first: document order, except that a section written
        oldest first (its dated entries from the oldest to the most recent, never the other way)
        is read from its end. Where an item stands is one of the ranker's signals, learnt from
        résumés that put recent roles first; a résumé written the other way would otherwise
        have its recent work read as its oldest."""
        return self._lines(recent_first=True)

    def _lines(self, recent_first: bool) -> list[Bullet]:
        found: list[Bullet] = []
        for section in ENTRY_SECTIONS:
            entries = self.entries(section)
            if recent_first and _oldest_first(entries):
                entries = entries[::-1]
            for entry in entries:
                found.extend(entry.evidence)
        for section in LIST_SECTIONS:
            found.extend(getattr(self, section))
        return found

    def entry_of(self, bullet: Bullet) -> Entry | None:
        return None if bullet.entry is None else self.entries(bullet.section)[bullet.entry]

    def context_of(self, bullet: Bullet) -> str:
        """Where a bullet sits, for people: "Title, Company" or the section's title."""
        entry = self.entry_of(bullet)
        return entry.label if entry else SECTION_TITLES[bullet.section]


def _oldest_first(entries: tuple[Entry, ...]) -> bool:
    """The dated entries go from the oldest to the most recent, at least two steps of them."""
    dated = [entry.recency for entry in entries if entry.start or entry.end]
    steps = list(itertools.pairwise(dated))
    return sum(later > earlier for earlier, later in steps) >= 2 and all(
        later >= earlier for earlier, later in steps
    )


def parse_date(value: str) -> Date | None:
    """A date in one of the forms people write on résumés, or None; one not written in
    resume.yaml's documented form (2024-09, 2015, Summer 2015, present) keeps that writing."""
    parsed = _parse_date(value)
    written = " ".join(value.split())
    if parsed is None or re.fullmatch(
        r"\d{4}(?:-\d{2})?|present|(?:spring|summer|fall|autumn|"
        r"winter) \d{4}",
        written,
        re.I,
    ):
        return parsed
    return replace(parsed, written=written)


def _parse_date(value: str) -> Date | None:
    text = value.strip().lower().rstrip(".")
    if text in ("present", "current", "now", "today", "ongoing"):
        return Date(present=True)
    # A year cut to two digits after an apostrophe ("'16", "Sep '16"): 1950–2049.
    text = re.sub(
        r"(?:^|(?<=\s))['’](\d{2})$",
        lambda m: str((2000 if int(m[1]) < 50 else 1900) + int(m[1])),
        text,
    )
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})(?:[-/.]\d{1,2})?", text):
        year, month = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"(\d{1,2})[/.](\d{4})", text):
        month, year = int(m[1]), int(m[2])
    elif m := re.fullmatch(r"([a-z]+)\.?,?\s+(\d{4})", text):
        name, year = m[1], int(m[2])
        if name in SEASONS:
            return Date(year=year, season=name) if _plausible_year(year) else None
        if name not in MONTH_NAMES:
            return None
        month = MONTH_NAMES[name]
    elif m := re.fullmatch(r"(\d{4})", text):
        year, month = int(m[1]), 0
    else:
        return None
    if not _plausible_year(year) or not 0 <= month <= 12:
        return None
    return Date(year=year, month=month or None)


def _plausible_year(year: int) -> bool:
    return 1900 <= year <= 2100


def summary_id(section: str, entry: int) -> str:
    """The id of an entry's summary line: `experience-2-summary`."""
    return f"{section.replace('_', '-')}-{entry + 1}-summary"


def full_url(url: str) -> str:
    return url if re.match(r"[a-z][a-z0-9+.-]*:", url, re.I) else f"https://{url}"


def short_url(url: str) -> str:
    return re.sub(r"^[a-z][a-z0-9+.-]*://(www\.)?", "", url, flags=re.I).rstrip("/")
