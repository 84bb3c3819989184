"""Ranking: every bullet scored against the job's weighted lines, with the line that is its
evidence, and a match score for the résumé as a whole.

The fast tests use the fake bag-of-words embedder (conftest.FakeEmbedder) and hold what the
ranking must do whatever its signals and weights are; the slow ones use the real model for what
needs meaning ("hosting LLM" answers "serve LLMs for inference").
"""

from __future__ import annotations

import numpy as np
import pytest

from tailor.job import load_job, parse_job
from tailor.rank import rank_bullets
from tailor.resume import Bullet

from .conftest import ROOT

ML_PLATFORM = str(ROOT / "examples/jobs/ml-platform.txt")

POSTING = parse_job("""\
Platform Engineer
Acme

Requirements
- Build monitoring for production models: input and output drift
- Run distributed training on a Slurm cluster

Benefits
- Bakery vouchers and a bread allowance every month

Acme is an equal opportunity employer and bakes fresh bread for every candidate.
""")


def bullets(*texts: str) -> list[Bullet]:
    return [
        Bullet(id=f"b{i}", text=text, section="experience", entry=0)
        for i, text in enumerate(texts, start=1)
    ]


def ranked_ids(ranking) -> list[str]:
    return [item.bullet.id for item in ranking.scores]


# -- behaviour, with the fake embedder -------------------------------------------------------


def test_a_bullet_that_says_what_a_requirement_asks_ranks_above_an_unrelated_one(fake_embedder):
    ranking = rank_bullets(
        bullets(
            "Baked sourdough bread for a neighbourhood cafe.",
            "Built monitoring of input and output drift for production models.",
        ),
        POSTING,
        fake_embedder,
    )
    assert ranked_ids(ranking) == ["b2", "b1"]
    best = ranking.scores[0]
    assert best.evidence is not None and "drift" in best.evidence.text
    assert best.score > ranking.scores[1].score


def test_every_bullet_is_scored_once_best_first_within_bounds(resume, fake_embedder):
    ranking = rank_bullets(resume.bullets(), load_job(ML_PLATFORM), fake_embedder)
    assert sorted(ranked_ids(ranking)) == sorted(b.id for b in resume.bullets())
    scores = [item.score for item in ranking.scores]
    assert scores == sorted(scores, reverse=True)
    assert all(0.0 <= score <= 1.0 for score in scores)
    assert 0.0 <= ranking.match <= 100.0


def test_evidence_is_one_of_the_jobs_weighted_lines_never_benefits_or_legal(fake_embedder):
    # Each bullet echoes a line the ranking must not use: the benefits and the legal notice.
    ranking = rank_bullets(
        bullets(
            "Won bakery vouchers and a bread allowance every month.",
            "Equal opportunity employer that bakes fresh bread.",
            "Ran distributed training on a Slurm cluster.",
        ),
        POSTING,
        fake_embedder,
    )
    weighted = set(POSTING.weighted_units)
    assert {u.section for u in POSTING.ignored_units} >= {"benefits", "legal"}
    for item in ranking.scores:
        assert item.evidence is None or item.evidence in weighted
        assert item.evidence is None or item.evidence.section not in ("benefits", "legal")
    assert ranked_ids(ranking)[0] == "b3"


def test_a_resume_that_says_what_the_job_asks_matches_better(fake_embedder):
    fitting = rank_bullets(
        bullets(
            "Built monitoring of input and output drift for production models.",
            "Ran distributed training on a Slurm cluster.",
        ),
        POSTING,
        fake_embedder,
    )
    unfitting = rank_bullets(
        bullets("Decorated wedding cakes.", "Managed a flower shop."), POSTING, fake_embedder
    )
    assert fitting.match > unfitting.match


def test_no_bullets_give_an_empty_ranking(fake_embedder):
    ranking = rank_bullets([], POSTING, fake_embedder)
    assert ranking.scores == () and ranking.match == 0.0


