"""Learn how tailor reads a posting's units (src/tailor/reading.py) from labelled lines.

    python scripts/train_reader.py [--labels training/reading/labels] [--postings DIR] [--check]
                                   [--oof]

The labels (`training/reading/labels/<slug>.tsv`: `line`, `label`) were made by the team,
blind to tailor's output, for every non-blank line of the 139 postings of
`../shared/training/postings` (see training/README.md). Each posting is read twice, as pasted
and flattened onto one line (as a posting copied from a web page arrives), by `job.parse_job`;
each unit takes the label of the line it starts on. Two logistic regressions are fitted per
reader (see reading.py): the first on the unit alone, the second also on its neighbours' and
its block's first reading, taken out of fold (five folds by posting) so that the second learns
how far a first reading can be trusted on a posting it never saw. Two readers: with the unit's
MiniLM vector ("full") and without it ("words").

Writes src/tailor/data/reader.npz; --check fails when that file's readers do not read the
training units as a fresh training's do (CHECK_AGREEMENT of them alike). The dev set of
`../shared/eval-dev/postings` is never read here: it measures the result
(`benchmarks/reading.py`). --oof prints, instead, what the full reader makes of the training
postings out of fold, scored as the benchmark scores the dev set: a change to the reader is
chosen by these figures, and the dev set only confirms it.
"""

from __future__ import annotations

import argparse
import csv
import io
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.reading import flatten, unit_lines
from benchmarks.shared import shared_dir

from tailor.job import parse_job
from tailor.reading import context_features, unit_features

SHIPPED = ROOT / "src" / "tailor" / "data" / "reader.npz"
LABELS = ROOT / "training" / "reading" / "labels"
C = 1.0  # regularisation of both fits; chosen by five-fold cross-validation on the training set
FOLDS = 5
DIGITS = 4  # the shipped file's precision: enough, and stable across BLAS builds
# --check: the shipped readers must read this share of the training units (kind and weight)
# as a fresh training's do. Two runs cannot give equal weights (see `agreement`); a changed
# model, label or feature reads hundreds of units otherwise.
CHECK_AGREEMENT = 0.995
MOVED_SHARE = 0.15  # of the lines of a list, how many get a line of another kind after them
_BULLET = re.compile(r"^\s*(?:[-*•·●▪◦‣–—]+|\d{1,2}[.)])\s+")


def load_postings(labels_dir: Path, postings_dir: Path) -> list[tuple[str, str, dict[int, str]]]:
    postings = []
    for path in sorted(labels_dir.glob("*.tsv")):
        with path.open(encoding="utf-8", newline="") as handle:
            labels = {
                int(row["line"]): row["label"]
                for row in csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            }
        text = (postings_dir / f"{path.stem}.txt").read_text(encoding="utf-8")
        postings.append((path.stem, text, labels))
    return postings


def moved_lines(postings, seed: int = 0) -> list[tuple[str, str, dict[int, str]]]:
    """Each posting again, with lines of other postings moved into its lists: a benefit or a
    legal line into its duties and requirements, a duty or a requirement into its blurb and
    benefits (about one line in MOVED_SHARE). Real postings do this now and then (a health plan
    in a requirements list, a duty in the company's paragraph); here it happens often enough
    for the reader to learn that a line is what it says, whatever the heading above it."""
    import random

    rng = random.Random(seed)
    pool: dict[str, list[tuple[str, str]]] = {}
    for slug, text, labels in postings:
        lines = text.split("\n")
        for number, label in labels.items():
            body = _BULLET.sub("", lines[number - 1]).strip()
            if len(body.split()) >= 4:
                pool.setdefault(label, []).append((slug, body))
    moved = []
    for slug, text, labels in postings:
        lines, out, out_labels = text.split("\n"), [], {}
        for number, line in enumerate(lines, start=1):
            out.append(line)
            label = labels.get(number)
            if label:
                out_labels[len(out)] = label
            into = {
                "req": ("benefit", "legal"),
                "duty": ("benefit", "legal"),
                "about": ("duty", "req"),
                "benefit": ("duty", "req"),
            }.get(label or "")
            if into and rng.random() < MOVED_SHARE:
                kind = rng.choice(into)
                candidates = [body for other, body in pool.get(kind, []) if other != slug]
                if candidates:
                    mark = "- " if _BULLET.match(line) else ""
                    out.append(mark + rng.choice(candidates))
                    out_labels[len(out)] = kind
        moved.append((f"{slug}+moved", "\n".join(out), out_labels))
    return moved


