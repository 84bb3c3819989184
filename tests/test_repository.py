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

CODE = [*(ROOT / "src").rglob("*.py"), *(ROOT / "tests").glob("*.py"),
        *(ROOT / "benchmarks").glob("*.py"), *(ROOT / "scripts").glob("*"), ROOT / "Makefile"]


def test_no_folder_of_one_machine_is_written_into_the_code():
    absolute = re.compile(r"""["'(](/work|/home|/Users|/root|/tmp/work)/""")
    found = [f"{path.relative_to(ROOT)}:{number}" for path in CODE if path.is_file()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
             if absolute.search(line)]
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
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", "-m", "not slow",
         "tests/test_corpus.py", "tests/test_resume_yaml.py::"
         "test_every_existing_resume_still_loads_unchanged"],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "the team's shared data (eval-dev, corpus) is not in" in result.stdout
    assert " passed" not in result.stdout and "error" not in result.stdout.lower()
