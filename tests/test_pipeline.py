"""The whole path in order (load → parse → embed → score → select → fit → render), run with the
fake embedder: what each step hands the next, and the job sources and output names around it."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pytest

from tailor.errors import UserError
from tailor.pipeline import (
    Rendered,
    Tailored,
    default_output,
    expand_jobs,
    export_resume,
    tailor_job,
)
from tailor.resume_yaml import parse_resume

from .conftest import ROOT, FakeEmbedder, write

JOB = ROOT / "examples" / "jobs" / "ml-platform.txt"


class PreparedEmbedder(FakeEmbedder):
    """The fake embedder, recording what it was asked to prepare."""

    def __init__(self) -> None:
        super().__init__()
        self.prepared: list[str] = []

    def prepare(self, texts: list[str]) -> None:
        self.prepared += texts


def test_a_tailored_resume_ranks_every_bullet_and_renders_the_page_it_fitted(resume):
    tailored = tailor_job(resume, str(JOB), FakeEmbedder())
    assert tailored.model == "fake-bag-of-words"
    assert tailored.job.title == "Senior Machine Learning Platform Engineer"
    assert sorted(s.bullet.id for s in tailored.ranking.scores) == sorted(
        b.id for b in resume.bullets()
    )
    assert set(tailored.page.kept) | set(tailored.page.cut) == {b.id for b in resume.bullets()}
    assert tailored.pages == 1 and tailored.pages_checked_by == "layout model"
    listed = [
        p.text
        for p in docx.Document(io.BytesIO(tailored.docx)).paragraphs
        if p.style.name == "List Bullet"
    ]
    texts = {b.id: b.text for b in resume.bullets()}
    assert listed == [texts[bullet_id] for bullet_id in tailored.page.kept]


def test_scores_only_renders_nothing(resume):
    tailored = tailor_job(resume, str(JOB), FakeEmbedder(), render=False)
    assert tailored.docx is None and tailored.pdf is None
    assert tailored.page.kept


def test_the_embedder_is_prepared_with_every_text_it_will_be_asked_for(resume):
    embedder = PreparedEmbedder()
    tailor_job(resume, str(JOB), embedder, render=False)
    assert set(embedder.encoded) <= set(embedder.prepared)
    assert {b.text for b in resume.bullets()} <= set(embedder.prepared)


def test_missing_terms_are_key_terms_the_resume_never_names(resume, tmp_path: Path):
    job = write(
        tmp_path / "job.txt",
        "Platform Engineer\nAcme\n\nRequirements\n- Run Kubernetes and Argo in production\n",
    )
    tailored = tailor_job(resume, str(job), FakeEmbedder(), render=False)
    assert {"Kubernetes", "Argo"} <= {term.term for term in tailored.key_terms}
    assert "Argo" in tailored.missing_terms
    assert "Kubernetes" not in tailored.missing_terms  # "Deployed … on Kubernetes"


NURSE = """
basics: {name: "Dana Reyes, RN, BSN", label: Registered Nurse}
experience:
  - company: Mercy Hospital
    title: Charge Nurse
    start: 2019
    bullets:
      - Served as Epic go-live super user for 40 nurses on a telemetry unit.
      - Built Tableau and Power BI dashboards from Clarity SQL extracts of falls data.
"""


def test_missing_keywords_never_list_what_the_resume_already_names(tmp_path: Path):
    # Credentials in the name line, a slash-joined tool list, case, spacing and plurals.
    job = write(
        tmp_path / "job.txt",
        "Clinical Informatics Analyst\nAcme Health\n\n"
        "Requirements\n- RN and BSN required\n- Reporting in Tableau/Power BI and "
        "CLARITY\n- Build PowerBI dashboards and SQL queries\n"
        "- Experience with HL7 interfaces\n",
    )
    tailored = tailor_job(parse_resume(NURSE), str(job), FakeEmbedder(), render=False)
    named = {term.term for term in tailored.key_terms}
    assert {"RN", "BSN", "HL7"} <= named
    missing = set(tailored.missing_terms)
    assert "HL7" in missing  # the résumé never names it: the check can fail
    assert not missing & {"RN", "BSN", "Tableau/Power", "CLARITY", "PowerBI", "SQL", "dashboards"}


def test_the_summary_closest_to_the_job_is_used(tmp_path: Path):
    resume = parse_resume("""\
