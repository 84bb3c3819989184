"""Score every bullet against the job: semantic similarity, shared skills (tailor.skills) and a
lexical signal, with evidence.

Each bullet is compared with each weighted unit of the job (a requirement line or a sentence),
never with one vector of the whole text: the model reads 256 word pieces, and a bullet that
strongly evidences one requirement should beat one that vaguely resembles the whole posting.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from tailor.job import Job, JobUnit
from tailor.lexical import ENGLISH_STOP_WORDS, tfidf
from tailor.resume import Bullet
from tailor.skills import GENERIC, concepts

if TYPE_CHECKING:
    import numpy as np

    from tailor.embed import Embedder

# How the three signals mix (shares sum to 1, so a score stays within 0–1). MiniLM cosines
# between a bullet and its best requirement sit in 0.1–0.7 and miss skills named differently
# ("hosting LLM" vs "inference of transformers": 0.0); the skill taxonomy catches those, and
# TF-IDF adds exact shared terms. Tuned leave-one-job-out on the team's dev set (see
# benchmarks/ranking.py --loo); the optimum is flat around these values.
SEMANTIC_WEIGHT = 0.375
LEXICAL_WEIGHT = 0.125
CONCEPT_WEIGHT = 0.5
# A job line that names no technical skill ("strong communication skills") matches every
# generic bullet; it counts this much of its section's weight.
GENERIC_LINE_WEIGHT = 0.5
# A bullet's score leans on its single best match, with some credit for breadth.
BEST_MATCH_SHARE = 0.6
BREADTH_TOP_K = 3

# Match score calibration for all-MiniLM-L6-v2: a requirement whose best bullet reaches
# COVERED_AT counts as fully evidenced, one at or below UNRELATED_AT as not at all.
UNRELATED_AT = 0.20
COVERED_AT = 0.55


@dataclass(frozen=True, slots=True)
class BulletScore:
    bullet: Bullet
    score: float  # 0–1, the ranking key
    semantic: float  # cosine to the evidence unit
    lexical: float  # TF-IDF cosine to the evidence unit
    evidence: JobUnit | None  # the job unit this bullet matches best
    matched_terms: tuple[str, ...]  # job terms the bullet shares
    skills: tuple[str, ...] = ()  # taxonomy skills (tailor.skills) shared with the evidence


@dataclass(frozen=True, slots=True)
class Requirement:
    unit: JobUnit
    best_bullet: Bullet | None
    similarity: float  # semantic similarity of the best bullet
    covered: bool
    generic: bool = False  # names no technical skill: counts GENERIC_LINE_WEIGHT in the match


@dataclass(frozen=True, slots=True)
class Ranking:
    scores: tuple[BulletScore, ...]  # best first
    match: float  # 0–100, see match_score
    requirements: tuple[Requirement, ...]
    # Cosine between bullets' embeddings, keyed by id pairs through `index`: what select.py
    # needs to keep two bullets that say the same thing off one page.
    similarity: np.ndarray | None = None
    index: dict[str, int] = field(default_factory=dict)

    def by_id(self) -> dict[str, BulletScore]:
        return {item.bullet.id: item for item in self.scores}


def rank_bullets(bullets: list[Bullet], job: Job, embedder: Embedder) -> Ranking:
    """Score each bullet against the job's weighted units; best first."""
    import numpy as np

    units = job.weighted_units or [JobUnit(job.title, "title", 1.0, 1)]
    weights = np.array([unit.weight for unit in units], dtype=np.float32)
    if not bullets:
        return Ranking((), 0.0, ())

    # The lexical and skill signals first: an embedder that was prepared (see
    # CachedEmbedder.prepare) is still embedding in the background meanwhile.
    lexical, vocabulary, bullet_terms, unit_terms = _lexical_similarity(bullets, units, job)
    unit_concepts = [concepts(unit.text) for unit in units]
    bullet_concepts = [concepts(bullet.text) for bullet in bullets]
    weights = weights * np.array([1.0 if found - GENERIC else GENERIC_LINE_WEIGHT
                                  for found in unit_concepts], dtype=np.float32)
    concept = _concept_similarity(bullet_concepts, unit_concepts)
    unit_vectors = embedder.encode([unit.text for unit in units])
    bullet_vectors = embedder.encode([bullet.text for bullet in bullets])
    semantic = np.clip(bullet_vectors @ unit_vectors.T, 0.0, 1.0)
    combined = (SEMANTIC_WEIGHT * semantic + LEXICAL_WEIGHT * lexical
                + CONCEPT_WEIGHT * concept) * weights[None, :]

    top_k = min(BREADTH_TOP_K, combined.shape[1])
    best_unit = combined.argmax(axis=1)
    best = combined.max(axis=1)
    breadth = np.sort(combined, axis=1)[:, -top_k:].mean(axis=1)
    scores = BEST_MATCH_SHARE * best + (1 - BEST_MATCH_SHARE) * breadth

    job_terms = set().union(*(unit_terms[j] for j in range(len(units)) if units[j].weight >= 0.5))
    results = []
    for i, bullet in enumerate(bullets):
        j = int(best_unit[i])
        shared = bullet_terms[i] & (unit_terms[j] | job_terms)
        results.append(BulletScore(
            bullet=bullet, score=round(float(scores[i]), 4),
            semantic=round(float(semantic[i, j]), 4), lexical=round(float(lexical[i, j]), 4),
            evidence=units[j] if best[i] > 0 else None,
            matched_terms=tuple(sorted(shared, key=lambda t: (-vocabulary.get(t, 0), t)))[:8],
            skills=tuple(sorted(bullet_concepts[i] & unit_concepts[j]))))
    order = sorted(range(len(results)), key=lambda i: (-results[i].score, i))
    ranked = tuple(results[i] for i in order)
    requirements = _requirements(units, semantic, bullets, unit_concepts)
    return Ranking(ranked, match_score(requirements), requirements,
                   similarity=bullet_vectors @ bullet_vectors.T,
                   index={bullet.id: i for i, bullet in enumerate(bullets)})


