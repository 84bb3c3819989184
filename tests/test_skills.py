"""The skill taxonomy: concepts found however a text is capitalised, named as written."""

from __future__ import annotations

import hashlib
import importlib.util
import os
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tailor.job import load_job
from tailor.skills import CONCEPTS, concepts, named_skills, skill_concepts, surface_matches

from .conftest import ROOT


def concepts_by_ignorecase(text: str) -> frozenset[str]:
    """The plain reading of CONCEPTS, one re.IGNORECASE search per pattern."""

    def found(pattern: str) -> bool:
        if pattern.startswith("(?-i:"):
            return re.search(pattern[len("(?-i:") : -1], text) is not None
        return re.search(pattern, text, re.IGNORECASE) is not None

    return frozenset(name for name, patterns in CONCEPTS.items() if any(map(found, patterns)))


def test_concepts_match_the_plain_case_insensitive_reading(resume):
    texts = [bullet.text for bullet in resume.bullets()]
    for job in sorted((ROOT / "examples/jobs").glob("*.txt")):
        texts += [unit.text for unit in load_job(str(job)).units]
    texts += [text.upper() for text in texts[:20]]
    assert texts
    for text in texts:
        assert concepts(text) == concepts_by_ignorecase(text), text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Services in Go and Python", True),
        ("Comfortable with GOLANG", True),
        ("Ready to go to market", False),
        ("GO TO MARKET plans", False),
    ],
)
def test_a_case_sensitive_pattern_still_needs_its_capitals(text, expected):
    assert ("go" in concepts(text)) is expected


def test_surface_matches_keep_the_words_as_written_even_around_odd_letters():
    assert surface_matches("Built Model Serving on Kubernetes") == {"Serving", "Kubernetes"}
    # "İ" lowers to two characters; the match must still be cut from the right place.
    assert "Kubernetes" in surface_matches("İİ İstanbul team: Kubernetes and Slurm")
    assert "Slurm" in surface_matches("İİ İstanbul team: Kubernetes and Slurm")


def test_case_insensitive_patterns_are_written_in_lower_case():
    """They run on lower-cased text: a capital letter in one would never match."""
    for name, patterns in CONCEPTS.items():
        for pattern in patterns:
            if not pattern.startswith("(?-i:"):
                literal = re.sub(r"\\.", "", pattern)  # escapes such as \b, \S keep capitals
                assert literal == literal.lower(), (name, pattern)


# The general skill names (skill_concepts), for postings the taxonomy does not read.


def _build_skills():
    spec = importlib.util.spec_from_file_location(
        "build_skills", ROOT / "scripts" / "build_skills.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass(frozen=True)
class _Line:
    text: str


def test_a_multi_word_skill_name_is_found_however_it_is_written():
    assert "kubeflow pipelines" in named_skills("Led adoption of Kubeflow Pipeline for retraining")
    assert "electronic health records" in named_skills("ELECTRONIC HEALTH RECORD systems")
    assert "kubernetes" in named_skills("Ran services on Kubernetes")


def test_a_single_common_word_is_not_a_skill_name():
    found = named_skills("Excellent communication, negotiation and design; go the extra mile")
    assert not found & {"communication", "negotiation", "design", "go", "mile"}


@pytest.mark.parametrize(
    "text",
    [
        "Nous recherchons un ingénieur logiciel expérimenté (h/f) à Paris",
        "我们正在寻找有经验的软件工程师，熟悉 Python",
        "İSTANBUL ŞUBESİ — Müşteri ilişkileri",
        "",
        "🚀🚀 !!! ---",
    ],
)
def test_text_in_any_script_is_read_without_error(text):
    assert isinstance(named_skills(text), frozenset)


def test_a_posting_the_taxonomy_does_not_read_is_read_with_the_skill_names():
    clinical = [
        _Line("Registered nurse with experience in clinical trials"),
        _Line("Electronic health records"),
        _Line("Caring for patients and families"),
        _Line("Strong bedside manner"),
    ]
    bullets, units = skill_concepts([_Line("Coordinated three clinical trials")], clinical)
    assert units[0] == {"clinical trial"} and "clinical trial" in bullets[0]
    software = [_Line("Experience with Kubernetes and Airflow"), _Line("Build ML pipelines")]
    bullets, units = skill_concepts([_Line("Ran Airflow DAGs")], software)
    assert units == [concepts(line.text) for line in software]
    assert bullets == [concepts("Ran Airflow DAGs")]


def test_the_shipped_skill_names_are_the_recorded_build():
    build_skills = _build_skills()
    names = build_skills.shipped_names()
    assert hashlib.sha256(names.encode("utf-8")).hexdigest() == build_skills.SHIPPED_SHA256


@pytest.mark.slow
def test_the_shipped_skill_names_are_what_the_script_builds():
    """Needs the pinned wheels (scripts/build_skills.py says how to get them) in the folder
    TAILOR_SKILL_WHEELS names."""
    folder = os.environ.get("TAILOR_SKILL_WHEELS")
    if not folder:
        pytest.skip("TAILOR_SKILL_WHEELS names no folder with the pinned wheels")
    build_skills = _build_skills()
    assert build_skills.build(Path(folder)) == build_skills.shipped_names()
