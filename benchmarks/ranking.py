"""Ranking quality and the match score on the graded sets, against naive baselines, in one run.

Usage:
    python benchmarks/ranking.py [EVAL_DIR] [--model NAME] [--json]

EVAL_DIR (default ../shared/eval-dev) holds the seed set (`bullets.tsv`, `qrels.tsv`, `jobs/`)
and, in `fields/`, other people's résumés × postings (see scripts/train_ranker.py). The repo's
own small set, benchmarks/eval, has the seed format.

For each case (one résumé × one posting): nDCG@5, nDCG@10 and P@5 of
- random (mean of 50 seeded shuffles), TF-IDF bullet vs whole posting, MiniLM max over the
  posting's lines, and the naive mix 0.7 × z(max-line) + 0.3 × z(TF-IDF) (z: standardised
  within the case), the best naive baseline;
- tailor with the shipped model (in sample: that model saw these grades), its selection order,
  and tailor OUT OF SAMPLE: the model retrained without the case's group: leave one posting out
  on the seed set, leave one résumé out on the fields set. Those are the figures to quote.
The match score is checked the same ways: per résumé, does a higher-tier posting score higher
(the weak one last; all tier pairs), and on the seed set Spearman against graded fit (the sum of a
posting's ten best grades). Metrics as in the eval set's README: gain 2^g - 1, log2 discount,
IDCG over all graded items.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import math
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tailor.embed import load_embedder
from tailor.rank import match_score, rank_bullets
from tailor.selection import priority_order


def _trainer():
    spec = importlib.util.spec_from_file_location("train_ranker",
                                                  ROOT / "scripts" / "train_ranker.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_ranker"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


train_ranker = _trainer()
TIER_ORDER = {"strong": 2, "partial": 1, "weak": 0}


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


def rank_random(ids: list[str], grades: dict[str, int]) -> dict[str, float]:
    rng = random.Random(12345)
    runs = []
    for _ in range(50):
        order = list(ids)
        rng.shuffle(order)
        runs.append(evaluate(order, grades))
    return {key: sum(run[key] for run in runs) / len(runs) for key in runs[0]}


def _standardised(values):
    spread = values.std()
    return (values - values.mean()) / (spread if spread > 1e-9 else 1.0)


def naive_scores(texts: list[str], job_text: str, embedder) -> dict[str, object]:
    """TF-IDF of each item vs the whole posting, MiniLM max over the posting's lines, and the
    mix of the two: what a careful engineer would try first."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english").fit_transform([*texts, job_text])
    lexical = (matrix[:-1] @ matrix[-1].T).toarray().ravel()
    lines = [line.strip() for line in job_text.splitlines() if line.strip()]
    max_line = (embedder.encode(texts) @ embedder.encode(lines).T).max(axis=1)
    return {"tfidf": lexical, "max-line": max_line,
            "naive": 0.7 * _standardised(max_line) + 0.3 * _standardised(lexical)}


def order_by(ids: list[str], scores) -> list[str]:
    return [ids[i] for i in sorted(range(len(ids)), key=lambda i: -scores[i])]


class MemoEmbedder:
    """Ranking the same texts many times must not embed them again."""

    def __init__(self, embedder) -> None:
        self.embedder, self.name, self.cache = embedder, embedder.name, {}

    def encode(self, texts: list[str]):
        import numpy as np

        missing = [t for t in dict.fromkeys(texts) if t not in self.cache]
        if missing:
            self.cache.update(zip(missing, self.embedder.encode(missing), strict=True))
        return np.stack([self.cache[t] for t in texts]) if texts else self.embedder.encode([])


def group_of(case) -> str:
    """What is held out together: a posting of the seed set, a résumé of the fields set."""
    return f"seed:{case.job_slug}" if case.graded_set == "seed" else f"fields:{case.resume}"


