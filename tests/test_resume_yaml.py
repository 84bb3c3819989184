"""Loading resume.yaml: a résumé loads whole, and every problem is reported at once with its
line."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import tailor.resume_yaml
from tailor.errors import InvalidInput, UserError
from tailor.keywords import mentions
from tailor.resume_yaml import load_resume, parse_resume

from .conftest import SEED_RESUME, SHARED


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
    assert [link.url for link in resume.basics.links] == [
        "https://ines.example.com",
        "https://github.com/ines-example",
    ]
    assert len(resume.experience) == 6
    assert len(resume.open_source) == 2
    assert len(resume.education) == 2
    assert len(resume.certifications) == 1
    assert len(resume.awards) == 3 and len(resume.publications) == 1
    assert len(resume.bullets()) == 34
    assert len(resume.summary) == 3
    assert resume.skills[1].name == "Experience with" and "Kubernetes" in resume.skills[1].items
    assert resume.education[1].institution == "Escola Politècnica de Barcelona"


def test_the_example_resume_users_start_from_loads():
    """The repository's resume.yaml is what `make demo` tailors; it must stay valid."""
    example = load_resume(SEED_RESUME)
    assert example.basics.name and example.bullets()


def test_bullets_without_ids_get_positional_ids():
    resume = parse_resume(MINIMAL)
    assert [b.id for b in resume.bullets()] == ["experience-1-1"]


def test_bullet_mapping_carries_tags_and_pin():
    resume = parse_resume(
        MINIMAL.replace(
            "      - Wrote the first published algorithm for a machine.",
            "      - text: Wrote the first published algorithm.\n        id: algo\n"
            "        tags: [math]\n        pin: true",
        )
    )
    bullet = resume.bullets()[0]
    assert (bullet.id, bullet.tags, bullet.pin) == ("algo", ("math",), True)


def test_unknown_field_is_an_error_with_line_and_suggestion():
    problems = issues_of(MINIMAL.replace("    bullets:", "    bulets:"))
    assert any(
        "resume.yaml:8:5: experience[0].bulets: `bulets` is not a field of an "
        "experience entry; did you mean `bullets`?" in p
        for p in problems
    ), problems


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
    text = MINIMAL.replace(
        "      - Wrote the first published algorithm for a machine.",
        "      - {id: x, text: One.}\n      - {id: x, text: Two.}",
    )
    assert any("id `x` is already used" in p for p in issues_of(text))


def test_empty_file_and_missing_experience():
    assert "is empty" in issues_of("")[0]
    assert "has no entries" in issues_of("basics:\n  name: Ada\n")[0]


def test_alias_bomb_is_refused_quickly():
    bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for level in "bcdefghij":
        previous = chr(ord(level) - 1)
        bomb += f"{level}: &{level} [" + ", ".join([f"*{previous}"] * 10) + "]\n"
    bomb = (
        "basics: {name: Ada}\nexperience:\n  - company: X\n    title: Y\n    start: 2020\n"
        "    bullets: [ok]\nextra:\n" + "\n".join("  " + line for line in bomb.splitlines())
    )
    problems = issues_of(bomb)
    assert any("`extra` is not a field" in p for p in problems)


def unknown_key_bomb(entries: int, keys: int) -> str:
    """One entry with `keys` unknown (or repeated) fields, listed `entries` times by alias: a
    few KB that name `entries` × `keys` problems."""
    fields = ", ".join(f"x{i}: 1" for i in range(keys))
    return (
        "basics: {name: Ada}\nexperience:\n"
        f"  - &e {{company: X, title: Y, start: 2020, {fields}}}\n"
        + "".join("  - *e\n" for _ in range(entries))
    )


@pytest.mark.parametrize(
    "bomb",
    [
        unknown_key_bomb(300, 400),
        unknown_key_bomb(300, 0).replace(
            "start: 2020", "start: 2020, " + ", ".join(["title: Z"] * 400)
        ),  # the same field 400 times
    ],
    ids=["unknown keys", "repeated keys"],
)
def test_a_bomb_of_unknown_or_repeated_keys_is_bounded_in_time_and_in_what_it_prints(bomb: str):
    """Unknown and repeated keys once went uncounted: 33 KB ran `tailor check` for 386 s in
    9.5 GB and printed 808 MB. Every node counts now, and the problems listed are capped."""
    assert len(bomb) < 10_000
    with pytest.raises(InvalidInput) as caught:
        parse_resume(bomb, "resume.yaml")
    assert len(caught.value.issues) <= 1_001
    message = str(caught.value)
    assert len(message.splitlines()) <= 53 and "more; fix these first" in message


