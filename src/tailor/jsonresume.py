"""JSON Resume (schema v1, jsonresume.org) to a Resume and back.

Importing never drops anything silently: whatever has no place in resume.yaml (an icon, a
thesis supervisor, a key some theme invented…) is named in the returned notes by its JSON path,
with its text, and so is anything reshaped on the way in (a summary written as a list). Older
and theme-specific names (`website`, `picture`, `summary1`, `presentations`, `teaching`) are
read where they plainly belong. Exporting writes standard fields; what JSON Resume cannot say
(bullet ids, tags and pins, "Summer 2015", a one-date role, alternative summaries, `show`) goes
into `x-tailor` properties, which the schema allows on every item and other tools ignore, and
into `meta.x-tailor` at the top level, so that tailor → JSON → tailor gives back the same
résumé.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace
from typing import Any

from tailor.errors import UserError
from tailor.resume import (
    OPTIONAL_SECTIONS,
    PROJECT_SECTIONS,
    SEASONS,
    SECTION_TITLES,
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
    parse_date,
    plain_fields,
    short_url,
    summary_id,
    with_line_breaks,
)
from tailor.yaml_writer import date_to_yaml

EXTENSION = "x-tailor"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
# Profiles on these sites are "profiles"; any other first link is the personal `url`.
NETWORKS = {
    "github.com": "GitHub",
    "gitlab.com": "GitLab",
    "linkedin.com": "LinkedIn",
    "twitter.com": "Twitter",
    "x.com": "X",
    "stackoverflow.com": "Stack Overflow",
    "medium.com": "Medium",
    "kaggle.com": "Kaggle",
    "scholar.google.com": "Google Scholar",
    "bsky.app": "Bluesky",
    "mastodon.social": "Mastodon",
}
OPEN_SOURCE_TYPES = ("open source", "open-source", "opensource", "oss")
# A null written as text where a web address belongs ("url": "null"): no value, like "".
URL_KEYS = ("url", "website", "image", "picture")
PLACEHOLDERS = ("null", "none", "undefined")


def is_placeholder(key: str, value: Any) -> bool:
    return key in URL_KEYS and isinstance(value, str) and value.strip().lower() in PLACEHOLDERS


# ----------------------------------------------------------------------------------------------
# JSON Resume → Resume
# ----------------------------------------------------------------------------------------------


def from_json_resume(data: dict[str, Any]) -> tuple[Resume, list[str]]:
    """A Resume from a JSON Resume document, and notes naming whatever had no place in it.

    Raises:
        UserError: the document is not a JSON object, or has no name.
    """
    if not isinstance(data, dict):
        raise UserError(
            f'a JSON Resume is a JSON object ({{"basics": …}}), not {_json_kind(data)}.'
        )
    reader = _Reader()
    return reader.resume(data), reader.notes


class _Reader:
    def __init__(self) -> None:
        self.notes: list[str] = []

    # -- helpers ---------------------------------------------------------------------------

    def note(self, path: str, message: str) -> None:
        self.notes.append(f"{path}: {message}")

    def text(self, item: dict[str, Any], key: str, path: str) -> str | None:
        """A string field, whitespace normalised as resume.yaml's loader does; None if empty."""
        value = item.get(key)
        if value is None or is_placeholder(key, value):
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.note(
                f"{path}.{key}", f"should be text, not {_json_kind(value)}; left out: {value!r}"
            )
            return None
        return " ".join(str(value).split()) or None

    def first(
        self, item: dict[str, Any], keys: tuple[str, ...], path: str
    ) -> tuple[str | None, tuple[str, ...]]:
        """The first of several names for one field (`url` or `website`) that has a value, and
        the keys that are read by that: the rest, if they say something else, are left over."""
        values = {key: self.text(item, key, path) for key in keys}
        value = next(filter(None, values.values()), None)
        return value, tuple(key for key, text in values.items() if text in (None, value))

    def texts(self, item: dict[str, Any], key: str, path: str) -> list[str]:
        value = item.get(key)
        if value is None:
            return []
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list):
            self.note(f"{path}.{key}", f"should be a list, not {_json_kind(value)}; left out")
            return []
        found = []
        for i, element in enumerate(value):
            if isinstance(element, str | int | float) and not isinstance(element, bool):
                if " ".join(str(element).split()):
                    found.append(" ".join(str(element).split()))
            else:
                self.note(f"{path}.{key}[{i}]", f"should be text; left out: {element!r}")
        return found

    def items(self, data: dict[str, Any], key: str) -> list[tuple[str, dict[str, Any]]]:
        value = data.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.note(key, f"should be a list, not {_json_kind(value)}; left out")
            return []
        found = []
        for i, item in enumerate(value):
            if isinstance(item, dict):
                found.append((f"{key}[{i}]", item))
            else:
                self.note(f"{key}[{i}]", f"should be an object; left out: {item!r}")
        return found

    def date(self, item: dict[str, Any], key: str, path: str) -> Date | None:
        value = self.text(item, key, path)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.note(f"{path}.{key}", f"`{value}` is not a date tailor can read; left out")
        return parsed

    def leftovers(self, item: dict[str, Any], path: str, used: Collection[str]) -> None:
        """Name every field of `item` that was not read, with its value."""
        for key, value in item.items():
            if (
                key in used
                or key == EXTENSION
                or value in (None, "", [], {})
                or is_placeholder(key, value)
            ):
                continue
            self.note(f"{path}.{key}", f"no place in resume.yaml; left out: {_show(value)}")

    def bullets(
        self, texts: list[str], section: str, entry: int | None, extension: Any
    ) -> tuple[Bullet, ...]:
        metas = extension.get("bullets") if isinstance(extension, dict) else None
        found = []
        for i, text in enumerate(texts):
            meta = metas[i] if isinstance(metas, list) and i < len(metas) else None
            found.append(_bullet(text, section, entry, i, meta))
        return tuple(found)

    # -- sections --------------------------------------------------------------------------

    def resume(self, data: dict[str, Any]) -> Resume:
        basics_data = data.get("basics")
        if not isinstance(basics_data, dict):
            basics_data = {}
        basics = self.basics(basics_data)
        # `summary1`, `summary2`…, which some themes use, are the summary's paragraphs.
        numbered = (key for key in basics_data if re.fullmatch(r"summary\d+", key))
        summary_keys = ["summary", *sorted(numbered, key=lambda key: int(key[7:]))]
        summary_lines: list[str] = []
        for key in summary_keys:
            if self.text(basics_data, key, "basics"):
                written = str(basics_data[key])
                paragraphs = with_line_breaks(written)
                if paragraphs and "\n\n" in paragraphs:  # kept whole, blank lines and all
                    summary_lines.append(paragraphs)
                else:  # one item a line, as resume.yaml's summary is usually written
                    summary_lines += [
                        " ".join(line.split()) for line in written.splitlines() if line.strip()
                    ]
        experience: list[Entry] = []
        projects: list[Entry] = []
        open_source: list[Entry] = []
        for path, item in self.items(data, "work"):
            entry = self.work(path, item, len(experience))
            if entry.section == "experience":
                experience.append(entry)
            else:
                projects.append(_reindex(entry, "projects", len(projects)))
        # Not in the schema, but written by academic themes: teaching posts are roles.
        for path, item in self.items(data, "teaching"):
            experience.append(self.teaching(path, item, len(experience)))
        volunteer = [
            self.volunteer(path, item, i)
            for i, (path, item) in enumerate(self.items(data, "volunteer"))
        ]
        for path, item in self.items(data, "projects"):
            kind = str(item.get("type") or "").strip().lower()
            if kind in OPEN_SOURCE_TYPES:
                open_source.append(self.project(path, item, "open_source", len(open_source)))
            else:
                projects.append(self.project(path, item, "projects", len(projects)))
        education = [self.education(path, item) for path, item in self.items(data, "education")]
        credits = {
            section: [
                self.credit(path, item, section, i)
                for i, (path, item) in enumerate(self.items(data, key))
            ]
            for key, section in (
                ("awards", "awards"),
                ("publications", "publications"),
                ("certificates", "certifications"),
            )
        }
        # Not in the schema either: talks, which tailor lists with publications.
        for path, item in self.items(data, "presentations"):
            credits["publications"].append(
                self.presentation(path, item, len(credits["publications"]))
            )
        skills, languages, interests = self.skills(data), self.languages(data), self.interests(data)
        references = [
            reference
            for path, item in self.items(data, "references")
            if (reference := self.reference(path, item))
        ]
        meta = _mapping(data, "meta")
        extension = _mapping(meta, EXTENSION)
        summaries = tuple(self.texts(extension, "summaries", f"meta.{EXTENSION}"))
        show = tuple(
            name
            for name in self.texts(extension, "show", f"meta.{EXTENSION}")
            if name in OPTIONAL_SECTIONS
        )
        self.leftovers(meta, "meta", ())  # canonical, version…: about the file, yet named
        self.leftovers(
            data,
            "",
            {
                "$schema",
                "basics",
                "work",
                "volunteer",
                "projects",
                "education",
                "awards",
                "publications",
                "skills",
                "languages",
                "interests",
                "certificates",
                "references",
                "meta",
                "teaching",
                "presentations",
            },
        )
        lists: dict[str, Any] = {section: tuple(found) for section, found in credits.items()}
        return Resume(
            basics=basics,
            summary=tuple(summary_lines),
            summaries=summaries,
            experience=tuple(experience),
            open_source=tuple(open_source),
            projects=tuple(projects),
            education=tuple(education),
            **lists,
            skills=tuple(skills),
            languages=tuple(languages),
            interests=tuple(interests),
            volunteer=tuple(volunteer),
            references=tuple(references),
            show=show,
        )

    def basics(self, item: dict[str, Any]) -> Basics:
        # The fields kept as they are (resume.plain_fields): name, label, email, phone…
        values: dict[str, Any] = {
            field.name: self.text(item, field.json_key, "basics") for field in plain_fields(Basics)
        }
        if not values["name"]:
            raise UserError("the JSON Resume has no basics.name; tailor needs at least a name.")
        links: list[Link] = []
        # `website` and `picture` are older schemas' names for `url` and `image`.
        for key in ("url", "website"):
            url = self.text(item, key, "basics")
            if url and "." not in url:  # "null", "none", "TODO"
                self.note(f"basics.{key}", f"`{url}` is not a web address; left out")
            elif url and full_url(url) not in (link.url for link in links):
                links.append(Link(short_url(url), full_url(url)))
        for path, profile in self.items(item, "profiles"):
            path = f"basics.{path}"
            link_url = self.text(profile, "url", path)
            extension = _mapping(profile, EXTENSION)
            if not link_url or "." not in link_url:
                self.note(path, f"a profile without a web address; left out: {_show(profile)}")
                continue
            label = self.text(extension, "label", path) or short_url(link_url)
            # What the URL says already (github.com is GitHub) is not stored twice.
            network = self.text(profile, "network", path)
            username = self.text(profile, "username", path)
            links.append(
                Link(
                    label,
                    full_url(link_url),
                    network if network not in (_network(link_url), _host(link_url)) else None,
                    username if username != _username(link_url) else None,
                )
            )
            self.leftovers(profile, path, ("url", "network", "username"))
        location = item.get("location")
        location_text, place = None, None
        if isinstance(location, dict):
            place = Place(
                **{
                    field: self.text(location, key, "basics.location")
                    for key, field in PLACE_KEYS.items()
                }
            )
            location_text = place.text
            # A city alone is the location's text (tailor writes a text location so).
            place = place if place not in (Place(), Place(city=place.city)) else None
            self.leftovers(location, "basics.location", PLACE_KEYS)
        elif isinstance(location, str):
            location_text = " ".join(location.split()) or None
        image, images_used = self.first(item, ("image", "picture"), "basics")
        self.leftovers(
            item,
            "basics",
            (
                *(field.json_key for field in plain_fields(Basics)),
                "url",
                "website",
                "location",
                "profiles",
                *images_used,
                *(key for key in item if re.fullmatch(r"summary\d*", key)),
            ),
        )
        email = values["email"]
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            self.note("basics.email", f"`{email}` does not look like an email address; left out")
            values["email"] = None
        return Basics(
            **values, location=location_text, links=tuple(links), place=place, image=image
        )

    def _entry(
        self,
        path: str,
        item: dict[str, Any],
        section: str,
        index: int,
        organization_keys: tuple[str, ...],
        title: str | None,
        used: tuple[str, ...],
        summary_key: str = "summary",
    ) -> Entry:
        extension = _mapping(item, EXTENSION)
        organization, names_used = self.first(item, organization_keys, path)
        highlights = self.texts(item, "highlights", path)
        summary = self.text(item, summary_key, path)
        written = with_line_breaks(str(item[summary_key])) if summary else None
        if summary and not highlights:
            lead, listed = _split_list(str(item[summary_key]))
            if listed:  # a summary written as a "- …" list: its items are the bullets
                summary, highlights, written = lead, listed, None
                self.note(
                    f"{path}.{summary_key}",
                    f"written as a list; its {len(listed)} items became bullets",
                )
        if not organization:
            organization = title or (summary or (highlights[0] if highlights else "Untitled"))[:60]
            self.note(path, f"has no name; called it `{organization}`")
        start, end = self.dates(item, path, extension, open_end=True)
        url, urls_used = self.first(item, ("url", "website"), path)
        summary_bullet = None
        if summary:
            summary_bullet = replace(
                _bullet(
                    summary,
                    section,
                    index,
                    0,
                    extension.get("summary"),
                    summary_id(section, index),
                    "summary",
                ),
                written=written,
            )
        entry = Entry(
            section=section,
            organization=organization,
            title=title,
            location=self.text(item, "location", path),
            url=url,
            start=start,
            end=end,
            bullets=self.bullets(highlights, section, index, extension),
            summary=summary_bullet,
        )
        self.leftovers(
            item,
            path,
            (
                *names_used,
                *urls_used,
                "highlights",
                summary_key,
                "location",
                "startDate",
                "endDate",
                *used,
            ),
        )
        return entry

    def dates(
        self, item: dict[str, Any], path: str, extension: dict[str, Any], *, open_end: bool
    ) -> tuple[Date | None, Date | None]:
        """open_end: a missing endDate means "to this day" (roles, projects; not schools)."""
        start = self.date(item, "startDate", path)
        end = self.date(item, "endDate", path)
        if (
            self.text(item, "startDate", path) is None
            and "endDate" not in item
            and self.text(item, "date", path)
        ):
            # One date for the whole thing ("date": "Fall 2025"): a one-date entry.
            start, open_end = self.date(item, "date", path), False
        if open_end and "endDate" not in item and start is not None:
            end = Date(present=True)  # JSON Resume's way of saying "to this day"
        # tailor's own exports say exactly what ISO dates cannot ("Summer 2015", no end).
        for key, name in (("start", "startDate"), ("end", "endDate")):
            if key in extension:
                value = extension[key]
                parsed = parse_date(str(value)) if value is not None else None
                if value is not None and parsed is None:
                    self.note(f"{path}.{EXTENSION}.{key}", f"`{value}` is not a date; kept {name}")
                    continue
                start, end = (parsed, end) if key == "start" else (start, parsed)
        return start, end

    def work(self, path: str, item: dict[str, Any], index: int) -> Entry:
        position = self.text(item, "position", path)
        entry = self._entry(
            path,
            item,
            "experience",
            index,
            ("name", "company"),
            position,
            ("position", "description", "company"),
        )
        # Both `name` (JSON Resume 1.0) and `company` (its older name), saying different
        # things: the first is the company shown, the other is kept beside it.
        company = self.text(item, "company", path)
        entry = replace(
            entry,
            description=self.text(item, "description", path),
            entity=company if company != entry.organization else None,
        )
        if entry.start is None or entry.title is None:
            missing = " and ".join(
                n for n, v in (("position", entry.title), ("startDate", entry.start)) if v is None
            )
            self.note(
                path,
                f"`{entry.organization}` has no {missing}, which every "
                "experience entry needs; placed under projects (add them and move "
                "it back)",
            )
            return _reindex(entry, "projects", 0)
        return entry

    def volunteer(self, path: str, item: dict[str, Any], index: int) -> Entry:
        return self._entry(
            path,
            item,
            "volunteer",
            index,
            ("organization", "name"),
            self.text(item, "position", path),
            ("position",),
        )

    def project(self, path: str, item: dict[str, Any], section: str, index: int) -> Entry:
        roles = tuple(self.texts(item, "roles", path))
        kind = self.text(item, "type", path)
        # A single `date` is read only in place of startDate (see dates).
        one_date = (
            ("date",)
            if self.text(item, "startDate", path) is None and "endDate" not in item
            else ()
        )
        entry = self._entry(
            path,
            item,
            section,
            index,
            ("name", "title"),
            ", ".join(roles) or None,
            ("roles", "type", "keywords", "entity", *one_date),
            "description",
        )
        return replace(
            entry,
            roles=roles if len(roles) > 1 else (),
            keywords=tuple(self.texts(item, "keywords", path)),
            entity=self.text(item, "entity", path),
            type=None if section == "open_source" else kind,
        )  # the section says it

    def teaching(self, path: str, item: dict[str, Any], index: int) -> Entry:
        """A `teaching` item ({course, institution, role, date, description}): a role at the
        institution, the course as its summary line, the description as its bullet."""
        organization = self.text(item, "institution", path) or "Teaching"
        title = self.text(item, "role", path) or "Teaching"
        course = self.text(item, "course", path)
        description = self.text(item, "description", path)
        when, dates_used = self.first(item, ("date", "startDate"), path)
        start = parse_date(when) if when else None
        if when and start is None:
            self.note(path, f"`{when}` is not a date tailor can read; left out")
        end = self.date(item, "endDate", path)
        self.note(
            path,
            f"teaching is not a JSON Resume section; placed under experience as "
            f"`{title}, {organization}`",
        )
        if start is None:
            self.note(path, "has no date, which every experience entry needs; add `start`")
        self.leftovers(
            item, path, ("institution", "role", "course", "description", *dates_used, "endDate")
        )
        return Entry(
            section="experience",
            organization=organization,
            title=title,
            location=self.text(item, "location", path),
            url=None,
            start=start,
            end=end,
            bullets=self.bullets([description] if description else [], "experience", index, None),
            summary=_bullet(
                course, "experience", index, 0, None, summary_id("experience", index), "summary"
            )
            if course
            else None,
        )

    def presentation(self, path: str, item: dict[str, Any], index: int) -> Bullet:
        """A `presentations` item ({name, event, date, location, description}): a talk,
        listed with the publications (the event as its publisher)."""
        name = self.text(item, "name", path) or "Presentation"
        credit = Credit(
            name,
            self.text(item, "event", path),
            self.date(item, "date", path),
            self.text(item, "url", path),
            self.text(item, "description", path),
        )
        self.note(path, "presentations are not a JSON Resume section; listed under publications")
        self.leftovers(item, path, ("name", "event", "date", "url", "description"))
        return _bullet(credit.rank_text, "publications", None, index, None, credit=credit)

    def education(self, path: str, item: dict[str, Any]) -> Education:
        institution = self.text(item, "institution", path)
        if not institution:
            institution = "Unknown institution"
            self.note(path, f"has no institution; called it `{institution}`")
        degree = self.text(item, "studyType", path)
        area = self.text(item, "area", path)
        if area and not degree:
            degree, area = area, None  # a field of study alone is what the page names
        extension = _mapping(item, EXTENSION)
        start, end = self.dates(item, path, extension, open_end=False)
        score, scores_used = self.first(item, ("score", "gpa"), path)
        self.leftovers(
            item,
            path,
            (
                "institution",
                "studyType",
                "area",
                *scores_used,
                "startDate",
                "endDate",
                "courses",
                "location",
                "url",
            ),
        )
        return Education(
            institution=institution,
            degree=degree,
            location=self.text(item, "location", path),
            score=score,
            start=start,
            end=end,
            courses=tuple(self.texts(item, "courses", path)),
            url=self.text(item, "url", path),
            area=area,
        )

    def credit(self, path: str, item: dict[str, Any], section: str, index: int) -> Bullet:
        """An award, a publication or a certificate, with its parts."""
        title_key, by_key, date_key = CREDIT_KEYS[section]
        title = self.text(item, title_key, path)
        url, urls_used = self.first(item, ("url", "website"), path)
        extension = _mapping(item, EXTENSION)
        date = self.date(item, date_key, path)
        if date is None and date_key == "date" and self.text(item, "startDate", path):
            date, date_key = self.date(item, "startDate", path), "startDate"
        if isinstance(extension.get("date"), str):  # "Summer 2015", which ISO cannot say
            date = parse_date(extension["date"]) or date
        credit = Credit(
            title or SECTION_TITLES[section].rstrip("s"),
            self.text(item, by_key, path),
            date,
            url,
            self.text(item, "summary", path),
        )
        if not title:
            self.note(path, f"has no {title_key}; called it `{credit.title}`")
        self.leftovers(item, path, (title_key, by_key, date_key, *urls_used, "summary"))
        if credit == Credit(credit.title):  # a title alone is one line, as written
            return _bullet(credit.title, section, None, index, extension)
        return _bullet(credit.rank_text, section, None, index, extension, credit=credit)

    def skills(self, data: dict[str, Any]) -> list[SkillGroup]:
        groups: list[SkillGroup] = []
        for path, item in self.items(data, "skills"):
            name = self.text(item, "name", path)
            keywords = self.texts(self.named_keywords(item, path), "keywords", path)
            if name or keywords:
                groups.append(
                    SkillGroup(name or "Skills", tuple(keywords), self.text(item, "level", path))
                )
            self.leftovers(item, path, ("name", "keywords", "level"))
        return groups

    def named_keywords(self, item: dict[str, Any], path: str) -> dict[str, Any]:
        """`item` with each keyword written as an object (`{"name": "Power BI", "level": …}`,
        as some editors write them) as its name; what else it says is noted."""
        keywords = item.get("keywords")
        if not isinstance(keywords, list):
            return item
        named = []
        for i, keyword in enumerate(keywords):
            if isinstance(keyword, dict) and isinstance(keyword.get("name"), str):
                named.append(keyword["name"])
                self.leftovers(
                    {k: v for k, v in keyword.items() if k != "name"}, f"{path}.keywords[{i}]", ()
                )
            else:
                named.append(keyword)
        return {**item, "keywords": named}

    def languages(self, data: dict[str, Any]) -> list[Language]:
        found = []
        for path, item in self.items(data, "languages"):
            name = self.text(item, "language", path)
            if not name:
                self.note(path, f"a language without its name; left out: {_show(item)}")
                continue
            fluency = self.text(item, "fluency", path)
            level = self.text(item, "level", path)
            found.append(Language(name, fluency or level))
            self.leftovers(
                item, path, ("language", "fluency") + ("level",) * (not fluency or level == fluency)
            )
        return found

    def interests(self, data: dict[str, Any]) -> list[Interest]:
        found = []
        for path, item in self.items(data, "interests"):
            name = self.text(item, "name", path)
            keywords = self.texts(item, "keywords", path)
            if name or keywords:
                found.append(
                    Interest(name or "", tuple(keywords), self.text(item, "summary", path))
                )
            self.leftovers(item, path, ("name", "keywords", "summary"))
        return found

    def reference(self, path: str, item: dict[str, Any]) -> Reference | None:
        name = self.text(item, "name", path)
        if not name:
            self.note(path, f"a reference without a name; left out: {_show(item)}")
            return None
        self.leftovers(item, path, REFERENCE_KEYS)
        values: dict[str, Any] = {
            field.name: self.text(item, field.json_key, path) for field in plain_fields(Reference)
        }
        return Reference(**values)


