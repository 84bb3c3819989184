"""A posting pasted without line breaks (a web page's copy): where its lines were.

Such a posting is one long line; `numbered_lines` splits it back into its title and company,
its sentences, its inline headings and its inline bullets, so that `job.parse_job` reads it as
it reads a posting with its line breaks.
"""

from __future__ import annotations

import re

from tailor.headings import (
    BULLET_MARK,
    HEADING_CUES,
    LONG_POSTING_CHARS,
    SENTENCE_END,
    TITLE_CHARS,
    heading_kind,
)

# Where a posting pasted without line breaks had them: after a sentence, before an inline bullet.
# A bullet may start with a digit ("- 5+ years of Go", "- 5+ Years"), but not a range's second
# number ("3 - 5 years").
_FLAT_BREAK = re.compile(
    r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])|\s+(?=(?:[-*•·●▪◦‣–—]|\d{1,2}[.)])"
    r"\s+[A-Z])|(?<![\d\s])\s+(?=[-*•·●▪◦‣–—]\s+\d+\+?\s*(?:[-–]\s*\d+\s*)?"
    r"(?i:years?|yrs|ans|jahre|anos|años|\+))"
)


# Where a heading the flattening ran into the text would have ended its line.
_INLINE_COLON = re.compile(r":(?:\*\*|__)?(?:\s+|$)")
# Headings run to six words ("What you'll need to succeed:"); longer text before a colon is
# a sentence's.
INLINE_HEADING_WORDS = 6


def numbered_lines(text: str) -> list[tuple[int, str]]:
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
    return [
        (1, part)
        for at, piece in enumerate(pieces)
        for part in _split_inline_heading(
            piece, before_list=at + 1 < len(pieces) and bool(BULLET_MARK.match(pieces[at + 1]))
        )
    ]


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
        start = _heading_start(text, opens_piece=clause == 0 and not BULLET_MARK.match(piece))
        if start is not None and end == len(piece) and not _ends_in_heading(text, start):
            start = None
        if start is not None:
            parts += [piece[placed : clause + start], piece[clause + start : end] + ":"]
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
    return (
        not (before and before[-1][:1].isupper())
        and heading[-1:] not in ",;."
        and heading_kind(heading + ":") != "preferred"
    )


def _heading_start(text: str, opens_piece: bool) -> int | None:
    """Where the heading that ends text (the text before a colon) starts, or None.

    A heading after a bullet that had no full stop is run into the bullet ("- Own the
    warehouse Employee Benefits: Health insurance"); there it must be in title case or
    capitals, or any capitalised words before a colon would count. Of the words that could
    be the heading, the fewest that name its section: the words before it may be the
    bullet's own ("- Tools we use: AWS, Snowflake Benefits Include: ..."). A one-word heading
    must not follow a capitalised word: "- Premium Plus: the top pay tier" is a label."""
    words = [(match.start(), match.group()) for match in re.finditer(r"\S+", text)]
    if (
        opens_piece
        and len(words) <= INLINE_HEADING_WORDS
        and heading_kind(text.strip() + ":")
        and _is_heading_phrase([word for _, word in words])
    ):
        return 0
    text_words = len(BULLET_MARK.sub("", text).split())
    kinds: dict[int, str] = {}  # heading length in words: the section it would open
    for count in range(1, min(INLINE_HEADING_WORDS, text_words - 1) + 1):
        heading, previous = [word for _, word in words[-count:]], words[-count - 1][1]
        if (
            (count == 1 and previous[:1].isupper())
            or previous.lower() in _SMALL_WORDS
            or not _is_title_case(heading)
            or not _is_heading_phrase(heading)
        ):
            continue  # "Plus" of "Premium Plus", "Perks" of "Benefits & Perks"
        kind = heading_kind(" ".join(heading) + ":")
        if kind:
            kinds[count] = kind
    if not kinds:
        return None
    widest = kinds[max(kinds)]
    return words[-min(count for count, kind in kinds.items() if kind == widest)][0]


_SMALL_WORDS = {
    "a",
    "an",
    "and",
    "&",
    "at",
    "for",
    "in",
    "of",
    "on",
    "or",
    "the",
    "to",
    "with",
    "we",
    "you",
    "us",
    "our",
    "your",
    "are",
    "is",
}


def _is_title_case(words: list[str]) -> bool:
    return words[0][:1].isupper() and all(
        word[:1].isupper() or word.lower() in _SMALL_WORDS or not word[:1].isalpha()
        for word in words
    )


def _is_heading_phrase(words: list[str]) -> bool:
    """Whether the words before a colon are a heading's: little but a cue ("Other
    responsibilities", "About Acme Corp"), not a clause of a sentence that names one
    ("Experience with cloud platforms: AWS or GCP.")."""
    text = " ".join(words).lower().replace("\u2019", "'")
    cues = [match.span() for _, cue in HEADING_CUES for match in re.finditer(cue, text)]
    loose = sum(
        1
        for word in re.finditer(r"\S+", text)
        if word.group().strip(",.;()") not in _SMALL_WORDS
        and not any(start < word.end() and word.start() < end for start, end in cues)
    )
    return loose <= (2 if _is_title_case(words) else 1)


