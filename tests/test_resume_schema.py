"""The JSON Schema editors read: generated from the validator's table, and committed."""

from __future__ import annotations

import json

from tailor.resume_schema import SCHEMA_FILE, json_schema, schema_text

from .conftest import ROOT

DATA = ROOT / "src" / "tailor" / "data"


def test_the_committed_schema_is_generated_from_the_model():
    committed = json.loads((DATA / "resume.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "run `make schema` and commit the file"


def test_the_committed_schema_is_byte_for_byte_what_make_schema_writes():
    assert SCHEMA_FILE == DATA / "resume.schema.json"
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), "run `make schema`"
