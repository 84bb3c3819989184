"""Word résumés in: tailor's own DOCX comes back whole; a hand-made one is read the usual ways,
and what cannot be placed is reported, never dropped."""

from __future__ import annotations

import io
import zipfile

import pytest

import tailor.docx_import
from tailor.docx_import import import_docx, split_dates
from tailor.errors import UserError
from tailor.layout import full_page
from tailor.render import render_docx
from tailor.resume import Date, parse_resume
from tailor.yaml_writer import resume_to_yaml


def _roles(resume, section):
    return [(e.title, e.organization, e.start, e.end, [b.text for b in e.bullets])
            for e in resume.entries(section)]


def test_tailors_own_docx_imports_back_whole(resume):
    data = render_docx(full_page(resume), resume.basics.name, "résumé")
    imported, unplaced = import_docx(data)
    assert unplaced == []
    for section in ("experience", "open_source", "projects"):
        assert _roles(imported, section) == _roles(resume, section)
    assert [b.text for b in imported.bullets()] == [b.text for b in resume.bullets()]
    assert imported.basics == resume.basics
    assert " ".join(imported.summary) == " ".join(resume.summary)
    # Courses are not on the page, so they cannot come back; everything else does.
    assert [(s.institution, s.degree, s.location, s.score, s.start, s.end)
            for s in imported.education] == \
        [(s.institution, s.degree, s.location, s.score, s.start, s.end)
         for s in resume.education]
    assert imported.skills == resume.skills and imported.languages == resume.languages
    assert parse_resume(resume_to_yaml(imported)) == imported  # a valid resume.yaml


