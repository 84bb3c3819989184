"""Property tests: whatever people paste or type, tailor answers with a result or a clean error."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import docx
import pytest
import yaml
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

from tailor.errors import InvalidInput, UserError
from tailor.job import decode_job_bytes, parse_job
from tailor.layout import fit_page
from tailor.readback import verify_docx
from tailor.render import render_docx
from tailor.resume import Basics, Bullet, Entry, Resume
from tailor.resume_yaml import load_resume, parse_resume

from .conftest import RESUME
from .strategies import any_text, job_like_text, resume_shaped

FAST = settings(deadline=None)  # as many inputs as the profile says (conftest.py)


@FAST
@given(st.binary(max_size=2000))
def test_any_bytes_as_a_job_decode_or_fail_cleanly(raw: bytes):
    try:
        text = decode_job_bytes(raw, "job.txt")
    except UserError:
        return
    assert text.strip()
    parse_job(text)


@FAST
@given(job_like_text)
def test_any_text_parses_into_units_with_their_lines(text: str):
    job = parse_job(text)
    lines = text.split("\n")
    for unit in job.units:
        assert 1 <= unit.line <= len(lines)
        assert 0.0 <= unit.weight <= 1.0


@FAST
@given(resume_shaped)
def test_any_yaml_shaped_document_loads_or_reports_located_problems(document: dict):
    try:
        text = yaml.safe_dump(document, allow_unicode=True)
    except yaml.YAMLError:
        return
    try:
        resume = parse_resume(text)
    except InvalidInput as error:
        assert error.issues
        for issue in error.issues:
            assert issue.message and issue.file == "resume.yaml"
        return
    assert resume.basics.name and resume.bullets() is not None


@FAST
@given(st.text(max_size=400))
def test_any_text_as_resume_yaml_loads_or_reports(text: str):
    try:
        parse_resume(text)
    except InvalidInput as error:
        assert error.issues


def resume_with(bullet_texts: list[str]) -> Resume:
    bullets = tuple(
        Bullet(id=f"b{i}", text=text, section="experience", entry=0)
        for i, text in enumerate(bullet_texts)
    )
    role = Entry("experience", "Acme 🚀 שלום", "Engineer", None, None, None, None, bullets)
    return Resume(basics=Basics(name="Ada \u202eLovelace"), experience=(role,))


bullet_text = st.one_of(any_text.filter(str.strip), st.text("x", min_size=200, max_size=2000))


@settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(bullet_text, min_size=1, max_size=30))
def test_any_bullet_text_gives_a_valid_docx(bullet_texts: list[str]):
    resume = resume_with(bullet_texts)
    try:
        page = fit_page(resume, [b.id for b in resume.bullets()])
    except UserError as error:
        assert "does not fit on one page" in str(error)
        reject()  # not what this test is about; hypothesis fails if it finds nothing else
    data = render_docx(page, "Ada", "résumé")
    verify_docx(data, page)
    assert docx.Document(io.BytesIO(data)).paragraphs[0].text


@pytest.mark.slow
@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(bullet_texts=st.lists(bullet_text, min_size=5, max_size=40))
def test_odd_bullet_text_still_renders_to_one_page(bullet_texts: list[str], soffice: str):
    from tailor.pagecheck import check_docx

    resume = resume_with(bullet_texts)
    try:
        page = fit_page(resume, [b.id for b in resume.bullets()])
    except UserError as error:
        assert "does not fit on one page" in str(error)
        reject()  # not what this test is about; hypothesis fails if it finds nothing else
    assert check_docx(render_docx(page, "Ada", "résumé")).pages == 1


@pytest.mark.slow
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=job_like_text)
def test_any_job_text_gives_a_docx_or_a_clean_error(text: str, embedder):
    from tailor.pipeline import tailor_job

    with tempfile.TemporaryDirectory() as folder:
        job = Path(folder) / "job.txt"
        job.write_text(text, encoding="utf-8", errors="surrogatepass")
        try:
            tailored = tailor_job(load_resume(RESUME), str(job), embedder)
        except UserError as error:
            assert any(why in str(error) for why in ("empty", "looks like", "has no words"))
            return
        assert tailored.docx and tailored.page.estimated_pages == 1
        assert len(tailored.ranking.scores) == 34  # every bullet of the résumé, ranked
