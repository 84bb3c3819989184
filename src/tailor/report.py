"""What the user reads: the --json contract and the plain-text summaries, as data and lines.

The CLI prints these; keeping them here lets tests and scripts use the same contract.
"""

from __future__ import annotations

import functools
import re
import textwrap
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from tailor.errors import JSON_VERSION, counted
from tailor.job import LONG_POSTING_CHARS, MAX_UNITS, SECTION_WEIGHTS
from tailor.language import ENGLISH, Detected, Languages
from tailor.layout import Page, Theme
from tailor.model_store import DEFAULT_MODEL, MULTILINGUAL_MODEL, MULTILINGUAL_MODELS
from tailor.pipeline import Rendered, Tailored
from tailor.rank import RELATED_AT, Requirement
from tailor.resume import Resume


def as_json(tailored: Tailored, output: Path | None) -> dict[str, Any]:
    """The --json document: every bullet of the résumé, best first, chosen or not; an
    entry's summary line is ranked among them, with `kind` "summary"."""
    missing = set(tailored.missing_terms)
    kept = set(tailored.page.kept)
    reasons = tailored.reasons
    bullets = []
    for item in tailored.ranking.scores:
        bullets.append(
            {
                "id": item.bullet.id,
                "kind": item.bullet.kind,
                "section": item.bullet.section,
                "role": tailored.resume.context_of(item.bullet),
                "text": item.bullet.text,
                "score": item.score,
                "selected": item.bullet.id in kept,
                "evidence": evidence_text(item.evidence.text, item.matched_terms)
                if item.evidence
                else None,
                "evidence_line": item.evidence.line if item.evidence else None,
                "semantic": item.semantic,
                "lexical": item.lexical,
                "matched_terms": list(item.matched_terms),
                "skills": list(item.skills),
                "carried_by": item.carried_by if item.evidence else None,
                "reason": reasons[item.bullet.id],
            }
        )
    return {
        "version": JSON_VERSION,
        "job": {
            "source": tailored.job.source,
            "title": tailored.job.title,
            "company": tailored.job.company,
            **({"cut_at_line": tailored.job.cut_at_line} if tailored.job.cut_at_line else {}),
        },
        "model": tailored.model,
        "match": tailored.ranking.match,
        **_page_json(tailored, output),
        "summaries": list(tailored.summaries),
        "bullets": bullets,
        "requirements": [
            {
                "text": r.unit.text,
                "line": r.unit.line,
                "section": r.unit.section,
                "weight": r.unit.weight,
                "best_bullet": r.best_bullet.id if r.best_bullet else None,
                "similarity": r.similarity,
                "covered": r.covered,
                "coverage": coverage(r),
            }
            for r in tailored.ranking.requirements
        ],
        "coverage": coverage_counts(tailored),
        "key_terms": [
            {"term": t.term, "weight": t.weight, "in_resume": t.term not in missing}
            for t in tailored.key_terms
        ],
        "missing_terms": list(tailored.missing_terms),
        "ignored": [
            {"text": u.text, "line": u.line, "section": u.section}
            for u in tailored.job.ignored_units
        ],
        "overrides": {
            "keep": sorted(tailored.overrides.keep),
            "drop": sorted(tailored.overrides.drop),
        },
        "warnings": run_warnings(tailored),
    }


def export_json(exported: Rendered, output: Path | None) -> dict[str, Any]:
    """The --json document of `tailor export`: the report's shape (report.schema.json) for a
    page tailored to no job, so nothing was ranked, asked for or missed."""
    return {
        "version": JSON_VERSION,
        "job": {"source": "", "title": "", "company": ""},
        "model": "",
        "match": 0.0,
        **_page_json(exported, output),
        "bullets": [],
        "requirements": [],
        "key_terms": [],
        "missing_terms": [],
        "ignored": [],
        "overrides": {"keep": [], "drop": []},
        "warnings": page_warnings(exported.page),
    }


def _page_json(rendered: Rendered, output: Path | None) -> dict[str, Any]:
    page = rendered.page
    return {
        "output": str(output) if output else None,
        "pages": rendered.pages,
        "pages_checked_by": rendered.pages_checked_by,
        "paper": page.paper,
        "fill": round(page.fill, 3),
        "selected": len(page.kept),
        "cut": len(page.cut),
        "omitted_roles": list(page.omitted_roles),
        "omitted_projects": list(page.omitted_projects),
        "omitted_items": list(page.omitted_items),
        "summary": page.summary or None,
    }


