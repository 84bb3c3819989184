"""Score every bullet against the job, as a recruiter would read both, with evidence.

Each bullet is compared with each weighted unit of the job (a requirement line or a sentence),
never with one vector of the whole text: the model reads 256 word pieces, and a bullet that
strongly evidences one requirement should beat one that vaguely resembles the whole posting.

A bullet is read in its context: "Led a team of 8" says little alone, and a lot as "Engineering
Manager, Acme: Led a team of 8". Its semantic similarity to a job line is the better of the
bullet read alone and read under its role's title.

The signals (FEATURES below) are combined by a small linear model learnt by
scripts/train_ranker.py on three graded sets: one résumé × ten postings, eight other people's
résumés of other fields × four postings each, and the team's 246 training pairs (24 résumés × 10–12
postings, training/grades). Nothing in it is fitted to one field; it is stored as a few numbers in
data/ranker.json and read in a millisecond.
"""

from __future__ import annotations

import functools
import json
import math
import re
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING

from tailor.job import Job, JobUnit
from tailor.keywords import is_shown_term
from tailor.lexical import ENGLISH_STOP_WORDS, tfidf
from tailor.match import match_score
from tailor.resume import Bullet, Resume
from tailor.skills import GENERIC, skill_concepts

if TYPE_CHECKING:
    from collections.abc import Mapping

    import numpy as np

    from tailor.embed import Embedder

# How one bullet meets one job line: its semantic similarity, the TF-IDF cosine of shared words,
# and the share of the line's named skills it names too (tailor.skills). Semantics lead; the
# skill taxonomy is a bonus that can never outweigh them, and a line's generic concepts never
# count, so one shared "cloud" is not a match.
LINE_SEMANTIC = 0.6
LINE_LEXICAL = 0.15
LINE_SKILLS = 0.25
# A job line that names no technical skill ("strong communication skills") matches every
# generic bullet; it counts this much of its section's weight.
GENERIC_LINE_WEIGHT = 0.5
# A bullet's evidence signal leans on its single best line, with some credit for breadth.
BEST_MATCH_SHARE = 0.6
BREADTH_TOP_K = 3

# The model's inputs, in order (data/ranker.json names them too):
# evidence - the best line-level match above (0.6 best + 0.4 mean of the three best lines)
# semantic - the best weighted semantic similarity to any job line
# lexical  - TF-IDF cosine of the bullet (with its role title) to all the weighted job lines
# experience, other_kind - what kind of item it is: a role's bullet, or an award, publication
#            or certification (which a recruiter puts forward only when the posting asks)
# preferred - the best semantic similarity to a nice-to-have line alone: the weighted features
#            above let a requirement line drown it, and a bullet that meets what the posting
#            prefers is what sets one candidate apart (issue 20: +0.005 seed, pairs +0.002)
# position - where the item stands in the résumé, 0 first, 1 last: people put their recent
#            roles and their strongest bullets first, and recruiters read them that way
#            (issue 20, learnt on the 246 training pairs: fields +0.018, pairs +0.020)
FEATURES = (
    "evidence",
    "semantic",
    "lexical",
    "experience",
    "other_kind",
    "preferred",
    "position",
)
OTHER_KINDS = frozenset({"awards", "publications", "certifications"})

# A job line whose best bullet reaches this semantic similarity (all-MiniLM-L6-v2) counts as
# covered; below RELATED_AT nothing in the résumé is about it.
COVERED_AT = 0.375
RELATED_AT = 0.20


@dataclass(frozen=True, slots=True)
class BulletScore:
    bullet: Bullet
    score: float  # 0–1, the ranking key: how likely a recruiter finds it clearly relevant
    semantic: float  # cosine to the evidence unit (the better of alone and in context)
    lexical: float  # TF-IDF cosine to the evidence unit
    evidence: JobUnit | None  # the job unit that drove the score
    matched_terms: tuple[str, ...]  # job terms the bullet shares
    skills: tuple[str, ...] = ()  # taxonomy skills (tailor.skills) shared with the evidence
    carried_by: str = "semantic"  # the signal that contributed most: semantic, lexical, skills