# JSON Resume's names for the parts of tailor's structured items.
PLACE_KEYS = {
    "address": "address",
    "postalCode": "postal_code",
    "city": "city",
    "region": "region",
    "countryCode": "country_code",
}
CREDIT_KEYS = {
    "awards": ("title", "awarder", "date"),
    "publications": ("name", "publisher", "releaseDate"),
    "certifications": ("name", "issuer", "date"),
}
REFERENCE_KEYS = tuple(field.json_key for field in plain_fields(Reference))


def _bullet(
    text: str,
    section: str,
    entry: int | None,
    index: int,
    meta: Any,
    default: str | None = None,
    kind: str = "bullet",
    credit: Credit | None = None,
) -> Bullet:
    default = default or default_bullet_id(section, entry, index)
    if not isinstance(meta, dict):
        meta = {}
    bullet_id = (
        meta.get("id") if isinstance(meta.get("id"), str) and meta["id"].strip() else default
    )
    tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
    return Bullet(
        id=" ".join(bullet_id.split()),
        text=text,
        section=section,
        entry=entry,
        tags=tuple(str(tag) for tag in tags if str(tag).strip()),
        pin=meta.get("pin") is True,
        kind=kind,
        credit=credit,
    )


_LIST_MARK = re.compile(r"\s*[-•·*▪◦●–]\s+|\s*[•·▪◦●]")