def run(eval_dir: Path, model: str | None, embedder=None) -> dict[str, dict]:
    """Per case ("set/résumé/posting"): every system's metrics and the match scores.

    embedder: a MemoEmbedder to share with later measurements of the same run."""
    import numpy as np

    embedder = embedder or MemoEmbedder(load_embedder(model))
    cases = train_ranker.load_cases(eval_dir, embedder)
    features = train_ranker.case_features(cases, embedder)
    held_out_models = {}
    for group in sorted({group_of(case) for case in cases}):
        train = [(c, f) for c, f in zip(cases, features, strict=True) if group_of(c) != group]
        if train and len({c.resume for c, _ in train} | {c.job_slug for c, _ in train}) > 1:
            held_out_models[group] = train_ranker.fit([c for c, _ in train],
                                                      [f for _, f in train])
    results: dict[str, dict] = {}
    for case, matrix in zip(cases, features, strict=True):
        ids = [b.id for b in case.bullets]
        naive = naive_scores([b.text for b in case.bullets], case.job.text, embedder)
        ranking = rank_bullets(case.bullets, case.job, embedder, case.contexts)
        row = {
            "random": rank_random(ids, case.grades),
            "tfidf": evaluate(order_by(ids, naive["tfidf"]), case.grades),
            "max-line": evaluate(order_by(ids, naive["max-line"]), case.grades),
            "naive": evaluate(order_by(ids, naive["naive"]), case.grades),
            "tailor": evaluate([s.bullet.id for s in ranking.scores], case.grades),
            "selection": evaluate(priority_order(ranking), case.grades),
            "match": ranking.match,
            "tier": case.tier,
        }
        held_out = held_out_models.get(group_of(case))
        if held_out is not None:
            raw = matrix @ np.array(held_out.coefficients)
            row["tailor-oos"] = evaluate(order_by(ids, raw), case.grades)
            row["match-oos"] = match_score([held_out.probability(float(v)) for v in raw])
        results[f"{case.graded_set}/{case.resume}/{case.job_slug}"] = row
    return results


def mean(rows: list[dict], system: str, metric: str = "ndcg@10") -> float:
    return statistics.fmean(row[system][metric] for row in rows)


def paired_difference(rows: list[dict], system: str, baseline: str,
                      metric: str = "ndcg@10") -> tuple[float, float, int]:
    """system minus baseline over the same cases: the mean difference, its standard error, and
    in how many cases the system was better. Four postings per résumé make a per-résumé mean
    noisy; the standard error says how far a difference can be read."""
    differences = [row[system][metric] - row[baseline][metric] for row in rows]
    spread = statistics.stdev(differences) if len(differences) > 1 else 0.0
    return (statistics.fmean(differences), spread / math.sqrt(len(differences)),
            sum(1 for d in differences if d > 0))


def feature_ceiling(eval_dir: Path, embedder, graded_set: str) -> float | None:
    """nDCG@10 of the shipped features weighted by a model fitted IN SAMPLE on this set alone:
    about the best any weighting of them reaches there. A target above it needs a new signal,
    not a new combination."""
    import numpy as np

    cases = [c for c in train_ranker.load_cases(eval_dir, embedder)
             if c.graded_set == graded_set]
    if not cases:
        return None
    features = train_ranker.case_features(cases, embedder)
    model = train_ranker.fit(cases, features)
    return statistics.fmean(
        evaluate(order_by([b.id for b in case.bullets], matrix @ np.array(model.coefficients)),
                 case.grades)["ndcg@10"] for case, matrix in zip(cases, features, strict=True))


def match_checks(results: dict[str, dict], key: str) -> dict[str, object]:
    """Tier pairs ordered by the match score, per résumé of the fields set; Spearman on seed."""
    by_resume: dict[str, list[dict]] = {}
    for name, row in results.items():
        graded_set, resume, _ = name.split("/")
        if graded_set == "fields" and row["tier"] and key in row:
            by_resume.setdefault(resume, []).append(row)
    weak_last = weak_pairs = ordered = pairs = 0
    for rows in by_resume.values():
        for high in rows:
            for low in rows:
                if TIER_ORDER[high["tier"]] > TIER_ORDER[low["tier"]]:
                    pairs += 1
                    ordered += high[key] > low[key]
                    if low["tier"] == "weak":
                        weak_pairs += 1
                        weak_last += high[key] > low[key]
    return {"weak_last": (weak_last, weak_pairs), "tier_pairs": (ordered, pairs)}


