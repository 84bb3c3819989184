"""`tailor run` (one job or many) and `tailor scores`: tailoring to job descriptions."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from tailor.cli import (
    EXIT_USER_ERROR,
    BackendOption,
    CheckPagesOption,
    ExplainOption,
    JobArgument,
    JobsArgument,
    JsonOption,
    ModelOption,
    NoCacheOption,
    Paper,
    PdfOption,
    QuietOption,
    ResumeOption,
    app,
    handle_user_errors,
    progress_printer,
)
from tailor.errors import UserError
from tailor.progress import Progress


@app.command("run")
def run_command(
    jobs: JobsArgument,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Where to write the DOCX (a folder when there are several "
                               "jobs). Default: next to each job file, JOB-resume.docx "
                               "(tailored-resume.docx for stdin).")] = None,
    resume: ResumeOption = Path("resume.yaml"),
    model: ModelOption = None,
    backend: BackendOption = "auto",
    no_cache: NoCacheOption = False,
    paper: Annotated[Paper, typer.Option(help="Page size.")] = Paper.letter,
    check_pages: CheckPagesOption = False,
    pdf: PdfOption = False,
    explain: ExplainOption = False,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write a one-page résumé tailored to each JOB and show the best matches.

    Several jobs (or a folder of .txt files) share one model load and end with a table of the
    jobs ranked by match: which to apply to first.

    Examples:  tailor job.txt    tailor job.txt -o acme.docx --paper a4    pbpaste | tailor -
    tailor jobs/    tailor a.txt b.txt --json
    """
    def action() -> None:
        from tailor.embed import load_embedder
        from tailor.pipeline import default_output, expand_jobs
        from tailor.resume import load_resume

        sources = expand_jobs(jobs)
        progress = progress_printer(quiet)
        if len(sources) == 1 and not Path(jobs[0]).is_dir():
            target = output or default_output(sources[0])
            check_targets(target, pdf, [resume, *paths_of(sources)])
            tailored = tailor_one(resume, sources[0], model, backend, no_cache, paper,
                                   check_pages, pdf, progress)
            write_outputs(tailored, target, pdf, json_output, explain)
            return
        if output is not None and not output.is_dir():
            raise UserError(f"{output}: with several jobs, -o must be an existing folder.")
        targets = {source: (output / default_output(source).name) if output
                   else default_output(source) for source in sources}
        for target in targets.values():
            check_targets(target, pdf, [resume, *paths_of(sources)])
        loaded = load_resume(resume)  # a broken résumé fails every job alike: say so once
        embedder = load_embedder(model, backend=backend, use_cache=not no_cache,
                                 progress=progress)
        # The model's first load (or export) and a new résumé's bullets, with their own
        # messages and bar, before the jobs' bar starts: then each job embeds only its lines.
        prepare = getattr(embedder, "prepare", None)  # None without the cache: nothing kept
        if prepare is not None:
            bullets = [bullet.text for bullet in loaded.bullets()]
            prepare(bullets)
            embedder.encode(bullets)
        results, failures = [], []
        with job_progress(sources, quiet) as bar:
            for source in bar:
                try:
                    tailored = tailor_one(loaded, source, model, backend, no_cache, paper,
                                           check_pages, pdf, lambda message: None, embedder)
                    write_files(tailored, targets[source], pdf)
                    results.append((tailored, targets[source]))
                except UserError as error:
                    failures.append((source, str(error)))
        print_batch(results, failures, json_output)
        if failures:
            raise typer.Exit(EXIT_USER_ERROR)

    handle_user_errors(action, json_output)


def paths_of(sources: list[str]) -> list[Path]:
    return [Path(source) for source in sources if source != "-"]


def tailor_one(resume: Any, source: str, model: str | None, backend: str, no_cache: bool,
                paper: Paper, check_pages: bool, pdf: bool, progress: Progress,
                embedder: Any = None) -> Any:
    from tailor.pipeline import tailor_resume

    tailored = tailor_resume(resume, source, model=model, paper=paper.value,
                             check_pages=check_pages, make_pdf=pdf, embedder=embedder,
                             backend=backend, use_cache=not no_cache, progress=progress)
    if tailored.pages != 1:
        raise UserError(f"{source}: LibreOffice laid the résumé out on {tailored.pages} pages; "
                        "nothing was written. This is a bug in the layout model: please "
                        "report it with your resume.yaml.")
    return tailored