@dataclass(frozen=True, slots=True)
class Requirement:
    unit: JobUnit
    best_bullet: Bullet | None
    similarity: float  # semantic similarity of the best bullet
    covered: bool


@dataclass(frozen=True, slots=True)
class Ranking:
    scores: tuple[BulletScore, ...]  # best first
    match: float  # 0–100, see tailor.match.match_score
    requirements: tuple[Requirement, ...]
    # Cosine between bullets' embeddings, keyed by id pairs through `index`: what selection.py
    # needs to keep two bullets that say the same thing off one page.
    similarity: np.ndarray | None = None
    index: dict[str, int] = field(default_factory=dict)

    def by_id(self) -> dict[str, BulletScore]:
        return {item.bullet.id: item for item in self.scores}


@dataclass(frozen=True, slots=True)
class Signals:
    """Everything measured between the bullets and the job's weighted units."""

    units: list[JobUnit]
    unit_weights: np.ndarray  # per unit: section weight, halved for generic lines
    semantic: np.ndarray  # bullets × units
    lexical: np.ndarray  # bullets × units
    skills: np.ndarray  # bullets × units: share of the unit's skills the bullet names
    line_match: np.ndarray  # bullets × units: the weighted mix of the three
    features: np.ndarray  # bullets × FEATURES
    bullet_vectors: np.ndarray
    bullet_terms: list[set[str]]
    unit_terms: list[set[str]]
    term_weights: dict[str, float]  # TF-IDF idf per term, to order shared terms
    bullet_concepts: list[frozenset[str]]
    unit_concepts: list[frozenset[str]]


@dataclass(frozen=True, slots=True)
class RankerModel:
    """A linear model over FEATURES, and the logistic map from its score to a probability."""

    coefficients: tuple[float, ...]
    slope: float
    intercept: float

    def probability(self, raw: float) -> float:
        return 1.0 / (1.0 + math.exp(-(self.slope * raw + self.intercept)))


@functools.cache
def shipped_model() -> RankerModel:
    """The model scripts/train_ranker.py wrote to data/ranker.json."""
    data = json.loads(resources.files("tailor").joinpath("data/ranker.json").read_text("utf-8"))
    if tuple(data["features"]) != FEATURES:
        raise RuntimeError(
            "data/ranker.json was trained on other features; run scripts/train_ranker.py"
        )
    return RankerModel(
        tuple(data["coefficients"]), data["calibration"]["slope"], data["calibration"]["intercept"]
    )


def rank_bullets(
    bullets: list[Bullet],
    job: Job,
    embedder: Embedder,
    contexts: Mapping[str, str] | None = None,
    model: RankerModel | None = None,
    *,
    languages_differ: bool = False,
) -> Ranking:
    """Score each bullet against the job's weighted units; best first.

    bullets: most recent first (Resume.reading_order()): where an item stands is a signal.
    contexts: per bullet id, where it sits ("Title, Company"), read with the bullet.
    model: the combination to use; the shipped one by default.
    languages_differ: the résumé and the job are in two languages (tailor.match allows for it).
    """
    import numpy as np

    if not bullets:
        return Ranking((), 0.0, ())
    model = model or shipped_model()
    signals = measure(bullets, job, embedder, contexts or {})
    coefficients = np.array(model.coefficients)
    raw = signals.features @ coefficients
    probabilities = [model.probability(float(value)) for value in raw]

    job_terms = set().union(
        *(
            terms
            for unit, terms in zip(signals.units, signals.unit_terms, strict=True)
            if unit.weight >= 0.5
        )
    )
    best_unit = signals.line_match.argmax(axis=1)
    results = []
    for i, bullet in enumerate(bullets):
        j = int(best_unit[i])
        shared = {
            term
            for term in signals.bullet_terms[i] & (signals.unit_terms[j] | job_terms)
            if is_shown_term(term)
        }  # words, not "2", "000" or "new"
        results.append(
            BulletScore(
                bullet=bullet,
                score=round(probabilities[i], 4),
                semantic=round(float(signals.semantic[i, j]), 4),
                lexical=round(float(signals.lexical[i, j]), 4),
                evidence=signals.units[j] if signals.line_match[i, j] > 0 else None,
                matched_terms=tuple(
                    sorted(shared, key=lambda t: (-signals.term_weights.get(t, 0), t))
                )[:8],
                skills=tuple(
                    sorted((signals.bullet_concepts[i] & signals.unit_concepts[j]) - GENERIC)
                ),
                carried_by=_carried_by(signals, coefficients, i, j),
            )
        )
    order = sorted(range(len(results)), key=lambda i: (-results[i].score, i))
    requirements = _requirements(signals, bullets)
    return Ranking(
        tuple(results[i] for i in order),
        match_score(probabilities, languages_differ=languages_differ),
        requirements,
        similarity=signals.bullet_vectors @ signals.bullet_vectors.T,
        index={bullet.id: i for i, bullet in enumerate(bullets)},
    )


