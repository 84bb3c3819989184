"""`tailor --help` and `tailor check` stay instant: no heavy import on those paths."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import RESUME, ROOT

HEAVY = (
    "torch",
    "sentence_transformers",
    "transformers",
    "sklearn",
    "scipy",
    "docx",
    "onnxruntime",
)


def imported_after(code: str) -> list[str]:
    probe = f"{code}\nimport sys\nprint(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    return eval(result.stdout.strip().splitlines()[-1])  # a list literal we printed ourselves


def test_importing_the_cli_imports_nothing_heavy():
    assert imported_after("import tailor.cli") == []


def test_help_and_check_import_nothing_heavy():
    code = (
        "import sys\nfrom typer.testing import CliRunner\nfrom tailor.cli import app\n"
        "r = CliRunner()\nassert r.invoke(app, ['--help']).exit_code == 0\n"
        "assert r.invoke(app, ['check']).exit_code == 0, 'check failed'"
    )
    assert imported_after(code) == []


def test_python_dash_m_runs_the_cli():
    result = subprocess.run(
        [sys.executable, "-m", "tailor", "--version"], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0 and result.stdout.startswith("tailor ")


@pytest.mark.slow  # the real model, exported to ONNX once
def test_an_everyday_run_imports_neither_torch_nor_sentence_transformers(embedder, tmp_path):
    embedder.encode(["make sure the ONNX export exists"])  # a one-time step, like an install
    code = (
        "import sys\nfrom tailor.cli import app\n"
        f"sys.argv = ['tailor', {str(ROOT / 'examples/jobs/ml-platform.txt')!r}, '--resume', "
        f"{str(RESUME)!r}, '-o', {str(tmp_path / 'out.docx')!r}, '-q']\n"
        "try:\n    app(prog_name='tailor')\nexcept SystemExit as exit_:\n"
        "    assert not exit_.code, exit_.code\n"
    )
    assert [m for m in imported_after(code) if m not in ("docx", "onnxruntime")] == []
    assert (tmp_path / "out.docx").is_file()


def test_numpy_runs_single_threaded_under_the_cli_unless_the_user_says_otherwise():
    """The embedding workers need the cores; numpy's products here take milliseconds."""
    import os

    code = "import os, tailor.cli\nprint(os.environ['OPENBLAS_NUM_THREADS'])"
    env = {k: v for k, v in os.environ.items() if k != "OPENBLAS_NUM_THREADS"}
    for setting, expected in ((None, "1"), ("3", "3")):
        if setting is not None:
            env["OPENBLAS_NUM_THREADS"] = setting
        result = subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=True,
        )
        assert result.stdout.strip() == expected
