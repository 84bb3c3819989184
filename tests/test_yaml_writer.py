"""resume.yaml written for people: the documented date and bullet forms, no empty fields, and
text that YAML would misread kept as text."""

from __future__ import annotations

from dataclasses import replace

import pytest

from tailor.resume import Date, default_bullet_id
from tailor.resume_yaml import parse_resume
from tailor.yaml_writer import HEADER, date_to_yaml, resume_to_yaml


def test_default_ids_are_the_ones_the_loader_gives():
    resume = parse_resume("""\
basics: {name: Ada}
experience:
  - {company: A, title: B, start: 2020, bullets: [One., Two.]}
  - {company: C, title: D, start: 2019, bullets: [Three.]}
open_source: [{name: E, role: F, start: 2018, bullets: [Four.]}]
awards: [Five.]
""")
    expected = [
        default_bullet_id("experience", 0, 0),
        default_bullet_id("experience", 0, 1),
        default_bullet_id("experience", 1, 0),
        default_bullet_id("open_source", 0, 0),
        default_bullet_id("awards", None, 0),
    ]
    assert [b.id for b in resume.bullets()] == expected
    assert expected[-2:] == ["open-source-1-1", "awards-1"]


@pytest.mark.parametrize(
    ("date", "written"),
    [
        (Date(2024, 9), "2024-09"),
        (Date(2015), 2015),
        (Date(present=True), "present"),
        (Date(2015, season="summer"), "Summer 2015"),
        (None, None),
    ],
)
def test_dates_are_written_as_the_docs_show_them(date, written):
    assert date_to_yaml(date) == written


def test_text_yaml_would_misread_stays_text():
    tricky = [
        "yes",
        "null",
        "- a dash first",
        "# a hash first",
        "key: value",
        "'quoted'",
        "2024-09",
        "émigré 🚀 שלום",
        "@handle",
        "*star",
        "100%",
    ]
    resume = parse_resume(
        "basics: {name: Ada}\nexperience:\n  - {company: A, title: B, "
        "start: 2020, bullets: [placeholder]}\n"
    )
    entry = resume.experience[0]
    bullets = tuple(
        replace(entry.bullets[0], text=text, id=f"experience-1-{i + 1}")
        for i, text in enumerate(tricky)
    )
    resume = replace(resume, experience=(replace(entry, bullets=bullets),))
    text = resume_to_yaml(resume)
    assert [b.text for b in parse_resume(text).bullets()] == tricky


def test_the_header_comes_first_and_empty_fields_are_left_out(resume):
    text = resume_to_yaml(resume)
    assert text.startswith(HEADER)
    assert resume_to_yaml(resume, header="# mine\n").startswith("# mine\n\nbasics:")
    assert "null" not in text and ": \n" not in text and "[]" not in text
    assert parse_resume(text) == resume
