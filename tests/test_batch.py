"""A run of `tailor JOB…` in the core: its outputs planned and checked before any work, the
jobs tailored with one model load, and every file of the run written together, or none.

Run on the fake embedder, through the core (`plan_run`, `run_plan`) and through the CLI with
`--model fake` (conftest.fake_model), which reaches the same code."""

from __future__ import annotations

import errno
import shlex
import tempfile
import threading
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tailor import files
from tailor.batch import RunOptions, plan_run, reproduce_command, run_plan
from tailor.cli import app
from tailor.embed import ModelSettings
from tailor.errors import UserError

from .conftest import EXAMPLE_JOBS, FakeEmbedder, write

runner = CliRunner()
JOB = str(EXAMPLE_JOBS[1])  # ml-platform.txt


def fake_settings() -> ModelSettings:
    return ModelSettings(model="fake")


def test_one_job_is_planned_and_written_with_its_report(
    tmp_path: Path, resume_path: Path, fake_model: list[str]
):
    out = tmp_path / "acme.docx"
    plan = plan_run(
        RunOptions(jobs=(JOB,), output=out, resume=resume_path, html=True, settings=fake_settings())
    )
    assert plan.single and plan.targets[JOB].html == tmp_path / "acme.html"
    assert plan.index is None and not plan.make_pdf  # no picture of the page in fast tests
    result = run_plan(plan)
    [outcome] = result.outcomes
    assert outcome.docx == out and out.stat().st_size > 5000
    assert outcome.html is not None and b"tailor" in outcome.html.read_bytes()
    assert outcome.tailored.model == "fake-bag-of-words"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["acme.docx", "acme.html"]


def test_several_jobs_write_one_set_and_a_failed_job_is_a_row(
    tmp_path: Path, resume_path: Path, fake_model: list[str]
):
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    for source in EXAMPLE_JOBS:
        write(jobs / source.name, source.read_text())
    write(jobs / "empty.txt", "  \n")
    out = tmp_path / "out"
    out.mkdir()
    plan = plan_run(
        RunOptions(
            jobs=(str(jobs),), output=out, resume=resume_path, html=True, settings=fake_settings()
        )
    )
    assert not plan.single and plan.index == out / "jobs.html"
    result = run_plan(plan)
    assert [failure.source for failure in result.failures] == [str(jobs / "empty.txt")]
    matches = [outcome.tailored.ranking.match for outcome in result.outcomes]
    assert matches == sorted(matches, reverse=True) and len(matches) == 3
    assert (out / "jobs.html").is_file()
    assert len(list(out.glob("*-resume.docx"))) == len(list(out.glob("*-resume.html"))) == 3


def test_every_output_is_checked_before_the_model_loads(tmp_path: Path, resume_path: Path):
    mine = write(tmp_path / "acme.html", "<p>my own notes</p>")
    with pytest.raises(UserError, match="tailor did not write it"):
        plan_run(
            RunOptions(
                jobs=(JOB,),
                output=tmp_path / "acme.docx",
                resume=resume_path,
                html=True,
                settings=fake_settings(),
            )
        )
    assert mine.read_text() == "<p>my own notes</p>"


def test_the_report_names_the_command_that_writes_it_again(tmp_path: Path):
    """To be run in the report's folder: every path relative to it, never absolute."""
    job = str(tmp_path / "jobs" / "acme.txt")
    options = RunOptions(
        jobs=(job,),
        output=tmp_path / "out" / "a.docx",
        resume=tmp_path / "me.yaml",
        settings=ModelSettings(model="multi", backend="torch", use_cache=False),
        paper="a4",
        pdf=True,
        keep=("x-1",),
    )
    command = reproduce_command(options, job, tmp_path / "out" / "a.docx", tmp_path / "out")
    assert shlex.split(command) == [
        "tailor",
        "../jobs/acme.txt",
        "-o",
        "a.docx",
        "--resume",
        "../me.yaml",
        "--model",
        "multi",
        "--backend",
        "torch",
        "--paper",
        "a4",
        "--pdf",
        "--keep",
        "x-1",
        "--html",
    ]


def test_a_registered_model_is_chosen_by_name_like_a_folder(
    resume_path: Path, fake_model: list[str]
):
    assert isinstance(fake_settings().load(), FakeEmbedder)
    result = runner.invoke(
        app, ["scores", JOB, "--resume", str(resume_path), *fake_model, "--json"]
    )
    assert result.exit_code == 0, result.output
    assert '"model": "fake-bag-of-words"' in result.stdout


# -- issue 21, items 7 and 8: every output of a run together, and one run at a time --