def _requirements(units: list[JobUnit], semantic: np.ndarray, bullets: list[Bullet],
                  unit_concepts: list[frozenset[str]]) -> tuple[Requirement, ...]:
    found = []
    for j, unit in enumerate(units):
        i = int(semantic[:, j].argmax())
        similarity = float(semantic[i, j])
        found.append(Requirement(unit, bullets[i], round(similarity, 4),
                                 covered=similarity >= (UNRELATED_AT + COVERED_AT) / 2,
                                 generic=not unit_concepts[j] - GENERIC))
    return tuple(found)


def match_score(requirements: tuple[Requirement, ...]) -> float:
    """How well the résumé as a whole evidences the job, 0–100.

    Each weighted job unit is scored by its best bullet's semantic similarity, mapped linearly
    from UNRELATED_AT (0) to COVERED_AT (100), and the results are averaged by unit weight, so
    requirements count more than "about us" prose, and a line that names no technical skill
    ("excellent communication skills") counts GENERIC_LINE_WEIGHT of its section's weight.
    100 means every requirement has a bullet that says nearly the same thing; an unrelated
    field lands near 0.
    """
    def weight(r: Requirement) -> float:
        return r.unit.weight * (GENERIC_LINE_WEIGHT if r.generic else 1.0)

    total = sum(weight(r) for r in requirements)
    if not total:
        return 0.0
    points = sum(weight(r) * min(1.0, max(0.0, (r.similarity - UNRELATED_AT)
                                          / (COVERED_AT - UNRELATED_AT)))
                 for r in requirements)
    return round(100 * points / total, 1)


def _concept_similarity(bullet_concepts: list[frozenset[str]],
                        unit_concepts: list[frozenset[str]]) -> np.ndarray:
    """Cosine between the skill sets of every bullet and every unit, each skill weighted by its
    inverse document frequency over these texts: sharing "Slurm/HPC" says more than sharing
    "cloud", which half the bullets mention."""
    import numpy as np

    texts = bullet_concepts + unit_concepts
    names = sorted(set().union(*texts))
    if not names:
        return np.zeros((len(bullet_concepts), len(unit_concepts)), dtype=np.float32)
    column = {name: k for k, name in enumerate(names)}
    present = np.zeros((len(texts), len(names)), dtype=np.float32)
    for row, found in enumerate(texts):
        present[row, [column[name] for name in found]] = 1.0
    idf = np.log((1 + len(texts)) / (1 + present.sum(axis=0))) + 1
    weighted = present * idf
    norms = np.linalg.norm(weighted, axis=1, keepdims=True)
    weighted = np.divide(weighted, norms, out=np.zeros_like(weighted), where=norms > 0)
    return weighted[: len(bullet_concepts)] @ weighted[len(bullet_concepts):].T


_TOKEN = re.compile(r"(?u)\b[\w][\w+#./-]*[\w+#]|\b\w\b")


def _lexical_similarity(bullets: list[Bullet], units: list[JobUnit], job: Job):
    """TF-IDF cosine between every bullet and every unit, plus each text's terms.

    The company's own name is a stop word: "Scale" in a company name is not a skill.
    """
    stop_words = ENGLISH_STOP_WORDS | {w.lower() for w in _TOKEN.findall(job.company)}
    texts = [bullet.text for bullet in bullets] + [unit.text for unit in units]
    model = tfidf(texts, _TOKEN, stop_words)
    similarity = model.matrix[: len(bullets)] @ model.matrix[len(bullets):].T
    idf = dict(zip(model.vocabulary, model.idf.tolist(), strict=True))
    terms = [model.terms(row) for row in range(len(texts))]
    return similarity, idf, terms[: len(bullets)], terms[len(bullets):]
