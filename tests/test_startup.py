"""`tailor --help` and `tailor check` stay instant: no heavy import on those paths."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT

HEAVY = ("torch", "sentence_transformers", "transformers", "sklearn", "scipy", "docx")


def imported_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    return eval(result.stdout.strip().splitlines()[-1])  # a list literal we printed ourselves


def test_importing_the_cli_imports_nothing_heavy():
    assert imported_after("import tailor.cli") == []


def test_help_and_check_import_nothing_heavy():
    code = ("import sys\nfrom typer.testing import CliRunner\nfrom tailor.cli import app\n"
            "r = CliRunner()\nassert r.invoke(app, ['--help']).exit_code == 0\n"
            "assert r.invoke(app, ['check']).exit_code == 0, 'check failed'")
    assert imported_after(code) == []


def test_python_dash_m_runs_the_cli():
    result = subprocess.run([sys.executable, "-m", "tailor", "--version"], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 0 and result.stdout.startswith("tailor ")
