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


def test_export_json_resume_one_page_holds_the_fitted_selection(
    tmp_path: Path, resume_path: Path, resume
):
    exported = tmp_path / "page.json"
    result = invoke(
        "export",
        "--format",
        "json-resume",
        "--one-page",
        "-r",
        resume_path,
        "-o",
        exported,
        "--json",
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    document = json.loads(exported.read_text(encoding="utf-8"))
    highlights = sum(
        len(item.get("highlights", []))
        for item in document.get("work", []) + document.get("projects", [])
    )
    listed = highlights + len(document.get("awards", [])) + len(document.get("publications", []))
    assert listed == report["bullets"] and 0 < listed < len(resume.bullets())


def one_page_resume() -> str:
    """A résumé with more than its page holds: alternative summaries (the page shows the
    first), more bare projects than the page lists, a skills line too long for any page,
    and interests the page does not show."""
    projects = "".join(f"  - {{name: Side project {n}, start: {2024 - n}}}\n" for n in range(6))
    tools = ", ".join(f"Tool{n}" for n in range(900))
    return f"""\
basics: {{name: Ada Byron, email: ada@example.com}}
summaries:
  - Platform engineer who ships data tools teams rely on.
  - Researcher in numerical methods and compilers.
experience:
  - company: Analytical Engines
    title: Engineer
    start: 2021-03
    bullets:
      - Built the difference engine's test bench for 12 teams.
      - Cut the punch-card backlog by 40% with a batch scheduler.
projects:
{projects}skills:
  - {{name: Languages, items: [Python, Go]}}
  - {{name: Everything, items: [{tools}]}}
interests:
  - {{name: Chess}}
"""


def too_long_volunteering() -> str:
    """A résumé whose one volunteer bullet is pinned and too long for any page: the page
    leaves the bullet out and shows the entry bare."""
    return f"""\
basics: {{name: Ada Byron}}
experience:
  - {{company: X, title: Y, start: 2020, bullets: [Built the thing for 12 teams.]}}
volunteer:
  - organization: Food bank
    start: 2019
    bullets:
      - {{text: '{"An enormous pinned bullet. " * 260}', pin: true}}
"""


def rejoined() -> str:
    """A long career in which one returned to a company in the same title: the page shows
    the recent role and leaves out the old one of the same name."""
    from .conftest import dump_yaml, load_yaml, long_career_yaml

    data = load_yaml(long_career_yaml(200))
    for role in (data["experience"][4], data["experience"][-1]):
        role |= {"company": "Same Co", "title": "Engineer"}
    return dump_yaml(data)


@pytest.mark.parametrize(
    "make",
    [None, one_page_resume, too_long_volunteering, rejoined],
    ids=["tests-data-resume", "more-than-a-page", "too-long-volunteering", "rejoined"],
)
def test_export_json_resume_one_page_imported_back_is_the_page(tmp_path: Path, make):
    """Imported back, the one-page JSON Resume lays out as exactly the fitted page: the same
    bullets, roles, projects, summary and skills lines, and nothing else."""
    from tailor.layout import fit_in_resume_order, full_page

    from .conftest import RESUME

    source = write(tmp_path / "resume.yaml", make()) if make else RESUME
    resume = load_resume(source)
    page = fit_in_resume_order(resume)
    exported, back = tmp_path / "page.json", tmp_path / "back.yaml"
    result = invoke("export", "--format", "json-resume", "--one-page", "-r", source, "-o", exported)
    assert result.exit_code == 0, result.output
    bullets = "1 bullet" if len(page.kept) == 1 else f"{len(page.kept)} bullets"  # not "1 bullets"
    assert f"{bullets} (the one-page selection)" in result.stdout
    assert invoke("import", exported, "-o", back).exit_code == 0
    again = full_page(load_resume(back))
    assert [(block.kind, block.text, block.right) for block in again.blocks] == [
        (block.kind, block.text, block.right) for block in page.blocks
    ]


def test_export_json_resume_one_page_leaves_out_what_the_page_does(tmp_path: Path):
    source = write(tmp_path / "resume.yaml", one_page_resume())
    resume = load_resume(source)
    exported = tmp_path / "page.json"
    result = invoke("export", "--format", "json-resume", "--one-page", "-r", source, "-o", exported)
    assert result.exit_code == 0, result.output
    document = json.loads(exported.read_text(encoding="utf-8"))
    assert document["basics"]["summary"] == resume.summaries[0]  # the one the page shows
    assert "meta" not in document  # nor the alternatives it did not choose
    assert [project["name"] for project in document["projects"]] == [
        f"Side project {n}" for n in range(3)
    ]
    assert [group["name"] for group in document["skills"]] == ["Languages"]
    assert "interests" not in document
    whole = tmp_path / "whole.json"
    assert invoke("export", "--format", "json-resume", "-r", source, "-o", whole).exit_code == 0
    everything = json.loads(whole.read_text(encoding="utf-8"))
    assert len(everything["projects"]) == 6 and len(everything["skills"]) == 2
    assert everything["meta"]["x-tailor"]["summaries"] == list(resume.summaries)
    assert everything["interests"] == [{"name": "Chess"}]


SHOWN = (
    "references: [{name: Grace Hopper, email: grace@example.com}]\nshow: [interests, references]\n"
)


@pytest.mark.parametrize(
    "body",
    [one_page_resume(), one_page_resume() + SHOWN],
    ids=["interests-not-shown", "interests-and-references-shown"],
)
def test_export_one_page_reads_what_the_page_shows_not_its_headings(body: str, monkeypatch):
    """The page says as data which summary, skill groups, interests and references it shows,
    and the one-page export reads that: headings are wording, and reworded (here, translated)
    they change nothing exported."""
    from tailor import layout
    from tailor.interchange import resume_on_page
    from tailor.resume_yaml import parse_resume

    resume = parse_resume(body)
    ids = [bullet.id for bullet in resume.bullets()]
    page = layout.fit_page(resume, ids)
    assert page.summary == resume.summaries[0] and page.skills == ("Languages",)
    assert page.optional_sections == (("interests", "references") if "show:" in body else ())
    english = resume_on_page(resume, page)
    german = {
        "Summary": "Profil",
        "Skills": "Kenntnisse",
        "Interests": "Interessen",
        "References": "Referenzen",
    }
    heading = layout._heading
    monkeypatch.setattr(layout, "_heading", lambda title: heading(german.get(title, title)))
    translated = layout.fit_page(resume, ids)
    assert "Kenntnisse" in [block.text for block in translated.blocks]
    assert resume_on_page(resume, translated) == english


def test_export_one_page_keeps_a_skill_whose_name_holds_a_comma():
    """Skills named one by one share a line on the page, joined by ", "; a name that holds a
    comma itself is still one skill, on the page and in the export (reading the line back
    split it, and the export lost it)."""
    from tailor.interchange import resume_on_page
    from tailor.layout import fit_page
    from tailor.resume_yaml import parse_resume

    resume = parse_resume("""\
basics: {name: Ada}
experience:
  - {company: X, title: Y, start: 2020, bullets: [Built the thing for 12 teams.]}
skills:
  - {name: "Pair programming, mentoring"}
  - {name: Go}
""")
    page = fit_page(resume, [bullet.id for bullet in resume.bullets()])
    assert "Pair programming, mentoring, Go" in [block.text for block in page.blocks]
    assert resume_on_page(resume, page).skills == resume.skills


def test_export_default_is_still_docx(tmp_path: Path, resume_path: Path):
    target = tmp_path / "full.docx"
    result = invoke("export", "-r", resume_path, "-o", target)
    assert result.exit_code == 0, result.output
    assert zipfile.is_zipfile(target)


def test_export_json_resume_has_no_pages(tmp_path: Path, resume_path: Path):
    result = invoke(
        "export",
        "--format",
        "json-resume",
        "-r",
        resume_path,
        "--check-pages",
        "-o",
        tmp_path / "r.json",
    )
    assert result.exit_code == 1 and "--format docx" in result.stderr


def test_export_json_resume_refuses_a_docx_name(tmp_path: Path, resume_path: Path):
    result = invoke(
        "export", "--format", "json-resume", "-r", resume_path, "-o", tmp_path / "r.docx"
    )
    assert result.exit_code == 1 and ".json" in result.stderr


# -- bad input: a clear message, exit 1, no traceback, nothing written -----------------------------


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.json", '{"basics": {"name": "Ada",}\n}', "broken.json:1:27: invalid JSON"),
        ("list.json", "[1, 2]", "JSON object"),
        ("noname.json", '{"work": []}', "basics.name"),
        ("latin1.json", b'{"basics": {"name": "Jos\xe9"}}', "not UTF-8"),
        ("fake.docx", "this is not a zip", "not a Word document"),
        ("cv.pdf", "%PDF-1.4", "cannot import `.pdf`"),
        ("cv", "text", "without extension"),
        ("empty.json", "", "invalid JSON"),
    ],
)
def test_bad_input_is_a_user_error(tmp_path: Path, name: str, content: str | bytes, message: str):
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
    source = write(
        tmp_path / "thin.json", '{"basics": {"name": "Ada"}, "skills": [{"name": "Python"}]}'
    )
    target = tmp_path / "resume.yaml"
    result = invoke("import", source, "-o", target)
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr and "experience" in result.stderr
    assert not target.exists()
