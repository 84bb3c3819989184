"""The skill taxonomy: concepts found however a text is capitalised, named as written."""

from __future__ import annotations

import re

import pytest

from tailor.job import load_job
from tailor.skills import CONCEPTS, concepts, surface_matches

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
