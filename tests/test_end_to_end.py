"""The product path for real, on the shipped examples (resume.yaml and examples/jobs/): the real
model, a DOCX read back, one full page proven by LibreOffice."""

from __future__ import annotations

import io
import json
from pathlib import Path

import docx
import pytest
from typer.testing import CliRunner

from tailor.cli import app
from tailor.pagecheck import check_docx
from tailor.resume_yaml import load_resume

from .conftest import EXAMPLE_JOBS, ROOT, SEED_RESUME

pytestmark = pytest.mark.slow

EXAMPLE_JOB = ROOT / "examples" / "jobs" / "ml-platform.txt"


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("job", EXAMPLE_JOBS, ids=lambda path: path.stem)
def test_example_job_gives_one_full_page(job: Path, paper: str, tmp_path: Path, soffice: str):
    resume = load_resume(SEED_RESUME)
    out = tmp_path / "tailored.docx"
    result = CliRunner().invoke(
        app,
        [
            str(job),
            "--resume",
            str(SEED_RESUME),
            "-o",
            str(out),
            "--paper",
            paper,
            "--json",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)

    document = docx.Document(io.BytesIO(out.read_bytes()))
    paragraphs = [p.text for p in document.paragraphs]
    chosen = [b["text"] for b in report["bullets"] if b["selected"]]
    listed = [p.text for p in document.paragraphs if p.style.name == "List Bullet"]
    assert sorted(listed) == sorted(chosen)
    assert paragraphs[0] == resume.basics.name
    for entry in resume.experience[:3]:
        assert any(p.startswith(f"{entry.title}, {entry.organization}") for p in paragraphs)

    check = check_docx(out.read_bytes())
    assert check.pages == 1
    assert check.bottom is not None and check.bottom >= 0.85, f"page only {check.bottom:.0%} full"


def test_keep_and_drop_overrule_the_page_for_one_run(tmp_path: Path, resume_path: Path):
    """End to end: the DOCX read back has the kept bullet and not the dropped one; --json and
    the scores table give the override as the reason; resume.yaml is untouched."""
    before = resume_path.read_bytes()
    plain = CliRunner().invoke(
        app, ["scores", str(EXAMPLE_JOB), "--resume", str(resume_path), "--json", "--quiet"]
    )
    ranked = json.loads(plain.stdout)["bullets"]
    last_cut = next(b for b in reversed(ranked) if not b["selected"])
    top_kept = next(b for b in ranked if b["selected"])

    out = tmp_path / "out.docx"
    result = CliRunner().invoke(
        app,
        [
            str(EXAMPLE_JOB),
            "--resume",
            str(resume_path),
            "-o",
            str(out),
            "--keep",
            last_cut["id"],
            "--drop",
            top_kept["id"],
            "--json",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.stderr
    reasons = {b["id"]: (b["selected"], b["reason"]) for b in json.loads(result.stdout)["bullets"]}
    assert reasons[last_cut["id"]] == (True, "kept: --keep")
    assert reasons[top_kept["id"]] == (False, "cut: --drop")
    listed = [p.text for p in docx.Document(str(out)).paragraphs if p.style.name == "List Bullet"]
    assert last_cut["text"] in listed
    assert top_kept["text"] not in listed
    assert resume_path.read_bytes() == before

    table = (
        CliRunner()
        .invoke(
            app,
            [
                "scores",
                str(EXAMPLE_JOB),
                "--resume",
                str(resume_path),
                "--keep",
                last_cut["id"],
                "--drop",
                top_kept["id"],
                "--quiet",
            ],
        )
        .stdout.splitlines()
    )
    row = next(i for i, line in enumerate(table) if f" {last_cut['id']} " in line)
    assert " kept " in table[row] and "↳ kept: --keep" in "".join(table[row + 1 : row + 3])
    row = next(i for i, line in enumerate(table) if f" {top_kept['id']} " in line)
    assert " cut " in table[row] and "↳ cut: --drop" in "".join(table[row + 1 : row + 3])
