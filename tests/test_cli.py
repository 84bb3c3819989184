"""The command line through typer's CliRunner: exit codes 0 / 1 / 2, messages, the JSON contract."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tailor.cli import app

from .conftest import ROOT, SEED_RESUME, write

runner = CliRunner()
JOB = str(ROOT / "examples" / "jobs" / "ml-platform.txt")


def invoke(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def test_help_lists_the_commands():
    result = invoke("--help")
    assert result.exit_code == 0
    for command in ("run", "scores", "check"):
        assert command in result.output


def test_no_arguments_shows_help():
    result = invoke()
    assert result.exit_code in (0, 2) and "Usage" in result.output


def test_version():
    result = invoke("--version")
    assert result.exit_code == 0 and result.stdout.startswith("tailor 0.")


def test_check_accepts_a_valid_resume_and_counts_it(resume_path: Path):
    result = invoke("check", "--resume", str(resume_path))
    assert result.exit_code == 0
    assert f"{resume_path}: OK. 6 roles, 2 projects, 34 bullets (0 pinned)." in result.stdout


def test_check_accepts_the_example_resume_users_start_from():
    result = invoke("check", "--resume", str(SEED_RESUME))
    assert result.exit_code == 0, result.output
    assert f"{SEED_RESUME}: OK." in result.stdout


def test_check_reports_problems_with_line_and_exit_1(tmp_path: Path):
    bad = write(tmp_path / "resume.yaml", "basics:\n  name: Ada\n  emial: a@b.c\nexperience: []\n")
    result = invoke("check", "--resume", str(bad))
    assert result.exit_code == 1
    assert (
        f"{bad}:3:3: basics.emial: `emial` is not a field of `basics`; did you mean "
        "`email`?" in result.stderr
    )
    assert "Traceback" not in result.output


def test_usage_errors_exit_2():
    result = invoke("run", JOB, "--paper", "legal")
    assert result.exit_code == 2
    assert "legal" in result.output


def test_missing_job_file_is_exit_1(tmp_path: Path, resume_path: Path):
    result = invoke(str(tmp_path / "nope.txt"), "--resume", str(resume_path))
    assert result.exit_code == 1
    assert "no such file" in result.stderr


def test_refuses_to_write_over_the_resume_or_the_job(tmp_path: Path, resume_path: Path):
    job = write(tmp_path / "job.txt", "Engineer\n\n- Build things\n")
    for target in (resume_path, job, tmp_path / "job.docx.txt"):
        result = invoke(str(job), "--resume", str(resume_path), "-o", str(target))
        assert result.exit_code == 1, target
        assert f"{target}: the output must be a .docx file." in result.stderr
    # A job saved with a .docx name passes the name check, and is still not written over.
    odd_job = write(tmp_path / "posting.docx", "Engineer\n\n- Build things\n")
    result = invoke(str(odd_job), "--resume", str(resume_path), "-o", str(odd_job))
    assert result.exit_code == 1
    assert f"{odd_job}: refusing to overwrite an input file." in result.stderr
    assert job.read_text() == odd_job.read_text() == "Engineer\n\n- Build things\n"


def test_unknown_model_names_the_fix(tmp_path: Path, resume_path: Path):
    result = invoke(
        JOB,
        "--resume",
        str(resume_path),
        "--model",
        "no-such-model",
        "-o",
        str(tmp_path / "out.docx"),
    )
    assert result.exit_code == 1
    assert "model `no-such-model` not found" in result.stderr
    assert not (tmp_path / "out.docx").exists()


def test_broken_model_folder_is_a_clear_error(tmp_path: Path, resume_path: Path):
    broken = tmp_path / "models" / "half-copied"
    broken.mkdir(parents=True)
    (broken / "config.json").write_text("{}")
    result = invoke(
        JOB, "--resume", str(resume_path), "--model", str(broken), "-o", str(tmp_path / "out.docx")
    )
    assert result.exit_code == 1
    assert "has no model weights" in result.stderr


def test_tailor_job_writes_a_docx_and_prints_the_top_matches(
    tmp_path: Path, resume_path: Path, fake_model: list[str]
):
    out = tmp_path / "ines.docx"
    result = invoke(*fake_model, JOB, "--resume", str(resume_path), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 5000
    assert f"Wrote {out}: 1 page" in result.stdout
    assert "Top 5 matches:" in result.stdout
    assert "Ranking 34 bullets against" in result.stderr
    assert "several postings long" not in result.stdout


def test_a_whole_web_page_pasted_as_the_job_gets_advice(
    tmp_path: Path, resume_path: Path, fake_model: list[str]
):
    """Its sidebars dilute the match; still tailored, nothing cut from it."""
    page = Path(JOB).read_text() + "".join(
        f"\nSimilar job {n}: Data Analyst at Shop {n}, remote." for n in range(500)
    )
    (tmp_path / "page.txt").write_text(page)
    result = invoke(
        *fake_model,
        str(tmp_path / "page.txt"),
        "--resume",
        str(resume_path),
        "-o",
        str(tmp_path / "out.docx"),
    )
    assert result.exit_code == 0, result.output
    assert f"The job text is {len(page):,} characters, several postings long" in result.stdout


def test_json_contract(tmp_path: Path, resume_path: Path, resume, fake_model: list[str]):
    out = tmp_path / "out.docx"
    result = invoke(
        *fake_model, JOB, "--resume", str(resume_path), "-o", str(out), "--json", "--quiet"
    )
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    report = json.loads(result.stdout)
    assert report["job"] == {
        "source": JOB,
        "title": "Senior Machine Learning Platform Engineer",
        "company": "Northwind Analytics",
    }
    assert report["overrides"] == {"keep": [], "drop": []} and report["html"] is None
    assert report["model"] == "fake-bag-of-words"
    assert report["output"] == str(out) and report["pages"] == 1
    assert 0 <= report["match"] <= 100
    bullets = report["bullets"]
    texts = {b.id: b.text for b in resume.bullets()}
    assert sorted(b["id"] for b in bullets) == sorted(texts)  # every bullet, chosen or not
    assert [b["score"] for b in bullets] == sorted((b["score"] for b in bullets), reverse=True)
    roles = {b.id: resume.context_of(b) for b in resume.bullets()}
    for bullet in bullets:
        assert bullet["text"] == texts[bullet["id"]]
        assert bullet["role"] == roles[bullet["id"]]  # "Staff Machine Learning Engineer, ..."
        assert set(bullet) >= {"id", "section", "role", "text", "score", "selected", "evidence"}
    assert {b["selected"] for b in bullets} == {True, False}


def test_job_from_stdin_writes_the_default_name(
    tmp_path: Path, resume_path: Path, monkeypatch: pytest.MonkeyPatch, fake_model: list[str]
):
    monkeypatch.chdir(tmp_path)
    result = invoke(*fake_model, "-", "--resume", str(resume_path), stdin=Path(JOB).read_text())
    assert result.exit_code == 0, result.output
    assert (tmp_path / "tailored-resume.docx").is_file()


def test_default_output_goes_next_to_the_job(
    tmp_path: Path, resume_path: Path, fake_model: list[str]
):
    job = write(tmp_path / "acme.txt", Path(JOB).read_text())
    result = invoke(*fake_model, str(job), "--resume", str(resume_path))
    assert result.exit_code == 0, result.output
    assert (tmp_path / "acme-resume.docx").is_file()


def test_scores_lists_every_bullet_and_writes_nothing(
    tmp_path: Path,
    resume_path: Path,
    resume,
    monkeypatch: pytest.MonkeyPatch,
    fake_model: list[str],
):
    monkeypatch.chdir(tmp_path)
    result = invoke("scores", *fake_model, JOB, "--resume", str(resume_path))
    assert result.exit_code == 0, result.output
    for bullet in resume.bullets():
        assert f" {bullet.id} " in result.stdout
    assert "kept" in result.stdout and "cut" in result.stdout
    assert re.search(r"↳ (semantic|lexical|skills) +line \d+:", result.stdout)
    assert list(tmp_path.iterdir()) == []
    as_json = json.loads(
        invoke("scores", *fake_model, JOB, "--resume", str(resume_path), "--json").stdout
    )
    assert as_json["output"] is None and len(as_json["bullets"]) == len(resume.bullets())


def test_explain_shows_how_the_job_was_read(resume_path: Path, fake_model: list[str]):
    result = invoke(
        "scores", *fake_model, JOB, "--resume", str(resume_path), "--explain", "--quiet"
    )
    assert result.exit_code == 0, result.output
    out = result.stdout
    assert "Ignored (" in out and "[benefits] 401(k) with 4% match" in out
    assert "[legal]" in out and "Key terms" in out
    assert "Requirements and the bullet that covers each best:" in out
    assert "[title]" not in out.split("Requirements and the bullet")[1].split("\n\n")[0]


def test_json_explains_terms_requirements_and_cuts(resume_path: Path, fake_model: list[str]):
    report = json.loads(
        invoke("scores", *fake_model, JOB, "--resume", str(resume_path), "--json").stdout
    )
    assert {"key_terms", "missing_terms", "ignored", "requirements"} <= set(report)
    missing = set(report["missing_terms"])
    assert "Argo" in missing and "Kubernetes" not in missing
    assert all(t["in_resume"] == (t["term"] not in missing) for t in report["key_terms"])
    # What is ignored asks nothing of the candidate: never a duty, a must-have or a nice-to-have.
    assert report["ignored"] and all(
        item["section"] not in ("requirements", "responsibilities", "preferred")
        for item in report["ignored"]
    )
    reasons = [b["reason"] for b in report["bullets"]]
    assert all(r.startswith(("kept:", "cut:")) for r in reasons)
    assert all(b["reason"].startswith("kept") == b["selected"] for b in report["bullets"])


def test_many_jobs_in_one_run_ranked_by_match(
    tmp_path: Path, resume_path: Path, fake_model: list[str]
):
    jobs = tmp_path / "jobs"
    jobs.mkdir()
    for source in (ROOT / "examples" / "jobs").glob("*.txt"):
        (jobs / source.name).write_text(source.read_text())
    (jobs / "empty.txt").write_text("  \n")
    out = tmp_path / "out"
    out.mkdir()
    result = invoke(*fake_model, str(jobs), "--resume", str(resume_path), "-o", str(out), "-q")
    assert result.exit_code == 1  # one job failed; the others were written
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["match", "kept", "output", "job"]
    matches = [float(line.split()[0]) for line in lines[1:4]]
    assert matches == sorted(matches, reverse=True)
    assert "Senior Machine Learning Platform Engineer" in lines[1]
    assert "empty.txt" in lines[4] and "the job description is empty" in lines[4]
    assert sorted(p.name for p in out.iterdir()) == [
        "data-engineer-resume.docx",
        "ml-platform-resume.docx",
        "pastry-chef-resume.docx",
    ]
    report = json.loads(
        invoke(
            *fake_model,
            str(jobs / "ml-platform.txt"),
            str(jobs / "pastry-chef.txt"),
            "--resume",
            str(resume_path),
            "-o",
            str(out),
            "--json",
            "-q",
        ).stdout
    )
    assert [job["job"]["title"] for job in report["jobs"]] == [
        "Senior Machine Learning Platform Engineer",
        "Pastry Chef",
    ]
    assert report["failed"] == []


def test_several_jobs_need_an_output_folder(tmp_path: Path, resume_path: Path):
    result = invoke(
        JOB,
        JOB.replace("ml-platform", "pastry-chef"),
        "--resume",
        str(resume_path),
        "-o",
        str(tmp_path / "one.docx"),
    )
    assert result.exit_code == 1 and "-o must be an existing folder" in result.stderr


@pytest.mark.parametrize("command", ["run", "scores"])
def test_an_unknown_keep_id_is_exit_1_with_the_nearest_ids(
    command: str, tmp_path: Path, resume_path: Path
):
    out = tmp_path / "out.docx"
    result = invoke(
        command,
        JOB,
        "--resume",
        str(resume_path),
        "--keep",
        "harbor-staf-1",
        *(["-o", str(out)] if command == "run" else []),
    )
    assert result.exit_code == 1
    assert (
        "--keep harbor-staf-1: no bullet has this id; the nearest are harbor-staff-1"
        in result.stderr
    )
    assert "Traceback" not in result.output
    assert not out.exists()


@pytest.mark.slow
def test_json_grades_each_requirement_and_names_what_carried_each_bullet(resume_path: Path):
    graded = {}
    for name in ("ml-platform", "pastry-chef"):
        report = json.loads(
            invoke(
                "scores",
                str(ROOT / "examples" / "jobs" / f"{name}.txt"),
                "--resume",
                str(resume_path),
                "--json",
                "-q",
            ).stdout
        )
        for requirement in report["requirements"]:
            # "covered" is the covered flag; below it, any similarity above unrelated is partly.
            assert (requirement["coverage"] == "covered") == requirement["covered"]
            assert requirement["coverage"] in ("covered", "partly", "not")
        for bullet in report["bullets"]:
            assert bullet["carried_by"] in ("skills", "semantic", "lexical") or (
                bullet["carried_by"] is None and bullet["evidence"] is None
            )
            assert bullet["carried_by"] != "skills" or bullet["skills"]  # skills it shares
        asked = [
            r for r in report["requirements"] if r["section"] not in ("title", "about", "header")
        ]
        graded[name] = {
            kind: sum(r["coverage"] == kind for r in asked) for kind in ("covered", "partly", "not")
        }
    # The résumé is an ML engineer's: the ML job is covered, the pastry chef's is not.
    assert graded["ml-platform"]["covered"] > graded["ml-platform"]["not"]
    assert graded["pastry-chef"]["not"] > 0
    assert (
        graded["pastry-chef"]["covered"]
        < graded["pastry-chef"]["partly"] + graded["pastry-chef"]["not"]
    )


def test_the_reports_name_files_relative_to_their_folder_never_by_absolute_path(
    tmp_path: Path, resume_path: Path, fake_model: list[str]
):
    """A report is shared and kept: it must not tell where its author keeps files."""
    home = tmp_path / "home" / "ada"
    (home / "jobs").mkdir(parents=True)
    (home / "applications").mkdir()
    resume = write(home / "resume.yaml", resume_path.read_text("utf-8"))
    for name in ("acme.txt", "globex.txt"):
        write(home / "jobs" / name, Path(JOB).read_text("utf-8"))
    out = home / "applications"
    one = invoke(
        *fake_model,
        str(home / "jobs" / "acme.txt"),
        "--resume",
        str(resume),
        "-o",
        str(out / "acme.docx"),
        "--html",
        "--quiet",
    )
    assert one.exit_code == 0, one.output
    batch = invoke(
        *fake_model,
        str(home / "jobs"),
        "--resume",
        str(resume),
        "-o",
        str(out),
        "--html",
        "--quiet",
    )
    assert batch.exit_code == 0, batch.output
    report = (out / "acme.html").read_text("utf-8")
    for page in (
        report,
        (out / "acme-resume.html").read_text("utf-8"),
        (out / "jobs.html").read_text("utf-8"),
    ):
        assert str(tmp_path) not in page and "home/ada" not in page
    assert "posting <code>../jobs/acme.txt</code>" in report
    assert (
        "tailor ../jobs/acme.txt -o acme.docx --resume ../resume.yaml --model fake --html" in report
    )


def test_file_names_cannot_send_escape_sequences_or_bidi_overrides_to_the_terminal(
    tmp_path: Path, resume_path: Path, fake_model: list[str]
):
    """Two `job.txt` from folders named with an escape sequence and a right-to-left override:
    the rename note and the table name them, escaped, and the columns still line up."""
    posting = Path(JOB).read_text("utf-8")
    for folder in ("evil\x1b[2J", "rtl\u202etxt.exe"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder / "job.txt", posting)
    out = tmp_path / "out"
    out.mkdir()
    result = invoke(
        *fake_model,
        str(tmp_path / "evil\x1b[2J"),
        str(tmp_path / "rtl\u202etxt.exe"),
        "--resume",
        str(resume_path),
        "-o",
        str(out),
        "--quiet",
    )
    assert result.exit_code == 0, result.output
    printed = result.stdout + result.stderr
    assert "\x1b" not in printed and "\u202e" not in printed
    assert "would both write" in result.stderr and "evil\\x1b[2J-job-resume.docx" in printed
    assert "rtl\\u202etxt.exe-job-resume.docx" in result.stdout
    header, *rows = result.stdout.splitlines()[:3]
    assert {row.index(" Senior") for row in rows} == {header.index(" job")}


def test_a_batch_written_to_a_log_says_how_many_jobs_not_a_lone_tailoring_line(
    tmp_path: Path, resume_path: Path, fake_model: list[str]
):
    """Off a terminal there is no bar to draw: click printed its label alone, "Tailoring"."""
    (tmp_path / "jobs").mkdir()
    for name in ("acme.txt", "globex.txt"):
        write(tmp_path / "jobs" / name, Path(JOB).read_text("utf-8"))
    result = invoke(str(tmp_path / "jobs"), *fake_model, "--resume", str(resume_path))
    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert "Tailoring 2 jobs…" in lines and "Tailoring" not in lines


def test_a_console_that_cannot_show_the_marks_gets_ascii_not_a_crash(
    tmp_path: Path, resume_path: Path, fake_model: list[str]
):
    """A Windows console or a redirected stdout in cp1252 has no "↳": the summary falls back to
    ASCII marks (it once crashed there after writing the DOCX)."""
    out = tmp_path / "out.docx"
    result = CliRunner(charset="cp1252").invoke(
        app, [*fake_model, JOB, "--resume", str(resume_path), "-o", str(out), "--quiet"]
    )
    assert result.exit_code == 0, result.output
    assert "  -> job line" in result.stdout and "↳" not in result.stdout
    japanese = CliRunner(charset="cp1252").invoke(
        app,
        [
            *fake_model,
            JOB,
            "--resume",
            str(resume_path),
            "-o",
            str(tmp_path / "求人.docx"),
            "--json",
        ],
    )
    assert japanese.exit_code == 0, japanese.output
    assert json.loads(japanese.stdout)["output"].endswith("求人.docx")


def test_doctor_says_which_torch_onnxruntime_and_model_run_and_that_telemetry_is_off(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import importlib.metadata

    import tailor.model_store

    monkeypatch.setenv("HOME", str(tmp_path))
    result = invoke("doctor")
    assert result.exit_code == 0, result.output
    lines = dict(line.split(None, 1) for line in result.stdout.splitlines() if line.strip())
    assert lines["torch"].endswith("(CPU)")  # what `make setup` installs
    assert lines["onnxruntime"] == importlib.metadata.version("onnxruntime")
    assert lines["telemetry"].startswith("off")
    assert "all-MiniLM-L6-v2" in lines["model"] and Path(lines["model"].split(", ")[-1]).is_dir()
    assert "GPU build" not in result.stdout
    monkeypatch.setattr(tailor.model_store, "torch_build", lambda: "2.5.1 (CUDA 12.4)")
    cuda = invoke("doctor")
    assert (
        "GPU build" in cuda.stdout
        and "--extra-index-url https://download.pytorch.org/whl/cpu" in cuda.stdout
    )


def test_every_model_setting_is_an_option_of_every_command_that_loads_the_model():
    """The model options are one table: each sets a field of ModelSettings, and every command
    that loads the model takes all of them."""
    import dataclasses

    from tailor.cli import MODEL_OPTIONS
    from tailor.embed import ModelSettings

    set_by_options = {to_field(default)[0] for _, _, default, to_field in MODEL_OPTIONS}
    assert set_by_options == {field.name for field in dataclasses.fields(ModelSettings)}
    for command in ("run", "scores"):
        shown = invoke(command, "--help").stdout
        for flag in ("--model", "--backend", "--no-cache"):
            assert flag in shown, (command, flag)
