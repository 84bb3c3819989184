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
    check_pages: Annotated[bool, typer.Option(
        "--check-pages", help="Render with LibreOffice and report the real page count "
                              "(needs LibreOffice; adds a few seconds).")] = False,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write a one-page résumé tailored to JOB and show the best matches.

    Examples:  tailor job.txt    tailor job.txt -o acme.docx --paper a4    pbpaste | tailor -
    """
    def action() -> None:
        from tailor.pipeline import check_output_path, default_output, tailor_resume
        from tailor.render import write_file_atomically
        from tailor.report import as_json, summary_lines

        target = output or default_output(job)
        protected = [resume] + ([Path(job)] if job != "-" else [])
        check_output_path(target, protected)
        tailored = tailor_resume(resume, job, model=model, paper=paper.value,
                                 check_pages=check_pages, progress=_progress(quiet))
        if tailored.pages != 1:
            raise UserError(f"LibreOffice laid the résumé out on {tailored.pages} pages; "
                            "nothing was written. This is a bug in the layout model: please "
                            "report it with your resume.yaml.")
        assert tailored.docx is not None
        write_file_atomically(target, tailored.docx)
        if json_output:
            typer.echo(json.dumps(as_json(tailored, target), ensure_ascii=False, indent=2))
        else:
            typer.echo("\n".join(summary_lines(tailored, target)))

    _handle_user_errors(action)


@app.command("scores")
def scores_command(
    job: JobArgument,
    resume: ResumeOption = Path("resume.yaml"),
    model: ModelOption = None,
    paper: Annotated[Paper, typer.Option(help="Page size used to decide kept or cut.")] =
        Paper.letter,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Show every bullet's score against JOB, the job line it matched, and whether it made the
    page. Writes nothing.

    Examples:  tailor scores job.txt    tailor scores job.txt --json | jq '.bullets[0]'
    """
    def action() -> None:
        from tailor.pipeline import tailor_resume
        from tailor.report import as_json, scores_lines

        tailored = tailor_resume(resume, job, model=model, paper=paper.value, render=False,
                                 progress=_progress(quiet))
        if json_output:
            typer.echo(json.dumps(as_json(tailored, None), ensure_ascii=False, indent=2))
        else:
            width = _terminal_width()
            typer.echo("\n".join(scores_lines(tailored, width)))

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
