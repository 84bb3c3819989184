"""The JSON Schema editors read: generated from the validator's table, and committed."""

from __future__ import annotations

import json

from tailor.resume_schema import json_schema

from .conftest import ROOT

DATA = ROOT / "src" / "tailor" / "data"


def test_the_committed_schema_is_generated_from_the_model():
    committed = json.loads((DATA / "resume.schema.json").read_text(encoding="utf-8"))
    assert committed == json_schema(), "regenerate: python -c 'from tailor.resume_schema import …'"
