"""Job descriptions: read from anywhere people paste, split into weighted units."""

from __future__ import annotations

from pathlib import Path

import pytest

from tailor.errors import UserError
from tailor.job import decode_job_bytes, load_job, parse_job

from .conftest import ROOT, units_by_section

POSTING = """\
Senior Data Engineer
Acme Scale Inc
Remote

Acme Scale builds logistics software for small shops.

Responsibilities
- Build streaming pipelines with Kafka and Spark
- Own the warehouse models in SQL

Requirements:
- 4+ years of Python
- Experience with Airflow

Nice to have
- Kubernetes

Benefits
- Dental and vision insurance
- 401(k) match

The salary range is $120,000 - $150,000.
Acme Scale is an equal opportunity employer and considers applicants without regard to race.
"""


def test_title_company_and_sections_are_recognised():
    job = parse_job(POSTING, "job.txt")
    assert job.title == "Senior Data Engineer"
    assert job.company == "Acme Scale Inc"
    sections = units_by_section(POSTING)
    assert sections["responsibilities"] == [
        "Build streaming pipelines with Kafka and Spark",
        "Own the warehouse models in SQL",
    ]
    assert sections["requirements"] == ["4+ years of Python", "Experience with Airflow"]
    assert sections["preferred"] == ["Kubernetes"]
    assert "Dental and vision insurance" in sections["benefits"]
    assert any("$120,000" in text for text in sections["salary"])
    assert any("equal opportunity" in text for text in sections["legal"])


EMOJI_POSTING = """\
Senior Golang Engineer
Acme Corp
We build payments software for small shops in many countries, and we are growing fast.

📌 Requirements:
✅ 5 - 8 years of experience in software engineering
✅Must have: Strong expertise in Golang

🦸🏻‍♀️ Your responsibilities:
✔️ Build new services in Golang
"""


def test_a_pictograph_before_a_line_is_a_decoration_dropped_from_its_text():
    units = {unit.text: unit for unit in parse_job(EMOJI_POSTING).units}
    assert units["Requirements:"].section == "heading"
    assert units["Your responsibilities:"].section == "heading"
    assert units["5 - 8 years of experience in software engineering"].section == "requirements"
    assert units["Must have: Strong expertise in Golang"].section == "requirements"
    assert units["Build new services in Golang"].section == "responsibilities"
    assert not any(ch in text for text in units for ch in "📌✅🦸✔\ufe0f\u200d")


def test_boilerplate_carries_no_weight_and_requirements_the_most():
    job = parse_job(POSTING)
    weights = {unit.text: unit.weight for unit in job.units}
    assert weights["4+ years of Python"] == 1.0
    assert weights["Kubernetes"] < 1.0
    assert weights["Dental and vision insurance"] == 0.0
    assert all(unit.weight > 0 for unit in job.weighted_units)
    assert "401(k) match" not in [unit.text for unit in job.weighted_units]


def test_units_remember_their_line():
    job = parse_job(POSTING)
    unit = next(u for u in job.units if u.text.startswith("Experience with Airflow"))
    assert POSTING.splitlines()[unit.line - 1].endswith("Experience with Airflow")


def test_long_paragraphs_are_split_into_sentences():
    text = "Engineer\n\n" + " ".join(f"You will build system number {i}." for i in range(300))
    job = parse_job(text)
    # "You will ..." prose outside a labelled section is read as a duty.
    assert len([u for u in job.units if u.section == "responsibilities"]) == 300


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "cp1252"])
def test_text_from_any_clipboard_encoding(encoding: str):
    raw = "Café manager\n\nYou will run the café – every day.".encode(encoding)
    assert decode_job_bytes(raw, "job.txt").startswith("Café manager")


def test_control_characters_from_pdf_copies_are_dropped():
    text = decode_job_bytes(b"Engineer\x0c\n\nBuild\x00 things\x07 well.\r\n", "job.txt")
    assert text == "Engineer\n\nBuild things well.\n"


@pytest.mark.parametrize(
    ("raw", "kind"),
    [
        (b"%PDF-1.7\n...", "PDF"),
        (b"PK\x03\x04rest-of-a-docx", "DOCX"),
        (b"\x00\x01\x02binary\x00", "binary"),
    ],
)
def test_binary_files_are_refused_with_advice(raw: bytes, kind: str):
    with pytest.raises(UserError, match=f"looks like a {kind}"):
        decode_job_bytes(raw, "job.pdf")


@pytest.mark.parametrize("raw", [b"", b"   \n\t\n"])
def test_empty_job_is_refused(raw: bytes):
    with pytest.raises(UserError, match="empty"):
        decode_job_bytes(raw, "job.txt")


def test_missing_and_directory_job_files(tmp_path: Path):
    with pytest.raises(UserError, match="no such file"):
        load_job(str(tmp_path / "missing.txt"))
    with pytest.raises(UserError, match="is a directory"):
        load_job(str(tmp_path))


def test_example_jobs_have_requirements():
    for path in sorted((ROOT / "examples" / "jobs").glob("*.txt")):
        job = load_job(str(path))
        sections = {unit.section for unit in job.units}
        assert {"requirements", "responsibilities", "benefits"} <= sections, path.name


@pytest.mark.parametrize(
    "text", ["\u200b\u200b\u200b", "\u00a0 \u00a0\n\u00a0", "- • ·\n-", "x", "1 2 3 4"]
)
def test_a_posting_with_no_words_is_refused_with_a_clear_message(text: str):
    """Issue 21, item 19: zero-width or no-break spaces, bullet marks or one character were
    'tailored' (match 2)."""
    with pytest.raises(UserError, match=r"has no words|is empty"):
        decode_job_bytes(text.encode("utf-8"), "job.txt")


def test_a_markdown_link_in_the_title_is_its_text():
    """Issue 21, item 23: a posting pasted as Markdown kept "[Title](https://…)" as its title."""
    job = parse_job(
        "# [Data Engineer](https://jobs.example.com/a(1)/data-engineer)\nAcme\n\n"
        "Requirements\n- See [our stack](https://acme.example/stack) for details\n"
    )
    assert job.title == "Data Engineer"
    assert any(unit.text == "See our stack for details" for unit in job.units)
