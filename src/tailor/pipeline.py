"""The whole path, one step after another: parse → embed → score → select → fit → render.

`tailor_job` tailors one job for a loaded résumé and embedder; the CLI calls it once per job,
and so can any Python caller. `render_page` turns any fitted page into files (`export_resume`
uses it with no job). Nothing here prints or exits; progress goes through the `progress`
callback.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from tailor.embed import Embedder
from tailor.errors import UserError
from tailor.job import Job, load_job
from tailor.keywords import KeyTerm, key_terms, missing_terms
from tailor.language import Languages, detect_languages
from tailor.layout import DEFAULT_PAPER, Page, fit_in_resume_order, fit_page, full_page
from tailor.model_store import DEFAULT_MODEL
from tailor.progress import Progress, silent
from tailor.rank import Ranking, bullet_texts, contexts_of, rank_bullets
from tailor.reading import read_job
from tailor.resume import Resume, one_paragraph
from tailor.selection import (
    Overrides,
    bullet_reasons,
    closest_summary,
    order_skills,
    priority_order,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class Rendered:
    """A fitted page as files: the DOCX, the PDF, and how many pages they came to. Built by
    name only (as is Tailored): six positional values of which three may be None are too easy
    to swap."""

    page: Page
    docx: bytes | None  # None when only scores were asked for
    pdf: bytes | None  # with make_pdf or check_pages
    pages: int
    pages_checked_by: str  # "layout model" (predicted) or "LibreOffice" (rendered)
    text_bottom: float | None  # from LibreOffice: lowest text line, fraction of page height


@dataclass(frozen=True, slots=True, kw_only=True)
class Tailored(Rendered):
    """A page tailored to one job: the rendered page, and the ranking and reasons behind it."""

    resume: Resume
    job: Job
    model: str
    ranking: Ranking
    key_terms: tuple[KeyTerm, ...] = ()  # the job's skills and tools, most weighted first
    missing_terms: tuple[str, ...] = ()  # key terms the résumé never names
    overrides: Overrides = field(default_factory=Overrides)  # --keep / --drop for this run
    languages: Languages | None = None  # what the résumé and the job are written in
    reasons: dict[str, str] = field(default_factory=dict)  # bullet id -> why kept or cut
    # The summary and its alternatives as resume.yaml offers them; `resume` holds the one
    # chosen for this job, and `page.summary` what the page shows of it.
    summaries: tuple[str, ...] = ()


def tailor_job(
    resume: Resume,
    job: Job | str,
    embedder: Embedder,
    *,
    paper: str = DEFAULT_PAPER,
    overrides: Overrides | None = None,
    render: bool = True,
    check_pages: bool = False,
    make_pdf: bool = False,
    progress: Progress = silent,
) -> Tailored:
    """Tailor the résumé to one job: rank every bullet, fit one page, and render it.

    The one path for every caller: the CLI loads the résumé and the embedder once and calls
    this per job. `job` is a parsed Job or its source (a path, or "-" for stdin). `overrides`
    (from selection.check_overrides) overrule the selection for this run: kept bullets are on the
    page like pinned ones, dropped ones are not.

    Raises:
        UserError: a bad job, content that cannot fit one page, or a page LibreOffice lays
            out on more than one.
    """
    job = job if isinstance(job, Job) else load_job(job)
    overrides = overrides or Overrides()
    bullets = resume.reading_order()  # most recent first: a place is one of the signals
    contexts = contexts_of(resume)
    offered = tuple(summary_candidates(resume))
    # Embedded in the background, where the embedder can, while the CPU work below goes on.
    embedder.prepare(
        [unit.text for unit in job.units] + bullet_texts(bullets, contexts) + list(offered)
    )
    job = read_posting(job, embedder)
    if render or check_pages or make_pdf:
        import docx  # noqa: F401 - imported now, while the model works, not after
    progress(f"Ranking {len(bullets)} bullets against {len(job.weighted_units)} lines of the job…")
    all_terms = key_terms(job, limit=None)
    languages = detect_languages(
        [bullet.text for bullet in bullets] + list(offered), [unit.text for unit in job.units]
    )
    # The match allows for two languages as all-MiniLM-L6-v2, an English model, reads them (its
    # similarities run low across languages); a multilingual model needs no allowance.
    ranking = rank_bullets(
        bullets,
        job,
        embedder,
        contexts,
        languages_differ=languages.differ and embedder.name == DEFAULT_MODEL,
    )
    terms = tuple(all_terms[:25])
    missing = missing_terms(resume, list(terms))
    resume = tailor_sections(resume, job, embedder, all_terms)
    page = fit_page(
        resume, priority_order(ranking), paper=paper, keep=overrides.keep, drop=overrides.drop
    )
    rendered = render_page(
        page,
        resume.basics.name,
        f"{resume.basics.name} – résumé for {job.title}",
        docx=render,
        check_pages=check_pages,
        make_pdf=make_pdf,
        progress=progress,
    )
    if rendered.pages != 1:
        raise UserError(
            f"{job.source}: LibreOffice laid the résumé out on {rendered.pages} "
            "pages; nothing was written. This is a bug in the layout model: please "
            "report it with your resume.yaml."
        )
    return Tailored(
        **{part.name: getattr(rendered, part.name) for part in fields(Rendered)},
        resume=resume,
        job=job,
        model=embedder.name,
        ranking=ranking,
        key_terms=terms,
        missing_terms=missing,
        overrides=overrides,
        languages=languages,
        reasons=bullet_reasons(ranking, page.kept, overrides),
        summaries=offered,
    )


def read_posting(job: Job, embedder: Embedder | None = None) -> Job:
    """The posting read like a recruiter: each unit's section and weight from the learnt
    reader (reading.py), which sees the unit's words, place and heading, and its vector when
    the embedder is the model it was learnt with. What every caller of tailor_job gets."""
    return read_job(job, embedder)


def tailor_sections(
    resume: Resume, job: Job, embedder: Embedder, terms: list[KeyTerm] | None = None
) -> Resume:
    """The résumé with its skills ordered for the job and its closest summary chosen."""
    summary = closest_summary(summary_candidates(resume), job, embedder)
    return replace(
        resume,
        skills=order_skills(resume.skills, job, terms),
        summary=(summary,) if summary else (),
    )


def summary_candidates(resume: Resume) -> list[str]:
    """The summary and its alternatives, of which the one closest to the job is used."""
    return ([one_paragraph(resume.summary)] if resume.summary else []) + list(resume.summaries)


def export_resume(
    resume: Resume,
    *,
    paper: str = DEFAULT_PAPER,
    one_page: bool = False,
    check_pages: bool = False,
    make_pdf: bool = False,
    progress: Progress = silent,
) -> Rendered:
    """The whole résumé, untailored, in résumé order: every bullet (it may span pages), or with
    `one_page` the earliest-listed bullets that fit. Needs no model."""
    page = fit_in_resume_order(resume, paper) if one_page else full_page(resume, paper)
    return render_page(
        page,
        resume.basics.name,
        f"{resume.basics.name} – résumé",
        check_pages=check_pages,
        make_pdf=make_pdf,
        progress=progress,
    )


def render_page(
    page: Page,
    author: str,
    title: str,
    *,
    docx: bool = True,
    check_pages: bool = False,
    make_pdf: bool = False,
    progress: Progress = silent,
) -> Rendered:
    """The fitted page as a DOCX (checked by reading it back), and with check_pages or make_pdf
    as a PDF from LibreOffice, which also counts the pages. Without any, the layout model's
    prediction is the page count."""
    document = pdf = bottom = None
    pages, checked_by = page.estimated_pages, "layout model"
    if docx or check_pages or make_pdf:
        from tailor.readback import verify_docx
        from tailor.render import render_docx

        document = render_docx(page, author=author, title=title)
        verify_docx(document, page)
    if document is not None and (check_pages or make_pdf):
        from tailor.files import sign_pdf
        from tailor.pagecheck import check_pdf, docx_to_pdf

        progress("Rendering with LibreOffice…")
        pdf = sign_pdf(docx_to_pdf(document))
        check = check_pdf(pdf)
        pages, checked_by, bottom = check.pages, "LibreOffice", check.bottom
    return Rendered(
        page=page,
        docx=document,
        pdf=pdf,
        pages=pages,
        pages_checked_by=checked_by,
        text_bottom=bottom,
    )


def expand_jobs(arguments: list[str]) -> list[str]:
    """Job sources from the command line: files as given, folders as their .txt files."""
    sources: list[str] = []
    for argument in arguments:
        path = Path(argument)
        if argument != "-" and path.is_dir():
            found = sorted(str(p) for p in path.glob("*.txt"))
            if not found:
                raise UserError(f"{argument}: a folder with no .txt job descriptions in it.")
            sources += found
        else:
            sources.append(argument)
    if sources.count("-") > 1:
        raise UserError("stdin (-) can be read only once.")
    return list(dict.fromkeys(sources))


def default_output(job_source: str) -> Path:
    """`jobs/acme.txt` → `jobs/acme-resume.docx`; stdin → `tailored-resume.docx` here."""
    if job_source == "-":
        return Path("tailored-resume.docx")
    job = Path(job_source)
    return job.with_name(f"{job.stem}-resume.docx")