def _split_list(text: str) -> tuple[str | None, list[str]]:
    """A text written as a list ("- a\n- b"): the lines before the first item, and the items
    (a line without a mark continues the item before it). No list: (None, [])."""
    lines = [line for line in text.splitlines() if line.strip()]
    if sum(1 for line in lines if _LIST_MARK.match(line)) < 2:
        return None, []
    lead: list[str] = []
    items: list[str] = []
    for line in lines:
        mark = _LIST_MARK.match(line)
        if mark:
            items.append(line[mark.end() :])
        elif items:
            items[-1] += " " + line
        else:
            lead.append(line)
    clean = [" ".join(item.split()) for item in items]
    return " ".join(" ".join(lead).split()) or None, [item for item in clean if item]


def _reindex(entry: Entry, section: str, index: int) -> Entry:
    """The entry moved to another section: its bullets' default ids follow it."""
    bullets = tuple(
        replace(
            b,
            id=default_bullet_id(section, index, i)
            if b.id == default_bullet_id(b.section, b.entry, i)
            else b.id,
            section=section,
            entry=index,
        )
        for i, b in enumerate(entry.bullets)
    )
    summary = entry.summary
    if summary:
        summary = replace(
            summary,
            section=section,
            entry=index,
            id=summary_id(section, index)
            if summary.id == summary_id(entry.section, summary.entry or 0)
            else summary.id,
        )
    return replace(entry, section=section, bullets=bullets, summary=summary)


