"""resume.yaml: a résumé loads whole, and every problem is reported at once with its line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from tailor.errors import InvalidInput, UserError
from tailor.resume import Date, load_resume, parse_date, parse_resume

from .conftest import SEED_RESUME


def issues_of(text: str) -> list[str]:
    with pytest.raises(InvalidInput) as caught:
        parse_resume(textwrap.dedent(text), "resume.yaml")
    return [str(issue) for issue in caught.value.issues]


MINIMAL = """\
basics:
  name: Ada Lovelace
experience:
  - company: Analytical Engines Ltd
    title: Programmer
    start: 1992-01
    end: present
    bullets:
      - Wrote the first published algorithm for a machine.
"""


def test_a_resume_loads_every_section(resume):
    assert resume.basics.name == "Ines Moreau"
    assert resume.basics.email == "ines@example.com"
    assert [link.url for link in resume.basics.links] == ["https://ines.example.com",
                                                          "https://github.com/ines-example"]
    assert len(resume.experience) == 6
    assert len(resume.open_source) == 2
    assert len(resume.education) == 2
    assert len(resume.certifications) == 1
    assert len(resume.awards) == 3 and len(resume.publications) == 1
    assert len(resume.bullets()) == 34
    assert len(resume.summary) == 3
    assert resume.skills[1].name == "Experience with" and "Kubernetes" in resume.skills[1].items
    assert resume.education[1].institution == "Escola Politècnica de Barcelona"


def test_bullet_ids_are_unique(resume):
    ids = [bullet.id for bullet in resume.bullets()]
    assert len(set(ids)) == len(ids)


def test_dates_and_recency(resume):
    newest = resume.experience[0]
    assert newest.period == "Sep 2024 – Present"
    assert newest.recency == float("inf")
    assert resume.experience[-1].period == "Summer 2015"
    assert resume.context_of(resume.experience[0].bullets[0]) == \
        "Staff Machine Learning Engineer, Harbor Analytics"
    assert resume.context_of(resume.awards[0]) == "Awards"


def test_the_example_resume_users_start_from_loads():
    """The repository's resume.yaml is what `make demo` tailors; it must stay valid."""
    example = load_resume(SEED_RESUME)
    assert example.basics.name and example.bullets()


def test_bullets_without_ids_get_positional_ids():
    resume = parse_resume(MINIMAL)
    assert [b.id for b in resume.bullets()] == ["experience-1-1"]


def test_bullet_mapping_carries_tags_and_pin():
    resume = parse_resume(MINIMAL.replace(
        "      - Wrote the first published algorithm for a machine.",
        "      - text: Wrote the first published algorithm.\n        id: algo\n"
        "        tags: [math]\n        pin: true"))
    bullet = resume.bullets()[0]
    assert (bullet.id, bullet.tags, bullet.pin) == ("algo", ("math",), True)


def test_unknown_field_is_an_error_with_line_and_suggestion():
    problems = issues_of(MINIMAL.replace("    bullets:", "    bulets:"))
    assert any("resume.yaml:8:5: experience[0].bulets: `bulets` is not a field of an "
               "experience entry; did you mean `bullets`?" in p for p in problems), problems


def test_every_problem_is_reported_at_once():
    problems = issues_of("""\
        basics:
          email: not-an-email
        experience:
          - company: Acme
            start: Smarch 2020
            bullets:
              - text: Did things.
                pin: maybe
        """)
    joined = "\n".join(problems)
    assert "basics.name: `name` is required" in joined
    assert "does not look like an email" in joined
    assert "experience[0].title: `title` is required" in joined
    assert "resume.yaml:5:12: experience[0].start: `Smarch 2020` is not a date" in joined
    assert "experience[0].bullets[0].pin: should be true or false" in joined
    assert len(problems) == 5


def test_yaml_syntax_error_names_the_line():
    problems = issues_of("basics:\n  name: Ada\nexperience: [\n")
    assert len(problems) == 1 and problems[0].startswith("resume.yaml:")
    assert "YAML syntax error" in problems[0]


def test_duplicate_bullet_ids_are_errors():
    text = MINIMAL.replace("      - Wrote the first published algorithm for a machine.",
                           "      - {id: x, text: One.}\n      - {id: x, text: Two.}")
    assert any("id `x` is already used" in p for p in issues_of(text))


def test_empty_file_and_missing_experience():
    assert "is empty" in issues_of("")[0]
    assert "has no entries" in issues_of("basics:\n  name: Ada\n")[0]


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    bomb = "basics: {name: Ada}\nexperience:\n  - company: X\n    title: Y\n    start: 2020\n" \
           "    bullets: [ok]\nextra:\n" + "\n".join("  " + line for line in bomb.splitlines())
    problems = issues_of(bomb)
    assert any("`extra` is not a field" in p for p in problems)


def test_missing_file_is_a_user_error(tmp_path: Path):
    with pytest.raises(UserError, match="no such file"):
        load_resume(tmp_path / "nope.yaml")


@pytest.mark.parametrize(("text", "expected"), [
    ("2024-09", Date(2024, 9)),
    ("Sep 2024", Date(2024, 9)),
    ("September 2024", Date(2024, 9)),
    ("sept. 2024", Date(2024, 9)),
    ("09/2024", Date(2024, 9)),
    ("2015", Date(2015)),
    ("Summer 2015", Date(2015, season="summer")),
    ("Present", Date(present=True)),
])
def test_dates_people_write(text: str, expected: Date):
    assert parse_date(text) == expected


@pytest.mark.parametrize("text", ["Smarch 2020", "2024-13", "yesterday", "24", "Septembre 2024"])
def test_dates_that_are_not(text: str):
    assert parse_date(text) is None
