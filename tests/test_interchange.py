"""Résumé files in and out: every way an import file can be wrong is a message naming it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import tailor.interchange
from tailor.errors import UserError
from tailor.interchange import export_json_resume, import_file, parse_json

from .conftest import DATA, RESUME


def test_a_json_resume_file_imports_to_a_draft(tmp_path: Path):
    resume, notes = import_file(DATA / "jsonresume-full.json")
    assert resume.basics.name == "Maya Okafor" and resume.bullets()
    assert isinstance(notes, list)


@pytest.mark.parametrize(
    ("name", "fragments"),
    [
        (
            "cv.pdf",
            [
                "cannot import `.pdf` files",
                ".json (JSON Resume), .docx (Word)",
                "Save it from Word as .docx.",
            ],
        ),
        ("cv", ["cannot import `a file without extension` files"]),
    ],
)
def test_only_json_resume_and_word_files_import(name: str, fragments: list[str], tmp_path: Path):
    path = tmp_path / name
    path.write_text("whatever")
    with pytest.raises(UserError) as caught:
        import_file(path)
    for fragment in fragments:
        assert fragment in str(caught.value)


def test_a_file_that_is_not_there_or_not_a_file(tmp_path: Path):
    with pytest.raises(UserError, match="no such file"):
        import_file(tmp_path / "gone.json")
    (tmp_path / "folder.json").mkdir()
    with pytest.raises(UserError, match="is a directory"):
        import_file(tmp_path / "folder.json")


def test_a_file_too_large_is_refused_unread(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(tailor.interchange, "MAX_JSON_BYTES", 10)
    path = tmp_path / "big.json"
    path.write_text("{" + " " * 20 + "}")
    with pytest.raises(UserError, match="is too large for"):
        import_file(path)


def test_broken_json_is_located_by_line_and_column():
    with pytest.raises(UserError, match=r"cv.json:2:5: invalid JSON") as caught:
        parse_json(b'{"a": 1,\n    }', Path("cv.json"))
    assert "trailing comma" in str(caught.value)
    with pytest.raises(UserError, match=r"cv.json:2: is not UTF-8"):
        parse_json(b'{"a":\n"\xe9"}', Path("cv.json"))
    with pytest.raises(UserError, match="nested too deeply"):
        parse_json(b"[" * 100_000 + b"]" * 100_000, Path("cv.json"))
    assert parse_json('\ufeff{"a": 1}'.encode(), Path("cv.json")) == {"a": 1}  # Windows BOM


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16"])
def test_a_json_resume_saved_as_utf16_imports(tmp_path: Path, encoding: str):
    """Notepad's "Unicode" is UTF-16, and other Windows tools drop its byte-order mark."""
    path = tmp_path / "cv.json"
    path.write_bytes(
        json.dumps(
            {
                "basics": {"name": "Ada Lövelace"},
                "work": [
                    {
                        "name": "Acme",
                        "position": "Dev",
                        "startDate": "2020-01",
                        "highlights": ["Did it."],
                    }
                ],
            },
            ensure_ascii=False,
        ).encode(encoding)
    )
    resume, _ = import_file(path)
    assert resume.basics.name == "Ada Lövelace"


def test_a_number_too_long_for_python_stays_the_text_it_was(tmp_path: Path):
    """Python refuses to read an integer of more than 4,300 digits (ValueError): the import
    keeps it as written instead of failing with a traceback."""
    digits = "7" * 5_000
    path = tmp_path / "cv.json"
    path.write_text(
        '{"basics": {"name": "Ada", "phone": ' + digits + '}, "work": [{"name": '
        '"Acme", "position": "Engineer", "highlights": ["Cut costs"]}]}'
    )
    resume, _ = import_file(path)
    assert resume.basics.phone == digits
    assert parse_json(b'{"a": 12, "b": ' + digits.encode() + b"}", path) == {"a": 12, "b": digits}


