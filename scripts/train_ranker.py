"""Learn how tailor.rank combines its signals, from graded résumé × posting pairs.

    python scripts/train_ranker.py [--eval ../shared/eval-dev] [--sets seed,fields] [--out PATH]
                                   [--check]

Three graded sets. Two in the format of the team's eval-dev folder (its README defines the
grades): the seed résumé (`bullets.tsv`, `qrels.tsv`, `jobs/`) and other people's résumés in
other fields (`fields/`: `resumes/<r>.yaml`, `qrels.tsv`, `sources.tsv`, `jobs/`). The third,
"pairs", is the team's training set (training/grades, training/README.md): 24 résumés × 10–12
postings of ../shared/training/postings, every item graded and pinned by the sha1 of its text.
Every case is one résumé against one posting. The shipped model is trained on SHIPPED_SETS, all
three: the pairs are what weigh the two signals issue 20 added (docs/ranking.md).

The model is pairwise (a RankSVM-style logistic regression on feature differences between two
items of one case with different grades), so it learns what orders items within a posting, not
what makes one posting easier than another. A logistic fit of "graded 2 or 3" on its score then
turns a score into a probability, which the match score averages. Both are a few numbers, written
to src/tailor/data/ranker.json; --check fails when that file is not what this script produces.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.shared import shared_dir

from tailor.job import Job, load_job
from tailor.rank import FEATURES, RankerModel, measure
from tailor.resume import Bullet
from tailor.resume_yaml import load_resume

SHIPPED = ROOT / "src" / "tailor" / "data" / "ranker.json"
DEFAULT_EVAL = shared_dir() / "eval-dev"
# The team's training pairs (training/README.md): grades and pins here, texts in ../shared.
GRADES = ROOT / "training" / "grades"
# The graded sets the shipped model is trained on (docs/ranking.md, "The training pairs").
SHIPPED_SETS = ("seed", "fields", "pairs")
# Regularisation of the pairwise fit; features are on 0–1 scales, so the default suits them.
C = 1.0
RELEVANT_GRADE = 2  # "clearly relevant" in the graded sets' rules
DIGITS = 4  # the shipped file's precision: enough, and stable across BLAS builds


@dataclass(frozen=True)
class Case:
    graded_set: str  # "seed", "fields" or "pairs"
    resume: str  # the résumé's slug ("seed" for the seed set)
    job_slug: str
    tier: str | None  # the posting's fit for this résumé: strong, partial, weak
    bullets: list[Bullet]
    contexts: dict[str, str]  # bullet id -> "Title, Company"
    job: Job
    grades: dict[str, int]  # bullet id -> 0..3


def read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def seed_cases(eval_dir: Path) -> list[Case]:
    """The seed résumé: bullets.tsv, whose `section` names each bullet's role."""
    bullets, contexts = [], {}
    for row in read_tsv(eval_dir / "bullets.tsv"):
        role = re.match(r"(Experience|Open Source): (.*?) - (.*?) \(", row["section"])
        section = {"award": "awards", "publication": "publications"}.get(
            row["kind"],
            "experience" if role is None or role.group(1) == "Experience" else "open_source",
        )
        bullets.append(Bullet(id=row["id"], text=row["text"], section=section))
        if role:
            contexts[row["id"]] = f"{role.group(3)}, {role.group(2)}"
    grades: dict[str, dict[str, int]] = {}
    for row in read_tsv(eval_dir / "qrels.tsv"):
        grades.setdefault(row["job"], {})[row["bullet_id"]] = int(row["grade"])
    tiers = (
        dict(
            re.findall(
                r"^\| ([a-z0-9-]+) \| (strong|partial|weak) \|",
                (eval_dir / "SOURCES.md").read_text(encoding="utf-8"),
                re.M,
            )
        )
        if (eval_dir / "SOURCES.md").exists()
        else {}
    )
    return [
        Case(
            "seed",
            "seed",
            slug,
            tiers.get(slug),
            bullets,
            contexts,
            load_job(str(eval_dir / "jobs" / f"{slug}.txt")),
            grades[slug],
        )
        for slug in sorted(grades)
    ]


