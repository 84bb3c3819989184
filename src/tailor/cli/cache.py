"""`tailor cache`: the embedding cache and the ONNX export; `tailor doctor`: what a run uses."""

from __future__ import annotations

import typer

from tailor.cli import app, handle_user_errors, say
from tailor.errors import UserError

cache_app = typer.Typer(
    help="The embedding cache and the ONNX export of the model.", no_args_is_help=True
)
app.add_typer(cache_app, name="cache")


@cache_app.command("clear")
def cache_clear_command() -> None:
    """Delete cached embeddings and the ONNX export (both are rebuilt on the next run). Only
    what tailor made is deleted.

    Example:  tailor cache clear
    """

    def action() -> None:
        from tailor.cache import clear, default_cache_dir

        folder = default_cache_dir()
        try:
            freed = clear(folder)
        except OSError as error:
            raise UserError(
                f"cannot clear {folder}: {error.strerror or error}"
                f"{f' ({error.filename})' if error.filename else ''}.",
                "Is the folder read-only? Set TAILOR_CACHE to a writable folder, or "
                "delete it yourself.",
            ) from None
        say(f"Cleared {folder} ({freed / 1e6:.1f} MB).")

    handle_user_errors(action)


@cache_app.command("info")
def cache_info_command() -> None:
    """Where the cache lives and how big it is. Changes nothing.

    Example:  tailor cache info
    """
    import sqlite3

    from tailor.cache import (
        DATABASE,
        KEEP_DAYS,
        MAX_ENTRIES,
        EmbeddingCache,
        default_cache_dir,
        is_damage,
    )

    folder = default_cache_dir()
    try:
        size = (
            sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
            if folder.is_dir()
            else 0
        )
    except OSError:
        size = 0
    say(f"{folder}: {size / 1e6:.1f} MB (set TAILOR_CACHE to move it)")
    try:
        entries = f"{EmbeddingCache(folder / DATABASE).entries():,}"
    except sqlite3.Error as error:
        entries = (
            "none: the database is damaged; the next run replaces it"
            if is_damage(error)
            else f"unknown ({error})"
        )
    say(
        f"Embeddings cached: {entries}. Those unused for {KEEP_DAYS} days are dropped, "
        f"and beyond {MAX_ENTRIES:,} the least recently used."
    )


@app.command("doctor")
def doctor_command() -> None:
    """Which torch build (CPU or CUDA), onnxruntime and model tailor runs, where the model and
    the cache are, and whether onnxruntime's telemetry is off. Changes nothing.

    Example:  tailor doctor
    """

    def action() -> None:
        from tailor.cache import default_cache_dir
        from tailor.model_store import CPU_INSTALL, runtime_facts

        facts = runtime_facts()
        width = max(len(what) for what, _ in facts)
        for what, which in facts:
            say(f"{what:<{width}}  {which}")
        say(f"{'cache':<{width}}  {default_cache_dir()} (set TAILOR_CACHE to move it)")
        torch = dict(facts)["torch"]
        if "CUDA" in torch or "ROCm" in torch:
            say(
                f"\nThis torch is a GPU build (gigabytes of libraries tailor never uses: it runs "
                f"on the CPU). The CPU build: pip uninstall torch, then {CPU_INSTALL}"
            )

    handle_user_errors(action)
