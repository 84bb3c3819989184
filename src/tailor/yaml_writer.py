"""Write a Resume back as resume.yaml: what importers hand the user to review and keep.

Why a writer of its own rather than yaml.dump of the dataclasses: the file is for people. It
uses the documented format (dates as 2024-09, bullets as plain strings), leaves out empty
fields, and reads back with `parse_resume` to the same Resume, which the tests check.
"""

from __future__ import annotations

from typing import Any

import yaml

from tailor.resume import (
    CREDIT_FIELDS,
    ENTRY_SECTIONS,
    LIST_SECTIONS,
    Basics,
    Bullet,
    Date,
    Entry,
    Interest,
    Link,
    Reference,
    Resume,
    default_bullet_id,
    full_url,
    plain_fields,
    short_url,
    summary_id,
)

HEADER = """\
# The whole career in one file: every role, every bullet ever written.
# Bullets are plain strings, or mappings with `text` plus optional `id`, `tags` and `pin: true`.
# Dates: 2024-09, Sep 2024, September 2024, 2015, Summer 2015, or present.
"""


def resume_to_yaml(resume: Resume, header: str = HEADER) -> str:
    """The résumé as readable resume.yaml text; `parse_resume` of it gives `resume` back."""
    sections: list[dict[str, Any]] = [{"basics": _basics(resume)}]
    if resume.summary:
        lines = [_Block(line) if "\n" in line else line for line in resume.summary]
        sections.append({"summary": lines[0] if len(lines) == 1 and "\n" in lines[0] else lines})
    if resume.summaries:
        sections.append({"summaries": list(resume.summaries)})
    for section in ENTRY_SECTIONS:
        entries = resume.entries(section)
        if entries:
            sections.append({section: [_entry(entry, i) for i, entry in enumerate(entries)]})
    if resume.education:
        sections.append(
            {
                "education": [
                    _drop_empty(
                        {
                            "institution": school.institution,
                            "degree": school.degree,
                            "area": school.area,
                            "location": school.location,
                            "score": school.score,
                            "start": date_to_yaml(school.start),
                            "end": date_to_yaml(school.end),
                            "courses": _Flow(school.courses),
                            "url": school.url,
                        }
                    )
                    for school in resume.education
                ]
            }
        )
    for section in LIST_SECTIONS:
        bullets = getattr(resume, section)
        if bullets:
            sections.append(
                {
                    section: [
                        _bullet(b, default_bullet_id(section, None, i))
                        for i, b in enumerate(bullets)
                    ]
                }
            )
    if resume.skills:
        sections.append(
            {
                "skills": [
                    _drop_empty(
                        {"name": group.name, "items": _Flow(group.items), "level": group.level}
                    )
                    for group in resume.skills
                ]
            }
        )
    if resume.languages:
        sections.append(
            {
                "languages": [
                    _drop_empty({"name": language.name, "level": language.level})
                    for language in resume.languages
                ]
            }
        )
    if resume.interests:
        plain = all(interest == Interest(interest.name) for interest in resume.interests)
        sections.append(
            {
                "interests": _Flow(i.name for i in resume.interests)
                if plain
                else [
                    _drop_empty(
                        {"name": i.name, "keywords": _Flow(i.keywords), "summary": i.summary}
                    )
                    for i in resume.interests
                ]
            }
        )
    if resume.references:
        sections.append(
            {
                "references": [
                    _drop_empty(
                        {
                            item.name: getattr(reference, item.name)
                            for item in plain_fields(Reference)
                        }
                    )
                    for reference in resume.references
                ]
            }
        )
    if resume.show:
        sections.append({"show": _Flow(resume.show)})
    # One dump per section, a blank line between them: the layout people write by hand.
    return (
        header
        + "\n"
        + "\n".join(
            yaml.dump(part, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
            for part in sections
        )
    )


def date_to_yaml(date: Date | None) -> str | int | None:
    """2024-09, Summer 2015, 2015 (an int, so it is written unquoted) or present; a date its
    author wrote another way ("01/2014", "February 2023"), as written."""
    if date is None:
        return None
    if date.written:
        return date.written
    if date.present:
        return "present"
    if date.season:
        return f"{date.season.capitalize()} {date.year}"
    if date.month:
        return f"{date.year:04d}-{date.month:02d}"
    return date.year


def _basics(resume: Resume) -> dict[str, Any]:
    basics = resume.basics
    place = basics.place
    return _drop_empty(
        {
            **{item.name: getattr(basics, item.name) for item in plain_fields(Basics)},
            "location": _drop_empty(
                {
                    "city": place.city,
                    "region": place.region,
                    "country_code": place.country_code,
                    "postal_code": place.postal_code,
                    "address": place.address,
                }
            )
            if place
            else basics.location,
            "image": basics.image,
            "links": [_link(link) for link in basics.links],
        }
    )


def _link(link: Link) -> Any:
    # A bare URL reads back as a link labelled with its short form: write that when it is one.
    if (
        link.url == full_url(link.url)
        and link.label == short_url(link.url)
        and not link.network
        and not link.username
    ):
        return link.url
    return _drop_empty(
        {
            "label": link.label if link.label != short_url(link.url) else None,
            "url": link.url,
            "network": link.network,
            "username": link.username,
        }
    )


def _entry(entry: Entry, index: int) -> dict[str, Any]:
    names = {"experience": ("company", "title"), "volunteer": ("organization", "title")}.get(
        entry.section, ("name", "role")
    )
    return _drop_empty(
        {
            names[0]: entry.organization,
            # A project's roles, when written as a list, make its title: write them, not both.
            names[1]: None if entry.roles else entry.title,
            "roles": _Flow(entry.roles),
            "entity": entry.entity,
            "type": entry.type,
            "location": entry.location,
            "url": entry.url,
            "start": date_to_yaml(entry.start),
            "end": date_to_yaml(entry.end),
            "description": entry.description,
            "keywords": _Flow(entry.keywords),
            "summary": _bullet(entry.summary, summary_id(entry.section, index))
            if entry.summary
            else None,
            "bullets": [
                _bullet(b, default_bullet_id(entry.section, index, i))
                for i, b in enumerate(entry.bullets)
            ],
        }
    )


def _bullet(bullet: Bullet, default_id: str) -> Any:
    credit = bullet.credit
    text = _Block(bullet.written) if bullet.written else bullet.text
    if credit is None and bullet.id == default_id and not bullet.tags and not bullet.pin:
        return text
    if credit is not None:
        title, by = CREDIT_FIELDS[bullet.section]
        fields = {
            title: credit.title,
            by: credit.by,
            "date": date_to_yaml(credit.date),
            "url": credit.url,
            "summary": credit.summary,
        }
    else:
        fields = {"text": text}
    return _drop_empty(
        {
            "id": bullet.id if bullet.id != default_id else None,
            **fields,
            "tags": _Flow(bullet.tags),
            "pin": bullet.pin or None,
        }
    )


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {
        key: value
        for key, value in values.items()
        if value not in (None, "", [], ()) and not (isinstance(value, _Flow) and not value)
    }


class _Flow(tuple):
    """A short list written inline, [a, b, c]: courses, skills, tags."""

    __slots__ = ()


class _Block(str):
    """Text with line breaks of its own, written as a YAML block (`|-`) that keeps them."""

    __slots__ = ()


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Lists indented under their key, as in the documented example.
        return super().increase_indent(flow, False)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> Any:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)


_Dumper.add_representer(_Flow, _represent_flow)
_Dumper.add_representer(
    _Block,
    lambda dumper, data: dumper.represent_scalar("tag:yaml.org,2002:str", str(data), style="|"),
)
