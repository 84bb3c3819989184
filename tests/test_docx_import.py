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
from tailor.resume import ENTRY_SECTIONS, WORK_SECTIONS, Date
from tailor.resume_yaml import parse_resume
from tailor.yaml_writer import resume_to_yaml


def _roles(resume, section):
    return [
        (e.title, e.organization, e.start, e.end, [b.text for b in e.bullets])
        for e in resume.entries(section)
    ]


def test_tailors_own_docx_imports_back_whole(resume):
    data = render_docx(full_page(resume), resume.basics.name, "résumé")
    imported, unplaced = import_docx(data)
    assert unplaced == []
    for section in WORK_SECTIONS:
        assert _roles(imported, section) == _roles(resume, section)
    assert [b.text for b in imported.bullets()] == [b.text for b in resume.bullets()]
    assert imported.basics == resume.basics
    assert " ".join(imported.summary) == " ".join(resume.summary)
    # Courses are not on the page, so they cannot come back; everything else does.
    assert [
        (s.institution, s.degree, s.location, s.score, s.start, s.end) for s in imported.education
    ] == [(s.institution, s.degree, s.location, s.score, s.start, s.end) for s in resume.education]
    assert imported.skills == resume.skills and imported.languages == resume.languages
    assert parse_resume(resume_to_yaml(imported)) == imported  # a valid resume.yaml


def _hand_made() -> bytes:
    from docx import Document

    document = Document()
    document.add_paragraph().add_run("MAYA OKAFOR").bold = True
    document.add_paragraph(
        "maya@okafor.dev | +44 20 7946 0958 | github.com/mokafor | Manchester, UK"
    )
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
        (
            "Senior Data Engineer",
            "Ledgerline",
            Date(2024, 9),
            Date(present=True),
            [
                "Rebuilt the settlement pipeline on Kafka and Flink.",
                "Halved data incidents with data contracts.",
            ],
        ),
        (
            "Data Engineer",
            "Parcelwise Ltd",
            Date(2020, 3),
            Date(2021, 6),
            ["Designed the dbt project that 60 analysts use daily."],
        ),
        (
            "Graduate Analyst",
            "Northwind Logistics",
            Date(2017),
            Date(2019),
            ["Forecasted warehouse demand with SARIMA models."],
        ),
        (
            "Intern",
            "con terra GmbH",
            Date(2015, season="summer"),
            None,
            ["Built a bike share routing app."],
        ),
    ]
    school = imported.education[0]
    assert (school.institution, school.degree) == (
        "University of Manchester",
        "MSc Computer Science",
    )
    assert (school.start, school.end) == (Date(2015, 9), Date(2016, 9))
    assert school.courses == ("Distributed Systems", "Machine Learning")
    assert [(g.name, g.items) for g in imported.skills] == [
        ("Languages", ("Python", "Scala", "SQL")),
        ("Streaming", ("Kafka", "Flink")),
    ]
    assert [c.text for c in imported.certifications] == [
        "Confluent Certified Developer for Apache Kafka (2022)"
    ]
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


@pytest.mark.parametrize(
    ("line", "rest", "start", "end"),
    [
        ("Engineer, Acme\tSep 2024 – Present", "Engineer, Acme", Date(2024, 9), Date(present=True)),
        (
            "Engineer, Acme  September 2024 - Present",
            "Engineer, Acme",
            Date(2024, 9),
            Date(present=True),
        ),
        ("Acme | 2019–2021", "Acme", Date(2019), Date(2021)),
        ("Acme — 03/2020 - 06/2021", "Acme", Date(2020, 3), Date(2021, 6)),
        ("Intern, Acme (Summer 2015)", "Intern, Acme", Date(2015, season="summer"), None),
        ("Acme, Jan. 2019 to Dec. 2020", "Acme", Date(2019, 1), Date(2020, 12)),
        ("Acme 2019-01 – 2020-06", "Acme", Date(2019, 1), Date(2020, 6)),
    ],
)
def test_dates_are_split_off_role_lines(line, rest, start, end):
    assert split_dates(line) == (rest, start, end, True)


