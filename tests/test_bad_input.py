"""A battery of bad inputs: each gets its exit code and a message naming the fix, never a
traceback, and nothing is written."""

from __future__ import annotations

import contextlib
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tailor.cli import app
from tailor.errors import UserError

from .conftest import RESUME, ROOT

JOB_TEXT = (ROOT / "examples" / "jobs" / "ml-platform.txt").read_text(encoding="utf-8")
GOOD_RESUME = RESUME.read_text(encoding="utf-8")

BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]\n"
    for previous, name in zip("abcdefgh", "bcdefghi", strict=True)
)

# (name, résumé text or bytes, expected message fragments). Each is `tailor check`ed: exit 1.
BAD_RESUMES: list[tuple[str, str | bytes, list[str]]] = [
    (
        "typo in a top-level key",
        GOOD_RESUME.replace("experience:", "experiance:", 1),
        ["resume.yaml:", "`experiance` is not a field", "did you mean `experience`?"],
    ),
    (
        "typo in a role's key",
        GOOD_RESUME.replace("    bullets:", "    bulets:", 1),
        ["experience[0].bulets", "did you mean `bullets`?"],
    ),
    (
        "typo in a bullet's key",
        GOOD_RESUME.replace(
            "        text: Designed and launched", "        txt: Designed and launched", 1
        ),
        ["experience[0].bullets[0].txt", "did you mean `text`?"],
    ),
    (
        "unreadable date",
        GOOD_RESUME.replace("start: 2024-09", "start: Septembre 2024", 1),
        [
            f":{GOOD_RESUME.splitlines().index('    start: 2024-09') + 1}:12:",
            "experience[0].start",
            "`Septembre 2024` is not a date",
            "Sep 2024",
        ],
    ),
    (
        "month 13",
        GOOD_RESUME.replace("start: 2024-09", "start: 2024-13", 1),
        ["`2024-13` is not a date"],
    ),
    (
        "no name",
        GOOD_RESUME.replace("  name: Ines Moreau\n", "", 1),
        ["basics.name", "`name` is required"],
    ),
    (
        "bad email",
        GOOD_RESUME.replace("ines@example.com", "ines at example", 1),
        ["basics.email", "does not look like an email"],
    ),
    (
        "role without a company",
        GOOD_RESUME.replace(
            "  - company: Harbor Analytics\n    title: Staff", "  - title: Staff", 1
        ),
        ["experience[0].company", "`company` is required"],
    ),
    (
        "bullets as one string",
        GOOD_RESUME.replace("    bullets:\n      - id: geo-1\n        text:", "    bullets:", 1),
        ["experience[5].bullets", "should be a list"],
    ),
    (
        "pin that is not a boolean",
        GOOD_RESUME.replace(
            "      - id: harbor-staff-1\n", "      - id: harbor-staff-1\n        pin: sure\n", 1
        ),
        ["experience[0].bullets[0].pin", "should be true or false"],
    ),
    (
        "duplicate bullet id",
        GOOD_RESUME.replace("id: harbor-staff-2", "id: harbor-staff-1", 1),
        ["id `harbor-staff-1` is already used at experience[0].bullets[0]"],
    ),
    (
        "duplicate key",
        GOOD_RESUME.replace("  phone:", "  email: again@example.com\n  phone:", 1),
        ["`email` is given twice"],
    ),
    (
        "empty bullet",
        GOOD_RESUME.replace(
            "Mentored four new engineers through their first launches on the platform.", '""', 1
        ),
        ["experience[0].bullets[3].text", "is empty"],
    ),
    (
        "a role that is a string",
        GOOD_RESUME.replace("experience:\n", "experience:\n  - Harbor Analytics, 2024\n", 1),
        ["experience[0]: should be a mapping of fields"],
    ),
    ("the whole file a list", "- just\n- a list\n", ["should be a mapping of fields"]),
    ("tab indentation", "basics:\n\tname: Ada\n", ["YAML syntax error", "resume.yaml:2:"]),
    ("unclosed bracket", "basics: {name: Ada\nexperience: []\n", ["YAML syntax error"]),
    ("empty file", "", ["is empty"]),
    ("only comments", "# nothing yet\n", ["is empty"]),
    ("no experience at all", "basics:\n  name: Ada\n", ["has no entries"]),
    (
        "billion laughs",
        "anchors: &bomb\n"
        + "".join(f"  {line}\n" for line in BILLION_LAUGHS.splitlines())
        + "basics: {name: Ada}\nexperience: [{company: X, title: Y, start: 2020, bullets: [ok]}]\n"
        "skills: [{name: Everything, items: *i}]\n",
        ["`anchors` is not a field", "skills[0].items[0]: should be text, not a list"],
    ),
    (
        "Latin-1 bytes",
        GOOD_RESUME.replace("Politècnica", "Polit\udce8cnica", 1).encode(
            "utf-8", "surrogateescape"
        ),
        ["is not UTF-8", "save the file as UTF-8"],
    ),
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


@pytest.mark.parametrize(
    ("text", "fragments"),
    [(t, f) for _, t, f in BAD_RESUMES],
    ids=[name for name, _, _ in BAD_RESUMES],
)
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
        "ines@example.com", "nope", 1
    )
    path = tmp_path / "resume.yaml"
    path.write_text(text, encoding="utf-8")
    result = run("check", "--resume", str(path))
    assert_clean_failure(result, 1, ["2 problems", "experiance", "email"])


