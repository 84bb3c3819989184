"""The job description: reading pasted text safely and splitting it into weighted units.

Why units: all-MiniLM-L6-v2 reads only 256 word pieces, and a posting is mostly about the company,
benefits and legal text. Ranking against each requirement line, weighted by the section it sits
in, keeps long postings whole and keeps boilerplate from matching.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from tailor.errors import UserError

MAX_JOB_BYTES = 1_000_000
MAX_UNITS = 2_000
# A long posting runs to 6 KB; four times that is most likely a whole web page pasted in,
# whose "similar jobs" and sidebars dilute the match (and every line costs embedding time).
LONG_POSTING_CHARS = 24_000

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

# Heading cues, checked in this order: "preferred qualifications" is a nice-to-have, not a must.
_HEADING_CUES: list[tuple[str, str]] = [
    # A heading that names the whole posting or the company ("Job Description", "Company
    # Description") opens no section of its own: what follows is read line by line.
    ("other", r"^(job|role|position) (description|summary|details|overview)$|^description$"),
    ("legal", r"equal (employment )?opportunit|\beeo\b|accommodation|privacy|disclaimer|notice"),
    ("salary", r"salary|pay (range|transparency)|compensation range|base pay|\bpay\b"),
    ("benefits", r"benefit|perks|what we offer|we offer|our offer|why (join|work)|"
                 r"compensation|what('s| is) in it for you|total rewards|life at"),
    ("preferred", r"nice[- ]to[- ]have|preferred|bonus|\bplus(es)?\b|desired|good to have|"
                  r"extra credit|ideally|not required|stand out|(additional|extra) points"),
    ("requirements", r"requirement|qualification|what you('ll)? (need|bring|have)|^required$|"
                     r"what (do|will) (we|you) need|what we need|who we('re| are) looking for|"
                     r"what (we|you)('re| are) looking for|^who you are|^your skills|"
                     r"you should have|who you are|about you|you have|must[- ]have|"
                     r"look(ing)? for|skills|experience|you (might|may) be a (good )?fit|"
                     r"what (we|you)('re| are)? (need|expect)|minimum|ideal candidate|"
                     r"you are|your profile|what it takes"),
    ("responsibilities", r"responsibilit|what you('ll| will)? (do|be doing|work on|achieve)|"
                         r"what will you (do|be doing|work on)|what you'd do|"
                         r"the role|your role|this role|in this role|day[- ]to[- ]day|"
                         r"you will|you'll|duties|your impact|the impact|the job|"
                         r"the opportunity|the position|mission of the role|what the job"),
    ("about", r"about|who we are|our (mission|story|team|company|culture)|the company|"
              r"company (description|profile)|"
              r"company overview|overview|the team|our values"),
]

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

_BULLET_MARK = re.compile(r"^\s*(?:[-*•·●▪◦‣–—>]+|\d{1,2}[.)]|\([a-z0-9]\)|[a-z][.)])\s+", re.I)
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")
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
            raise UserError("tailor - reads the job description from stdin, but nothing "
                            "was piped in.", "Try: pbpaste | tailor -   or   tailor job.txt")
        try:
            raw = read_stream(sys.stdin.buffer, MAX_JOB_BYTES, name, "a job description",
                              too_large)
        except OSError as error:
            raise UserError(f"{name}: cannot be read ({error.strerror}).") from None
    else:
        raw = read_bounded(Path(source), MAX_JOB_BYTES, "a job description file",
                           missing_hint="Save the job description as a text file, or pipe "
                                        "it: tailor -", too_large_hint=too_large)
    return decode_job_bytes(raw, name)


def decode_job_bytes(raw: bytes, name: str) -> str:
    """Decode pasted text whatever encoding the clipboard used; refuse binary files."""
    from tailor.files import utf16_encoding

    utf16 = utf16_encoding(raw)  # with or without its byte-order mark: text, not binary
    kind = None if utf16 else _binary_kind(raw)
    if kind:
        unpack = "Unpack it first (e.g. gunzip), or open" if "compressed" in kind else "Open"
        raise UserError(f"{name}: this looks like {kind} file, not text.",
                        f"{unpack} it, copy the job description and paste its text into a .txt "
                        "file (or pipe it: pbpaste | tailor -).")
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
        raise UserError(f"{name}: the job description is empty.",
                        "Paste the posting's text into the file (or pipe it: tailor -).")
    if not _WORD.search(text):
        # Only spaces of other kinds, bullet marks, digits or a lone letter: nothing to match.
        raise UserError(f"{name}: the job description has no words to read.",
                        "Paste the posting's text into the file (or pipe it: tailor -).")
    return text


def clean_text(text: str) -> str:
    """Normalise line ends and drop characters a DOCX cannot hold (PDF copy leaves them)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return "".join(ch for ch in text
                   if ch in "\n\t" or not (unicodedata.category(ch) in ("Cc", "Cs", "Co")
                                           or ch in "\ufffe\uffff"))


