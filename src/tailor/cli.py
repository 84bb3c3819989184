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
    rich_markup_mode=None,  # plain help: rendering it with rich costs a tenth of a second
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Paper(StrEnum):
    letter = "letter"
    a4 = "a4"


class ExportFormat(StrEnum):
    docx = "docx"
    json_resume = "json-resume"


ResumeOption = Annotated[Path, typer.Option(
    "--resume", "-r", help="Your whole career as YAML.", show_default=True)]
ModelOption = Annotated[str | None, typer.Option(
    "--model", "-m", help="A model folder name in models/, or a path. Default: all-MiniLM-L6-v2.")]
JobArgument = Annotated[str, typer.Argument(
    help="The job description: a text file, or - to read it from stdin.", show_default=False)]
JobsArgument = Annotated[list[str], typer.Argument(
    help="Job descriptions: text files, folders of .txt files, or - for stdin.",
    show_default=False)]
BackendOption = Annotated[str, typer.Option(
    "--backend", help="auto (ONNX when possible), onnx (fast), or torch (the "
                      "sentence-transformers reference).")]
NoCacheOption = Annotated[bool, typer.Option(
    "--no-cache", help="Neither read nor write the embedding cache.")]
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
        progress = _progress(quiet)
        if len(sources) == 1 and not Path(jobs[0]).is_dir():
            target = output or default_output(sources[0])
            _check_targets(target, pdf, [resume, *_paths(sources)])
            tailored = _tailor_one(resume, sources[0], model, backend, no_cache, paper,
                                   check_pages, pdf, progress)
            _write_outputs(tailored, target, pdf, json_output, explain)
            return
        if output is not None and not output.is_dir():
            raise UserError(f"{output}: with several jobs, -o must be an existing folder.")
        targets = {source: (output / default_output(source).name) if output
                   else default_output(source) for source in sources}
        for target in targets.values():
            _check_targets(target, pdf, [resume, *_paths(sources)])
        loaded = load_resume(resume)  # a broken résumé fails every job alike: say so once
        embedder = load_embedder(model, backend=backend, use_cache=not no_cache,
                                 progress=progress)
        results, failures = [], []
        with _job_progress(sources, quiet) as bar:
            for source in bar:
                try:
                    tailored = _tailor_one(loaded, source, model, backend, no_cache, paper,
                                           check_pages, pdf, lambda message: None, embedder)
                    _write_files(tailored, targets[source], pdf)
                    results.append((tailored, targets[source]))
                except UserError as error:
                    failures.append((source, str(error)))
        _print_batch(results, failures, json_output)
        if failures:
            raise typer.Exit(EXIT_USER_ERROR)

    _handle_user_errors(action)


def _paths(sources: list[str]) -> list[Path]:
    return [Path(source) for source in sources if source != "-"]