@pytest.mark.parametrize("line", ["Windows 2000 migration", "Engineer, Acme"])
def test_lines_without_dates_keep_their_text(line):
    assert split_dates(line) == (line, None, None, False)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"plain text, not a zip", "not a Word document"),
        (b"", "not a Word document"),
    ],
)
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

    resume, _ = from_json_resume(
        json.loads(
            (Path(__file__).parent / "data" / "jsonresume-full.json").read_text(encoding="utf-8")
        )
    )
    imported, unplaced = import_docx(render_docx(full_page(resume), "Maya", "résumé"))
    assert unplaced == []
    for section in ENTRY_SECTIONS:
        assert [
            (e.title, e.organization, e.location, e.start, e.end) for e in imported.entries(section)
        ] == [
            (e.title, e.organization, e.location, e.start, e.end) for e in resume.entries(section)
        ]
    # Every line comes back as the page wrote it (a role's summary line as its first bullet).
    assert [b.page_text for b in imported.bullets()] == [b.page_text for b in resume.bullets()]
    assert imported.languages == resume.languages
    # The page shows skills without levels, and single skills on one unlabelled line.
    assert [(group.name, group.items) for group in imported.skills] == [
        (group.name, group.items) for group in resume.skills if group.items
    ] + [("Skills", tuple(group.name for group in resume.skills if not group.items))]
    assert imported.basics.location == "Manchester, England, GB"


@pytest.mark.parametrize(
    ("line", "title", "organization"),
    [
        ("Senior Engineer at Acme", "Senior Engineer", "Acme"),
        ("Acme | Data Scientist", "Data Scientist", "Acme"),
        ("Acme Corp — Staff Engineer", "Staff Engineer", "Acme Corp"),
        ("Engineer, Acme", "Engineer", "Acme"),
        ("Acme, Senior Engineer", "Senior Engineer", "Acme"),
    ],
)
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
    assert (role.title, role.organization, role.start, role.end) == (
        title,
        organization,
        Date(2019),
        Date(2021),
    )


def _imported_roles(lines: list[str]):
    """The experience of a Word résumé with these lines under its heading, then a bullet."""
    from docx import Document

    document = Document()
    document.add_paragraph("Ada Lovelace")
    document.add_heading("Professional Experience", level=1)
    for line in lines:
        document.add_paragraph(line)
    document.add_paragraph("Did things.", style="List Bullet")
    buffer = io.BytesIO()
    document.save(buffer)
    imported, unplaced = import_docx(buffer.getvalue())
    assert unplaced == []
    return [
        (role.title, role.organization, role.location, role.start, role.end)
        for role in imported.experience
    ]


@pytest.mark.parametrize(
    ("lines", "location"),
    [
        (["Senior Engineer, Acme Corp, Berlin\t2019 – 2021"], "Berlin"),
        (["Senior Engineer at Acme Corp, Berlin\t2019 – 2021"], "Berlin"),
        (["Senior Engineer — Acme Corp, Berlin\t2019 – 2021"], "Berlin"),
        (["Senior Engineer | Acme Corp — Berlin, Germany\t2019 – 2021"], "Berlin, Germany"),
        (["Senior Engineer\t2019 – 2021", "Acme Corp, Berlin"], "Berlin"),
        (["Senior Engineer\t2019 – 2021", "Acme Corp — Berlin, Germany"], "Berlin, Germany"),
        (["Acme Corp, Berlin\t2019 – 2021", "Senior Engineer"], "Berlin"),
        (["Acme Corp — Berlin, Germany\t2019 – 2021", "Senior Engineer"], "Berlin, Germany"),
    ],
)
def test_the_town_after_a_company_is_its_location_not_part_of_its_name(lines, location):
    """A company's line often ends with its town ("Acme Corp, Berlin"); that is the role's
    location, whichever line of the role it is on."""
    assert _imported_roles(lines) == [
        ("Senior Engineer", "Acme Corp", location, Date(2019), Date(2021))
    ]