def _hand_made() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph().add_run("MAYA OKAFOR").bold = True
    document.add_paragraph("maya@okafor.dev | +44 20 7946 0958 | github.com/mokafor | "
                           "Manchester, UK")
    document.add_paragraph("PROFILE").runs[0].bold = True
    document.add_paragraph("Data engineer who builds streaming pipelines that teams trust.")
    document.add_paragraph("WORK EXPERIENCE")  # all caps, not bold, not a Heading style
    role = document.add_paragraph()
    role.add_run("Senior Data Engineer").bold = True
    role.add_run(", Ledgerline\tSep 2024 – Present")
    document.add_paragraph("• Rebuilt the settlement pipeline on Kafka and Flink.")
    document.add_paragraph("• Halved data incidents with data contracts.")
    two_line = document.add_paragraph()
    two_line.add_run("Data Engineer").bold = True
    two_line.add_run("\t03/2020 - 06/2021")
    document.add_paragraph("Parcelwise Ltd")
    document.add_paragraph("- Designed the dbt project that 60 analysts use daily.")
    document.add_paragraph("Northwind Logistics — Graduate Analyst    2017–2019")
    document.add_paragraph("Forecasted warehouse demand with SARIMA models.", style="List Bullet")
    dashed = document.add_paragraph()
    dashed.add_run("Intern").bold = True
    dashed.add_run(", con terra GmbH  |  Summer 2015")
    document.add_paragraph("* Built a bike share routing app.")
    document.add_heading("Education", level=1)
    school = document.add_paragraph("MSc Computer Science, ")
    school.add_run("University of Manchester").bold = True
    school.add_run("\tSeptember 2015 - September 2016")
    document.add_paragraph("Relevant coursework: Distributed Systems, Machine Learning")
    document.add_heading("Technical Skills", level=2)
    document.add_paragraph("Languages: Python, Scala, SQL")
    document.add_paragraph("Streaming: Kafka, Flink")
    document.add_paragraph("LICENSES & CERTIFICATIONS")
    document.add_paragraph("• Confluent Certified Developer for Apache Kafka (2022)")
    document.add_heading("References", level=1)
    document.add_paragraph("Available on request.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_hand_made_docx_with_the_usual_irregularities():
    imported, unplaced = import_docx(_hand_made())
    basics = imported.basics
    assert basics.name == "Maya Okafor"
    assert basics.email == "maya@okafor.dev" and basics.phone == "+44 20 7946 0958"
    assert basics.location == "Manchester, UK"
    assert [link.url for link in basics.links] == ["https://github.com/mokafor"]
    assert imported.summary == ("Data engineer who builds streaming pipelines that teams trust.",)
    assert _roles(imported, "experience") == [
        ("Senior Data Engineer", "Ledgerline", Date(2024, 9), Date(present=True),
         ["Rebuilt the settlement pipeline on Kafka and Flink.",
          "Halved data incidents with data contracts."]),
        ("Data Engineer", "Parcelwise Ltd", Date(2020, 3), Date(2021, 6),
         ["Designed the dbt project that 60 analysts use daily."]),
        ("Graduate Analyst", "Northwind Logistics", Date(2017), Date(2019),
         ["Forecasted warehouse demand with SARIMA models."]),
        ("Intern", "con terra GmbH", Date(2015, season="summer"), None,
         ["Built a bike share routing app."]),
    ]
    school = imported.education[0]
    assert (school.institution, school.degree) == ("University of Manchester",
                                                   "MSc Computer Science")
    assert (school.start, school.end) == (Date(2015, 9), Date(2016, 9))
    assert school.courses == ("Distributed Systems", "Machine Learning")
    assert [(g.name, g.items) for g in imported.skills] == [
        ("Languages", ("Python", "Scala", "SQL")), ("Streaming", ("Kafka", "Flink"))]
    assert [c.text for c in imported.certifications] == [
        "Confluent Certified Developer for Apache Kafka (2022)"]
    # The one paragraph with no place is reported, with its text and why.
    assert len(unplaced) == 1
    assert "References" in unplaced[0] and "Available on request." in unplaced[0]
    assert parse_resume(resume_to_yaml(imported)) == imported


def test_a_role_missing_what_experience_needs_moves_to_projects_and_is_reported():
    from docx import Document

    document = Document()
    document.add_paragraph("Ada Lovelace")
    document.add_heading("Experience", level=1)
    document.add_paragraph("Analytical Engines Ltd")  # no title, no dates
    document.add_paragraph("Wrote the first program.", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    imported, unplaced = import_docx(buffer.getvalue())
    assert imported.experience == ()
    assert imported.projects[0].organization == "Analytical Engines Ltd"
    assert any("placed under projects" in note for note in unplaced)
    assert parse_resume(resume_to_yaml(imported)) == imported


@pytest.mark.parametrize(("line", "rest", "start", "end"), [
    ("Engineer, Acme\tSep 2024 – Present", "Engineer, Acme", Date(2024, 9), Date(present=True)),
    ("Engineer, Acme  September 2024 - Present", "Engineer, Acme", Date(2024, 9),
     Date(present=True)),
    ("Acme | 2019–2021", "Acme", Date(2019), Date(2021)),
    ("Acme — 03/2020 - 06/2021", "Acme", Date(2020, 3), Date(2021, 6)),
    ("Intern, Acme (Summer 2015)", "Intern, Acme", Date(2015, season="summer"), None),
    ("Acme, Jan. 2019 to Dec. 2020", "Acme", Date(2019, 1), Date(2020, 12)),
    ("Acme 2019-01 – 2020-06", "Acme", Date(2019, 1), Date(2020, 6)),
])
def test_dates_are_split_off_role_lines(line, rest, start, end):
    assert split_dates(line) == (rest, start, end, True)


@pytest.mark.parametrize("line", ["Windows 2000 migration", "Engineer, Acme"])
def test_lines_without_dates_keep_their_text(line):
    assert split_dates(line) == (line, None, None, False)


@pytest.mark.parametrize(("data", "message"), [
    (b"plain text, not a zip", "not a Word document"),
    (b"", "not a Word document"),
])
def test_not_a_docx_is_a_user_error(data, message):
    with pytest.raises(UserError, match=message):
        import_docx(data)


def test_a_zip_that_is_not_a_docx_is_a_user_error():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(UserError, match="not a Word document"):
        import_docx(buffer.getvalue())


def test_tailors_own_docx_with_locations_projects_and_languages():
    import json
    from pathlib import Path

    from tailor.jsonresume import from_json_resume

    resume, _ = from_json_resume(json.loads(
        (Path(__file__).parent / "data" / "jsonresume-full.json").read_text(encoding="utf-8")))
    imported, unplaced = import_docx(render_docx(full_page(resume), "Maya", "résumé"))
    assert unplaced == []
    for section in ("experience", "open_source", "projects", "volunteer"):
        assert [(e.title, e.organization, e.location, e.start, e.end) for e in
                imported.entries(section)] == \
            [(e.title, e.organization, e.location, e.start, e.end) for e in
             resume.entries(section)]
    # Every line comes back as the page wrote it (a role's summary line as its first bullet).
    assert [b.page_text for b in imported.bullets()] == [b.page_text for b in resume.bullets()]
    assert imported.languages == resume.languages
    # The page shows skills without levels, and single skills on one unlabelled line.
    assert [(group.name, group.items) for group in imported.skills] == \
        [(group.name, group.items) for group in resume.skills if group.items] + \
        [("Skills", tuple(group.name for group in resume.skills if not group.items))]
    assert imported.basics.location == "Manchester, England, GB"


@pytest.mark.parametrize(("line", "title", "organization"), [
    ("Senior Engineer at Acme", "Senior Engineer", "Acme"),
    ("Acme | Data Scientist", "Data Scientist", "Acme"),
    ("Acme Corp — Staff Engineer", "Staff Engineer", "Acme Corp"),
    ("Engineer, Acme", "Engineer", "Acme"),
    ("Acme, Senior Engineer", "Senior Engineer", "Acme"),
])
def test_role_lines_people_write(line, title, organization):
    from docx import Document

    document = Document()
    document.add_paragraph("Ada Lovelace")
    document.add_heading("Professional Experience", level=1)
    document.add_paragraph(f"{line}\t2019 – 2021")
    document.add_paragraph("Did things.", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    imported, unplaced = import_docx(buffer.getvalue())
    assert unplaced == []
    role = imported.experience[0]
    assert (role.title, role.organization, role.start, role.end) == \
        (title, organization, Date(2019), Date(2021))


def test_a_damaged_docx_is_a_user_error(resume):
    data = render_docx(full_page(resume), "a", "b")
    source = zipfile.ZipFile(io.BytesIO(data))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for info in source.infolist():
            archive.writestr(info.filename, b"<w:document><broken"
                             if info.filename == "word/document.xml"
                             else source.read(info.filename))
    with pytest.raises(UserError, match="damaged"):
        import_docx(damaged.getvalue())
    with pytest.raises(UserError, match="not a Word document"):
        import_docx(data[: len(data) // 2])  # cut short


def test_a_zip_bomb_is_refused_unread(monkeypatch: pytest.MonkeyPatch):
    # The limit lowered, so the test need not deflate 200 MB to pass it.
    monkeypatch.setattr(tailor.docx_import, "MAX_UNPACKED_BYTES", 100_000)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * 110_000)
    assert len(buffer.getvalue()) < 1_000  # a bomb: small packed, large unpacked
    with pytest.raises(UserError, match="unpacks to 110,000 bytes"):
        import_docx(buffer.getvalue())
