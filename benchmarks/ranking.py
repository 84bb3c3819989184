"""Ranking quality: nDCG@5, nDCG@10 and P@5 of tailor's ranker against baselines, in one run.

Usage:
    python benchmarks/ranking.py EVAL_DIR [--model NAME] [--json] [--loo]

--loo also reports the leave-one-job-out nDCG@10 of tailor's tuned constants: for each job, the
grid point of LOO_GRID with the best mean nDCG@10 on the other jobs is used to rank that job,
and the held-out figures are averaged. That is the out-of-sample number to quote.

EVAL_DIR holds `bullets.tsv`, `qrels.tsv` and `jobs/<slug>.txt` (the format of the team's
eval-dev set, whose README defines the grades).
Metrics follow that set's README: gain 2^g - 1, log2 discount, IDCG over all graded bullets.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import itertools
import json
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import tailor.rank
from tailor.embed import load_embedder
from tailor.job import load_job
from tailor.rank import rank_bullets
from tailor.resume import Bullet
from tailor.select import priority_order


def load_bullets(path: Path) -> list[Bullet]:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    return [Bullet(id=row["id"], text=row["text"], section=_section(row)) for row in rows]


def _section(row: dict[str, str]) -> str:
    kind = row.get("kind", "bullet")
    return {"award": "awards", "publication": "publications"}.get(kind, "experience")


def load_qrels(path: Path) -> dict[str, dict[str, int]]:
    qrels: dict[str, dict[str, int]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            qrels.setdefault(row["job"], {})[row["bullet_id"]] = int(row["grade"])
    return qrels


def dcg(grades: list[int], k: int) -> float:
    return sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(grades[:k], start=1))


def evaluate(ranked_ids: list[str], grades: dict[str, int]) -> dict[str, float]:
    ranked = [grades.get(bullet_id, 0) for bullet_id in ranked_ids]
    ideal = sorted(grades.values(), reverse=True)
    return {
        "ndcg@5": dcg(ranked, 5) / (dcg(ideal, 5) or 1),
        "ndcg@10": dcg(ranked, 10) / (dcg(ideal, 10) or 1),
        "p@5": sum(1 for g in ranked[:5] if g >= 2) / 5,
    }


def rank_random(bullets: list[Bullet], grades: dict[str, int]) -> dict[str, float]:
    """Mean over 50 shuffles, seeded per job as the eval README specifies."""
    rng = random.Random(12345)
    runs = []
    for _ in range(50):
        order = [b.id for b in bullets]
        rng.shuffle(order)
        runs.append(evaluate(order, grades))
    return {key: sum(run[key] for run in runs) / len(runs) for key in runs[0]}


def rank_tfidf(bullets: list[Bullet], job_text: str) -> list[str]:
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english").fit_transform(
        [b.text for b in bullets] + [job_text])
    similarity = (matrix[:-1] @ matrix[-1].T).toarray().ravel()
    return [bullets[i].id for i in sorted(range(len(bullets)), key=lambda i: -similarity[i])]


def rank_whole_job_embedding(bullets: list[Bullet], job_text: str, embedder) -> list[str]:
    vectors = embedder.encode([b.text for b in bullets])
    similarity = vectors @ embedder.encode([job_text])[0]
    return [bullets[i].id for i in sorted(range(len(bullets)), key=lambda i: -similarity[i])]


def run(eval_dir: Path, model: str | None) -> dict[str, dict[str, dict[str, float]]]:
    bullets = load_bullets(eval_dir / "bullets.tsv")
    qrels = load_qrels(eval_dir / "qrels.tsv")
    embedder = load_embedder(model, use_cache=False)
    results: dict[str, dict[str, dict[str, float]]] = {}
    for slug in sorted(qrels):
        job = load_job(str(eval_dir / "jobs" / f"{slug}.txt"))
        grades = qrels[slug]
        ranking = rank_bullets(bullets, job, embedder)
        results[slug] = {
            "random": rank_random(bullets, grades),
            "tfidf": evaluate(rank_tfidf(bullets, job.text), grades),
            "embedding": evaluate(rank_whole_job_embedding(bullets, job.text, embedder), grades),
            "tailor": evaluate([s.bullet.id for s in ranking.scores], grades),
            "selection": evaluate(priority_order(ranking), grades),
            "match": {"score": ranking.match},
        }
    return results


# The constants of tailor.rank tuned on eval-dev, and the values tried for each. The three
# signal weights are given before normalisation (semantic fixed at 0.75).
LOO_GRID = {
    "CONCEPT": (0.5, 0.75, 1.0),
    "LEXICAL": (0.1, 0.25, 0.4),
    "BEST_MATCH_SHARE": (0.6, 0.8, 1.0),
    "GENERIC_LINE_WEIGHT": (0.5, 1.0),
}


class MemoEmbedder:
    """Re-ranking the same texts under many settings must not re-embed them."""

    def __init__(self, embedder) -> None:
        self.embedder, self.name, self.cache = embedder, embedder.name, {}

    def encode(self, texts: list[str]):
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.embedder.encode(missing), strict=True))
        return np.stack([self.cache[t] for t in texts]) if texts else self.embedder.encode([])


@contextlib.contextmanager
def constants(point: dict[str, float]):
    """Temporarily set tailor.rank's tuned constants to one grid point."""
    total = 0.75 + point["CONCEPT"] + point["LEXICAL"]
    values = {"SEMANTIC_WEIGHT": 0.75 / total, "CONCEPT_WEIGHT": point["CONCEPT"] / total,
              "LEXICAL_WEIGHT": point["LEXICAL"] / total,
              "BEST_MATCH_SHARE": point["BEST_MATCH_SHARE"],
              "GENERIC_LINE_WEIGHT": point["GENERIC_LINE_WEIGHT"]}
    saved = {name: getattr(tailor.rank, name) for name in values}
    try:
        for name, value in values.items():
            setattr(tailor.rank, name, value)
        yield
    finally:
        for name, value in saved.items():
            setattr(tailor.rank, name, value)


