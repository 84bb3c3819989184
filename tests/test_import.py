"""`tailor import` and `tailor export --format json-resume` through typer's CliRunner."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tailor.cli import app
from tailor.resume_yaml import load_resume

from .conftest import write
from .test_docx_import import _hand_made

runner = CliRunner()
FULL = Path(__file__).parent / "data" / "jsonresume-full.json"


def invoke(*args: str | Path):
    return runner.invoke(app, [str(arg) for arg in args])


def test_import_json_resume_writes_yaml_that_passes_check(tmp_path: Path):
    target = tmp_path / "resume.yaml"
    result = invoke("import", FULL, "-o", target)
    assert result.exit_code == 0, result.output
    # 16 highlights and awards…, 5 summary lines (roles, volunteering, project descriptions)
    assert "3 roles, 2 projects, 19 bullets" in result.stdout
    assert "basics.profiles[2]" in result.stderr and "meta.canonical" in result.stderr
    assert "had no place" in result.stderr
    check = invoke("check", "--resume", target)
    assert check.exit_code == 0 and "OK" in check.stdout
    assert load_resume(target).basics.name == "Maya Okafor"


def test_import_docx_writes_yaml_and_reports_what_it_could_not_place(tmp_path: Path):
    source = tmp_path / "old-cv.docx"
    source.write_bytes(_hand_made())
    target = tmp_path / "draft.yml"
    result = invoke("import", source, "-o", target)
    assert result.exit_code == 0, result.output
    assert "4 roles, 0 projects, 6 bullets" in result.stdout
    assert "Available on request." in result.stderr
    assert invoke("check", "--resume", target).exit_code == 0
    assert load_resume(target).experience[0].organization == "Ledgerline"


def test_import_refuses_to_overwrite_unless_forced(tmp_path: Path):
    target = write(tmp_path / "resume.yaml", "keep me\n")
    result = invoke("import", FULL, "-o", target)
    assert result.exit_code == 1
    assert "already exists" in result.stderr and "--force" in result.stderr
    assert target.read_text() == "keep me\n"
    forced = invoke("import", FULL, "-o", target, "--force")
    assert forced.exit_code == 0, forced.output
    assert load_resume(target).basics.name == "Maya Okafor"


def test_import_writes_only_yaml(tmp_path: Path):
    result = invoke("import", FULL, "-o", tmp_path / "out.json")
    assert result.exit_code == 1 and ".yaml" in result.stderr


def test_export_json_resume_round_trip(tmp_path: Path, resume_path: Path, resume):
    exported = tmp_path / "resume.json"
    result = invoke("export", "--format", "json-resume", "-r", resume_path, "-o", exported)
    assert result.exit_code == 0, result.output
    assert "34 bullets" in result.stdout
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["basics"]["name"] == resume.basics.name
    back = tmp_path / "back.yaml"
    imported = invoke("import", exported, "-o", back)
    assert imported.exit_code == 0, imported.output
    assert imported.stderr == ""  # nothing to report: everything has its place
    assert load_resume(back) == resume


def test_export_json_resume_one_page_holds_the_fitted_selection(tmp_path: Path,
                                                                resume_path: Path, resume):
    exported = tmp_path / "page.json"
    result = invoke("export", "--format", "json-resume", "--one-page", "-r", resume_path,
                    "-o", exported, "--json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    document = json.loads(exported.read_text(encoding="utf-8"))
    highlights = sum(len(item.get("highlights", []))
                     for item in document.get("work", []) + document.get("projects", []))
    listed = highlights + len(document.get("awards", [])) + len(document.get("publications", []))
    assert listed == report["bullets"] and 0 < listed < len(resume.bullets())


def test_export_default_is_still_docx(tmp_path: Path, resume_path: Path):
    target = tmp_path / "full.docx"
    result = invoke("export", "-r", resume_path, "-o", target)
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(target)


def test_export_json_resume_has_no_pages(tmp_path: Path, resume_path: Path):
    result = invoke("export", "--format", "json-resume", "-r", resume_path, "--check-pages",
                    "-o", tmp_path / "r.json")
    assert result.exit_code == 1 and "--format docx" in result.stderr


def test_export_json_resume_refuses_a_docx_name(tmp_path: Path, resume_path: Path):
    result = invoke("export", "--format", "json-resume", "-r", resume_path,
                    "-o", tmp_path / "r.docx")
    assert result.exit_code == 1 and ".json" in result.stderr


# -- bad input: a clear message, exit 1, no traceback, nothing written -----------------------------


@pytest.mark.parametrize(("name", "content", "message"), [
    ("broken.json", '{"basics": {"name": "Ada",}\n}', "broken.json:1:27: invalid JSON"),
    ("list.json", "[1, 2]", "JSON object"),
    ("noname.json", '{"work": []}', "basics.name"),
    ("latin1.json", b'{"basics": {"name": "Jos\xe9"}}', "not UTF-8"),
    ("fake.docx", "this is not a zip", "not a Word document"),
    ("cv.pdf", "%PDF-1.4", "cannot import `.pdf`"),
    ("cv", "text", "without extension"),
    ("empty.json", "", "invalid JSON"),
])
def test_bad_input_is_a_user_error(tmp_path: Path, name: str, content: str | bytes,
                                   message: str):
    source = tmp_path / name
    if isinstance(content, bytes):
        source.write_bytes(content)
    else:
        source.write_text(content, encoding="utf-8")
    target = tmp_path / "resume.yaml"
    result = invoke("import", source, "-o", target)
    assert result.exit_code == 1, result.output
    assert message in result.stderr
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert not target.exists()


def test_import_of_a_missing_file(tmp_path: Path):
    result = invoke("import", tmp_path / "nope.json", "-o", tmp_path / "r.yaml")
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_an_import_with_no_roles_writes_nothing_and_says_why(tmp_path: Path):
    source = write(tmp_path / "thin.json", '{"basics": {"name": "Ada"}, "skills": '
                                           '[{"name": "Python"}]}')
    target = tmp_path / "resume.yaml"
    result = invoke("import", source, "-o", target)
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr and "experience" in result.stderr
    assert not target.exists()
