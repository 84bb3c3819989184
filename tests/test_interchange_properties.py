"""Property: any valid Resume survives resume.yaml text and JSON Resume unchanged."""

from __future__ import annotations

import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tailor.jsonresume import from_json_resume, to_json_resume
from tailor.resume import (
    Basics,
    Bullet,
    Date,
    Education,
    Entry,
    Language,
    Link,
    Resume,
    SkillGroup,
    parse_resume,
)
from tailor.yaml_writer import default_bullet_id, resume_to_yaml

# Text as the loader leaves it: whitespace collapsed, never empty. YAML's special words, quotes,
# colons, dashes, comment marks and non-Latin scripts included.
_raw = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40),
    st.sampled_from(["yes", "no", "null", "~", "true", "- x", "#tag", "a: b", "'q'", '"q"',
                     "2015", "3.5", "@home", "*star", "&amp", "!bang", "%pct", "? q", "[x]",
                     "{y}", "> fold", "| lit", "Ünïcödé", "שלום", "🚀", "a, b", ", x"]))
text = _raw.map(lambda value: " ".join(value.split())).filter(bool)
dates = st.one_of(
    st.builds(Date, year=st.integers(1950, 2060)),
    st.builds(Date, year=st.integers(1950, 2060), month=st.integers(1, 12)),
    st.builds(Date, year=st.integers(1950, 2060),
              season=st.sampled_from(["spring", "summer", "fall", "winter"])),
    st.just(Date(present=True)))


@st.composite
def resumes(draw) -> Resume:
    def bullets(section: str, entry: int | None) -> tuple[Bullet, ...]:
        found = []
        for i in range(draw(st.integers(0, 3))):
            explicit = draw(st.booleans())
            bullet_id = f"{section}-{entry}-{i}-x" if explicit else \
                default_bullet_id(section, entry, i)
            found.append(Bullet(bullet_id, draw(text), section, entry,
                                tuple(draw(st.lists(text, max_size=2))), draw(st.booleans())))
        return tuple(found)

    def entries(section: str, count: int) -> tuple[Entry, ...]:
        found = []
        for i in range(count):
            experience = section == "experience"
            found.append(Entry(
                section, draw(text), draw(text) if experience else draw(st.none() | text),
                draw(st.none() | text), draw(st.none() | text),
                draw(dates) if experience else draw(st.none() | dates),
                draw(st.none() | dates), bullets(section, i)))
        return tuple(found)

    basics = Basics(
        name=draw(text), label=draw(st.none() | text),
        email=draw(st.none() | st.from_regex(r"[a-z]{1,8}@[a-z]{1,8}\.[a-z]{2,3}",
                                             fullmatch=True)),
        phone=draw(st.none() | text), location=draw(st.none() | text),
        links=tuple(Link(label, f"https://{host}") for label, host in draw(st.lists(
            st.tuples(text, st.from_regex(r"[a-z]{1,8}\.(com|dev)(/[a-z]{1,5})?",
                                          fullmatch=True)), max_size=3))))
    return Resume(
        basics=basics,
        summary=tuple(draw(st.lists(text, max_size=3))),
        summaries=tuple(draw(st.lists(text, max_size=2))),
        experience=entries("experience", draw(st.integers(1, 3))),
        open_source=entries("open_source", draw(st.integers(0, 2))),
        projects=entries("projects", draw(st.integers(0, 2))),
        education=tuple(Education(draw(text), draw(st.none() | text), draw(st.none() | text),
                                  draw(st.none() | text), draw(st.none() | dates),
                                  draw(st.none() | dates), tuple(draw(st.lists(text,
                                                                               max_size=3))))
                        for _ in range(draw(st.integers(0, 2)))),
        awards=bullets("awards", None),
        publications=bullets("publications", None),
        skills=tuple(SkillGroup(draw(text), tuple(draw(st.lists(text, min_size=1, max_size=3))))
                     for _ in range(draw(st.integers(0, 2)))),
        languages=tuple(Language(draw(text), draw(st.none() | text))
                        for _ in range(draw(st.integers(0, 2)))),
        interests=tuple(draw(st.lists(text, max_size=3))),
    )


_settings = settings(deadline=None,  # inputs: as the profile says (conftest.py)
                     suppress_health_check=[HealthCheck.too_slow])


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