def test_an_error_names_the_file_once(tmp_path: Path):
    path = tmp_path / "deep-900.json"
    path.write_bytes(b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(UserError) as caught:
        import_file(path)
    assert str(caught.value).count("deep-900.json") == 1


def test_volunteering_keeps_only_web_and_mail_links_like_a_role(tmp_path: Path):
    """An imported file is untrusted: a volunteer entry's `javascript:` link is left out and
    said, as a role's is, so it never reaches resume.yaml or an export."""
    from tailor.jsonresume import to_json_resume

    source = tmp_path / "resume.json"
    source.write_text(
        json.dumps(
            {
                "basics": {"name": "Ada"},
                "work": [
                    {
                        "name": "C",
                        "position": "T",
                        "startDate": "2021",
                        "url": "javascript:alert(1)",
                        "highlights": ["Built it."],
                    }
                ],
                "volunteer": [
                    {
                        "organization": "Food bank",
                        "position": "Driver",
                        "startDate": "2019",
                        "url": "javascript:alert(2)",
                    },
                    {
                        "organization": "Library",
                        "startDate": "2018",
                        "url": "https://library.example",
                    },
                ],
            }
        )
    )
    resume, notes = import_file(source)
    assert [entry.url for entry in resume.volunteer] == [None, "https://library.example"]
    assert resume.experience[0].url is None
    said = [note for note in notes if "javascript:" in note]
    assert [note.split(":")[0] for note in said] == [
        "experience[0] (C)",
        "volunteer[0] (Food bank)",
    ]
    assert "javascript" not in json.dumps(to_json_resume(resume))


def test_schools_and_credits_keep_only_web_and_mail_links_too(tmp_path: Path):
    from tailor.jsonresume import to_json_resume

    source = tmp_path / "resume.json"
    source.write_text(
        json.dumps(
            {
                "basics": {"name": "Ada"},
                "work": [
                    {"name": "C", "position": "T", "startDate": "2021", "highlights": ["Built."]}
                ],
                "education": [
                    {"institution": "U", "studyType": "BSc", "url": "javascript:alert(1)"}
                ],
                "publications": [
                    {"name": "P", "publisher": "J", "url": "file:///etc/passwd"},
                    {"name": "Q", "publisher": "J", "url": "https://doi.example/q"},
                ],
                "awards": [{"title": "A", "awarder": "B", "url": "javascript:alert(3)"}],
            }
        )
    )
    resume, notes = import_file(source)
    assert resume.education[0].url is None and resume.awards[0].credit.url is None
    assert [b.credit.url for b in resume.publications] == [None, "https://doi.example/q"]
    said = [note.split(":")[0] for note in notes if "left out" in note]
    assert said == ["education[0] (U)", "awards[0] (A)", "publications[0] (P)"]
    exported = json.dumps(to_json_resume(resume))
    assert "javascript" not in exported and "file:" not in exported


@pytest.mark.parametrize(
    ("image", "kept"),
    [
        ("javascript:alert(1)", None),
        ("file:///C:/Users/ada/me.jpg", None),
        ("\\\\fileserver\\photos\\me.jpg", None),
        ("data:image/svg+xml;base64," + "PHN2Zz4" * 20_000, None),
        ("https://ada.dev/me.jpg", "https://ada.dev/me.jpg"),
        ("me.png", "me.png"),
    ],
    ids=["javascript", "file", "network-path", "data", "https", "relative"],
)
def test_the_photo_keeps_only_a_web_address_like_a_link(
    tmp_path: Path, image: str, kept: str | None
):
    """basics.image is an address the JSON export hands on, which a theme shows or links: an
    imported file's photo follows the links' rule (links.py), left out with a short note.
    tailor's page never shows the photo, so the page loses nothing."""
    from tailor.jsonresume import to_json_resume

    source = tmp_path / "resume.json"
    source.write_text(json.dumps({"basics": {"name": "Ada", "image": image}}))
    resume, notes = import_file(source)
    assert resume.basics.image == kept
    said = [note for note in notes if note.startswith("basics.image")]
    assert len(said) == (kept is None) and all(len(note) < 400 for note in said)
    assert to_json_resume(resume)["basics"].get("image") == kept


def test_export_writes_every_bullet_or_the_ones_on_the_page(resume):
    document, _, count = export_json_resume(RESUME)
    assert count == len(resume.bullets()) and document["basics"]["name"] == resume.basics.name
    page_document, _, on_page = export_json_resume(RESUME, one_page=True)
    assert 0 < on_page < count
    assert json.dumps(page_document)  # plain JSON