@pytest.mark.parametrize(
    ("line", "title", "organization"),
    [
        ("Barista, Starbucks", "Barista", "Starbucks"),  # no title word: no town either
        ("Engineer, Acme, Inc.", "Engineer", "Acme, Inc."),
        (
            "Research Assistant, Project EPIC, University of Colorado Boulder",
            "Research Assistant",
            "Project EPIC, University of Colorado Boulder",
        ),
    ],
)
def test_a_company_name_with_a_comma_is_not_cut_at_a_town(line, title, organization):
    assert _imported_roles([f"{line}\t2019 – 2021"]) == [
        (title, organization, None, Date(2019), Date(2021))
    ]


def test_a_damaged_docx_is_a_user_error(resume):
    data = render_docx(full_page(resume), "a", "b")
    source = zipfile.ZipFile(io.BytesIO(data))
    damaged = io.BytesIO()
    with zipfile.ZipFile(damaged, "w") as archive:
        for info in source.infolist():
            archive.writestr(
                info.filename,
                b"<w:document><broken"
                if info.filename == "word/document.xml"
                else source.read(info.filename),
            )
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


# ----------------------------------------------------------------------------------------------
# Résumés of other shapes: it asks rather than guesses
# ----------------------------------------------------------------------------------------------


def _saved(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _bold_line(document, text: str):
    paragraph = document.add_paragraph()
    paragraph.add_run(text).bold = True
    return paragraph


def test_bold_all_caps_headings_and_one_tailor_does_not_know():
    """The case that went wrong: "REFERENCES" was not taken for a heading, so its lines and a
    "Skills:" line became education institutions, and nothing was said."""
    from docx import Document

    document = Document()
    _bold_line(document, "JORDAN REYES")
    document.add_paragraph("jordan@reyes.io | (555) 201-8890")
    _bold_line(document, "EXPERIENCE")
    _bold_line(document, "Staff Nurse, Mercy General Hospital\tMar 2019 – Present")
    document.add_paragraph("• Led triage for a 30-bed emergency unit.")
    _bold_line(document, "EDUCATION")
    document.add_paragraph("BSN, University of Iowa\t2015 – 2019")
    document.add_paragraph("Skills: Triage, Epic EHR, ACLS")
    _bold_line(document, "REFERENCES")
    document.add_paragraph("Dr. Ana Silva, Chief of Nursing, Mercy General")
    document.add_paragraph("Tom Baker, Charge Nurse, Mercy General")
    imported, unplaced = import_docx(_saved(document))
    assert [s.institution for s in imported.education] == ["University of Iowa"]
    assert [(g.name, g.items) for g in imported.skills] == [
        ("Skills", ("Triage", "Epic EHR", "ACLS"))
    ]
    assert [note for note in unplaced if "REFERENCES" in note] == [
        "under the heading “REFERENCES”, which has no place in resume.yaml: "
        "Dr. Ana Silva, Chief of Nursing, Mercy General",
        "under the heading “REFERENCES”, which has no place in resume.yaml: "
        "Tom Baker, Charge Nurse, Mercy General",
    ]
    assert _roles(imported, "experience") == [
        (
            "Staff Nurse",
            "Mercy General Hospital",
            Date(2019, 3),
            Date(present=True),
            ["Led triage for a 30-bed emergency unit."],
        )
    ]


def test_an_unknown_all_caps_heading_starts_its_own_section_never_merged():
    from docx import Document

    document = Document()
    document.add_paragraph("Sam Ito")
    document.add_paragraph("WORK EXPERIENCE")
    document.add_paragraph("Barista, Blue Bottle\t2020 – 2022")
    document.add_paragraph("• Trained 6 new baristas.")
    document.add_paragraph("COMMUNITY THEATRE")
    document.add_paragraph("• Stage manager for 4 productions.")
    imported, unplaced = import_docx(_saved(document))
    assert _roles(imported, "experience")[0][4] == ["Trained 6 new baristas."]
    assert unplaced == [
        "under the heading “COMMUNITY THEATRE”, which has no place in "
        "resume.yaml: • Stage manager for 4 productions."
    ]


def test_a_two_column_table_layout():
    """Contact and skills in a narrow left column, experience in the right one; and a table
    of | dates | role | rows."""
    from docx import Document

    document = Document()
    layout = document.add_table(rows=1, cols=2)
    left, right = layout.rows[0].cells
    left.paragraphs[0].add_run("Priya Natarajan").bold = True
    left.add_paragraph("priya@natarajan.dev")
    left.add_paragraph("SKILLS")
    left.add_paragraph("Languages: Python, Go")
    right.paragraphs[0].add_run("EXPERIENCE").bold = True
    role = right.add_paragraph()
    role.add_run("Backend Engineer").bold = True
    role.add_run(", Stripe\tJan 2021 – Present")
    right.add_paragraph("• Cut payout latency by 40%.")
    document.add_paragraph("PROJECTS")
    rows = document.add_table(rows=2, cols=2)
    rows.rows[0].cells[0].paragraphs[0].text = "2019 – 2020"
    rows.rows[0].cells[1].paragraphs[0].text = "Open Transit, Lead Developer"
    rows.rows[0].cells[1].add_paragraph("• Mapped 300 bus stops.")
    rows.rows[1].cells[0].paragraphs[0].text = "2018"
    rows.rows[1].cells[1].paragraphs[0].text = "Chess Engine"
    rows.rows[1].cells[1].add_paragraph("• Reached 2000 Elo.")
    imported, unplaced = import_docx(_saved(document))
    assert imported.basics.name == "Priya Natarajan"
    assert imported.basics.email == "priya@natarajan.dev"
    assert [(g.name, g.items) for g in imported.skills] == [("Languages", ("Python", "Go"))]
    assert _roles(imported, "experience") == [
        (
            "Backend Engineer",
            "Stripe",
            Date(2021, 1),
            Date(present=True),
            ["Cut payout latency by 40%."],
        )
    ]
    assert [(p.title, p.organization, p.start, p.end) for p in imported.projects] == [
        ("Lead Developer", "Open Transit", Date(2019), Date(2020)),
        (None, "Chess Engine", Date(2018), None),
    ]
    assert unplaced == []


def test_contact_details_in_the_page_header():
    from docx import Document

    document = Document()
    header = document.sections[0].header
    header.paragraphs[0].text = "Lena Vogel"
    header.add_paragraph("lena@vogel.de | +49 30 1234567 | Berlin, Germany")
    document.add_paragraph("PROFILE")
    document.add_paragraph("Product designer for health apps.")
    document.add_paragraph("EXPERIENCE")
    document.add_paragraph("Product Designer, Ada Health\t2020 – Present")
    document.add_paragraph("• Redesigned symptom checks used by 10 million people.")
    imported, unplaced = import_docx(_saved(document))
    basics = imported.basics
    assert (basics.name, basics.email, basics.phone, basics.location) == (
        "Lena Vogel",
        "lena@vogel.de",
        "+49 30 1234567",
        "Berlin, Germany",
    )
    assert imported.summary == ("Product designer for health apps.",)
    assert unplaced == []


_TEXT_BOX = """<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"
  xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"
  xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
  xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"
  xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
  xmlns:v="urn:schemas-microsoft-com:vml"><mc:AlternateContent>
 <mc:Choice Requires="wps"><w:drawing><wp:anchor distT="0" distB="0" distL="0" distR="0"
  simplePos="0" relativeHeight="1" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">
  <wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset>
  </wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset>
  </wp:positionV><wp:extent cx="2000000" cy="500000"/><wp:wrapNone/>
  <wp:docPr id="1" name="Contact box"/><wp:cNvGraphicFramePr/><a:graphic><a:graphicData
  uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"><wps:wsp><wps:cNvSpPr
  txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="2000000" cy="500000"/></a:xfrm>
  <a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>
  <w:p><w:r><w:t>omar@haddad.net | +1 415 555 0134</w:t></w:r></w:p></w:txbxContent></wps:txbx>
  <wps:bodyPr/></wps:wsp></a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>
 <mc:Fallback><w:pict><v:shape style="width:150pt;height:40pt"><v:textbox><w:txbxContent>
  <w:p><w:r><w:t>omar@haddad.net | +1 415 555 0134</w:t></w:r></w:p></w:txbxContent></v:textbox>
  </v:shape></w:pict></mc:Fallback></mc:AlternateContent></w:r>"""


def test_contact_details_in_a_text_box_are_read_once():
    from docx import Document
    from lxml import etree

    document = Document()
    document.add_paragraph("Omar Haddad")
    holder = document.add_paragraph()
    holder._p.append(etree.fromstring(_TEXT_BOX))
    document.add_paragraph("EXPERIENCE")
    document.add_paragraph("Site Reliability Engineer, Cloudflare\t2019 – 2024")
    document.add_paragraph("• Kept the edge at 99.99% uptime.")
    data = _saved(document)
    assert data.count(b"omar@haddad.net") == 0  # compressed: check the XML itself
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml")
    assert xml.count(b"omar@haddad.net") == 2  # as Word stores it: drawing and fallback
    imported, unplaced = import_docx(data)
    assert (imported.basics.email, imported.basics.phone) == ("omar@haddad.net", "+1 415 555 0134")
    assert unplaced == []


def test_tailors_own_long_role_line_comes_back_with_its_city():
    import yaml

    resume = parse_resume(
        yaml.safe_dump(
            {
                "basics": {"name": "Ada"},
                "experience": [
                    {
                        "company": "Regions Hospital HealthPartners",
                        "title": "Senior Registered Nurse and Clinical Education Coordinator",
                        "location": "Saint Paul, Minnesota",
                        "start": "2021-06",
                        "end": "present",
                        "bullets": ["Precepted 12 new graduate nurses."],
                    }
                ],
            }
        )
    )
    data = render_docx(full_page(resume), "Ada", "résumé")
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode("utf-8")
    assert ">Saint Paul, Minnesota</w:t></w:r></w:p>" in xml  # a paragraph of its own
    imported, unplaced = import_docx(data)
    assert unplaced == []
    (role,) = imported.experience
    assert (role.title, role.organization, role.location) == (
        "Senior Registered Nurse and Clinical Education Coordinator",
        "Regions Hospital HealthPartners",
        "Saint Paul, Minnesota",
    )


def test_a_macro_enabled_document_is_named_for_what_it_is(resume):
    """A .docm renamed .docx once got "file '<_io.BytesIO object at 0x…>' is not a Word file"."""
    docx = render_docx(full_page(resume, "letter"), author="A", title="T")
    source, renamed = zipfile.ZipFile(io.BytesIO(docx)), io.BytesIO()
    with zipfile.ZipFile(renamed, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "[Content_Types].xml":
                data = data.replace(
                    b"wordprocessingml.document.main+xml", b"ms-word.document.macroEnabled.main+xml"
                )
            target.writestr(item, data)
    with pytest.raises(UserError) as caught:
        import_docx(renamed.getvalue())
    assert "macro-enabled Word document (.docm)" in str(caught.value)
    assert "BytesIO" not in str(caught.value)


# Issue 21, item 6: every run of text is imported or named in the notes
# ----------------------------------------------------------------------------------------------

_W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _with_wrapped_bullets(wrappers: list[str]) -> bytes:
    """A résumé whose role has one bullet wrapped in each of `wrappers`, as Word stores
    fields, text direction, custom XML and moved text."""
    from docx import Document
    from lxml import etree

    document = Document()
    document.add_paragraph("Ada Lovelace")
    document.add_paragraph("ada@example.com")
    document.add_paragraph("EXPERIENCE")
    document.add_paragraph("Analyst, Babbage & Co\t2019 – 2024")
    for i, wrapper in enumerate(wrappers):
        paragraph = document.add_paragraph(style="List Bullet")
        opening = wrapper.replace("/>", ">") if wrapper.endswith("/>") else wrapper
        name = opening[1:].split()[0].rstrip(">")
        xml = (
            f"<w:p {_W_NS}>{opening}<w:r><w:t>Bullet {i} inside {name}.</w:t></w:r></{name}></w:p>"
        )
        for child in etree.fromstring(xml):
            paragraph._p.append(child)
    return _saved(document)


WRAPPERS = [
    '<w:fldSimple w:instr="MERGEFIELD x">',
    '<w:dir w:val="ltr">',
    '<w:bdo w:val="ltr">',
    '<w:customXml w:element="bullet">',
    '<w:moveTo w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z">',
    '<w:smartTag w:element="place">',
]


def test_bullets_inside_fields_direction_custom_xml_and_moves_are_imported():
    """They vanished with no note: only plain runs, links, smart tags, insertions and content
    controls were read."""
    imported, notes = import_docx(_with_wrapped_bullets(WRAPPERS))
    bullets = [b.text for b in imported.experience[0].bullets]
    assert bullets == [
        f"Bullet {i} inside {wrapper[1:].split()[0].rstrip('>')}."
        for i, wrapper in enumerate(WRAPPERS)
    ]
    assert notes == []


def test_deleted_text_stays_out_and_hidden_or_white_text_is_named_not_imported():
    from docx import Document
    from docx.shared import RGBColor
    from lxml import etree

    document = Document()
    document.add_paragraph("Ada Lovelace")
    document.add_paragraph("ada@example.com")
    document.add_paragraph("EXPERIENCE")
    document.add_paragraph("Analyst, Babbage & Co\t2019 – 2024")
    document.add_paragraph("Modelled the engine's output.", style="List Bullet")
    hidden = document.add_paragraph(style="List Bullet").add_run("Python Kubernetes Airflow")
    hidden.font.hidden = True
    white = document.add_paragraph("Visible start. ", style="List Bullet")
    white.add_run("Terraform Kafka Spark").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    removed = document.add_paragraph(style="List Bullet")
    removed._p.append(
        etree.fromstring(
            f'<w:del {_W_NS} w:id="2" w:author="A"><w:r><w:delText>Old claim.</w:delText></w:r>'
            "</w:del>"
        )
    )
    removed.add_run("Kept claim.")
    imported, notes = import_docx(_saved(document))
    assert [b.text for b in imported.experience[0].bullets] == [
        "Modelled the engine's output.",
        "Visible start.",
        "Kept claim.",
    ]
    assert notes == [
        "text Word does not show (hidden, or white on white), not imported: "
        "Python Kubernetes Airflow",
        "text Word does not show (hidden, or white on white), not imported: Terraform Kafka Spark",
    ]


def test_white_text_on_a_dark_band_is_shown_so_imported():
    """Templates often set the name in white on a coloured table cell: that is visible."""
    from docx import Document
    from docx.shared import RGBColor
    from lxml import etree

    document = Document()
    cell = document.add_table(rows=1, cols=1).cell(0, 0)
    cell._tc.get_or_add_tcPr().append(
        etree.fromstring(f'<w:shd {_W_NS} w:val="clear" w:color="auto" w:fill="1F3864"/>')
    )
    cell.paragraphs[0].add_run("Ada Lovelace").font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
    document.add_paragraph("ada@example.com")
    document.add_paragraph("EXPERIENCE")
    document.add_paragraph("Analyst, Babbage & Co\t2019 – 2024")
    document.add_paragraph("Modelled the engine's output.", style="List Bullet")
    imported, notes = import_docx(_saved(document))
    assert imported.basics.name == "Ada Lovelace" and notes == []


def _with_part(data: bytes, name: str, xml: str, content_type: str, rel_type: str) -> bytes:
    """The document with one more part, declared and related as Word does."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info)
            if info.filename == "[Content_Types].xml":
                content = content.replace(
                    b"</Types>",
                    (
                        f'<Override PartName="/{name}" ContentType="{content_type}"/></Types>'
                    ).encode(),
                )
            elif info.filename == "word/_rels/document.xml.rels":
                content = content.replace(
                    b"</Relationships>",
                    (
                        f'<Relationship Id="rIdExtra" Type="{rel_type}" '
                        f'Target="{name.split("/")[-1]}"/></Relationships>'
                    ).encode(),
                )
            archive.writestr(info, content)
        archive.writestr(name, xml)
    return out.getvalue()


def test_footnotes_are_named_in_the_notes():
    rels = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    footnotes = (
        f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {_W_NS}>'
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:id="1"><w:p><w:r><w:t>Led the 2023 audit, with a team '
        "of four.</w:t></w:r></w:p></w:footnote></w:footnotes>"
    )
    data = _with_part(
        _with_wrapped_bullets([]),
        "word/footnotes.xml",
        footnotes,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
        f"{rels}/footnotes",
    )
    _, notes = import_docx(data)
    assert notes == ["a footnote, not imported: Led the 2023 audit, with a team of four."]


# Issue 21, item 10: zips Word never writes, and Strict Open XML
# ----------------------------------------------------------------------------------------------


def _rezipped(data: bytes, change) -> bytes:
    """The document's zip with each entry's header passed through `change`."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            archive.writestr(info.filename, source.read(info))
    raw = bytearray(out.getvalue())
    return bytes(change(raw))


def _set_in_headers(
    raw: bytearray, offset_local: int, offset_central: int, value: int, size: int = 2
) -> bytearray:
    """Write `value` into every local and central header at the given offsets."""
    for signature, offset in ((b"PK\x03\x04", offset_local), (b"PK\x01\x02", offset_central)):
        start = 0
        while (start := raw.find(signature, start)) >= 0:
            raw[start + offset : start + offset + size] = value.to_bytes(size, "little")
            start += 4
    return raw


@pytest.mark.parametrize(
    ("method", "said"), [(9, "Deflate64"), (93, "Zstandard"), (77, "an unknown method")]
)
def test_a_zip_with_a_compression_word_never_uses_is_a_clear_error(method: int, said: str):
    data = _rezipped(_with_wrapped_bullets([]), lambda raw: _set_in_headers(raw, 8, 10, method))
    with pytest.raises(UserError, match=f"compressed with {said}") as error:
        import_docx(data)
    assert "save it again" in error.value.hint


def test_an_encrypted_zip_entry_or_a_password_protected_file_is_a_clear_error():
    data = _rezipped(_with_wrapped_bullets([]), lambda raw: _set_in_headers(raw, 6, 8, 1))
    with pytest.raises(UserError, match="is encrypted"):
        import_docx(data)
    with pytest.raises(UserError, match="password-protected"):
        import_docx(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)


def _as_strict(data: bytes) -> bytes:
    """The document as Word saves it in "Strict Open XML Document" format."""
    strict_names = {
        b"http://schemas.openxmlformats.org/wordprocessingml/2006/main": b"http://purl.oclc.org/ooxml/wordprocessingml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/relationships": b"http://purl.oclc.org/ooxml/officeDocument/relationships",
        b"http://schemas.openxmlformats.org/drawingml/2006/main": b"http://purl.oclc.org/ooxml/drawingml/main",
        b"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties": b"http://purl.oclc.org/ooxml/officeDocument/extendedProperties",
    }
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            content = source.read(info)
            for usual, strict in strict_names.items():
                content = content.replace(usual, strict)
            archive.writestr(info, content)
    return out.getvalue()


def test_a_strict_open_xml_document_imports_like_the_usual_one():
    usual = _with_wrapped_bullets(WRAPPERS[:2])
    strict = _as_strict(usual)
    assert b"purl.oclc.org" in zipfile.ZipFile(io.BytesIO(strict)).read("_rels/.rels")
    assert import_docx(strict) == import_docx(usual)