_COMPRESSED = (b"\x1f\x8b", b"BZh", b"\xfd7zXZ\x00", b"\x28\xb5\x2f\xfd", b"7z\xbc\xaf\x27\x1c",
               b"Rar!\x1a\x07")


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
        controls = sum(1 for byte in sample if (byte < 32 and byte not in b"\t\n\r\x0c")
                       or byte == 0x7f)
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
    lines = [(number, _MARKDOWN.sub("", _MARKDOWN_LINK.sub(r"\1", line)).strip())
             for number, line in _numbered_lines(text)]
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
        is_bullet = bool(_BULLET_MARK.match(line))
        body = _BULLET_MARK.sub("", line).strip()
        if not body:
            continue
        if not title:
            title, body = _title_and_rest(body)
            units.append(JobUnit(title, "title", SECTION_WEIGHTS["title"], number))
            if not body:
                continue
            is_bullet = False  # a posting pasted without line breaks goes on after its title
        heading = None if is_bullet else _heading_kind(body)
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
        sentences = [body] if is_bullet else _SENTENCE_END.split(body)
        if not is_bullet and section != "other" and in_list and len(body.split()) > 25:
            section = "other"  # prose after a list: the list's section has ended
        in_list = is_bullet or (in_list and section != "other")
        for sentence in sentences:
            sentence = sentence.strip()
            if _TAG.fullmatch(sentence):
                continue
            if len(sentence.split()) < 3 and section not in ("requirements", "preferred"):
                units.append(JobUnit(sentence, "fragment", 0.0, number, heading_text,
                                     is_bullet))
                continue
            kind = _prose_kind(sentence, company) if section == "other" else section
            if _BOILERPLATE.search(sentence) and section not in ("requirements",
                                                                  "responsibilities"):
                kind = _boilerplate_kind(sentence)
            units.append(JobUnit(sentence, kind, SECTION_WEIGHTS[kind], number, heading_text,
                                 is_bullet))
        if not is_bullet and body.endswith(":"):
            # A sentence that introduces a list ("In this role you'll work on projects such
            # as:") is the list's heading, however long.
            section = _heading_kind(body, lead_in=True) or section
    if cut_at_line is None and len(units) > MAX_UNITS:  # the last line's sentences overran
        cut_at_line = units[MAX_UNITS].line
    return Job(source=source, title=_display_title(title) or "Untitled job", company=company,
               text=text, units=tuple(units[:MAX_UNITS]), cut_at_line=cut_at_line)


# Where a posting pasted without line breaks had them: after a sentence, before an inline bullet.
# A bullet may start with a digit ("- 5+ years of Go"), but not a range's second number
# ("3 - 5 years").
_FLAT_BREAK = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])|\s+(?=(?:[-*•·●▪◦‣–—]|\d{1,2}[.)])"
                         r"\s+[A-Z])|(?<![\d\s])\s+(?=[-*•·●▪◦‣–—]\s+\d+\+?\s*(?:[-–]\s*\d+\s*)?"
                         r"(?:years?|yrs|ans|Jahre|anos|años|\+))")


# Where a heading the flattening ran into the text would have ended its line.
_INLINE_COLON = re.compile(r":(?:\*\*|__)?(?:\s+|$)")
# Headings run to six words ("What you'll need to succeed:"); longer text before a colon is
# a sentence's.
INLINE_HEADING_WORDS = 6


