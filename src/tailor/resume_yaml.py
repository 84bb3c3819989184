"""Reading resume.yaml into the model (resume.py), with every problem reported at once.

The loader walks PyYAML's node tree rather than the constructed Python objects, because only the
nodes remember where they came from: every problem is reported with file, line, column and field
path, and all problems are reported at once.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from tailor.errors import InvalidInput, Issue
from tailor.resume import (
    CREDIT_FIELDS,
    ENTRY_SECTIONS,
    LIST_SECTIONS,
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
    parse_date,
    plain_fields,
    short_url,
    summary_id,
    with_line_breaks,
)

MAX_RESUME_BYTES = 2_000_000
# Anchors and aliases let a small file name a huge tree ("billion laughs"); walking more nodes
# than any real résumé has means the file is hostile or broken.
MAX_NODES = 100_000
# Past this many problems the file is not a résumé with typos: stop looking (each problem costs
# a suggestion, and a bomb of unknown keys would otherwise print hundreds of megabytes).
MAX_ISSUES = 1_000
_MERGE_TAG = "tag:yaml.org,2002:merge"


# ----------------------------------------------------------------------------------------------
# Loading and validation
# ----------------------------------------------------------------------------------------------


def load_resume(path: Path) -> Resume:
    """Read and validate resume.yaml.

    Raises:
        UserError: the file cannot be read.
        InvalidInput: every problem in the file, each with line, column and field path.
    """
    from tailor.files import read_bounded

    raw = read_bounded(
        path,
        MAX_RESUME_BYTES,
        "a résumé",
        missing_hint="Create one: "
        "`tailor init` writes a commented starter, `tailor import old-cv.docx` "
        "starts it from your résumé; or pass --resume PATH.",
    )
    return parse_resume(raw, str(path))


def parse_resume(raw: bytes | str, filename: str = "resume.yaml") -> Resume:
    """Validate résumé YAML text; see load_resume."""
    if isinstance(raw, bytes):
        try:
            text = raw.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = raw[: error.start].count(b"\n") + 1
            raise InvalidInput(
                [Issue(filename, line, 1, "", "is not UTF-8 text; save the file as UTF-8.")]
            ) from None
    else:
        text = raw
    try:
        # libyaml's loader when PyYAML has it: ten times faster, same nodes and marks.
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        problem = " ".join(filter(None, [error.context, error.problem]))
        raise InvalidInput(
            [Issue(filename, line, column, "", f"YAML syntax error: {problem}.")]
        ) from None
    except yaml.YAMLError as error:
        raise InvalidInput([Issue(filename, 0, 0, "", f"YAML error: {error}.")]) from None
    validator = _Validator(filename)
    resume = validator.resume(root)
    if validator.issues:
        raise InvalidInput(validator.issues)
    assert resume is not None
    return replace(resume, warnings=tuple(validator.warnings)) if validator.warnings else resume


_DATE_HINT = "write it like 2024-09, Sep 2024, September 2024, 2015, Summer 2015 or present"


# What resume.yaml may hold: per kind of object, its fields as (kind, required). A kind in
# brackets is a list of that kind. The validator below and the JSON Schema (json_schema) are
# both read off this table, so they cannot drift apart.
FIELDS: dict[str, dict[str, tuple[str, bool]]] = {
    "resume": {
        "basics": ("basics", True),
        "summary": ("texts", False),
        "summaries": ("[summary]", False),
        "experience": ("[experience]", False),
        "open_source": ("[open_source]", False),
        "projects": ("[projects]", False),
        "volunteer": ("[volunteer]", False),
        "education": ("[education]", False),
        "certifications": ("[certification]", False),
        "awards": ("[award]", False),
        "publications": ("[publication]", False),
        "skills": ("[skill_group]", False),
        "languages": ("[language]", False),
        "interests": ("interests", False),
        "references": ("[reference]", False),
        "show": ("texts", False),
    },
    "basics": {
        **{item.name: (item.kind, item.required) for item in plain_fields(Basics)},
        "location": ("place", False),
        "image": ("url", False),
        "links": ("[link]", False),
    },
    "place": {
        "address": ("text", False),
        "postal_code": ("text", False),
        "city": ("text", False),
        "region": ("text", False),
        "country_code": ("text", False),
    },
    "link": {
        "label": ("text", False),
        "url": ("text", True),
        "network": ("text", False),
        "username": ("text", False),
    },
    "experience": {
        "company": ("text", True),
        "title": ("text", True),
        "location": ("text", False),
        "url": ("url", False),
        "start": ("date", True),
        "end": ("date", False),
        "summary": ("bullet", False),
        "description": ("text", False),
        "entity": ("text", False),
        "bullets": ("[bullet]", False),
    },
    "projects": {
        "name": ("text", True),
        "role": ("text", False),
        "roles": ("texts", False),
        "location": ("text", False),
        "url": ("url", False),
        "start": ("date", False),
        "end": ("date", False),
        "summary": ("bullet", False),
        "keywords": ("texts", False),
        "entity": ("text", False),
        "type": ("text", False),
        "bullets": ("[bullet]", False),
    },
    "volunteer": {
        "organization": ("text", True),
        "title": ("text", False),
        "location": ("text", False),
        "url": ("url", False),
        "start": ("date", False),
        "end": ("date", False),
        "summary": ("bullet", False),
        "bullets": ("[bullet]", False),
    },
    "bullet": {
        "text": ("text", True),
        "id": ("text", False),
        "tags": ("texts", False),
        "pin": ("bool", False),
    },
    "education": {
        "institution": ("text", True),
        "degree": ("text", False),
        "area": ("text", False),
        "location": ("text", False),
        "score": ("text", False),
        "start": ("date", False),
        "end": ("date", False),
        "courses": ("texts", False),
        "url": ("url", False),
    },
    "skill_group": {"name": ("text", True), "items": ("texts", False), "level": ("text", False)},
    "language": {"name": ("text", True), "level": ("text", False)},
    "interest": {"name": ("text", False), "keywords": ("texts", False), "summary": ("text", False)},
    "reference": {item.name: (item.kind, item.required) for item in plain_fields(Reference)},
}
# Open source is a kind of project: its `type` is the section.
FIELDS["open_source"] = {name: spec for name, spec in FIELDS["projects"].items() if name != "type"}
# Awards, publications and certifications: one line (`text`), or their parts.
CREDIT_KINDS = {"certifications": "certification", "awards": "award", "publications": "publication"}
FIELDS.update(
    {
        kind: {
            "text": ("text", False),
            CREDIT_FIELDS[section][0]: ("text", False),
            CREDIT_FIELDS[section][1]: ("text", False),
            "date": ("date", False),
            "url": ("url", False),
            "summary": ("text", False),
            "id": ("text", False),
            "tags": ("texts", False),
            "pin": ("bool", False),
        }
        for section, kind in CREDIT_KINDS.items()
    }
)
# Kinds that need one of two fields (the JSON Schema says so with anyOf).
ONE_OF = {kind: ("text", CREDIT_FIELDS[section][0]) for section, kind in CREDIT_KINDS.items()}
ONE_OF["interest"] = ("name", "keywords")
DESCRIPTIONS = {
    "resume": "a résumé (top level)",
    "basics": "`basics`",
    "link": "a link",
    "place": "a location",
    "experience": "an experience entry",
    "open_source": "an open source entry",
    "projects": "a project",
    "volunteer": "a volunteer entry",
    "bullet": "a bullet",
    "education": "an education entry",
    "skill_group": "a skill group",
    "language": "a language",
    "certification": "a certification",
    "award": "an award",
    "publication": "a publication",
    "interest": "an interest",
    "reference": "a reference",
}
# Kinds that may also be written as a single string: a bullet's text, a link's URL, a
# location's text, an interest's name, an award's line.
SHORTHANDS = {
    "bullet": "text",
    "link": "url",
    "summary": "text",
    "place": "text",
    "interest": "name",
    "certification": "text",
    "award": "text",
    "publication": "text",
}


# A field spec: how to read one field's node. The validator holds the reading functions.
_FieldReader = Callable[[Any, str], Any]


@dataclass
class _Validator:
    """Turns a composed YAML tree into a Resume, collecting every issue on the way."""

    filename: str
    issues: list[Issue] = field(default_factory=list)
    warnings: list[Issue] = field(default_factory=list)
    nodes_seen: int = 0
    seen: set[int] = field(default_factory=set)  # the nodes walked, to tell an alias's repeat
    aliased: bool = False  # a node was walked twice: the file uses aliases (*name)
    bullet_ids: dict[str, str] = field(default_factory=dict)  # id -> path where first seen

    # -- reporting --------------------------------------------------------------------------

    def report(self, node: Any, path: str, message: str) -> None:
        mark = getattr(node, "start_mark", None)
        line, column = (mark.line + 1, mark.column + 1) if mark else (0, 0)
        self.issues.append(Issue(self.filename, line, column, path, message))
        if len(self.issues) >= MAX_ISSUES:
            raise InvalidInput(
                [
                    *self.issues,
                    Issue(
                        self.filename,
                        0,
                        0,
                        "",
                        f"stopped looking after {MAX_ISSUES:,} problems: "
                        "fix these first (is this file a résumé?).",
                    ),
                ]
            )

    def count(self, node: Any) -> None:
        """Every node walked counts, a key as much as a value, known or not: a limit that
        skipped unknown keys let 33 KB of aliases run for minutes."""
        self.nodes_seen += 1
        if id(node) in self.seen:
            self.aliased = True
        else:
            self.seen.add(id(node))
        if self.nodes_seen > MAX_NODES:
            expanded = (
                " once its aliases (*name) are expanded; a résumé never does"
                if self.aliased
                else "; a résumé has a few thousand at most"
            )
            raise InvalidInput(
                [
                    Issue(
                        self.filename,
                        0,
                        0,
                        "",
                        f"has more than {MAX_NODES:,} values{expanded}, so it was refused.",
                    )
                ]
            )

    def pairs(self, node: Any, path: str) -> list[tuple[Any, Any]]:
        """A mapping's key and value nodes, with YAML merge keys (`<<: *defaults`) expanded
        as YAML defines them: the mapping's own keys win, then earlier merged mappings."""
        own = [(key, value) for key, value in node.value if key.tag != _MERGE_TAG]
        pairs = list(own)
        names = {key.value for key, _ in own if isinstance(key, yaml.ScalarNode)}
        for key, value in node.value:
            if key.tag != _MERGE_TAG:
                continue
            self.count(key)
            sources = value.value if isinstance(value, yaml.SequenceNode) else [value]
            for source in sources:
                self.count(source)
                if not isinstance(source, yaml.MappingNode):
                    self.report(
                        source,
                        path,
                        "`<<` merges a mapping (`<<: *name`, the "
                        f"anchor of a mapping) or a list of them, not "
                        f"{_describe(source)}.",
                    )
                    continue
                for merged_key, merged_value in self.pairs(source, path):
                    name = merged_key.value if isinstance(merged_key, yaml.ScalarNode) else None
                    if name is None or name not in names:
                        names.add(name)
                        pairs.append((merged_key, merged_value))
        return pairs

    # -- node kinds -------------------------------------------------------------------------

    def spec(self, kind: str, **readers: _FieldReader) -> dict[str, tuple[_FieldReader, bool]]:
        """The fields of `kind` from FIELDS, each with its reader: `readers` for the ones that
        need context (a bullet's section), the plain reader of its kind for the rest."""
        plain: dict[str, _FieldReader] = {
            "text": self.text,
            "url": self.url,
            "texts": self.texts,
            "email": self.email,
            "date": self.date,
            "bool": self.boolean,
            "basics": self.basics,
            "[link]": lambda n, p: self.sequence(n, p, self.link),
            "[summary]": lambda n, p: self.sequence(n, p, self.summary_alternative),
            "[education]": lambda n, p: self.sequence(n, p, self.education),
            "[skill_group]": lambda n, p: self.sequence(n, p, self.skill_group),
            "[language]": lambda n, p: self.sequence(n, p, self.language),
            "interests": self.interests,
            "[reference]": lambda n, p: self.sequence(n, p, self.reference),
            "place": self.place,
        }
        return {
            name: (readers.get(name) or plain[field_kind], required)
            for name, (field_kind, required) in FIELDS[kind].items()
        }

    def mapping(
        self, node: Any, path: str, fields: dict[str, tuple[_FieldReader, bool]], what: str
    ) -> dict[str, Any] | None:
        """Read a mapping with known fields; unknown fields are errors (typos must not drop
        content silently), missing required ones too."""
        self.count(node)
        if not isinstance(node, yaml.MappingNode):
            self.report(
                node, path, f"should be a mapping of fields ({what}), not {_describe(node)}."
            )
            return None
        values: dict[str, Any] = {}
        for key_node, value_node in self.pairs(node, path):
            self.count(key_node)
            if not isinstance(key_node, yaml.ScalarNode):  # `? [a, b]`: YAML allows it
                self.report(
                    key_node, path, f"a field name must be a word, not {_describe(key_node)}."
                )
                continue
            key = str(key_node.value)
            child = f"{path}.{key}" if path else key
            if key not in fields:
                self.count(value_node)  # not read, but counted: a value as much as any
                guess = difflib.get_close_matches(key, list(fields), n=1, cutoff=0.6)
                hint = (
                    f"did you mean `{guess[0]}`?"
                    if guess
                    else "the fields are " + ", ".join(f"`{name}`" for name in fields) + "."
                )
                self.report(key_node, child, f"`{key}` is not a field of {what}; {hint}")
                continue
            if key in values:
                self.count(value_node)
                self.report(key_node, child, f"`{key}` is given twice; keep one.")
                continue
            if _is_null(value_node):
                continue  # `field:` with nothing after it is the same as leaving it out
            values[key] = fields[key][0](value_node, child)
        for name, (_, required) in fields.items():
            # A field that is present but invalid was reported already; absent is the problem.
            if required and name not in values:
                self.report(
                    node, f"{path}.{name}" if path else name, f"`{name}` is required for {what}."
                )
        return values

    def sequence(self, node: Any, path: str, item: _FieldReader) -> list[Any]:
        self.count(node)
        if not isinstance(node, yaml.SequenceNode):
            self.report(node, path, f"should be a list, not {_describe(node)}.")
            return []
        return [item(child, f"{path}[{i}]") for i, child in enumerate(node.value)]

    def text(self, node: Any, path: str) -> str | None:
        self.count(node)
        if not isinstance(node, yaml.ScalarNode):
            self.report(node, path, f"should be text, not {_describe(node)}.")
            return None
        value = " ".join(str(node.value).split())
        if not value:
            self.report(node, path, "is empty; write the text or remove the field.")
            return None
        return value

    def texts(self, node: Any, path: str) -> list[str]:
        """A list of strings; a single string is accepted as a one-item list."""
        if isinstance(node, yaml.ScalarNode):
            value = self.text(node, path)
            return [value] if value else []
        if isinstance(node, yaml.SequenceNode) and node.flow_style:
            self.split_in_parentheses(node, path)
        return [v for v in self.sequence(node, path, self.text) if v]

    def split_in_parentheses(self, node: Any, path: str) -> None:
        """`[SQL, Excel (pivot tables, Power Query)]` is three items to YAML, cut at the comma
        inside the parentheses; the page would print "Excel (pivot tables, Power Query)" in
        the wrong order or half. Say where, and how to write it."""
        items = node.value
        i = 0
        while i < len(items):
            first = items[i]
            text = str(first.value) if isinstance(first, yaml.ScalarNode) else ""
            if text.count("(") > text.count(")"):
                parts, j = [text], i + 1
                while (
                    j < len(items)
                    and isinstance(items[j], yaml.ScalarNode)
                    and " ".join(parts).count("(") > " ".join(parts).count(")")
                ):
                    parts.append(str(items[j].value))
                    j += 1
                whole = ", ".join(parts)
                if j > i + 1 and whole.count("(") == whole.count(")"):
                    self.report(
                        first,
                        f"{path}[{i}]",
                        f"`{whole}` is one item, but YAML cut "
                        f"it at the comma inside its parentheses into {j - i}; put it "
                        f'in quotes: "{whole}".',
                    )
                    i = j
                    continue
            i += 1

    def boolean(self, node: Any, path: str) -> bool:
        self.count(node)
        if isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:bool":
            return str(node.value).lower() in ("true", "yes", "on")
        self.report(node, path, f"should be true or false, not {_describe(node)}.")
        return False

    def date(self, node: Any, path: str) -> Date | None:
        self.count(node)
        if not isinstance(node, yaml.ScalarNode):
            self.report(node, path, f"should be a date ({_DATE_HINT}), not {_describe(node)}.")
            return None
        parsed = parse_date(str(node.value))
        if parsed is None:
            self.report(node, path, f"`{node.value}` is not a date I can read; {_DATE_HINT}.")
        return parsed

    # -- résumé parts ----------------------------------------------------------------------

    def resume(self, root: Any) -> Resume | None:
        if root is None:
            self.issues.append(
                Issue(
                    self.filename, 0, 0, "", "is empty; it needs at least `basics` with your name."
                )
            )
            return None
        entries = {
            section: (lambda n, p, section=section: self.sequence(n, p, self.entry_reader(section)))
            for section in ENTRY_SECTIONS
        }
        top = self.mapping(
            root,
            "",
            self.spec(
                "resume",
                **entries,
                show=self.show,
                summary=self.summary_lines,
                **{
                    section: (lambda n, p, section=section: self.bullet_list(n, p, section, None))
                    for section in LIST_SECTIONS
                },
            ),
            DESCRIPTIONS["resume"],
        )
        if top is None or self.issues:
            return None
        if not any(top.get(section) for section in ENTRY_SECTIONS):
            self.report(
                root, "experience", "has no entries; tailor needs at least one role with bullets."
            )
            return None
        return Resume(
            basics=top["basics"],
            summary=tuple(top.get("summary") or ()),
            summaries=tuple(s for s in top.get("summaries") or () if s),
            experience=tuple(top.get("experience") or ()),
            open_source=tuple(top.get("open_source") or ()),
            projects=tuple(top.get("projects") or ()),
            education=tuple(top.get("education") or ()),
            **{section: tuple(top.get(section) or ()) for section in LIST_SECTIONS},
            skills=tuple(top.get("skills") or ()),
            languages=tuple(top.get("languages") or ()),
            interests=tuple(i for i in top.get("interests") or () if i),
            volunteer=tuple(top.get("volunteer") or ()),
            references=tuple(top.get("references") or ()),
            show=tuple(top.get("show") or ()),
        )

    def show(self, node: Any, path: str) -> list[str]:
        names = self.texts(node, path)
        for name in names:
            if name not in OPTIONAL_SECTIONS:
                self.report(
                    node,
                    path,
                    f"`{name}` is not a section the page leaves out; "
                    f"`show` takes {' and '.join(OPTIONAL_SECTIONS)}.",
                )
        return list(dict.fromkeys(names))

    def basics(self, node: Any, path: str) -> Basics | None:
        values = self.mapping(node, path, self.spec("basics"), DESCRIPTIONS["basics"])
        if not values or not values.get("name"):
            return None
        values["links"] = tuple(link for link in values.get("links") or () if link)
        place = values.get("location")
        if isinstance(place, Place):
            values["location"], values["place"] = place.text, place
        return Basics(**values)

    def place(self, node: Any, path: str) -> str | Place | None:
        """A location: its text as the page shows it, or its parts."""
        if isinstance(node, yaml.ScalarNode):
            return self.text(node, path)
        values = self.mapping(node, path, self.spec("place"), DESCRIPTIONS["place"])
        if not values:
            return None
        place = Place(**values)
        return place.city if place == Place(city=place.city) else place  # a city is a text

    def email(self, node: Any, path: str) -> str | None:
        value = self.text(node, path)
        if value and not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", value):
            self.report(node, path, f"`{value}` does not look like an email address.")
        return value

    def link(self, node: Any, path: str) -> Link | None:
        if isinstance(node, yaml.ScalarNode):  # a bare URL is its own label
            url = self.text(node, path)
            return Link(short_url(url), self.safe_url(node, path, url)) if url else None
        values = self.mapping(node, path, self.spec("link"), DESCRIPTIONS["link"])
        if not values or not values.get("url"):
            return None
        url = values["url"]
        return Link(
            values.get("label") or short_url(url),
            self.safe_url(node, path, url),
            values.get("network"),
            values.get("username"),
        )

    def url(self, node: Any, path: str) -> str | None:
        """An entry's, school's or credit's `url`, or the photo's `image`, as written, or None
        (with a warning) when it may not be a link: exports and themes turn it into one."""
        url = self.text(node, path)
        return url if url and self.safe_url(node, path, url, "left out") else None

    def safe_url(
        self, node: Any, path: str, url: str, instead: str = "shown as plain text, not a link"
    ) -> str:
        """The full URL, or "" (its label shown as plain text) when it may not be a link."""
        from tailor.links import link_problem

        problem = link_problem(full_url(url))
        if problem is None:
            return full_url(url)
        mark = node.start_mark
        self.warnings.append(
            Issue(
                self.filename,
                mark.line + 1,
                mark.column + 1,
                path,
                f"`{url}` {problem}; {instead}.",
            )
        )
        return ""

    def entry_reader(self, section: str) -> _FieldReader:
        names = tuple(FIELDS[section])[:2]  # (company, title) or (name, role)

        def read(node: Any, path: str) -> Entry | None:
            index = int(path.rsplit("[", 1)[1].rstrip("]"))
            values = self.mapping(
                node,
                path,
                self.spec(
                    section,
                    bullets=lambda n, p: self.bullet_list(n, p, section, index),
                    summary=lambda n, p: self.bullet(
                        n, p, section, index, summary_id(section, index), "summary"
                    ),
                ),
                DESCRIPTIONS[section],
            )
            if not values or not values.get(names[0]):
                return None
            roles = tuple(values.get("roles") or ())
            roles = roles if len(roles) > 1 else ()  # one role is the title
            return Entry(
                section=section,
                organization=values[names[0]],
                title=values.get(names[1]) or ", ".join(roles) or None,
                location=values.get("location"),
                url=values.get("url"),
                start=values.get("start"),
                end=values.get("end"),
                bullets=tuple(values.get("bullets") or ()),
                summary=values.get("summary"),
                description=values.get("description"),
                keywords=tuple(values.get("keywords") or ()),
                roles=roles,
                entity=values.get("entity"),
                type=values.get("type"),
            )

        return read

    def bullet_list(self, node: Any, path: str, section: str, entry: int | None) -> list[Bullet]:
        bullets = []
        for i, (child, child_path) in enumerate(self.sequence(node, path, lambda n, p: (n, p))):
            bullet = self.bullet(
                child, child_path, section, entry, default_bullet_id(section, entry, i)
            )
            if bullet:
                bullets.append(bullet)
        return bullets

    def bullet(
        self,
        node: Any,
        path: str,
        section: str,
        entry: int | None,
        default_id: str,
        kind: str = "bullet",
    ) -> Bullet | None:
        credit = None
        if isinstance(node, yaml.ScalarNode):
            text = self.text(node, path)
            values: dict[str, Any] | None = {"text": text}
        elif section in CREDIT_KINDS:
            values, credit = self.credit(node, path, section)
        else:
            values = self.mapping(node, path, self.spec("bullet"), DESCRIPTIONS["bullet"])
        if not values or not values.get("text"):
            return None
        bullet_id = values.get("id") or default_id
        if bullet_id in self.bullet_ids:
            self.report(
                node,
                f"{path}.id",
                f"id `{bullet_id}` is already used at "
                f"{self.bullet_ids[bullet_id]}; ids must be unique.",
            )
        self.bullet_ids.setdefault(bullet_id, path)
        written = None
        if kind == "summary":  # an entry's summary line written over several keeps them
            text_node = (
                node
                if isinstance(node, yaml.ScalarNode)
                else next(
                    (
                        value
                        for key, value in getattr(node, "value", ())
                        if isinstance(key, yaml.ScalarNode)
                        and key.value == "text"
                        and isinstance(value, yaml.ScalarNode)
                    ),
                    None,
                )
            )
            written = with_line_breaks(str(text_node.value)) if text_node else None
        return Bullet(
            id=bullet_id,
            text=values["text"],
            section=section,
            entry=entry,
            tags=tuple(values.get("tags") or ()),
            pin=bool(values.get("pin")),
            line=node.start_mark.line + 1,
            kind=kind,
            credit=credit,
            written=written,
        )

    def credit(
        self, node: Any, path: str, section: str
    ) -> tuple[dict[str, Any] | None, Credit | None]:
        """An award, publication or certificate mapping: one `text`, or its parts."""
        kind = CREDIT_KINDS[section]
        values = self.mapping(node, path, self.spec(kind), DESCRIPTIONS[kind])
        if not values:
            return values, None
        title_key, by_key = CREDIT_FIELDS[section]
        parts = [key for key in (title_key, by_key, "date", "url", "summary") if key in values]
        if "text" in values:
            if parts:
                self.report(
                    node,
                    path,
                    f"give either `text` (the whole line) or its parts "
                    f"(`{title_key}`, `{by_key}`, `date`…), not both.",
                )
            return values, None
        if not values.get(title_key):
            if title_key not in values:  # present but invalid was reported already
                self.report(
                    node,
                    f"{path}.{title_key}",
                    f"`{title_key}` (or `text`) is required for {DESCRIPTIONS[kind]}.",
                )
            return None, None
        credit = Credit(
            values[title_key],
            values.get(by_key),
            values.get("date"),
            values.get("url"),
            values.get("summary"),
        )
        if credit == Credit(credit.title):  # a title alone is one line, as written
            return values | {"text": credit.title}, None
        return values | {"text": credit.rank_text}, credit

    def summary_lines(self, node: Any, path: str) -> list[str]:
        """The summary: a line or a list of lines. A line written over several (a YAML block,
        as an imported JSON Resume summary of paragraphs is written) keeps its line breaks for
        exports; the page reads it as one paragraph."""
        lines = self.texts(node, path)
        nodes = (
            [node]
            if isinstance(node, yaml.ScalarNode)
            else list(node.value)
            if isinstance(node, yaml.SequenceNode)
            else []
        )
        raw = [
            str(n.value) for n in nodes if isinstance(n, yaml.ScalarNode) and str(n.value).split()
        ]
        if len(raw) != len(lines):
            return lines
        return [with_line_breaks(text) or line for text, line in zip(raw, lines, strict=True)]

    def summary_alternative(self, node: Any, path: str) -> str | None:
        """One alternative summary: a paragraph, or a list of its lines."""
        lines = self.texts(node, path)
        return " ".join(lines) if lines else None

    def education(self, node: Any, path: str) -> Education | None:
        values = self.mapping(node, path, self.spec("education"), DESCRIPTIONS["education"])
        if not values or not values.get("institution"):
            return None
        if values.get("area") and not values.get("degree"):  # a field alone names the degree
            values["degree"] = values.pop("area")
        return Education(
            institution=values["institution"],
            degree=values.get("degree"),
            location=values.get("location"),
            score=values.get("score"),
            start=values.get("start"),
            end=values.get("end"),
            courses=tuple(values.get("courses") or ()),
            url=values.get("url"),
            area=values.get("area"),
        )

    def skill_group(self, node: Any, path: str) -> SkillGroup | None:
        values = self.mapping(node, path, self.spec("skill_group"), DESCRIPTIONS["skill_group"])
        if not values or not values.get("name"):
            return None
        return SkillGroup(values["name"], tuple(values.get("items") or ()), values.get("level"))

    def interests(self, node: Any, path: str) -> list[Interest | None]:
        """A list of interests; a single string is accepted as a one-item list."""
        if isinstance(node, yaml.ScalarNode):
            return [self.interest(node, path)]
        return self.sequence(node, path, self.interest)

    def interest(self, node: Any, path: str) -> Interest | None:
        if isinstance(node, yaml.ScalarNode):
            name = self.text(node, path)
            return Interest(name) if name else None
        values = self.mapping(node, path, self.spec("interest"), DESCRIPTIONS["interest"])
        if values is None:
            return None
        if not values.get("name") and not values.get("keywords"):
            if "name" not in values and "keywords" not in values:  # else reported already
                self.report(node, path, "an interest needs a `name` or `keywords`.")
            return None
        return Interest(
            values.get("name") or "", tuple(values.get("keywords") or ()), values.get("summary")
        )

    def reference(self, node: Any, path: str) -> Reference | None:
        values = self.mapping(node, path, self.spec("reference"), DESCRIPTIONS["reference"])
        if not values or not values.get("name"):
            return None
        return Reference(**values)

    def language(self, node: Any, path: str) -> Language | None:
        values = self.mapping(node, path, self.spec("language"), DESCRIPTIONS["language"])
        if not values or not values.get("name"):
            return None
        return Language(values["name"], values.get("level"))


def _is_null(node: Any) -> bool:
    return isinstance(node, yaml.ScalarNode) and node.tag == "tag:yaml.org,2002:null"


def _describe(node: Any) -> str:
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    return f"`{node.value}`" if str(node.value).strip() else "an empty value"
