"""Exactly one page, proven by LibreOffice, for résumés short and long; read back after writing."""

from __future__ import annotations

import copy
import io

import docx
import pytest
import yaml

from tailor.layout import TIGHTER_THEMES, Theme, fit_page, full_page
from tailor.pagecheck import check_docx
from tailor.readback import ReadbackError, verify_docx
from tailor.render import render_docx
from tailor.resume_yaml import parse_resume

from .conftest import RESUME


def resume_data() -> dict:
    """The tests' résumé as plain data, to change before parsing."""
    return yaml.safe_load(RESUME.read_text(encoding="utf-8"))


def longer_resume(times: int):
    """The tests' résumé with its experience repeated `times` times, each copy older."""
    data = resume_data()
    roles = []
    for copy_index in range(times):
        for role in data["experience"]:
            role = copy.deepcopy(role)
            for key in ("start", "end"):
                value = str(role.get(key, ""))
                if value[:4].isdigit():
                    role[key] = f"{int(value[:4]) - 12 * copy_index}{value[4:]}"
                elif value.startswith("Summer"):
                    role[key] = f"Summer {2015 - 12 * copy_index}"
            for bullet in role["bullets"]:
                bullet["id"] += f"-{copy_index}"
            if copy_index and role.get("end") == "present":
                role["end"] = f"{2024 - 12 * copy_index}-01"
            roles.append(role)
    data["experience"] = roles
    return parse_resume(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def short_resume():
    data = resume_data()
    data["experience"] = data["experience"][:2]
    for role in data["experience"]:
        role["bullets"] = role["bullets"][:2]
    for key in ("open_source", "awards", "publications", "education"):
        data.pop(key)
    return parse_resume(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))


def rendered(page) -> bytes:
    return render_docx(page, "Ines Moreau", "résumé")


@pytest.mark.slow
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_resume_of_over_a_hundred_bullets_still_fits_one_page(paper: str, soffice: str):
    resume = longer_resume(4)
    assert len(resume.bullets()) > 100
    page = fit_page(resume, [b.id for b in resume.bullets()], paper=paper)
    check = check_docx(rendered(page))
    assert check.pages == 1
    assert check.bottom is not None and check.bottom >= 0.85
    # The page says which roles were left out; none disappear silently.
    start = next(i for i, b in enumerate(page.blocks) if b.text == "Experience") + 1
    end = next(i for i, b in enumerate(page.blocks) if i >= start and b.kind == "heading")
    shown = sum(1 for block in page.blocks[start:end] if block.kind == "entry")
    assert shown + len(page.omitted_roles) == len(resume.experience)
    assert len(page.kept) >= 15  # the page is bullets, not a list of bare titles


@pytest.mark.slow
def test_a_very_short_resume_stays_one_page_and_is_not_stretched(soffice: str):
    resume = short_resume()
    page = fit_page(resume, [b.id for b in resume.bullets()])
    assert page.cut == () and page.theme == Theme()
    check = check_docx(rendered(page))
    assert check.pages == 1
    assert check.bottom is not None and check.bottom < 0.6


@pytest.mark.slow
def test_export_of_the_whole_resume_runs_over_one_page(resume, soffice: str):
    page = full_page(resume)
    assert page.estimated_pages == 2
    assert check_docx(rendered(page)).pages == 2


def test_layout_tightens_only_when_the_required_content_does_not_fit():
    data = resume_data()
    for role in data["experience"] + data["open_source"][:1]:  # more than the page holds
        for bullet in role["bullets"]:
            bullet["pin"] = True
    pinned = parse_resume(yaml.safe_dump(data, allow_unicode=True, sort_keys=False))
    page = fit_page(pinned, [b.id for b in pinned.bullets()])
    assert page.theme in TIGHTER_THEMES
    assert all(b.id in page.kept for b in pinned.bullets() if b.pin)
    assert page.theme.body_pt >= 10 and page.theme.margin_in >= 0.5


def test_readback_accepts_the_rendered_page(resume):
    page = fit_page(resume, [b.id for b in resume.bullets()])
    verify_docx(rendered(page), page)


def test_readback_catches_a_missing_bullet_and_a_wrong_heading(resume):
    page = fit_page(resume, [b.id for b in resume.bullets()])
    document = docx.Document(io.BytesIO(rendered(page)))
    bullets = [p for p in document.paragraphs if p.style.name == "List Bullet"]
    bullets[3]._p.getparent().remove(bullets[3]._p)
    next(p for p in document.paragraphs if p.text == "Skills").runs[0].text = "Talents"
    buffer = io.BytesIO()
    document.save(buffer)
    with pytest.raises(ReadbackError) as caught:
        verify_docx(buffer.getvalue(), page)
    assert "bullets differ" in str(caught.value) and "headings" in str(caught.value)
