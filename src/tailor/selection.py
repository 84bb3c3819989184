"""Choose the page's bullets as a set: the order in which layout.fit_page keeps them.

Sorting by score alone fills a page with near-copies ("led adoption of Kubeflow Pipelines" twice,
from two roles) and with five bullets evidencing the same requirement. The priority order is
built greedily instead (maximal marginal relevance): each next bullet is the one with the best
score after a penalty for resembling a bullet already chosen and a bonus for evidencing a job
line that no chosen bullet covers yet.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from tailor.errors import UserError
from tailor.job import Job, JobUnit
from tailor.keywords import KeyTerm, key_terms
from tailor.rank import Ranking
from tailor.resume import SkillGroup
from tailor.skills import concepts

if TYPE_CHECKING:
    from tailor.embed import Embedder

# Cosine between two MiniLM bullet embeddings above which they start to say the same thing
# (the seed résumé's closest distinct bullets sit at 0.55–0.65, its near-copies at 0.69–0.77).
REDUNDANT_ABOVE = 0.6
# Score lost per unit of cosine above REDUNDANT_ABOVE. The ranker learnt on the training pairs
# spreads its probabilities wider (0.99 for a bullet, 0.58 for one evidencing another
# requirement), so 1.0 let a near-copy (cosine 0.93) stay ahead; 2.0 makes it give way, at no
# cost to the selection's nDCG (benchmarks/ranking.py: seed 0.669 -> 0.673, fields 0.803,
# pairs 0.678 -> 0.675).
REDUNDANCY_PENALTY = 2.0
NEW_REQUIREMENT_BONUS = 0.03  # for evidencing a job line no chosen bullet covers


@dataclass(frozen=True, slots=True)
class Overrides:
    """The user's say for one run (--keep, --drop), over the ranking and resume.yaml's pins."""

    keep: frozenset[str] = frozenset()  # on the page, whatever their rank (like a pin)
    drop: frozenset[str] = frozenset()  # off the page, even when pinned


def check_overrides(
    bullet_ids: Iterable[str], keep: Iterable[str] = (), drop: Iterable[str] = ()
) -> Overrides:
    """The ids to keep and drop, checked against the résumé's bullets.

    Raises:
        UserError: an id the résumé does not have (with the nearest ones), or one id both kept
            and dropped.
    """
    import difflib

    known = list(dict.fromkeys(bullet_ids))
    keep, drop = frozenset(keep), frozenset(drop)
    for option, ids in (("--keep", keep), ("--drop", drop)):
        for bullet_id in sorted(ids):
            if bullet_id not in known:
                nearest = difflib.get_close_matches(bullet_id, known, n=3, cutoff=0.0)
                raise UserError(
                    f"{option} {bullet_id}: no bullet has this id; the nearest are "
                    f"{', '.join(nearest) or '(none: the résumé has no bullets)'}.",
                    "`tailor scores JOB` lists every bullet with its id.",
                )
    both = sorted(keep & drop)
    if both:
        raise UserError(f"{', '.join(both)}: both --keep and --drop; choose one.")
    return Overrides(keep, drop)


def priority_order(ranking: Ranking) -> list[str]:
    """Bullet ids, most wanted first."""
    import numpy as np

    items = list(ranking.scores)
    if ranking.similarity is None or not items:
        return [item.bullet.id for item in items]
    index = [ranking.index[item.bullet.id] for item in items]
    similarity = ranking.similarity[np.ix_(index, index)]
    scores = np.array([item.score for item in items])
    units: dict[JobUnit, int] = {}  # evidence unit (by value: a copy is the same line) -> column
    evidence = np.array(
        [
            units.setdefault(item.evidence, len(units)) if item.evidence is not None else -1
            for item in items
        ]
    )
    covered = np.zeros(len(units) + 1, dtype=bool)  # the last column stands for "no evidence"
    covered[-1] = True
    closest = np.full(len(items), -1.0)  # each candidate's cosine to its nearest chosen bullet
    available = np.ones(len(items), dtype=bool)
    chosen: list[int] = []
    for _ in items:
        value = (
            scores
            - REDUNDANCY_PENALTY * np.maximum(0.0, closest - REDUNDANT_ABOVE)
            + NEW_REQUIREMENT_BONUS * ~covered[evidence]
        )
        value[~available] = -np.inf
        best = int(np.argmax(value))  # the first of equals: ties keep the score order
        chosen.append(best)
        available[best] = False
        covered[evidence[best]] = True
        closest = np.maximum(closest, similarity[best])
    return [items[i].bullet.id for i in chosen]


def redundancy_of(ranking: Ranking, bullet_id: str, others: list[str]) -> tuple[str, float]:
    """The bullet among `others` most like `bullet_id`, and their cosine (for explanations)."""
    if ranking.similarity is None or not others:
        return "", 0.0
    row = ranking.similarity[ranking.index[bullet_id]]
    best = max(others, key=lambda other: row[ranking.index[other]])
    return best, float(row[ranking.index[best]])


def bullet_reasons(ranking: Ranking, kept: Collection[str], overrides: Overrides) -> dict[str, str]:
    """Why each bullet is on the fitted page or not, in words, recorded once the page is
    fitted: --keep and --drop, a pin, its rank, or a kept bullet that says the same."""
    kept_ids = set(kept)
    total = len(ranking.scores)
    reasons = {}
    for rank, item in enumerate(ranking.scores, start=1):
        bullet = item.bullet
        if bullet.id in overrides.drop:
            reasons[bullet.id] = "cut: --drop"
            continue
        if bullet.id in kept_ids:
            reasons[bullet.id] = (
                "kept: --keep"
                if bullet.id in overrides.keep
                else "kept: pinned in resume.yaml"
                if bullet.pin
                else f"kept: rank {rank} of {total}"
            )
            continue
        twin, cosine = redundancy_of(ranking, bullet.id, list(kept))
        if cosine > REDUNDANT_ABOVE:
            reasons[bullet.id] = (
                f"cut: rank {rank}; says much the same as kept bullet "
                f"{twin} (similarity {cosine:.2f})"
            )
        else:
            reasons[bullet.id] = f"cut: rank {rank}, no room left on the page"
    return reasons


def order_skills(
    groups: tuple[SkillGroup, ...], job: Job, terms: list[KeyTerm] | None = None
) -> tuple[SkillGroup, ...]:
    """Each skill group with the skills the job names first (most weighted first), then the
    ones it asks for in other words (shared taxonomy concepts), then the rest as written.

    terms: the job's key terms, if already extracted (all of them, not a top few)."""
    terms = terms if terms is not None else key_terms(job, limit=None)
    weights = {term.term.lower(): term.weight for term in terms}
    wanted = set().union(*(concepts(unit.text) for unit in job.weighted_units))
    text = " ".join(unit.text.lower() for unit in job.weighted_units)

    def rank(item: str) -> tuple[int, float]:
        name = item.lower()
        parts = [part.strip() for part in name.replace("/", ",").split(",") if part.strip()]
        named = [weights.get(part, 0.0) or (1.0 if _names(text, part) else 0.0) for part in parts]
        if max(named, default=0.0) > 0:
            return (0, -max(named))
        return (1, 0.0) if concepts(item) & wanted else (2, 0.0)

    # replace, not a new SkillGroup: the level and any later field are the user's, page or not.
    return tuple(replace(group, items=tuple(sorted(group.items, key=rank))) for group in groups)


def _names(text: str, term: str) -> bool:
    import re

    return re.search(r"(?<![\w+#])" + re.escape(term) + r"(?![\w+#])", text) is not None


def closest_summary(candidates: list[str], job: Job, embedder: Embedder) -> str:
    """The candidate summary that best matches what the job asks (mean of its best matches
    with the weighted job lines)."""
    import numpy as np

    units = job.weighted_units
    if len(candidates) < 2 or not units:
        return candidates[0] if candidates else ""
    weights = np.array([unit.weight for unit in units])
    similarity = embedder.encode(candidates) @ embedder.encode([u.text for u in units]).T
    fit = (similarity * weights).max(axis=1) + (similarity * weights).mean(axis=1)
    return candidates[int(fit.argmax())]
