"""`tailor run` (one job or many) and `tailor scores`: tailoring to job descriptions."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, Any

import typer

from tailor.cli import (
    DEFAULT_PAPER_CHOICE,
    EXIT_USER_ERROR,
    BackendOption,
    CheckPagesOption,
    ExplainOption,
    ForceOption,
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
    dump_json,
    encodable,
    handle_user_errors,
    progress_printer,
    say,
    terminal_safe,
)
from tailor.errors import UserError
from tailor.progress import Progress

HtmlOption = Annotated[bool, typer.Option(
    "--html", help="Also write a self-contained HTML report beside the DOCX (JOB-resume.html): "
                   "the posting line by line with what covers it, every bullet and why, the "
                   "gaps, a picture of the page. Several jobs add jobs.html, ranked by match.")]
KeepOption = Annotated[list[str] | None, typer.Option(
    "--keep", metavar="ID", help="Keep this bullet on the page for this run, whatever its "
                                 "rank (repeatable; ids as `tailor scores` shows them).")]
DropOption = Annotated[list[str] | None, typer.Option(
    "--drop", metavar="ID", help="Leave this bullet off the page for this run, even if pinned "
                                 "(repeatable).")]


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
    paper: Annotated[Paper, typer.Option(help="Page size.")] = DEFAULT_PAPER_CHOICE,
    check_pages: CheckPagesOption = False,
    pdf: PdfOption = False,
    force: ForceOption = False,
    explain: ExplainOption = False,
    json_output: JsonOption = False,
    html: HtmlOption = False,
    keep: KeepOption = None,
    drop: DropOption = None,
    quiet: QuietOption = False,
) -> None:
    """Write a one-page résumé tailored to each JOB and show the best matches.

    Several jobs (or a folder of .txt files) share one model load and end with a table of the
    jobs ranked by match: which to apply to first.

    Examples:  tailor job.txt    tailor job.txt -o acme.docx --paper a4    pbpaste | tailor -
    tailor jobs/    tailor a.txt b.txt --json    tailor job.txt --html --keep acme-3
    """
    def action() -> None:
        from tailor.embed import ModelSettings
        from tailor.files import distinct_outputs
        from tailor.job import load_job
        from tailor.pipeline import default_output, expand_jobs, tailor_job
        from tailor.progress import silent

        sources = expand_jobs(jobs)
        single = len(sources) == 1 and not Path(jobs[0]).is_dir()
        progress = progress_printer(quiet)
        settings = ModelSettings(model, backend, use_cache=not no_cache)
        ids = {"keep": tuple(keep or ()), "drop": tuple(drop or ())}
        # The report pictures the page when LibreOffice can draw it: that needs the PDF.
        make_pdf = pdf or (html and can_picture_page())
        inputs = [resume, *paths_of(sources)]

        def command_for(source: str, target: Path) -> str:
            return reproduce_command(source, target, output is not None, resume, settings,
                                     paper, check_pages, pdf, **ids, folder=target.parent)

        notes: list[str] = []
        if single:
            targets = {sources[0]: output or default_output(sources[0])}
        else:
            if output is not None and not output.is_dir():
                raise UserError(f"{output}: with several jobs, -o must be an existing folder.")
            planned = distinct_outputs({source: (output / default_output(source).name) if output
                                        else default_output(source) for source in sources})
            targets, notes = planned.paths, planned.notes
        for target in targets.values():
            check_targets(target, pdf, inputs, force, html)
        for note in notes:
            say(f"tailor: {note}", err=True)  # even with --quiet: it names the files
        index = jobs_index_path(output, list(targets.values())) if html and not single else None
        if index is not None:
            from tailor.files import check_output_path

            check_output_path(index, inputs, (".html",), force=force)
        # A broken résumé or a mistyped id fails every job alike: say so once, before the model.
        loaded, overrides = load_resume_and_overrides(resume, **ids)
        # One job is read before the model loads, so that a bad file fails at once; of several,
        # each fails on its own, in the table.
        parsed = {sources[0]: load_job(sources[0])} if single else {}
        embedder = settings.load(progress)
        if not single and settings.use_cache:
            warm_up(embedder, loaded)
        # One job reports its progress; several share the bar instead.
        job_progress_to = progress if single else silent
        results: list[tuple[Any, Path]] = []
        failures: list[tuple[str, str]] = []
        written: dict[Path, tuple[Path | None, Path | None]] = {}  # DOCX → its PDF, report
        with job_progress(sources, quiet) as bar:
            for source in bar:
                target = targets[source]
                try:
                    tailored = tailor_job(loaded, parsed.get(source, source), embedder,
                                          paper=paper.value, overrides=overrides,
                                          check_pages=check_pages, make_pdf=make_pdf,
                                          progress=job_progress_to)
                    pdf_path = write_files(tailored, target, pdf)
                    html_path = write_report(tailored, target, pdf_path,
                                             command_for(source, target),
                                             job_progress_to) if html else None
                    written[target] = (pdf_path, html_path)
                    results.append((tailored, target))
                except UserError as error:
                    if single:
                        raise
                    failures.append((source, str(error)))
        if single:
            tailored, target = results[0]
            print_result(tailored, target, *written[target], json_output, explain)
            return
        if index is not None:
            write_jobs_index(index, results, {target: report for target, (_, report)
                                              in written.items() if report}, failures)
        print_batch(results, failures, json_output)
        if index is not None and not json_output:
            say(f"Wrote {index}: the jobs ranked by match, linking to each report.")
        if failures:
            raise typer.Exit(EXIT_USER_ERROR)

    handle_user_errors(action, json_output)


def paths_of(sources: list[str]) -> list[Path]:
    return [Path(source) for source in sources if source != "-"]


def load_resume_and_overrides(resume: Path, keep: tuple[str, ...] = (),
                              drop: tuple[str, ...] = ()) -> tuple[Any, Any]:
    """The résumé, loaded once for every job, and the --keep/--drop ids checked against it."""
    from tailor.resume_yaml import load_resume
    from tailor.select import check_overrides

    loaded = load_resume(resume)
    return loaded, check_overrides((bullet.id for bullet in loaded.bullets()), keep, drop)


def warm_up(embedder: Any, resume: Any) -> None:
    """Embed the résumé's bullets before the jobs' bar starts: the model's first load (or
    export) and a new résumé's bullets show their own messages and bar, and then each job
    embeds only its own lines. Without the cache, nothing would be kept: it is skipped."""
    from tailor.rank import bullet_texts, contexts_of

    bullets = bullet_texts(resume.bullets(), contexts_of(resume))
    embedder.prepare(bullets)
    embedder.encode(bullets)


def job_progress(sources: list[str], quiet: bool) -> Any:
    import contextlib

    if quiet or len(sources) < 2:
        return contextlib.nullcontext(sources)
    if not sys.stderr.isatty():  # a log gets what the bar is of, not a lone "Tailoring"
        say(f"Tailoring {len(sources)} jobs…", err=True)
        return contextlib.nullcontext(sources)
    return typer.progressbar(sources, label="Tailoring", file=sys.stderr,
                             item_show_func=lambda source: encodable(
                                 terminal_safe(Path(source).name), sys.stderr) if source else "")


def print_batch(results: list[tuple[Any, Path]], failures: list[tuple[str, str]],
                 json_output: bool) -> None:
    from tailor.report import JSON_VERSION, as_json, run_warnings

    results.sort(key=lambda pair: -pair[0].ranking.match)
    if json_output:
        typer.echo(dump_json({
            "version": JSON_VERSION,
            "jobs": [as_json(tailored, target) for tailored, target in results],
            "failed": [{"source": source, "error": error} for source, error in failures],
        }))
        return
    # Escaped before the columns are measured: an escape is wider than the character it hides.
    shown = {target: terminal_safe(str(target)) for _, target in results}
    width = max([len(name) for name in shown.values()] + [6])
    say(f"{'match':>5}  {'kept':>4}  {'output':{width}}  job")
    for tailored, target in results:
        say(f"{tailored.ranking.match:5.0f}  {len(tailored.page.kept):>4}  "
            f"{shown[target]:{width}}  {tailored.job.title}")
    for source, error in failures:
        say(f"{'-':>5}  {'-':>4}  {'(not written)':{width}}  {source}: {error}")
    for tailored, _ in results:
        print_warnings(run_warnings(tailored), f"{tailored.job.source}: ")


def check_targets(target: Path, pdf: bool, inputs: list[Path], force: bool,
                  html: bool = False) -> None:
    """Refuse bad output paths, the PDF's and the report's too, before any work (files.py has
    the rules)."""
    from tailor.files import check_output_path

    check_output_path(target, inputs, force=force)
    if html:
        check_output_path(target.with_suffix(".html"), inputs, (".html",), force=force)
    if pdf:
        check_output_path(target.with_suffix(".pdf"), inputs, (".pdf",), force=force)
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


def print_result(tailored: Any, target: Path, pdf_path: Path | None, html_path: Path | None,
                 json_output: bool, explain: bool = False) -> None:
    """The summary of one written résumé (or --json), and its warnings."""
    from tailor.report import as_json, explain_lines, run_warnings, summary_lines

    if json_output:
        report = as_json(tailored, target)
        report["pdf"] = str(pdf_path) if pdf_path else None
        report["html"] = str(html_path) if html_path else None
        typer.echo(dump_json(report))
    else:
        if explain:
            say("\n".join(explain_lines(tailored)) + "\n")
        say("\n".join(summary_lines(tailored, target, pdf_path)))
        if html_path:
            say(f"Wrote {html_path}: the report (open it in a browser).")
    print_warnings(run_warnings(tailored), shown=() if json_output else ("left-out",))


def can_picture_page() -> bool:
    from tailor.pagecheck import can_render_png

    return can_render_png()


def write_report(tailored: Any, target: Path, pdf_path: Path | None, command: str,
                 progress: Progress) -> Path:
    """Write the HTML report beside the DOCX; returns its path."""
    from tailor.files import write_file_atomically
    from tailor.html_report import render_report
    from tailor.report import report_data

    picture = None
    if tailored.pdf is not None:
        from tailor.pagecheck import pdf_to_png

        try:
            picture = pdf_to_png(tailored.pdf)
        except UserError as error:  # the report still shows the page, from the layout model
            progress(f"No picture of the page in the report: {error}")
    from tailor.files import shown_from

    path = target.with_suffix(".html")
    data = report_data(tailored, target, command, pdf_path)
    # The report names files as seen from its own folder, never by absolute path.
    data["job"]["source"] = shown_from(tailored.job.source, path.parent)
    data["output"] = shown_from(target, path.parent)
    data["pdf"] = shown_from(pdf_path, path.parent) if pdf_path else None
    write_file_atomically(path, render_report(data, picture).encode("utf-8"))
    return path


def jobs_index_path(output: Path | None, targets: list[Path]) -> Path:
    """jobs.html goes in the output folder: -o's, or the folder the DOCX files share."""
    if output is not None:
        return output / "jobs.html"
    folders = {target.parent.resolve() for target in targets}
    return (targets[0].parent if len(folders) == 1
            else Path(os.path.commonpath([str(f) for f in folders]))) / "jobs.html"


