"""The heading rules and the marks of a posting's lines, shared by the unit parse and the reader
of a posting pasted without line breaks."""

from __future__ import annotations

import pytest

from tailor.headings import BULLET_MARK, SENTENCE_END, heading_kind


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        # Checked in order: "preferred qualifications" is a nice-to-have, not a must.
        ("Preferred Qualifications", "preferred"),
        ("Qualifications", "requirements"),
        ("Nice to have", "preferred"),
        # The nice-to-have cue is the reader's too (headings.PREFERRED_CUE): one list.
        ("Extra brownie points if you:", "preferred"),
        ("Desirable skills", "preferred"),
        ("Atouts", "preferred"),
        ("Diferencial:", "preferred"),
        ("Benefits:", "benefits"),
        ("What you\u2019ll do", "responsibilities"),  # a curly apostrophe, as pasted
        ("About Us", "about"),
        # A heading that names the whole posting opens no section of its own.
        ("Job Description", "other"),
    ],
)
def test_a_heading_opens_the_section_its_cue_names(line: str, kind: str):
    assert heading_kind(line) == kind


@pytest.mark.parametrize(
    "line",
    [
        "You will design and build our data platform",  # a duty that starts like a heading
        "Requirements.",  # a full stop ends a sentence, not a heading
        "Build pipelines in Python",  # no cue
        "Digital Asset Management",  # an asset is a nice-to-have only as "an asset"
    ],
)
def test_a_line_that_is_not_a_heading_opens_no_section(line: str):
    assert heading_kind(line) is None


def test_a_long_sentence_that_introduces_a_list_is_its_heading():
    line = "In this role you will work on projects across the whole company such as:"
    assert heading_kind(line) is None
    assert heading_kind(line, lead_in=True) == "responsibilities"


@pytest.mark.parametrize(
    ("line", "bullet"),
    [
        ("- Go", True),
        ("1. Go", True),
        ("(a) Go", True),
        ("• Go", True),
        ("3-5 years of Go", False),
        ("Python", False),
    ],
)
def test_a_bullet_is_told_by_its_mark(line: str, bullet: bool):
    assert bool(BULLET_MARK.match(line)) is bullet


def test_sentences_end_before_a_capital_or_a_digit_only():
    assert SENTENCE_END.split("We ship. You build, e.g. pipelines. 5 years of Go!") == [
        "We ship.",
        "You build, e.g. pipelines.",
        "5 years of Go!",
    ]