def seed_spearman(results: dict[str, dict], grades_by_case: dict[str, dict[str, int]],
                  key: str) -> float | None:
    import numpy as np

    names = [n for n in results if n.startswith("seed/") and key in results[n]]
    if len(names) < 3:
        return None
    fit = [sum(sorted(grades_by_case[n].values(), reverse=True)[:10]) for n in names]
    scores = [results[n][key] for n in names]

    def ranks(values):
        order = np.argsort(np.argsort(values, kind="stable"), kind="stable").astype(float)
        for value in set(values):  # ties share their mean rank
            same = [i for i, v in enumerate(values) if v == value]
            order[same] = order[same].mean()
        return order

    return float(np.corrcoef(ranks(scores), ranks(fit))[0, 1])


SYSTEMS = ["random", "tfidf", "max-line", "naive", "tailor", "selection", "tailor-oos"]


def print_report(results: dict[str, dict], eval_dir: Path) -> None:
    cases = {f"{c.graded_set}/{c.resume}/{c.job_slug}": c.grades
             for c in train_ranker.load_cases(eval_dir)}
    print(f"{'case':58} {'match':>6} " + " ".join(f"{s:>10}" for s in SYSTEMS))
    for name, row in results.items():
        print(f"{name:58} {row['match']:6.1f} " + " ".join(
            f"{row[s]['ndcg@10']:10.3f}" if s in row else f"{'':>10}" for s in SYSTEMS))
    print("\nnDCG@10, mean (tailor = shipped model, in sample; tailor-oos = out of sample)")
    groups: dict[str, list[dict]] = {}
    for name, row in results.items():
        groups.setdefault(name.split("/")[0], []).append(row)
        if name.startswith("fields/"):
            groups.setdefault("  " + name.split("/")[1], []).append(row)
    groups["all"] = list(results.values())
    for group, rows in groups.items():
        line = f"{group:20} n={len(rows):2} " + " ".join(
            f"{s} {mean(rows, s):.3f}" for s in SYSTEMS if all(s in r for r in rows))
        if len(rows) > 1 and all("tailor-oos" in r for r in rows):
            difference, error, wins = paired_difference(rows, "tailor-oos", "naive")
            line += f" | oos-naive {difference:+.3f} ± {error:.3f} (better in {wins}/{len(rows)})"
        print(line)
    print("\nmatch score")
    for name, row in results.items():  # what the graders' own judgement orders: the ceiling
        row["oracle"] = statistics.fmean(cases[name].values()) if cases[name] else 0.0
    for key in ("match", "match-oos", "oracle"):
        checks = match_checks(results, key)
        rho = seed_spearman(results, cases, key)
        weak, pairs = checks["weak_last"], checks["tier_pairs"]
        print(f"{key:10} fields: weak posting last {weak[0]}/{weak[1]}, tier pairs ordered "
              f"{pairs[0]}/{pairs[1]}" + (f"; seed: Spearman vs graded fit {rho:.3f}"
                                          if rho is not None else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("eval_dir", type=Path, nargs="?", default=train_ranker.DEFAULT_EVAL)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    embedder = MemoEmbedder(load_embedder(args.model))
    results = run(args.eval_dir, args.model, embedder)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print_report(results, args.eval_dir)
    ceilings = {name: feature_ceiling(args.eval_dir, embedder, name) for name in ("seed", "fields")}
    print("\nfeature ceiling (the shipped features, fitted in sample on one set alone): "
          + ", ".join(f"{name} {value:.3f}" for name, value in ceilings.items()
                      if value is not None))


if __name__ == "__main__":
    main()