@pytest.mark.parametrize(
    ("name", "content", "fragments"),
    [
        ("empty job", b"", ["the job description is empty"]),
        ("whitespace job", b"  \n\t \r\n", ["the job description is empty"]),
        ("a PDF", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", ["looks like a PDF", "paste"]),
        ("a DOCX", b"PK\x03\x04\x14\x00\x06\x00", ["looks like a DOCX"]),
        ("an old .doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", ["looks like a Word 97-2003"]),
        ("a PNG", b"\x89PNG\r\n\x1a\n\x00\x00", ["looks like an image"]),
        ("ten megabytes", b"word " * 2_000_000, ["too large for a job description"]),
    ],
)
def test_bad_job_file(name: str, content: bytes, fragments: list[str], tmp_path: Path):
    job = tmp_path / "job.txt"
    job.write_bytes(content)
    result = run(str(job), "--resume", str(RESUME), "-o", str(tmp_path / "out.docx"))
    assert_clean_failure(result, 1, fragments)
    assert not (tmp_path / "out.docx").exists()


def test_missing_job_file(tmp_path: Path):
    assert_clean_failure(
        run(str(tmp_path / "gone.txt"), "--resume", str(RESUME)), 1, ["gone.txt: no such file"]
    )


def test_job_folder_without_jobs(tmp_path: Path):
    assert_clean_failure(
        run(str(tmp_path), "--resume", str(RESUME)), 1, ["a folder with no .txt job descriptions"]
    )


def test_empty_stdin(tmp_path: Path):
    assert_clean_failure(
        run("-", "--resume", str(RESUME), "-o", str(tmp_path / "x.docx"), stdin=""), 1, ["empty"]
    )


def test_missing_resume(tmp_path: Path):
    job = tmp_path / "job.txt"
    job.write_text(JOB_TEXT)
    assert_clean_failure(
        run(str(job), "--resume", str(tmp_path / "resume.yaml")),
        1,
        ["resume.yaml: no such file", "--resume"],
    )


def test_resume_that_is_a_directory(tmp_path: Path):
    assert_clean_failure(run("check", "--resume", str(tmp_path)), 1, ["is a directory"])


@pytest.mark.parametrize(
    ("target", "fragments"),
    [
        ("resume", ["the output must be a .docx file"]),
        ("job", ["must be a .docx", ".docx"]),
        ("job.docx-is-a-folder", ["is a directory"]),
        ("missing/out.docx", ["does not exist"]),
        ("out.pdf", ["must be a .docx"]),
    ],
)
def test_bad_output_paths(target: str, fragments: list[str], tmp_path: Path):
    resume = tmp_path / "resume.docx.yaml"
    resume.write_text(GOOD_RESUME)
    job = tmp_path / "job.txt"
    job.write_text(JOB_TEXT)
    (tmp_path / "job.docx-is-a-folder.docx").mkdir()
    paths = {
        "resume": resume,
        "job": job,
        "job.docx-is-a-folder": tmp_path / "job.docx-is-a-folder.docx",
    }
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


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--model", "does-not-exist"], ["model `does-not-exist` not found", "--model"]),
        (["--paper", "legal"], ["legal"]),
        (["--no-such-option"], ["No such option"]),
    ],
)
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


