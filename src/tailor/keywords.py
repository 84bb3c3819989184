"""Keywords: the skills and tools a job names, and whether the résumé names them.

A keyword scanner (an applicant-tracking system) looks for the posting's tools word for word;
`key_terms` finds them in the job, `mentions` looks for them in the résumé.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from tailor.job import Job
from tailor.resume import ENTRY_SECTIONS, Resume


@dataclass(frozen=True, slots=True)
class KeyTerm:
    """A skill, tool or domain the job names, as the posting spells it."""

    term: str
    weight: float  # the summed weights of the units that name it: how much the job cares


# Tools and skills are spelled with capitals inside words (PyTorch, OWASP, iOS) or symbols
# (C#, C++, CI/CD, Node.js); ordinary capitalised words are usually just sentence starts.
_TERM = re.compile(r"(?<![\w#+])[A-Za-z][A-Za-z0-9]*(?:[+#]+|(?:[./-][A-Za-z0-9]+)+)?")
_NOT_TERMS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "by",
        "for",
        "from",
        "in",
        "is",
        "it",
        "of",
        "on",
        "or",
        "our",
        "the",
        "this",
        "to",
        "we",
        "with",
        "you",
        "your",
        "us",
        "they",
        "their",
        "who",
        "what",
        "when",
        "where",
        "why",
        "how",
        "will",
        "all",
        "any",
        "can",
        "may",
        "must",
        "should",
        "about",
        "join",
        "including",
        "include",
        "includes",
        "such",
        "etc",
        "e.g",
        "i.e",
        "ie",
        "eg",
        "also",
        "plus",
        "bonus",
        "nice",
        "strong",
        "experience",
        "years",
        "year",
        "ability",
        "skills",
        "knowledge",
        "understanding",
        "familiarity",
        "excellent",
        "good",
        "great",
        "working",
        "work",
        "team",
        "teams",
        "role",
        "company",
        "new",
        "preferred",
        "required",
        "requirements",
        "responsibilities",
        "qualifications",
        "remote",
        "hybrid",
        "office",
        "full-time",
        "part-time",
        "senior",
        "junior",
        "staff",
        "principal",
        "lead",
        "engineer",
        "engineers",
        "engineering",
        "developer",
        "developers",
        "manager",
        "she",
        "he",
        "her",
        "his",
        "them",
        "not",
        # the apply button, footers and the equal-opportunity text are nobody's skills
        "click",
        "apply",
        "here",
        "now",
        "today",
        "submit",
        "share",
        "diversity",
        "inclusion",
        "inclusive",
        "equity",
        "belonging",
        "equal",
        "opportunity",
        "employer",
        "eeo",
        "dei",
        # levels, grades and degrees of a title, not tools
        "i",
        "ii",
        "iii",
        "iv",
        "v",
        "vi",
        "jr",
        "sr",
        "mid",
        "level",
    ]
)
# A place is nobody's skill: names listed after these words are where the job is.
_PLACE_CUE = re.compile(
    r"\b(based|located|locations?|reside|residing|relocat\w*|cities|"
    r"states|regions?|countries|offices?|on-?site|hybrid|remote)\b",
    re.IGNORECASE,
)
# A term named once, by one line, unknown to the taxonomy and outside any list of tools may be
# a typo or an odd word of that line: it never tops the list, however heavy its line.
_ODD_TERM_SHARE = 0.5


def is_shown_term(term: str) -> bool:
    """Whether a word shared by a bullet and the job is worth showing: a word, not a number, a
    stop word or a posting's everyday word."""
    from tailor.lexical import ENGLISH_STOP_WORDS

    key = term.lower()
    return (
        sum(ch.isalpha() for ch in key) >= 2
        and key not in _NOT_TERMS
        and key not in ENGLISH_STOP_WORDS
    )


def key_terms(job: Job, limit: int | None = 25) -> list[KeyTerm]:
    """The job's skills, tools and domains with their weight, most important first.

    A term counts when it is spelled like a tool (inner capitals, symbols, all caps) or when the
    skill taxonomy recognises it ("model serving", "feature stores"); the company's own name and
    everyday words do not.
    """
    from tailor.skills import surface_matches

    company = {word.lower() for word in re.findall(r"\w+", job.company)}
    weights: dict[str, float] = {}
    spelling: dict[str, str] = {}
    lines: dict[str, set[int]] = {}  # the posting lines that name each term
    vouched: set[str] = set()  # named by the taxonomy or in a list of tools
    for unit in job.weighted_units:
        if unit.section == "title":
            continue  # the title is the job's name; its words are in the requirements too
        found: set[str] = set()
        for match in _TERM.finditer(unit.text):
            word = match.group(0).rstrip(".")
            if _looks_like_a_tool(word):
                found.add(word)
        listed = set() if _PLACE_CUE.search(unit.text) else _enumerated_names(unit.text)
        known = surface_matches(unit.text)
        vouched |= {word.lower() for word in listed | known}
        names = found | listed | known
        # "BI" of "Power BI" is not a term of its own
        names = {
            word
            for word in names
            if not any(word != other and word in other.split() for other in names)
        }
        for word in names:
            key = word.lower()
            if (
                key in _NOT_TERMS
                or key in company
                or any(part in company for part in key.split())
                or (len(key) < 2 and key not in ("c", "r"))
                or not any(ch.isalpha() for ch in key)
            ):
                continue
            weights[key] = weights.get(key, 0.0) + unit.weight
            spelling.setdefault(key, word)
            lines.setdefault(key, set()).add(unit.line)

    # Requirements before the rest: a unit's weight is what it counts for (1 for a requirement
    # or duty, 0.6 for a nice-to-have, 0.15 for the company's blurb).
    def rank(key: str) -> float:
        odd = len(lines[key]) == 1 and key not in vouched
        return weights[key] * (_ODD_TERM_SHARE if odd else 1.0)

    ranked = sorted(weights, key=lambda key: (-rank(key), key))[:limit]
    return [KeyTerm(spelling[key], round(weights[key], 2)) for key in ranked]


