"""`--json` is one object on stdout, success or failure, valid against report.schema.json.

A script that reads stdout must never get nothing: a failed run says what went wrong there too,
besides the message on stderr and the exit code.
"""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from tailor.cli import app

from .conftest import RESUME, ROOT, write

runner = CliRunner()
JOB = str(ROOT / "examples" / "jobs" / "ml-platform.txt")
SCHEMA = json.loads(
    (ROOT / "src" / "tailor" / "data" / "report.schema.json").read_text(encoding="utf-8")
)


def one_object(stdout: str) -> dict:
    """The whole of stdout, parsed: exactly one JSON document, valid against the schema."""
    document = json.loads(stdout)
    jsonschema.validate(document, SCHEMA)
    return document


def test_the_schema_is_a_valid_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize(
    ("args", "code", "file"),
    [
        (["run", JOB, "--resume", "missing.yaml"], "error", "missing.yaml"),
        (["scores", "no-such-job.txt", "--resume", str(RESUME)], "error", "no-such-job.txt"),
        (["export", "--resume", str(RESUME), "-o", "out.txt"], "error", "out.txt"),
        (["export", "--format", "json-resume", "--resume", str(RESUME), "--pdf"], "error", None),
    ],
    ids=["missing-resume", "missing-job", "bad-output", "json-resume-with-pdf"],
)
def test_a_failed_command_prints_its_error_as_json(
    args: list[str], code: str, file: str | None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 1
    error = one_object(result.stdout)["error"]
    assert error["code"] == code and error.get("file") == file
    assert f"tailor: error: {error['message']}" in result.stderr
    assert list(tmp_path.iterdir()) == []  # and nothing written


def test_an_invalid_resume_gives_its_file_line_and_every_issue(tmp_path: Path):
    bad = write(tmp_path / "resume.yaml", "basics:\n  name: Ada\n  emial: a@b.c\nexperience: []\n")
    result = runner.invoke(
        app, ["export", "--resume", str(bad), "-o", str(tmp_path / "out.docx"), "--json"]
    )
    assert result.exit_code == 1
    error = one_object(result.stdout)["error"]
    assert (error["code"], error["file"], error["line"]) == ("invalid-input", str(bad), 3)
    assert error["issues"] == [
        {
            "file": str(bad),
            "line": 3,
            "column": 3,
            "path": "basics.emial",
            "message": error["issues"][0]["message"],
        }
    ]
    assert "did you mean `email`" in error["issues"][0]["message"]


def test_a_usage_error_with_json_is_json_too():
    result = runner.invoke(app, ["run", JOB, "--paper", "legal", "--json"])
    assert result.exit_code == 2
    error = one_object(result.stdout)["error"]
    assert error["code"] == "usage" and "legal" in error["message"]


def test_without_json_stdout_stays_empty_on_failure(tmp_path: Path):
    result = runner.invoke(app, ["run", JOB, "--resume", str(tmp_path / "missing.yaml")])
    assert result.exit_code == 1 and result.stdout == ""


def test_export_reports_validate(tmp_path: Path):
    docx = runner.invoke(
        app, ["export", "--resume", str(RESUME), "-o", str(tmp_path / "all.docx"), "--json", "-q"]
    )
    assert docx.exit_code == 0, docx.output
    assert one_object(docx.stdout)["output"] == str(tmp_path / "all.docx")
    resume_json = runner.invoke(
        app,
        [
            "export",
            "--format",
            "json-resume",
            "--resume",
            str(RESUME),
            "-o",
            str(tmp_path / "r.json"),
            "--json",
        ],
    )
    assert resume_json.exit_code == 0
    assert one_object(resume_json.stdout)["format"] == "json-resume"


@pytest.mark.slow
def test_run_scores_and_batch_reports_validate(tmp_path: Path):
    run = runner.invoke(
        app, [JOB, "--resume", str(RESUME), "-o", str(tmp_path / "a.docx"), "--json", "-q"]
    )
    assert run.exit_code == 0, run.output
    assert one_object(run.stdout)["selected"] > 0
    scores = runner.invoke(app, ["scores", JOB, "--resume", str(RESUME), "--json", "-q"])
    assert one_object(scores.stdout)["output"] is None
    empty = write(tmp_path / "empty.txt", "")
    batch = runner.invoke(
        app, [JOB, str(empty), "--resume", str(RESUME), "-o", str(tmp_path), "--json", "-q"]
    )
    assert batch.exit_code == 1
    document = one_object(batch.stdout)
    assert len(document["jobs"]) == 1 and document["failed"][0]["source"] == str(empty)
