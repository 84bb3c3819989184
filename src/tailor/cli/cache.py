"""`tailor cache`: the embedding cache and the ONNX export."""

from __future__ import annotations

import typer

from tailor.cli import app

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
    from tailor.cache import KEEP_DAYS, MAX_ENTRIES, EmbeddingCache, default_cache_dir

    folder = default_cache_dir()
    size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) if folder.is_dir() \
        else 0
    typer.echo(f"{folder}: {size / 1e6:.1f} MB (set TAILOR_CACHE to move it)")
    database = folder / "embeddings.sqlite3"
    entries = EmbeddingCache(database).entries() if database.is_file() else 0
    typer.echo(f"Embeddings cached: {entries:,}. Those unused for {KEEP_DAYS} days are dropped, "
               f"and beyond {MAX_ENTRIES:,} the least recently used.")
