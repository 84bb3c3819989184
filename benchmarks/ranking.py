"""Ranking quality and the match score on the graded sets, against naive baselines, in one run.

Usage:
    python benchmarks/ranking.py [EVAL_DIR] [--model NAME] [--train SETS] [--curve] [--json]

EVAL_DIR (default ../shared/eval-dev) holds the seed set (`bullets.tsv`, `qrels.tsv`, `jobs/`)
and, in `fields/`, other people's résumés × postings; beside it, ../shared/training holds the
postings of the team's training pairs (training/grades), the third set, "pairs" (see
scripts/train_ranker.py). The repo's own small set, benchmarks/eval, has the seed format.

For each case (one résumé × one posting): nDCG@5, nDCG@10 and P@5 of
- random (mean of 50 seeded shuffles), TF-IDF bullet vs whole posting, MiniLM max over the
  posting's lines, the naive mix 0.7 × z(max-line) + 0.3 × z(TF-IDF) (z: standardised within
  the case), and naive-title, the same mix with each item read under its role title
  ("Title, Company: text"), the baseline to beat;
- tailor with the shipped model (in sample: that model saw these grades), its selection order,
  and tailor OUT OF SAMPLE: the model retrained (on --train's sets, the shipped model's by
  default) without the case's PERSON, in every set they appear in (the fields people are
  corpus résumés of the pairs too: FIELDS_PEOPLE); on the seed set, one person, without the
  case's posting, as before, with the seed person held out whole on a line of its own. Those
  are the figures to quote.
The match score is checked the same ways: per résumé of the fields set and of the pairs, does a
higher-tier posting score higher (weak below strong and partial, per pair of postings and per
résumé; all tier pairs), and on the seed set Spearman against graded fit (the sum of a posting's
ten best grades). Lines: match (shipped, in sample), top5-oos (the match before issue 20: 100 ×
the mean of the five best bullet probabilities, held-out ranker), match-oos (tailor.match OUT OF
SAMPLE by person: ranker and match model both refitted without the person), oracle (the
graders' mean grade), and match-oos's calibration. --curve adds the learning curve: out of
sample with seed + fields + a quarter, half, all of the pairs. The human ceiling: a second
grader's blind order of some cases, scored against the first grader's grades; and for the match,
three people's ten postings graded again whole, tiers and items, blind: how well the second
grader's grades and tier calls order the first grader's tiers. Metrics as in
the eval set's README: gain 2^g - 1, log2 discount, IDCG over all graded items.
"""

from __future__ import annotations

import argparse
import functools
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
from tailor.match import posting_features
from tailor.rank import rank_bullets
from tailor.selection import priority_order


def _trainer(name: str = "train_ranker"):
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


train_ranker = _trainer()
train_match = _trainer("train_match")  # after train_ranker, which it uses
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


