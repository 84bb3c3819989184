"""The match score: one résumé's postings ordered by how likely a recruiter judges it a strong
fit, from a posting-level model read from data/match.json (scripts/train_match.py)."""

from __future__ import annotations

import json
from importlib import resources

import pytest

from tailor import match
from tailor.job import parse_job
from tailor.language import Detected, Languages
from tailor.match import MatchModel, match_score, model_from_json, posting_features
from tailor.rank import rank_bullets
from tailor.resume import Bullet

RESUME = [
    Bullet(id=f"b{i}", text=text, section="experience", entry=0)
    for i, text in enumerate(
        (
            "Built monitoring of input and output drift for production models.",
            "Ran distributed training on a Slurm cluster.",
            "Cut model serving latency by caching features.",
            "Mentored three engineers.",
        ),
        start=1,
    )
]
COVERED = parse_job(
    "ML Platform Engineer\nAcme\n\nRequirements\n"
    "- Build monitoring for production models: input and output drift\n"
    "- Run distributed training on a Slurm cluster\n"
    "- Reduce model serving latency\n"
)
NOT_COVERED = parse_job(
    "Pastry Chef\nBakery\n\nRequirements\n"
    "- Bake croissants and sourdough bread every morning\n"
    "- Decorate wedding cakes with sugar flowers\n"
    "- Keep the oven and the cold room clean\n"
)


def test_a_posting_the_resume_covers_scores_above_one_it_does_not(fake_embedder):
    covered = rank_bullets(RESUME, COVERED, fake_embedder).match
    not_covered = rank_bullets(RESUME, NOT_COVERED, fake_embedder).match
    assert 0.0 <= not_covered < covered <= 100.0


@pytest.mark.parametrize(
    "probabilities", [[0.0], [1.0] * 20, [0.2, 0.9, 0.4], [0.5] * 3, [1e-9, 1 - 1e-9]]
)
def test_the_score_is_a_chance_between_0_and_100(probabilities):
    assert 0.0 <= match_score(probabilities) <= 100.0


def test_nothing_to_rank_scores_0():
    assert match_score([]) == 0.0


def test_better_bullets_never_lower_the_match():
    weaker = [0.1, 0.3, 0.2, 0.4, 0.1, 0.05]
    stronger = [p + 0.4 for p in weaker]
    assert match_score(stronger) > match_score(weaker)
    assert match_score(weaker) == match_score(list(reversed(weaker)))  # order is not read


def test_the_features_are_the_means_of_the_best_probabilities():
    found = posting_features([0.1, 0.9, 0.5, 0.3, 0.7, 0.2])
    assert found["top1"] == pytest.approx(0.9)
    assert found["top3"] == pytest.approx(0.7)
    assert found["top5"] == pytest.approx(0.52)
    assert found["top10"] == pytest.approx(0.45)  # fewer than ten: those there are
    assert found["languages_differ"] == 0.0
    assert set(found) == set(match.FEATURES)


def test_a_resume_and_posting_in_two_languages_are_allowed_for_not_punished():
    # MiniLM reads English: across two languages its similarities run low even for a good fit,
    # so the same bullet probabilities mean a better fit there (learnt from the graded pairs).
    probabilities = [0.2, 0.3, 0.25, 0.1, 0.15]
    assert match_score(probabilities, languages_differ=True) > match_score(probabilities)
    assert match_score([], languages_differ=True) == 0.0


def test_the_languages_differ_only_when_both_are_known_and_not_the_same():
    english, french, unknown = (Detected(code, 1.0, 500) for code in ("en", "fr", None))
    assert Languages(english, french).differ
    assert not Languages(english, english).differ
    assert not Languages(english, unknown).differ
    assert not Languages(unknown, unknown).differ


def test_features_are_found_by_name_never_by_position():
    probabilities = [0.1, 0.9, 0.5, 0.3, 0.7, 0.2]
    one = MatchModel(("top5", "top1"), (2.0, 1.0), (0.5, 2.0))
    other = MatchModel(("top1", "top5"), (1.0, 2.0), (0.5, 2.0))
    assert match_score(probabilities, one) == match_score(probabilities, other)
    assert one.chances(posting_features(probabilities)) == pytest.approx(
        other.chances(posting_features(probabilities))
    )


def test_a_strong_fit_is_never_likelier_than_at_least_a_partial_one():
    model = match.shipped_match()
    for top in (0.0, 0.3, 0.7, 1.0):
        partial_or_better, strong = model.chances(posting_features([top] * 5))
        assert 0.0 < strong < partial_or_better < 1.0


def test_the_shipped_model_is_read_and_checked():
    data = json.loads(resources.files("tailor").joinpath("data/match.json").read_text("utf-8"))
    assert data["by"] == "scripts/train_match.py"
    assert sum(data["trained_on"].values()) >= 200  # the graded pairs with tiers
    model = match.shipped_match()
    assert model == model_from_json(data)
    assert set(model.features) <= set(match.FEATURES)
    assert all(c > 0 for c in model.coefficients)  # better bullets, better match


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"features": ["top7"]}, "unknown features"),
        ({"features": []}, "unknown features"),
        ({"coefficients": [1.0, 2.0]}, "one coefficient per feature"),
        ({"cuts": {"partial": 2.0, "strong": 1.0}}, "out of order"),
        ({"cuts": {"partial": float("nan"), "strong": 1.0}}, "out of order"),
    ],
)
def test_a_broken_model_file_is_refused(change, message):
    good = {"features": ["top5"], "coefficients": [2.5], "cuts": {"partial": 0.7, "strong": 2.3}}
    with pytest.raises(RuntimeError, match=message):
        model_from_json({**good, **change})
