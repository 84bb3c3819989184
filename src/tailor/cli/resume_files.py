"""The résumé as files: `tailor export`, `import`, `check` and `init`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer

from tailor.cli import (
    DEFAULT_PAPER_CHOICE,
    CheckPagesOption,
    ExportFormat,
    ForceOption,
    JsonOption,
    Paper,
    PdfOption,
    QuietOption,
    ResumeOption,
    app,
    dump_json,
    handle_user_errors,
    print_warnings,
    progress_printer,
    say,
)
from tailor.errors import JSON_VERSION, UserError, counted


@app.command("export")
def export_command(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Where to write it. Default: resume.docx, or resume.json with "
            "--format json-resume.",
        ),
    ] = None,
    resume: ResumeOption = Path("resume.yaml"),
    export_format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="docx, or json-resume (JSON Resume v1, for other tools and sites).",
        ),
    ] = ExportFormat.docx,
    one_page: Annotated[
        bool,
        typer.Option(
            "--one-page",
            help="Only what fits one page, keeping bullets in résumé order (no job, "
            "no model); a JSON Resume then holds just what the page shows.",
        ),
    ] = False,
    paper: Annotated[Paper, typer.Option(help="Page size.")] = DEFAULT_PAPER_CHOICE,
    check_pages: CheckPagesOption = False,
    pdf: PdfOption = False,
    force: ForceOption = False,
    json_output: JsonOption = False,
    quiet: QuietOption = False,
) -> None:
    """Write the résumé, untailored: every bullet (it may span pages), or with --one-page
    what fits one page. Loads no model.

    Examples:  tailor export -o full.docx    tailor export --one-page --pdf
    tailor export --format json-resume -o resume.json
    """
    if export_format is ExportFormat.json_resume:
        export_json_resume_file(
            output or Path("resume.json"),
            resume,
            one_page,
            paper,
            check_pages or pdf,
            json_output,
            force,
        )
        return
    output = output or Path("resume.docx")

    def action() -> None:
        from tailor.batch import Targets, check_targets, write_page
        from tailor.pipeline import export_resume
        from tailor.report import export_json, page_lines, page_warnings
        from tailor.resume_yaml import load_resume

        targets = Targets(output, output.with_suffix(".pdf") if pdf else None)
        check_targets(targets, [resume], force=force)
        loaded = load_resume(resume)
        exported = export_resume(
            loaded,
            paper=paper.value,
            one_page=one_page,
            check_pages=check_pages,
            make_pdf=pdf,
            progress=progress_printer(quiet),
        )
        pdf_path = write_page(exported, targets)
        if json_output:
            typer.echo(
                dump_json(
                    {
                        **export_json(exported, output),
                        "pdf": str(pdf_path) if pdf_path else None,
                        "html": None,
                    }
                )
            )
        else:
            say("\n".join(page_lines(loaded, exported, output, pdf_path)))
        print_warnings(page_warnings(exported.page), shown=() if json_output else ("left-out",))

    handle_user_errors(action, json_output)


def export_json_resume_file(
    output: Path,
    resume: Path,
    one_page: bool,
    paper: Paper,
    asks_pages: bool,
    json_output: bool,
    force: bool,
) -> None:
    def action() -> None:
        from tailor.files import check_output_path, write_file_atomically
        from tailor.interchange import export_json_resume

        if asks_pages:
            raise UserError(
                "--pdf and --check-pages need --format docx: a JSON Resume has no pages."
            )
        check_output_path(output, [resume], (".json",), force=force, what="JSON Resume file")
        document, loaded, bullets = export_json_resume(resume, one_page=one_page, paper=paper.value)
        text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
        write_file_atomically(output, text.encode("utf-8"))
        if json_output:
            typer.echo(
                dump_json(
                    {
                        "version": JSON_VERSION,
                        "output": str(output),
                        "format": "json-resume",
                        "roles": len(loaded.experience),
                        "bullets": bullets,
                    }
                )
            )
        else:
            say(
                f"Wrote {output}: JSON Resume, {counted(len(loaded.experience), 'role')}, "
                f"{counted(bullets, 'bullet')}"
                + (" (the one-page selection)." if one_page else ".")
            )

    handle_user_errors(action, json_output)


MAX_NOTES = 200  # more is not a résumé's leftovers; the terminal would scroll for minutes


@app.command("import")
def import_command(
    source: Annotated[
        Path,
        typer.Argument(help="A JSON Resume (.json) or a Word résumé (.docx).", show_default=False),
    ],
    output: Annotated[Path, typer.Option("--output", "-o", help="Where to write the YAML.")] = Path(
        "resume.yaml"
    ),
    force: Annotated[
        bool, typer.Option("--force", help="Replace OUTPUT if it exists (never SOURCE).")
    ] = False,
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
        from tailor.resume_yaml import parse_resume
        from tailor.yaml_writer import resume_to_yaml

        check_output_path(output, [source], (".yaml", ".yml"), force=force, what="YAML file")
        imported, unplaced = import_file(source)
        if unplaced:
            say(
                f"{len(unplaced)} item(s) of {source} had no place in resume.yaml "
                "(or were moved); add them by hand if they matter:",
                err=True,
            )
            for note in unplaced[:MAX_NOTES]:
                say(f"  - {note}", err=True)
            if len(unplaced) > MAX_NOTES:
                say(f"  … and {len(unplaced) - MAX_NOTES:,} more.", err=True)
        text = resume_to_yaml(imported)
        try:
            # What is written must pass `tailor check`; problems name the YAML it would be.
            parse_resume(text, f"{output} (not written)")
        except InvalidInput as error:
            raise UserError(
                f"{source}: the import is not a usable résumé yet, so nothing was "
                f"written:\n{error}",
                "tailor needs a name and at least one role with its title and start date.",
            ) from None
        write_file_atomically(output, text.encode("utf-8"))
        bullets = imported.bullets()
        projects = len(imported.open_source) + len(imported.projects)
        say(
            f"Wrote {output}: {counted(len(imported.experience), 'role')}, "
            f"{counted(projects, 'project')}, {counted(len(bullets), 'bullet')} "
            f"imported from {source}. Review it, then run "
            f"`tailor check --resume {output}`."
        )

    handle_user_errors(action)


@app.command("check")
def check_command(
    resume: ResumeOption = Path("resume.yaml"),
    show_all: Annotated[
        bool, typer.Option("--all", help="Every piece of advice, not only the worst of each kind.")
    ] = False,
) -> None:
    """Validate resume.yaml (every problem with its line) and give advice on the bullets: too
    long, weak opening verbs, near-duplicates, no measurable result. Loads no model.

    Exit 0 when valid (advice is not an error), 1 when not.

    Example:  tailor check --resume ~/career/resume.yaml
    """

    def action() -> None:
        from tailor.lint import advice_lines, lint_resume
        from tailor.resume_yaml import load_resume

        loaded = load_resume(resume)
        bullets = loaded.bullets()
        projects = len(loaded.open_source) + len(loaded.projects)
        say(
            f"{resume}: OK. {counted(len(loaded.experience), 'role')}, "
            f"{counted(projects, 'project')}, {counted(len(bullets), 'bullet')} "
            f"({sum(b.pin for b in bullets)} pinned)."
        )
        if loaded.warnings:
            say("Warnings (not errors):")
        for warning in loaded.warnings:
            say(f"  {warning}")
        for line in advice_lines(lint_resume(loaded), str(resume), everything=show_all):
            say(line)

    handle_user_errors(action)


STARTER = "starter.yaml"


@app.command("init")
def init_command(
    resume: Annotated[Path, typer.Argument(help="Where to write the starter résumé.")] = Path(
        "resume.yaml"
    ),
) -> None:
    """Write a commented starter resume.yaml (and its JSON Schema beside it, for editors) to
    fill in. Never overwrites an existing file.

    Examples:  tailor init    tailor init ~/career/resume.yaml
    """

    def action() -> None:
        from importlib import resources

        from tailor.files import write_file_atomically

        if resume.exists():
            raise UserError(
                f"{resume} already exists; tailor init never overwrites it.",
                "Choose another path: tailor init other.yaml",
            )
        if not resume.parent.is_dir():
            raise UserError(f"cannot write {resume}: the folder {resume.parent} does not exist.")
        data = resources.files("tailor").joinpath("data")
        write_file_atomically(resume, data.joinpath(STARTER).read_bytes())
        schema = resume.parent / "resume.schema.json"
        if not schema.exists():
            write_file_atomically(schema, data.joinpath("resume.schema.json").read_bytes())
        say(f"Wrote {resume}. Fill it in, then: tailor check --resume {resume}")

    handle_user_errors(action)