def _numbered_lines(text: str) -> list[tuple[int, str]]:
    """The posting's lines, numbered; one without line breaks (pasted web text) is split into
    its title and company, sentences, inline headings and inline bullets, all on line 1, so
    that it reads like the original."""
    if "\n" in text.strip() or len(text) <= TITLE_CHARS:
        return list(enumerate(text.split("\n"), start=1))
    text = text.strip()
    header = _split_header(text)
    if header:
        title, company, end = header
        return [(1, title), (1, company), *_split_pieces(_FLAT_BREAK.split(text[end:].strip()))]
    pieces = _FLAT_BREAK.split(text)
    # The first piece is the title, which may carry a label of its own ("Job title: ...").
    return [(1, piece) for piece in pieces[:1]] + _split_pieces(pieces[1:])


def _split_pieces(pieces: list[str]) -> list[tuple[int, str]]:
    """The pieces of a flattened posting, with their inline headings split off; a piece that
    an inline bullet follows may end in a heading without a colon ("- Own the uptime What You
    Bring" before "- 5+ years of Go")."""
    return [(1, part) for at, piece in enumerate(pieces) for part in _split_inline_heading(
        piece, before_list=at + 1 < len(pieces) and bool(_BULLET_MARK.match(pieces[at + 1])))]


def _split_inline_heading(piece: str, before_list: bool = False) -> list[str]:
    """["Requirements:", "5 years of SQL."] from "Requirements: 5 years of SQL.", so that the
    heading opens its section as a heading line would; any other piece alone.

    before_list: a list follows the piece, whose end may be a heading without its colon."""
    piece = piece.strip()
    ends = [(colon.start(), colon.end()) for colon in _INLINE_COLON.finditer(piece)]
    if before_list and not piece.endswith(":"):
        ends.append((len(piece), len(piece)))  # where the colon would be
    parts: list[str] = []
    placed = 0  # where the text not yet in parts starts
    clause = 0  # where the text since the last colon starts
    for end, after in ends:
        text = piece[clause:end]
        start = _heading_start(text, opens_piece=clause == 0 and not _BULLET_MARK.match(piece))
        if start is not None and end == len(piece) and not _ends_in_heading(text, start):
            start = None
        if start is not None:
            parts += [piece[placed:clause + start], piece[clause + start:end] + ":"]
            placed = after
        clause = after
    parts.append(piece[placed:])
    return [part.strip() for part in parts if part.strip()]


def _ends_in_heading(text: str, start: int) -> bool:
    """Whether text[start:], before a list and without a colon, is a heading: it stands apart
    from the bullet it was run into by its capitals ("- Own the uptime What You Bring", not
    "- Bachelor's Degree Preferred"). Not a nice-to-have heading: with no colon to tell, "a
    degree Preferred" ends a requirement as often, and a wrong one demotes the list after it."""
    before, heading = text[:start].split(), text[start:].strip()
    return (not (before and before[-1][:1].isupper()) and heading[-1:] not in ",;."
            and _heading_kind(heading + ":") != "preferred")


def _heading_start(text: str, opens_piece: bool) -> int | None:
    """Where the heading that ends text (the text before a colon) starts, or None.

    A heading after a bullet that had no full stop is run into the bullet ("- Own the
    warehouse Employee Benefits: Health insurance"); there it must be in title case or
    capitals, or any capitalised words before a colon would count. Of the words that could
    be the heading, the fewest that name its section: the words before it may be the
    bullet's own ("- Tools we use: AWS, Snowflake Benefits Include: ..."). A one-word heading
    must not follow a capitalised word: "- Premium Plus: the top pay tier" is a label."""
    words = [(match.start(), match.group()) for match in re.finditer(r"\S+", text)]
    if (opens_piece and len(words) <= INLINE_HEADING_WORDS and _heading_kind(text.strip() + ":")
            and _is_heading_phrase([word for _, word in words])):
        return 0
    text_words = len(_BULLET_MARK.sub("", text).split())
    kinds: dict[int, str] = {}  # heading length in words: the section it would open
    for count in range(1, min(INLINE_HEADING_WORDS, text_words - 1) + 1):
        heading, previous = [word for _, word in words[-count:]], words[-count - 1][1]
        if ((count == 1 and previous[:1].isupper()) or previous.lower() in _SMALL_WORDS
                or not _is_title_case(heading) or not _is_heading_phrase(heading)):
            continue  # "Plus" of "Premium Plus", "Perks" of "Benefits & Perks"
        kind = _heading_kind(" ".join(heading) + ":")
        if kind:
            kinds[count] = kind
    if not kinds:
        return None
    widest = kinds[max(kinds)]
    return words[-min(count for count, kind in kinds.items() if kind == widest)][0]