def job_progress(sources: list[str], quiet: bool) -> Any:
    import contextlib

    if quiet or len(sources) < 2:
        return contextlib.nullcontext(sources)
    return typer.progressbar(sources, label="Tailoring", file=sys.stderr,
                             item_show_func=lambda source: Path(source).name if source else "")


def print_batch(results: list[tuple[Any, Path]], failures: list[tuple[str, str]],
                 json_output: bool) -> None:
    from tailor.report import as_json

    results.sort(key=lambda pair: -pair[0].ranking.match)
    if json_output:
        typer.echo(json.dumps({
            "version": 1,
            "jobs": [as_json(tailored, target) for tailored, target in results],
            "failed": [{"source": source, "error": error} for source, error in failures],
        }, ensure_ascii=False, indent=2))
        return
    width = max([len(str(target)) for _, target in results] + [6])
    typer.echo(f"{'match':>5}  {'kept':>4}  {'output':{width}}  job")
    for tailored, target in results:
        typer.echo(f"{tailored.ranking.match:5.0f}  {len(tailored.page.kept):>4}  "
                   f"{target!s:{width}}  {tailored.job.title}")
    for source, error in failures:
        typer.echo(f"{'-':>5}  {'-':>4}  {'(not written)':{width}}  {source}: {error}")


def check_targets(target: Path, pdf: bool, inputs: list[Path]) -> None:
    """Refuse bad output paths before any work: nothing is written over an input."""
    from tailor.files import check_output_path

    check_output_path(target, inputs)
    if pdf:
        from tailor.pagecheck import INSTALL_HINT, find_soffice

        if not find_soffice():
            raise UserError("--pdf needs LibreOffice, which is not installed.", INSTALL_HINT)


def write_files(tailored: Any, target: Path, pdf: bool) -> Path | None:
    """Write the DOCX (and the PDF beside it); returns the PDF's path if one was written."""
    from tailor.files import write_file_atomically

    assert tailored.docx is not None
    write_file_atomically(target, tailored.docx)
    if pdf and tailored.pdf:
        write_file_atomically(target.with_suffix(".pdf"), tailored.pdf)
        return target.with_suffix(".pdf")
    return None


def write_outputs(tailored: Any, target: Path, pdf: bool, json_output: bool,
                   explain: bool = False) -> None:
    from tailor.report import as_json, explain_lines, summary_lines

    pdf_path = write_files(tailored, target, pdf)
    if json_output:
        report = as_json(tailored, target)
        report["pdf"] = str(pdf_path) if pdf_path else None
        typer.echo(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        if explain:
            typer.echo("\n".join(explain_lines(tailored)) + "\n")
        typer.echo("\n".join(summary_lines(tailored, target, pdf_path)))


@app.command("scores")
def scores_command(
    job: JobArgument,
    resume: ResumeOption = Path("resume.yaml"),
    model: ModelOption = None,
    backend: BackendOption = "auto",
    no_cache: NoCacheOption = False,
    paper: Annotated[Paper, typer.Option(help="Page size used to decide kept or cut.")] =
        Paper.letter,
    explain: ExplainOption = False,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Show every bullet's score against JOB, the job line it matched, and whether it made the
    page. Writes nothing.

    Examples:  tailor scores job.txt    tailor scores job.txt --json | jq '.bullets[0]'
    """
    def action() -> None:
        from tailor.pipeline import tailor_resume
        from tailor.report import as_json, explain_lines, scores_lines

        tailored = tailor_resume(resume, job, model=model, paper=paper.value, render=False,
                                 backend=backend, use_cache=not no_cache,
                                 progress=progress_printer(quiet))
        if json_output:
            typer.echo(json.dumps(as_json(tailored, None), ensure_ascii=False, indent=2))
        else:
            if explain:
                typer.echo("\n".join(explain_lines(tailored)) + "\n")
            typer.echo("\n".join(scores_lines(tailored, terminal_width())))

    handle_user_errors(action, json_output)


def terminal_width() -> int:
    try:
        return max(80, min(160, os.get_terminal_size(sys.stdout.fileno()).columns))
    except (OSError, ValueError):
        return 100
