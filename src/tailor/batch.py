"""A run of `tailor JOB…`, one job or many: where each output goes, the loop over the jobs, and
writing every output of the run together.

`plan_run` names the files each job will write and checks every one of them before any work
(`files.py` has the rules); `run_plan` loads the résumé and the model once, tailors each job
(`pipeline.tailor_job`) and writes the run's files as one set (`files.OutputSet`): each to a
temporary file first, all moved into place only once every one was written. A job that cannot
be tailored fails the run when it is the only one, and is a row of the batch's table when there
are several; a file that cannot be written fails the run, and no previous file is lost.

The CLI (`cli/tailoring.py`) only parses the options into `RunOptions` and prints the result;
a Python caller gets the same run, and the tests run it with the fake embedder.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from tailor.embed import Embedder, ModelSettings
from tailor.errors import JSON_VERSION, UserError
from tailor.files import OutputSet, check_output_path, distinct_outputs, shown_from
from tailor.layout import DEFAULT_PAPER
from tailor.pipeline import Rendered, Tailored, default_output, expand_jobs, tailor_job
from tailor.progress import Progress, silent
from tailor.resume import Resume
from tailor.selection import Overrides, check_overrides

DEFAULT_RESUME = Path("resume.yaml")


@dataclass(frozen=True, slots=True, kw_only=True)
class RunOptions:
    """What `tailor JOB…` was asked: the jobs, where to write, and how."""

    jobs: tuple[str, ...]  # files, folders of .txt files, or "-" for stdin
    output: Path | None = None  # the DOCX for one job, the folder for several
    resume: Path = DEFAULT_RESUME
    settings: ModelSettings = field(default_factory=ModelSettings)
    paper: str = DEFAULT_PAPER
    check_pages: bool = False
    pdf: bool = False
    html: bool = False
    force: bool = False
    keep: tuple[str, ...] = ()
    drop: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Targets:
    """The files one job writes: its DOCX, and the PDF and report beside it when asked."""

    docx: Path
    pdf: Path | None = None
    html: Path | None = None


@dataclass(frozen=True, slots=True)
class RunPlan:
    """Where every output of a run goes, checked before any work."""

    options: RunOptions
    sources: list[str]
    single: bool  # one job given as a file: its errors fail the run, its progress is shown
    targets: dict[str, Targets]
    index: Path | None  # jobs.html, for several jobs with --html
    notes: list[str]  # outputs renamed so that two jobs do not share one
    make_pdf: bool  # --pdf, or a report that pictures the page (LibreOffice draws it)


@dataclass(frozen=True, slots=True)
class JobOutcome:
    """One tailored job and the files written for it."""

    source: str
    tailored: Tailored
    docx: Path
    pdf: Path | None
    html: Path | None


@dataclass(frozen=True, slots=True)
class Failure:
    source: str
    error: str


@dataclass(frozen=True, slots=True)
class RunResult:
    outcomes: list[JobOutcome]  # best match first
    failures: list[Failure]
    index: Path | None  # jobs.html, when written


def plan_run(options: RunOptions) -> RunPlan:
    """Every output path of the run, checked: a bad one fails before the model loads.

    Raises:
        UserError: no jobs, a bad output path (files.check_output_path), --pdf without
            LibreOffice, or several jobs with an -o that is not a folder.
    """
    sources = expand_jobs(list(options.jobs))
    single = len(sources) == 1 and not Path(options.jobs[0]).is_dir()
    output = options.output
    notes: list[str] = []
    if single:
        documents = {sources[0]: output or default_output(sources[0])}
    else:
        if output is not None and not output.is_dir():
            raise UserError(f"{output}: with several jobs, -o must be an existing folder.")
        planned = distinct_outputs(
            {
                source: (output / default_output(source).name) if output else default_output(source)
                for source in sources
            }
        )
        documents, notes = planned.paths, planned.notes
    targets = {
        source: Targets(
            docx,
            docx.with_suffix(".pdf") if options.pdf else None,
            docx.with_suffix(".html") if options.html else None,
        )
        for source, docx in documents.items()
    }
    inputs = [options.resume, *(Path(source) for source in sources if source != "-")]
    for target in targets.values():
        check_targets(target, inputs, force=options.force)
    index = None
    if options.html and not single:
        index = jobs_index_path(output, [target.docx for target in targets.values()])
        check_output_path(index, inputs, (".html",), force=options.force)
    return RunPlan(
        options,
        sources,
        single,
        targets,
        index,
        notes,
        make_pdf=options.pdf or (options.html and can_picture_page()),
    )


def run_plan(
    plan: RunPlan,
    *,
    progress: Progress = silent,
    each_job: Callable[[list[str]], Iterable[str]] = iter,
) -> RunResult:
    """Tailor every job of the plan and write its files, all of them or none.

    progress: messages (the model loading; one job's steps). each_job: wraps the list of job
    sources as they are tailored (the CLI's progress bar for several jobs).

    Raises:
        UserError: the résumé or the --keep/--drop ids are wrong (every job would fail alike),
            the only job fails, or a file cannot be written (then none is replaced).
    """
    options = plan.options
    # A broken résumé or a mistyped id fails every job alike: say so once, before the model.
    resume, overrides = load_resume_and_overrides(options.resume, options.keep, options.drop)
    # One job is read before the model loads, so that a bad file fails at once; of several,
    # each fails on its own, in the table.
    parsed: dict[str, Any] = {}
    if plan.single:
        from tailor.job import load_job

        parsed[plan.sources[0]] = load_job(plan.sources[0])
    embedder = options.settings.load(progress)
    if not plan.single and options.settings.use_cache:
        warm_up(embedder, resume)
    job_progress = progress if plan.single else silent  # several share the caller's bar
    outcomes: list[JobOutcome] = []
    failures: list[Failure] = []
    with OutputSet() as outputs:
        for source in each_job(plan.sources):
            try:
                tailored = tailor_job(
                    resume,
                    parsed.get(source, source),
                    embedder,
                    paper=options.paper,
                    overrides=overrides,
                    check_pages=options.check_pages,
                    make_pdf=plan.make_pdf,
                    progress=job_progress,
                )
            except UserError as error:
                if plan.single:
                    raise
                failures.append(Failure(source, str(error)))
                continue
            outcomes.append(stage_job(outputs, plan, source, tailored, job_progress))
        outcomes.sort(key=lambda outcome: -outcome.tailored.ranking.match)
        if plan.index is not None:
            outputs.stage(plan.index, jobs_index(plan.index, outcomes, failures))
        outputs.commit()
    return RunResult(outcomes, failures, plan.index)


def stage_job(
    outputs: OutputSet, plan: RunPlan, source: str, tailored: Tailored, progress: Progress
) -> JobOutcome:
    """Stage one job's DOCX, and its PDF and report when asked."""
    targets = plan.targets[source]
    assert tailored.docx is not None
    outputs.stage(targets.docx, tailored.docx)
    pdf = None
    if targets.pdf and tailored.pdf:
        outputs.stage(targets.pdf, tailored.pdf)
        pdf = targets.pdf
    html = None
    if targets.html:
        command = reproduce_command(plan.options, source, targets.docx, targets.html.parent)
        outputs.stage(
            targets.html,
            report_html(tailored, targets.docx, pdf, command, progress, targets.html.parent),
        )
        html = targets.html
    return JobOutcome(source, tailored, targets.docx, pdf, html)


def check_targets(targets: Targets, inputs: list[Path], *, force: bool = False) -> None:
    """Refuse bad output paths, the PDF's and the report's too, before any work (files.py has
    the rules); a PDF needs LibreOffice.

    Raises:
        UserError: the first bad path, or a PDF without LibreOffice.
    """
    check_output_path(targets.docx, inputs, force=force)
    if targets.html:
        check_output_path(targets.html, inputs, (".html",), force=force)
    if targets.pdf:
        check_output_path(targets.pdf, inputs, (".pdf",), force=force)
        require_libreoffice("--pdf")


def write_page(rendered: Rendered, targets: Targets) -> Path | None:
    """Write a rendered page (an export) as one set: the DOCX and, when asked and made, the
    PDF beside it; returns the PDF's path if one was written."""
    assert rendered.docx is not None
    with OutputSet() as outputs:
        outputs.stage(targets.docx, rendered.docx)
        pdf = targets.pdf if targets.pdf and rendered.pdf else None
        if pdf and rendered.pdf:
            outputs.stage(pdf, rendered.pdf)
        outputs.commit()
    return pdf


def load_resume_and_overrides(
    resume: Path, keep: tuple[str, ...] = (), drop: tuple[str, ...] = ()
) -> tuple[Resume, Overrides]:
    """The résumé, loaded once for every job, and the --keep/--drop ids checked against it."""
    from tailor.resume_yaml import load_resume

    loaded = load_resume(resume)
    return loaded, check_overrides((bullet.id for bullet in loaded.bullets()), keep, drop)


def warm_up(embedder: Embedder, resume: Resume) -> None:
    """Embed the résumé's bullets before the jobs' bar starts: the model's first load (or
    export) and a new résumé's bullets show their own messages and bar, and then each job
    embeds only its own lines. Without the cache, nothing would be kept: it is skipped."""
    from tailor.rank import bullet_texts, contexts_of

    bullets = bullet_texts(resume.bullets(), contexts_of(resume))
    embedder.prepare(bullets)
    embedder.encode(bullets)


def require_libreoffice(option: str) -> None:
    from tailor.pagecheck import INSTALL_HINT, find_soffice

    if not find_soffice():
        raise UserError(f"{option} needs LibreOffice, which is not installed.", INSTALL_HINT)


def can_picture_page() -> bool:
    from tailor.pagecheck import can_render_png

    return can_render_png()


def report_html(
    tailored: Tailored,
    target: Path,
    pdf_path: Path | None,
    command: str,
    progress: Progress,
    folder: Path | None = None,
) -> bytes:
    """The HTML report of one tailored job, with a picture of its page when there is a PDF.
    It names files as seen from `folder`, its own (by default the DOCX's), never by absolute
    path: a report is shared and kept, and must not tell where its author keeps files."""
    from tailor.html_report import render_report
    from tailor.report import report_data

    picture = None
    if tailored.pdf is not None:
        from tailor.pagecheck import pdf_to_png

        try:
            picture = pdf_to_png(tailored.pdf)
        except UserError as error:  # the report still shows the page, from the layout model
            progress(f"No picture of the page in the report: {error}")
    folder = target.parent if folder is None else folder
    data = report_data(tailored, target, command, pdf_path)
    data["job"]["source"] = shown_from(tailored.job.source, folder)
    data["output"] = shown_from(target, folder)
    data["pdf"] = shown_from(pdf_path, folder) if pdf_path else None
    return render_report(data, picture).encode("utf-8")


def jobs_index_path(output: Path | None, documents: list[Path]) -> Path:
    """jobs.html goes in the output folder: -o's, or the folder the DOCX files share."""
    if output is not None:
        return output / "jobs.html"
    folders = {document.parent.resolve() for document in documents}
    return (
        documents[0].parent
        if len(folders) == 1
        else Path(os.path.commonpath([str(f) for f in folders]))
    ) / "jobs.html"


def jobs_index(index: Path, outcomes: list[JobOutcome], failures: list[Failure]) -> bytes:
    """jobs.html: the jobs ranked by match, each linking to its report, and those that
    failed."""
    from tailor.html_report import render_jobs_index
    from tailor.report import as_json

    folder = index.parent  # every path as seen from it, never absolute
    jobs = []
    for outcome in outcomes:
        if outcome.html is not None:
            data = as_json(outcome.tailored, outcome.docx)
            data["job"]["source"] = shown_from(outcome.tailored.job.source, folder)
            data["output"] = shown_from(outcome.docx, folder)
            jobs.append((data, shown_from(outcome.html, folder)))
    page = render_jobs_index(
        jobs,
        [
            {
                "source": shown_from(failure.source, folder),
                "error": failure.error.replace(failure.source, shown_from(failure.source, folder)),
            }
            for failure in failures
        ],
    )
    return page.encode("utf-8")


def batch_json(result: RunResult) -> dict[str, Any]:
    """The --json document of several jobs (report.schema.json): each job's report, best match
    first, and the jobs that failed."""
    from tailor.report import as_json

    return {
        "version": JSON_VERSION,
        "jobs": [as_json(outcome.tailored, outcome.docx) for outcome in result.outcomes],
        "failed": [
            {"source": failure.source, "error": failure.error} for failure in result.failures
        ],
    }


def reproduce_command(options: RunOptions, source: str, target: Path, folder: Path = Path()) -> str:
    """The `tailor` command that writes this job's DOCX and report again, options and all, to
    be run in `folder` (the report's): its paths are relative to it, so the report never shows
    where its author keeps files."""
    import shlex

    parts = ["tailor", shown_from(source, folder)]
    if options.output is not None:
        parts += ["-o", shown_from(target, folder)]
    parts += ["--resume", shown_from(options.resume, folder)]
    settings = options.settings
    if settings.model and Path(settings.model).expanduser().is_dir():  # a folder, not a name
        settings = replace(settings, model=shown_from(Path(settings.model).expanduser(), folder))
    parts += settings.as_arguments()
    if options.paper != DEFAULT_PAPER:
        parts += ["--paper", options.paper]
    parts += ["--check-pages"] * options.check_pages + ["--pdf"] * options.pdf
    for option, ids in (("--keep", options.keep), ("--drop", options.drop)):
        for bullet_id in ids:
            parts += [option, bullet_id]
    return shlex.join([*parts, "--html"])
