"""Ranking quality on the repository's own graded set (benchmarks/eval): the shipped ranker must
order bullets better than the two simple baselines. A ranking comparison, never a timing."""

from __future__ import annotations

import importlib.util

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


def _benchmark():
    spec = importlib.util.spec_from_file_location("ranking_benchmark",
                                                  ROOT / "benchmarks" / "ranking.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_tailor_beats_tfidf_and_whole_job_embedding_on_the_repo_eval_set():
    results = _benchmark().run(ROOT / "benchmarks" / "eval", None)

    def mean(system: str) -> float:
        return sum(row[system]["ndcg@10"] for row in results.values()) / len(results)

    assert len(results) >= 4
    assert mean("tailor") > mean("tfidf")
    assert mean("tailor") > mean("embedding")
