"""Property: any valid Resume survives resume.yaml text and JSON Resume unchanged."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor.jsonresume import OPEN_SOURCE_TYPES, PLACEHOLDERS, from_json_resume, to_json_resume
from tailor.links import link_problem
from tailor.resume import (
    CREDIT_FIELDS,
    OPTIONAL_SECTIONS,
    Basics,
    Bullet,
    Credit,
    Date,
    Education,
    Entry,
    Interest,
    Language,
    Link,
    Place,
    Reference,
    Resume,
    SkillGroup,
    default_bullet_id,
    full_url,
    summary_id,
)
from tailor.resume_yaml import parse_resume
from tailor.yaml_writer import resume_to_yaml

# Text as the loader leaves it: whitespace collapsed, never empty. YAML's special words, quotes,
# colons, dashes, comment marks and non-Latin scripts included.
_raw = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
    st.sampled_from(
        [
            "yes",
            "no",
            "null",
            "~",
            "true",
            "- x",
            "#tag",
            "a: b",
            "'q'",
            '"q"',
            "2015",
            "3.5",
            "@home",
            "*star",
            "&amp",
            "!bang",
            "%pct",
            "? q",
            "[x]",
            "{y}",
            "> fold",
            "| lit",
            "Ünïcödé",
            "שלום",
            "🚀",
            "a, b",
            ", x",
        ]
    ),
)
text = _raw.map(lambda value: " ".join(value.split())).filter(bool)
# Where an address belongs, "null" is a null written as text (see jsonresume.PLACEHOLDERS).
# A résumé holds only URLs that may be links: resume.yaml and every import leave the rest out.
urls = text.filter(
    lambda value: value.lower() not in PLACEHOLDERS and link_problem(full_url(value)) is None
)
dates = st.one_of(
    st.builds(Date, year=st.integers(1950, 2060)),
    st.builds(Date, year=st.integers(1950, 2060), month=st.integers(1, 12)),
    st.builds(
        Date,
        year=st.integers(1950, 2060),
        season=st.sampled_from(["spring", "summer", "fall", "winter"]),
    ),
    st.just(Date(present=True)),
)


@st.composite
def resumes(draw) -> Resume:
    def bullet(section: str, entry: int | None, default_id: str, kind: str = "bullet") -> Bullet:
        explicit = draw(st.booleans())
        bullet_id = f"{default_id}-x" if explicit else default_id
        credit = None
        if section in CREDIT_FIELDS and draw(st.booleans()):  # written as its parts
            credit = Credit(
                draw(text),
                draw(text),
                draw(st.none() | dates),
                draw(st.none() | urls),
                draw(st.none() | text),
            )
        return Bullet(
            bullet_id,
            credit.rank_text if credit else draw(text),
            section,
            entry,
            tuple(draw(st.lists(text, max_size=2))),
            draw(st.booleans()),
            kind=kind,
            credit=credit,
        )

    def bullets(section: str, entry: int | None) -> tuple[Bullet, ...]:
        return tuple(
            bullet(section, entry, default_bullet_id(section, entry, i))
            for i in range(draw(st.integers(0, 3)))
        )

    def entries(section: str, count: int) -> tuple[Entry, ...]:
        found = []
        for i in range(count):
            experience = section == "experience"
            project = section in ("open_source", "projects")
            roles = (
                tuple(draw(st.lists(text, min_size=2, max_size=3)))
                if project and draw(st.booleans())
                else ()
            )
            title = (
                ", ".join(roles) if roles else draw(text) if experience else draw(st.none() | text)
            )
            kinds = text.filter(lambda kind: kind.lower() not in OPEN_SOURCE_TYPES)
            found.append(
                Entry(
                    section,
                    draw(text),
                    title,
                    draw(st.none() | text),
                    draw(st.none() | urls),
                    draw(dates) if experience else draw(st.none() | dates),
                    draw(st.none() | dates),
                    bullets(section, i),
                    summary=bullet(section, i, summary_id(section, i), "summary")
                    if draw(st.booleans())
                    else None,
                    description=draw(st.none() | text) if experience else None,
                    keywords=tuple(draw(st.lists(text, max_size=3))) if project else (),
                    roles=roles,
                    entity=draw(st.none() | text) if project else None,
                    type=draw(st.none() | kinds) if section == "projects" else None,
                )
            )
        return tuple(found)

    def education() -> Education:
        degree = draw(st.none() | text)
        return Education(
            draw(text),
            degree,
            draw(st.none() | text),
            draw(st.none() | text),
            draw(st.none() | dates),
            draw(st.none() | dates),
            tuple(draw(st.lists(text, max_size=3))),
            draw(st.none() | urls),
            draw(st.none() | text) if degree else None,
        )  # a field needs a degree

    place = draw(
        st.none()
        | st.builds(Place, *(st.none() | text for _ in range(5))).filter(
            lambda p: p not in (Place(), Place(city=p.city))
        )
    )  # a city alone is a text

    basics = Basics(
        name=draw(text),
        label=draw(st.none() | text),
        email=draw(st.none() | st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.[a-z]{2,3}", fullmatch=True)),
        phone=draw(st.none() | text),
        location=place.text if place else draw(st.none() | text),
        place=place,
        image=draw(st.none() | urls),
        links=tuple(
            Link(label, f"https://{host}", network, username)
            for label, host, network, username in draw(
                st.lists(
                    st.tuples(
                        text,
                        st.from_regex(r"[a-z]{1,8}\.(com|dev)(/[a-z]{1,5})?", fullmatch=True),
                        st.none() | text,
                        st.none() | text,
                    ),
                    max_size=3,
                )
            )
        ),
    )
    return Resume(
        basics=basics,
        summary=tuple(draw(st.lists(text, max_size=3))),
        summaries=tuple(draw(st.lists(text, max_size=2))),
        experience=entries("experience", draw(st.integers(1, 3))),
        open_source=entries("open_source", draw(st.integers(0, 2))),
        projects=entries("projects", draw(st.integers(0, 2))),
        volunteer=entries("volunteer", draw(st.integers(0, 2))),
        education=tuple(education() for _ in range(draw(st.integers(0, 2)))),
        certifications=bullets("certifications", None),
        awards=bullets("awards", None),
        publications=bullets("publications", None),
        skills=tuple(
            SkillGroup(draw(text), tuple(draw(st.lists(text, max_size=3))), draw(st.none() | text))
            for _ in range(draw(st.integers(0, 2)))
        ),
        languages=tuple(
            Language(draw(text), draw(st.none() | text)) for _ in range(draw(st.integers(0, 2)))
        ),
        interests=tuple(
            Interest(draw(text), tuple(draw(st.lists(text, max_size=2))), draw(st.none() | text))
            for _ in range(draw(st.integers(0, 2)))
        ),
        references=tuple(
            Reference(draw(text), *(draw(st.none() | text) for _ in range(4)))
            for _ in range(draw(st.integers(0, 2)))
        ),
        show=tuple(draw(st.lists(st.sampled_from(OPTIONAL_SECTIONS), unique=True))),
    )


_settings = settings(
    deadline=None,  # inputs: as the profile says (conftest.py)
    suppress_health_check=[HealthCheck.too_slow],
)


@_settings
@given(resumes())
def test_any_resume_survives_the_yaml_writer(resume: Resume):
    assert parse_resume(resume_to_yaml(resume)) == resume


@_settings
@given(resumes())
def test_any_resume_survives_json_resume(resume: Resume):
    back, notes = from_json_resume(json.loads(json.dumps(to_json_resume(resume))))
    assert notes == []
    assert back == resume
