"""JSON Resume (schema v1, jsonresume.org) to a Resume and back.

Importing never drops anything silently: whatever has no place in resume.yaml (an image, a
reference, a skill's level…) is named in the returned notes. Exporting writes standard fields;
what JSON Resume cannot say (bullet ids, tags and pins, "Summer 2015", a one-date role,
alternative summaries) goes into `x-tailor` properties, which the schema allows on every item
and other tools ignore, and into `meta.x-tailor` at the top level, so that tailor → JSON →
tailor gives back the same résumé.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Any

from tailor.errors import UserError
from tailor.resume import (
    SEASONS,
    Basics,
    Bullet,
    Date,
    Education,
    Entry,
    Language,
    Link,
    Resume,
    SkillGroup,
    full_url,
    parse_date,
    short_url,
)
from tailor.yaml_writer import date_to_yaml, default_bullet_id

EXTENSION = "x-tailor"
SCHEMA_URL = "https://raw.githubusercontent.com/jsonresume/resume-schema/v1.0.0/schema.json"
# Profiles on these sites are "profiles"; any other first link is the personal `url`.
NETWORKS = {"github.com": "GitHub", "gitlab.com": "GitLab", "linkedin.com": "LinkedIn",
            "twitter.com": "Twitter", "x.com": "X", "stackoverflow.com": "Stack Overflow",
            "medium.com": "Medium", "kaggle.com": "Kaggle", "scholar.google.com":
            "Google Scholar", "bsky.app": "Bluesky", "mastodon.social": "Mastodon"}
OPEN_SOURCE_TYPES = ("open source", "open-source", "opensource", "oss")


# ----------------------------------------------------------------------------------------------
# JSON Resume → Resume
# ----------------------------------------------------------------------------------------------


def from_json_resume(data: dict[str, Any]) -> tuple[Resume, list[str]]:
    """A Resume from a JSON Resume document, and notes naming whatever had no place in it.

    Raises:
        UserError: the document is not a JSON object, or has no name.
    """
    if not isinstance(data, dict):
        raise UserError(f"a JSON Resume is a JSON object ({{\"basics\": …}}), not "
                        f"{_json_kind(data)}.")
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
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, str | int | float):
            self.note(f"{path}.{key}", f"should be text, not {_json_kind(value)}; left out: "
                                       f"{value!r}")
            return None
        return " ".join(str(value).split()) or None

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
            if key in used or key == EXTENSION or value in (None, "", [], {}):
                continue
            self.note(f"{path}.{key}", f"no place in resume.yaml; left out: {_show(value)}")

    def bullets(self, texts: list[str], section: str, entry: int | None,
                extension: Any) -> tuple[Bullet, ...]:
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
        summary = self.text(basics_data, "summary", "basics")
        summary_lines = tuple(" ".join(line.split()) for line in
                              str(basics_data.get("summary") or "").splitlines()
                              if line.strip()) if summary else ()
        experience: list[Entry] = []
        projects: list[Entry] = []
        open_source: list[Entry] = []
        for path, item in self.items(data, "work"):
            entry = self.work(path, item, len(experience))
            if entry.section == "experience":
                experience.append(entry)
            else:
                projects.append(_reindex(entry, "projects", len(projects)))
        for path, item in self.items(data, "volunteer"):
            projects.append(self.volunteer(path, item, len(projects)))
        for path, item in self.items(data, "projects"):
            kind = str(item.get("type") or "").strip().lower()
            if kind in OPEN_SOURCE_TYPES:
                open_source.append(self.project(path, item, "open_source", len(open_source)))
            else:
                projects.append(self.project(path, item, "projects", len(projects)))
        education = [self.education(path, item) for path, item in self.items(data, "education")]
        awards = [self.award(path, item, i) for i, (path, item)
                  in enumerate(self.items(data, "awards"))]
        publications = [self.publication(path, item, i) for i, (path, item)
                        in enumerate(self.items(data, "publications"))]
        certifications = [self.certificate(path, item, i) for i, (path, item)
                          in enumerate(self.items(data, "certificates"))]
        skills, languages, interests = self.skills(data), self.languages(data), \
            self.interests(data)
        for path, item in self.items(data, "references"):
            self.note(path, f"references have no place in resume.yaml; left out: {_show(item)}")
        meta = data.get("meta") if isinstance(data.get("meta"), dict) else {}
        extension = meta.get(EXTENSION) if isinstance(meta.get(EXTENSION), dict) else {}
        summaries = tuple(self.texts(extension, "summaries", f"meta.{EXTENSION}"))
        self.leftovers(meta, "meta", ())  # canonical, version…: about the file, yet named
        self.leftovers(data, "", {"$schema", "basics", "work", "volunteer", "projects",
                                  "education", "awards", "publications", "skills",
                                  "languages", "interests", "certificates", "references",
                                  "meta"})
        return Resume(basics=basics, summary=summary_lines, summaries=summaries,
                      experience=tuple(experience), open_source=tuple(open_source),
                      projects=tuple(projects), education=tuple(education),
                      certifications=tuple(certifications), awards=tuple(awards),
                      publications=tuple(publications),
                      skills=tuple(skills), languages=tuple(languages),
                      interests=tuple(interests))

    def basics(self, item: dict[str, Any]) -> Basics:
        name = self.text(item, "name", "basics")
        if not name:
            raise UserError("the JSON Resume has no basics.name; tailor needs at least a name.")
        links: list[Link] = []
        url = self.text(item, "url", "basics")
        if url:
            links.append(Link(short_url(url), full_url(url)))
        for path, profile in self.items(item, "profiles"):
            path = f"basics.{path}"
            link_url = self.text(profile, "url", path)
            extension = profile.get(EXTENSION) if isinstance(profile.get(EXTENSION), dict) \
                else {}
            if not link_url:
                self.note(path, f"a profile without a url; left out: {_show(profile)}")
                continue
            label = self.text(extension, "label", path) or short_url(link_url)
            links.append(Link(label, full_url(link_url)))
        location = item.get("location")
        location_text = None
        if isinstance(location, dict):
            location_text = ", ".join(filter(None, (self.text(location, key, "basics.location")
                                                    for key in ("city", "region",
                                                                "countryCode")))) or None
            self.leftovers(location, "basics.location", ("city", "region", "countryCode"))
        elif isinstance(location, str):
            location_text = " ".join(location.split()) or None
        self.leftovers(item, "basics", ("name", "label", "email", "phone", "url", "summary",
                                        "location", "profiles"))
        email = self.text(item, "email", "basics")
        if email and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            self.note("basics.email", f"`{email}` does not look like an email address; "
                                      "left out")
            email = None
        return Basics(name=name, label=self.text(item, "label", "basics"), email=email,
                      phone=self.text(item, "phone", "basics"), location=location_text,
                      links=tuple(links))

    def _entry(self, path: str, item: dict[str, Any], section: str, index: int,
               organization_keys: tuple[str, ...], title: str | None,
               used: tuple[str, ...]) -> Entry:
        extension = item.get(EXTENSION) if isinstance(item.get(EXTENSION), dict) else {}
        organization = next(filter(None, (self.text(item, key, path)
                                           for key in organization_keys)), None)
        highlights = self.texts(item, "highlights", path)
        summary = self.text(item, "summary", path) or self.text(item, "description", path)
        summary_key = "summary" if self.text(item, "summary", path) else "description"
        if summary and not highlights:
            highlights = [summary]  # the only line said about it: keep it, as a bullet
        elif summary:
            self.note(f"{path}.{summary_key}", f"kept only the highlights as bullets; left "
                                               f"out: {_show(summary)}")
        if not organization:
            organization = title or (highlights[0][:60] if highlights else "Untitled")
            self.note(path, f"has no name; called it `{organization}`")
        start, end = self.dates(item, path, extension, open_end=True)
        entry = Entry(section=section, organization=organization, title=title,
                      location=self.text(item, "location", path),
                      url=self.text(item, "url", path), start=start, end=end,
                      bullets=self.bullets(highlights, section, index, extension))
        self.leftovers(item, path, (*organization_keys, "highlights", "summary", "location",
                                    "url", "startDate", "endDate", *used)
                       + (("description",) if summary_key == "description" else ()))
        return entry

    def dates(self, item: dict[str, Any], path: str, extension: dict[str, Any], *,
              open_end: bool) -> tuple[Date | None, Date | None]:
        """open_end: a missing endDate means "to this day" (roles, projects; not schools)."""
        start = self.date(item, "startDate", path)
        end = self.date(item, "endDate", path)
        if open_end and "endDate" not in item and start is not None:
            end = Date(present=True)  # JSON Resume's way of saying "to this day"
        # tailor's own exports say exactly what ISO dates cannot ("Summer 2015", no end).
        for key, name in (("start", "startDate"), ("end", "endDate")):
            if key in extension:
                value = extension[key]
                parsed = parse_date(str(value)) if value is not None else None
                if value is not None and parsed is None:
                    self.note(f"{path}.{EXTENSION}.{key}", f"`{value}` is not a date; "
                                                           f"kept {name}")
                    continue
                start, end = (parsed, end) if key == "start" else (start, parsed)
        return start, end

    def work(self, path: str, item: dict[str, Any], index: int) -> Entry:
        position = self.text(item, "position", path)
        entry = self._entry(path, item, "experience", index, ("name", "company"), position,
                            ("position",))
        if entry.start is None or entry.title is None:
            missing = " and ".join(n for n, v in (("position", entry.title),
                                                  ("startDate", entry.start)) if v is None)
            self.note(path, f"`{entry.organization}` has no {missing}, which every "
                            "experience entry needs; placed under projects (add them and move "
                            "it back)")
            return _reindex(entry, "projects", 0)
        return entry

    def volunteer(self, path: str, item: dict[str, Any], index: int) -> Entry:
        return self._entry(path, item, "projects", index, ("organization", "name"),
                           self.text(item, "position", path), ("position",))

    def project(self, path: str, item: dict[str, Any], section: str, index: int) -> Entry:
        roles = self.texts(item, "roles", path)
        # `keywords` and `entity` are not read: the leftovers note names them.
        entry = self._entry(path, item, section, index, ("name",),
                            ", ".join(roles) or None, ("roles", "type"))
        kind = self.text(item, "type", path)
        if kind and kind.lower() not in OPEN_SOURCE_TYPES:
            self.note(f"{path}.type", f"no place in resume.yaml; left out: {kind}")
        return entry

    def education(self, path: str, item: dict[str, Any]) -> Education:
        institution = self.text(item, "institution", path)
        if not institution:
            institution = "Unknown institution"
            self.note(path, f"has no institution; called it `{institution}`")
        degree = ", ".join(filter(None, (self.text(item, "studyType", path),
                                         self.text(item, "area", path)))) or None
        extension = item.get(EXTENSION) if isinstance(item.get(EXTENSION), dict) else {}
        start, end = self.dates(item, path, extension, open_end=False)
        score = self.text(item, "score", path) or self.text(item, "gpa", path)
        self.leftovers(item, path, ("institution", "studyType", "area", "score", "gpa",
                                    "startDate", "endDate", "courses", "location"))
        return Education(institution=institution, degree=degree,
                         location=self.text(item, "location", path), score=score,
                         start=start, end=end, courses=tuple(self.texts(item, "courses", path)))

    def award(self, path: str, item: dict[str, Any], index: int) -> Bullet:
        text = _honour(self.text(item, "title", path) or "", self.text(item, "awarder", path),
                       self.date(item, "date", path), self.text(item, "summary", path))
        self.leftovers(item, path, ("title", "awarder", "date", "summary"))
        return _bullet(text or "Award", "awards", None, index, item.get(EXTENSION))

    def certificate(self, path: str, item: dict[str, Any], index: int) -> Bullet:
        text = _honour(self.text(item, "name", path) or "Certificate",
                       self.text(item, "issuer", path), self.date(item, "date", path),
                       self.text(item, "url", path))
        self.leftovers(item, path, ("name", "issuer", "date", "url"))
        return _bullet(text, "certifications", None, index, item.get(EXTENSION))

    def publication(self, path: str, item: dict[str, Any], index: int) -> Bullet:
        name = self.text(item, "name", path) or ""
        publisher = self.text(item, "publisher", path)
        date = self.date(item, "releaseDate", path)
        url = self.text(item, "url", path)
        where = ", ".join(filter(None, (publisher, str(date) if date else None)))
        text = name
        if where or url:  # "Name. Publisher, Jan 2019. https://…"
            text = ". ".join(part.rstrip(".") for part in (name, where) if part)
            text = f"{text}. {url}" if url else f"{text}."
        self.leftovers(item, path, ("name", "publisher", "releaseDate", "url"))
        return _bullet(text or "Publication", "publications", None, index,
                       item.get(EXTENSION))

    def skills(self, data: dict[str, Any]) -> list[SkillGroup]:
        groups: list[SkillGroup] = []
        loose: list[str] = []  # skills with no keywords: gathered into one "Skills" group
        for path, item in self.items(data, "skills"):
            name = self.text(item, "name", path)
            keywords = self.texts(item, "keywords", path)
            if name and keywords:
                groups.append(SkillGroup(name, tuple(keywords)))
            elif name:
                loose.append(name)
            elif keywords:
                groups.append(SkillGroup("Skills", tuple(keywords)))
            level = self.text(item, "level", path)
            if level:
                self.note(f"{path}.level", f"skill levels have no place in resume.yaml; "
                                           f"left out: {level}" + (f" (for {name})" if name
                                                                   else ""))
            self.leftovers(item, path, ("name", "keywords", "level"))
        if loose:
            groups.append(SkillGroup("Skills", tuple(loose)))
        return groups

    def languages(self, data: dict[str, Any]) -> list[Language]:
        found = []
        for path, item in self.items(data, "languages"):
            name = self.text(item, "language", path)
            if not name:
                self.note(path, f"a language without its name; left out: {_show(item)}")
                continue
            found.append(Language(name, self.text(item, "fluency", path)))
            self.leftovers(item, path, ("language", "fluency"))
        return found

    def interests(self, data: dict[str, Any]) -> list[str]:
        found = []
        for path, item in self.items(data, "interests"):
            name = self.text(item, "name", path)
            keywords = self.texts(item, "keywords", path)
            if name and keywords:
                found.append(f"{name} ({', '.join(keywords)})")
            elif name or keywords:
                found.append(name or ", ".join(keywords))
            self.leftovers(item, path, ("name", "keywords"))
        return found


def _honour(name: str, given_by: str | None, date: Date | None, more: str | None) -> str:
    """An award or a certificate as one line: "Name, Giver (May 2022). More"."""
    text = name + (f", {given_by}" if given_by else "") + (f" ({date})" if date else "")
    if more:
        text = f"{text}. {more}" if text else more
    return text


def _bullet(text: str, section: str, entry: int | None, index: int, meta: Any) -> Bullet:
    default = default_bullet_id(section, entry, index)
    if not isinstance(meta, dict):
        meta = {}
    bullet_id = meta.get("id") if isinstance(meta.get("id"), str) and meta["id"].strip() \
        else default
    tags = meta.get("tags") if isinstance(meta.get("tags"), list) else []
    return Bullet(id=" ".join(bullet_id.split()), text=text, section=section, entry=entry,
                  tags=tuple(str(tag) for tag in tags if str(tag).strip()),
                  pin=meta.get("pin") is True)


def _reindex(entry: Entry, section: str, index: int) -> Entry:
    """The entry moved to another section: its bullets' default ids follow it."""
    bullets = tuple(Bullet(
        id=default_bullet_id(section, index, i) if b.id == default_bullet_id(b.section, b.entry,
                                                                               i) else b.id,
        text=b.text, section=section, entry=index, tags=b.tags, pin=b.pin)
        for i, b in enumerate(entry.bullets))
    return Entry(section=section, organization=entry.organization, title=entry.title,
                 location=entry.location, url=entry.url, start=entry.start, end=entry.end,
                 bullets=bullets)


