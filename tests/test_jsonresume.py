"""resume.yaml ↔ YAML text and ↔ JSON Resume: round trips that lose nothing, and notes for what
has no place."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tailor.errors import UserError
from tailor.jsonresume import from_json_resume, to_json_resume
from tailor.resume import (
    Credit,
    Date,
    Interest,
    Place,
    Reference,
    SkillGroup,
    parse_date,
)
from tailor.resume_yaml import parse_resume
from tailor.yaml_writer import date_to_yaml, resume_to_yaml

FULL = Path(__file__).parent / "data" / "jsonresume-full.json"
DATE_KEYS = {"startDate", "endDate", "date", "releaseDate"}


def _full() -> dict[str, Any]:
    return json.loads(FULL.read_text(encoding="utf-8"))


def _leaves(value: Any, path: str = "") -> list[tuple[str, str, str]]:
    """(path, key, text) of every string in a JSON document."""
    if isinstance(value, dict):
        return [leaf for key, child in value.items() for leaf in _leaves(child, f"{path}.{key}")]
    if isinstance(value, list):
        return [leaf for i, child in enumerate(value) for leaf in _leaves(child, f"{path}[{i}]")]
    key = path.rsplit(".", 1)[-1].split("[")[0]
    return [(path, key, str(value))]


# -- YAML writer ---------------------------------------------------------------------------------


def test_a_whole_resume_round_trips_through_the_yaml_writer(resume):
    text = resume_to_yaml(resume)
    assert parse_resume(text) == resume


def test_yaml_is_written_the_documented_way(resume):
    text = resume_to_yaml(resume)
    assert "start: 2024-09\n" in text and "end: present\n" in text
    assert "start: Summer 2015\n" in text
    assert "id: harbor-staff-1\n" in text  # explicit ids differing from the default are kept
    assert "courses: [" in text and "items: [Java, Python]" in text
    assert "null" not in text and "location: \n" not in text


def test_plain_bullets_with_default_ids_are_plain_strings():
    resume = parse_resume(
        "basics: {name: Ada}\nexperience:\n  - company: A\n    title: B\n"
        "    start: 2015\n    bullets: [One., {text: Two., pin: true},"
        " {text: Three., id: custom, tags: [x]}]\n"
    )
    text = resume_to_yaml(resume)
    assert "- One.\n" in text and "start: 2015\n" in text
    assert "pin: true" in text and "id: custom" in text and "tags: [x]" in text
    assert "experience-1-1" not in text and "experience-1-2" not in text
    assert parse_resume(text) == resume


def test_dates_are_written_as_people_write_them():
    assert date_to_yaml(Date(2024, 9)) == "2024-09"
    assert date_to_yaml(Date(2015, season="summer")) == "Summer 2015"
    assert date_to_yaml(Date(2015)) == 2015
    assert date_to_yaml(Date(present=True)) == "present"


# -- JSON Resume ---------------------------------------------------------------------------------


def test_a_whole_resume_to_json_resume_and_back_is_the_same(resume):
    document = json.loads(json.dumps(to_json_resume(resume)))  # really JSON-serialisable
    back, notes = from_json_resume(document)
    assert notes == []
    assert back == resume


def test_json_resume_uses_the_standard_fields(resume):
    document = to_json_resume(resume)
    first = document["work"][0]
    assert first["name"] == "Harbor Analytics"
    assert first["position"] == "Staff Machine Learning Engineer"
    assert first["startDate"] == "2024-09" and "endDate" not in first  # still there
    assert document["basics"]["url"] == "https://ines.example.com"
    assert document["basics"]["profiles"][0]["network"] == "GitHub"
    # resume.yaml's degree is one text: it stays one, never split at a guess.
    assert document["education"][0]["studyType"] == "M.S., Computer Science"
    assert {p["name"] for p in document["projects"]} >= {"Pipeline Components SIG"}
    assert document["projects"][0]["type"] == "open source"
    assert document["skills"][0] == {"name": "Programming", "keywords": ["Java", "Python"]}


def test_full_json_resume_imports_every_section():
    resume, notes = from_json_resume(_full())
    assert parse_resume(resume_to_yaml(resume)) == resume  # writes valid resume.yaml
    assert resume.basics.name == "Maya Okafor" and resume.basics.label == "Senior Data Engineer"
    assert resume.basics.location == "Manchester, England, GB"  # the page's text...
    assert resume.basics.place == Place(
        "12 Canal Street", "M1 3HE", "Manchester", "England", "GB"
    )  # ...and every part, kept
    assert resume.basics.image == "https://maya.dev/photo.jpg"
    assert [link.url for link in resume.basics.links] == [
        "https://maya.dev",
        "https://github.com/mokafor",
        "https://www.linkedin.com/in/maya-okafor",
    ]
    assert len(resume.summary) == 2
    assert [(e.organization, e.title) for e in resume.experience] == [
        ("Ledgerline", "Senior Data Engineer"),
        ("Parcelwise", "Data Engineer"),
        ("Northwind Logistics", "Graduate Analyst"),
    ]
    assert resume.experience[0].end == Date(present=True)
    assert resume.experience[0].start == Date(2021, 4)
    assert len(resume.experience[0].bullets) == 3
    # A role's own summary is its summary line, rankable beside its bullets.
    summary = resume.experience[0].summary
    assert summary is not None and summary.text == "Payments analytics platform for 300 banks."
    assert (summary.id, summary.kind) == ("experience-1-summary", "summary")
    assert summary in resume.bullets()
    assert resume.experience[2].bullets == ()
    assert resume.experience[2].summary.text.startswith("Forecasted warehouse demand")
    assert [e.organization for e in resume.open_source] == ["pg-contracts"]
    pg = resume.open_source[0]
    assert pg.title == "Creator, Maintainer" and pg.roles == ("Creator", "Maintainer")
    assert pg.keywords == ("Postgres", "Debezium") and pg.entity == "Personal"
    assert pg.summary.text == "Schema contracts for Postgres CDC streams."
    assert [(e.organization, e.type) for e in resume.projects] == [("Tram Times", "application")]
    assert [(e.organization, e.title) for e in resume.volunteer] == [
        ("Code Club Manchester", "Mentor")
    ]
    assert (resume.education[0].degree, resume.education[0].area) == ("MSc", "Computer Science")
    assert resume.education[0].qualification == "MSc, Computer Science"
    assert resume.education[0].courses[0] == "Distributed Systems"
    assert resume.education[0].url == "https://www.manchester.ac.uk"
    award = resume.awards[0]
    assert award.credit == Credit(
        "Engineering Excellence Award",
        "Ledgerline",
        Date(2023, 11),
        None,
        "For the streaming settlement rebuild",
    )
    # What the ranker reads: what it is, who gave it and why; the page adds the date.
    assert (
        award.text == "Engineering Excellence Award, Ledgerline. For the streaming "
        "settlement rebuild"
    )
    assert (
        award.page_text == "Engineering Excellence Award, Ledgerline (Nov 2023). For the "
        "streaming settlement rebuild"
    )
    assert resume.awards[1].credit == Credit("Best Data Hack, HackManchester", None, Date(2016))
    certificate = resume.certifications[0]
    assert certificate.id == "certifications-1"
    assert certificate.page_text == "Google Cloud Professional Data Engineer, Google (May 2022)"
    assert certificate.credit.url == "https://cloud.google.com/certification/data-engineer"
    publication = resume.publications[0]
    assert publication.credit.summary == "A talk on enforcing schemas at the producer."
    assert (
        publication.text == "Contracts Between Data Producers and Consumers, Data Council. "
        "A talk on enforcing schemas at the producer."
    )
    assert (
        resume.publications[1].page_text
        == "Streaming Settlement at Scale. Ledgerline Engineering Blog, Aug 2022."
    )
    assert resume.skills[0] == SkillGroup("Languages", ("Python", "Scala", "SQL"), "Expert")
    assert resume.skills[-1] == SkillGroup("Terraform", ())
    assert [(lang.name, lang.level) for lang in resume.languages][-1] == ("French", None)
    assert resume.interests == (Interest("Cycling", ("Audax", "Track")), Interest("Chess"))
    assert resume.references == (
        Reference(
            "Sam Reid, CTO at Ledgerline",
            "Maya is the engineer I call when a pipeline must not fail.",
        ),
    )
    # What has no place is named by its JSON path, with its text; nothing else is.
    assert notes == [
        "basics.profiles[2]: a profile without a web address; left out: "
        '{"network": "Mastodon", "username": "maya@hachyderm.io"}',
        "meta.canonical: no place in resume.yaml; left out: https://maya.dev/resume.json",
        "meta.version: no place in resume.yaml; left out: v1.0.0",
        "meta.lastModified: no place in resume.yaml; left out: 2024-05-01T10:00:00",
    ]


def test_full_json_resume_round_trip_keeps_everything_that_has_a_place():
    original = _full()
    resume, notes = from_json_resume(original)
    exported = to_json_resume(resume)
    again, again_notes = from_json_resume(json.loads(json.dumps(exported)))
    assert again == resume and again_notes == []
    out_text = json.dumps(exported, ensure_ascii=False)
    noted = "\n".join(notes)
    for path, key, text in _leaves(original):
        if key in DATE_KEYS:
            # Days are beyond résumé precision; awards and publications carry the date in
            # their text ("Nov 2023").
            assert text[:7] in out_text or str(parse_date(text)) in out_text, path
        elif key != "$schema":
            assert json.dumps(text, ensure_ascii=False)[1:-1] in out_text or text in noted, (
                f"{path}: {text!r} neither exported nor reported"
            )


def test_selection_exports_only_the_chosen_bullets(resume):
    chosen = {"harbor-staff-1", "northwind-2", "oss-dsl-1", "award-2"}
    document = to_json_resume(resume, chosen)
    highlights = [
        h for item in document["work"] + document["projects"] for h in item.get("highlights", [])
    ]
    assert len(highlights) == 3
    assert len(document["work"]) == len(resume.experience)  # roles stay, as on the page
    assert [p["name"] for p in document["projects"]] == [resume.open_source[1].organization]
    assert [a["title"] for a in document["awards"]] == [resume.awards[1].text]
    assert "publications" not in document
    back, _ = from_json_resume(document)
    assert {b.id for b in back.bullets()} == chosen  # ids survive the trip


def test_a_role_without_a_start_date_moves_to_projects_and_is_reported():
    resume, notes = from_json_resume(
        {
            "basics": {"name": "A"},
            "work": [{"name": "Acme", "position": "Dev", "highlights": ["Did things."]}],
        }
    )
    assert resume.experience == () and resume.projects[0].organization == "Acme"
    assert resume.projects[0].bullets[0].id == "projects-1-1"
    assert any("work[0]" in note and "startDate" in note for note in notes)
    assert parse_resume(resume_to_yaml(resume)) == resume


def test_wrong_types_are_reported_not_fatal():
    resume, notes = from_json_resume(
        {
            "basics": {"name": "A", "email": "not-an-email"},
            "work": [{"name": "X", "position": "Y", "startDate": "someday", "highlights": [3, {}]}],
            "skills": "Python",
        }
    )
    assert resume.basics.email is None
    joined = "\n".join(notes)
    assert "basics.email" in joined and "work[0].startDate" in joined
    assert "work[0].highlights[1]" in joined and "skills" in joined


@pytest.mark.parametrize("document", [[], "text", 3, None])
def test_a_json_that_is_not_an_object_is_a_user_error(document):
    with pytest.raises(UserError, match="JSON object"):
        from_json_resume(document)


def test_a_json_resume_without_a_name_is_a_user_error():
    with pytest.raises(UserError, match=r"basics\.name"):
        from_json_resume({"work": []})


def test_older_and_theme_names_are_read_and_anything_else_they_say_is_reported():
    resume, notes = from_json_resume(
        {
            "basics": {
                "name": "A",
                "website": "https://a.dev",
                "picture": "https://a.dev/me.jpg",
                "url": "null",  # a null written as text, where an address belongs
                "summary1": "First paragraph.",
                "summary2": "Second paragraph.",
            },
            "work": [
                {
                    "company": "Acme",
                    "name": "Acme Inc",
                    "position": "Dev",
                    "startDate": "2020-01",
                    "url": "https://acme.example",
                    "website": "https://acme.example/jobs",
                    "summary": "Ran the build.",
                }
            ],
            "projects": [
                {
                    "title": "Drotrack",
                    "date": "Fall 2024",
                    "website": "https://d.example",
                    "description": "Faster drone tracking.",
                }
            ],
            "education": [{"institution": "McGill", "score": "3.9", "gpa": "3.85/4"}],
        }
    )
    assert [link.url for link in resume.basics.links] == ["https://a.dev"]
    assert resume.basics.image == "https://a.dev/me.jpg"
    assert resume.summary == ("First paragraph.", "Second paragraph.")
    role = resume.experience[0]
    assert (role.organization, role.url, role.summary.text) == (
        "Acme Inc",
        "https://acme.example",
        "Ran the build.",
    )  # `name` is the schema's
    assert role.entity == "Acme"  # and `company`, saying something else, is kept beside it
    project = resume.projects[0]
    assert (project.organization, project.url) == ("Drotrack", "https://d.example")
    assert (project.start, project.end) == (Date(2024, season="fall"), None)  # one date
    assert resume.education[0].score == "3.9"
    # What the first name did not take is named with its text, never dropped.
    assert notes == [
        "work[0].website: no place in resume.yaml; left out: https://acme.example/jobs",
        "education[0].gpa: no place in resume.yaml; left out: 3.85/4",
    ]


def test_presentations_and_teaching_are_placed_and_said_so():
    resume, notes = from_json_resume(
        {
            "basics": {"name": "A"},
            "presentations": [
                {
                    "name": "Early Mars",
                    "event": "Mars Conference",
                    "date": "2025-09-01",
                    "location": "Paris, France",
                    "description": "An oral presentation.",
                }
            ],
            "teaching": [
                {
                    "course": "GIS sessions",
                    "institution": "Université de Rennes",
                    "date": "2019-09-01",
                    "role": "Teaching assistant",
                    "description": "Practical sessions in QGIS.",
                }
            ],
        }
    )
    talk = resume.publications[0]
    assert talk.credit == Credit(
        "Early Mars", "Mars Conference", Date(2025, 9), None, "An oral presentation."
    )
    role = resume.experience[0]
    assert (role.title, role.organization, role.start, role.end) == (
        "Teaching assistant",
        "Université de Rennes",
        Date(2019, 9),
        None,
    )
    assert role.summary.text == "GIS sessions"
    assert [b.text for b in role.bullets] == ["Practical sessions in QGIS."]
    assert any(n.startswith("presentations[0]: ") and "publications" in n for n in notes)
    assert "presentations[0].location: no place in resume.yaml; left out: Paris, France" in notes
    assert any(n.startswith("teaching[0]: ") and "experience" in n for n in notes)
    assert parse_resume(resume_to_yaml(resume)) == resume


def test_a_summary_written_as_a_list_becomes_the_bullets_and_says_so():
    resume, notes = from_json_resume(
        {
            "basics": {"name": "A"},
            "work": [
                {
                    "name": "Le Figaro",
                    "position": "Architect",
                    "startDate": "2019",
                    "summary": "Editorial tools team.\n- Built the wire-feed portal\n"
                    "(React, Node.js)\n- Automated supplier onboarding\n",
                }
            ],
        }
    )
    role = resume.experience[0]
    assert role.summary.text == "Editorial tools team."
    assert [b.text for b in role.bullets] == [
        "Built the wire-feed portal (React, Node.js)",
        "Automated supplier onboarding",
    ]
    assert notes == ["work[0].summary: written as a list; its 2 items became bullets"]
    one, _ = from_json_resume(
        {
            "basics": {"name": "A"},
            "work": [
                {"name": "X", "position": "Y", "startDate": "2019", "summary": "- Only one item"}
            ],
        }
    )
    assert one.experience[0].summary.text == "- Only one item"  # one line is not a list


def test_a_profile_keeps_the_network_and_username_its_owner_gave():
    """Rebuilt from the URL, Xing came back as xing.com and a username as a URL's tail."""
    document = {
        "basics": {
            "name": "A",
            "profiles": [
                {
                    "network": "XING",
                    "username": "Ada_Lovelace",
                    "url": "https://www.xing.com/profile/ada",
                },
                {"network": "GitHub", "username": "ada", "url": "https://github.com/ada"},
            ],
        }
    }
    resume, notes = from_json_resume(document)
    assert notes == []
    xing, github = resume.basics.links
    assert (xing.network, xing.username) == ("XING", "Ada_Lovelace")
    assert (github.network, github.username) == (None, None)  # what the URL says already
    assert to_json_resume(resume)["basics"]["profiles"] == document["basics"]["profiles"]