def contexts_of(resume: Resume) -> dict[str, str]:
    """Where each bullet sits, to be read with it: "Title, Company" for a role's or project's
    bullets; awards, publications and certifications stand alone."""
    return {
        bullet.id: entry.label
        for bullet in resume.bullets()
        if (entry := resume.entry_of(bullet)) is not None
    }


def bullet_texts(bullets: list[Bullet], contexts: Mapping[str, str]) -> list[str]:
    """What ranking embeds of the bullets: each alone, then those with a context read in it."""
    return [b.text for b in bullets] + [
        f"{contexts[b.id]}: {b.text}" for b in bullets if contexts.get(b.id)
    ]


def measure(
    bullets: list[Bullet], job: Job, embedder: Embedder, contexts: Mapping[str, str]
) -> Signals:
    """Every signal between the bullets and the job, and the model's features from them."""
    import numpy as np

    units = job.weighted_units or [JobUnit(job.title, "title", 1.0, 1)]
    in_context = [
        f"{contexts[b.id]}: {b.text}" if contexts.get(b.id) else b.text for b in bullets
    ]  # as bullet_texts words them, so prefetching matches

    # The lexical and skill signals first: an embedder that was prepared (see
    # CachedEmbedder.prepare) is still embedding in the background meanwhile.
    stop_words = ENGLISH_STOP_WORDS | {w.lower() for w in _TOKEN.findall(job.company)}
    lines = tfidf([b.text for b in bullets] + [u.text for u in units], _TOKEN, stop_words)
    lexical = lines.matrix[: len(bullets)] @ lines.matrix[len(bullets) :].T
    terms = [lines.terms(row) for row in range(len(bullets) + len(units))]
    whole = tfidf([*in_context, " ".join(u.text for u in units)], _TOKEN, stop_words)
    lexical_whole = whole.matrix[: len(bullets)] @ whole.matrix[len(bullets)]

    bullet_concepts, unit_concepts = skill_concepts(bullets, units)
    skills = _skill_coverage(bullet_concepts, unit_concepts)
    unit_weights = np.array(
        [
            u.weight * (1.0 if found - GENERIC else GENERIC_LINE_WEIGHT)
            for u, found in zip(units, unit_concepts, strict=True)
        ]
    )

    unit_vectors = embedder.encode([u.text for u in units])
    bullet_vectors = embedder.encode([b.text for b in bullets])
    context_vectors = embedder.encode(in_context)
    semantic = np.clip(
        np.maximum(bullet_vectors @ unit_vectors.T, context_vectors @ unit_vectors.T), 0.0, 1.0
    )

    line_match = (
        LINE_SEMANTIC * semantic + LINE_LEXICAL * lexical + LINE_SKILLS * skills
    ) * unit_weights[None, :]
    top_k = min(BREADTH_TOP_K, line_match.shape[1])
    evidence = BEST_MATCH_SHARE * line_match.max(axis=1) + (1 - BEST_MATCH_SHARE) * np.sort(
        line_match, axis=1
    )[:, -top_k:].mean(axis=1)
    section_weights = np.array([u.weight for u in units])
    preferred = np.array([u.section == "preferred" for u in units])
    columns = {
        "evidence": evidence,
        "semantic": (semantic * section_weights[None, :]).max(axis=1),
        "lexical": lexical_whole,
        "experience": [1.0 if b.section == "experience" else 0.0 for b in bullets],
        "other_kind": [1.0 if b.section in OTHER_KINDS else 0.0 for b in bullets],
        "preferred": semantic[:, preferred].max(axis=1) if preferred.any() else 0.0 * evidence,
        "position": np.arange(len(bullets)) / max(len(bullets) - 1, 1),
    }
    features = np.column_stack([columns[name] for name in FEATURES])  # by name, in any order
    return Signals(
        units,
        unit_weights,
        semantic,
        lexical,
        skills,
        line_match,
        features,
        bullet_vectors,
        terms[: len(bullets)],
        terms[len(bullets) :],
        dict(zip(lines.vocabulary, lines.idf.tolist(), strict=True)),
        bullet_concepts,
        unit_concepts,
    )


