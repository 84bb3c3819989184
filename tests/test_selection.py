"""Choosing the page as a set: near-copies give way, skills and summary follow the job."""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from tailor.errors import UserError
from tailor.job import JobUnit, parse_job
from tailor.rank import BulletScore, Ranking, rank_bullets
from tailor.resume import Bullet, SkillGroup
from tailor.resume_yaml import parse_resume
from tailor.selection import (
    Overrides,
    check_overrides,
    closest_summary,
    order_skills,
    priority_order,
)

from .test_keywords import POSTING  # the same posting: its key terms order the skills


def scored(ids_scores: list[tuple[str, float]], evidence: list[JobUnit | None]) -> list:
    return [
        BulletScore(Bullet(bullet_id, bullet_id, "experience", 0), score, 0.0, 0.0, unit, ())
        for (bullet_id, score), unit in zip(ids_scores, evidence, strict=True)
    ]


def test_a_near_copy_gives_way_to_the_next_distinct_bullet():
    line_a, line_b = JobUnit("a", "requirements", 1.0, 1), JobUnit("b", "requirements", 1.0, 2)
    items = scored(
        [("kubeflow-1", 0.60), ("kubeflow-2", 0.59), ("slurm", 0.50)], [line_a, line_a, line_b]
    )
    similarity = np.array([[1.0, 0.95, 0.2], [0.95, 1.0, 0.2], [0.2, 0.2, 1.0]])
    ranking = Ranking(
        tuple(items), 50.0, (), similarity, {"kubeflow-1": 0, "kubeflow-2": 1, "slurm": 2}
    )
    assert priority_order(ranking) == ["kubeflow-1", "slurm", "kubeflow-2"]


def test_a_job_line_counts_once_however_many_copies_of_it_the_bullets_hold():
    """Evidence is the job line, not the Python object: a bullet whose evidence is a copy of a
    covered line (a ranking rebuilt, a result passed between processes) earns no bonus for it."""
    line_a, line_b = JobUnit("a", "requirements", 1.0, 1), JobUnit("b", "requirements", 1.0, 2)
    items = scored([("x", 0.60), ("y", 0.59), ("z", 0.575)], [line_a, replace(line_a), line_b])
    ranking = Ranking(tuple(items), 50.0, (), np.eye(3) * 0.5 + 0.3, {"x": 0, "y": 1, "z": 2})
    assert priority_order(ranking) == ["x", "z", "y"]


def test_distinct_bullets_keep_their_score_order():
    line = JobUnit("a", "requirements", 1.0, 1)
    items = scored([("x", 0.6), ("y", 0.5), ("z", 0.4)], [line, line, line])
    ranking = Ranking(tuple(items), 50.0, (), np.eye(3) * 0.5 + 0.3, {"x": 0, "y": 1, "z": 2})
    assert priority_order(ranking) == ["x", "y", "z"]


def test_skills_the_job_names_come_first(resume):
    groups = order_skills(resume.skills, POSTING)
    tools = groups[1].items
    assert set(tools) == set(resume.skills[1].items)
    assert set(tools[:4]) == {"Scala", "Go", "Spark", "Kubernetes"}
    assert groups[0] == SkillGroup("Programming", ("Java", "Python"))


def test_ordering_the_skills_keeps_every_field_the_user_wrote():
    # A level is not on the page, but an export or a readback of the tailored résumé must
    # not lose it.
    written = parse_resume("""\
basics: {name: Ada}
experience: [{company: X, title: Y, start: 2020, bullets: [Built things.]}]
skills:
  - {name: Tools, items: [Kafka, Spark, Go], level: Expert}
  - {name: Kubernetes, level: Advanced}
""").skills
    ordered = order_skills(written, POSTING)
    assert [group.level for group in ordered] == ["Expert", "Advanced"]
    assert ordered[0].items[0] != "Kafka"  # ordered for the job, so rebuilt, not passed through
    assert [replace(group, items=()) for group in ordered] == [
        replace(group, items=()) for group in written
    ]


@pytest.mark.slow
def test_the_closest_summary_is_chosen(embedder):
    resume = parse_resume("""\
basics: {name: Ada}
summaries:
  - Frontend engineer crafting accessible React interfaces and design systems.
  - Machine learning infrastructure engineer building model serving and training platforms.
experience: [{company: X, title: Y, start: 2020, bullets: [Did things.]}]
""")
    job = parse_job(
        "ML Platform Engineer\nAcme\n\nRequirements\n- Build model serving "
        "infrastructure\n- Run distributed training jobs\n"
    )
    assert closest_summary(list(resume.summaries), job, embedder).startswith("Machine learning")


def test_an_unknown_keep_or_drop_id_names_the_nearest_ids():
    ids = ["block-l6-1", "block-l6-2", "twitter-mle2-8", "x-senior-2"]
    with pytest.raises(UserError) as raised:
        check_overrides(ids, keep=["block-16-1"])
    message = str(raised.value)
    assert message.startswith("--keep block-16-1: no bullet has this id")
    assert "block-l6-1" in message.split("nearest are")[1].split(",")[0]
    with pytest.raises(UserError, match="--drop x-senior-9"):
        check_overrides(ids, drop=["x-senior-9"])


def test_one_id_cannot_be_both_kept_and_dropped():
    with pytest.raises(UserError, match="both --keep and --drop"):
        check_overrides(["a", "b"], keep=["a"], drop=["a", "b"])
    assert check_overrides(["a", "b"], keep=["a"], drop=["b"]) == Overrides(
        frozenset({"a"}), frozenset({"b"})
    )


def test_a_near_copy_gives_way_in_a_real_ranking(fake_embedder):
    job = parse_job(
        "Platform Engineer\nAcme\n\nRequirements\n"
        "- Build monitoring for production models: input and output drift\n"
        "- Run distributed training on a Slurm cluster\n"
    )
    bullets = [
        Bullet(bullet_id, text, "experience", 0)
        for bullet_id, text in [
            ("drift", "Built monitoring of input and output drift for production models."),
            (
                "drift-again",
                "Built monitoring of input and output drift for production models at scale.",
            ),
            ("cluster", "Ran training on a cluster."),
            ("cakes", "Decorated wedding cakes."),
        ]
    ]
    ranking = rank_bullets(bullets, job, fake_embedder)
    assert [s.bullet.id for s in ranking.scores][:3] == ["drift", "drift-again", "cluster"]
    assert priority_order(ranking)[:3] == ["drift", "cluster", "drift-again"]


def test_the_summary_that_shares_the_jobs_words_is_chosen(fake_embedder):
    job = parse_job(
        "ML Platform Engineer\nAcme\n\nRequirements\n- Build model serving "
        "platforms\n- Run distributed training jobs\n"
    )
    candidates = [
        "Frontend engineer crafting accessible interfaces.",
        "Engineer building model serving and distributed training platforms.",
    ]
    assert closest_summary(candidates, job, fake_embedder) == candidates[1]
    assert closest_summary(candidates[:1], job, fake_embedder) == candidates[0]
    assert closest_summary([], job, fake_embedder) == ""