# -- issue 21, item 26: a real JSON Resume comes back as its author wrote it ------------------


@pytest.mark.parametrize(
    ("written", "read"),
    [
        ("01/2014", Date(2014, 1)),
        ("'07", Date(2007)),
        ("February 2023", Date(2023, 2)),
        ("Sep 2019", Date(2019, 9)),
        ("2014-01-15", Date(2014, 1)),
        ("2019-03", Date(2019, 3)),
    ],
)
def test_dates_come_back_from_import_and_export_as_their_author_wrote_them(written, read):
    original = {
        "basics": {"name": "Ada"},
        "work": [
            {
                "name": "Acme",
                "position": "Analyst",
                "startDate": written,
                "endDate": written,
                "highlights": ["Did it."],
            }
        ],
    }
    resume, notes = from_json_resume(original)
    assert notes == [] and resume.experience[0].start == read  # read as the date it is
    assert str(resume.experience[0].start) == str(read)  # and shown on the page as usual
    text = resume_to_yaml(resume)
    import yaml

    assert str(yaml.safe_load(text)["experience"][0]["start"]) == written  # resume.yaml too
    exported = to_json_resume(parse_resume(text))["work"][0]
    assert (exported["startDate"], exported["endDate"]) == (written, written)


def test_a_skill_keyword_written_as_an_object_keeps_its_name():
    resume, notes = from_json_resume(
        {
            "basics": {"name": "Ada"},
            "skills": [
                {"name": "BI", "keywords": [{"name": "Power BI", "level": "Advanced"}, "Excel"]}
            ],
        }
    )
    assert resume.skills[0].items == ("Power BI", "Excel")
    assert notes == ["skills[0].keywords[0].level: no place in resume.yaml; left out: Advanced"]


