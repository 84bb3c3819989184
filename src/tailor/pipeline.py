"""The whole path, one step after another: load → parse → embed → score → select → fit → render.

The CLI calls `tailor_resume`; so can any Python caller. Nothing here prints or exits; progress
goes through the `progress` callback.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from tailor.embed import Embedder, load_embedder
from tailor.errors import UserError
from tailor.job import Job, load_job
from tailor.keywords import KeyTerm, key_terms, missing_terms
from tailor.language import Languages, detect_languages
from tailor.layout import Page, fit_page, full_page
from tailor.progress import Progress, silent
from tailor.rank import Ranking, bullet_texts, contexts_of, rank_bullets
from tailor.resume import Resume
from tailor.resume_yaml import load_resume
from tailor.select import (
    Overrides,
    check_overrides,
    closest_summary,
    order_skills,
    priority_order,
)


@dataclass(frozen=True, slots=True)
class Tailored:
    resume: Resume
    job: Job
    model: str
    ranking: Ranking
    page: Page
    docx: bytes | None  # None when only scores were asked for
    pdf: bytes | None  # with make_pdf or check_pages
    pages: int
    pages_checked_by: str  # "layout model" (predicted) or "LibreOffice" (rendered)
    text_bottom: float | None  # from LibreOffice: lowest text line, fraction of page height
    key_terms: tuple[KeyTerm, ...] = ()  # the job's skills and tools, most weighted first
    missing_terms: tuple[str, ...] = ()  # key terms the résumé never names
    overrides: Overrides = field(default_factory=Overrides)  # --keep / --drop for this run
    languages: Languages | None = None  # what the résumé and the job are written in


def tailor_resume(resume_path: Path | Resume, job_source: str, *, model: str | None = None,
                  models_dir: Path | None = None, paper: str = "letter", render: bool = True,
                  check_pages: bool = False, make_pdf: bool = False,
                  embedder: Embedder | None = None, backend: str = "auto",
                  use_cache: bool = True, keep: tuple[str, ...] = (),
                  drop: tuple[str, ...] = (),
                  progress: Progress = silent) -> Tailored:
    """Tailor the résumé to one job: rank every bullet, fit a page, and render it.

    Pass `embedder` (and an already loaded Resume) to reuse them across jobs; otherwise the
    model is loaded (see embed.load_embedder for `backend` and `use_cache`). `keep` and `drop`
    are bullet ids that overrule the selection for this run: kept ones are on the page like
    pinned ones, dropped ones are not.

    Raises:
        UserError: bad input, an unknown bullet id in keep or drop, a missing model, or
            content that cannot fit one page.
    """
    resume = resume_path if isinstance(resume_path, Resume) else load_resume(resume_path)
    # Before the model loads: a mistyped id fails at once.
    overrides = check_overrides((bullet.id for bullet in resume.bullets()), keep, drop)
    job = load_job(job_source)
    if embedder is None:
        embedder = load_embedder(model, models_dir, backend=backend, use_cache=use_cache,
                                 progress=progress)
    bullets = resume.bullets()
    contexts = contexts_of(resume)
    # Embedded in the background, where the embedder can, while the CPU work below goes on.
    embedder.prepare(bullet_texts(bullets, contexts) + [unit.text for unit in job.weighted_units]
                     + summary_candidates(resume))
    if render or check_pages or make_pdf:
        import docx  # noqa: F401 - imported now, while the model works, not after
    progress(f"Ranking {len(bullets)} bullets against {len(job.weighted_units)} lines of "
             "the job…")
    all_terms = key_terms(job, limit=None)
    ranking = rank_bullets(bullets, job, embedder, contexts)
    terms = tuple(all_terms[:25])
    missing = missing_terms(resume, list(terms))
    resume = tailor_sections(resume, job, embedder, all_terms)
    page = fit_page(resume, priority_order(ranking), paper=paper, keep=overrides.keep,
                    drop=overrides.drop)
    title = f"{resume.basics.name} – résumé for {job.title}"
    tailored = _finish(resume, job, embedder.name, ranking, page, title, render=render,
                       check_pages=check_pages, make_pdf=make_pdf, progress=progress)
    languages = detect_languages([bullet.text for bullet in bullets] + summary_candidates(resume),
                                 [unit.text for unit in job.units])
    return replace(tailored, key_terms=terms, missing_terms=missing, overrides=overrides,
                   languages=languages)


def tailor_sections(resume: Resume, job: Job, embedder: Embedder,
                    terms: list[KeyTerm] | None = None) -> Resume:
    """The résumé with its skills ordered for the job and its closest summary chosen."""
    summary = closest_summary(summary_candidates(resume), job, embedder)
    return replace(resume, skills=order_skills(resume.skills, job, terms),
                   summary=(summary,) if summary else ())


def summary_candidates(resume: Resume) -> list[str]:
    """The summary and its alternatives, of which the one closest to the job is used."""
    return ([" ".join(resume.summary)] if resume.summary else []) + list(resume.summaries)


def export_resume(resume_path: Path, *, paper: str = "letter", one_page: bool = False,
                  check_pages: bool = False, make_pdf: bool = False,
                  progress: Progress = silent) -> Tailored:
    """The whole résumé, untailored, in résumé order: every bullet (it may span pages), or with
    `one_page` the earliest-listed bullets that fit. Needs no model."""
    resume = load_resume(resume_path)
    order = [bullet.id for bullet in resume.bullets()]
    page = fit_page(resume, order, paper=paper) if one_page else full_page(resume, paper)
    ranking = Ranking(tuple(), 0.0, ())
    job = Job(source="", title="", company="", text="", units=())
    return _finish(resume, job, "", ranking, page, f"{resume.basics.name} – résumé",
                   render=True, check_pages=check_pages, make_pdf=make_pdf, progress=progress)


def _finish(resume: Resume, job: Job, model: str, ranking: Ranking, page: Page, title: str, *,
            render: bool, check_pages: bool, make_pdf: bool, progress: Progress) -> Tailored:
    docx = pdf = bottom = None
    pages, checked_by = page.estimated_pages, "layout model"
    if render or check_pages or make_pdf:
        from tailor.readback import verify_docx
        from tailor.render import render_docx

        docx = render_docx(page, author=resume.basics.name, title=title)
        verify_docx(docx, page)
    if docx is not None and (check_pages or make_pdf):
        from tailor.pagecheck import check_pdf, docx_to_pdf

        progress("Rendering with LibreOffice…")
        pdf = docx_to_pdf(docx)
        check = check_pdf(pdf)
        pages, checked_by, bottom = check.pages, "LibreOffice", check.bottom
    return Tailored(resume, job, model, ranking, page, docx, pdf, pages, checked_by, bottom)


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