def coverage(requirement: Requirement) -> str:
    """ "covered" (the best bullet evidences it), "partly" (it earns some match points, not
    enough to count as covered) or "not" (it earns none: nothing in the résumé is related)."""
    if requirement.covered:
        return "covered"
    return "partly" if requirement.similarity > RELATED_AT else "not"


def report_data(
    tailored: Tailored, output: Path | None, command: str, pdf: Path | None = None
) -> dict[str, Any]:
    """What the HTML report shows: the --json document (the same numbers), plus the posting
    as pasted, the page's lines as the layout model composed them, and the command to rerun."""
    data = as_json(tailored, output)
    data["pdf"] = str(pdf) if pdf else None
    data["posting"] = tailored.job.text.split("\n")
    data["page_blocks"] = [
        {
            "kind": block.kind,
            "right": block.right,
            "bullet_id": block.bullet_id,
            "runs": [
                {"text": run.text, "bold": run.bold, "italic": run.italic, "url": run.url}
                for run in block.runs
            ],
        }
        for block in tailored.page.blocks
    ]
    data["command"] = command
    return data


def page_warnings(page: Page) -> list[dict[str, Any]]:
    """What the page had to leave out, as warnings (an export has only these)."""
    return [{"code": "left-out", "message": f"left out {item}"} for item in page.omitted_items]


def run_warnings(tailored: Tailored) -> list[dict[str, Any]]:
    """What makes this run less trustworthy, each with a `code` and a `message` (--json's
    `warnings`; the CLI prints the messages on stderr)."""
    found = page_warnings(tailored.page)
    languages = tailored.languages
    if languages is not None and _unread(languages, tailored.model):
        found.append(
            {
                "code": "language",
                "message": language_message(languages, tailored.model),
                "resume_language": languages.resume.code,
                "job_language": languages.job.code,
            }
        )
    return found


def _unread(languages: Languages, model: str) -> Detected | None:
    """The text (résumé first) in a language the model does not read, if any."""
    read = MULTILINGUAL_MODELS.get(model, frozenset({ENGLISH}))
    return next(
        (
            text
            for text in (languages.resume, languages.job)
            if text.code is not None and text.code not in read
        ),
        None,
    )


def language_message(languages: Languages, model: str) -> str:
    """Which text is in a language the model does not read, by name, what that means for the
    match, and what to do."""
    resume, job = languages.resume, languages.job
    unread = _unread(languages, model) or (resume if resume.is_foreign else job)
    if resume.code == job.code:
        written = f"The résumé and the job are in {resume.name}"
    elif resume.code and job.code:
        written = f"The résumé is in {resume.name} and the job in {job.name}"
    else:
        written = f"The {'résumé' if unread is resume else 'job'} is in {unread.name}"
    if model == DEFAULT_MODEL:
        reads = f"{model} is an English model"
    elif model in MULTILINGUAL_MODELS:
        reads = f"{model} does not read {unread.name}"
    else:
        reads = f"{model} is not known to read {unread.name}"
    multilingual = MULTILINGUAL_MODELS[MULTILINGUAL_MODEL]
    if unread.code in multilingual and model not in MULTILINGUAL_MODELS:
        advice = (
            f"For {unread.name}, run with --model {MULTILINGUAL_MODEL}, one model for "
            f"{len(multilingual)} languages (pip install 'tailor-resume[multilingual]'), "
            "or tailor an English version of the résumé."
        )
    else:
        advice = (
            f"No model that tailor can run offline reads {unread.name}; tailor an "
            "English version of the résumé for a reliable match."
        )
    return f"{written}: {reads}, so the match and the ranking are unreliable for it. {advice}"


