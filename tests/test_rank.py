"""Ranking with the real model: evidence, requirements, and a match score that means something."""

from __future__ import annotations

import numpy as np
import pytest

from tailor.job import load_job, parse_job
from tailor.rank import match_score, rank_bullets

from .conftest import ROOT

pytestmark = pytest.mark.slow


def ranked_ids(resume, job, embedder) -> list[str]:
    return [item.bullet.id for item in rank_bullets(resume.bullets(), job, embedder).scores]


def test_embeddings_are_unit_length_and_deterministic(embedder):
    vectors = embedder.encode(["Model serving at scale", "Pastry chef"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(vectors, embedder.encode(["Model serving at scale", "Pastry chef"]),
                       atol=1e-5)


def test_every_bullet_is_scored_once_best_first(resume, embedder):
    ranking = rank_bullets(resume.bullets(), load_job(str(ROOT / "examples/jobs/ml-platform.txt")),
                           embedder)
    assert sorted(item.bullet.id for item in ranking.scores) == \
        sorted(b.id for b in resume.bullets())
    scores = [item.score for item in ranking.scores]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= score <= 1.0 for score in scores)


def test_the_bullet_that_says_what_the_job_asks_ranks_first_with_that_line_as_evidence(
        resume, embedder):
    job = parse_job("Platform Engineer\nAcme\n\nRequirements\n"
                    "- Build monitoring for production models: input and output drift\n"
                    "- Bake sourdough bread every morning\n")
    ranking = rank_bullets(resume.bullets(), job, embedder)
    best = ranking.scores[0]
    assert best.bullet.id == "block-l6-1"
    assert best.evidence is not None and "drift" in best.evidence.text
    assert {"drift", "monitoring"} <= set(best.matched_terms)


def test_semantic_match_without_shared_words(resume, embedder):
    # "serve" and "inference" where the résumé says "hosting"; "LLMs" is not the token "LLM".
    job = parse_job("Inference Engineer\nAcme\n\nRequirements\n"
                    "- Deploy and serve LLMs for inference in production\n")
    ranking = rank_bullets(resume.bullets(), job, embedder)
    top = [item.bullet.id for item in ranking.scores[:3]]
    assert "block-l5-4" in top  # "Developed initial support for hosting LLM within Block."
    assert ranking.by_id()["block-l5-4"].lexical == 0.0


def test_the_company_name_is_not_a_skill(resume, embedder):
    # A company called "Scale" must not lift the "Large Scale Recommendation Systems" bullet.
    plain = parse_job("Baker\nBread Co\n\nRequirements\n- Bake bread and pastries daily\n")
    named = parse_job("Baker\nScale Bread Co\n\nRequirements\n- Bake bread and pastries daily at "
                      "Scale Bread Co\n")
    plain_rank = ranked_ids(resume, plain, embedder).index("twitter-mle-2")
    named_scores = rank_bullets(resume.bullets(), named, embedder).by_id()
    assert named_scores["twitter-mle-2"].lexical == 0.0
    assert "scale" not in named_scores["twitter-mle-2"].matched_terms
    assert plain_rank >= 0


def test_boilerplate_never_serves_as_evidence(resume, embedder):
    job = load_job(str(ROOT / "examples/jobs/ml-platform.txt"))
    for item in rank_bullets(resume.bullets(), job, embedder).scores:
        assert item.evidence is None or item.evidence.weight > 0
        assert item.evidence is None or item.evidence.section not in ("benefits", "legal",
                                                                      "salary")


def test_match_separates_a_fitting_job_from_an_unfitting_one(resume, embedder):
    def match(name: str) -> float:
        job = load_job(str(ROOT / "examples/jobs" / name))
        return rank_bullets(resume.bullets(), job, embedder).match

    fitting, partial, unfitting = (match("ml-platform.txt"), match("data-engineer.txt"),
                                   match("pastry-chef.txt"))
    assert fitting > partial > unfitting
    assert fitting - unfitting > 40
    assert unfitting < 25


def test_match_score_bounds():
    assert match_score(()) == 0.0