# -- tailor's files rule: never over an input, never two outputs on one path, never over a file
# -- it did not write unless --force (files.py) ----------------------------------------------

JSON_RESUME_WITH_A_PHOTO = (
    '{"basics":{"name":"A","image":"me.png"},"work":[{"name":"C","position":"T",'
    '"startDate":"2021","highlights":["Built it."]}]}'
)


def test_export_never_replaces_the_json_resume_that_import_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Defect 1: `tailor import resume.json && tailor export --format json-resume` replaced
    the user's resume.json (and lost its `image`)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "resume.json").write_text(JSON_RESUME_WITH_A_PHOTO)
    assert run("import", "resume.json").exit_code == 0
    result = run("export", "--format", "json-resume")
    assert_clean_failure(
        result, 1, ["resume.json: already exists", "tailor did not write it", "--force"]
    )
    assert (tmp_path / "resume.json").read_text() == JSON_RESUME_WITH_A_PHOTO
    forced = run("export", "--format", "json-resume", "--force")
    assert forced.exit_code == 0, forced.output
    assert (tmp_path / "resume.json").read_text() != JSON_RESUME_WITH_A_PHOTO  # replaced


def test_export_never_replaces_a_word_cv_tailor_did_not_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Defect 1, Word side: `tailor import resume.docx; tailor export` replaced the original."""
    from docx import Document

    monkeypatch.chdir(tmp_path)
    (tmp_path / "resume.yaml").write_text(GOOD_RESUME)
    word = Document()
    word.add_paragraph("My own CV, written in Word")
    word.save(tmp_path / "resume.docx")
    before = (tmp_path / "resume.docx").read_bytes()
    assert_clean_failure(run("export"), 1, ["resume.docx: already exists", "--force"])
    assert (tmp_path / "resume.docx").read_bytes() == before


def test_a_file_tailor_wrote_is_rewritten_without_force(tmp_path: Path):
    target = tmp_path / "full.docx"
    assert run("export", "--resume", str(RESUME), "-o", str(target)).exit_code == 0
    first = target.stat().st_mtime_ns
    again = run("export", "--resume", str(RESUME), "-o", str(target))
    assert again.exit_code == 0, again.output
    assert target.stat().st_mtime_ns >= first


def test_export_never_replaces_a_hand_made_pdf_beside_a_docx_tailor_wrote(tmp_path: Path):
    """Issue 21, item 5: a DOCX tailor wrote made the resume.pdf beside it look like tailor's
    too, and `export --pdf` replaced the user's own PDF."""
    from .test_files import hand_made_pdf

    target = tmp_path / "resume.docx"
    assert run("export", "--resume", str(RESUME), "-o", str(target)).exit_code == 0
    mine = hand_made_pdf()
    (tmp_path / "resume.pdf").write_bytes(mine)
    result = run("export", "--resume", str(RESUME), "-o", str(target), "--pdf")
    assert_clean_failure(
        result, 1, ["resume.pdf: already exists", "tailor did not write it", "--force"]
    )
    assert (tmp_path / "resume.pdf").read_bytes() == mine