def test_a_bullet_is_read_in_its_roles_context(fake_embedder):
    # "Led a team of 8" says little alone; under "Engineering Manager" it answers the posting.
    job = parse_job(
        "Engineering Manager\nAcme\n\nRequirements\n"
        "- Lead and grow an engineering team as its manager\n"
    )
    same = "Led a team of 8 through two launches."
    bullets = [Bullet("chef", same, "experience", 0), Bullet("manager", same, "experience", 1)]
    contexts = {"chef": "Head Pastry Chef, Bakery", "manager": "Engineering Manager, Acme"}
    ranking = rank_bullets(bullets, job, fake_embedder, contexts)
    assert [s.bullet.id for s in ranking.scores] == ["manager", "chef"]
    # The manager's role stands second, so its context, not its place, puts it first.
    alone = rank_bullets(bullets, job, fake_embedder).scores
    assert [s.bullet.id for s in alone] == ["chef", "manager"]  # same text: the first stands


def test_of_two_same_bullets_the_one_standing_first_in_the_resume_ranks_first(fake_embedder):
    # People put their recent roles and strongest bullets first; recruiters read them so.
    job = parse_job("Data Engineer\nAcme\n\nRequirements\n- Build streaming data pipelines\n")
    same = "Built streaming data pipelines in Kafka."
    bullets = [Bullet(f"b{k}", same, "experience", k) for k in range(3)]
    scores = rank_bullets(bullets, job, fake_embedder).scores
    assert [s.bullet.id for s in scores] == ["b0", "b1", "b2"]
    assert scores[0].score > scores[2].score


def test_a_resume_written_oldest_first_is_ranked_as_if_written_most_recent_first(fake_embedder):
    from tailor.rank import contexts_of
    from tailor.resume_yaml import parse_resume

    from .conftest import RESUME, dump_yaml, load_yaml

    data = load_yaml(RESUME.read_text(encoding="utf-8"))
    recent_first = parse_resume(dump_yaml(data))
    data["experience"] = data["experience"][::-1]
    oldest_first = parse_resume(dump_yaml(data))
    assert oldest_first.bullets()[0].id != recent_first.bullets()[0].id
    assert [b.id for b in oldest_first.reading_order()] == [
        b.id for b in recent_first.reading_order()
    ]
    job = load_job(ML_PLATFORM)
    scores = [
        rank_bullets(r.reading_order(), job, fake_embedder, contexts_of(r)).by_id()
        for r in (recent_first, oldest_first)
    ]
    assert {i: s.score for i, s in scores[0].items()} == {i: s.score for i, s in scores[1].items()}


def test_roles_out_of_date_order_are_read_as_written():
    # Concurrent and side roles put out of order are the writer's choice, not a chronology.
    from tailor.resume_yaml import parse_resume

    from .conftest import RESUME, dump_yaml, load_yaml

    data = load_yaml(RESUME.read_text(encoding="utf-8"))
    data["experience"] = data["experience"][1:] + data["experience"][:1]
    mixed = parse_resume(dump_yaml(data))
    assert mixed.reading_order() == mixed.bullets()
    assert mixed.bullets()[0].id != parse_resume(RESUME.read_bytes()).bullets()[0].id


def test_an_award_is_put_forward_only_when_it_answers_the_posting(fake_embedder):
    job = parse_job("Data Engineer\nAcme\n\nRequirements\n- Build streaming data pipelines\n")
    bullets = [
        Bullet("pipelines", "Built streaming data pipelines in Kafka.", "experience", 0),
        Bullet("award", "Best streaming data pipelines paper award.", "awards"),
    ]
    ranking = rank_bullets(bullets, job, fake_embedder)
    assert [s.bullet.id for s in ranking.scores] == ["pipelines", "award"]


def test_the_company_name_is_not_a_shared_term(fake_embedder):
    # "Scale" as the company's name is not the skill "scale"; the same word in a requirement is.
    bullet = bullets("Supported research on word embeddings for large scale recommendation.")
    named = parse_job(
        "Baker\nScale Bread Co\n\nRequirements\n- Bake bread and pastries daily at Scale Bread Co\n"
    )
    plain = parse_job("Baker\nBread Co\n\nRequirements\n- Bake bread and pastries daily at scale\n")
    as_company = rank_bullets(bullet, named, fake_embedder).scores[0]
    as_skill = rank_bullets(bullet, plain, fake_embedder).scores[0]
    assert "scale" in as_skill.matched_terms and as_skill.lexical > 0
    assert "scale" not in as_company.matched_terms and as_company.lexical == 0.0


