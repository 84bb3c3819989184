"""The JSON Schema of resume.yaml, for editors, read off the validator's own table of fields
(which reads the model's plain fields off the dataclasses).

`make schema` (python -m tailor.resume_schema) rewrites the committed data/resume.schema.json;
tests/test_resume_schema.py fails while the committed file is not what this gives."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from tailor.resume_yaml import _DATE_HINT, DESCRIPTIONS, FIELDS, ONE_OF, SHORTHANDS


def json_schema() -> dict[str, Any]:
    """A JSON Schema (draft 2020-12) of resume.yaml, for editors: completion and validation."""

    def kind_schema(kind: str) -> dict[str, Any]:
        if kind.startswith("["):
            return {"type": "array", "items": kind_schema(kind[1:-1])}
        if kind in FIELDS:
            fields = FIELDS[kind]
            schema: dict[str, Any] = {
                "type": "object",
                "description": DESCRIPTIONS[kind],
                "properties": {name: kind_schema(k) for name, (k, _) in fields.items()},
                "required": [name for name, (_, required) in fields.items() if required],
                "additionalProperties": False,
            }
            if kind in ONE_OF:
                schema["anyOf"] = [{"required": [name]} for name in ONE_OF[kind]]
            if kind in SHORTHANDS:
                return {"anyOf": [{"type": "string"}, schema]}
            return schema
        if kind == "interests":  # a list of interests, or one as a string
            return {"anyOf": [{"type": "string"}, kind_schema("[interest]")]}
        plain: dict[str, dict[str, Any]] = {
            "text": {"type": ["string", "number"]},
            "url": {
                "type": ["string", "number"],
                "description": "a web or mail address: http, https or mailto",
            },
            "email": {"type": "string", "format": "email"},
            "bool": {"type": "boolean"},
            "date": {"type": ["string", "integer"], "description": _DATE_HINT.capitalize()},
            "texts": {
                "anyOf": [
                    {"type": "string"},
                    {"type": "array", "items": {"type": ["string", "number"]}},
                ]
            },
            "summary": {
                "anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}]
            },
        }
        return plain[kind]

    schema = kind_schema("resume")
    schema.update(
        {"$schema": "https://json-schema.org/draft/2020-12/schema", "title": "tailor resume.yaml"}
    )
    return schema


SCHEMA_FILE = Path(__file__).parent / "data" / "resume.schema.json"


def schema_text() -> str:
    """The schema as the committed file holds it."""
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


def main() -> None:
    """Rewrite data/resume.schema.json (`make schema`)."""
    SCHEMA_FILE.write_text(schema_text(), encoding="utf-8")
    sys.stdout.write(f"wrote {SCHEMA_FILE}\n")


if __name__ == "__main__":
    main()