def leave_one_job_out(eval_dir: Path, model: str | None) -> dict[str, dict[str, object]]:
    """Per held-out job: the grid point chosen on the other jobs and its nDCG@10 there."""
    bullets = load_bullets(eval_dir / "bullets.tsv")
    qrels = load_qrels(eval_dir / "qrels.tsv")
    embedder = MemoEmbedder(load_embedder(model, use_cache=False))
    jobs = {slug: load_job(str(eval_dir / "jobs" / f"{slug}.txt")) for slug in sorted(qrels)}
    points = [dict(zip(LOO_GRID, values, strict=True))
              for values in itertools.product(*LOO_GRID.values())]
    table = []  # table[p][slug] = nDCG@10 of grid point p
    for point in points:
        with constants(point):
            table.append({slug: evaluate([s.bullet.id for s in
                                          rank_bullets(bullets, job, embedder).scores],
                                         qrels[slug])["ndcg@10"]
                          for slug, job in jobs.items()})
    held_out = {}
    for slug in jobs:
        others = [s for s in jobs if s != slug]
        best = max(range(len(points)),
                   key=lambda p: sum(table[p][s] for s in others))
        held_out[slug] = {"point": points[best], "ndcg@10": table[best][slug]}
    return held_out


def print_loo(held_out: dict[str, dict[str, object]]) -> None:
    print("\nleave-one-job-out (constants tuned on the other jobs):")
    for slug, row in held_out.items():
        point = ", ".join(f"{k}={v}" for k, v in row["point"].items())
        print(f"{slug:30} nDCG@10 {row['ndcg@10']:.3f}   ({point})")
    mean = sum(row["ndcg@10"] for row in held_out.values()) / len(held_out)
    print(f"{'mean':30} nDCG@10 {mean:.3f}")


def print_table(results: dict[str, dict[str, dict[str, float]]]) -> None:
    systems = ["random", "tfidf", "embedding", "tailor", "selection"]
    metrics = ["ndcg@5", "ndcg@10", "p@5"]
    print(f"{'job':30} {'match':>6}  " + "  ".join(
        f"{s:>9} n@5  n@10   p@5" for s in systems))
    means = {s: {m: 0.0 for m in metrics} for s in systems}
    for slug, row in results.items():
        cells = []
        for s in systems:
            cells.append("  ".join(f"{row[s][m]:.3f}" for m in metrics))
            for m in metrics:
                means[s][m] += row[s][m] / len(results)
        print(f"{slug:30} {row['match']['score']:6.1f}  " + "  ".join(f"{c:>22}" for c in cells))
    print(f"{'mean':30} {'':6}  " + "  ".join(
        f"{'  '.join(f'{means[s][m]:.3f}' for m in metrics):>22}" for s in systems))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("eval_dir", type=Path)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--loo", action="store_true",
                        help="also report the leave-one-job-out nDCG@10 of the tuned constants")
    args = parser.parse_args()
    results = run(args.eval_dir, args.model)
    held_out = leave_one_job_out(args.eval_dir, args.model) if args.loo else None
    if args.json:
        print(json.dumps({"results": results, "leave_one_job_out": held_out} if held_out
                         else results, indent=2))
    else:
        print_table(results)
        if held_out:
            print_loo(held_out)


if __name__ == "__main__":
    main()