def field_cases(fields_dir: Path) -> list[Case]:
    """Other people: each résumé against its four postings."""
    grades: dict[tuple[str, str], dict[str, int]] = {}
    for row in read_tsv(fields_dir / "qrels.tsv"):
        grades.setdefault((row["resume"], row["job"]), {})[row["bullet_id"]] = int(row["grade"])
    tiers = {row["slug"]: row["tier"] for row in read_tsv(fields_dir / "sources.tsv")}
    cases, resumes = [], {}
    for resume_slug, job_slug in sorted(grades):
        if resume_slug not in resumes:
            resumes[resume_slug] = load_resume(fields_dir / "resumes" / f"{resume_slug}.yaml")
        resume = resumes[resume_slug]
        bullets = resume.reading_order()
        contexts = {b.id: resume.entry_of(b).label for b in bullets if resume.entry_of(b)}
        cases.append(
            Case(
                "fields",
                resume_slug,
                job_slug,
                tiers.get(job_slug),
                bullets,
                contexts,
                load_job(str(fields_dir / "jobs" / f"{job_slug}.txt")),
                grades[(resume_slug, job_slug)],
            )
        )
    return cases


def _resume_items(
    name: str, source: str, eval_dir: Path, shared: Path
) -> tuple[list[Bullet], dict[str, str]]:
    """A training résumé's items and contexts, read from where resumes.tsv says, with the ids
    its grades use: the seed set's for `seed`, resume.yaml's for the fields people and the
    fictional ones, tailor's JSON Resume import for the other corpus files."""
    from tailor.jsonresume import from_json_resume

    if name == "seed":
        case = seed_cases(eval_dir)[0]
        return case.bullets, case.contexts
    where, _, relative = source.partition(":")
    path = (ROOT if where == "repo" else shared) / relative
    if path.suffix == ".json":
        resume, _ = from_json_resume(json.loads(path.read_text(encoding="utf-8-sig")))
    else:
        resume = load_resume(path)
    bullets = resume.reading_order()
    return bullets, {b.id: entry.label for b in bullets if (entry := resume.entry_of(b))}


def pair_cases(grades_dir: Path = GRADES, eval_dir: Path = DEFAULT_EVAL) -> list[Case]:
    """The training pairs (training/grades): each résumé against its ten or twelve postings,
    every item graded. Each item's text is checked against its pin in items.tsv, so a changed
    importer or résumé cannot silently move grades onto other items."""
    shared = eval_dir.parent
    postings = shared / "training" / "postings"
    pins = {
        (row["resume"], row["bullet_id"]): row["sha1"] for row in read_tsv(grades_dir / "items.tsv")
    }
    grades: dict[tuple[str, str], dict[str, int]] = {}
    for row in read_tsv(grades_dir / "qrels.tsv"):
        grades.setdefault((row["resume"], row["job"]), {})[row["bullet_id"]] = int(row["grade"])
    resumes: dict[str, tuple[list[Bullet], dict[str, str]]] = {}
    for row in read_tsv(grades_dir / "resumes.tsv"):
        bullets, contexts = _resume_items(row["resume"], row["source"], eval_dir, shared)
        pinned = {bullet_id for resume, bullet_id in pins if resume == row["resume"]}
        texts = {b.id: b.text for b in bullets}
        wrong = sorted(
            i
            for i in pinned
            if i not in texts
            or hashlib.sha1(texts[i].encode("utf-8")).hexdigest()[:12] != pins[(row["resume"], i)]
        )
        if wrong or pinned != set(texts):
            raise SystemExit(
                f"{row['resume']}: items differ from training/grades/items.tsv "
                f"({', '.join(wrong or sorted(pinned ^ set(texts))[:5])}…); "
                "the grades would fall on other items"
            )
        resumes[row["resume"]] = bullets, contexts
    cases = []
    for row in read_tsv(grades_dir / "pairs.tsv"):
        bullets, contexts = resumes[row["resume"]]
        cases.append(
            Case(
                "pairs",
                row["resume"],
                row["job"],
                row["tier"],
                bullets,
                contexts,
                load_job(str(postings / f"{row['job']}.txt")),
                grades[(row["resume"], row["job"])],
            )
        )
    return cases


def has_pairs(eval_dir: Path) -> bool:
    """Whether the training pairs' postings are beside this eval-dev (the team's shared
    folder), as they are not beside the repo's own small set."""
    return (eval_dir.parent / "training" / "postings").is_dir()


def load_cases(eval_dir: Path, embedder=None, sets: tuple[str, ...] = SHIPPED_SETS) -> list[Case]:
    """Every graded case of these sets; with an embedder, each posting read as `tailor JOB`
    reads it (the learnt reader of pipeline.read_posting), so the ranker learns on what it
    will be given."""
    from dataclasses import replace

    from tailor.pipeline import read_posting

    cases = seed_cases(eval_dir) if "seed" in sets and (eval_dir / "bullets.tsv").exists() else []
    if "fields" in sets and (eval_dir / "fields" / "qrels.tsv").exists():
        cases += field_cases(eval_dir / "fields")
    if "pairs" in sets and (GRADES / "pairs.tsv").exists() and has_pairs(eval_dir):
        cases += pair_cases(GRADES, eval_dir)
    if embedder is not None:
        cases = [replace(case, job=read_posting(case.job, embedder)) for case in cases]
    return cases


