"""The repository stands alone: its fast tests need nothing outside it. The team's shared data
(graded sets, real résumés) is read where it is found, and the tests that need it skip, saying
why, where it is not; no machine's folder is written into the code."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from benchmarks.shared import has_shared_data, shared_dir

from .conftest import ROOT

CODE = [
    *(ROOT / "src").rglob("*.py"),
    *(ROOT / "tests").glob("*.py"),
    *(ROOT / "benchmarks").glob("*.py"),
    *(ROOT / "scripts").glob("*"),
    ROOT / "Makefile",
]


def test_no_folder_of_one_machine_is_written_into_the_code():
    absolute = re.compile(r"""["'(](/work|/home|/Users|/root|/tmp/work)/""")
    found = [
        f"{path.relative_to(ROOT)}:{number}"
        for path in CODE
        if path.is_file()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if absolute.search(line)
    ]
    assert found == []


def test_tailor_shared_names_the_shared_folder(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TAILOR_SHARED", str(tmp_path))
    assert shared_dir() == tmp_path
    assert not has_shared_data()  # there, but empty
    (tmp_path / "eval-dev").mkdir()
    assert has_shared_data()


def test_without_the_shared_data_its_tests_skip_and_say_why(tmp_path: Path):
    """The module that reads the real résumés at import time, and one that reads them in a
    test: collected, skipped, the reason given."""
    env = {**os.environ, "TAILOR_SHARED": str(tmp_path), "PYTHONPATH": str(ROOT / "src")}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-rs",
            "-p",
            "no:cacheprovider",
            "-m",
            "not slow",
            "tests/test_corpus.py",
            "tests/test_resume_yaml.py::test_every_existing_resume_still_loads_unchanged",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the team's shared data (eval-dev, corpus) is not in" in result.stdout
    assert " passed" not in result.stdout and "error" not in result.stdout.lower()


# -- the habits CI holds --


def make_target(name: str) -> list[str]:
    """The prerequisites and the commands of a Makefile target."""
    lines = (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith(f"{name}:"))
    commands = []
    for line in lines[start + 1 :]:
        if not line.startswith("\t"):
            break
        commands.append(line.strip())
    return [lines[start].split(":", 1)[1].strip(), *commands]


def test_ci_runs_the_readme_test_command_which_lints_before_testing():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "make test    #" in readme.split("\n## ", 1)[0]
    ci = [
        line
        for line in (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
        if line and not line.startswith(("#", "set ", "cd "))
    ]
    assert ci == ["make test"]
    prerequisites, *commands = make_target("test")
    assert "lint" in prerequisites.split()
    assert commands == ["$(BIN)/python -m pytest"]
    _, *lint = make_target("lint")
    assert lint == [
        "$(BIN)/ruff check src tests benchmarks scripts",
        "$(BIN)/ruff format --check src tests benchmarks scripts",
        "$(BIN)/mypy",
    ]


def test_make_schema_regenerates_the_committed_schema():
    _, *commands = make_target("schema")
    assert commands == ["$(BIN)/python -m tailor.resume_schema"]


def test_the_version_is_written_in_one_place():
    import tomllib

    import tailor

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "tailor.__version__"}
    assert re.fullmatch(r"\d+\.\d+\.\d+", tailor.__version__)


def test_typer_is_used_through_its_public_names_at_a_version_that_has_them():
    """typer 0.12 with click >= 8.2 printed the version for every command, and typer._click
    exists in some versions only: the floor is one that works, and no private module is
    imported."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    [typer] = [spec for spec in project["project"]["dependencies"] if spec.startswith("typer")]
    assert typer == "typer>=0.16"
    private = [
        f"{path.relative_to(ROOT)}"
        for path in (ROOT / "src").rglob("*.py")
        if re.search(r"\btyper\._", path.read_text(encoding="utf-8"))
    ]
    assert private == []


def test_the_contributors_guide_the_changelog_and_the_hooks_exist():
    assert "make test" in (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    assert "## Unreleased" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    hooks = (ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert all(tool in hooks for tool in ("ruff check", "ruff format --check", "mypy"))