def write_jobs_index(index: Path, results: list[tuple[Any, Path]], reports: dict[Path, Path],
                     failures: list[tuple[str, str]]) -> None:
    from tailor.files import shown_from, write_file_atomically
    from tailor.html_report import render_jobs_index
    from tailor.report import as_json

    folder = index.parent
    jobs = []
    for tailored, target in results:
        if target in reports:
            data = as_json(tailored, target)
            data["job"]["source"] = shown_from(tailored.job.source, folder)
            data["output"] = shown_from(target, folder)
            jobs.append((data, shown_from(reports[target], folder)))
    page = render_jobs_index(jobs, [{"source": shown_from(source, folder),
                                     "error": error.replace(source, shown_from(source, folder))}
                                    for source, error in failures])
    write_file_atomically(index, page.encode("utf-8"))


def reproduce_command(source: str, target: Path, explicit_output: bool, resume: Path,
                      settings: Any, paper: Paper, check_pages: bool, pdf: bool,
                      keep: tuple[str, ...] = (), drop: tuple[str, ...] = (),
                      folder: Path = Path()) -> str:
    """The `tailor` command that writes this job's DOCX and report again, options and all, to
    be run in `folder` (the report's): its paths are relative to it, so the report never shows
    where its author keeps files."""
    import shlex

    from tailor.files import shown_from

    parts = ["tailor", shown_from(source, folder)]
    if explicit_output:
        parts += ["-o", shown_from(target, folder)]
    parts += ["--resume", shown_from(resume, folder)]
    if settings.model:
        model = Path(settings.model).expanduser()
        parts += ["--model", shown_from(model, folder) if model.is_dir() else settings.model]
    if settings.backend != "auto":
        parts += ["--backend", settings.backend]
    if paper != DEFAULT_PAPER_CHOICE:
        parts += ["--paper", paper.value]
    parts += ["--check-pages"] * check_pages + ["--pdf"] * pdf
    for option, ids in (("--keep", keep), ("--drop", drop)):
        for bullet_id in ids:
            parts += [option, bullet_id]
    return shlex.join([*parts, "--html"])