def _json_kind(value: Any) -> str:
    return {dict: "an object", list: "a list", str: "text", bool: "true/false",
            type(None): "null"}.get(type(value), "a number")


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
    open source and projects with none of their bullets kept are left out, as on the page;
    roles always stay.
    """
    def kept(bullet: Bullet) -> bool:
        return selection is None or bullet.id in selection

    document: dict[str, Any] = {"$schema": SCHEMA_URL, "basics": _basics_json(resume)}
    work = [_entry_json(entry, i, kept, "name", "position")
            for i, entry in enumerate(resume.experience)]
    projects = []
    for section in ("open_source", "projects"):
        for i, entry in enumerate(resume.entries(section)):
            if entry.bullets and not any(kept(b) for b in entry.bullets):
                continue
            item = _entry_json(entry, i, kept, "name", None)
            if entry.title:
                item["roles"] = [entry.title]
            if section == "open_source":
                item["type"] = "open source"
            projects.append(item)
    education = []
    for school in resume.education:
        study_type, _, area = (school.degree or "").partition(", ")
        if not study_type or not area:  # nothing to split: read back whole, as studyType
            study_type, area = school.degree or "", ""
        item = _drop_empty({"institution": school.institution, "studyType": study_type,
                            "area": area, "score": school.score,
                            # Not in the schema, which allows extra fields; tailor reads it.
                            "location": school.location,
                            "courses": list(school.courses)})
        item |= _dates_json(school.start, school.end, open_end=False)
        education.append(item)
    document |= _drop_empty({
        "work": work,
        "projects": projects,
        "education": education,
        "certificates": [_drop_empty({"name": b.text, EXTENSION: _bullet_meta(
                            b, "certifications", None, i)})
                         for i, b in enumerate(resume.certifications) if kept(b)],
        "awards": [_drop_empty({"title": b.text, EXTENSION: _bullet_meta(b, "awards", None, i)})
                   for i, b in enumerate(resume.awards) if kept(b)],
        "publications": [_drop_empty({"name": b.text,
                                      EXTENSION: _bullet_meta(b, "publications", None, i)})
                         for i, b in enumerate(resume.publications) if kept(b)],
        "skills": [{"name": group.name, "keywords": list(group.items)}
                   for group in resume.skills],
        "languages": [_drop_empty({"language": language.name, "fluency": language.level})
                      for language in resume.languages],
        "interests": [{"name": interest} for interest in resume.interests],
    })
    if resume.summaries:
        document["meta"] = {EXTENSION: {"summaries": list(resume.summaries)}}
    return document


def _basics_json(resume: Resume) -> dict[str, Any]:
    basics = resume.basics
    links = list(basics.links)
    url = None
    if links and _network(links[0].url) is None and links[0].label == short_url(links[0].url):
        url = links.pop(0).url  # the personal site
    profiles = []
    for link in links:
        network = _network(link.url)
        username = short_url(link.url).split("/")[-1] if network else None
        profile = _drop_empty({"network": network or short_url(link.url).split("/")[0],
                               "username": username, "url": link.url})
        if link.label != short_url(link.url):
            profile[EXTENSION] = {"label": link.label}
        profiles.append(profile)
    location = None
    if basics.location:
        parts = basics.location.split(", ")
        # Split only what joins back to the same text; anything else stays whole, as the city.
        if len(parts) == 3 and re.fullmatch(r"[A-Z]{2}", parts[-1]) and all(parts):
            location = {"city": parts[0], "region": parts[1], "countryCode": parts[2]}
        elif len(parts) == 2 and all(parts):
            location = {"city": parts[0], "region": parts[1]}
        else:
            location = {"city": basics.location}
    return _drop_empty({
        "name": basics.name,
        "label": basics.label,
        "email": basics.email,
        "phone": basics.phone,
        "url": url,
        # One line per line of resume.yaml's summary, so they come back as they were.
        "summary": "\n".join(resume.summary),
        "location": location,
        "profiles": profiles,
    })


def _network(url: str) -> str | None:
    host = short_url(url).split("/")[0].lower()
    return NETWORKS.get(host)


def _entry_json(entry: Entry, index: int, kept: Any, name_key: str,
                title_key: str | None) -> dict[str, Any]:
    bullets = [(i, b) for i, b in enumerate(entry.bullets) if kept(b)]
    item = _drop_empty({
        name_key: entry.organization,
        title_key or "": entry.title if title_key else None,
        "location": entry.location,
        "url": entry.url,
    })
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
    return item


def _dates_json(start: Date | None, end: Date | None, *, open_end: bool) -> dict[str, Any]:
    """startDate / endDate in ISO form; what ISO cannot say goes in `x-tailor`."""
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
    if date.present:
        return ""
    month = date.month or (SEASONS[date.season] if date.season else None)
    return f"{date.year:04d}-{month:02d}" if month else f"{date.year:04d}"


def _bullet_meta(bullet: Bullet, section: str, entry: int | None, index: int
                 ) -> dict[str, Any]:
    return _drop_empty({"id": bullet.id if bullet.id != default_bullet_id(section, entry, index)
                        else None, "tags": list(bullet.tags), "pin": bullet.pin or None})


def _drop_empty(values: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in values.items()
            if key and value not in (None, "", [], {})}