def _tailor_one(resume: Any, source: str, model: str | None, backend: str, no_cache: bool,
                paper: Paper, check_pages: bool, pdf: bool, progress: Callable[[str], None],
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


def _job_progress(sources: list[str], quiet: bool) -> Any:
    import contextlib

    if quiet or len(sources) < 2:
        return contextlib.nullcontext(sources)
    return typer.progressbar(sources, label="Tailoring", file=sys.stderr,
                             item_show_func=lambda source: Path(source).name if source else "")


def _print_batch(results: list[tuple[Any, Path]], failures: list[tuple[str, str]],
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


@app.command("export")
def export_command(
    output: Annotated[Path | None, typer.Option(
        "--output", "-o", help="Where to write it. Default: resume.docx, or resume.json with "
                               "--format json-resume.")] = None,
    resume: ResumeOption = Path("resume.yaml"),
    export_format: Annotated[ExportFormat, typer.Option(
        "--format", "-f", help="docx, or json-resume (JSON Resume v1, for other tools and "
                               "sites).")] = ExportFormat.docx,
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
    tailor export --format json-resume -o resume.json
    """
    if export_format is ExportFormat.json_resume:
        _export_json_resume(output or Path("resume.json"), resume, one_page, paper,
                            check_pages or pdf, json_output)
        return
    output = output or Path("resume.docx")

    def action() -> None:
        from tailor.pipeline import export_resume

        _check_targets(output, pdf, [resume])
        exported = export_resume(resume, paper=paper.value, one_page=one_page,
                                 check_pages=check_pages, make_pdf=pdf,
                                 progress=_progress(quiet))
        _write_outputs(exported, output, pdf, json_output)

    _handle_user_errors(action)


def _export_json_resume(output: Path, resume: Path, one_page: bool, paper: Paper,
                        asks_pages: bool, json_output: bool) -> None:
    def action() -> None:
        from tailor.files import check_output_path, write_file_atomically
        from tailor.interchange import export_json_resume

        if asks_pages:
            raise UserError("--pdf and --check-pages need --format docx: a JSON Resume has no "
                            "pages.")
        check_output_path(output, [resume], (".json",), what="JSON Resume file")
        document, loaded, bullets = export_json_resume(resume, one_page=one_page,
                                                       paper=paper.value)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        write_file_atomically(output, text.encode("utf-8"))
        if json_output:
            typer.echo(json.dumps({"version": 1, "output": str(output), "format": "json-resume",
                                   "roles": len(loaded.experience), "bullets": bullets},
                                  ensure_ascii=False, indent=2))
        else:
            typer.echo(f"Wrote {output}: JSON Resume, {len(loaded.experience)} roles, "
                       f"{bullets} bullets" + (" (the one-page selection)." if one_page
                                               else "."))

    _handle_user_errors(action)


@app.command("import")
def import_command(
    source: Annotated[Path, typer.Argument(
        help="A JSON Resume (.json) or a Word résumé (.docx).", show_default=False)],
    output: Annotated[Path, typer.Option(
        "--output", "-o", help="Where to write the YAML.")] = Path("resume.yaml"),
    force: Annotated[bool, typer.Option(
        "--force", help="Replace OUTPUT if it exists (never SOURCE).")] = False,
) -> None:
    """Start resume.yaml from a JSON Resume or an existing Word résumé. Loads no model.

    Whatever has no place in resume.yaml is listed on stderr, never dropped silently. A Word
    import is a draft: read it through, then run `tailor check`.

    Examples:  tailor import resume.json    tailor import old-cv.docx -o draft.yaml
    """
    def action() -> None:
        from tailor.errors import InvalidInput
        from tailor.files import check_output_path, write_file_atomically
        from tailor.interchange import import_file
        from tailor.resume import parse_resume
        from tailor.yaml_writer import resume_to_yaml

        check_output_path(output, [source], (".yaml", ".yml"), force=force, what="YAML file")
        imported, unplaced = import_file(source)
        if unplaced:
            typer.echo(f"{len(unplaced)} item(s) of {source} had no place in resume.yaml "
                       "(or were moved); add them by hand if they matter:", err=True)
            for note in unplaced:
                typer.echo(f"  - {note}", err=True)
        text = resume_to_yaml(imported)
        try:
            parse_resume(text, str(output))  # what is written must pass `tailor check`
        except InvalidInput as error:
            raise UserError(f"{source}: the import is not a usable résumé yet, so nothing was "
                            f"written:\n{error}",
                            "tailor needs a name and at least one role with its title and "
                            "start date.") from None
        write_file_atomically(output, text.encode("utf-8"))
        bullets = imported.bullets()
        projects = len(imported.open_source) + len(imported.projects)
        typer.echo(f"Wrote {output}: {len(imported.experience)} roles, {projects} projects, "
                   f"{len(bullets)} bullets imported from {source}. Review it, then run "
                   f"`tailor check --resume {output}`.")

    _handle_user_errors(action)


def _check_targets(target: Path, pdf: bool, inputs: list[Path]) -> None:
    """Refuse bad output paths before any work: nothing is written over an input."""
    from tailor.files import check_output_path

    check_output_path(target, inputs)
    if pdf:
        from tailor.pagecheck import INSTALL_HINT, find_soffice

        if not find_soffice():
            raise UserError("--pdf needs LibreOffice, which is not installed.", INSTALL_HINT)


def _write_files(tailored: Any, target: Path, pdf: bool) -> Path | None:
    """Write the DOCX (and the PDF beside it); returns the PDF's path if one was written."""
    from tailor.files import write_file_atomically

    assert tailored.docx is not None
    write_file_atomically(target, tailored.docx)
    if pdf and tailored.pdf:
        write_file_atomically(target.with_suffix(".pdf"), tailored.pdf)
        return target.with_suffix(".pdf")
    return None


def _write_outputs(tailored: Any, target: Path, pdf: bool, json_output: bool,
                   explain: bool = False) -> None:
    from tailor.report import as_json, explain_lines, summary_lines

    pdf_path = _write_files(tailored, target, pdf)
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
    """Validate resume.yaml (every problem with its line) and give advice on the bullets: too
    long, weak opening verbs, near-duplicates, no measurable result. Loads no model.

    Exit 0 when valid (advice is not an error), 1 when not.

    Example:  tailor check --resume ~/career/resume.yaml
    """
    def action() -> None:
        from tailor.lint import lint_resume
        from tailor.resume import load_resume

        loaded = load_resume(resume)
        bullets = loaded.bullets()
        projects = len(loaded.open_source) + len(loaded.projects)
        typer.echo(f"{resume}: OK. {len(loaded.experience)} roles, {projects} "
                   f"project{'s' if projects != 1 else ''}, {len(bullets)} bullets "
                   f"({sum(b.pin for b in bullets)} pinned).")
        advice = lint_resume(loaded)
        unmeasured = [a.bullet.id for a in advice if "measurable" in a.message]
        specific = [a for a in advice if "measurable" not in a.message]
        if specific or unmeasured:
            typer.echo("Advice (not errors):")
        for item in specific:
            typer.echo(f"  {resume}:{item.bullet.line}: {item.bullet.id}: {item.message}")
        if unmeasured:
            typer.echo(f"  {len(unmeasured)} bullets have no measurable result (a number, %, $, "
                       f"time saved); add one where you can: {', '.join(unmeasured)}")

    _handle_user_errors(action)


STARTER = "starter.yaml"


@app.command("init")
def init_command(
    resume: Annotated[Path, typer.Argument(help="Where to write the starter résumé.")] =
        Path("resume.yaml"),
) -> None:
    """Write a commented starter resume.yaml (and its JSON Schema beside it, for editors) to
    fill in. Never overwrites an existing file.

    Examples:  tailor init    tailor init ~/career/resume.yaml
    """
    def action() -> None:
        from importlib import resources

        from tailor.files import write_file_atomically

        if resume.exists():
            raise UserError(f"{resume} already exists; tailor init never overwrites it.",
                            "Choose another path: tailor init other.yaml")
        if not resume.parent.is_dir():
            raise UserError(f"cannot write {resume}: the folder {resume.parent} does not exist.")
        data = resources.files("tailor").joinpath("data")
        write_file_atomically(resume, data.joinpath(STARTER).read_bytes())
        schema = resume.parent / "resume.schema.json"
        if not schema.exists():
            write_file_atomically(schema, data.joinpath("resume.schema.json").read_bytes())
        typer.echo(f"Wrote {resume}. Fill it in, then: tailor check --resume {resume}")

    _handle_user_errors(action)


cache_app = typer.Typer(help="The embedding cache and the ONNX export of the model.",
                        no_args_is_help=True)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear_command() -> None:
    """Delete cached embeddings and the ONNX export (both are rebuilt on the next run).

    Example:  tailor cache clear
    """
    from tailor.cache import clear, default_cache_dir

    folder = default_cache_dir()
    freed = clear(folder)
    typer.echo(f"Cleared {folder} ({freed / 1e6:.1f} MB).")


@cache_app.command("info")
def cache_info_command() -> None:
    """Where the cache lives and how big it is.

    Example:  tailor cache info
    """
    from tailor.cache import default_cache_dir

    folder = default_cache_dir()
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() \
        else 0
    typer.echo(f"{folder}: {size / 1e6:.1f} MB (set TAILOR_CACHE to move it)")


def _terminal_width() -> int:
    try:
        return max(80, min(160, os.get_terminal_size(sys.stdout.fileno()).columns))
    except (OSError, ValueError):
        return 100


def main() -> None:
    try:
        app(prog_name="tailor")
    except SystemExit as exit_:
        code = exit_.code if isinstance(exit_.code, int) else (0 if exit_.code is None else 1)
    else:
        code = 0
    # Tearing down torch and friends takes over a second and does nothing useful: outputs
    # were written atomically and flushed, so leave at once.
    if "torch" in sys.modules or "onnxruntime" in sys.modules:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    sys.exit(code)