def print_warnings(warnings: list[dict[str, Any]], prefix: str = "",
                   shown: tuple[str, ...] = ()) -> None:
    """On stderr, so that --json's stdout stays one JSON document (which lists them too).

    warnings: report.run_warnings (or page_warnings); shown: warning codes the output already
    says (the summary names what was left out)."""
    for warning in warnings:
        if warning["code"] in shown:
            continue
        say(f"tailor: warning: {prefix}{warning['message']}", err=True)


@app.command("scores")
def scores_command(
    job: JobArgument,
    resume: ResumeOption = Path("resume.yaml"),
    model: ModelOption = None,
    backend: BackendOption = "auto",
    no_cache: NoCacheOption = False,
    paper: Annotated[Paper, typer.Option(help="Page size used to decide kept or cut.")] =
        DEFAULT_PAPER_CHOICE,
    explain: ExplainOption = False,
    json_output: JsonOption = False,
    keep: KeepOption = None,
    drop: DropOption = None,
    quiet: QuietOption = False,
) -> None:
    """Show every bullet's score against JOB, the job line it matched, and whether it made the
    page. Writes nothing.

    Examples:  tailor scores job.txt    tailor scores job.txt --json | jq '.bullets[0]'
    """
    def action() -> None:
        from tailor.embed import ModelSettings
        from tailor.job import load_job
        from tailor.pipeline import tailor_job
        from tailor.report import as_json, explain_lines, run_warnings, scores_lines

        progress = progress_printer(quiet)
        loaded, overrides = load_resume_and_overrides(resume, tuple(keep or ()),
                                                      tuple(drop or ()))
        posting = load_job(job)  # a bad file fails before the model loads
        embedder = ModelSettings(model, backend, use_cache=not no_cache).load(progress)
        tailored = tailor_job(loaded, posting, embedder, paper=paper.value,
                              overrides=overrides, render=False, progress=progress)
        if json_output:
            typer.echo(dump_json(as_json(tailored, None)))
        else:
            if explain:
                say("\n".join(explain_lines(tailored)) + "\n")
            say("\n".join(scores_lines(tailored, terminal_width())))
        print_warnings(run_warnings(tailored))

    handle_user_errors(action, json_output)


def terminal_width() -> int:
    try:
        return max(80, min(160, os.get_terminal_size(sys.stdout.fileno()).columns))
    except (OSError, ValueError):
        return 100