basics: {name: Ada}
summaries:
  - Pastry chef who bakes bread and cakes.
  - Engineer who builds model serving platforms.
experience: [{company: X, title: Y, start: 2020, bullets: [Built model serving.]}]
""")
    job = write(
        tmp_path / "job.txt", "Engineer\nAcme\n\nRequirements\n- Build model serving platforms\n"
    )
    tailored = tailor_job(resume, str(job), FakeEmbedder(), render=False)
    assert tailored.resume.summary == ("Engineer who builds model serving platforms.",)


def test_an_empty_job_is_a_user_error(resume, tmp_path: Path):
    job = write(tmp_path / "job.txt", "  \n")
    with pytest.raises(UserError, match="the job description is empty"):
        tailor_job(resume, str(job), FakeEmbedder())


def test_export_keeps_every_bullet_in_resume_order_or_the_first_that_fit(resume):
    whole = export_resume(resume)
    order = [b.id for b in resume.bullets()]
    assert list(whole.page.kept) == order and whole.pages == 2
    one_page = export_resume(resume, one_page=True)
    assert one_page.pages == 1 and one_page.page.cut
    assert list(one_page.page.kept) == [i for i in order if i in one_page.page.kept]
    assert whole.docx and one_page.docx


def test_export_one_page_shows_no_role_whose_bullets_were_all_cut(resume):
    """`export --one-page` keeps bullets in résumé order, so the oldest roles lose theirs
    first. A role whose every bullet was cut leaves the page and is named, rather than showing
    as a title line without any of the lines the résumé gives it."""
    page = export_resume(resume, one_page=True).page
    shown = [block.text for block in page.blocks if block.kind == "entry"]
    emptied = [
        role.label
        for role in resume.experience
        if role.evidence and not any(b.id in page.kept for b in role.evidence)
    ]
    assert emptied == ["Intern, Geo Startup GmbH"]  # its one bullet did not fit
    assert not any(text.startswith(label) for text in shown for label in emptied)
    assert list(page.omitted_roles) == emptied


def test_job_sources_folders_expand_to_their_text_files(tmp_path: Path):
    for name in ("b.txt", "a.txt", "notes.md"):
        write(tmp_path / name, "Engineer\n")
    single = str(tmp_path / "a.txt")
    assert expand_jobs([str(tmp_path), single, "-"]) == [
        str(tmp_path / "a.txt"),
        str(tmp_path / "b.txt"),
        "-",
    ]


def test_job_sources_that_cannot_work(tmp_path: Path):
    with pytest.raises(UserError, match=r"no \.txt job descriptions"):
        expand_jobs([str(tmp_path)])
    with pytest.raises(UserError, match="stdin"):
        expand_jobs(["-", "-"])


def test_the_output_goes_beside_the_job():
    assert default_output("jobs/acme.txt") == Path("jobs/acme-resume.docx")
    assert default_output("-") == Path("tailored-resume.docx")


def test_a_result_is_built_by_name_never_by_position(resume):
    """Six values in a row, three of which may be None (docx, pdf, text_bottom), are too easy
    to swap; a Tailored takes every part by name, the rendered page's too."""
    page = export_resume(resume, one_page=True).page
    with pytest.raises(TypeError):
        Rendered(page, None, None, 1, "layout model", None)  # type: ignore[misc]
    rendered = Rendered(
        page=page, docx=None, pdf=None, pages=1, pages_checked_by="layout model", text_bottom=None
    )
    assert rendered.pages_checked_by == "layout model"
    tailored = tailor_job(resume, str(JOB), FakeEmbedder(), render=False)
    assert isinstance(tailored, Tailored) and tailored.docx is None and tailored.pages == 1