# Where the company's name stands in the posting's prose: "At Cority, we ...", "Cority is".
_COMPANY_BEFORE = r"\b(?:[Aa]t|[Aa]bout|[Jj]oin(?:ing)?|[Ww]ith)\s+"
_COMPANY_AFTER = (
    r"(?:\s+(?:is|was|has|have|are|offers|provides|helps|builds|powers|enables)\b"
    r"|['\u2019]s?(?!\w)|,\s+(?:Inc|LLC|Ltd|a|an|the|we)\b)"
)
# What the header lines may write after a company's name ("Vox Media, LLC", "LGC Group").
_LEGAL_SUFFIX = re.compile(r",?\s+(?:Inc|LLC|Ltd|GmbH|Corp|Co|Group|PLC|AG|SA)\b\.?")
# Where a header line names the place: "Cority remote,Canada" (a title's "(Remote)" aside).
_PLACE = re.compile(r"(?<=\S)\s+\S*\b(?:remote|hybrid|telecommute|on-?site)\b", re.I)
# A grade is not a title of its own: "Senior" of "Senior Solutions Engineer".
_GRADE = re.compile(
    r"(?:senior|junior|sr\.?|jr\.?|lead|staff|principal|chief|head|associate)", re.I
)
COMPANY_WORDS = 4  # "Vermont Information Processing Inc" is as long as a company name runs


def _split_header(text: str) -> tuple[str, str, int] | None:
    """The title, the company and where the company ends, at the start of a posting pasted
    without line breaks ("Software Project Manager Cority remote,Canada Description Cority
    is ..."); None when no company can be told from the title.

    The company is the first words after the title that the posting names again as a company
    ("Cority is", "At Cority,"), spelt the same each time: a word of the title ("Data",
    "Engineer") shows up in lower case too ("data pipelines"), or after the title's word
    before it ("the Dealer Development Manager is")."""
    head = SENTENCE_END.split(text[: TITLE_CHARS * 2], maxsplit=1)[0]
    posting = text[:LONG_POSTING_CHARS]  # past that, a pasted page's sidebars
    words = list(re.finditer(r"\S+", head))
    for first in range(1, len(words)):
        title = head[: words[first - 1].end()]
        if len(title) > TITLE_CHARS or _PLACE.search(re.sub(r"\([^)]*\)", "", title)):
            return None  # the place stands after the company: the company was missed
        if not _ends_like_title(title) or _GRADE.fullmatch(title):
            continue
        found = None
        for count in range(1, min(COMPANY_WORDS, len(words) - first) + 1):
            name = head[words[first].start() : words[first + count - 1].end()].rstrip(",;:")
            if not _looks_like_name(name):
                break
            if _is_named(name, posting, words[first].start(), words[first - 1].group()):
                found = words[first].start() + len(name)
        if found is not None:
            suffix = _LEGAL_SUFFIX.match(text, found)
            end = suffix.end() if suffix else found
            return title, text[words[first].start() : end], end
    return None


def _ends_like_title(title: str) -> bool:
    last = title.split()[-1]
    return (
        title.count("(") == title.count(")")
        and last.lower() not in _SMALL_WORDS
        and not last.endswith((",", "-", "–", "—", "/", "&"))
    )


def _looks_like_name(name: str) -> bool:
    """A company's name is capitalised ("Cority", "Vox Media, LLC") or has a capital inside
    ("edX", "strongDM")."""
    words = name.split()
    return (
        bool(words)
        and all(
            word[:1].isupper()
            or word[:1].isdigit()
            or re.fullmatch(r"[a-z]+[A-Z]\w*", word)
            or (word.lower() in _SMALL_WORDS and 0 < at < len(words) - 1)
            for at, word in enumerate(words)
        )
        and not heading_kind(name)
    )


def _is_named(name: str, text: str, start: int, word_before: str) -> bool:
    """Whether the text names name as a company elsewhere than at start, and never uses it
    as a common word: in lower case, or after word_before, the title's word before it."""
    # (in a web or mail address a name is in lower case too: "www.cority.com")
    if name.lower() != name and re.search(
        rf"(?<![\w@./-]){re.escape(name.lower())}(?![\w@/-]|\.\w)", text
    ):
        return False
    quoted = re.escape(name)
    if re.search(rf"(?<!\w){re.escape(word_before)}\s+{quoted}(?!\w)", text[start:]):
        return False
    named = re.finditer(
        rf"{_COMPANY_BEFORE}({quoted})(?!\w)|(?<!\w)({quoted}){_COMPANY_AFTER}", text
    )
    return any(max(match.start(1), match.start(2)) != start for match in named)