def test_the_pdf_path_is_checked_like_the_docx_before_anything_is_written(tmp_path: Path):
    """Defect 11: `tailor posting.pdf -o posting.docx --pdf` overwrote the input posting."""
    posting = tmp_path / "posting.pdf"
    posting.write_text(JOB_TEXT)
    result = run(
        str(posting), "--resume", str(RESUME), "-o", str(tmp_path / "posting.docx"), "--pdf"
    )
    assert_clean_failure(result, 1, ["posting.pdf", "refusing to overwrite an input file"])
    assert posting.read_text() == JOB_TEXT
    assert not (tmp_path / "posting.docx").exists()


def test_a_pdf_path_that_is_a_folder_is_refused_before_the_docx_is_written(tmp_path: Path):
    job = tmp_path / "job.txt"
    job.write_text(JOB_TEXT)
    (tmp_path / "out.pdf").mkdir()
    result = run(str(job), "--resume", str(RESUME), "-o", str(tmp_path / "out.docx"), "--pdf")
    assert_clean_failure(result, 1, ["out.pdf: is a directory"])
    assert not (tmp_path / "out.docx").exists()


def test_two_outputs_of_one_run_never_share_a_path(tmp_path: Path):
    from tailor.files import distinct_outputs

    outputs = distinct_outputs(
        {
            "a/job.txt": Path("out/job-resume.docx"),
            "b/job.txt": Path("out/job-resume.docx"),
            "c.txt": Path("out/c-resume.docx"),
        }
    )
    assert outputs.paths == {
        "a/job.txt": Path("out/a-job-resume.docx"),
        "b/job.txt": Path("out/b-job-resume.docx"),
        "c.txt": Path("out/c-resume.docx"),
    }
    assert outputs.notes == [
        "a/job.txt and b/job.txt would both write out/job-resume.docx: "
        "writing out/a-job-resume.docx and out/b-job-resume.docx instead."
    ]
    same_folder_name = distinct_outputs(
        {"x/a/job.txt": Path("o/job-resume.docx"), "y/a/job.txt": Path("o/job-resume.docx")}
    )
    assert len(set(same_folder_name.paths.values())) == 2


@pytest.mark.slow
def test_a_batch_of_two_job_txt_writes_two_files(tmp_path: Path):
    """Defect 4: two `job.txt` in different folders into one -o folder wrote one file."""
    for folder, example in (("a", "ml-platform.txt"), ("b", "pastry-chef.txt")):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "job.txt").write_text(
            (ROOT / "examples" / "jobs" / example).read_text(encoding="utf-8")
        )
    out = tmp_path / "out"
    out.mkdir()
    result = run(
        str(tmp_path / "a" / "job.txt"),
        str(tmp_path / "b" / "job.txt"),
        "--resume",
        str(RESUME),
        "-o",
        str(out),
        "-q",
    )
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["a-job-resume.docx", "b-job-resume.docx"]
    assert "would both write" in result.output


