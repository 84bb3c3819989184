"""The `tailor` command: parse arguments, call the core, print. Nothing else lives here.

Only the standard library, typer and tailor's light modules are imported at module level, so
`tailor --help` and `tailor check` answer at once; the model path is imported inside commands.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from tailor import __version__
from tailor.errors import UserError

EXIT_USER_ERROR = 1


class _JobFirstGroup(TyperGroup):
    """`tailor JOB` means `tailor run JOB`: the everyday command needs no subcommand name."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        positional = [a for a in args if a == "-" or not a.startswith("-")]
        asks_group = any(a in ("--help", "-h", "--version") for a in args) and not positional
        if positional and positional[0] not in self.commands and not asks_group:
            args = ["run", *args]
        return super().parse_args(ctx, args)


app = typer.Typer(
    cls=_JobFirstGroup,
    help="Tailor your résumé to a job description: rank every bullet, fit one page, write a "
         "DOCX. Offline.\n\nUsage: tailor JOB.txt  (or: pbpaste | tailor -)",
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Paper(StrEnum):
    letter = "letter"
    a4 = "a4"


ResumeOption = Annotated[Path, typer.Option(
    "--resume", "-r", help="Your whole career as YAML.", show_default=True)]
ModelOption = Annotated[str | None, typer.Option(
    "--model", "-m", help="A model folder name in models/, or a path. Default: all-MiniLM-L6-v2.")]
JobArgument = Annotated[str, typer.Argument(
    help="The job description: a text file, or - to read it from stdin.", show_default=False)]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")]
CheckPagesOption = Annotated[bool, typer.Option(
    "--check-pages", help="Render with LibreOffice and report the real page count (needs "
                          "LibreOffice; adds a few seconds).")]
ExplainOption = Annotated[bool, typer.Option(
    "--explain", help="Also show how the job was read: sections, ignored lines, key terms, "
                      "and the bullet that covers each requirement.")]
PdfOption = Annotated[bool, typer.Option(
    "--pdf", help="Also write a PDF beside the DOCX (needs LibreOffice).")]


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tailor {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Show the version and exit.")] = False,
) -> None:
    """Tailor your résumé to a job description, offline."""


def _handle_user_errors(action: Callable[[], None]) -> None:
    """User errors: message on stderr, exit 1, no traceback. Anything else is a bug and keeps
    its traceback."""
    try:
        action()
    except UserError as error:
        typer.echo(f"tailor: error: {error}", err=True)
        raise typer.Exit(EXIT_USER_ERROR) from None
    except KeyboardInterrupt:
        typer.echo("tailor: interrupted; nothing was written.", err=True)
        raise typer.Exit(130) from None


def _progress(quiet: bool) -> Callable[[str], None]:
    def report(message: str) -> None:
        if not quiet:
            typer.echo(message, err=True)
    return report


@app.command("run")
def run_command(
    job: JobArgument,
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Where to write the DOCX. Default: next to the job file, "
                               "JOB-resume.docx (tailored-resume.docx for stdin).")] = None,
    resume: ResumeOption = Path("resume.yaml"),
    model: ModelOption = None,
    paper: Annotated[Paper, typer.Option(help="Page size.")] = Paper.letter,
    check_pages: CheckPagesOption = False,
    pdf: PdfOption = False,
    explain: ExplainOption = False,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write a one-page résumé tailored to JOB and show the best matches.

    Examples:  tailor job.txt    tailor job.txt -o acme.docx --paper a4    pbpaste | tailor -
    """
    def action() -> None:
        from tailor.pipeline import default_output, tailor_resume

        target = output or default_output(job)
        _check_targets(target, pdf, [resume] + ([Path(job)] if job != "-" else []))
        tailored = tailor_resume(resume, job, model=model, paper=paper.value,
                                 check_pages=check_pages, make_pdf=pdf,
                                 progress=_progress(quiet))
        if tailored.pages != 1:
            raise UserError(f"LibreOffice laid the résumé out on {tailored.pages} pages; "
                            "nothing was written. This is a bug in the layout model: please "
                            "report it with your resume.yaml.")
        _write_outputs(tailored, target, pdf, json_output, explain)

    _handle_user_errors(action)


@app.command("export")
def export_command(
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the DOCX.")] =
        Path("resume.docx"),
    resume: ResumeOption = Path("resume.yaml"),
    one_page: Annotated[bool, typer.Option(
        "--one-page", help="Fit one page, keeping bullets in résumé order (no job, no model).")]
        = False,
    paper: Annotated[Paper, typer.Option(help="Page size.")] = Paper.letter,
    check_pages: CheckPagesOption = False,
    pdf: PdfOption = False,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write the whole résumé, untailored: every bullet (it may span pages). Loads no model.

    Examples:  tailor export -o full.docx    tailor export --one-page --pdf
    """
    def action() -> None:
        from tailor.pipeline import export_resume

        _check_targets(output, pdf, [resume])
        exported = export_resume(resume, paper=paper.value, one_page=one_page,
                                 check_pages=check_pages, make_pdf=pdf,
                                 progress=_progress(quiet))
        _write_outputs(exported, output, pdf, json_output)

    _handle_user_errors(action)


def _check_targets(target: Path, pdf: bool, inputs: list[Path]) -> None:
    """Refuse bad output paths before any work: nothing is written over an input."""
    from tailor.pipeline import check_output_path

    check_output_path(target, inputs)
    if pdf:
        from tailor.pagecheck import INSTALL_HINT, find_soffice

        if not find_soffice():
            raise UserError("--pdf needs LibreOffice, which is not installed.", INSTALL_HINT)


def _write_outputs(tailored: Any, target: Path, pdf: bool, json_output: bool,
                   explain: bool = False) -> None:
    from tailor.render import write_file_atomically
    from tailor.report import as_json, explain_lines, summary_lines

    assert tailored.docx is not None
    write_file_atomically(target, tailored.docx)
    pdf_path = target.with_suffix(".pdf") if pdf and tailored.pdf else None
    if pdf_path:
        write_file_atomically(pdf_path, tailored.pdf)
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
                                 progress=_progress(quiet))
        if json_output:
            typer.echo(json.dumps(as_json(tailored, None), ensure_ascii=False, indent=2))
        else:
            if explain:
                typer.echo("\n".join(explain_lines(tailored)) + "\n")
            typer.echo("\n".join(scores_lines(tailored, _terminal_width())))

    _handle_user_errors(action)


@app.command("check")
def check_command(resume: ResumeOption = Path("resume.yaml")) -> None:
    """Validate resume.yaml and report every problem with its line. Loads no model.

    Example:  tailor check --resume ~/career/resume.yaml
    """
    def action() -> None:
        from tailor.resume import load_resume

        loaded = load_resume(resume)
        bullets = loaded.bullets()
        typer.echo(f"{resume}: OK. {len(loaded.experience)} roles, "
                   f"{len(loaded.open_source) + len(loaded.projects)} projects, "
                   f"{len(bullets)} bullets ({sum(b.pin for b in bullets)} pinned).")

    _handle_user_errors(action)


def _terminal_width() -> int:
    try:
        return max(80, min(160, os.get_terminal_size(sys.stdout.fileno()).columns))
    except (OSError, ValueError):
        return 100


def main() -> None:
    app(prog_name="tailor")