def _mapping(item: dict[str, Any], key: str) -> dict[str, Any]:
    """item[key] when it is a JSON object, else an empty one."""
    value = item.get(key)
    return value if isinstance(value, dict) else {}


def _json_kind(value: Any) -> str:
    return {
        dict: "an object",
        list: "a list",
        str: "text",
        bool: "true/false",
        type(None): "null",
    }.get(type(value), "a number")


def _show(value: Any) -> str:
    import json

    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 200 else text[:197] + "…"


# ----------------------------------------------------------------------------------------------
# Resume → JSON Resume
# ----------------------------------------------------------------------------------------------


def to_json_resume(resume: Resume, selection: set[str] | None = None) -> dict[str, Any]:
    """The résumé as a JSON Resume document.

    selection: the bullet ids to keep (a tailored page); None keeps every bullet. Entries of
    open source, projects and volunteering with none of their lines kept are left out, as on
    the page; roles always stay.
    """

    def kept(bullet: Bullet) -> bool:
        return selection is None or bullet.id in selection

    document: dict[str, Any] = {"$schema": SCHEMA_URL, "basics": _basics_json(resume)}
    work = [
        _entry_json(entry, i, kept, "name", "position") for i, entry in enumerate(resume.experience)
    ]
    for item, entry in zip(work, resume.experience, strict=True):
        if entry.description:
            item["description"] = entry.description
        if entry.entity:
            item["company"] = entry.entity
    projects = []
    for section in PROJECT_SECTIONS:
        for i, entry in enumerate(resume.entries(section)):
            if entry.evidence and not any(kept(b) for b in entry.evidence):
                continue
            item = _entry_json(entry, i, kept, "name", None, "description")
            item |= _drop_empty(
                {
                    "roles": list(entry.roles) or ([entry.title] if entry.title else []),
                    "keywords": list(entry.keywords),
                    "entity": entry.entity,
                    "type": entry.type or ("open source" if section == "open_source" else None),
                }
            )
            projects.append(item)
    volunteer = [
        _entry_json(entry, i, kept, "organization", "position")
        for i, entry in enumerate(resume.volunteer)
        if not entry.evidence or any(kept(b) for b in entry.evidence)
    ]
    education = []
    for school in resume.education:
        # A degree written whole ("M.S., Computer Science") stays whole: where the degree ends
        # and its field begins, the text does not say.
        item = _drop_empty(
            {
                "institution": school.institution,
                "url": school.url,
                "studyType": school.degree,
                "area": school.area,
                "score": school.score,
                # Not in the schema, which allows extra fields; tailor reads it.
                "location": school.location,
                "courses": list(school.courses),
            }
        )
        item |= _dates_json(school.start, school.end, open_end=False)
        education.append(item)
    document |= _drop_empty(
        {
            "work": work,
            "volunteer": volunteer,
            "projects": projects,
            "education": education,
            **{
                key: [
                    _credit_json(b, section, i)
                    for i, b in enumerate(getattr(resume, section))
                    if kept(b)
                ]
                for key, section in (
                    ("certificates", "certifications"),
                    ("awards", "awards"),
                    ("publications", "publications"),
                )
            },
            "skills": [
                _drop_empty(
                    {"name": group.name, "level": group.level, "keywords": list(group.items)}
                )
                for group in resume.skills
            ],
            "languages": [
                _drop_empty({"language": language.name, "fluency": language.level})
                for language in resume.languages
            ],
            "interests": [
                _drop_empty(
                    {
                        "name": interest.name,
                        "keywords": list(interest.keywords),
                        "summary": interest.summary,
                    }
                )
                for interest in resume.interests
            ],
            "references": [
                _drop_empty(
                    {
                        field.json_key: getattr(reference, field.name)
                        for field in plain_fields(Reference)
                    }
                )
                for reference in resume.references
            ],
        }
    )
    extension = _drop_empty({"summaries": list(resume.summaries), "show": list(resume.show)})
    if extension:
        document["meta"] = {EXTENSION: extension}
    return document