def readings(postings, flattened: bool = True) -> list[dict]:
    """Each posting as pasted and flattened: its units (title aside) and their labels, and
    (for --oof) the lines each unit is on and every line's label."""
    jobs = []
    for slug, text, labels in postings:
        for flat in (False, True) if flattened else (False,):
            flattened = flatten(text) if flat else None
            job = parse_job(flattened[0] if flattened else text, slug)
            units = [unit for unit in job.units if unit.section != "title"]
            index = {id(unit): at for at, unit in enumerate(units)}
            first_line: dict[int, int] = {}
            on_lines = []
            for line, unit in unit_lines(job, flattened):
                first_line.setdefault(id(unit), line)
                if id(unit) in index:
                    on_lines.append((line, index[id(unit)]))
            jobs.append(
                {
                    "slug": slug,
                    "flat": flat,
                    "units": units,
                    "labels": [labels.get(first_line.get(id(unit), 0)) for unit in units],
                    "lines": on_lines,
                    "line_labels": labels,
                }
            )
    return jobs


def fit_reader(
    jobs: list[dict], vectors: dict[str, object] | None, held_out: bool = False
) -> dict[str, object]:
    """The two fits of one reader; with held_out, instead, each posting's second reading by
    a reader that never saw it (key "second", one array per job; the folds are the first
    pass's, whose out-of-fold readings are its input)."""
    import numpy as np
    import scipy.sparse as sp
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    matrices = [
        unit_features(
            job["units"],
            job["flat"],
            None if vectors is None else np.stack([vectors[u.text] for u in job["units"]]),
        )
        for job in jobs
    ]
    rows = [
        (j, i)
        for j, job in enumerate(jobs)
        for i, label in enumerate(job["labels"])
        if label is not None
    ]
    targets = np.array([jobs[j]["labels"][i] for j, i in rows])
    groups = [jobs[j]["slug"].split("+")[0] for j, _ in rows]

    def stacked(per_job: list) -> object:
        return sp.csr_matrix(np.vstack([per_job[j][i] for j, i in rows]))

    def model() -> LogisticRegression:
        return LogisticRegression(C=C, max_iter=5000)

    first_x = stacked(matrices)
    classes = sorted(set(targets))
    # Out of fold: the first reading of each posting by a model that never saw it.
    out_of_fold = [np.zeros((len(job["units"]), len(classes))) for job in jobs]
    folds = list(GroupKFold(FOLDS).split(first_x, targets, groups))
    for train, test in folds:
        fold = model().fit(first_x[train], targets[train])
        for j in {rows[k][0] for k in test}:
            out_of_fold[j][:, [classes.index(kind) for kind in fold.classes_]] = fold.predict_proba(
                matrices[j]
            )
    second_matrices = [
        np.hstack([matrix, context_features(job["units"], probabilities)])
        for matrix, job, probabilities in zip(matrices, jobs, out_of_fold, strict=True)
    ]
    second_x = stacked(second_matrices)
    if held_out:
        second_oof: list = [None] * len(jobs)
        for train, test in folds:
            fold = model().fit(second_x[train], targets[train])
            assert list(fold.classes_) == classes
            for j in {rows[k][0] for k in test}:
                second_oof[j] = fold.predict_proba(second_matrices[j])
        return {"classes": np.array(classes), "second": second_oof}
    first = model().fit(first_x, targets)
    second = model().fit(second_x, targets)
    assert list(first.classes_) == classes and list(second.classes_) == classes
    return {
        "classes": np.array(classes),
        "w1": first.coef_,
        "b1": first.intercept_,
        "w2": second.coef_,
        "b2": second.intercept_,
    }


def train(
    labels_dir: Path, postings_dir: Path, fit: bool = True
) -> tuple[dict[str, object], list[dict], dict]:
    """The shipped arrays (none without fit), the readings they were learnt from and the
    units' vectors."""
    import numpy as np

    from tailor.embed import load_embedder

    postings = load_postings(labels_dir, postings_dir)
    if not postings:
        raise SystemExit(f"{labels_dir}: no label files.")
    # A posting and its copy with moved lines are held out together (by slug before "+").
    jobs = readings(postings) + readings(moved_lines(postings), flattened=False)
    texts = sorted({unit.text for job in jobs for unit in job["units"]})
    embedder = load_embedder(None)
    vectors = dict(zip(texts, embedder.encode(texts), strict=True))
    arrays: dict[str, object] = {}
    for variant, used in (("full", vectors), ("words", None)) if fit else ():
        fitted = fit_reader(jobs, used)
        arrays["classes"] = fitted.pop("classes")
        arrays.update(
            {
                f"{variant}_{key}": np.round(np.asarray(value, dtype=np.float64), DIGITS).astype(
                    np.float32
                )
                for key, value in fitted.items()
            }
        )
    return arrays, jobs, vectors


