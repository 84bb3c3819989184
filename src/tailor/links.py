"""Which link targets may become clickable: the web and e-mail, nothing that runs code or opens
files.

Why: a résumé link is clicked by someone else (a recruiter, an applicant-tracking system), and
an imported JSON Resume or Word file is untrusted. `javascript:`, `file:`, `ms-word:` or a
network path under a harmless label is a trap; a control character breaks the DOCX's XML.
"""

from __future__ import annotations

import re
import unicodedata

SAFE_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):", re.IGNORECASE)


def link_problem(url: str) -> str | None:
    """Why `url` must not be a clickable link, or None when it may (a URL without a scheme is
    read as https, as full_url does)."""
    if any(unicodedata.category(ch) in ("Cc", "Cs") or ch in "\ufffe\uffff" for ch in url):
        return "holds a control character"
    if url.startswith(("\\\\", "//")) or "\\" in url:
        return "is a network path or has backslashes, which Word opens as a file"
    scheme = _SCHEME.match(url)
    if scheme and scheme[1].lower() not in SAFE_SCHEMES:
        return (
            f"uses `{scheme[1].lower()}:`; only {', '.join(SAFE_SCHEMES[:-1])} and "
            f"{SAFE_SCHEMES[-1]} links are kept"
        )
    return None