def _credit_json(bullet: Bullet, section: str, index: int) -> dict[str, Any]:
    title_key, by_key, date_key = CREDIT_KEYS[section]
    meta = _bullet_meta(bullet, section, None, index)
    credit = bullet.credit
    if credit is None:  # one line, as written
        return _drop_empty({title_key: bullet.text, EXTENSION: meta})
    item = _drop_empty(
        {
            title_key: credit.title,
            by_key: credit.by,
            "url": credit.url,
            "summary": credit.summary,
            EXTENSION: meta,
        }
    )
    if credit.date and not credit.date.present:
        item[date_key] = _iso(credit.date)
    if credit.date and (credit.date.season or credit.date.present):  # what ISO cannot say
        item.setdefault(EXTENSION, {})["date"] = date_to_yaml(credit.date)
    return item


def _basics_json(resume: Resume) -> dict[str, Any]:
    basics = resume.basics
    links = list(basics.links)
    url = None
    if (
        links
        and links[0].network is None
        and _network(links[0].url) is None
        and links[0].label == short_url(links[0].url)
    ):
        url = links.pop(0).url  # the personal site
    profiles = []
    for link in links:
        network = link.network or _network(link.url)
        username = link.username or (_username(link.url) if network else None)
        profile = _drop_empty(
            {"network": network or _host(link.url), "username": username, "url": link.url}
        )
        if link.label != short_url(link.url):
            profile[EXTENSION] = {"label": link.label}
        profiles.append(profile)
    location = None
    if basics.place:
        location = _drop_empty(
            {key: getattr(basics.place, field) for key, field in PLACE_KEYS.items()}
        )
    elif basics.location:
        # Which part is the city, the region or the country, the text does not say.
        location = {"city": basics.location}
    return _drop_empty(
        {
            **{field.json_key: getattr(basics, field.name) for field in plain_fields(Basics)},
            "image": basics.image,
            "url": url,
            # One line per line of resume.yaml's summary, so they come back as they were.
            "summary": "\n".join(resume.summary),
            "location": location,
            "profiles": profiles,
        }
    )


