"""The package as users install it: a built wheel, installed non-editable.

The other tests run against the source tree (an editable install), so they cannot see a file
the wheel leaves out; `tailor init` once failed after `pip install .` for exactly that reason.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

DATA = ROOT / "src" / "tailor" / "data"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A wheel built offline from a copy of the tree (a build in place would leave build/ and
    egg-info in the checkout)."""
    tree = tmp_path_factory.mktemp("tree")
    shutil.copytree(
        ROOT / "src", tree / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, tree / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-q",
            "-w",
            str(out),
            str(tree),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=_clean_env(),
    )
    (built,) = out.glob("tailor_resume-*.whl")
    return built


def _clean_env() -> dict[str, str]:
    # The test run points PYTHONPATH at the source tree; the installed copy must stand alone.
    return {key: value for key, value in os.environ.items() if key != "PYTHONPATH"}


@pytest.mark.slow
def test_the_wheel_holds_every_data_file(wheel: Path):
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = {
        f"tailor/{path.relative_to(DATA.parent).as_posix()}"
        for path in DATA.rglob("*")
        if path.is_file()
    }
    assert {"tailor/data/starter.yaml", "tailor/data/carlito.json"} <= expected
    assert expected - names == set()


@pytest.mark.slow
def test_tailor_init_works_from_a_non_editable_install(wheel: Path, tmp_path: Path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    site = Path(
        subprocess.run(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout.strip()
    )
    # The test environment's dependencies (torch included) are reachable without reinstalling
    # them: its site-packages as a plain path, which skips its .pth files and so the editable
    # install of tailor they point at.
    (site / "test-env-dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "-q",
            "--no-deps",
            "--no-index",
            str(wheel),
        ],
        check=True,
        capture_output=True,
        text=True,
        env=_clean_env(),
    )
    located = subprocess.run(
        [python, "-c", "import tailor; print(tailor.__file__)"],
        check=True,
        capture_output=True,
        text=True,
        env=_clean_env(),
    )
    assert Path(located.stdout.strip()).is_relative_to(site)
    work = tmp_path / "work"
    work.mkdir()
    result = subprocess.run(
        [venv / "bin" / "tailor", "init"],
        cwd=work,
        capture_output=True,
        text=True,
        env=_clean_env(),
    )
    assert result.returncode == 0, result.stderr
    assert (work / "resume.yaml").read_bytes() == (DATA / "starter.yaml").read_bytes()
    checked = subprocess.run(
        [venv / "bin" / "tailor", "check"],
        cwd=work,
        capture_output=True,
        text=True,
        env=_clean_env(),
    )
    assert checked.returncode == 0 and "OK." in checked.stdout, checked.stderr