def test_too_many_values_mentions_aliases_only_when_there_are_some(monkeypatch: pytest.MonkeyPatch):
    """A 20,000-role import has no alias: the message must not blame one."""
    monkeypatch.setattr(tailor.resume_yaml, "MAX_NODES", 1_000)
    roles = "".join(
        f"  - {{company: C{i}, title: T, start: 2020, bullets: [a, b, c]}}\n" for i in range(120)
    )
    problems = issues_of("basics: {name: Ada}\nexperience:\n" + roles)
    assert problems == [
        "resume.yaml: has more than 1,000 values; a résumé has a few "
        "thousand at most, so it was refused."
    ]
    bombed = issues_of(unknown_key_bomb(1_000, 0))
    assert "once its aliases (*name) are expanded" in bombed[0]


def test_a_yaml_merge_key_takes_the_fields_of_the_mapping_it_names():
    """`<<: *anchor` is how YAML users repeat fields; the entry's own fields win."""
    resume = parse_resume(
        textwrap.dedent("""\
        basics: {name: Ada}
        experience:
          - &acme
            company: Acme
            title: Engineer
            start: 2020-01
            bullets: [Built the billing pipeline in Go.]
          - <<: *acme
            title: Senior Engineer
            start: 2022-01
            bullets: [Led the move to Kubernetes.]
        """)
    )
    senior, first = resume.experience[1], resume.experience[0]
    assert (senior.organization, senior.title) == ("Acme", "Senior Engineer")
    assert [b.text for b in senior.bullets] == ["Led the move to Kubernetes."]
    assert first.title == "Engineer"
    assert any(
        "`<<` merges a mapping" in p
        for p in issues_of(
            MINIMAL.replace("  - company: Analytical", "  - <<: [1]\n    company: Analytical")
        )
    )


def test_missing_file_is_a_user_error(tmp_path: Path):
    with pytest.raises(UserError, match="no such file") as caught:
        load_resume(tmp_path / "nope.yaml")
    assert "`tailor init`" in str(caught.value)


# -- what real résumés hold -----------------------------------------------------------------------


@pytest.mark.shared_data
def test_every_existing_resume_still_loads_unchanged():
    """The repo's résumé and the team's field résumés predate the structured model: they load
    as before (awards and publications as plain lines, no summary lines)."""
    from .conftest import ROOT

    paths = [
        ROOT / "resume.yaml",
        *sorted((SHARED / "eval-dev" / "fields" / "resumes").glob("*.yaml")),
    ]
    assert len(paths) >= 9
    for path in paths:
        resume = load_resume(path)
        assert all(b.credit is None for b in resume.awards + resume.publications), path
        assert all(b.kind == "bullet" for b in resume.bullets()), path


def test_the_readme_example_loads_with_every_part():
    from .conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## resume.yaml", 1)[1]
    resume = parse_resume(section.split("```yaml\n", 1)[1].split("```", 1)[0])
    assert resume.experience[0].summary.id == "experience-1-summary"
    assert resume.volunteer[0].organization == "Code Club"
    assert resume.awards[0].credit.by == "Google" and resume.skills[1].level == "Expert"
    assert resume.basics.links[2].network == "Xing" and resume.show == ("interests",)
    assert resume.education[0].qualification == "B.S., Computer Science"


def test_a_role_summary_is_a_rankable_line_with_its_own_id():
    resume = parse_resume(
        MINIMAL.replace("    bullets:", "    summary: Led the engines team.\n    bullets:")
    )
    summary = resume.experience[0].summary
    assert (summary.id, summary.kind, summary.entry) == ("experience-1-summary", "summary", 0)
    assert resume.bullets() == [summary, *resume.experience[0].bullets]
    assert resume.context_of(summary) == "Programmer, Analytical Engines Ltd"


def test_a_summary_id_can_clash_like_any_bullet_id():
    assert "ids must be unique" in " ".join(
        issues_of(
            MINIMAL.replace("      - Wrote", "      - {id: experience-1-summary, text: Wrote")
            .replace("machine.", "machine.}")
            .replace("    bullets:", "    summary: Led.\n    bullets:")
        )
    )


def test_awards_publications_and_certifications_are_lines_or_their_parts():
    resume = parse_resume(
        MINIMAL
        + textwrap.dedent("""\
        awards:
          - Best Paper (2019)
          - {title: Engineering Excellence Award, awarder: Ledgerline, date: 2023-11,
             summary: For the settlement rebuild., id: excellence, pin: true}
        publications:
          - {title: Streaming at Scale, publisher: Ledgerline Blog, date: Aug 2022,
             url: https://blog.example/streaming, summary: How settlement went streaming.}
        certifications:
          - {name: CKA, issuer: The Linux Foundation, date: 2023}
          - {name: Lonely}
        """)
    )
    plain, award = resume.awards
    assert (plain.text, plain.credit, plain.page_text) == (
        "Best Paper (2019)",
        None,
        "Best Paper (2019)",
    )
    assert (award.id, award.pin) == ("excellence", True)
    assert award.text == "Engineering Excellence Award, Ledgerline. For the settlement rebuild."
    assert (
        award.page_text
        == "Engineering Excellence Award, Ledgerline (Nov 2023). For the settlement rebuild."
    )
    publication = resume.publications[0]
    assert publication.page_text == "Streaming at Scale. Ledgerline Blog, Aug 2022."
    assert publication.text == "Streaming at Scale, Ledgerline Blog. How settlement went streaming."
    assert publication.credit.url == "https://blog.example/streaming"
    cka, lonely = resume.certifications
    assert cka.page_text == "CKA, The Linux Foundation (2023)"
    assert (lonely.text, lonely.credit) == ("Lonely", None)  # a name alone is one line