def _network(url: str) -> str | None:
    host = short_url(url).split("/")[0].lower()
    return NETWORKS.get(host)


def _host(url: str) -> str:
    return short_url(url).split("/")[0]


def _username(url: str) -> str | None:
    """The last part of a profile's address: github.com/ada → ada."""
    return short_url(url).split("/")[-1] if _network(url) else None


def _entry_json(
    entry: Entry,
    index: int,
    kept: Any,
    name_key: str,
    title_key: str | None,
    summary_key: str = "summary",
) -> dict[str, Any]:
    bullets = [(i, b) for i, b in enumerate(entry.bullets) if kept(b)]
    summary = entry.summary if entry.summary and kept(entry.summary) else None
    item = _drop_empty(
        {
            name_key: entry.organization,
            title_key or "": entry.title if title_key else None,
            "location": entry.location,
            "url": entry.url,
            summary_key: (summary.written or summary.text) if summary else None,
        }
    )
    dates = _dates_json(entry.start, entry.end, open_end=True)
    extension = dates.pop(EXTENSION, None)
    item |= dates
    if bullets:
        item["highlights"] = [b.text for _, b in bullets]
    if extension:
        item[EXTENSION] = extension
    metas = [_bullet_meta(b, entry.section, index, i) for i, b in bullets]
    if any(metas):
        item.setdefault(EXTENSION, {})["bullets"] = [meta or None for meta in metas]
    if summary:
        meta = _bullet_meta(summary, entry.section, index, 0, summary_id(entry.section, index))
        if meta:
            item.setdefault(EXTENSION, {})["summary"] = meta
    return item


