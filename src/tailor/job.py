"""The job description: reading pasted text safely and splitting it into weighted units.

Why units: all-MiniLM-L6-v2 reads only 256 word pieces, and a posting is mostly about the company,
benefits and legal text. Ranking against each requirement line, weighted by the section it sits
in, keeps long postings whole and keeps boilerplate from matching.

The heading rules live in `headings`; a posting pasted without line breaks is first split where
its lines were by `flat_posting`.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tailor.errors import UserError
from tailor.flat_posting import numbered_lines
from tailor.headings import (
    BULLET_MARK,
    LONG_POSTING_CHARS,
    PICTOGRAPH_MARK,
    SENTENCE_END,
    TITLE_CHARS,
    heading_kind,
)

# Named here too, where the rest of the package and the scripts import them from.
__all__ = [
    "LONG_POSTING_CHARS",
    "MAX_UNITS",
    "SECTION_WEIGHTS",
    "TITLE_CHARS",
    "Job",
    "JobUnit",
    "decode_job_bytes",
    "load_job",
    "parse_job",
    "read_job_text",
]

MAX_JOB_BYTES = 1_000_000
MAX_UNITS = 2_000

# How much a unit of each section counts when ranking bullets.
SECTION_WEIGHTS = {
    "requirements": 1.0,
    "responsibilities": 1.0,
    "preferred": 0.6,
    "other": 0.5,
    "title": 0.5,
    "about": 0.15,
    "header": 0.0,
    "benefits": 0.0,
    "salary": 0.0,
    "legal": 0.0,
    "heading": 0.0,
    "fragment": 0.0,
    "overview": 0.5,  # what the role is, in general terms (the learnt reader tells it)
    "apply": 0.0,  # how to apply, the hiring process, "click to apply"
}

# Sentences that are boilerplate wherever they stand.
_BOILERPLATE = re.compile(
    r"equal opportunity|without regard to|regardless of (race|age|gender|sex)|race, colou?r|"
    r"protected veteran|sexual orientation|reasonable accommodation|e-?verify|"
    r"background check|\$\s?\d|\d+k\s*[-–]\s*\$?\d+k|salary|base pay|pay range|401\s?\(?k|"
    r"paid time off|\bpto\b|parental leave|dental|medical, |health insurance|wellness|"
    r"stipend|equity (grant|package)|visa sponsorship|apply (now|today)|privacy (policy|notice)|"
    r"recruit(ment|ing) (agenc|fraud)",
    re.IGNORECASE,
)

_TAG = re.compile(r"#?LI-\w+|#\w+")  # job-board tracking tags such as "LI-Remote"
_MARKDOWN = re.compile(r"^#{1,6}\s*|\*\*|__|`")
# A Markdown link keeps its text: "[Data Engineer](https://…)" is the title "Data Engineer".
_MARKDOWN_LINK = re.compile(r"\[([^\]\n]+)\]\((?:[^()\s]|\([^()\s]*\))*\)")
_WORD = re.compile(r"[^\W\d_]{2,}")  # two letters in a row, in any script


@dataclass(frozen=True, slots=True)
class JobUnit:
    """One requirement-sized piece of the posting: a bullet or a sentence."""

    text: str
    section: str  # a key of SECTION_WEIGHTS
    weight: float
    line: int  # 1-based line in the pasted text
    heading: str = ""  # the heading the unit sits under, as written ("" before any)
    bullet: bool = False  # a list item, not a sentence of prose


@dataclass(frozen=True, slots=True)
class Job:
    source: str  # the path as given, or "-" for stdin
    title: str
    company: str  # best guess from the header lines; its words must not count as skills
    text: str
    units: tuple[JobUnit, ...]
    cut_at_line: int | None = None  # where MAX_UNITS stopped the reading, if it did
    read: bool = False  # each unit's section read by the learnt reader (reading.read_job)

    @property
    def weighted_units(self) -> list[JobUnit]:
        """The units that count for ranking; headers, benefits and legal text do not."""
        return [unit for unit in self.units if unit.weight > 0]

    @property
    def ignored_units(self) -> list[JobUnit]:
        """What ranking ignores: header lines, benefits, salary, legal text, how to apply (the
        headings, which name what follows, are not listed)."""
        return [unit for unit in self.units if unit.weight == 0 and unit.section != "heading"]


def read_job_text(source: str) -> str:
    """Read the job description from a path, or from stdin when source is "-".

    Raises:
        UserError: missing, unreadable, binary, too large or empty input.
    """
    from tailor.files import read_bounded, read_stream

    name = "stdin" if source == "-" else source
    too_large = "Paste only the posting's text."
    if source == "-":
        if sys.stdin is None or sys.stdin.isatty():
            raise UserError(
                "tailor - reads the job description from stdin, but nothing was piped in.",
                "Try: pbpaste | tailor -   or   tailor job.txt",
            )
        try:
            raw = read_stream(sys.stdin.buffer, MAX_JOB_BYTES, name, "a job description", too_large)
        except OSError as error:
            raise UserError(f"{name}: cannot be read ({error.strerror}).") from None
    else:
        raw = read_bounded(
            Path(source),
            MAX_JOB_BYTES,
            "a job description file",
            missing_hint="Save the job description as a text file, or pipe it: tailor -",
            too_large_hint=too_large,
        )
    return decode_job_bytes(raw, name)


def decode_job_bytes(raw: bytes, name: str) -> str:
    """Decode pasted text whatever encoding the clipboard used; refuse binary files."""
    from tailor.files import utf16_encoding

    utf16 = utf16_encoding(raw)  # with or without its byte-order mark: text, not binary
    kind = None if utf16 else _binary_kind(raw)
    if kind:
        unpack = "Unpack it first (e.g. gunzip), or open" if "compressed" in kind else "Open"
        raise UserError(
            f"{name}: this looks like {kind} file, not text.",
            f"{unpack} it, copy the job description and paste its text into a .txt "
            "file (or pipe it: pbpaste | tailor -).",
        )
    if utf16:
        # An odd byte or a lone surrogate (a cut-off paste) costs a character, not the run.
        text = raw.decode(utf16, errors="replace")
    else:
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = raw.decode("cp1252", errors="replace")
    text = clean_text(text)
    if not text.strip():
        raise UserError(
            f"{name}: the job description is empty.",
            "Paste the posting's text into the file (or pipe it: tailor -).",
        )
    if not _WORD.search(text):
        # Only spaces of other kinds, bullet marks, digits or a lone letter: nothing to match.
        raise UserError(
            f"{name}: the job description has no words to read.",
            "Paste the posting's text into the file (or pipe it: tailor -).",
        )
    return text


def clean_text(text: str) -> str:
    """Normalise line ends and drop characters a DOCX cannot hold (PDF copy leaves them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return "".join(
        ch
        for ch in text
        if ch in "\n\t"
        or not (unicodedata.category(ch) in ("Cc", "Cs", "Co") or ch in "\ufffe\uffff")
    )


_COMPRESSED = (
    b"\x1f\x8b",
    b"BZh",
    b"\xfd7zXZ\x00",
    b"\x28\xb5\x2f\xfd",
    b"7z\xbc\xaf\x27\x1c",
    b"Rar!\x1a\x07",
)


def _binary_kind(raw: bytes) -> str | None:
    if raw.startswith(b"%PDF"):
        return "a PDF"
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")):
        return "a DOCX (or other zip)"
    if raw.startswith(_COMPRESSED):
        return "a compressed (gzip, bzip2, xz, zstd, 7z or rar)"
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        return "a Word 97-2003 (.doc)"
    if raw.startswith((b"{\\rtf",)):
        return "an RTF"
    if raw.startswith((b"\x89PNG", b"\xff\xd8\xff", b"GIF8")):
        return "an image"
    sample = raw[:4096]
    if sample and not sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        # A stray control byte is a PDF copy artefact; many of them make a binary file. Text
        # that is not UTF-8 either (random bytes, an unknown format) gets a tighter bound:
        # real cp1252 text has no control bytes at all, random bytes one in eight.
        controls = sum(
            1 for byte in sample if (byte < 32 and byte not in b"\t\n\r\x0c") or byte == 0x7F
        )
        bound = 0.2 if _is_utf8(sample) else 0.03
        if sample.count(b"\x00") / len(sample) > 0.05 or controls / len(sample) > bound:
            return "a binary"
    return None


def _is_utf8(sample: bytes) -> bool:
    try:
        sample.decode("utf-8")
    except UnicodeDecodeError as error:
        return error.start >= len(sample) - 3  # a character cut at the sample's end is fine
    return True


def parse_job(text: str, source: str = "-") -> Job:
    """Split a job description into weighted units, one per bullet or sentence."""
    lines = [
        (number, _MARKDOWN.sub("", _MARKDOWN_LINK.sub(r"\1", line)).strip())
        for number, line in numbered_lines(text)
    ]
    units: list[JobUnit] = []
    section = "other"
    title = ""
    seen_body = False  # the lines before the first real paragraph are title, company, place
    company = ""
    in_list = False
    heading_text = ""
    cut_at_line = None
    for number, line in lines:
        if len(units) >= MAX_UNITS:
            cut_at_line = units[MAX_UNITS].line if len(units) > MAX_UNITS else number
            break
        if not line:
            continue
        line = PICTOGRAPH_MARK.sub("", line)
        is_bullet = bool(BULLET_MARK.match(line))
        body = BULLET_MARK.sub("", line).strip()
        if not body:
            continue
        if not title:
            title, body = _title_and_rest(body)
            units.append(JobUnit(title, "title", SECTION_WEIGHTS["title"], number))
            if not body:
                continue
            is_bullet = False  # a posting pasted without line breaks goes on after its title
        heading = None if is_bullet else heading_kind(body)
        if heading:
            section = heading
            heading_text = body
            seen_body = True
            units.append(JobUnit(body, "heading", 0.0, number, heading_text, False))
            continue
        if not seen_body and len(body.split()) <= 6 and not is_bullet:
            units.append(JobUnit(body, "header", 0.0, number, heading_text, is_bullet))
            company = company or body
            continue
        seen_body = True
        sentences = [body] if is_bullet else SENTENCE_END.split(body)
        if not is_bullet and section != "other" and in_list and len(body.split()) > 25:
            section = "other"  # prose after a list: the list's section has ended
        in_list = is_bullet or (in_list and section != "other")
        for sentence in sentences:
            sentence = sentence.strip()
            if _TAG.fullmatch(sentence):
                continue
            if len(sentence.split()) < 3 and section not in ("requirements", "preferred"):
                units.append(JobUnit(sentence, "fragment", 0.0, number, heading_text, is_bullet))
                continue
            kind = _prose_kind(sentence, company) if section == "other" else section
            if _BOILERPLATE.search(sentence) and section not in (
                "requirements",
                "responsibilities",
            ):
                kind = _boilerplate_kind(sentence)
            units.append(
                JobUnit(sentence, kind, SECTION_WEIGHTS[kind], number, heading_text, is_bullet)
            )
        if not is_bullet and body.endswith(":"):
            # A sentence that introduces a list ("In this role you'll work on projects such
            # as:") is the list's heading, however long.
            section = heading_kind(body, lead_in=True) or section
    if cut_at_line is None and len(units) > MAX_UNITS:  # the last line's sentences overran
        cut_at_line = units[MAX_UNITS].line
    return Job(
        source=source,
        title=_display_title(title) or "Untitled job",
        company=company,
        text=text,
        units=tuple(units[:MAX_UNITS]),
        cut_at_line=cut_at_line,
    )


def _title_and_rest(line: str) -> tuple[str, str]:
    """The title from the first line, and what follows it when the line holds more: a posting
    pasted without line breaks is one long line, whose first sentence (or, failing that, its
    first clause) is the title and the rest the posting."""
    line = re.sub(r"^(job )?(title|position|role)\s*:\s*", "", line, flags=re.I)
    if len(line) <= TITLE_CHARS:
        return line, ""
    title = SENTENCE_END.split(line, maxsplit=1)[0]
    if len(title) > TITLE_CHARS:
        title = re.split(r"\s[|–—-]\s|[:;,]\s", title, maxsplit=1)[0]
    return title, line[len(title) :].strip()


def _display_title(title: str) -> str:
    if len(title) <= TITLE_CHARS:
        return title
    return title[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:-– ") + "…"


# Prose outside any labelled section: "you will ..." states a duty; "we ..." is about the company.
_DUTY_PROSE = re.compile(
    r"^(in this role,? |as (an? |the )[^,]{3,90}, |day to day,? )?"
    r"you('ll| will)\b",
    re.IGNORECASE,
)
_COMPANY_PROSE = re.compile(r"^(we|we're|we are|our|at our|join us)\b", re.IGNORECASE)


def _prose_kind(sentence: str, company: str) -> str:
    plain = sentence.replace("\u2019", "'")
    if _DUTY_PROSE.match(plain):
        return "responsibilities"
    if _COMPANY_PROSE.match(plain) or (
        company and re.match(rf"(at )?{re.escape(company)}\b", plain, re.IGNORECASE)
    ):
        return "about"
    return "other"


def _boilerplate_kind(sentence: str) -> str:
    lowered = sentence.lower()
    if re.search(r"\$|salary|pay range|base pay", lowered):
        return "salary"
    if re.search(
        r"regard|regardless|opportunity|accommodation|veteran|orientation|e-?verify|"
        r"background|privacy|recruit",
        lowered,
    ):
        return "legal"
    return "benefits"


def load_job(source: str) -> Job:
    """Read and parse a job description from a path or "-" (stdin)."""
    return parse_job(read_job_text(source), source)