def test_a_line_and_its_parts_together_are_an_error():
    problems = issues_of(MINIMAL + "awards:\n  - {text: Best Paper, title: Best Paper}\n")
    assert len(problems) == 1 and "either `text`" in problems[0] and "awards[0]" in problems[0]
    missing = issues_of(MINIMAL + "publications:\n  - {publisher: IEEE, date: 2020}\n")
    assert "publications[0].title" in missing[0] and "required" in missing[0]


def test_location_parts_profiles_skills_interests_and_references():
    resume = parse_resume(
        textwrap.dedent("""\
        basics:
          name: Ada
          image: https://ada.dev/me.jpg
          location: {address: 12 Canal St, postal_code: M1 3HE, city: Manchester,
                     region: England, country_code: GB}
          links:
            - {url: https://xing.com/profile/Ada, network: Xing, username: Ada}
        projects:
          - {name: Tram Times, roles: [Creator, Maintainer], keywords: [Python], type: app,
             entity: Personal, summary: A departures board.}
        volunteer:
          - {organization: Code Club, bullets: [Taught Python.]}
        education:
          - {institution: MIT, area: Physics}
        skills:
          - {name: Kubernetes, level: Expert}
        interests: Chess
        references:
          - {name: Grace Hopper, relationship: Manager}
        show: [references]
        """)
    )
    assert resume.basics.location == "Manchester, England, GB"  # the page never shows a street
    assert resume.basics.place.postal_code == "M1 3HE"
    assert resume.basics.image == "https://ada.dev/me.jpg"
    assert (resume.basics.links[0].network, resume.basics.links[0].username) == ("Xing", "Ada")
    project = resume.projects[0]
    assert project.title == "Creator, Maintainer" and project.roles == ("Creator", "Maintainer")
    assert (project.keywords, project.type, project.entity) == (("Python",), "app", "Personal")
    assert mentions(resume, "python")  # keywords count for the keyword scanner
    assert project.summary.id == "projects-1-summary"
    assert [b.id for b in resume.volunteer[0].bullets] == ["volunteer-1-1"]
    assert resume.education[0].degree == "Physics"  # a field alone names the degree
    assert resume.skills[0].items == () and resume.skills[0].level == "Expert"
    assert [str(interest) for interest in resume.interests] == ["Chess"]
    assert resume.references[0].relationship == "Manager" and resume.show == ("references",)


def test_show_takes_only_the_sections_the_page_leaves_out():
    problems = issues_of(MINIMAL + "show: [interests, experience]\n")
    assert len(problems) == 1 and "`experience` is not a section" in problems[0]


def test_an_interest_needs_a_name_or_keywords():
    problems = issues_of(MINIMAL + "interests: [{summary: Lots of things.}]\n")
    assert problems == [
        "resume.yaml:10:13: interests[0]: an interest needs a `name` or `keywords`."
    ]


def test_a_flow_list_cut_at_a_comma_inside_parentheses_is_said_with_its_line():
    """Issue 21, item 23: `[SQL, Excel (pivot tables, Power Query)]` is three items to YAML;
    the page printed "SQL, Power Query), Excel (pivot tables"."""
    text = textwrap.dedent("""\
        basics: {name: Ada}
        experience:
          - {company: X, title: Y, start: 2020, bullets: [Did it.]}
        skills:
          - {name: Data, items: [SQL, Excel (pivot tables, Power Query), R]}
          - {name: Fine, items: [Python (3.12), "Excel (pivot tables, Power Query)"]}
        """)
    with pytest.raises(InvalidInput) as error:
        parse_resume(text)
    [issue] = error.value.issues
    assert (issue.line, issue.path) == (5, "skills[0].items[1]")
    assert 'put it in quotes: "Excel (pivot tables, Power Query)"' in issue.message
    fixed = parse_resume(
        text.replace(
            "[SQL, Excel (pivot tables, Power Query), R]",
            '[SQL, "Excel (pivot tables, Power Query)", R]',
        )
    )
    assert fixed.skills[0].items[1] == "Excel (pivot tables, Power Query)"


def test_a_project_is_called_a_project():
    """Issue 21, item 23: messages said "a projects entry"."""
    with pytest.raises(InvalidInput) as error:
        parse_resume(
            "basics: {name: Ada}\nexperience:\n  - {company: X, title: Y, start: 2020}"
            "\nprojects:\n  - {role: Lead}\n"
        )
    assert "`name` is required for a project." in str(error.value)
