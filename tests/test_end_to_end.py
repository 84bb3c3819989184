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
from tailor.resume import load_resume

from .conftest import EXAMPLE_JOBS, SEED_RESUME

pytestmark = pytest.mark.slow


@pytest.mark.parametrize("paper", ["letter", "a4"])
@pytest.mark.parametrize("job", EXAMPLE_JOBS, ids=lambda path: path.stem)
def test_example_job_gives_one_full_page(job: Path, paper: str, tmp_path: Path, soffice: str):
    resume = load_resume(SEED_RESUME)
    out = tmp_path / "tailored.docx"
    result = CliRunner().invoke(app, [str(job), "--resume", str(SEED_RESUME), "-o", str(out),
                                      "--paper", paper, "--json", "--quiet"])
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
