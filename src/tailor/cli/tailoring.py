"""`tailor run` (one job or many) and `tailor scores`: tailoring to job descriptions. The run
itself (outputs, the loop over jobs, writing) is `tailor.batch`; this module parses and
prints."""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tailor.cli import (
    DEFAULT_PAPER_CHOICE,
    EXIT_USER_ERROR,
    FROM_MODEL_OPTIONS,
    CheckPagesOption,
    ExplainOption,
    ForceOption,
    JobArgument,
    JobsArgument,
    JsonOption,
    Paper,
    PdfOption,
    QuietOption,
    ResumeOption,
    app,
    dump_json,
    encodable,
    handle_user_errors,
    print_warnings,
    progress_printer,
    say,
    terminal_safe,
    with_model_settings,
)

if TYPE_CHECKING:
    from tailor.batch import JobOutcome, RunResult
    from tailor.embed import ModelSettings

HtmlOption = Annotated[
    bool,
    typer.Option(
        "--html",
        help="Also write a self-contained HTML report beside the DOCX (JOB-resume.html): "
        "the posting line by line with what covers it, every bullet and why, the "
        "gaps, a picture of the page. Several jobs add jobs.html, ranked by match.",
    ),
]
KeepOption = Annotated[
    list[str] | None,
    typer.Option(
        "--keep",
        metavar="ID",
        help="Keep this bullet on the page for this run, whatever its "
        "rank (repeatable; ids as `tailor scores` shows them).",
    ),
]
DropOption = Annotated[
    list[str] | None,
    typer.Option(
        "--drop",
        metavar="ID",
        help="Leave this bullet off the page for this run, even if pinned (repeatable).",
    ),
]


@app.command("run")
@with_model_settings
def run_command(
    jobs: JobsArgument,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write the DOCX (a folder when there are several "
            "jobs). Default: next to each job file, JOB-resume.docx "
            "(tailored-resume.docx for stdin).",
        ),
    ] = None,
    resume: ResumeOption = Path("resume.yaml"),
    settings: ModelSettings = FROM_MODEL_OPTIONS,
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
        from tailor.batch import RunOptions, plan_run, run_plan

        plan = plan_run(
            RunOptions(
                jobs=tuple(jobs),
                output=output,
                resume=resume,
                settings=settings,
                paper=paper.value,
                check_pages=check_pages,
                pdf=pdf,
                html=html,
                force=force,
                keep=tuple(keep or ()),
                drop=tuple(drop or ()),
            )
        )
        for note in plan.notes:
            say(f"tailor: {note}", err=True)  # even with --quiet: it names the files
        result = run_plan(
            plan,
            progress=progress_printer(quiet),
            each_job=lambda sources: job_progress(sources, quiet),
        )
        if plan.single:
            print_result(result.outcomes[0], json_output, explain)
            return
        print_batch(result, json_output)
        if result.index is not None and not json_output:
            say(f"Wrote {result.index}: the jobs ranked by match, linking to each report.")
        if result.failures:
            raise typer.Exit(EXIT_USER_ERROR)

    handle_user_errors(action, json_output)


def job_progress(sources: list[str], quiet: bool) -> Iterable[str]:
    """The jobs as they are tailored: several under a progress bar on stderr."""
    if quiet or len(sources) < 2:
        return iter(sources)
    if not sys.stderr.isatty():  # a log gets what the bar is of, not a lone "Tailoring"
        say(f"Tailoring {len(sources)} jobs…", err=True)
        return iter(sources)
    return _bar(sources)


def _bar(sources: list[str]) -> Iterator[str]:
    with typer.progressbar(
        sources,
        label="Tailoring",
        file=sys.stderr,
        item_show_func=lambda source: (
            encodable(terminal_safe(Path(source).name), sys.stderr) if source else ""
        ),
    ) as bar:
        yield from bar


def print_batch(result: RunResult, json_output: bool) -> None:
    from tailor.batch import batch_json
    from tailor.report import run_warnings

    if json_output:
        typer.echo(dump_json(batch_json(result)))
        return
    # Escaped before the columns are measured: an escape is wider than the character it hides.
    shown = {outcome.docx: terminal_safe(str(outcome.docx)) for outcome in result.outcomes}
    width = max([len(name) for name in shown.values()] + [6])
    say(f"{'match':>5}  {'kept':>4}  {'output':{width}}  job")
    for outcome in result.outcomes:
        tailored = outcome.tailored
        say(
            f"{tailored.ranking.match:5.0f}  {len(tailored.page.kept):>4}  "
            f"{shown[outcome.docx]:{width}}  {tailored.job.title}"
        )
    for failure in result.failures:
        say(f"{'-':>5}  {'-':>4}  {'(not written)':{width}}  {failure.source}: {failure.error}")
    for outcome in result.outcomes:
        print_warnings(run_warnings(outcome.tailored), f"{outcome.tailored.job.source}: ")


def print_result(outcome: JobOutcome, json_output: bool, explain: bool = False) -> None:
    """The summary of one written résumé (or --json), and its warnings."""
    from tailor.report import as_json, explain_lines, run_warnings, summary_lines

    tailored = outcome.tailored
    if json_output:
        report = as_json(tailored, outcome.docx)
        report["pdf"] = str(outcome.pdf) if outcome.pdf else None
        report["html"] = str(outcome.html) if outcome.html else None
        typer.echo(dump_json(report))
    else:
        if explain:
            say("\n".join(explain_lines(tailored)) + "\n")
        say("\n".join(summary_lines(tailored, outcome.docx, outcome.pdf)))
        if outcome.html:
            say(f"Wrote {outcome.html}: the report (open it in a browser).")
    print_warnings(run_warnings(tailored), shown=() if json_output else ("left-out",))


@app.command("scores")
@with_model_settings
def scores_command(
    job: JobArgument,
    resume: ResumeOption = Path("resume.yaml"),
    settings: ModelSettings = FROM_MODEL_OPTIONS,
    paper: Annotated[
        Paper, typer.Option(help="Page size used to decide kept or cut.")
    ] = DEFAULT_PAPER_CHOICE,
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
        from tailor.batch import load_resume_and_overrides
        from tailor.job import load_job
        from tailor.pipeline import tailor_job
        from tailor.report import as_json, explain_lines, run_warnings, scores_lines

        progress = progress_printer(quiet)
        loaded, overrides = load_resume_and_overrides(resume, tuple(keep or ()), tuple(drop or ()))
        posting = load_job(job)  # a bad file fails before the model loads
        embedder = settings.load(progress)
        tailored = tailor_job(
            loaded,
            posting,
            embedder,
            paper=paper.value,
            overrides=overrides,
            render=False,
            progress=progress,
        )
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
