"""The real résumés of ../shared/corpus/jsonresume (read at test time, never copied here): each
imports, passes `tailor check`, survives a round trip through JSON Resume, and tailors to one
page on a posting of its field. The measures are the benchmarks' own (benchmarks/roundtrip.py,
benchmarks/corpus.py), so a test and its table cannot disagree."""

from __future__ import annotations

import hashlib
import importlib.util
import statistics
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tailor.cli import app
from tailor.yaml_writer import resume_to_yaml

from .conftest import HAS_SHARED, ROOT

BENCHMARKS = ROOT / "benchmarks"


def _benchmark(name: str):
    """benchmarks/<name>.py as the module `name` (corpus.py imports roundtrip.py so)."""
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, BENCHMARKS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up while it loads
    spec.loader.exec_module(module)
    return module


pytestmark = pytest.mark.shared_data
roundtrip = _benchmark("roundtrip")
FILES = roundtrip.corpus_files() if HAS_SHARED else []
IDS = [path.stem for path, _ in FILES]


def test_the_corpus_is_the_pinned_one():
    import csv

    with (roundtrip.CORPUS / "sources.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == 20
    for row in rows:
        data = (roundtrip.CORPUS / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["file"]


@pytest.mark.parametrize(("path", "language"), FILES, ids=IDS)
def test_each_imports_and_passes_check(tmp_path: Path, path: Path, language: str):
    target = tmp_path / "resume.yaml"
    result = CliRunner().invoke(app, ["import", str(path), "-o", str(target)])
    assert result.exit_code == 0, result.output
    check = CliRunner().invoke(app, ["check", "--resume", str(target)])
    assert check.exit_code == 0, check.output


def test_round_trip_keeps_98_percent_on_average_and_90_in_every_file():
    kept = {path.name: roundtrip.round_trip(roundtrip.load(path)).kept for path, _ in FILES}
    assert statistics.mean(kept.values()) >= 0.98, kept
    assert min(kept.values()) >= 0.90, kept


@pytest.mark.parametrize(("path", "language"), FILES, ids=IDS)
def test_whatever_the_round_trip_loses_was_reported_by_path_with_its_text(
    path: Path, language: str
):
    result = roundtrip.round_trip(roundtrip.load(path))
    for lost_path, text in result.lost:
        # The note names the value's path or the object it sits in ("basics.profiles[0]").
        notes = [
            note
            for note in result.notes
            if lost_path == note.split(": ", 1)[0]
            or lost_path.startswith((note.split(": ", 1)[0] + ".", note.split(": ", 1)[0] + "["))
        ]
        assert notes, f"{lost_path} ({text!r}) was lost without a word"
        # Left out: with its text. Reshaped (a list made bullets): said how.
        assert any(text[:40] in note or "{" in note or "left out" not in note for note in notes), (
            lost_path,
            notes,
        )


def test_the_measure_can_fail():
    """A value that does not come back is counted lost, under its path."""
    original = {
        "basics": {"name": "Ada", "nickname": "The Countess"},
        "work": [
            {
                "name": "Engines",
                "position": "Analyst",
                "startDate": "2015-07-01",
                "highlights": ["Wrote the first program."],
            }
        ],
    }
    result = roundtrip.round_trip(original)
    assert result.lost == (("basics.nickname", "The Countess"),)
    assert result.values == 6 and result.kept == pytest.approx(5 / 6)
    assert any(
        note.startswith("basics.nickname: ") and "The Countess" in note for note in result.notes
    )


@pytest.mark.parametrize(("path", "language"), FILES, ids=IDS)
def test_each_writes_yaml_that_reads_back_the_same_and_meets_the_schema(path: Path, language: str):
    import jsonschema
    import yaml

    from tailor.interchange import without_unsafe_links
    from tailor.jsonresume import from_json_resume
    from tailor.resume_schema import json_schema
    from tailor.resume_yaml import parse_resume

    # As `tailor import` does: links other than web and mail are left out (and reported).
    resume, _ = without_unsafe_links(*from_json_resume(roundtrip.load(path)))
    text = resume_to_yaml(resume)
    assert parse_resume(text) == resume
    jsonschema.validate(yaml.safe_load(text), json_schema())  # editors agree with the loader


# -- tailoring, with the real model --------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.parametrize(("path", "language"), FILES, ids=IDS)
def test_each_tailors_to_one_page_on_a_posting_of_its_field(embedder, path: Path, language: str):
    corpus = _benchmark("corpus")
    outcome = corpus.tailor_one(path, language, embedder)
    print(f"{path.name}: {outcome.posting} (TF-IDF {outcome.similarity:.3f})")
    assert outcome.error is None, outcome.error
    assert outcome.pages == 1 and outcome.kept > 0
    assert outcome.checked_by == "layout model"


@pytest.mark.slow
@pytest.mark.parametrize(
    "name", ["04-physics-phd-photonics", "25-cloud-sales-engineer", "34-software-engineer-zh"]
)
def test_libreoffice_agrees_on_one_page(embedder, soffice: str, name: str):
    """A long English one, the one that cuts most, and one in Chinese (fallback fonts)."""
    corpus = _benchmark("corpus")
    path, language = next(item for item in FILES if item[0].stem == name)
    outcome = corpus.tailor_one(path, language, embedder, libreoffice=True)
    assert outcome.error is None, outcome.error
    assert (outcome.pages, outcome.checked_by) == (1, "LibreOffice")


def test_the_posting_of_a_field_is_picked_by_its_words():
    """pick_posting is what makes "a posting of its field" reproducible: a journalist's
    résumé goes to the newsroom posting, a full-stack developer's to a full-stack one."""
    from tailor.jsonresume import from_json_resume

    corpus = _benchmark("corpus")
    picked = {}
    for name in ("14-multimedia-journalist", "22-fullstack-dev", "37-engineering-manager"):
        path = next(item[0] for item in FILES if item[0].stem == name)
        resume, _ = from_json_resume(roundtrip.load(path))
        picked[name] = corpus.pick_posting(resume, corpus.postings())[0].stem
    assert picked == {
        "14-multimedia-journalist": "newsroom-intern-the-athletic",
        "22-fullstack-dev": "fullstack-js-vip",
        "37-engineering-manager": "eng-manager-automox",
    }