def _carried_by(signals: Signals, coefficients: np.ndarray, i: int, j: int) -> str:
    """Which signal added most to bullet i's score, its evidence line being j. Features are
    found by name in FEATURES, never by position."""
    evidence, semantic, lexical, preferred = (
        FEATURES.index(name) for name in ("evidence", "semantic", "lexical", "preferred")
    )
    weight = signals.unit_weights[j] * BEST_MATCH_SHARE * coefficients[evidence]
    parts = {
        "semantic": weight * LINE_SEMANTIC * signals.semantic[i, j]
        + coefficients[semantic] * signals.features[i, semantic]
        + coefficients[preferred] * signals.features[i, preferred],
        "lexical": weight * LINE_LEXICAL * signals.lexical[i, j]
        + coefficients[lexical] * signals.features[i, lexical],
        "skills": weight * LINE_SKILLS * signals.skills[i, j],
    }
    return max(parts, key=lambda name: parts[name])


def _requirements(signals: Signals, bullets: list[Bullet]) -> tuple[Requirement, ...]:
    found = []
    for j, unit in enumerate(signals.units):
        i = int(signals.semantic[:, j].argmax())
        similarity = float(signals.semantic[i, j])
        found.append(
            Requirement(unit, bullets[i], round(similarity, 4), covered=similarity >= COVERED_AT)
        )
    return tuple(found)


def _skill_coverage(
    bullet_concepts: list[frozenset[str]],
    unit_concepts: list[frozenset[str]],
    generic: frozenset[str] = GENERIC,
) -> np.ndarray:
    """Per bullet and unit: the share of the unit's specific skills that the bullet names too,
    each skill weighted by its inverse document frequency over these texts (sharing "Slurm"
    says more than sharing "cloud", which half the bullets mention). Generic concepts never
    count, and a unit that names no skill gives 0."""
    import numpy as np

    texts = bullet_concepts + unit_concepts
    names = sorted(set().union(*texts) - generic)
    coverage = np.zeros((len(bullet_concepts), len(unit_concepts)))
    if not names:
        return coverage
    column = {name: k for k, name in enumerate(names)}
    present = np.zeros((len(texts), len(names)))
    for row, found in enumerate(texts):
        present[row, [column[name] for name in found - generic]] = 1.0
    idf = np.log((1 + len(texts)) / (1 + present.sum(axis=0))) + 1
    weighted_units = present[len(bullet_concepts) :] * idf
    totals = weighted_units.sum(axis=1)
    shared = present[: len(bullet_concepts)] @ weighted_units.T
    return np.divide(shared, totals[None, :], out=coverage, where=totals[None, :] > 0)


_TOKEN = re.compile(r"(?u)\b[\w][\w+#./-]*[\w+#]|\b\w\b")
