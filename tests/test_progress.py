"""Progress on stderr: messages a line each; a long task as a bar on a terminal, and as one
line in a log."""

from __future__ import annotations

import io

import pytest

from tailor.cli import progress_printer
from tailor.progress import Step


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run(stream: io.StringIO, monkeypatch: pytest.MonkeyPatch, quiet: bool = False) -> str:
    monkeypatch.setattr("sys.stderr", stream)
    report = progress_printer(quiet)
    report("Model ready.")
    for done in (0, 128, 256, 300):
        report(Step("Embedding 300 new texts", done, 300))
    report("Ranking…")
    return stream.getvalue()


def test_a_log_gets_the_label_once_and_no_bar(monkeypatch: pytest.MonkeyPatch):
    assert run(io.StringIO(), monkeypatch) == "Model ready.\nEmbedding 300 new texts…\nRanking…\n"


def test_a_terminal_gets_a_bar_redrawn_in_place(monkeypatch: pytest.MonkeyPatch):
    lines = run(Terminal(), monkeypatch).split("\n")
    assert lines[0] == "Model ready."
    drawn = lines[1].split("\r")[1:]
    assert len(drawn) == 4 and drawn[0].endswith("  0%") and drawn[-1].endswith("100%")
    assert "#" * 30 in drawn[-1]
    assert lines[2] == "Ranking…"


def test_a_message_during_a_bar_starts_a_new_line(monkeypatch: pytest.MonkeyPatch):
    stream = Terminal()
    monkeypatch.setattr("sys.stderr", stream)
    report = progress_printer(False)
    report(Step("Embedding 300 new texts", 128, 300))
    report("Model ready.")
    assert stream.getvalue().endswith(" 42%\nModel ready.\n")


def test_quiet_prints_nothing(monkeypatch: pytest.MonkeyPatch):
    assert run(Terminal(), monkeypatch, quiet=True) == ""


def test_a_warning_is_told_by_its_type_not_by_its_words(monkeypatch: pytest.MonkeyPatch):
    """--quiet hides progress, never a warning; and a progress message that merely begins with
    "warning:" (a file so named) is still progress."""
    from tailor.progress import WarningMessage

    stream = io.StringIO()
    monkeypatch.setattr("sys.stderr", stream)
    report = progress_printer(quiet=True)
    report("warning: jobs.txt is read…")
    report(WarningMessage("embedding cache x.sqlite cannot be used (busy)."))
    assert stream.getvalue() == "warning: embedding cache x.sqlite cannot be used (busy).\n"