def held_out_figures(jobs: list[dict], vectors: dict) -> dict[str, dict[str, tuple[int, int]]]:
    """The full reader on the training postings out of fold, scored as benchmarks/reading.py
    scores the dev set (a line's weight is the largest of its units'), as pasted and flattened:
    what a change to the reader is chosen by before the dev set confirms it."""
    from benchmarks.reading import GROUPS

    from tailor.reading import SCORED_KINDS, decide, introduces, right_weight

    fitted = fit_reader(jobs, vectors, held_out=True)
    kinds = [str(kind) for kind in fitted["classes"]]
    figures: dict[str, dict[str, tuple[int, int]]] = {}
    for mode in ("pasted", "flattened"):
        right: dict[str, int] = {}
        total: dict[str, int] = {}
        for job, second in zip(jobs, fitted["second"], strict=True):
            if "+" in job["slug"] or job["flat"] != (mode == "flattened"):
                continue  # the copies with moved lines are for learning only
            weights: dict[int, float] = {}
            for line, at in job["lines"]:
                unit = job["units"][at]
                weight = 0.0 if introduces(unit.text) else decide(kinds, second[at])[1]
                weights[line] = max(weights.get(line, 0.0), weight)
            for line, label in job["line_labels"].items():
                if label in SCORED_KINDS:
                    total[label] = total.get(label, 0) + 1
                    ok = right_weight(label, weights.get(line, 0.0))
                    right[label] = right.get(label, 0) + ok
        figures[mode] = {
            name: (sum(right.get(k, 0) for k in group), sum(total.get(k, 0) for k in group))
            for name, group in GROUPS.items()
        }
    return figures


def save(arrays: dict[str, object]) -> bytes:
    import numpy as np

    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


def decisions(arrays: dict, jobs: list[dict], vectors: dict) -> list[tuple[str, float]]:
    """What both readers of `arrays` make of every unit they were learnt from."""
    import numpy as np

    from tailor.reading import read_units

    made = []
    for variant in ("full", "words"):
        model = {key: arrays[f"{variant}_{key}"] for key in ("w1", "b1", "w2", "b2")}
        model["classes"] = arrays["classes"]
        for job in jobs:
            if job["units"]:
                used = np.stack([vectors[unit.text] for unit in job["units"]])
                made += read_units(
                    job["units"], job["flat"], used if variant == "full" else None, model
                )
    return made


def agreement(shipped: Path, arrays: dict, jobs: list[dict], vectors: dict) -> float:
    """The share of the training units both readers of the shipped file read as training
    just did (kind and weight). Not the weights themselves: a fit stops at a tolerance, and
    vectors a few 1e-7 apart (the ONNX and torch backends, BLAS builds) move where, so equal
    weights cannot be asked of two runs; equal readings can."""
    import numpy as np

    with np.load(shipped) as stored:
        if set(stored.files) != set(arrays):
            return 0.0
        kept = {key: stored[key] for key in stored.files}
    theirs, ours = decisions(kept, jobs, vectors), decisions(arrays, jobs, vectors)
    return sum(a == b for a, b in zip(theirs, ours, strict=True)) / max(len(ours), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("--postings", type=Path, default=shared_dir() / "training" / "postings")
    parser.add_argument("--out", type=Path, default=SHIPPED)
    parser.add_argument(
        "--check", action="store_true", help="fail if the shipped file reads otherwise"
    )
    parser.add_argument(
        "--oof",
        action="store_true",
        help="print the full reader's figures on the training postings out of fold, save nothing",
    )
    args = parser.parse_args()
    if args.oof:
        _, jobs, vectors = train(args.labels, args.postings, fit=False)
        for mode, groups in held_out_figures(jobs, vectors).items():
            print(mode)
            for name, (done, count) in groups.items():
                print(f"  {name:58} {100 * done / max(count, 1):5.1f} % ({done}/{count})")
        return
    arrays, jobs, vectors = train(args.labels, args.postings)
    count = len({job["slug"] for job in jobs})
    if args.check:
        share = agreement(SHIPPED, arrays, jobs, vectors)
        if share < CHECK_AGREEMENT:
            raise SystemExit(
                f"{SHIPPED} is not what scripts/train_reader.py produces: it reads "
                f"{100 * share:.2f} % of the training units alike (at least "
                f"{100 * CHECK_AGREEMENT:.1f} % needed)."
            )
        print(f"{SHIPPED.name} matches training on {count} readings ({100 * share:.2f} % alike).")
        return
    args.out.write_bytes(save(arrays))
    print(f"wrote {args.out} ({count} readings, {args.out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