@pytest.mark.parametrize(
    "command",
    [["check", "--resume"], ["import", "-o", "draft.yaml"], ["scores", "--resume", str(RESUME)]],
)
def test_an_endless_device_as_input_is_too_large_not_a_memory_error(
    command: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Defect 16: `--resume /dev/zero` read without bound (st_size is 0 for a device)."""
    monkeypatch.chdir(tmp_path)
    endless = tmp_path / "zero.json"
    endless.symlink_to("/dev/zero")
    result = run(*command, str(endless))
    assert_clean_failure(result, 1, ["too large"])


def test_a_fifo_is_read_with_the_same_bound(tmp_path: Path):
    import os
    import threading

    from tailor.files import read_bounded

    fifo = tmp_path / "job.txt"
    os.mkfifo(fifo)

    def endless_writer() -> None:
        with contextlib.suppress(BrokenPipeError), fifo.open("wb") as stream:
            while True:
                stream.write(b"word " * 10_000)

    threading.Thread(target=endless_writer, daemon=True).start()
    with pytest.raises(UserError, match="too large"):
        read_bounded(fifo, 100_000, "a job description")


# -- job text: every encoding decodes, binary is refused, no line breaks is still a posting ----


@pytest.mark.parametrize(
    "raw",
    [
        b"\xff\xfeS\x00e\x00\n",  # UTF-16 with a BOM, odd length
        b"\xff\xfe\x00\xd8a\x00b\x00 \x00j\x00o\x00b\x00",  # a lone high surrogate
        b"\xfe\xff\xdc\x00\x00a\x00b",  # big-endian, a lone low surrogate
    ],
)
def test_broken_utf16_decodes_with_replacement(raw: bytes):
    """Defect 9: these gave a UnicodeDecodeError traceback."""
    from tailor.job import decode_job_bytes

    try:
        text = decode_job_bytes(raw, "u16.txt")
    except UserError as error:
        assert "empty" in error.message
    else:
        assert "\ud800" not in text and "\udc00" not in text


def _gzipped_posting() -> bytes:
    import gzip

    return gzip.compress(JOB_TEXT.encode("utf-8"))


@pytest.mark.parametrize(
    ("name", "content", "kind"),
    [
        ("gzip", _gzipped_posting(), "compressed"),
        ("bzip2", __import__("bz2").compress(JOB_TEXT.encode()), "compressed"),
        ("xz", __import__("lzma").compress(JOB_TEXT.encode()), "compressed"),
        ("empty zip", b"PK\x05\x06" + b"\x00" * 18, "zip"),
        ("random bytes", __import__("random").Random(13).randbytes(5000), "binary"),
        ("random bytes, short", __import__("random").Random(7).randbytes(300), "binary"),
    ],
)
def test_binary_and_compressed_files_are_refused(
    name: str, content: bytes, kind: str, tmp_path: Path
):
    """Defect 10: a gzipped posting or random bytes gave exit 0 and a DOCX titled with
    garbage."""
    job = tmp_path / "job.txt"
    job.write_bytes(content)
    result = run(str(job), "--resume", str(RESUME), "-o", str(tmp_path / "out.docx"))
    assert_clean_failure(result, 1, [kind, "not text"])
    assert not (tmp_path / "out.docx").exists()


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_utf16_text_without_a_byte_order_mark_is_read_as_text(encoding: str):
    """Windows tools save UTF-16 without its byte-order mark: it was "a binary file"."""
    from tailor.job import decode_job_bytes

    for text in (JOB_TEXT, "ソフトウェアエンジニア（東京）\n必須スキル\n- Python 3年以上\n"):
        assert decode_job_bytes(text.encode(encoding), "job.txt") == text


def test_text_with_a_few_stray_control_bytes_is_still_text():
    from tailor.job import decode_job_bytes

    raw = JOB_TEXT.encode("utf-8").replace(b"Python", b"Py\x01thon", 3)
    assert "Python" in decode_job_bytes(raw, "job.txt")


def test_a_posting_without_line_breaks_is_read_sentence_by_sentence():
    """Defect 2: a posting pasted with no newlines became one 120-character title."""
    from tailor.job import parse_job

    flat = " ".join(JOB_TEXT.split())
    job = parse_job(flat)
    assert len(job.weighted_units) > 10
    assert len(job.title) <= 120
    read = " ".join(unit.text for unit in job.units)
    assert "Kubernetes" in JOB_TEXT and "Kubernetes" in read  # nothing cut: a late requirement


def test_a_posting_with_line_breaks_keeps_its_first_line_as_the_title():
    from tailor.job import parse_job

    assert parse_job(JOB_TEXT).title == JOB_TEXT.splitlines()[0].strip()


def test_the_unit_cap_stops_parsing_and_says_so():
    """Defect 13: the cap's `break` left only the inner loop; 950 KB became 14,630 units."""
    from tailor.job import MAX_UNITS, parse_job

    line = (
        "You will build reliable data pipelines. You will mentor engineers. "
        "You will own the model serving stack.\n"
    )
    job = parse_job("Data Engineer\n\n" + line * 2_000)
    assert len(job.units) == MAX_UNITS
    assert job.cut_at_line is not None and job.cut_at_line < 2_000


# -- links: only http, https and mailto become clickable; nothing else reaches the DOCX -------

HOSTILE_LINKS = [
    "javascript:alert(1)",
    "file:///etc/passwd",
    "ms-word:ofe|u|http://x.example/a",
    "\\\\\\\\server\\\\share\\\\cv.docx",
    "https://ok.example/\\x01x",
]


def _resume_with_links(urls: list[str]) -> str:
    entries = "".join(f'    - {{label: "Site {i}", url: "{url}"}}\n' for i, url in enumerate(urls))
    return (
        GOOD_RESUME.replace("basics:\n", "basics:\n  links:\n" + entries, 1)
        if "  links:" not in GOOD_RESUME
        else GOOD_RESUME.replace("  links:\n", "  links:\n" + entries, 1)
    )


def test_check_reports_links_that_are_not_web_or_mail(tmp_path: Path):
    """Defects 8 and 5: any scheme became a clickable link, and a control character passed
    `check` and then crashed `run` and `export`."""
    path = tmp_path / "resume.yaml"
    path.write_text(_resume_with_links(HOSTILE_LINKS), encoding="utf-8")
    result = run("check", "--resume", str(path))
    assert result.exit_code == 0, result.output
    for scheme in ("javascript:", "file:", "ms-word:", "network path", "control character"):
        assert scheme in result.output, (scheme, result.output)
    assert "Traceback" not in result.output


def test_only_web_and_mail_links_reach_the_docx(tmp_path: Path):
    import zipfile

    path = tmp_path / "resume.yaml"
    path.write_text(_resume_with_links([*HOSTILE_LINKS, "https://fine.example"]), encoding="utf-8")
    target = tmp_path / "out.docx"
    result = run("export", "--resume", str(path), "-o", str(target))
    assert result.exit_code == 0, result.output
    rels = zipfile.ZipFile(target).read("word/_rels/document.xml.rels").decode()
    urls = [t.split('"')[0] for t in rels.split('Target="')[1:] if "External" in t.split(">")[0]]
    assert "https://fine.example" in urls
    assert all(url.startswith(("https://", "http://", "mailto:")) for url in urls), urls
    assert not any("ok.example" in url for url in urls)
    assert "Site 0" in zipfile.ZipFile(target).read("word/document.xml").decode()  # text kept


def test_an_entrys_url_that_is_not_web_or_mail_is_reported_and_never_exported(tmp_path: Path):
    """A role's, award's or school's `url`, or the photo's `image`, typed into resume.yaml:
    JSON Resume themes make it a link, so it follows the contact links' rules, with its file
    and line."""
    import json

    path = tmp_path / "resume.yaml"
    path.write_text(
        """basics: {name: Ada, image: "data:image/svg+xml,<svg onload=alert(3)>"}
experience:
  - company: X
    title: Y
    url: "javascript:alert(1)"
    start: 2020
    bullets: [Built the thing for 12 teams.]
awards:
  - {title: Best, awarder: Z, url: "file:///etc/passwd"}
education:
  - {institution: U, url: "example.edu"}
""",
        encoding="utf-8",
    )
    result = run("check", "--resume", str(path))
    assert result.exit_code == 0, result.output
    assert f"{path}:5:10: experience[0].url: `javascript:alert(1)`" in result.output
    assert f"{path}:9:" in result.output and "file:" in result.output
    assert f"{path}:1:" in result.output and "basics.image" in result.output
    assert "example.edu" not in result.output  # a bare domain is a web link
    target = tmp_path / "resume.json"
    result = run("export", "--resume", str(path), "--format", "json-resume", "-o", str(target))
    assert result.exit_code == 0, result.output
    exported = target.read_text(encoding="utf-8")
    assert "javascript" not in exported and "file://" not in exported
    assert "data:" not in exported and "svg" not in exported
    assert json.loads(exported)["education"][0]["url"] == "example.edu"


def test_a_control_character_in_a_link_is_made_xml_safe_by_the_renderer():
    """Defect 5 at the renderer: whatever reaches it, the hyperlink target is valid XML."""
    from dataclasses import replace

    from tailor.layout import full_page
    from tailor.readback import verify_docx
    from tailor.render import render_docx
    from tailor.resume import Link
    from tailor.resume_yaml import load_resume

    resume = load_resume(RESUME)
    hostile = replace(
        resume, basics=replace(resume.basics, links=(Link("Site", "https://ok.example/\x01\x0bx"),))
    )
    page = full_page(hostile, "letter")
    verify_docx(render_docx(page, author="A", title="T"), page)


def test_import_drops_links_that_are_not_web_or_mail_and_says_so(tmp_path: Path):
    import json

    source = tmp_path / "resume.json"
    source.write_text(
        json.dumps(
            {
                "basics": {
                    "name": "A",
                    "url": "javascript:alert(1)",
                    "profiles": [
                        {"network": "x", "url": "file:///etc/passwd"},
                        {"network": "GitHub", "url": "https://github.com/a"},
                        {"network": "y", "url": "https://bad.example/\u0001"},
                    ],
                },
                "work": [
                    {
                        "name": "C",
                        "position": "T",
                        "startDate": "2021",
                        "url": "ms-word:x",
                        "highlights": ["Built it."],
                    }
                ],
            }
        )
    )
    target = tmp_path / "resume.yaml"
    result = run("import", str(source), "-o", str(target))
    assert result.exit_code == 0, result.output
    for fragment in ("javascript:", "file:", "ms-word:", "control character"):
        assert fragment in result.output, (fragment, result.output)
    written = target.read_text()
    assert "github.com/a" in written
    for hostile in ("javascript", "file://", "ms-word", "bad.example"):
        assert hostile not in written


# -- Ctrl-C, bombs, and what reaches the terminal -------------------------------------------


def test_ctrl_c_during_libreoffice_exits_130_and_stops_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """Defect 14: Ctrl-C while LibreOffice ran said "did not finish within 120 s", exit 1."""
    import os
    import signal
    import threading

    started = tmp_path / "soffice.pid"
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(f"#!/bin/sh\necho $$ > {started}\nexec sleep 60\n")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{fake.parent}{os.pathsep}{os.environ['PATH']}")

    def press_ctrl_c() -> None:
        for _ in range(600):
            if started.exists() and started.read_text().strip():
                break
            time.sleep(0.05)
        os.kill(os.getpid(), signal.SIGINT)

    threading.Thread(target=press_ctrl_c, daemon=True).start()
    target = tmp_path / "out.docx"
    result = run("export", "--resume", str(RESUME), "-o", str(target), "--pdf")
    assert result.exit_code == 130, result.output
    assert "interrupted" in result.output and not target.exists()
    with pytest.raises(ProcessLookupError):
        os.kill(int(started.read_text()), 0)  # LibreOffice was stopped, not left running


def _docx_with_paragraphs(count: int) -> bytes:
    import io
    import zipfile

    from docx import Document

    buffer = io.BytesIO()
    Document().save(buffer)
    parts = {
        name: zipfile.ZipFile(buffer).read(name) for name in zipfile.ZipFile(buffer).namelist()
    }
    body = b"<w:p><w:r><w:t>Built it.</w:t></w:r></w:p>" * count
    parts["word/document.xml"] = parts["word/document.xml"].replace(
        b"<w:body>", b"<w:body>" + body, 1
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


@pytest.mark.parametrize(("count", "fragment"), [(25_000, "paragraphs"), (500_000, "unpacks to")])
def test_a_word_document_of_a_bomb_is_refused(count: int, fragment: str, tmp_path: Path):
    """Defect 7: a 476 KB DOCX of 150 MB of paragraphs took 85 s and 3.7 GB, exited 0 and
    printed 4.4 M notes."""
    source = tmp_path / "cv.docx"
    source.write_bytes(_docx_with_paragraphs(count))
    started = time.monotonic()
    result = run("import", str(source), "-o", str(tmp_path / "cv.yaml"))
    assert time.monotonic() - started < 60  # refused, not read: generous, not a benchmark
    assert_clean_failure(result, 1, [fragment, "a résumé never does"])
    assert not (tmp_path / "cv.yaml").exists()


def test_import_notes_are_capped(tmp_path: Path):
    import json

    highlights = [f"Built thing {i}." for i in range(5)]
    source = tmp_path / "resume.json"
    source.write_text(
        json.dumps(
            {
                "basics": {"name": "A", **{f"x{i}": i for i in range(1_000)}},
                "work": [
                    {"name": "C", "position": "T", "startDate": "2021", "highlights": highlights}
                ],
            }
        )
    )
    result = run("import", str(source), "-o", str(tmp_path / "r.yaml"))
    assert result.exit_code == 0, result.output
    assert result.output.count("\n  - ") <= 200 and "more." in result.output


@pytest.mark.parametrize(
    ("highlights", "fragment"),
    [
        (["Built it."] * 1_500_000, "too large"),  # 18 MB, under the old 20 MB bound
        (["Built."] * 150_000, "bullets"),  # under the size bound, but no résumé
    ],
)
def test_a_json_resume_too_big_gets_a_json_message(
    highlights: list[str], fragment: str, tmp_path: Path
):
    """Errors for an 18 MB JSON talked of "aliases", and of a YAML file never written."""
    import json

    source = tmp_path / "big.json"
    source.write_text(
        json.dumps(
            {
                "basics": {"name": "A"},
                "work": [
                    {"name": "C", "position": "T", "startDate": "2021", "highlights": highlights}
                ],
            }
        )
    )
    result = run("import", str(source), "-o", str(tmp_path / "big.yaml"))
    assert_clean_failure(result, 1, ["big.json", fragment])
    assert "alias" not in result.output and "big.yaml" not in result.output


def test_a_lone_surrogate_in_a_json_resume_becomes_a_replacement_character(tmp_path: Path):
    """It gave a YAML syntax error about a file that was never written."""
    source = tmp_path / "lone.json"
    source.write_text(
        '{"basics":{"name":"A\\ud800"},"work":[{"name":"C","position":"T",'
        '"startDate":"2021","highlights":["Built it."]}]}'
    )
    result = run("import", str(source), "-o", str(tmp_path / "lone.yaml"))
    assert result.exit_code == 0, result.output
    assert "A\ufffd" in (tmp_path / "lone.yaml").read_text(encoding="utf-8")


def test_a_complex_yaml_key_is_named_not_dumped(tmp_path: Path):
    path = tmp_path / "resume.yaml"
    path.write_text(
        "basics: {name: A}\n? [a, b]\n: 1\n"
        "experience: [{company: X, title: Y, start: 2020, bullets: [ok]}]\n"
    )
    result = run("check", "--resume", str(path))
    assert_clean_failure(result, 1, ["a field name must be a word, not a list"])
    assert "ScalarNode" not in result.output


def test_nul_and_rlo_reach_the_terminal_escaped(tmp_path: Path):
    path = tmp_path / "resume.yaml"
    path.write_text(
        'basics: {name: A}\n"bad\\0key\u202e": 1\n'
        "experience: [{company: X, title: Y, start: 2020, bullets: [ok]}]\n",
        encoding="utf-8",
    )
    result = run("check", "--resume", str(path))
    assert_clean_failure(result, 1, ["bad\\x00key\\u202e"])
    assert "\x00" not in result.output and "\u202e" not in result.output
