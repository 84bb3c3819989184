"""Starting and checking: the starter file, the JSON Schema for editors, bullet advice."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest
import yaml
from typer.testing import CliRunner

from tailor.cli import app
from tailor.lint import lint_resume
from tailor.resume_schema import json_schema
from tailor.resume_yaml import parse_resume

from .conftest import RESUME, ROOT, SEED_RESUME

DATA = ROOT / "src" / "tailor" / "data"
runner = CliRunner()


def test_init_writes_a_starter_that_checks_clean_and_never_overwrites(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["init"])
    assert result.exit_code == 0, result.output
    text = (tmp_path / "resume.yaml").read_text()
    assert text.startswith("# yaml-language-server: $schema=resume.schema.json")
    assert json.loads((tmp_path / "resume.schema.json").read_text()) == json_schema()
    checked = runner.invoke(app, ["check"])
    assert (
        checked.exit_code == 0 and "OK. 2 roles, 1 project, 9 bullets (1 pinned)" in checked.stdout
    )
    again = runner.invoke(app, ["init"])
    assert again.exit_code == 1 and "never overwrites" in again.stderr
    assert (tmp_path / "resume.yaml").read_text() == text


@pytest.mark.parametrize(
    "path", [RESUME, SEED_RESUME, DATA / "starter.yaml"], ids=["tests", "example", "starter"]
)
def test_the_schema_accepts_what_the_loader_accepts(path: Path):
    jsonschema.validate(yaml.safe_load(path.read_text(encoding="utf-8")), json_schema())


@pytest.mark.parametrize(
    "document",
    [
        {"basics": {"name": "Ada"}, "experiance": []},
        {"basics": {"name": "Ada"}, "experience": [{"company": "X", "title": "Y"}]},
        {"basics": {"emial": "a@b.c", "name": "Ada"}},
        {
            "basics": {"name": "Ada"},
            "experience": [
                {"company": "X", "title": "Y", "start": 2020, "bullets": [{"txt": "typo"}]}
            ],
        },
        {"basics": {"name": "Ada"}, "awards": [{"awarder": "IEEE", "date": 2020}]},  # no title
        {"basics": {"name": "Ada", "location": {"town": "Paris"}}},
    ],
)
def test_the_schema_rejects_what_the_loader_rejects(document: dict):
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json_schema())


def test_advice_on_bullets():
    resume = parse_resume(
        """\
basics: {name: Ada}
experience:
  - company: X
    title: Y
    start: 2020
    bullets:
      - Helped the team with various things.
      - Cut p99 latency by 40% across 12 services.
      - Cut p99 latency by 40% across 12 services!
      - Built """
        + "a very long sentence about many things " * 8
        + """
"""
    )
    advice = {(a.bullet.id, a.message.split(" ")[0]) for a in lint_resume(resume)}
    assert ("experience-1-1", "opens") in advice  # "Helped"
    assert ("experience-1-1", "has") in advice  # no measurable result
    assert ("experience-1-3", "nearly") in advice  # near-duplicate of -2
    assert ("experience-1-4", "wraps") in advice
    assert not any(bullet_id == "experience-1-2" for bullet_id, _ in advice)


def test_check_reports_advice_with_lines_and_still_exits_0():
    result = runner.invoke(app, ["check", "--resume", str(RESUME)])
    assert result.exit_code == 0
    assert "Advice (not errors):" in result.stdout
    assert f'{RESUME}:70: northwind-6: opens with the weak verb "worked"' in result.stdout


def test_output_is_plain_text_even_where_color_is_forced():
    """tailor prints no colour at all, so NO_COLOR and pipes are honoured by construction."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "FORCE_COLOR": "1", "TERM": "xterm-256color", "COLUMNS": "100"}
    for args in (
        ["--help"],
        ["run", "--paper", "legal", "job.txt"],
        ["check", "--resume", str(RESUME)],
    ):
        result = subprocess.run(
            [sys.executable, "-m", "tailor", *args],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
        )
        assert "\x1b[" not in result.stdout + result.stderr, args


def test_readme_and_help_stay_in_sync():
    """Every command is documented in the README, and every option the README names exists."""
    import re

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    commands = ["run", "scores", "check", "export", "init", "import", "cache", "doctor"]
    helps = {name: runner.invoke(app, [name, "--help"]).output for name in commands}
    listed = runner.invoke(app, ["--help"]).output
    for name in commands:
        assert re.search(rf"\b{name}\b", listed), name
        assert f"tailor {name}" in readme or name == "run", f"README misses `tailor {name}`"
    every_help = listed + "".join(helps.values())
    for option in sorted(set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", readme))):
        if option in (
            "--loo",
            "--libreoffice",
            "--curve",  # benchmarks
            "--install-completion",  # typer
            "--extra-index-url",
            "--pip-args",
        ):  # pip's and pipx's
            continue
        assert option in every_help, f"README names {option}, which no command has"