def first_run(tmp_path: Path, resume_path: Path, fake_model: list[str]) -> dict[str, bytes]:
    """A run that wrote acme.docx and acme.html; their bytes."""
    out = tmp_path / "acme.docx"
    result = runner.invoke(
        app, [JOB, "--resume", str(resume_path), "-o", str(out), "--html", "-q", *fake_model]
    )
    assert result.exit_code == 0, result.output
    return {path.name: path.read_bytes() for path in tmp_path.iterdir()}


def test_a_disk_full_part_way_leaves_every_previous_output(
    tmp_path: Path, resume_path: Path, fake_model: list[str], monkeypatch: pytest.MonkeyPatch
):
    """The DOCX is written, then the report's write fails (no space left): exit 1, and the
    DOCX and report of the previous run are both still there, untouched; no temporary file
    is left behind."""
    before = first_run(tmp_path, resume_path, fake_model)
    other_job = write(tmp_path.parent / "other.txt", EXAMPLE_JOBS[0].read_text())
    mkstemp = tempfile.mkstemp

    def full_for_html(*args, **kwargs):
        if ".html." in kwargs.get("prefix", ""):
            raise OSError(errno.ENOSPC, "No space left on device")
        return mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", full_for_html)
    result = runner.invoke(
        app,
        [
            str(other_job),
            "--resume",
            str(resume_path),
            "-o",
            str(tmp_path / "acme.docx"),
            "--html",
            "-q",
            *fake_model,
        ],
    )
    assert result.exit_code == 1
    assert "No space left on device" in result.stderr
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_a_run_waits_for_another_writing_the_same_outputs_then_refuses(
    tmp_path: Path, resume_path: Path, fake_model: list[str], monkeypatch: pytest.MonkeyPatch
):
    """Another run is moving its files into the folder (it holds the folder's lock): this one
    waits, and when that takes too long it says so and writes nothing."""
    before = first_run(tmp_path, resume_path, fake_model)
    monkeypatch.setattr(files, "LOCK_WAIT_SECONDS", 0.3)
    with files.lock_folders({tmp_path}):
        result = runner.invoke(
            app,
            [
                JOB,
                "--resume",
                str(resume_path),
                "-o",
                str(tmp_path / "acme.docx"),
                "--html",
                "-q",
                *fake_model,
            ],
        )
    assert result.exit_code == 1
    assert "another tailor run is writing its outputs there" in result.stderr
    assert {path.name: path.read_bytes() for path in tmp_path.iterdir()} == before


def test_two_runs_writing_one_output_set_at_once_leave_the_set_of_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Each run's DOCX, PDF and report move into place together, one run after the other:
    whichever finishes last, the three files are its own."""
    import os

    replace = os.replace

    def slow_replace(source, target):  # a moment between the files of one set
        replace(source, target)
        threading.Event().wait(0.02)

    monkeypatch.setattr(os, "replace", slow_replace)
    names = ["acme.docx", "acme.pdf", "acme.html"]

    def run(label: str) -> None:
        with files.OutputSet() as outputs:
            for name in names:
                outputs.stage(tmp_path / name, label.encode())
            outputs.commit()

    threads = [threading.Thread(target=run, args=(label,)) for label in ("first", "second")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    contents = {(tmp_path / name).read_bytes() for name in names}
    assert len(contents) == 1, contents
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(names)


@pytest.mark.slow
def test_a_second_run_replaces_the_pdfs_the_first_wrote_as_one_set(
    tmp_path: Path, resume_path: Path, fake_model: list[str], soffice: str
):
    """The PDFs a run stages in its OutputSet carry tailor's own mark (files.sign_pdf), so the
    next run replaces them without --force, as it does the DOCX; a PDF tailor did not write
    is refused, and left as it was."""
    out = tmp_path / "acme.docx"
    exported = tmp_path / "resume.docx"
    commands = (
        [JOB, "--resume", str(resume_path), "-o", str(out), "--pdf", "-q", *fake_model],
        ["export", "--resume", str(resume_path), "-o", str(exported), "--pdf", "-q"],
    )
    for command in commands:
        for _ in range(2):
            result = runner.invoke(app, command)
            assert result.exit_code == 0, result.output
    for pdf in (tmp_path / "acme.pdf", tmp_path / "resume.pdf"):
        assert files.made_by_tailor(pdf)
    (tmp_path / "acme.pdf").write_bytes(b"%PDF-1.7 someone else's\n%%EOF\n")
    refused = runner.invoke(app, commands[0])
    assert refused.exit_code == 1 and "tailor did not write it" in refused.output
    assert (tmp_path / "acme.pdf").read_bytes().startswith(b"%PDF-1.7 someone else's")