def summary_lines(
    tailored: Tailored, output: Path | None, pdf: Path | None = None, top: int = 5
) -> list[str]:
    """The short report after writing: where it went, the fit, the best matches."""
    lines = []
    if tailored.job.title:
        lines.append(
            f"{tailored.job.title}: match {tailored.ranking.match:.0f}/100 (model {tailored.model})"
        )
    lines += page_lines(tailored.resume, tailored, output, pdf)
    if len(tailored.job.text) > LONG_POSTING_CHARS:
        lines.append(
            f"The job text is {len(tailored.job.text):,} characters, several "
            "postings long. If that is a whole web page, keeping only the posting "
            "gives a sharper match and a faster run."
        )
    if tailored.job.cut_at_line:
        lines.append(
            f"Only the job's first {MAX_UNITS:,} sentences and bullets were read; "
            f"from line {tailored.job.cut_at_line:,} on, it was ignored."
        )
    if not tailored.ranking.scores:
        return lines
    lines.append(f"Top {min(top, len(tailored.ranking.scores))} matches:")
    for item in tailored.ranking.scores[:top]:
        lines.append(f"  {item.score:.2f}  {clip(item.bullet.text, 88)}")
        if item.evidence:
            lines.append(
                f'        ↳ job line {item.evidence.line}: "{clip(item.evidence.text, 78)}"'
            )
    counts = coverage_counts(tailored)
    uncovered = sorted(
        (r for r in asked(tailored) if coverage(r) != "covered"), key=lambda r: coverage(r) != "not"
    )  # the uncovered ones first
    if uncovered:
        lines.append(
            f"Requirements no bullet covers ({len(uncovered)}: {counts['not']} not "
            f"covered, {counts['partly']} partly; {counts['covered']} covered):"
        )
        lines += [
            f"  {'✗' if coverage(r) == 'not' else '◐'} {clip(r.unit.text, 88)}"
            for r in uncovered[:5]
        ]
    if tailored.missing_terms:
        lines.append(
            "Job keywords your résumé never mentions: " + ", ".join(tailored.missing_terms[:12])
        )
    lines.append(
        "Every score and why: tailor scores "
        + (tailored.job.source if tailored.job.source != "-" else "JOB")
    )
    return lines


def page_lines(
    resume: Resume, rendered: Rendered, output: Path | None, pdf: Path | None = None
) -> list[str]:
    """What was written and what the page left out or tightened: a run's summary and an
    export's."""
    page = rendered.page
    total = len(resume.bullets())
    lines = []
    if output:
        pages = f"{rendered.pages} page" + ("s" if rendered.pages != 1 else "")
        lines.append(
            f"Wrote {output}: {pages} ({page.paper.capitalize()}, checked by "
            f"{rendered.pages_checked_by}), {len(page.kept)} of "
            f"{counted(total, 'bullet')} kept, "
            f"{len(page.cut)} cut."
        )
    if pdf:
        lines.append(f"Wrote {pdf}.")
    for left_out, what in (
        (page.omitted_roles, ("older role", "older roles")),
        (page.omitted_projects, ("project", "projects")),
    ):
        if left_out:
            more = (
                f"; and {len(left_out) - 5} more (--json lists them)" if len(left_out) > 5 else ""
            )
            lines.append(
                f"Left out {len(left_out)} {what[len(left_out) > 1]} with no bullet "
                "on the page: "
                f"{'; '.join(left_out[:5])}{more}"
            )
    lines += [f"Warning: left out {item}." for item in page.omitted_items]
    if page.theme != Theme():
        lines.append(
            f"Tightened the layout to fit: body {page.theme.body_pt:g} pt, margins "
            f"{page.theme.margin_in:g} in."
        )
    return lines


def scores_lines(tailored: Tailored, width: int = 100) -> list[str]:
    """One row per bullet, best first: rank, score, chosen or cut, id, text and evidence."""
    kept = set(tailored.page.kept)
    reasons = tailored.reasons
    lines = [
        f"{tailored.job.title}: match {tailored.ranking.match:.0f}/100, "
        f"{len(kept)} kept, {len(tailored.page.cut)} cut",
        f"{'rank':>4}  {'score':>5}  {'page':4}  {'id':16}  bullet",
    ]
    for rank, item in enumerate(tailored.ranking.scores, start=1):
        mark = "kept" if item.bullet.id in kept else "cut"
        lines.append(
            f"{rank:>4}  {item.score:5.3f}  {mark:4}  {item.bullet.id:16}  "
            f"{clip(item.bullet.text, max(30, width - 38))}"
        )
        if reasons[item.bullet.id] in ("kept: --keep", "cut: --drop"):
            lines.append(f"{'':36}↳ {reasons[item.bullet.id]}")
        if item.evidence:
            terms = f" [{', '.join(item.matched_terms)}]" if item.matched_terms else ""
            lines.append(
                f"{'':36}↳ {item.carried_by:8} line {item.evidence.line}: "
                f"{clip(item.evidence.text, max(30, width - 57))}{terms}"
            )
    return lines


# Lines that ask nothing of the candidate, whatever weight they carry: the posting's title,
# header, headings, its blurb and overview, and what the reader left out (benefits, legal…).
NOT_ASKED = (
    "title",
    "about",
    "header",
    "overview",
    "heading",
    "fragment",
    "benefits",
    "salary",
    "legal",
    "apply",
)


def is_asked(section: str) -> bool:
    """Whether a job line of this section is a requirement proper (a duty, a must-have, a
    nice-to-have or an unlabelled line): the one rule the CLI, --json and the HTML report
    count requirements by."""
    return section not in NOT_ASKED


