"""The layout model: line wrapping from real font metrics, and the fit to one page."""

from __future__ import annotations

import dataclasses

import pytest

from tailor.errors import UserError
from tailor.layout import (
    RECENT_ROLES,
    Run,
    Theme,
    compose,
    count_lines,
    fit_page,
    font_metrics,
    measure,
)
from tailor.resume import parse_resume


def test_carlito_widths_are_real_metrics():
    metrics = font_metrics()
    assert metrics.units_per_em == 2048
    assert metrics.line_height == pytest.approx(1.2207, abs=1e-3)  # Calibri's 1.22 em
    # "W" is wider than "i", bold wider than regular.
    assert metrics.width("W", 10) > 3 * metrics.width("i", 10)
    assert metrics.width("Model hosting", 10, bold=True) > metrics.width("Model hosting", 10)


def test_lines_wrap_at_the_width():
    words = tuple([Run("word " * 40)])
    one_line = metrics_width = font_metrics().width("word " * 40, 10.5)
    assert count_lines(words, one_line + 1, 10.5) == 1
    assert count_lines(words, metrics_width / 2 + 1, 10.5) == 2
    assert count_lines(words, metrics_width / 4 + 1, 10.5) == 4


def test_a_word_wider_than_the_line_is_broken():
    assert count_lines((Run("x" * 400),), 100, 10.5) > 5


def test_everything_fits_a_short_resume(resume):
    short = dataclasses.replace(resume, experience=resume.experience[:2], open_source=(),
                                awards=(), publications=())
    ids = [b.id for b in short.bullets()]
    page = fit_page(short, ids)
    assert page.cut == ()
    assert set(page.kept) == set(ids)
    assert page.fill < 0.7  # not stretched to fill the page


def test_the_least_wanted_bullets_are_cut_first(resume):
    priority = [b.id for b in resume.bullets()]
    page = fit_page(resume, priority)
    assert page.cut, "the tests' résumé has more than a page of bullets"
    assert page.height_pt <= page.usable_pt
    # Everything kept beyond the protected bullets comes before the first cut one, except
    # shorter later bullets that filled the last gap.
    first_cut = priority.index(page.cut[0])
    assert set(priority[:first_cut]) <= set(page.kept)


def test_recent_roles_keep_their_best_bullet_however_low_it_ranks(resume):
    # Rank the three most recent roles' bullets last: each still keeps its best one.
    recent = {b.id for entry in resume.experience[:RECENT_ROLES] for b in entry.bullets}
    priority = [b.id for b in resume.bullets() if b.id not in recent] + \
               [b.id for b in resume.bullets() if b.id in recent]
    page = fit_page(resume, priority)
    for entry in resume.experience[:RECENT_ROLES]:
        assert any(b.id in page.kept for b in entry.bullets), entry.label


def test_every_role_stays_on_the_page(resume):
    page = fit_page(resume, [b.id for b in resume.bullets()])
    entry_lines = [block.text for block in page.blocks if block.kind == "entry"]
    for entry in resume.experience:
        assert any(entry.organization in line for line in entry_lines), entry.label


def test_kept_bullets_keep_resume_order(resume):
    priority = list(reversed([b.id for b in resume.bullets()]))
    page = fit_page(resume, priority)
    order = [b.id for b in resume.bullets()]
    assert list(page.kept) == sorted(page.kept, key=order.index)


def test_a4_and_letter_are_both_filled(resume):
    priority = [b.id for b in resume.bullets()]
    for paper in ("letter", "a4"):
        page = fit_page(resume, priority, paper=paper)
        assert 0.85 <= page.fill <= 1.0, (paper, page.fill)


def test_pinned_content_that_cannot_fit_is_an_error_not_two_pages():
    bullets = "\n".join(f"      - {{text: 'Bullet {i} {'long words ' * 12}', pin: true}}"
                        for i in range(80))
    resume = parse_resume(f"""\
basics: {{name: Ada}}
experience:
  - company: X
    title: Y
    start: 2020
    bullets:
{bullets}
""")
    with pytest.raises(UserError, match="does not fit on one page"):
        fit_page(resume, [b.id for b in resume.bullets()])


def test_unknown_paper_is_a_user_error(resume):
    with pytest.raises(UserError, match="paper size"):
        fit_page(resume, [], paper="legal")


def test_measure_grows_with_content(resume):
    theme = Theme()
    ids = [b.id for b in resume.bullets()]
    heights = [measure(compose(resume, set(ids[:n])), theme, "letter") for n in (0, 10, 30)]
    assert heights == sorted(heights) and heights[0] < heights[2]


