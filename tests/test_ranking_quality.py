"""Ranking quality: the shipped ranker must order bullets better than the naive baselines, on the
repository's own graded set and, out of sample, on the team's two graded sets (the seed résumé,
and eight other people's résumés in other fields). A ranking comparison, never a timing; the
figures themselves are benchmarks/ranking.py's to print."""

from __future__ import annotations

import importlib.util
import statistics
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED

pytestmark = [pytest.mark.slow, pytest.mark.shared_data]
EVAL_DEV = SHARED / "eval-dev"


def _load(path: Path, name: str):
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def benchmark():
    return _load(ROOT / "benchmarks" / "ranking.py", "ranking_benchmark")


@pytest.fixture(scope="module")
def team_results(benchmark):
    if not (EVAL_DEV / "fields" / "qrels.tsv").exists():
        pytest.fail(f"{EVAL_DEV}: the team's graded sets are missing; they are read at test time")
    return benchmark.run(EVAL_DEV, None)


def mean(rows, system: str) -> float:
    return statistics.fmean(row[system]["ndcg@10"] for row in rows)


def test_tailor_beats_the_naive_baselines_on_the_repo_eval_set(benchmark):
    results = benchmark.run(ROOT / "benchmarks" / "eval", None).values()
    assert len(results) >= 4
    for baseline in ("tfidf", "max-line", "naive"):
        assert mean(results, "tailor") > mean(results, baseline)


@pytest.mark.parametrize("graded_set", ["seed", "fields"])
def test_out_of_sample_tailor_beats_the_best_naive_baseline(team_results, graded_set):
    rows = [row for name, row in team_results.items() if name.startswith(graded_set + "/")]
    assert rows and all("tailor-oos" in row for row in rows)
    assert mean(rows, "tailor-oos") > mean(rows, "naive")
    assert mean(rows, "tailor-oos") > mean(rows, "max-line")


def test_the_match_score_puts_most_weak_postings_last_and_orders_the_seed_set(
    benchmark, team_results
):
    checks = benchmark.match_checks(team_results, "match-oos")
    weak_last, weak_pairs = checks["weak_last"]
    assert weak_pairs == 24 and weak_last > weak_pairs * 0.7
    cases = {
        f"{c.graded_set}/{c.resume}/{c.job_slug}": c.grades
        for c in benchmark.train_ranker.load_cases(EVAL_DEV)
    }
    assert benchmark.seed_spearman(team_results, cases, "match-oos") > 0.8


@pytest.mark.parametrize("script", ["train_ranker", "train_match"])
def test_each_shipped_model_is_what_its_training_script_produces(script):
    trainer = _load(ROOT / "scripts" / f"{script}.py", script)
    if not (EVAL_DEV / "fields" / "qrels.tsv").exists():
        pytest.fail(f"{EVAL_DEV}: the graded sets {script} trains on are missing")
    text, _ = trainer.train(EVAL_DEV)
    assert text == trainer.SHIPPED.read_text(encoding="utf-8")
