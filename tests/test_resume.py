"""The résumé model: ids, dates as people write them, recency and where a bullet sits."""

from __future__ import annotations

import pytest

from tailor.errors import InvalidInput
from tailor.resume import Date, parse_date


def test_bullet_ids_are_unique(resume):
    ids = [bullet.id for bullet in resume.bullets()]
    assert len(set(ids)) == len(ids)


def test_dates_and_recency(resume):
    newest = resume.experience[0]
    assert newest.period == "Sep 2024 – Present"
    assert newest.recency == float("inf")
    assert resume.experience[-1].period == "Summer 2015"
    assert (
        resume.context_of(resume.experience[0].bullets[0])
        == "Staff Machine Learning Engineer, Harbor Analytics"
    )
    assert resume.context_of(resume.awards[0]) == "Awards"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-09", Date(2024, 9)),
        ("Sep 2024", Date(2024, 9)),
        ("September 2024", Date(2024, 9)),
        ("sept. 2024", Date(2024, 9)),
        ("09/2024", Date(2024, 9)),
        ("2015", Date(2015)),
        ("Summer 2015", Date(2015, season="summer")),
        ("Present", Date(present=True)),
        ("'16", Date(2016)),
        ("Sep ’16", Date(2016, 9)),
        ("'98", Date(1998)),
    ],
)
def test_dates_people_write(text: str, expected: Date):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text", ["Smarch 2020", "2024-13", "yesterday", "24", "Septembre 2024", "Sep'16", "'2016"]
)
def test_dates_that_are_not(text: str):
    assert parse_date(text) is None


def test_pronouns_reach_validation_the_schema_yaml_and_json_resume_both_ways():
    """A field of the model declared once (Basics.pronouns) is read, checked, described,
    written back and exported and imported, with nothing else to change."""
    from tailor.jsonresume import from_json_resume, to_json_resume
    from tailor.resume_schema import json_schema
    from tailor.resume_yaml import parse_resume
    from tailor.yaml_writer import resume_to_yaml

    written = parse_resume("""\
basics: {name: Ada Lovelace, pronouns: she/her}
experience:
  - {company: Analytical Engines, title: Engineer, start: 2019, bullets: [Wrote notes.]}
""")
    assert written.basics.pronouns == "she/her"
    assert "pronouns: she/her" in resume_to_yaml(written)
    assert parse_resume(resume_to_yaml(written)) == written
    exported = to_json_resume(written)
    assert exported["basics"]["pronouns"] == "she/her"
    imported, notes = from_json_resume(exported)
    assert imported.basics.pronouns == "she/her" and not any("pronouns" in n for n in notes)
    basics = json_schema()["properties"]["basics"]
    assert basics["properties"]["pronouns"] == {"type": ["string", "number"]}
    with pytest.raises(InvalidInput, match="pronouns"):
        parse_resume(
            "basics: {name: Ada, pronouns: [she, her]}\n"
            "experience: [{company: A, title: B, start: 2020}]\n"
        )


def test_a_roles_second_company_name_reaches_validation_the_schema_yaml_and_json_resume():
    """experience[].entity (a JSON Resume work entry's `company` beside its `name`): its line in
    resume_yaml.FIELDS, where entries' fields live, is read, checked, described, written back,
    and exported and imported as `company`."""
    from tailor.jsonresume import from_json_resume, to_json_resume
    from tailor.resume_schema import json_schema
    from tailor.resume_yaml import parse_resume
    from tailor.yaml_writer import resume_to_yaml

    written = parse_resume("""\
basics: {name: Ada Lovelace}
experience:
  - {company: Analytical Engines, entity: Babbage Group, title: Engineer, start: 2019,
     bullets: [Wrote notes.]}
""")
    assert written.experience[0].entity == "Babbage Group"
    assert "entity: Babbage Group" in resume_to_yaml(written)
    assert parse_resume(resume_to_yaml(written)) == written
    exported = to_json_resume(written)
    assert (exported["work"][0]["name"], exported["work"][0]["company"]) == (
        "Analytical Engines",
        "Babbage Group",
    )
    imported, notes = from_json_resume(exported)
    assert imported.experience[0].entity == "Babbage Group" and not any(
        "company" in note for note in notes
    )
    experience = json_schema()["properties"]["experience"]["items"]
    assert experience["properties"]["entity"] == {"type": ["string", "number"]}
    with pytest.raises(InvalidInput, match="entity"):
        parse_resume(
            "basics: {name: Ada}\n"
            "experience: [{company: A, entity: [B, C], title: B, start: 2020}]\n"
        )