def test_multi_line_summaries_keep_their_line_breaks_through_resume_yaml():
    """A summary of paragraphs, and a role's summary over two lines, come back from
    JSON Resume → resume.yaml → JSON Resume as written; the page runs them together."""
    from tailor.layout import full_page

    original = {
        "basics": {
            "name": "Ada",
            "summary": "Engineer who ships data tools.\n"
            "Twelve years in fintech.\n\n"
            "Open to remote roles.",
        },
        "work": [
            {
                "name": "Acme",
                "position": "Analyst",
                "startDate": "2020-01",
                "summary": "Led the platform team.\nOwned the ledger.",
                "highlights": ["Built the ledger."],
            }
        ],
    }
    resume, notes = from_json_resume(original)
    assert notes == []
    back = parse_resume(resume_to_yaml(resume))
    exported = to_json_resume(back)
    assert exported["basics"]["summary"] == original["basics"]["summary"]
    assert exported["work"][0]["summary"] == original["work"][0]["summary"]
    page = {block.text for block in full_page(back).blocks}
    assert "Engineer who ships data tools. Twelve years in fintech. Open to remote roles." in page
    assert "Led the platform team. Owned the ledger." in page


def test_a_work_entry_with_both_name_and_company_keeps_both():
    """JSON Resume 1.0 calls the company `name`, older files `company`; a file giving both,
    saying different things, gets both back: `name` is the company the page shows."""
    original = {
        "basics": {"name": "Ada"},
        "work": [
            {
                "name": "Acme Payments",
                "company": "Acme Group",
                "position": "Analyst",
                "startDate": "2020-01",
                "highlights": ["Did it."],
            },
            {
                "name": "Globex",
                "company": "Globex",
                "position": "Analyst",
                "startDate": "2018-01",
                "endDate": "2019-12",
                "highlights": ["Did it."],
            },
        ],
    }
    resume, notes = from_json_resume(original)
    assert notes == []
    assert [role.organization for role in resume.experience] == ["Acme Payments", "Globex"]
    exported = to_json_resume(parse_resume(resume_to_yaml(resume)))["work"]
    assert (exported[0]["name"], exported[0]["company"]) == ("Acme Payments", "Acme Group")
    assert "company" not in exported[1]  # the same name twice is one name
