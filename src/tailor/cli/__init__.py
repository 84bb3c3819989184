"""The `tailor` command: parse arguments, call the core, print. Nothing else lives here.

This module holds the app and what every command shares; the commands live beside it:
`tailoring` (run, scores), `resume_files` (export, import, check, init), `cache`.

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
from tailor.layout import DEFAULT_PAPER, PAPERS
from tailor.progress import Progress

# numpy's OpenBLAS would start a thread per core for matrix products of a few milliseconds and
# keep them spinning, taking cores from the embedding workers: twice the CPU time for a batch
# of jobs. Set before numpy is first imported; a user's own setting wins.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

EXIT_USER_ERROR = 1


class _JobFirstGroup(TyperGroup):
    """`tailor JOB` means `tailor run JOB`: the everyday command needs no subcommand name."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        positional = [a for a in args if a == "-" or not a.startswith("-")]
        asks_group = any(a in ("--help", "-h", "--version") for a in args) and not positional
        if positional and positional[0] not in self.commands and not asks_group:
            args = ["run", *args]
        self.wants_json = "--json" in args
        return super().parse_args(ctx, args)

    def invoke(self, ctx: Any) -> Any:
        """A usage error (exit 2) with --json is also said as JSON on stdout, as user errors
        are (handle_user_errors): a script reading stdout always gets one object."""
        # typer's own UsageError, found through the public BadParameter, which derives from
        # it: typer.UsageError is not exported, and where it lives (click, or typer's own copy)
        # changed between versions.
        usage_error: type[Exception] = next(
            cls for cls in typer.BadParameter.__mro__ if cls.__name__ == "UsageError"
        )
        try:
            return super().invoke(ctx)
        except usage_error as error:
            if getattr(self, "wants_json", False):
                typer.echo(
                    dump_json(
                        UserError(
                            str(error),  # its message
                            code="usage",
                        ).as_json()
                    )
                )
            raise


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


# The page sizes the layout model knows, as the choices of --paper.
Paper = StrEnum("Paper", {name: name for name in PAPERS})  # type: ignore[misc]
DEFAULT_PAPER_CHOICE = Paper(DEFAULT_PAPER)


class ExportFormat(StrEnum):
    docx = "docx"
    json_resume = "json-resume"