def asked(tailored: Tailored) -> list[Requirement]:
    """The job's requirements proper (see is_asked)."""
    return [r for r in tailored.ranking.requirements if is_asked(r.unit.section)]


def coverage_counts(tailored: Tailored) -> dict[str, int]:
    """How many of the job's requirements proper are covered, partly covered and not covered:
    the same three numbers wherever they are shown."""
    kinds = [coverage(r) for r in asked(tailored)]
    return {kind: kinds.count(kind) for kind in ("covered", "partly", "not")}


def clip(text: str, width: int) -> str:
    """`text` on at most `width` characters, spaces collapsed, cut after a whole word with "…".
    Only its start is read: clipping a 1 MB line costs what clipping a short one does."""
    head = text[: width * 4]
    if len(head) < len(text):
        head += " …"  # cut here already: the placeholder must show even if the head fits
    return textwrap.shorten(head, width=width, placeholder="…")


# What a report quotes of a bullet's evidence: about a sentence. The evidence is quoted once per
# bullet, so quoted whole a 1 MB one-line posting with 500 bullets made 385 MB of HTML.
EVIDENCE_CHARS = 300


def evidence_text(unit: str, terms: Iterable[str] = (), limit: int = EVIDENCE_CHARS) -> str:
    """The part of a job unit a report quotes as a bullet's evidence (in --json and the HTML
    report): all of it when it is sentence-sized, else at most `limit` characters around the
    first of the shared `terms` it names (or its start), cut at spaces, with "…" where cut."""
    if len(unit) <= limit:
        return unit
    lowered = _lowered(unit)
    found = [at for term in terms if term and (at := lowered.find(term.lower())) >= 0]
    size = limit - 2  # room for an ellipsis at each end
    matched = min(found, default=0)
    start = max(0, min(matched - size // 3, len(unit) - size))
    end = start + size
    if start:  # begin on a whole word when one starts close by
        space = unit.find(" ", start, min(start + 30, matched if found else end))
        start = space + 1 if space >= 0 else start
    if end < len(unit):
        space = unit.rfind(" ", max(start, end - 30), end)
        end = space if space > start else end
    return ("…" if start else "") + unit[start:end].strip() + ("…" if end < len(unit) else "")


@functools.lru_cache(maxsize=8)
def _lowered(text: str) -> str:
    """`text` lowercased for finding terms, where positions must stay those of `text`: a
    character whose lowercase is longer (İ) makes the positions drift, so then it is kept."""
    lowered = text.lower()
    return (
        lowered
        if len(lowered) == len(text)
        else re.sub(
            r".", lambda m: m[0].lower() if len(m[0].lower()) == 1 else m[0], text, flags=re.S
        )
    )


def explain_lines(tailored: Tailored) -> list[str]:
    """How tailor read the job: sections and weights, what it ignored, key terms, coverage."""
    job = tailored.job
    lines = [
        f"How tailor read {job.source if job.source != '-' else 'the job'}: "
        f'"{job.title}" at {job.company or "an unnamed company"}'
    ]
    counted: dict[str, int] = {}
    for unit in job.units:
        counted[unit.section] = counted.get(unit.section, 0) + 1
    lines.append(
        "Sections (lines, weight): "
        + ", ".join(
            f"{section} {count} ×{SECTION_WEIGHTS[section]:g}" for section, count in counted.items()
        )
    )
    if job.ignored_units:
        lines.append(f"Ignored ({len(job.ignored_units)} lines, weight 0):")
        lines += [f"  line {u.line:>3} [{u.section}] {clip(u.text, 80)}" for u in job.ignored_units]
    if tailored.key_terms:
        lines.append(
            "Key terms (weight; ✗ = not in your résumé): "
            + ", ".join(
                f"{t.term} {t.weight:g}" + (" ✗" if t.term in tailored.missing_terms else "")
                for t in tailored.key_terms
            )
        )
    ids = {b.id: b for b in tailored.resume.bullets()}
    lines.append("Requirements and the bullet that covers each best:")
    counts = coverage_counts(tailored)
    lines.append(
        f"  ({counts['covered']} covered, {counts['partly']} partly, {counts['not']} not covered)"
    )
    for requirement in asked(tailored):
        mark = {"covered": "✓", "partly": "◐", "not": "✗"}[coverage(requirement)]
        best = ids.get(requirement.best_bullet.id) if requirement.best_bullet else None
        lines.append(
            f"  {mark} line {requirement.unit.line:>3} [{requirement.unit.section}] "
            f"{clip(requirement.unit.text, 70)}"
        )
        if best:
            lines.append(f"        ↳ {requirement.similarity:.2f} {best.id}: {clip(best.text, 70)}")
    return lines
