"""What the user reads: the --json contract and the plain-text summaries, from a run with the fake
embedder (the words change with the model; the contract does not)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from tailor.job import LONG_POSTING_CHARS
from tailor.pipeline import tailor_job
from tailor.report import (
    EVIDENCE_CHARS,
    JSON_VERSION,
    as_json,
    evidence_text,
    explain_lines,
    scores_lines,
    summary_lines,
)
from tailor.resume_yaml import load_resume, parse_resume

from .conftest import RESUME, ROOT, FakeEmbedder
from .test_json_output import SCHEMA  # report.schema.json, which --json documents must meet

JOB = ROOT / "examples" / "jobs" / "ml-platform.txt"


@pytest.fixture(scope="module")
def tailored():
    return tailor_job(load_resume(RESUME), str(JOB), FakeEmbedder(), render=False)


def test_every_bullet_has_a_reason_that_says_kept_or_cut(tailored):
    reasons = tailored.reasons
    assert set(reasons) == {b.id for b in tailored.resume.bullets()}
    kept = set(tailored.page.kept)
    for bullet_id, reason in reasons.items():
        assert reason.startswith("kept: " if bullet_id in kept else "cut: "), reason
    total = len(tailored.ranking.scores)
    first = tailored.ranking.scores[0].bullet.id
    assert reasons[first] == f"kept: rank 1 of {total}"


def test_json_lists_every_bullet_best_first_with_its_evidence(tailored):
    report = as_json(tailored, Path("out.docx"))
    assert report["version"] == JSON_VERSION
    assert report["model"] == "fake-bag-of-words" and report["output"] == "out.docx"
    assert report["job"] == {
        "source": str(JOB),
        "title": tailored.job.title,
        "company": tailored.job.company,
    }
    bullets = report["bullets"]
    assert [b["id"] for b in bullets] == [s.bullet.id for s in tailored.ranking.scores]
    assert [b["selected"] for b in bullets] == [b["id"] in tailored.page.kept for b in bullets]
    assert report["selected"] + report["cut"] == len(bullets)
    units = {(u.text, u.line) for u in tailored.job.weighted_units}
    for bullet in bullets:
        assert bullet["evidence"] is None or (bullet["evidence"], bullet["evidence_line"]) in units
    assert {item["section"] for item in report["ignored"]} >= {"benefits"}


def test_json_says_which_items_are_an_entrys_summary_line_and_which_are_bullets():
    # An entry's summary line is ranked among the bullets; `kind` tells a script which is
    # which without parsing ids, and every item carries it.
    resume = parse_resume("""\
basics: {name: Ada}
experience:
  - company: Acme
    title: Engineer
    start: 2020
    summary: Ran the model serving platform for twenty product teams.
    bullets: [Cut hosting cost by 45% with shared model endpoints.]
projects:
  - name: Ledger
    summary: An open ledger for small shops.
    bullets: [Built the sync engine.]
awards: ["Best paper award, MLSys 2021"]
""")
    report = as_json(tailor_job(resume, str(JOB), FakeEmbedder(), render=False), None)
    jsonschema.validate(report, SCHEMA)
    assert {item["id"]: item["kind"] for item in report["bullets"]} == {
        "experience-1-summary": "summary",
        "experience-1-1": "bullet",
        "projects-1-summary": "summary",
        "projects-1-1": "bullet",
        "awards-1": "bullet",
    }


def test_json_gives_the_summary_on_the_page_and_the_ones_it_was_chosen_from():
    # A script comparing jobs wants to know which of the résumé's summaries each page uses.
    resume = parse_resume("""\
basics: {name: Ada}
summary: [Pastry chef who runs a busy kitchen.]
summaries:
  - Machine learning platform engineer who builds training pipelines and model serving.
experience:
  - {company: Acme, title: Engineer, start: 2020, bullets: [Built Kubeflow pipelines.]}