ResumeOption = Annotated[
    Path, typer.Option("--resume", "-r", help="Your whole career as YAML.", show_default=True)
]
JobArgument = Annotated[
    str,
    typer.Argument(
        help="The job description: a text file, or - to read it from stdin.", show_default=False
    ),
]
JobsArgument = Annotated[
    list[str],
    typer.Argument(
        help="Job descriptions: text files, folders of .txt files, or - for stdin.",
        show_default=False,
    ),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print machine-readable JSON on stdout.")]
QuietOption = Annotated[bool, typer.Option("--quiet", "-q", help="No progress messages.")]
CheckPagesOption = Annotated[
    bool,
    typer.Option(
        "--check-pages",
        help="Render with LibreOffice and report the real page count (needs "
        "LibreOffice; adds a few seconds).",
    ),
]
ExplainOption = Annotated[
    bool,
    typer.Option(
        "--explain",
        help="Also show how the job was read: sections, ignored lines, key terms, "
        "and the bullet that covers each requirement.",
    ),
]
PdfOption = Annotated[
    bool, typer.Option("--pdf", help="Also write a PDF beside the DOCX (needs LibreOffice).")
]
ForceOption = Annotated[
    bool,
    typer.Option(
        "--force", help="Replace an existing output that tailor did not write (never an input)."
    ),
]


# The model options, in one table: every command that loads the model takes all of them
# through `with_model_settings`, as one `embed.ModelSettings`. A new one is a field of
# ModelSettings and a row here: (parameter, its type and option, default, how it sets the
# ModelSettings field of the same name).
MODEL_OPTIONS: list[tuple[str, Any, Any, Callable[[Any], tuple[str, Any]]]] = [
    (
        "model",
        Annotated[
            str | None,
            typer.Option(
                "--model",
                "-m",
                help="A model folder name in models/, or a path. Default: all-MiniLM-L6-v2.",
            ),
        ],
        None,
        lambda value: ("model", value),
    ),
    (
        "backend",
        Annotated[
            str,
            typer.Option(
                "--backend",
                help="auto (ONNX when possible), onnx (fast), or torch (the "
                "sentence-transformers reference).",
            ),
        ],
        "auto",
        lambda value: ("backend", value),
    ),
    (
        "no_cache",
        Annotated[
            bool, typer.Option("--no-cache", help="Neither read nor write the embedding cache.")
        ],
        False,
        lambda value: ("use_cache", not value),
    ),
]


# The default of a command's `settings` parameter, which with_model_settings fills.
FROM_MODEL_OPTIONS: Any = None


def with_model_settings(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command every model option (MODEL_OPTIONS, where its `settings` parameter
    stands, so `--help` lists them there) and hand it their values as that one parameter, an
    `embed.ModelSettings`."""
    import functools
    import inspect

    parameters: list[inspect.Parameter] = []
    for name, parameter in inspect.signature(command).parameters.items():
        if name == "settings":
            parameters += [
                inspect.Parameter(
                    option, inspect.Parameter.KEYWORD_ONLY, default=default, annotation=annotation
                )
                for option, annotation, default, _ in MODEL_OPTIONS
            ]
            continue
        annotation = parameter.annotation  # a string: the commands' modules defer annotations
        if isinstance(annotation, str):
            annotation = eval(annotation, command.__globals__)  # our own source, at import
        parameters.append(
            parameter.replace(kind=inspect.Parameter.KEYWORD_ONLY, annotation=annotation)
        )

    @functools.wraps(command)
    def with_settings(**kwargs: Any) -> None:
        from tailor.embed import ModelSettings

        fields = dict(to_field(kwargs.pop(name)) for name, _, _, to_field in MODEL_OPTIONS)
        command(settings=ModelSettings(**fields), **kwargs)

    with_settings.__signature__ = inspect.Signature(parameters)  # type: ignore[attr-defined]
    with_settings.__annotations__ = {}  # typer reads the signature's annotations
    return with_settings


def _version(value: bool) -> None:
    if value:
        typer.echo(f"tailor {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the version and exit."
        ),
    ] = False,
) -> None:
    """Tailor your résumé to a job description, offline."""


def terminal_safe(text: str) -> str:
    """Text from the user's files as it may reach a terminal: control characters (NUL, escape
    sequences) and bidirectional overrides (RLO), which could hide or reorder what is shown,
    escaped as \\x00, \\u202e; line breaks and tabs kept."""
    import unicodedata

    return "".join(
        ch
        if ch in "\n\t"
        or unicodedata.category(ch) not in ("Cc", "Cf", "Cs")
        or ch in "\u00ad\u200d"
        else ch.encode("unicode_escape").decode("ascii")
        for ch in text
    )


# What tailor's own output draws with, and its ASCII stand-in for a console that cannot show it
# (a Windows console or a redirected stdout in cp1252, PYTHONIOENCODING=ascii).
ASCII_MARKS = str.maketrans(
    {
        "↳": "->",
        "→": "->",
        "…": "...",
        "✓": "+",
        "✗": "x",
        "◐": "~",
        "–": "-",
        "—": "--",
        "·": "-",
        "×": "x",
        "≥": ">=",
        "≤": "<=",
        "‘": "'",
        "’": "'",
        "“": '"',
        "”": '"',
        "•": "*",
        "\u00a0": " ",
    }
)


def say(text: str = "", *, err: bool = False) -> None:
    """Print a line for a person (stdout, or stderr with `err`). Whatever it quotes from the
    user's files or names (a path, a job title) is made terminal_safe, so a file named with an
    escape sequence or a bidi override cannot rewrite what the terminal shows. On a stream
    whose encoding cannot hold a character, tailor's marks fall back to ASCII and anything else
    is written escaped (\\u4e2d): never a crash after the files are written."""
    typer.echo(encodable(terminal_safe(text), sys.stderr if err else sys.stdout), err=err)


def encodable(text: str, stream: Any) -> str:
    """`text` as `stream` can encode it: unchanged if it can, else with ASCII marks and, for
    whatever is still left, backslash escapes."""
    encoding = getattr(stream, "encoding", None) or "utf-8"
    try:
        text.encode(encoding)
        return text
    except (UnicodeEncodeError, LookupError):
        text = text.translate(ASCII_MARKS)
    try:
        return text.encode(encoding, "backslashreplace").decode(encoding)
    except LookupError:
        return text.encode("ascii", "backslashreplace").decode("ascii")


def handle_user_errors(action: Callable[[], None], json_output: bool = False) -> None:
    """User errors: message on stderr, exit 1, no traceback; with `json_output` also one JSON
    object on stdout ({"error": {...}}, report.schema.json), so a script reading stdout learns
    what went wrong. Anything else is a bug and keeps its traceback."""
    try:
        action()
    except UserError as error:
        say(f"tailor: error: {error}", err=True)
        if json_output:
            typer.echo(dump_json(error.as_json()))
        raise typer.Exit(EXIT_USER_ERROR) from None
    except KeyboardInterrupt:
        say("tailor: interrupted; nothing was written.", err=True)
        if json_output:
            typer.echo(
                json.dumps(
                    UserError("interrupted; nothing was written.", code="interrupted").as_json(),
                    indent=2,
                )
            )
        raise typer.Exit(130) from None


def dump_json(document: Any) -> str:
    """JSON as every parser reads it: NaN and infinity, which json.dumps would write as bare
    `NaN`, become null."""
    import json
    import math

    def finite(value: Any) -> Any:
        if isinstance(value, float) and not math.isfinite(value):
            return None
        if isinstance(value, dict):
            return {key: finite(item) for key, item in value.items()}
        if isinstance(value, list | tuple):
            return [finite(item) for item in value]
        return value

    text = json.dumps(finite(document), ensure_ascii=False, indent=2, allow_nan=False)
    if encodable(text, sys.stdout) != text:  # a stdout that cannot hold it: JSON's own escapes
        text = json.dumps(finite(document), ensure_ascii=True, indent=2, allow_nan=False)
    return text


def progress_printer(quiet: bool) -> Progress:
    """Messages on stderr, one a line; a long task's steps as a bar redrawn in place on a
    terminal, and as its label alone elsewhere (a log gets no bar characters)."""
    import threading

    from tailor.progress import Step, WarningMessage

    lock = threading.Lock()  # the model is loaded and run in a background thread
    bar_open = False

    def report(update: str | Step | WarningMessage) -> None:
        nonlocal bar_open
        if quiet and not isinstance(update, WarningMessage):
            return  # a warning (the cache cannot be used) is not progress: it is always shown
        with lock:
            if isinstance(update, str | WarningMessage):
                say(("\n" if bar_open else "") + str(update), err=True)
                bar_open = False
            elif sys.stderr.isatty():
                filled = 30 * update.done // max(1, update.total)
                label = encodable(terminal_safe(update.label), sys.stderr)
                sys.stderr.write(
                    f"\r{label} [{'#' * filled}{'-' * (30 - filled)}] "
                    f"{100 * update.done // max(1, update.total):3d}%"
                )
                bar_open = update.done < update.total
                sys.stderr.write("" if bar_open else "\n")
                sys.stderr.flush()
            elif update.done == 0:
                say(f"{update.label}…", err=True)

    return report


def stop_on_termination() -> None:
    """SIGTERM (kill, a closing IDE) and SIGHUP (a closed terminal) stop tailor as Ctrl-C
    does: cleanly, with LibreOffice stopped and every temporary folder removed. Python's
    default is to die at once, leaving tailor-pdf-* folders behind."""
    import signal

    def interrupt(signum: int, frame: Any) -> None:
        raise KeyboardInterrupt

    for name in ("SIGTERM", "SIGHUP"):
        if hasattr(signal, name):
            signal.signal(getattr(signal, name), interrupt)


def main() -> None:
    stop_on_termination()
    # The last guard against a console that cannot show a character (say() already writes
    # ASCII marks there): an escape in the output, never a crash after the files are written.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="backslashreplace")
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


def print_warnings(
    warnings: list[dict[str, Any]], prefix: str = "", shown: tuple[str, ...] = ()
) -> None:
    """On stderr, so that --json's stdout stays one JSON document (which lists them too).

    warnings: report.run_warnings (or page_warnings); shown: warning codes the output already
    says (the summary names what was left out)."""
    for warning in warnings:
        if warning["code"] in shown:
            continue
        say(f"tailor: warning: {prefix}{warning['message']}", err=True)


# The commands register themselves on `app` when their modules are imported; the order here is
# the order of `tailor --help`.
from tailor.cli import tailoring, resume_files, cache  # noqa: E402, F401, I001
