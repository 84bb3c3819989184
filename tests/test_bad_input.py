"""A battery of bad inputs: each gets its exit code and a message naming the fix, never a
traceback, and nothing is written."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tailor.cli import app

from .conftest import RESUME, ROOT

JOB_TEXT = (ROOT / "examples" / "jobs" / "ml-platform.txt").read_text(encoding="utf-8")
GOOD_RESUME = RESUME.read_text(encoding="utf-8")

BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True))

# (name, résumé text or bytes, expected message fragments). Each is `tailor check`ed: exit 1.
BAD_RESUMES: list[tuple[str, str | bytes, list[str]]] = [
    ("typo in a top-level key", GOOD_RESUME.replace("experience:", "experiance:", 1),
     ["resume.yaml:", "`experiance` is not a field", "did you mean `experience`?"]),
    ("typo in a role's key", GOOD_RESUME.replace("    bullets:", "    bulets:", 1),
     ["experience[0].bulets", "did you mean `bullets`?"]),
    ("typo in a bullet's key", GOOD_RESUME.replace("        text: Designed and launched",
                                                   "        txt: Designed and launched", 1),
     ["experience[0].bullets[0].txt", "did you mean `text`?"]),
    ("unreadable date", GOOD_RESUME.replace("start: 2024-09", "start: Septembre 2024", 1),
     [f":{GOOD_RESUME.splitlines().index('    start: 2024-09') + 1}:12:",
      "experience[0].start", "`Septembre 2024` is not a date", "Sep 2024"]),
    ("month 13", GOOD_RESUME.replace("start: 2024-09", "start: 2024-13", 1),
     ["`2024-13` is not a date"]),
    ("no name", GOOD_RESUME.replace("  name: Ines Moreau\n", "", 1),
     ["basics.name", "`name` is required"]),
    ("bad email", GOOD_RESUME.replace("ines@example.com", "ines at example", 1),
     ["basics.email", "does not look like an email"]),
    ("role without a company", GOOD_RESUME.replace(
        "  - company: Harbor Analytics\n    title: Staff", "  - title: Staff", 1),
     ["experience[0].company", "`company` is required"]),
    ("bullets as one string", GOOD_RESUME.replace(
        "    bullets:\n      - id: geo-1\n        text:", "    bullets:", 1),
     ["experience[5].bullets", "should be a list"]),
    ("pin that is not a boolean", GOOD_RESUME.replace(
        "      - id: harbor-staff-1\n", "      - id: harbor-staff-1\n        pin: sure\n", 1),
     ["experience[0].bullets[0].pin", "should be true or false"]),
    ("duplicate bullet id", GOOD_RESUME.replace("id: harbor-staff-2", "id: harbor-staff-1", 1),
     ["id `harbor-staff-1` is already used at experience[0].bullets[0]"]),
    ("duplicate key", GOOD_RESUME.replace("  phone:", "  email: again@example.com\n  phone:", 1),
     ["`email` is given twice"]),
    ("empty bullet", GOOD_RESUME.replace("Mentored four new engineers through their first "
                                         "launches on the platform.", '""', 1),
     ["experience[0].bullets[3].text", "is empty"]),
    ("a role that is a string", GOOD_RESUME.replace(
        "experience:\n", "experience:\n  - Harbor Analytics, 2024\n", 1),
     ["experience[0]: should be a mapping of fields"]),
    ("the whole file a list", "- just\n- a list\n", ["should be a mapping of fields"]),
    ("tab indentation", "basics:\n\tname: Ada\n", ["YAML syntax error", "resume.yaml:2:"]),
    ("unclosed bracket", "basics: {name: Ada\nexperience: []\n", ["YAML syntax error"]),
    ("empty file", "", ["is empty"]),
    ("only comments", "# nothing yet\n", ["is empty"]),
    ("no experience at all", "basics:\n  name: Ada\n", ["has no entries"]),
    ("billion laughs", "anchors: &bomb\n" + "".join(f"  {line}\n" for line in
                                                   BILLION_LAUGHS.splitlines())
     + "basics: {name: Ada}\nexperience: [{company: X, title: Y, start: 2020, bullets: [ok]}]\n"
       "skills: [{name: Everything, items: *i}]\n",
     ["`anchors` is not a field", "skills[0].items[0]: should be text, not a list"]),
    ("Latin-1 bytes", GOOD_RESUME.replace("Politècnica", "Polit\udce8cnica", 1).encode(
        "utf-8", "surrogateescape"), ["is not UTF-8", "save the file as UTF-8"]),
    ("too large", "# x\n" * 600_000, ["too large for a résumé"]),
]


def run(*args: str, stdin: str | None = None):
    return CliRunner().invoke(app, list(args), input=stdin)


def assert_clean_failure(result, code: int, fragments: list[str]) -> None:
    assert result.exit_code == code, result.output
    for fragment in fragments:
        assert fragment in result.output, (fragment, result.output)
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)


@pytest.mark.parametrize(("text", "fragments"), [(t, f) for _, t, f in BAD_RESUMES],
                         ids=[name for name, _, _ in BAD_RESUMES])
def test_bad_resume(text: str | bytes, fragments: list[str], tmp_path: Path):
    path = tmp_path / "resume.yaml"
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    before = path.read_bytes()
    started = time.monotonic()
    result = run("check", "--resume", str(path))
    assert time.monotonic() - started < 30  # refused, not expanded: generous bound, not a benchmark
    assert_clean_failure(result, 1, fragments)
    assert path.read_bytes() == before  # resume.yaml is never modified


def test_every_resume_problem_is_reported_in_one_run(tmp_path: Path):
    text = GOOD_RESUME.replace("experience:", "experiance:", 1).replace(
        "ines@example.com", "nope", 1)
    path = tmp_path / "resume.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("check", "--resume", str(path))
    assert_clean_failure(result, 1, ["2 problems", "experiance", "email"])


@pytest.mark.parametrize(("name", "content", "fragments"), [
    ("empty job", b"", ["the job description is empty"]),
    ("whitespace job", b"  \n\t \r\n", ["the job description is empty"]),
    ("a PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ["looks like a PDF", "paste"]),
    ("a DOCX", b"PK\x03\x04\x14\x00\x06\x00", ["looks like a DOCX"]),
    ("an old .doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ["looks like a Word 97-2003"]),
    ("a PNG", b"\x89PNG\r\n\x1a\n\x00\x00", ["looks like an image"]),
    ("ten megabytes", b"word " * 2_000_000, ["not a job description"]),
])
def test_bad_job_file(name: str, content: bytes, fragments: list[str], tmp_path: Path):
    job = tmp_path / "job.txt"
    job.write_bytes(content)
    result = run(str(job), "--resume", str(RESUME), "-o", str(tmp_path / "out.docx"))
    assert_clean_failure(result, 1, fragments)
    assert not (tmp_path / "out.docx").exists()


def test_missing_job_file(tmp_path: Path):
    assert_clean_failure(run(str(tmp_path / "gone.txt"), "--resume", str(RESUME)), 1,
                         ["gone.txt: no such file"])


def test_job_folder_without_jobs(tmp_path: Path):
    assert_clean_failure(run(str(tmp_path), "--resume", str(RESUME)), 1,
                         ["a folder with no .txt job descriptions"])


def test_empty_stdin(tmp_path: Path):
    assert_clean_failure(run("-", "--resume", str(RESUME), "-o", str(tmp_path / "x.docx"),
                             stdin=""), 1, ["empty"])


def test_missing_resume(tmp_path: Path):
    job = tmp_path / "job.txt"
    job.write_text(JOB_TEXT)
    assert_clean_failure(run(str(job), "--resume", str(tmp_path / "resume.yaml")), 1,
                         ["resume.yaml: no such file", "--resume"])


def test_resume_that_is_a_directory(tmp_path: Path):
    assert_clean_failure(run("check", "--resume", str(tmp_path)), 1, ["is a directory"])


@pytest.mark.parametrize(("target", "fragments"), [
    ("resume", ["the output must be a .docx file"]),
    ("job", ["must be a .docx", ".docx"]),
    ("job.docx-is-a-folder", ["is a directory"]),
    ("missing/out.docx", ["does not exist"]),
    ("out.pdf", ["must be a .docx"]),
])
def test_bad_output_paths(target: str, fragments: list[str], tmp_path: Path):
    resume = tmp_path / "resume.docx.yaml"
    resume.write_text(GOOD_RESUME)
    job = tmp_path / "job.txt"
    job.write_text(JOB_TEXT)
    (tmp_path / "job.docx-is-a-folder.docx").mkdir()
    paths = {"resume": resume, "job": job,
             "job.docx-is-a-folder": tmp_path / "job.docx-is-a-folder.docx"}
    output = paths.get(target, tmp_path / target)
    result = run(str(job), "--resume", str(resume), "-o", str(output))
    assert_clean_failure(result, 1, fragments)
    assert job.read_text() == JOB_TEXT and resume.read_text() == GOOD_RESUME


def test_output_over_the_resume_itself_is_refused(tmp_path: Path):
    resume = tmp_path / "cv.docx"
    resume.write_text(GOOD_RESUME)  # a résumé oddly named .docx is still an input
    job = tmp_path / "job.txt"
    job.write_text(JOB_TEXT)
    result = run(str(job), "--resume", str(resume), "-o", str(resume))
    assert_clean_failure(result, 1, ["refusing to overwrite an input file"])
    assert resume.read_text() == GOOD_RESUME


@pytest.mark.parametrize(("args", "fragments"), [
    (["--model", "does-not-exist"], ["model `does-not-exist` not found", "--model"]),
    (["--paper", "legal"], ["legal"]),
    (["--no-such-option"], ["No such option"]),
])
def test_bad_options(args: list[str], fragments: list[str], tmp_path: Path):
    job = tmp_path / "job.txt"
    job.write_text(JOB_TEXT)
    result = run(str(job), "--resume", str(RESUME), "-o", str(tmp_path / "o.docx"), *args)
    code = 1 if args[0] == "--model" else 2
    assert_clean_failure(result, code, fragments)


def test_broken_model_folder(tmp_path: Path):
    model = tmp_path / "half"
    model.mkdir()
    (model / "modules.json").write_text("[]")
    job = tmp_path / "job.txt"
    job.write_text(JOB_TEXT)
    result = run(str(job), "--resume", str(RESUME), "--model", str(model))
    assert_clean_failure(result, 1, ["has no model weights", "copy it again"])


def test_unwritable_output_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    # Root ignores read-only folders, so simulate what Windows does to a file open in Word.
    import os

    def locked(*_args: object) -> None:
        raise PermissionError(13, "Permission denied")

    from tailor import files

    monkeypatch.setattr(files.os, "replace", locked)
    target = tmp_path / "out.docx"
    result = run("export", "--resume", str(RESUME), "-o", str(target))
    assert_clean_failure(result, 1, ["permission denied", "open in Word"])
    assert os.listdir(tmp_path) == []  # no temporary left behind
