"""Learn the match score (tailor.match) from the tiers of the team's graded pairs.

    python scripts/train_match.py [--eval ../shared/eval-dev] [--out PATH] [--check]

Every graded (person, posting) pair with a tier (strong / partial / weak, chosen by reading): the
training pairs (training/grades/pairs.tsv) and the fields set (../shared/eval-dev/fields). The
seed set is kept for measuring (benchmarks/ranking.py's Spearman against graded fit).

Each pair's features (tailor.match.posting_features) come from the bullets' probabilities of the
ranker as it is now (scripts/train_ranker.py's fit on its SHIPPED_SETS), refitted WITHOUT that
person: at run time the ranker has never seen the user's résumé, so the match model learns on
probabilities as they are for someone unseen. The model is ordinal (proportional odds), a few
numbers written to src/tailor/data/match.json; --check fails when that file is not what this
script produces. Rerun it whenever the ranker or the reader changes.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tailor.match import TIERS, MatchModel, posting_features

SHIPPED = ROOT / "src" / "tailor" / "data" / "match.json"
# The graded sets whose tiers train the model; the seed set is for measuring only.
TRAIN_SETS = ("fields", "pairs")
# What the shipped model weighs (tailor.match.FEATURES names every candidate). docs/ranking.md
# ("The match score") has why these two: of the bullets' measures nothing ordered postings
# better out of sample than the top-5 mean, and the one fact about the pair that helped is
# that résumé and posting are in two languages.
MATCH_FEATURES = ("top5", "languages_differ")
# L2 penalty on the coefficients: two features on a 0–1 scale and 278 pairs need next to none.
PENALTY = 0.01
DIGITS = 4  # the shipped file's precision, as data/ranker.json's
# The eight people of the fields set are corpus résumés of the training pairs too: one person,
# held out together wherever they appear.
FIELDS_PEOPLE = {
    "fullstack": "22-fullstack-dev",
    "salesengineer": "25-cloud-sales-engineer",
    "journalist": "14-multimedia-journalist",
    "statsstudent": "17-statistics-student",
    "physicist": "04-physics-phd-photonics",
    "biotech": "06-biotech-process-engineer",
    "engmanager": "37-engineering-manager",
    "devtutor": "38-fullstack-tutor",
}


def _trainer():
    spec = importlib.util.spec_from_file_location(
        "train_ranker", ROOT / "scripts" / "train_ranker.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["train_ranker"] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


train_ranker = sys.modules.get("train_ranker") or _trainer()


def person_of(case) -> str:
    """Whose résumé the case is: the seed set's is "seed", as it is in the training pairs."""
    return (
        FIELDS_PEOPLE.get(case.resume, case.resume) if case.graded_set == "fields" else case.resume
    )


def languages_differ(case) -> bool:
    """Whether the case's résumé and posting are in two languages, as tailor_job tells."""
    from tailor.language import detect_languages

    found = detect_languages(
        [bullet.text for bullet in case.bullets], [unit.text for unit in case.job.units]
    )
    return found.differ


def held_out_probabilities(cases, features) -> list[list[float] | None]:
    """Per case, each bullet's probability of being clearly relevant by the ranker fitted
    (train_ranker.fit, on its SHIPPED_SETS) without the case's person; None where no one else
    is there to fit it on."""
    import numpy as np

    trainable = [case.graded_set in train_ranker.SHIPPED_SETS for case in cases]
    rankers: dict[frozenset[int], object] = {}
    found: list[list[float] | None] = []
    for case, matrix in zip(cases, features, strict=True):
        person = person_of(case)
        kept = frozenset(
            i
            for i, (c, ok) in enumerate(zip(cases, trainable, strict=True))
            if ok and person_of(c) != person
        )
        if not kept:
            found.append(None)
            continue
        if kept not in rankers:  # people the ranker never saw share the whole fit
            rankers[kept] = train_ranker.fit(
                [cases[i] for i in sorted(kept)], [features[i] for i in sorted(kept)]
            )
        ranker = rankers[kept]
        raw = matrix @ np.array(ranker.coefficients)
        found.append([ranker.probability(float(value)) for value in raw])
    return found


def fit(
    tiers: list[str], rows: list[dict[str, float]], names: tuple[str, ...] = MATCH_FEATURES
) -> MatchModel:
    """The proportional-odds model of the tiers on these features, by maximum likelihood."""
    import numpy as np
    from scipy.optimize import minimize

    x = np.array([[row[name] for name in names] for row in rows])
    y = np.array([TIERS.index(tier) for tier in tiers])

    def loss(params):
        weights, first, gap = params[:-2], params[-2], params[-1]
        cuts = np.array([first, first + np.exp(gap)])  # ordered by construction
        above = 1.0 / (1.0 + np.exp(-((x @ weights)[:, None] - cuts[None, :])))
        chances = np.column_stack([1 - above[:, 0], above[:, 0] - above[:, 1], above[:, 1]])
        picked = np.clip(chances[np.arange(len(y)), y], 1e-12, 1.0)
        return -np.log(picked).sum() + PENALTY * float(weights @ weights)

    found = minimize(loss, np.zeros(len(names) + 2), method="L-BFGS-B", options={"gtol": 1e-9})
    weights, first, gap = found.x[:-2], found.x[-2], found.x[-1]
    return MatchModel(
        tuple(names),
        tuple(round(float(w), DIGITS) for w in weights),
        (round(float(first), DIGITS), round(float(first + np.exp(gap)), DIGITS)),
    )


def as_json(model: MatchModel, cases) -> str:
    sets = sorted({case.graded_set for case in cases})
    return (
        json.dumps(
            {
                "features": list(model.features),
                "coefficients": list(model.coefficients),
                "cuts": {"partial": model.cuts[0], "strong": model.cuts[1]},
                "score": "100 * P(a strong fit)",
                "trained_on": {
                    name: sum(1 for c in cases if c.graded_set == name) for name in sets
                },
                "by": "scripts/train_match.py",
            },
            indent=2,
        )
        + "\n"
    )


def training_cases(eval_dir: Path, embedder):
    """The cases the ranker trains on and the tiered ones, each posting read, and their
    features."""
    sets = tuple(dict.fromkeys((*train_ranker.SHIPPED_SETS, *TRAIN_SETS)))
    cases = train_ranker.load_cases(eval_dir, embedder, sets)
    return cases, train_ranker.case_features(cases, embedder)


def train(eval_dir: Path) -> tuple[str, list]:
    from tailor.embed import load_embedder

    cases, features = training_cases(eval_dir, load_embedder(None))
    probabilities = held_out_probabilities(cases, features)
    chosen = [
        (case, posting_features(found, languages_differ(case)))
        for case, found in zip(cases, probabilities, strict=True)
        if case.graded_set in TRAIN_SETS and case.tier and found is not None
    ]
    if not chosen:
        raise SystemExit(f"{eval_dir}: no graded pairs with tiers (fields/ or training/grades).")
    model = fit([c.tier for c, _ in chosen], [row for _, row in chosen])
    return as_json(model, [c for c, _ in chosen]), [c for c, _ in chosen]


def main() -> None:
    args = train_ranker.training_parser(__doc__, SHIPPED).parse_args()
    text, cases = train(args.eval)
    train_ranker.write_or_check(
        text, SHIPPED, args.out, args.check, f"{len(cases)} pairs", Path(__file__)
    )


if __name__ == "__main__":
    main()