_SMALL_WORDS = {"a", "an", "and", "&", "at", "for", "in", "of", "on", "or", "the", "to", "with",
                "we", "you", "us", "our", "your", "are", "is"}


def _is_title_case(words: list[str]) -> bool:
    return words[0][:1].isupper() and all(
        word[:1].isupper() or word.lower() in _SMALL_WORDS or not word[:1].isalpha()
        for word in words)


def _is_heading_phrase(words: list[str]) -> bool:
    """Whether the words before a colon are a heading's: little but a cue ("Other
    responsibilities", "About Acme Corp"), not a clause of a sentence that names one
    ("Experience with cloud platforms: AWS or GCP.")."""
    text = " ".join(words).lower().replace("\u2019", "'")
    cues = [match.span() for _, cue in _HEADING_CUES for match in re.finditer(cue, text)]
    loose = sum(1 for word in re.finditer(r"\S+", text)
                if word.group().strip(",.;()") not in _SMALL_WORDS
                and not any(start < word.end() and word.start() < end for start, end in cues))
    return loose <= (2 if _is_title_case(words) else 1)


# Where the company's name stands in the posting's prose: "At Cority, we ...", "Cority is".
_COMPANY_BEFORE = r"\b(?:[Aa]t|[Aa]bout|[Jj]oin(?:ing)?|[Ww]ith)\s+"
_COMPANY_AFTER = (r"(?:\s+(?:is|was|has|have|are|offers|provides|helps|builds|powers|enables)\b"
                  r"|['\u2019]s?(?!\w)|,\s+(?:Inc|LLC|Ltd|a|an|the|we)\b)")
# What the header lines may write after a company's name ("Vox Media, LLC", "LGC Group").
_LEGAL_SUFFIX = re.compile(r",?\s+(?:Inc|LLC|Ltd|GmbH|Corp|Co|Group|PLC|AG|SA)\b\.?")
# Where a header line names the place: "Cority remote,Canada" (a title's "(Remote)" aside).
_PLACE = re.compile(r"(?<=\S)\s+\S*\b(?:remote|hybrid|telecommute|on-?site)\b", re.I)
# A grade is not a title of its own: "Senior" of "Senior Solutions Engineer".
_GRADE = re.compile(r"(?:senior|junior|sr\.?|jr\.?|lead|staff|principal|chief|head|associate)",
                    re.I)
COMPANY_WORDS = 4  # "Vermont Information Processing Inc" is as long as a company name runs


def _split_header(text: str) -> tuple[str, str, int] | None:
    """The title, the company and where the company ends, at the start of a posting pasted
    without line breaks ("Software Project Manager Cority remote,Canada Description Cority
    is ..."); None when no company can be told from the title.

    The company is the first words after the title that the posting names again as a company
    ("Cority is", "At Cority,"), spelt the same each time: a word of the title ("Data",
    "Engineer") shows up in lower case too ("data pipelines"), or after the title's word
    before it ("the Dealer Development Manager is")."""
    head = _SENTENCE_END.split(text[:TITLE_CHARS * 2], maxsplit=1)[0]
    posting = text[:LONG_POSTING_CHARS]  # past that, a pasted page's sidebars
    words = list(re.finditer(r"\S+", head))
    for first in range(1, len(words)):
        title = head[:words[first - 1].end()]
        if len(title) > TITLE_CHARS or _PLACE.search(re.sub(r"\([^)]*\)", "", title)):
            return None  # the place stands after the company: the company was missed
        if not _ends_like_title(title) or _GRADE.fullmatch(title):
            continue
        found = None
        for count in range(1, min(COMPANY_WORDS, len(words) - first) + 1):
            name = head[words[first].start():words[first + count - 1].end()].rstrip(",;:")
            if not _looks_like_name(name):
                break
            if _is_named(name, posting, words[first].start(), words[first - 1].group()):
                found = words[first].start() + len(name)
        if found is not None:
            suffix = _LEGAL_SUFFIX.match(text, found)
            end = suffix.end() if suffix else found
            return title, text[words[first].start():end], end
    return None


def _ends_like_title(title: str) -> bool:
    last = title.split()[-1]
    return (title.count("(") == title.count(")") and last.lower() not in _SMALL_WORDS
            and not last.endswith((",", "-", "–", "—", "/", "&")))


