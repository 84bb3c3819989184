"""The training pairs (training/grades) load as graded cases, every item on its pin: a changed
importer or résumé must fail loudly, never move grades onto other items."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from .conftest import ROOT, SHARED

GRADES = ROOT / "training" / "grades"


def _trainer():
    spec = importlib.util.spec_from_file_location(
        "train_ranker_pairs", ROOT / "scripts" / "train_ranker.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


def _grades_of(tmp_path: Path, resume: str) -> Path:
    """A copy of the grades holding one résumé only."""
    folder = tmp_path / "grades"
    folder.mkdir()
    for name in ("resumes.tsv", "items.tsv", "pairs.tsv", "qrels.tsv"):
        lines = (GRADES / name).read_text(encoding="utf-8").splitlines(keepends=True)
        (folder / name).write_text(
            lines[0] + "".join(line for line in lines[1:] if line.split("\t")[0] == resume),
            encoding="utf-8",
        )
    return folder


def test_an_item_whose_text_is_not_its_pin_fails_loudly(tmp_path):
    trainer = _trainer()
    folder = _grades_of(tmp_path, "fict-bizdev")
    items = (folder / "items.tsv").read_text(encoding="utf-8").splitlines(keepends=True)
    resume, bullet_id, _ = items[1].rstrip("\n").split("\t")
    items[1] = f"{resume}\t{bullet_id}\t000000000000\n"
    (folder / "items.tsv").write_text("".join(items), encoding="utf-8")
    with pytest.raises(SystemExit, match=bullet_id):
        trainer.pair_cases(folder, tmp_path / "eval-dev")


@pytest.mark.shared_data
def test_every_training_pair_loads_on_its_pins():
    trainer = _trainer()
    cases = trainer.pair_cases(GRADES, SHARED / "eval-dev")
    assert len(cases) == 246 and sum(len(case.grades) for case in cases) == 5272
    assert all(set(case.grades) == {b.id for b in case.bullets} for case in cases)


def _rows(name: str) -> list[dict[str, str]]:
    import csv

    with (GRADES / name).open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


def test_a_person_graded_again_whole_has_every_posting_and_every_item_graded_again():
    """The match ceiling compares a second grader's order of a person's postings with the first
    grader's: a posting or an item left out would compare two different sets."""
    first = {}
    for row in _rows("qrels.tsv"):
        first.setdefault((row["resume"], row["job"]), set()).add(row["bullet_id"])
    tiers = {(row["resume"], row["job"]): row["tier"] for row in _rows("pairs.tsv")}
    second_tiers = {
        (row["resume"], row["job"]): row["tier"] for row in _rows("second-people-pairs.tsv")
    }
    second = {}
    for row in _rows("second-people-qrels.tsv"):
        assert row["grade"] in {"0", "1", "2", "3"}, row
        second.setdefault((row["resume"], row["job"]), set()).add(row["bullet_id"])
    people = {resume for resume, _ in second_tiers}
    assert len(people) == 3
    assert set(second_tiers) == {pair for pair in tiers if pair[0] in people}
    assert set(second_tiers.values()) <= {"strong", "partial", "weak"}
    assert second == {pair: first[pair] for pair in second_tiers}
