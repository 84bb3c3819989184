"""JSON Resume → tailor → JSON Resume on the real résumés of ../shared/corpus/jsonresume: how
much of each file survives `tailor import` then `tailor export --format json-resume`.

Usage:
    python benchmarks/roundtrip.py [CORPUS_DIR]

Prints, per file: its language, how many string values it holds, the share kept, and what was
lost, grouped by JSON path kind (`work[].summary`: 3). tests/test_corpus.py asserts on the same
measure (`round_trip`), so the table and the test cannot disagree.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from benchmarks.shared import shared_dir

from tailor.jsonresume import from_json_resume, is_placeholder, to_json_resume
from tailor.resume import SEASONS, parse_date
from tailor.resume_yaml import parse_resume
from tailor.yaml_writer import resume_to_yaml

CORPUS = shared_dir() / "corpus" / "jsonresume"
# The document's bookkeeping, about the file rather than the person; every export writes its own.
NOT_CONTENT = ("$schema", "meta")


@dataclass(frozen=True)
class RoundTrip:
    values: int  # string values in the original
    lost: tuple[tuple[str, str], ...]  # (JSON path, text) of each value that did not come back
    notes: tuple[str, ...]  # what the import reported

    @property
    def kept(self) -> float:
        return 1 - len(self.lost) / self.values if self.values else 1.0


def string_values(value: Any, path: str = "") -> list[tuple[str, str]]:
    """(JSON path, text) of every string or number in a document; empty strings and nulls
    written as text where an address belongs ("url": "null") say nothing, and booleans are
    flags, not text."""
    if isinstance(value, dict):
        return [
            leaf
            for key, child in value.items()
            for leaf in string_values(child, f"{path}.{key}" if path else key)
        ]
    if isinstance(value, list):
        return [
            leaf for i, child in enumerate(value) for leaf in string_values(child, f"{path}[{i}]")
        ]
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return []
    key = re.sub(r"\[\d+\]$", "", path).rsplit(".", 1)[-1]
    return [(path, str(value))] if str(value).strip() and not is_placeholder(key, value) else []


def comparable(text: str) -> str:
    """A value as compared: whitespace collapsed, and a date cut to its month ("2021-04-01",
    "2021-04" and "Apr 2021" are the same; "Fall 2025" is October 2025)."""
    text = " ".join(text.split())
    date = parse_date(text)
    if date is None:
        return text
    if date.present:
        return "date:present"
    month = date.month or SEASONS.get(date.season or "")
    return f"date:{date.year}-{month or 0:02d}"


def round_trip(original: dict[str, Any]) -> RoundTrip:
    """Import a JSON Resume to resume.yaml, export that again, and find which of the original's
    string values came back (the path of `tailor import` then `tailor export --format
    json-resume`). A value is kept when the export holds an equal value anywhere (each exported
    value vouches for one original value only), or the same text as one line of a multi-line
    value (a summary's paragraphs); an end date that says "present" comes back as JSON Resume
    says it, with no endDate. The same text twice in one object (`url` and `website`,
    `fluency` and `level`) is one value, kept or lost together. The document's own bookkeeping
    (`$schema`, `meta`) is not counted."""
    imported, notes = from_json_resume(original)
    resume = parse_resume(resume_to_yaml(imported))  # what `tailor import` writes, read back
    exported = json.loads(json.dumps(to_json_resume(resume)))  # what `tailor export` writes
    pool: Counter[str] = Counter()
    # JSON Resume says "to this day" by leaving endDate out; that is how "Present" comes back.
    pool["date:present"] += sum(
        1 for item in objects(exported) if "startDate" in item and "endDate" not in item
    )
    for _, text in string_values(exported):
        pool[comparable(text)] += 1
        lines = [line for line in text.splitlines() if line.strip()]
        if len(lines) > 1:
            pool.update(comparable(line) for line in lines)
    values = [
        (path, text) for path, text in string_values(original) if not path.startswith(NOT_CONTENT)
    ]
    lost = []
    seen: dict[tuple[str, str], bool] = {}  # (parent object, value) -> kept
    for path, text in values:
        key = comparable(text)
        sibling = (re.sub(r"(\.[^.\[]+|\[\d+\])$", "", path), key)
        if sibling in seen:
            kept = seen[sibling]
        else:
            kept = seen[sibling] = pool[key] > 0
            pool[key] -= kept
        if not kept:
            lost.append((path, text))
    return RoundTrip(len(values), tuple(lost), tuple(notes))


def objects(value: Any) -> list[dict[str, Any]]:
    """Every JSON object in a document."""
    if isinstance(value, dict):
        return [value, *(found for child in value.values() for found in objects(child))]
    if isinstance(value, list):
        return [found for child in value for found in objects(child)]
    return []


def path_kind(path: str) -> str:
    """`work[2].highlights[0]` → `work[].highlights[]`."""
    return re.sub(r"\[\d+\]", "[]", path)


def corpus_files(corpus: Path = CORPUS) -> list[tuple[Path, str]]:
    """(file, language) for every résumé of the corpus, as sources.tsv lists them."""
    with (corpus / "sources.tsv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    return [(corpus / row["file"], row["language"]) for row in rows]


def load(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8-sig"))


def main() -> None:
    corpus = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS
    print(f"{'file':40} {'lang':4} {'values':>6} {'kept':>7}  lost (by JSON path kind)")
    shares = []
    for path, language in corpus_files(corpus):
        result = round_trip(load(path))
        shares.append(result.kept)
        kinds = Counter(path_kind(lost_path) for lost_path, _ in result.lost)
        lost = ", ".join(f"{kind}: {count}" for kind, count in kinds.most_common()) or "-"
        print(f"{path.name:40} {language:4} {result.values:>6} {result.kept:>7.1%}  {lost}")
    print(
        f"\n{len(shares)} files: mean {statistics.mean(shares):.1%}, median "
        f"{statistics.median(shares):.1%}, worst {min(shares):.1%}"
    )


if __name__ == "__main__":
    main()