def naive_scores(
    texts: list[str], job_text: str, embedder, in_context: list[str] | None = None
) -> dict[str, object]:
    """TF-IDF of each item vs the whole posting, MiniLM max over the posting's lines, and the
    mix of the two: what a careful engineer would try first. With `in_context` (each item
    read under its role, "Title, Company: text"), also that mix with the max-line cosine of the
    item so read: naive-title, the baseline to beat on other people's postings."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    matrix = TfidfVectorizer(stop_words="english").fit_transform([*texts, job_text])
    lexical = (matrix[:-1] @ matrix[-1].T).toarray().ravel()
    lines = [line.strip() for line in job_text.splitlines() if line.strip()]
    line_vectors = embedder.encode(lines)
    max_line = (embedder.encode(texts) @ line_vectors.T).max(axis=1)
    scores = {
        "tfidf": lexical,
        "max-line": max_line,
        "naive": 0.7 * _standardised(max_line) + 0.3 * _standardised(lexical),
    }
    if in_context is not None:
        titled = (embedder.encode(in_context) @ line_vectors.T).max(axis=1)
        scores["naive-title"] = 0.7 * _standardised(titled) + 0.3 * _standardised(lexical)
    return scores


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


# The eight people of the fields set are corpus résumés of the training pairs too: one person,
# held out together wherever they appear (the match model's trainer holds them out the same way).
FIELDS_PEOPLE = train_match.FIELDS_PEOPLE
person_of = train_match.person_of
ALL_SETS = ("seed", "fields", "pairs")


def group_of(case) -> str:
    """What is held out when the case is scored: its person, in every set they appear in; on the
    seed set (one person) its posting, as before, so that its figures stay comparable."""
    return f"seed:{case.job_slug}" if case.graded_set == "seed" else f"person:{person_of(case)}"


def trains_for(case, group: str) -> bool:
    """Whether a case may train the model that scores the held-out group."""
    if group.startswith("seed:"):
        return not (case.graded_set == "seed" and case.job_slug == group.removeprefix("seed:"))
    return person_of(case) != group.removeprefix("person:")


def out_of_sample(cases, features, trainable: list[bool], groups=None) -> dict[str, object]:
    """Per held-out group (group_of, or the groups given), the model fitted on the trainable
    cases outside it."""
    models = {}
    for group in groups or sorted({group_of(case) for case in cases}):
        train = [
            (c, f)
            for c, f, ok in zip(cases, features, trainable, strict=True)
            if ok and trains_for(c, group)
        ]
        if train and len({c.resume for c, _ in train} | {c.job_slug for c, _ in train}) > 1:
            models[group] = train_ranker.fit([c for c, _ in train], [f for _, f in train])
    return models


def run(
    eval_dir: Path, model: str | None, embedder=None, train_sets: tuple[str, ...] | None = None
) -> dict[str, dict]:
    """Per case ("set/résumé/posting"): every system's metrics and the match scores.

    embedder: a MemoEmbedder to share with later measurements of the same run.
    train_sets: the graded sets the out-of-sample models learn from (default: the shipped
    model's, train_ranker.SHIPPED_SETS); every set there is is scored."""
    import numpy as np

    embedder = embedder or MemoEmbedder(load_embedder(model))
    train_sets = train_sets or train_ranker.SHIPPED_SETS
    cases, features = prepared(eval_dir, embedder)
    trainable = [case.graded_set in train_sets for case in cases]
    held_out_models = out_of_sample(cases, features, trainable)
    person_models = out_of_sample(cases, features, trainable, ["person:seed"])
    results: dict[str, dict] = {}
    for case, matrix in zip(cases, features, strict=True):
        ids = [b.id for b in case.bullets]
        naive = naive_scores(
            [b.text for b in case.bullets],
            case.job.text,
            embedder,
            [
                f"{case.contexts[b.id]}: {b.text}" if case.contexts.get(b.id) else b.text
                for b in case.bullets
            ],
        )
        ranking = rank_bullets(
            case.bullets,
            case.job,
            embedder,
            case.contexts,
            languages_differ=train_match.languages_differ(case),
        )
        row = {
            "random": rank_random(ids, case.grades),
            **{
                name: evaluate(order_by(ids, naive[name]), case.grades)
                for name in ("tfidf", "max-line", "naive", "naive-title")
            },
            "tailor": evaluate([s.bullet.id for s in ranking.scores], case.grades),
            "selection": evaluate(priority_order(ranking), case.grades),
            "match": ranking.match,
            "tier": case.tier,
            "person": person_of(case),
            "mean_grade": statistics.fmean(case.grades.values()) if case.grades else 0.0,
        }
        held_out = held_out_models.get(group_of(case))
        if held_out is not None:
            raw = matrix @ np.array(held_out.coefficients)
            row["tailor-oos"] = evaluate(order_by(ids, raw), case.grades)
            # the old match score, today's baseline: 100 × the mean of the five best bullet
            # probabilities of the held-out ranker (on the seed set, without the posting)
            found = posting_features([held_out.probability(float(v)) for v in raw])
            row["top5-oos"] = round(100 * found["top5"], 1)
        if case.graded_set == "seed" and "person:seed" in person_models:
            raw = matrix @ np.array(person_models["person:seed"].coefficients)
            row["tailor-oos-person"] = evaluate(order_by(ids, raw), case.grades)
        results[f"{case.graded_set}/{case.resume}/{case.job_slug}"] = row
    for name, score in held_out_matches(cases, features).items():
        results[name]["match-oos"] = score
    return results


def held_out_matches(cases, features) -> dict[str, float]:
    """Per case, the match (0–100) OUT OF SAMPLE by person: the bullet probabilities from the
    ranker refitted without the person (scripts/train_match.py's held_out_probabilities; the
    seed set's cases from the ranker without the seed person), and the match model refitted
    (train_match.fit) on the tiered pairs of everyone else. None where either has no one else to
    learn from (the repo's own one-résumé set)."""
    rows = [
        None if found is None else posting_features(found, train_match.languages_differ(case))
        for case, found in zip(
            cases, train_match.held_out_probabilities(cases, features), strict=True
        )
    ]
    scores = {}
    for person in sorted({person_of(case) for case in cases}):
        train = [
            (case.tier, row)
            for case, row in zip(cases, rows, strict=True)
            if case.graded_set in train_match.TRAIN_SETS
            and case.tier
            and row is not None
            and person_of(case) != person
        ]
        if not train:
            continue
        model = train_match.fit([tier for tier, _ in train], [row for _, row in train])
        for case, row in zip(cases, rows, strict=True):
            if person_of(case) == person and row is not None:
                name = f"{case.graded_set}/{case.resume}/{case.job_slug}"
                scores[name] = round(100 * model.chances(row)[1], 1)
    return scores


def mean(rows: list[dict], system: str, metric: str = "ndcg@10") -> float:
    return statistics.fmean(row[system][metric] for row in rows)


def paired_difference(
    rows: list[dict], system: str, baseline: str, metric: str = "ndcg@10"
) -> tuple[float, float, int]:
    """system minus baseline over the same cases: the mean difference, its standard error, and
    in how many cases the system was better. Four postings per résumé make a per-résumé mean
    noisy; the standard error says how far a difference can be read."""
    differences = [row[system][metric] - row[baseline][metric] for row in rows]
    spread = statistics.stdev(differences) if len(differences) > 1 else 0.0
    return (
        statistics.fmean(differences),
        spread / math.sqrt(len(differences)),
        sum(1 for d in differences if d > 0),
    )


def feature_ceiling(eval_dir: Path, embedder, graded_set: str) -> float | None:
    """nDCG@10 of the shipped features weighted by a model fitted IN SAMPLE on this set alone:
    about the best any weighting of them reaches there. A target above it needs a new signal,
    not a new combination."""
    import numpy as np

    cases, features = prepared(eval_dir, embedder)
    chosen = [(c, f) for c, f in zip(cases, features, strict=True) if c.graded_set == graded_set]
    if not chosen:
        return None
    model = train_ranker.fit([c for c, _ in chosen], [f for _, f in chosen])
    return statistics.fmean(
        evaluate(
            order_by([b.id for b in case.bullets], matrix @ np.array(model.coefficients)),
            case.grades,
        )["ndcg@10"]
        for case, matrix in chosen
    )


def match_checks(
    results: dict[str, dict], key: str, graded_set: str = "fields"
) -> dict[str, object]:
    """Tiers ordered by the match score, per résumé of a set: pairs of postings whose weak one
    scores below the strong or partial one, all tier pairs (strong > partial, strong > weak,
    partial > weak), and résumés whose every weak posting scores below all their strong and
    partial ones."""
    by_resume: dict[str, list[dict]] = {}
    for name, row in results.items():
        in_set, resume, _ = name.split("/")
        if in_set == graded_set and row["tier"] and key in row:
            by_resume.setdefault(resume, []).append(row)
    weak_last = weak_pairs = ordered = pairs = resumes_weak_last = resumes = 0
    weak_reversed = reversed_pairs = 0
    for rows in by_resume.values():
        all_below = True
        for high in rows:
            for low in rows:
                if TIER_ORDER[high["tier"]] > TIER_ORDER[low["tier"]]:
                    pairs += 1
                    ordered += high[key] > low[key]
                    reversed_pairs += high[key] < low[key]
                    if low["tier"] == "weak":
                        weak_pairs += 1
                        weak_last += high[key] > low[key]
                        weak_reversed += high[key] < low[key]
                        all_below &= high[key] > low[key]
        if any(r["tier"] == "weak" for r in rows) and any(r["tier"] != "weak" for r in rows):
            resumes += 1
            resumes_weak_last += all_below
    return {
        "weak_last": (weak_last, weak_pairs),
        "tier_pairs": (ordered, pairs),
        "resumes_weak_last": (resumes_weak_last, resumes),
        # the rest are ties: a three-level call ties often, a score hardly ever
        "reversed": (weak_reversed, reversed_pairs),
    }


def seed_spearman(
    results: dict[str, dict], grades_by_case: dict[str, dict[str, int]], key: str
) -> float | None:
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


SYSTEMS = [
    "random",
    "tfidf",
    "max-line",
    "naive",
    "naive-title",
    "tailor",
    "selection",
    "tailor-oos",
]
BASELINES = ("naive", "naive-title")


def _summary_line(group: str, rows: list[dict]) -> str:
    line = f"{group:28} n={len(rows):3} " + " ".join(
        f"{s} {mean(rows, s):.3f}" for s in SYSTEMS if all(s in r for r in rows)
    )
    if len(rows) > 1 and all("tailor-oos" in r for r in rows):
        for baseline in BASELINES:
            difference, error, wins = paired_difference(rows, "tailor-oos", baseline)
            line += f" | oos-{baseline} {difference:+.3f} ± {error:.3f} ({wins}/{len(rows)})"
    return line


@functools.cache
def case_grades(eval_dir: Path) -> dict[str, dict[str, int]]:
    """Every graded case's grades by name ("set/résumé/posting"): read once a run."""
    return {
        f"{c.graded_set}/{c.resume}/{c.job_slug}": c.grades
        for c in train_ranker.load_cases(eval_dir, sets=ALL_SETS)
    }


def print_report(results: dict[str, dict], eval_dir: Path) -> None:
    cases = case_grades(eval_dir)
    print(f"{'case':58} {'match':>6} " + " ".join(f"{s:>11}" for s in SYSTEMS))
    for name, row in results.items():  # the training pairs' cases: --json
        if not name.startswith("pairs/"):
            print(
                f"{name:58} {row['match']:6.1f} "
                + " ".join(
                    f"{row[s]['ndcg@10']:11.3f}" if s in row else f"{'':>11}" for s in SYSTEMS
                )
            )
    print(
        "\nnDCG@10, mean (tailor = shipped model, in sample; tailor-oos = out of sample: the "
        "person held out in every set, a posting on the seed set; oos-baseline: paired "
        "difference ± s.e. (cases better))"
    )
    groups: dict[str, list[dict]] = {}
    for name, row in results.items():
        graded_set, resume, _ = name.split("/")
        groups.setdefault(graded_set, []).append(row)
    for graded_set in [g for g in ALL_SETS if g in groups]:
        print(_summary_line(graded_set, groups[graded_set]))
        if graded_set == "seed" and all("tailor-oos-person" in r for r in groups["seed"]):
            print(
                f"  {'(the seed person held out)':26} tailor-oos "
                f"{mean(groups['seed'], 'tailor-oos-person'):.3f}"
            )
        if graded_set in ("fields", "pairs"):
            by_resume: dict[str, list[dict]] = {}
            for name, row in results.items():
                if name.startswith(graded_set + "/"):
                    by_resume.setdefault(name.split("/")[1], []).append(row)
            for resume, rows in sorted(by_resume.items()):
                print(_summary_line("  " + resume, rows))
            if all("tailor-oos" in r for r in groups[graded_set]):
                below = {
                    baseline: sum(
                        1
                        for rows in by_resume.values()
                        if mean(rows, "tailor-oos") < mean(rows, baseline) - 0.02
                    )
                    for baseline in BASELINES
                }
                print(
                    "  résumés more than 0.02 below their baseline: "
                    + ", ".join(f"{b} {n}/{len(by_resume)}" for b, n in below.items())
                )
    print(_summary_line("all", list(results.values())))
    print(
        "\nmatch score (weak last: postings pairs where the weak one scores lower; résumés "
        "whose every weak posting scores below all their strong and partial ones)"
    )
    for row in results.values():  # what the graders' own judgement orders: the ceiling
        row["oracle"] = row["mean_grade"]
    for key in ("match", "top5-oos", "match-oos", "oracle"):
        rho = seed_spearman(results, cases, key)
        parts = []
        for graded_set in ("fields", "pairs"):
            checks = match_checks(results, key, graded_set)
            weak, pairs = checks["weak_last"], checks["tier_pairs"]
            whole = checks["resumes_weak_last"]
            if pairs[1]:
                parts.append(
                    f"{graded_set}: weak last {weak[0]}/{weak[1]}, résumés "
                    f"{whole[0]}/{whole[1]} ({100 * whole[0] / max(whole[1], 1):.0f} %),"
                    f" tier pairs {pairs[0]}/{pairs[1]}"
                )
        if rho is not None:
            parts.append(f"seed: Spearman vs graded fit {rho:.3f}")
        print(f"{key:10} " + "; ".join(parts))
    print(calibration_line(results, "match-oos"))


def calibration_line(results: dict[str, dict], key: str) -> str:
    """Whether the match means what it says out of sample: over the tiered pairs (fields and
    training pairs), the mean predicted chance of a strong fit against the share that was one,
    by thirds of the prediction; and its log loss against always predicting the base rate."""
    rows = sorted(
        (row[key] / 100, row["tier"] == "strong")
        for name, row in results.items()
        if not name.startswith("seed/") and row["tier"] and key in row
    )
    if not rows:
        return ""
    thirds = [rows[k * len(rows) // 3 : (k + 1) * len(rows) // 3] for k in range(3)]
    base = statistics.fmean(fit for _, fit in rows)

    def loss(chance: float, fit: bool) -> float:
        chance = min(max(chance, 1e-6), 1 - 1e-6)
        return -math.log(chance if fit else 1 - chance)

    return (
        f"{key} calibration (P strong, predicted → observed, by thirds): "
        + ", ".join(
            f"{statistics.fmean(p for p, _ in part):.2f} → "
            f"{statistics.fmean(f for _, f in part):.2f}"
            for part in thirds
        )
        + f"; log loss {statistics.fmean(loss(p, f) for p, f in rows):.3f}"
        f" (base rate {base:.2f}: {statistics.fmean(loss(base, f) for _, f in rows):.3f})"
    )


_PREPARED: dict[tuple[str, int], tuple[list, list]] = {}


def prepared(eval_dir: Path, embedder) -> tuple[list, list]:
    """Every graded case of every set, postings read, and its features: measured once a run."""
    key = (str(eval_dir), id(embedder))
    if key not in _PREPARED:
        cases = train_ranker.load_cases(eval_dir, embedder, ALL_SETS)
        _PREPARED[key] = cases, train_ranker.case_features(cases, embedder)
    return _PREPARED[key]


# A second grader's blind re-grading: a seeded random tenth of the training pairs and three dev
# pairs (second-*), and three people's ten postings each, tiers too (second-people-*).
SECOND_GRADES = (
    train_ranker.GRADES / "second-qrels.tsv",
    train_ranker.GRADES / "second-people-qrels.tsv",
)
SECOND_PEOPLE_TIERS = train_ranker.GRADES / "second-people-pairs.tsv"


def human_ceiling(results: dict[str, dict], eval_dir: Path) -> dict[str, tuple[int, float]]:
    """How far any ranker can go: a second grader's blind grades of some cases (SECOND_GRADES),
    their order (ties broken at random, 200 seeded draws) scored by nDCG@10 against the first
    grader's grades; beside it, each system on the same cases. A case graded again in both
    files counts twice, once per re-grading."""
    grades = case_grades(eval_dir)
    regraded = [
        (name, second)
        for path in SECOND_GRADES
        for name, second in second_grades(path, grades).items()
        if name in results and set(second) == set(grades[name])
    ]
    figures: dict[str, tuple[int, float]] = {}
    if not regraded:
        return figures
    draws = random.Random(0)
    human = []
    for name, second in regraded:
        ids = sorted(second)
        runs = []
        for _ in range(200):
            draws.shuffle(ids)
            runs.append(evaluate(sorted(ids, key=lambda i: -second[i]), grades[name])["ndcg@10"])
        human.append(statistics.fmean(runs))
    figures["second grader"] = (len(regraded), statistics.fmean(human))
    for system in ("naive-title", "tailor-oos"):
        if all(system in results[n] for n, _ in regraded):
            figures[system] = (len(regraded), mean([results[n] for n, _ in regraded], system))
    return figures


def second_grades(path: Path, grades: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    """A second grader's grades in one file, per case name ("set/résumé/posting")."""
    second: dict[str, dict[str, int]] = {}
    if path.exists():
        for row in train_ranker.read_tsv(path):
            # the seed résumé's pairs are training pairs, or a posting of the seed set
            name = next(
                (
                    candidate
                    for graded_set in ("pairs", "seed")
                    if (candidate := f"{graded_set}/{row['resume']}/{row['job']}") in grades
                ),
                "",
            )
            second.setdefault(name, {})[row["bullet_id"]] = int(row["grade"])
    return second


def match_ceiling(results: dict[str, dict], eval_dir: Path) -> dict[str, dict[str, object]]:
    """How well anyone orders a person's postings: on the three people a second grader graded
    whole (all ten postings, tier and items, blind), the first grader's tiers ordered by the
    second grader's mean grade (as the oracle line orders by the first's), by the second
    grader's own tier calls, and by match-oos on the same postings (match_checks' counts)."""
    if not SECOND_PEOPLE_TIERS.exists():
        return {}
    grades = case_grades(eval_dir)
    second = second_grades(SECOND_GRADES[1], grades)
    tiers = {
        f"pairs/{row['resume']}/{row['job']}": row["tier"]
        for row in train_ranker.read_tsv(SECOND_PEOPLE_TIERS)
    }
    rows = {
        name: {
            "tier": results[name]["tier"],
            "second grader's grades": statistics.fmean(second[name].values()),
            "second grader's tiers": float(TIER_ORDER[tier]),
            **({"match-oos": results[name]["match-oos"]} if "match-oos" in results[name] else {}),
        }
        for name, tier in tiers.items()
        if name in results and name in second and results[name]["tier"]
    }
    keys = ("second grader's grades", "second grader's tiers", "match-oos")
    return {key: match_checks(rows, key, "pairs") for key in keys} if rows else {}


CURVE_SHARES = (0.0, 0.25, 0.5, 1.0)
CURVE_DRAWS = 3  # seeded random draws of the pairs for each share below 1


def learning_curve(eval_dir: Path, embedder) -> list[tuple[float, dict[str, float]]]:
    """Out-of-sample nDCG@10 per set (held out as in `run`) of the ranker trained on the seed
    and fields sets plus a share of the training pairs (drawn at random, by pair)."""
    import numpy as np

    cases, features = prepared(eval_dir, embedder)
    pair_indices = [i for i, case in enumerate(cases) if case.graded_set == "pairs"]
    curve = []
    for share in CURVE_SHARES:
        draws = 1 if share in (0.0, 1.0) else CURVE_DRAWS
        scores: dict[str, list[float]] = {}
        for draw in range(draws):
            chosen = set(random.Random(draw).sample(pair_indices, round(share * len(pair_indices))))
            trainable = [case.graded_set != "pairs" or i in chosen for i, case in enumerate(cases)]
            models = out_of_sample(cases, features, trainable)
            person = out_of_sample(cases, features, trainable, ["person:seed"])
            for case, matrix in zip(cases, features, strict=True):
                ids = [b.id for b in case.bullets]
                model = models[group_of(case)]
                scores.setdefault(case.graded_set, []).append(
                    evaluate(order_by(ids, matrix @ np.array(model.coefficients)), case.grades)[
                        "ndcg@10"
                    ]
                )
                if case.graded_set == "seed":
                    scores.setdefault("seed, person out", []).append(
                        evaluate(
                            order_by(ids, matrix @ np.array(person["person:seed"].coefficients)),
                            case.grades,
                        )["ndcg@10"]
                    )
        curve.append((share, {name: statistics.fmean(values) for name, values in scores.items()}))
    return curve


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("eval_dir", type=Path, nargs="?", default=train_ranker.DEFAULT_EVAL)
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true")
    parser.add_argument(
        "--train",
        default=None,
        help="graded sets the out-of-sample models learn from (default: the "
        "shipped model's, " + ",".join(train_ranker.SHIPPED_SETS) + ")",
    )
    parser.add_argument(
        "--curve",
        action="store_true",
        help="also the learning curve: seed+fields plus 0, 1/4, 1/2, all of the training pairs",
    )
    args = parser.parse_args()
    embedder = MemoEmbedder(load_embedder(args.model))
    train_sets = tuple(args.train.split(",")) if args.train else None
    results = run(args.eval_dir, args.model, embedder, train_sets)
    if args.json:
        print(json.dumps(results, indent=2))
        return
    print_report(results, args.eval_dir)
    ceilings = {name: feature_ceiling(args.eval_dir, embedder, name) for name in ALL_SETS}
    print(
        "\nfeature ceiling (the shipped features, fitted in sample on one set alone): "
        + ", ".join(f"{name} {value:.3f}" for name, value in ceilings.items() if value is not None)
    )
    ceiling = human_ceiling(results, args.eval_dir)
    if ceiling:
        print(
            "human ceiling (nDCG@10 of a second grader's blind order against the first's "
            "grades, on the cases both graded): "
            + ", ".join(f"{name} {value:.3f}" for name, (_, value) in ceiling.items())
            + f" (n={ceiling['second grader'][0]})"
        )
    for key, checks in match_ceiling(results, args.eval_dir).items():
        weak, pairs = checks["weak_last"], checks["tier_pairs"]
        reversed_weak, reversed_pairs = checks["reversed"]
        print(
            f"match ceiling, the first grader's tiers of three people's ten postings ordered by "
            f"{key}: weak last {weak[0]}/{weak[1]} ({reversed_weak} reversed, the rest tied), "
            f"tier pairs {pairs[0]}/{pairs[1]} ({reversed_pairs} reversed)"
        )
    if args.curve:
        print(
            "\nlearning curve (out of sample nDCG@10; trained on seed + fields + a share of "
            f"the pairs, {CURVE_DRAWS} random draws averaged below all)"
        )
        for share, figures in learning_curve(args.eval_dir, embedder):
            print(
                f"  pairs {share:4.0%}  "
                + "  ".join(f"{name} {value:.3f}" for name, value in figures.items())
            )


if __name__ == "__main__":
    main()