def test_certifications_are_a_section_of_their_own_ranked_like_bullets():
    resume = parse_resume("""
basics: {name: Ada}
experience:
  - {company: Acme, title: Engineer, start: 2020, bullets: [Built the data platform.]}
certifications: ["Certified Kubernetes Administrator, CNCF (2023)"]
awards: [Hackathon winner (2019)]
""")
    assert [(b.id, b.section) for b in resume.bullets()][1:] == [
        ("certifications-1", "certifications"), ("awards-1", "awards")]
    page = fit_page(resume, [b.id for b in resume.bullets()])
    headings = [b.runs[0].text for b in page.blocks if b.kind == "heading"]
    assert headings == ["Experience", "Certifications", "Awards"]


def test_a_kept_bullet_is_on_the_page_however_low_it_ranks(resume):
    priority = [b.id for b in resume.bullets()]
    last = fit_page(resume, priority).cut[-1]  # the least wanted bullet of all
    page = fit_page(resume, priority, keep={last})
    assert last in page.kept
    assert page.height_pt <= page.usable_pt


def test_a_dropped_bullet_is_off_the_page_even_when_pinned_and_counts_as_cut(resume_path):
    import yaml

    data = yaml.safe_load(resume_path.read_text(encoding="utf-8"))
    role = data["experience"][1]
    role["bullets"][0]["pin"] = True
    resume = parse_resume(yaml.safe_dump(data, allow_unicode=True))
    pinned = next(b for b in resume.bullets() if b.pin)
    assert pinned.id in fit_page(resume, [b.id for b in resume.bullets()]).kept
    priority = [b.id for b in resume.bullets()]
    page = fit_page(resume, priority, drop={pinned.id})
    assert pinned.id not in page.kept
    assert pinned.id in page.cut
    assert sorted(page.kept + page.cut) == sorted(priority)


def test_dropping_a_recent_roles_best_bullet_keeps_its_next_best(resume):
    entry = resume.experience[0]
    priority = [b.id for b in entry.bullets] + [b.id for b in resume.bullets()
                                                 if b not in entry.bullets]
    best = entry.bullets[0].id
    page = fit_page(resume, priority[::-1], drop={best})  # the role's bullets ranked last
    assert best not in page.kept
    assert any(b.id in page.kept for b in entry.bullets[1:]), entry.label


STRUCTURED = """
basics: {name: Ada}
experience:
  - company: Acme
    title: Engineer
    start: 2020
    summary: Led the data platform team of six.
    bullets: [Built the data platform., Cut costs by 30%.]
volunteer:
  - {organization: Code Club, title: Mentor, start: 2019, bullets: [Taught Python to kids.]}
publications:
  - {title: Streaming at Scale, publisher: Ledgerline Blog, date: 2022-08,
     summary: How settlement went streaming.}
skills:
  - {name: Languages, items: [Python, Go]}
  - {name: Kubernetes, level: Expert}
  - {name: Terraform}
interests: [{name: Chess, keywords: [Blitz]}]
references: [{name: Grace Hopper, relationship: Manager, email: grace@example.com}]
"""


def _texts(page, kind: str) -> list[str]:
    return [block.text for block in page.blocks if block.kind == kind]


def test_a_role_summary_is_its_own_line_under_the_title_when_kept():
    resume = parse_resume(STRUCTURED)
    everything = fit_page(resume, [b.id for b in resume.bullets()])
    assert "Led the data platform team of six." in _texts(everything, "text")
    assert "Led the data platform team of six." not in _texts(everything, "bullet")
    line = next(b for b in everything.blocks if b.bullet_id == "experience-1-summary")
    assert line.runs[0].italic
    assert everything.kept[:3] == ("experience-1-summary", "experience-1-1", "experience-1-2")
    without = compose(resume, {"experience-1-1"})
    assert not any(block.bullet_id == "experience-1-summary" for block in without)


def test_volunteering_publications_and_single_skills_as_a_recruiter_reads_them():
    resume = parse_resume(STRUCTURED)
    page = fit_page(resume, [b.id for b in resume.bullets()])
    assert _texts(page, "heading") == ["Experience", "Volunteering", "Publications", "Skills"]
    assert "Streaming at Scale. Ledgerline Blog, Aug 2022." in _texts(page, "bullet")
    assert _texts(page, "text")[-2:] == ["Languages: Python, Go", "Kubernetes, Terraform"]
    assert not any("Expert" in text or "Chess" in text or "Grace" in text
                   for text in _texts(page, "text"))  # levels, interests, references: kept


def test_interests_and_references_are_shown_when_asked():
    resume = parse_resume(STRUCTURED + "show: [interests, references]\n")
    page = fit_page(resume, [b.id for b in resume.bullets()])
    assert _texts(page, "heading")[-2:] == ["Interests", "References"]
    assert _texts(page, "text")[-2:] == ["Chess (Blitz)",
                                         "Grace Hopper, Manager (grace@example.com)"]
