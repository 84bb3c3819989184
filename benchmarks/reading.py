"""How tailor reads postings, against recruiters' line labels (issue 19).

Usage:
    python benchmarks/reading.py [POSTINGS_DIR] [--details] [--flat-only] [--model NAME] [--json]

POSTINGS_DIR (default ../shared/eval-dev/postings) holds `jobs/<slug>.txt` and, for every
non-blank line, `labels/<slug>.tsv` (`line`, `label`): what a recruiter takes the line to be.
tailor reads each posting twice, as pasted and flattened onto one line (as a posting copied
from a web page often arrives), the way `tailor JOB` reads it (`pipeline.read_posting`). A
line's weight is the largest weight of tailor's units on it (0 for a line it dropped). Read
right, by the folder's README:
- `duty`, `req`: weight >= 0.9;  `pref`: 0.3 <= weight < 0.9;
- `benefit`, `legal`, `apply`, `header`: weight 0;  `about`: weight <= 0.15;
- `title`, `heading`, `overview`: not scored;
plus the title and company tailor reports against the posting's own (its first line; its
second, the company, as the board writes it).

In a flattened posting every unit is on line 1: each unit is found again in the flat text, in
order, and given the original lines its text came from.

--details lists every misread line (label, weight, section, text).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.shared import SHARED

from tailor.reading import SCORED_KINDS, right_weight

SCORED = SCORED_KINDS  # the labels the reading rule scores: title, heading, overview are not
GROUPS = {
    "core (duty, req) at full weight": ("duty", "req"),
    "preferred at the preferred weight": ("pref",),
    "noise (benefit, legal, apply, header, about) at about zero": (
        "benefit",
        "legal",
        "apply",
        "header",
        "about",
    ),
}


def load_postings(folder: Path) -> list[tuple[str, str, dict[int, str]]]:
    postings = []
    for path in sorted((folder / "jobs").glob("*.txt")):
        with (folder / "labels" / f"{path.stem}.tsv").open(encoding="utf-8", newline="") as f:
            labels = {
                int(row["line"]): row["label"]
                for row in csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
            }
        postings.append((path.stem, path.read_text(encoding="utf-8"), labels))
    return postings


def flatten(text: str) -> tuple[str, list[int]]:
    """The posting on one line, and where each original line starts in it."""
    starts, pieces, at = [], [], 0
    for line in text.split("\n"):
        stripped = line.strip()
        starts.append(at if stripped else -1)
        if stripped:
            pieces.append(stripped)
            at += len(stripped) + 1
    return " ".join(pieces), starts


def _line_at(offset: int, starts: list[int]) -> int:
    line = 1
    for number, start in enumerate(starts, start=1):
        if 0 <= start <= offset:
            line = number
    return line


def unit_lines(job, flat: tuple[str, list[int]] | None) -> list[tuple[int, object]]:
    """(original line, unit) for every unit tailor read."""
    if flat is None:
        return [(unit.line, unit) for unit in job.units]
    text, starts = flat
    lowered, cursor, placed = text.lower(), 0, []
    for unit in job.units:
        probe = re.sub(r"\s+", " ", unit.text.strip().lower())[:40]
        found = lowered.find(probe, cursor) if probe else -1
        if found < 0:
            found = lowered.find(probe)
        if found < 0:
            continue  # a unit tailor rewrote beyond recognition counts as a dropped line
        cursor = found
        # A sentence the flattening joined across lines is on each of them.
        end = found + max(len(unit.text.strip()) - 1, 0)
        first = _line_at(found, starts)
        placed += [
            (line, unit)
            for line in range(first, _line_at(end, starts) + 1)
            if line == first or starts[line - 1] >= 0
        ]
    return placed


def _norm(text: str) -> str:
    return re.sub(r"[^\w]+", " ", text.casefold()).strip()


def title_right(job, text: str) -> bool:
    first = next(line for line in text.split("\n") if line.strip())
    first = re.sub(r"^(job )?(title|position|role)\s*:\s*", "", first.strip(), flags=re.I)
    got, want = _norm(job.title.rstrip("…")), _norm(first)
    return bool(got) and (got == want or (job.title.endswith("…") and want.startswith(got)))


def company_right(job, text: str, labels: dict[int, str]) -> bool | None:
    """The board writes the company on the line after the title; None where it did not."""
    lines = text.split("\n")
    second = next((n for n in sorted(labels) if n > 1), None)
    if second is None or labels[second] != "header":
        return None
    want = re.sub(r"^company\s*:\s*", "", lines[second - 1].strip(), flags=re.I)
    return bool(job.company) and _norm(job.company) == _norm(want)


def measure(postings, read, flat: bool) -> dict:
    per_label: Counter = Counter()
    right: Counter = Counter()
    misread = []
    titles = companies = company_cases = 0
    for slug, text, labels in postings:
        flattened = flatten(text) if flat else None
        job = read(flattened[0] if flattened else text, slug)
        weights: dict[int, float] = {}
        sections: dict[int, str] = {}
        for line, unit in unit_lines(job, flattened):
            if unit.weight >= weights.get(line, -1.0):
                weights[line], sections[line] = unit.weight, unit.section
        for line, label in labels.items():
            if label not in SCORED:
                continue
            weight = weights.get(line, 0.0)
            per_label[label] += 1
            if right_weight(label, weight):  # the reading rule, as tailor.reading has it
                right[label] += 1
            else:
                misread.append(
                    (
                        slug,
                        line,
                        label,
                        weight,
                        sections.get(line, "-"),
                        text.split("\n")[line - 1].strip()[:90],
                    )
                )
        titles += title_right(job, text)
        company = company_right(job, text, labels)
        if company is not None:
            company_cases += 1
            companies += company
    groups = {
        name: (sum(right[label] for label in labels), sum(per_label[label] for label in labels))
        for name, labels in GROUPS.items()
    }
    return {
        "labels": {label: (right[label], per_label[label]) for label in SCORED},
        "groups": groups,
        "title": (titles, len(postings)),
        "company": (companies, company_cases),
        "misread": misread,
    }


def make_reader(model: str | None):
    """How `tailor JOB` reads a posting: `pipeline.read_posting` with the model it loads."""
    from tailor import pipeline
    from tailor.embed import load_embedder
    from tailor.job import parse_job

    if not hasattr(pipeline, "read_posting"):  # before the learnt reader: the rules alone
        return lambda text, slug: parse_job(text, slug)
    embedder = load_embedder(model)
    return lambda text, slug: pipeline.read_posting(parse_job(text, slug), embedder)


def _pct(pair: tuple[int, int]) -> str:
    done, total = pair
    return f"{100 * done / total:5.1f} % ({done}/{total})" if total else "    -"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("postings", nargs="?", type=Path, default=SHARED / "eval-dev" / "postings")
    parser.add_argument("--details", action="store_true", help="list every misread line")
    parser.add_argument("--model", default=None)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    if not (args.postings / "labels").is_dir():
        raise SystemExit(f"{args.postings}: no labels/ folder (see the module's docstring).")
    postings = load_postings(args.postings)
    read = make_reader(args.model)
    results = {
        mode: measure(postings, read, flat=mode == "flattened") for mode in ("pasted", "flattened")
    }
    if args.json:
        print(
            json.dumps(
                {
                    mode: {k: v for k, v in r.items() if k != "misread"}
                    for mode, r in results.items()
                },
                indent=2,
            )
        )
        return
    print(f"Reading {len(postings)} labelled postings ({args.postings})")
    for mode, result in results.items():
        print(f"\n{mode}")
        for name, pair in result["groups"].items():
            print(f"  {name:58} {_pct(pair)}")
        print(
            "  "
            + "  ".join(
                f"{label} {_pct(pair).split(' (')[0].strip()}"
                for label, pair in result["labels"].items()
            )
        )
        print(f"  title {_pct(result['title'])}   company {_pct(result['company'])}")
        if args.details:
            for slug, line, label, weight, section, text in result["misread"]:
                print(f"    {slug}:{line} {label:7} w={weight:.2f} {section:16} {text}")


if __name__ == "__main__":
    main()