def case_features(cases: list[Case], embedder) -> list:
    """Per case, the bullets × FEATURES matrix tailor.rank computes at run time."""
    return [measure(case.bullets, case.job, embedder, case.contexts).features for case in cases]


def fit(cases: list[Case], features: list) -> RankerModel:
    """The pairwise linear model and its probability calibration, from these cases."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    differences, raw_rows, relevant = [], [], []
    for case, matrix in zip(cases, features, strict=True):
        grades = np.array([case.grades.get(b.id, 0) for b in case.bullets])
        better, worse = np.nonzero(grades[:, None] > grades[None, :])
        differences.append(matrix[better] - matrix[worse])
        raw_rows.append(matrix)
        relevant.append(grades >= RELEVANT_GRADE)
    pairs = np.vstack(differences)
    pairwise = LogisticRegression(C=C, fit_intercept=False, max_iter=5000)
    pairwise.fit(
        np.vstack([pairs, -pairs]), np.concatenate([np.ones(len(pairs)), np.zeros(len(pairs))])
    )
    coefficients = np.round(pairwise.coef_.ravel(), DIGITS)
    raw = np.vstack(raw_rows) @ coefficients
    calibration = LogisticRegression(C=1e6, max_iter=5000)
    calibration.fit(raw[:, None], np.concatenate(relevant))
    return RankerModel(
        tuple(float(c) for c in coefficients),
        round(float(calibration.coef_[0, 0]), DIGITS),
        round(float(calibration.intercept_[0]), DIGITS),
    )


def as_json(model: RankerModel, cases: list[Case]) -> str:
    sets = sorted({case.graded_set for case in cases})
    return (
        json.dumps(
            {
                "features": list(FEATURES),
                "coefficients": list(model.coefficients),
                "calibration": {"slope": model.slope, "intercept": model.intercept},
                "trained_on": {
                    name: sum(1 for c in cases if c.graded_set == name) for name in sets
                },
                "by": "scripts/train_ranker.py",
            },
            indent=2,
        )
        + "\n"
    )


def train(eval_dir: Path, sets: tuple[str, ...] = SHIPPED_SETS) -> tuple[str, list[Case]]:
    from tailor.embed import load_embedder

    embedder = load_embedder(None)
    cases = load_cases(eval_dir, embedder, sets)
    if not cases:
        raise SystemExit(f"{eval_dir}: no graded set there (bullets.tsv or fields/qrels.tsv).")
    model = fit(cases, case_features(cases, embedder))
    return as_json(model, cases), cases


def training_parser(doc: str, shipped: Path) -> argparse.ArgumentParser:
    """The options every training script takes: --eval (the graded sets), --out, --check."""
    parser = argparse.ArgumentParser(description=doc.split("\n")[0])
    parser.add_argument(
        "--eval",
        type=Path,
        default=DEFAULT_EVAL,
        help="the graded sets' folder (default: ../shared/eval-dev)",
    )
    parser.add_argument("--out", type=Path, default=shipped)
    parser.add_argument(
        "--check",
        action="store_true",
        help="fail if the shipped file differs from what training gives",
    )
    return parser


def main() -> None:
    parser = training_parser(__doc__, SHIPPED)
    parser.add_argument(
        "--sets",
        default=",".join(SHIPPED_SETS),
        help="graded sets to train on: seed, fields, pairs (default: "
        f"{','.join(SHIPPED_SETS)}, what the shipped model is trained on)",
    )
    args = parser.parse_args()
    sets = tuple(name.strip() for name in args.sets.split(",") if name.strip())
    if args.check and sets != SHIPPED_SETS:
        raise SystemExit(
            f"--check compares the shipped model, trained on {','.join(SHIPPED_SETS)}; drop --sets"
        )
    text, cases = train(args.eval, sets)
    write_or_check(text, SHIPPED, args.out, args.check, f"{len(cases)} cases", Path(__file__))


def write_or_check(
    text: str, shipped: Path, out: Path, check: bool, trained_on: str, script: Path
) -> None:
    """The end of every training script: with check, fail unless the shipped file is exactly
    what training gave; otherwise write it to out and show it."""
    if check:
        if shipped.read_text(encoding="utf-8") != text:
            raise SystemExit(f"{shipped} is not what scripts/{script.name} produces.")
        print(f"{shipped.name} matches training on {trained_on}.")
        return
    out.write_text(text, encoding="utf-8")
    print(f"wrote {out} ({trained_on})")
    print(text)


if __name__ == "__main__":
    main()
