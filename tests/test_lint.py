"""Advice on bullets before any job: weak openers, no numbers, too long, near-repeats."""

from __future__ import annotations

from tailor.lint import lint_resume
from tailor.resume_yaml import parse_resume


def advice_for(yaml_text: str) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for advice in lint_resume(parse_resume(yaml_text)):
        found.setdefault(advice.bullet.id, []).append(advice.message)
    return found


def test_weak_openers_and_unmeasured_results_in_roles_not_in_awards():
    found = advice_for("""\
basics: {name: Ada}
experience:
  - company: Acme
    title: Engineer
    start: 2020
    bullets:
      - {id: weak, text: Helped the team ship a billing system.}
      - {id: strong, text: Cut billing errors by 40% with a reconciliation job.}
awards:
  - {id: award, text: Helped organise the city hackathon}
""")
    assert any('weak verb "helped"' in m for m in found["weak"])
    assert any("no measurable result" in m for m in found["weak"])
    assert "strong" not in found and "award" not in found


def test_a_bullet_that_wraps_past_two_lines_is_flagged():
    long = "Built " + "a very long and winding sentence about the work, " * 8 + "in 2020."
    found = advice_for(f"""\
basics: {{name: Ada}}
experience: [{{company: A, title: B, start: 2020, bullets: [{{id: long, text: "{long}"}}]}}]
""")
    assert any(m.startswith("wraps to ") and "two at most" in m for m in found["long"])


def test_a_near_repeat_names_the_bullet_it_repeats():
    found = advice_for("""\
basics: {name: Ada}
experience:
  - company: A
    title: B
    start: 2020
    bullets:
      - {id: first, text: Led adoption of Kubeflow Pipelines for 20 models.}
      - {id: again, text: Led the adoption of Kubeflow Pipelines for 20 models.}
""")
    assert any("nearly repeats first" in m for m in found["again"])
    assert not any("nearly repeats" in m for m in found.get("first", []))


def test_the_tests_resume_gets_its_known_advice(resume):
    advice = {(a.bullet.id, a.message.split(";")[0]) for a in lint_resume(resume)}
    assert ("northwind-6", 'opens with the weak verb "worked"') in advice
    assert not any(bullet_id == "harbor-senior-2" for bullet_id, _ in advice)  # "by 45%"


def test_a_summary_line_is_measured_as_the_page_sets_it_not_as_a_bullet():
    # A role's summary is an italic line across the whole width, a bullet is indented: a
    # sentence can wrap to three lines as a bullet and to two as a summary line.
    from tailor.layout import DEFAULT_PAPER, Run, Theme, block_style, count_lines, text_width

    theme = Theme()
    words = "Owned the payments platform and its many moving parts across teams".split()

    def lines(kind: str, text: str) -> int:
        style = block_style(kind, theme)
        return count_lines(
            (Run(text, italic=kind == "text"),),
            text_width(theme, DEFAULT_PAPER) - style.left_indent_pt,
            style.size_pt,
        )

    text = next(
        text
        for n in range(10, 80)
        if (text := " ".join((words * 10)[:n]) + ".")
        and (lines("bullet", text), lines("text", text)) == (3, 2)
    )
    found = advice_for(f"""\
basics: {{name: Ada}}
experience:
  - {{company: A, title: B, start: 2020, summary: "{text}", bullets: ["{text}"]}}
""")
    assert any(m.startswith("wraps to 3 lines") for m in found["experience-1-1"])
    assert not any(m.startswith("wraps to") for m in found.get("experience-1-summary", []))


def test_halving_doubling_and_tenfold_are_measurable_results():
    """Issue 21, item 23: "Halving" was advised to add a measurable result."""
    found = advice_for("""\
basics: {name: Ada}
experience:
  - company: Acme
    title: Engineer
    start: 2020
    bullets:
      - {id: halving, text: Cut release time by halving the build.}
      - {id: halved, text: Halved support tickets with better docs.}
      - {id: doubling, text: Grew sign-ups by doubling the referral bonus.}
      - {id: tenfold, text: Sped up the nightly job tenfold.}
      - {id: none, text: Rewrote the build scripts.}
""")
    assert set(found) == {"none"}