def _looks_like_a_tool(word: str) -> bool:
    parts = [part for part in word.lower().split("/") if part]
    if len(parts) > 1 and all(part in _NOT_TERMS or len(part) < 2 for part in parts):
        return False  # "and/or", "he/she": everyday words joined, not a tool list
    if any(ch in word for ch in "#+/.") or any(ch.isdigit() for ch in word[1:]):
        return any(ch.isalpha() for ch in word)
    return any(ch.isupper() for ch in word[1:])  # OWASP, PyTorch, iOS, GraphQL


_LIST_LEAD = re.compile(
    r"^(such as|like|including|incl\.|e\.g\.|ie|i\.e\.|for example)\s+", re.IGNORECASE
)


def _enumerated_names(text: str) -> set[str]:
    """Capitalised names listed together ("Python, Go, or Rust"; "(Spark, Flink, Kafka)"): in a
    list they are tools, where a lone capitalised word is usually a sentence start."""
    segments = [
        _LIST_LEAD.sub("", part.strip().rstrip("."))
        for part in re.split(r"[,;()]|\b(?:or|and|etc)\b", text)
    ]
    # "Experience with Tableau": the name the list's first item ends in.
    names = [found.group(1) for part in segments if (found := _LISTED_NAME.search(part))]
    return set(names) if len(names) >= 2 else set()


_LISTED_NAME = re.compile(
    r"(?:^|\b(?:with|in|of|using|on|like|as)\s+)"
    r"([A-Z][\w+#.-]*(?: [A-Z][\w+#.-]*)?)$"
)


def missing_terms(resume: Resume, terms: list[KeyTerm]) -> tuple[str, ...]:
    """The terms the résumé never names.

    Only single tools and skills, as a keyword scanner would look for them; longer phrases are
    how a posting words a requirement, and the requirements list covers those."""
    text = resume_text(resume)
    return tuple(
        term.term
        for term in terms
        if len(term.term.split()) <= 2 and not mentions(resume, term.term, text)
    )


def mentions(resume: Resume, term: str, text: str | None = None) -> bool:
    """Whether the résumé names `term` anywhere (bullets, titles, skills, education), as a
    whole word and ignoring case: what a keyword scanner would find.

    text: resume_text(resume), when the caller checks many terms and computed it once."""
    text = text or resume_text(resume)
    parts = [part for part in re.split(r"\s*/\s*", term) if part.strip()]
    if len(parts) > 1:  # "Tableau/Power" is named when each tool is
        return all(mentions(resume, part, text) for part in parts)
    words = term.lower().split()
    # "SDKs" is named by "SDK", "mentor" by "mentored": compare word stems, loosely; and
    # "Power BI", "PowerBI" and "power-bi" are one name.
    stems = [re.escape(_stem(word)) + r"(?:s|es|ed|d|ing|er|ers|ion|ions)?" for word in words]
    pattern = r"(?<![\w+#])" + r"[\s-]*".join(stems) + r"(?![\w+#])"
    if re.search(pattern, text) is not None:
        return True
    joined = re.sub(r"[\s-]+", "", term.lower())
    return (
        len(words) == 1
        and re.search(
            r"(?<![\w+#])" + r"[\s-]?".join(re.escape(ch) for ch in joined) + r"(?![\w+#])", text
        )
        is not None
    )


def resume_text(resume: Resume) -> str:
    """Everything a scanner reads in the résumé, lower-cased, one field a line."""
    basics = resume.basics  # "Jane Doe, RN, BSN": credentials in the name line count
    parts = [
        basics.name,
        basics.label or "",
        *resume.summary,
        *resume.summaries,
        *map(str, resume.interests),
    ]
    for section in ENTRY_SECTIONS:
        for entry in resume.entries(section):
            parts += [entry.organization, entry.title or "", entry.location or "", *entry.keywords]
    parts += [bullet.text for bullet in resume.bullets()]
    for school in resume.education:
        parts += [school.institution, school.qualification or "", *school.courses]
    for group in resume.skills:
        parts += [group.name, *group.items]
    parts += [language.name for language in resume.languages]
    return "\n".join(parts).lower()


def _stem(word: str) -> str:
    for suffix in ("ing", "ed", "es", "s"):
        if (
            word.endswith(suffix)
            and len(word) - len(suffix) >= 3
            and word[-len(suffix) - 1] not in "+#"
        ):
            return word[: -len(suffix)]
    return word