# -- with the real model ---------------------------------------------------------------------


@pytest.mark.slow
def test_embeddings_are_unit_length_and_deterministic(embedder):
    vectors = embedder.encode(["Model serving at scale", "Pastry chef"])
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    assert np.allclose(
        vectors, embedder.encode(["Model serving at scale", "Pastry chef"]), atol=1e-5
    )


@pytest.mark.slow
def test_the_bullet_that_says_what_the_job_asks_ranks_first_with_that_line_as_evidence(
    resume, embedder
):
    job = parse_job(
        "Platform Engineer\nAcme\n\nRequirements\n"
        "- Build monitoring for production models: input and output drift\n"
        "- Bake sourdough bread every morning\n"
    )
    ranking = rank_bullets(resume.bullets(), job, embedder)
    best = ranking.scores[0]
    assert best.bullet.id == "harbor-staff-1"
    assert best.evidence is not None and "drift" in best.evidence.text
    assert {"drift", "monitoring"} <= set(best.matched_terms)


@pytest.mark.slow
def test_semantic_match_without_shared_words(resume, embedder):
    # "serve" and "inference" where the résumé says "hosting"; "LLMs" where it says "large
    # language models".
    job = parse_job(
        "Inference Engineer\nAcme\n\nRequirements\n"
        "- Deploy and serve LLMs for inference in production\n"
    )
    ranking = rank_bullets(resume.bullets(), job, embedder)
    # Among the best fifth of 34 items: third under the ranker of issue 11, sixth since the one
    # learnt on the training pairs (issue 20) leans a little more on shared words and on where an
    # item stands (this one is 8th), which ranks better out of sample on 288 graded postings.
    top = ranked_ids(ranking)[:6]
    assert "harbor-senior-4" in top  # "Brought up hosting for large language models …"
    assert ranking.by_id()["harbor-senior-4"].lexical == 0.0


@pytest.mark.slow
def test_boilerplate_never_serves_as_evidence(resume, embedder):
    job = load_job(ML_PLATFORM)
    for item in rank_bullets(resume.bullets(), job, embedder).scores:
        assert item.evidence is None or item.evidence.weight > 0
        assert item.evidence is None or item.evidence.section not in ("benefits", "legal", "salary")


@pytest.mark.slow
def test_match_separates_a_fitting_job_from_an_unfitting_one(resume, embedder):
    def match(name: str) -> float:
        job = load_job(str(ROOT / "examples/jobs" / name))
        return rank_bullets(resume.bullets(), job, embedder).match

    fitting, partial, unfitting = (
        match("ml-platform.txt"),
        match("data-engineer.txt"),
        match("pastry-chef.txt"),
    )
    # The match is the chance of a strong fit (tailor.match): about even at best on the graded
    # pairs, about one in ten for a posting the résumé does not speak to.
    assert fitting > partial > unfitting
    assert fitting - unfitting > 30
    assert unfitting < 20


def test_the_features_are_found_by_name_so_their_order_can_change(monkeypatch, fake_embedder):
    """Reordering FEATURES (and the model's coefficients with it) changes no score and no
    explanation: nothing reads a feature by its position."""
    from tailor import rank

    texts = bullets(
        "Built drift monitoring for production models.",
        "Ran distributed training jobs on a Slurm cluster.",
        "Baked bread for the team.",
    )
    model = rank.shipped_model()
    before = rank_bullets(texts, POSTING, fake_embedder, model=model)
    order = list(reversed(range(len(rank.FEATURES))))
    monkeypatch.setattr(rank, "FEATURES", tuple(rank.FEATURES[k] for k in order))
    reordered = rank.RankerModel(
        tuple(model.coefficients[k] for k in order), model.slope, model.intercept
    )
    after = rank_bullets(texts, POSTING, fake_embedder, model=reordered)
    assert [(s.bullet.id, s.score, s.carried_by) for s in after.scores] == [
        (s.bullet.id, s.score, s.carried_by) for s in before.scores
    ]