def _looks_like_name(name: str) -> bool:
    """A company's name is capitalised ("Cority", "Vox Media, LLC") or has a capital inside
    ("edX", "strongDM")."""
    words = name.split()
    return bool(words) and all(
        word[:1].isupper() or word[:1].isdigit() or re.fullmatch(r"[a-z]+[A-Z]\w*", word)
        or (word.lower() in _SMALL_WORDS and 0 < at < len(words) - 1)
        for at, word in enumerate(words)) and not _heading_kind(name)


def _is_named(name: str, text: str, start: int, word_before: str) -> bool:
    """Whether the text names name as a company elsewhere than at start, and never uses it
    as a common word: in lower case, or after word_before, the title's word before it."""
    # (in a web or mail address a name is in lower case too: "www.cority.com")
    if name.lower() != name and re.search(
            rf"(?<![\w@./-]){re.escape(name.lower())}(?![\w@/-]|\.\w)", text):
        return False
    quoted = re.escape(name)
    if re.search(rf"(?<!\w){re.escape(word_before)}\s+{quoted}(?!\w)", text[start:]):
        return False
    named = re.finditer(rf"{_COMPANY_BEFORE}({quoted})(?!\w)|(?<!\w)({quoted}){_COMPANY_AFTER}",
                        text)
    return any(max(match.start(1), match.start(2)) != start for match in named)


TITLE_CHARS = 120  # how much of the title a page heading or a table shows


def _title_and_rest(line: str) -> tuple[str, str]:
    """The title from the first line, and what follows it when the line holds more: a posting
    pasted without line breaks is one long line, whose first sentence (or, failing that, its
    first clause) is the title and the rest the posting."""
    line = re.sub(r"^(job )?(title|position|role)\s*:\s*", "", line, flags=re.I)
    if len(line) <= TITLE_CHARS:
        return line, ""
    title = _SENTENCE_END.split(line, maxsplit=1)[0]
    if len(title) > TITLE_CHARS:
        title = re.split(r"\s[|–—-]\s|[:;,]\s", title, maxsplit=1)[0]
    return title, line[len(title):].strip()


def _display_title(title: str) -> str:
    if len(title) <= TITLE_CHARS:
        return title
    return title[:TITLE_CHARS].rsplit(" ", 1)[0].rstrip(",;:-– ") + "…"


def _heading_kind(line: str, lead_in: bool = False) -> str | None:
    """The section a heading line opens, or None when the line is not a heading.

    lead_in: the line is a sentence ending in ":" that opens a list, so length does not matter.
    """
    words = line.split()
    if not lead_in and (len(words) > 9 or len(line) > 80):
        return None
    ends_like_heading = line.endswith(":") or line.endswith("?") or not line.endswith(".")
    if not ends_like_heading:
        return None
    lowered = line.lower().replace("\u2019", "'").rstrip(":?! ")
    for kind, cue in _HEADING_CUES:
        if re.search(cue, lowered):
            # "You will design and build X" is a duty, not the heading "You will".
            if len(words) > 5 and not line.endswith(":"):
                return None
            return kind
    return None


# Prose outside any labelled section: "you will ..." states a duty; "we ..." is about the company.
_DUTY_PROSE = re.compile(r"^(in this role,? |as (an? |the )[^,]{3,90}, |day to day,? )?"
                         r"you('ll| will)\b", re.IGNORECASE)
_COMPANY_PROSE = re.compile(r"^(we|we're|we are|our|at our|join us)\b", re.IGNORECASE)


def _prose_kind(sentence: str, company: str) -> str:
    plain = sentence.replace("\u2019", "'")
    if _DUTY_PROSE.match(plain):
        return "responsibilities"
    if _COMPANY_PROSE.match(plain) or (company and re.match(
            rf"(at )?{re.escape(company)}\b", plain, re.IGNORECASE)):
        return "about"
    return "other"


def _boilerplate_kind(sentence: str) -> str:
    lowered = sentence.lower()
    if re.search(r"\$|salary|pay range|base pay", lowered):
        return "salary"
    if re.search(r"regard|regardless|opportunity|accommodation|veteran|orientation|e-?verify|"
                 r"background|privacy|recruit", lowered):
        return "legal"
    return "benefits"


def load_job(source: str) -> Job:
    """Read and parse a job description from a path or "-" (stdin)."""
    return parse_job(read_job_text(source), source)
