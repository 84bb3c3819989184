"""Write a Resume back as resume.yaml: what importers hand the user to review and keep.

Why a writer of its own rather than yaml.dump of the dataclasses: the file is for people. It
uses the documented format (dates as 2024-09, bullets as plain strings), leaves out empty
fields, and reads back with `parse_resume` to the same Resume, which the tests check.
"""

from __future__ import annotations

from typing import Any

import yaml

from tailor.resume import LIST_SECTIONS, Bullet, Date, Entry, Link, Resume, full_url, short_url

HEADER = """\
# The whole career in one file: every role, every bullet ever written.
# Bullets are plain strings, or mappings with `text` plus optional `id`, `tags` and `pin: true`.
# Dates: 2024-09, Sep 2024, September 2024, 2015, Summer 2015, or present.
"""


def resume_to_yaml(resume: Resume, header: str = HEADER) -> str:
    """The résumé as readable resume.yaml text; `parse_resume` of it gives `resume` back."""
    sections: list[dict[str, Any]] = [{"basics": _basics(resume)}]
    if resume.summary:
        sections.append({"summary": list(resume.summary)})
    if resume.summaries:
        sections.append({"summaries": list(resume.summaries)})
    for section in ("experience", "open_source", "projects"):
        entries = resume.entries(section)
        if entries:
            sections.append({section: [_entry(entry, i) for i, entry in enumerate(entries)]})
    if resume.education:
        sections.append({"education": [_drop_empty({
            "institution": school.institution,
            "degree": school.degree,
            "location": school.location,
            "score": school.score,
            "start": date_to_yaml(school.start),
            "end": date_to_yaml(school.end),
            "courses": _Flow(school.courses),
        }) for school in resume.education]})
    for section in LIST_SECTIONS:
        bullets = getattr(resume, section)
        if bullets:
            sections.append({section: [_bullet(b, default_bullet_id(section, None, i))
                                       for i, b in enumerate(bullets)]})
    if resume.skills:
        sections.append({"skills": [{"name": group.name, "items": _Flow(group.items)}
                                    for group in resume.skills]})
    if resume.languages:
        sections.append({"languages": [_drop_empty({"name": language.name,
                                                    "level": language.level})
                                       for language in resume.languages]})
    if resume.interests:
        sections.append({"interests": _Flow(resume.interests)})
    # One dump per section, a blank line between them: the layout people write by hand.
    return header + "\n" + "\n".join(
        yaml.dump(part, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100)
        for part in sections)


def default_bullet_id(section: str, entry: int | None, index: int) -> str:
    """The id the loader gives a bullet that names none (see resume._Validator.bullet_list)."""
    prefix = section.replace("_", "-")
    return f"{prefix}-{entry + 1}-{index + 1}" if entry is not None else f"{prefix}-{index + 1}"


def date_to_yaml(date: Date | None) -> str | int | None:
    """2024-09, Summer 2015, 2015 (an int, so it is written unquoted) or present."""
    if date is None:
        return None
    if date.present:
        return "present"
    if date.season:
        return f"{date.season.capitalize()} {date.year}"
    if date.month:
        return f"{date.year:04d}-{date.month:02d}"
    return date.year


def _basics(resume: Resume) -> dict[str, Any]:
    basics = resume.basics
    return _drop_empty({
        "name": basics.name,
        "label": basics.label,
        "email": basics.email,
        "phone": basics.phone,
        "location": basics.location,
        "links": [_link(link) for link in basics.links],
    })


def _link(link: Link) -> Any:
    # A bare URL reads back as a link labelled with its short form: write that when it is one.
    if link.url == full_url(link.url) and link.label == short_url(link.url):
        return link.url
    return {"label": link.label, "url": link.url}


def _entry(entry: Entry, index: int) -> dict[str, Any]:
    names = ("company", "title") if entry.section == "experience" else ("name", "role")
    return _drop_empty({
        names[0]: entry.organization,
        names[1]: entry.title,
        "location": entry.location,
        "url": entry.url,
        "start": date_to_yaml(entry.start),
        "end": date_to_yaml(entry.end),
        "bullets": [_bullet(b, default_bullet_id(entry.section, index, i))
                    for i, b in enumerate(entry.bullets)],
    })


def _bullet(bullet: Bullet, default_id: str) -> Any:
    if bullet.id == default_id and not bullet.tags and not bullet.pin:
        return bullet.text
    return _drop_empty({
        "id": bullet.id if bullet.id != default_id else None,
        "text": bullet.text,
        "tags": _Flow(bullet.tags),
        "pin": bullet.pin or None,
    })


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if value not in (None, "", [], ())
            and not (isinstance(value, _Flow) and not value)}


class _Flow(tuple):
    """A short list written inline, [a, b, c]: courses, skills, tags."""

    __slots__ = ()


class _Dumper(yaml.SafeDumper):
    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        # Lists indented under their key, as in the documented example.
        return super().increase_indent(flow, False)


def _represent_flow(dumper: yaml.SafeDumper, data: _Flow) -> Any:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", list(data), flow_style=True)


_Dumper.add_representer(_Flow, _represent_flow)