""")
    report = as_json(tailor_job(resume, str(JOB), FakeEmbedder(), render=False), None)
    jsonschema.validate(report, SCHEMA)
    assert report["summaries"] == [
        "Pastry chef who runs a busy kitchen.",
        "Machine learning platform engineer who builds training pipelines and model serving.",
    ]
    assert report["summary"] == report["summaries"][1]  # the ML job's closest


def test_the_schema_describes_every_field_of_a_listed_bullet(tailored):
    described = set(SCHEMA["$defs"]["bullet"]["properties"])
    for item in as_json(tailored, None)["bullets"]:
        assert set(item) == described, set(item) ^ described


def test_json_without_an_output_says_so(tailored):
    assert as_json(tailored, None)["output"] is None


def test_the_summary_says_where_it_went_and_what_matched(tailored):
    lines = summary_lines(tailored, Path("out.docx"))
    text = "\n".join(lines)
    kept, total = len(tailored.page.kept), len(tailored.resume.bullets())
    assert (
        f"Wrote out.docx: 1 page (Letter, checked by layout model), {kept} of {total} "
        "bullets kept" in text
    )
    assert "Top 5 matches:" in text
    assert lines[-1] == f"Every score and why: tailor scores {JOB}"
    assert "several postings long" not in text


def test_a_job_text_several_postings_long_gets_advice(tailored):
    long_job = replace(tailored.job, text="x" * (LONG_POSTING_CHARS + 1))
    text = "\n".join(summary_lines(replace(tailored, job=long_job), None))
    assert f"The job text is {LONG_POSTING_CHARS + 1:,} characters, several postings long" in text


def test_the_scores_table_has_a_row_per_bullet(tailored):
    lines = scores_lines(tailored)
    for rank, item in enumerate(tailored.ranking.scores, start=1):
        mark = "kept" if item.bullet.id in tailored.page.kept else "cut"
        assert any(
            line.startswith(f"{rank:>4}  {item.score:5.3f}  {mark:4}  {item.bullet.id} ")
            for line in lines
        ), item.bullet.id


def test_explain_shows_what_was_ignored_and_each_requirements_best_bullet(tailored):
    text = "\n".join(explain_lines(tailored))
    assert "Ignored (" in text and "[benefits]" in text
    assert "Requirements and the bullet that covers each best:" in text
    best = {r.best_bullet.id for r in tailored.ranking.requirements if r.best_bullet}
    assert any(f" {bullet_id}: " in text for bullet_id in best)


def test_a_report_quotes_a_sentence_of_evidence_however_long_the_posting_line():
    """Issue 21, item 13: each bullet quoted its evidence line whole, so a 1 MB one-line
    posting with 500 bullets made 385 MB of HTML and 382 MB of JSON. The quote is a window of
    at most EVIDENCE_CHARS around what the bullet shares with it."""
    import json

    from tailor.html_report import render_report
    from tailor.job import parse_job
    from tailor.report import report_data

    line = "We need Python, Kubernetes and Airflow experience for data pipelines " * 15_000
    # Read by the heading rules alone (read=True skips the learnt reader): the line must count,
    # whatever a reader makes of a sentence repeated 15,000 times.
    job = replace(parse_job(line), read=True)
    tailored = tailor_job(load_resume(RESUME), job, FakeEmbedder(), render=False)
    report = report_data(tailored, Path("out.docx"), "tailor job.txt")
    quoted = [b["evidence"] for b in report["bullets"] if b["evidence"]]
    assert len(quoted) > 10 and all(len(text) <= EVIDENCE_CHARS for text in quoted)
    assert any(text.endswith("…") for text in quoted)
    assert len(json.dumps(as_json(tailored, None))) < 2 * len(line)
    assert len(render_report(report)) < 2 * len(line)  # the posting itself is shown once


def test_the_evidence_window_is_around_the_shared_term_and_cut_at_words():
    unit = (
        " ".join(f"word{i}" for i in range(200))
        + " Kubernetes "
        + " ".join(f"more{i}" for i in range(200))
    )
    window = evidence_text(unit, ["kubernetes"], limit=120)
    assert len(window) <= 120 and "Kubernetes" in window
    assert window.startswith("…word") and window.endswith("…")
    assert all(
        part.startswith(("word", "more", "Kubernetes")) for part in window.strip("…").split()
    )  # no word cut in half
    assert evidence_text(unit, [], limit=120).startswith("word0 word1")  # no term: its start
    assert evidence_text("Short line.", ["x"]) == "Short line."
    assert len(evidence_text("x" * 5000, ["y"])) <= EVIDENCE_CHARS  # one endless word


def test_the_summary_explain_json_and_html_report_count_requirements_alike():
    """Issue 19, item 4: `scores --explain` said "no bullet covers well (10)" where the HTML
    report said 26. One rule (report.is_asked) and one count (report.coverage_counts)."""
    import re

    from tailor.html_report import render_report
    from tailor.report import (
        as_json,
        coverage_counts,
        explain_lines,
        report_data,
        summary_lines,
    )

    tailored = tailor_job(load_resume(RESUME), str(JOB), FakeEmbedder(), render=False)
    counts = coverage_counts(tailored)
    assert sum(counts.values()) > 5 and counts["not"] + counts["partly"] > 0
    assert as_json(tailored, None)["coverage"] == counts
    summary = "\n".join(summary_lines(tailored, None))
    assert (
        f"({counts['not'] + counts['partly']}: {counts['not']} not covered, "
        f"{counts['partly']} partly; {counts['covered']} covered)"
    ) in summary
    explained = "\n".join(explain_lines(tailored))
    assert (
        f"({counts['covered']} covered, {counts['partly']} partly, {counts['not']} not covered)"
    ) in explained
    html = render_report(report_data(tailored, None, "tailor job.txt"))
    shown = re.search(r"Requirements no bullet covers \((\d+)\)", html)
    assert shown and int(shown.group(1)) == counts["not"] + counts["partly"]


def test_an_evidence_line_is_never_a_heading_a_benefit_or_legal_text():
    tailored = tailor_job(load_resume(RESUME), str(JOB), FakeEmbedder(), render=False)
    evidence = [item.evidence for item in tailored.ranking.scores if item.evidence]
    assert evidence and all(
        unit.weight > 0
        and unit.section not in ("heading", "benefits", "salary", "legal", "apply", "header")
        for unit in evidence
    )
