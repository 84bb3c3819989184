"""Ranking quality: nDCG@5, nDCG@10 and P@5 of tailor's ranker against baselines, in one run.

Usage:
    python benchmarks/ranking.py EVAL_DIR [--model NAME] [--json]

EVAL_DIR holds `bullets.tsv`, `qrels.tsv` and `jobs/<slug>.txt` (the format of the team's
eval-dev set, whose README defines the grades).
Metrics follow that set's README: gain 2^g - 1, log2 discount, IDCG over all graded bullets.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from tailor.embed import load_embedder
from tailor.job import load_job
from tailor.rank import rank_bullets
from tailor.resume import Bullet


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
    embedder = load_embedder(model)
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
            "match": {"score": ranking.match},
        }
    return results


def print_table(results: dict[str, dict[str, dict[str, float]]]) -> None:
    systems = ["random", "tfidf", "embedding", "tailor"]
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
    args = parser.parse_args()
    results = run(args.eval_dir, args.model)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_table(results)


if __name__ == "__main__":
    main()
