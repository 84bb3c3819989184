"""Errors the user can fix: a message, an optional hint on its own line, and every problem of
a file located by line and column."""

from __future__ import annotations

from tailor.errors import InvalidInput, Issue, UserError


def test_a_user_error_prints_its_hint_below_the_message():
    assert str(UserError("no such file.")) == "no such file."
    error = UserError("no such file.", "Check the path.")
    assert str(error) == "no such file.\n  Check the path."
    assert (error.message, error.hint) == ("no such file.", "Check the path.")


def test_an_issue_reads_file_line_column_field_message():
    issue = Issue("resume.yaml", 3, 5, "basics.emial", "`emial` is not a field")
    assert str(issue) == "resume.yaml:3:5: basics.emial: `emial` is not a field"
    assert (
        str(Issue("resume.yaml", 0, 0, "", "the file is empty")) == "resume.yaml: the file is empty"
    )


def test_invalid_input_counts_and_lists_every_issue():
    issues = [
        Issue("resume.yaml", 2, 3, "basics.name", "`name` is required"),
        Issue("resume.yaml", 9, 12, "experience[0].start", "`Smarch` is not a date"),
    ]
    error = InvalidInput(issues)
    assert isinstance(error, UserError)  # the CLI exits 1 for it, without a traceback
    assert str(error).splitlines() == [
        "resume.yaml: 2 problems",
        "  resume.yaml:2:3: basics.name: `name` is required",
        "  resume.yaml:9:12: experience[0].start: `Smarch` is not a date",
    ]
    assert str(InvalidInput(issues[:1])).startswith("resume.yaml: 1 problem\n")


def test_a_count_of_one_is_singular():
    """Issue 21, item 23: "1 bullets", "1 projects"."""
    from tailor.errors import counted

    assert [counted(n, "bullet") for n in (0, 1, 2)] == ["0 bullets", "1 bullet", "2 bullets"]
    assert (
        counted(1, "entry", "entries") == "1 entry"
        and counted(3, "entry", "entries") == "3 entries"
    )
