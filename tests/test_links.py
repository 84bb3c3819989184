"""Which links may become clickable in the DOCX: web and mail only (tailor.links)."""

from __future__ import annotations

import pytest

from tailor.links import link_problem


@pytest.mark.parametrize(
    "url",
    [
        "https://ada.dev",
        "http://example.com/a?b=c",
        "mailto:ada@example.com",
        "github.com/ada",
        "ada.dev/cv",
    ],
)
def test_web_and_mail_links_are_kept(url: str):
    assert link_problem(url) is None


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("javascript:alert(1)", "javascript:"),
        ("file:///etc/passwd", "file:"),
        ("ms-word:ofe|u|https://x", "ms-word:"),
        ("\\\\server\\share\\cv.docx", "network path"),
        ("//server/share", "network path"),
        ("https://ada.dev/\x07bell", "control character"),
    ],
)
def test_other_schemes_paths_and_control_characters_are_refused(url: str, why: str):
    problem = link_problem(url)
    assert problem is not None and why in problem
