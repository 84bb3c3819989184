"""What the lines of a posting are made of, for the unit parse (`job`) and the reader of a
posting pasted without line breaks (`flat_posting`) alike: the heading rules (which section a
heading opens), a bullet's mark, a sentence's end, and how long a title and a posting run.
"""

from __future__ import annotations

import re

TITLE_CHARS = 120  # how much of the title a page heading or a table shows
# A long posting runs to 6 KB; four times that is most likely a whole web page pasted in,
# whose "similar jobs" and sidebars dilute the match (and every line costs embedding time).
LONG_POSTING_CHARS = 24_000

# What marks a nice-to-have, in a heading ("Nice to Have", "Extra brownie points if you:",
# "Atouts") and in a line ("… is a plus", "Bachelor's degree preferred"): the one list the
# heading rules and the reader (reading.py) both use. An asset or an advantage counts only as
# "an asset" (not "Asset management"); the plain "prefer" and the French, German and
# Portuguese words are for the postings in those languages.
PREFERRED_CUE = (
    r"\b(?:nice[- ]to[- ]haves?|preferred|prefer|preferably|bonus|plus(?:es)?|desired|"
    r"desirable|ideally|good to have|extra credit|not required|stand out|"
    r"(?:additional|extra|brownie) points|(?:an?|big|real) (?:advantage|asset)|advantageous|"
    r"would love (?:for )?(?:you|it if)|we'?d love (?:it )?if|atouts?|appréciée?s?|"
    r"souhaitée?s?|wünschenswert|von vorteil|diferencia(?:l|is)|deseáve(?:l|is))\b"
)

# Heading cues, checked in this order: "preferred qualifications" is a nice-to-have, not a must.
HEADING_CUES: list[tuple[str, str]] = [
    # A heading that names the whole posting or the company ("Job Description", "Company
    # Description") opens no section of its own: what follows is read line by line.
    ("other", r"^(job|role|position) (description|summary|details|overview)$|^description$"),
    ("legal", r"equal (employment )?opportunit|\beeo\b|accommodation|privacy|disclaimer|notice"),
    ("salary", r"salary|pay (range|transparency)|compensation range|base pay|\bpay\b"),
    (
        "benefits",
        r"benefit|perks|what we offer|we offer|our offer|why (join|work)|"
        r"compensation|what('s| is) in it for you|total rewards|life at",
    ),
    ("preferred", PREFERRED_CUE),
    (
        "requirements",
        r"requirement|qualification|what you('ll)? (need|bring|have)|^required$|"
        r"what (do|will) (we|you) need|what we need|who we('re| are) looking for|"
        r"what (we|you)('re| are) looking for|^who you are|^your skills|"
        r"you should have|who you are|about you|you have|must[- ]have|"
        r"look(ing)? for|skills|experience|you (might|may) be a (good )?fit|"
        r"what (we|you)('re| are)? (need|expect)|minimum|ideal candidate|"
        r"you are|your profile|what it takes",
    ),
    (
        "responsibilities",
        r"responsibilit|what you('ll| will)? (do|be doing|work on|achieve)|"
        r"what will you (do|be doing|work on)|what you'd do|"
        r"the role|your role|this role|in this role|day[- ]to[- ]day|"
        r"you will|you'll|duties|your impact|the impact|the job|"
        r"the opportunity|the position|mission of the role|what the job",
    ),
    (
        "about",
        r"about|who we are|our (mission|story|team|company|culture)|the company|"
        r"company (description|profile)|"
        r"company overview|overview|the team|our values",
    ),
]

BULLET_MARK = re.compile(r"^\s*(?:[-*•·●▪◦‣–—>]+|\d{1,2}[.)]|\([a-z0-9]\)|[a-z][.)])\s+", re.I)
# A leading pictograph (an emoji or dingbat, with its variation selector, skin tone or joined
# parts): a decoration ("🚀 Responsibilities:", "✅ 5 years of Go", "🩺 Health plans"), dropped
# from the line's text and nothing else. Reading it as a list item's mark, or adding "−", "»"
# and "■" to BULLET_MARK, read the training postings worse out of fold (docs/reading.md).
PICTOGRAPH_MARK = re.compile(
    r"^\s*(?:[\u2600-\u27bf\u2b00-\u2bff\U0001f000-\U0001faff]"
    r"[\ufe0e\ufe0f\u200d\u20e3\U0001f3fb-\U0001f3ff\u2600-\u27bf\U0001f000-\U0001faff]*\s*)+"
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[\"'(\[]?[A-Z0-9])")


def heading_kind(line: str, lead_in: bool = False) -> str | None:
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
    for kind, cue in HEADING_CUES:
        if re.search(cue, lowered):
            # "You will design and build X" is a duty, not the heading "You will".
            if len(words) > 5 and not line.endswith(":"):
                return None
            return kind
    return None