def _dates_json(start: Date | None, end: Date | None, *, open_end: bool) -> dict[str, Any]:
    """startDate / endDate in ISO form (or as written); what ISO cannot say goes in
    `x-tailor`."""
    item: dict[str, Any] = {}
    extension: dict[str, Any] = {}
    if start and not start.present:
        item["startDate"] = _iso(start)
    if start and (start.season or start.present):
        extension["start"] = date_to_yaml(start)
    if end and not end.present:
        item["endDate"] = _iso(end)
        if end.season:
            extension["end"] = date_to_yaml(end)
    elif end and not open_end:
        extension["end"] = "present"
    if open_end and start and end is None:
        extension["end"] = None  # a one-date entry; a missing endDate would read as "present"
    if open_end and not item.get("startDate") and end and end.present:
        extension["end"] = "present"  # without a start, a missing endDate reads as no date
    if extension:
        item[EXTENSION] = extension
    return item


def _iso(date: Date) -> str:
    """The date in ISO form, or as its author wrote it in the file it came from ("01/2014"):
    an import then an export gives back what was written."""
    if date.present:
        return ""
    if date.written:
        return date.written
    month = date.month or (SEASONS[date.season] if date.season else None)
    return f"{date.year:04d}-{month:02d}" if month else f"{date.year:04d}"


def _bullet_meta(
    bullet: Bullet, section: str, entry: int | None, index: int, default: str | None = None
) -> dict[str, Any]:
    default = default or default_bullet_id(section, entry, index)
    return _drop_empty(
        {
            "id": bullet.id if bullet.id != default else None,
            "tags": list(bullet.tags),
            "pin": bullet.pin or None,
        }
    )


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items() if key and value not in (None, "", [], {})}
