"""The match score: how likely a recruiter who reads the résumé and the posting judges it a fit.

The team graded 278 (person, posting) pairs by reading (training/grades and the fields set): each
posting is a strong, partial or weak fit for that person. A posting-level model learnt from those
tiers turns what the ranker found into one number that means the same for every posting:
100 × the chance that a recruiter judges this person a strong fit for the posting (the graders'
"strong": the posting is what the person does; "partial": some of it; "weak": little). A strong
fit is the shortlist; the chance of at least a partial fit is in the model too, but it says less
at the low end, where the graded postings were all plausible ones: an unrelated posting (a pastry
chef for an ML engineer) still gets a third there, and about one in ten of being strong.

The model is ordinal (proportional odds): one linear score z over MATCH_FEATURES, and two cut
points, so P(at least partial) = σ(z − partial) and P(strong) = σ(z − strong). It is a few
numbers in data/match.json, written by scripts/train_match.py from the graded tiers, with each
person's bullet probabilities taken from a ranker that never saw that person (the way a user's
résumé meets the ranker). docs/ranking.md ("The match score") has what was tried: of the
posting-level features below and others (requirement coverage, title similarity, whole-résumé
TF-IDF, named skills), none ordered a person's postings better out of sample than the mean of the
five best bullet probabilities, so the shipped model weighs that one.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

# Every feature a model may name, from the bullets' probabilities of being clearly relevant
# (rank.RankerModel): the mean of the K best. A model names the ones it weighs; they are found
# by name, never by position.
TOP_K = {"top1": 1, "top3": 3, "top5": 5, "top10": 10}
# And one fact about the pair, not its bullets: the résumé and the posting are written in two
# different languages (tailor.language). all-MiniLM-L6-v2 reads English: across two languages
# its similarities come out low even where the person fits, so the bullets' probabilities
# understate the fit; learnt from the graded pairs that cross languages, this puts it back
# (docs/ranking.md, "The match score").
LANGUAGES_DIFFER = "languages_differ"
FEATURES = (*TOP_K, LANGUAGES_DIFFER)
# The tiers, worst first, as the graders wrote them.
TIERS = ("weak", "partial", "strong")


@dataclass(frozen=True, slots=True)
class MatchModel:
    """Proportional odds over named features: z = Σ coefficient × feature; P(tier ≥ partial) =
    σ(z − cuts[0]), P(strong) = σ(z − cuts[1])."""

    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    cuts: tuple[float, float]  # partial, strong; ordered

    def linear(self, values: Mapping[str, float]) -> float:
        return sum(
            c * values[name] for name, c in zip(self.features, self.coefficients, strict=True)
        )

    def chances(self, values: Mapping[str, float]) -> tuple[float, float]:
        """P(at least a partial fit), P(a strong fit)."""
        z = self.linear(values)
        return _sigmoid(z - self.cuts[0]), _sigmoid(z - self.cuts[1])


def posting_features(
    probabilities: Sequence[float], languages_differ: bool = False
) -> dict[str, float]:
    """Every feature of FEATURES: those of TOP_K from the bullets' probabilities (any order;
    fewer bullets than K average those there are), and whether the résumé and the posting are
    in two languages."""
    best = sorted(probabilities, reverse=True)
    found = {name: (sum(best[:k]) / len(best[:k]) if best else 0.0) for name, k in TOP_K.items()}
    return found | {LANGUAGES_DIFFER: 1.0 if languages_differ else 0.0}


def match_score(
    probabilities: Sequence[float],
    model: MatchModel | None = None,
    *,
    languages_differ: bool = False,
) -> float:
    """The match, 0–100: 100 × the chance that a recruiter judges the person whose bullets scored
    these probabilities a strong fit for this posting. A résumé with nothing to rank scores 0.
    languages_differ: the résumé and the posting are known to be in two languages."""
    if not probabilities:
        return 0.0
    model = model or shipped_match()
    _, strong = model.chances(posting_features(probabilities, languages_differ))
    return round(100 * strong, 1)


def model_from_json(data: Mapping[str, object]) -> MatchModel:
    """A model from data/match.json's fields, checked: every feature known, one coefficient
    each, finite numbers, the cut points in order."""
    features = tuple(str(name) for name in data["features"])  # type: ignore[attr-defined]
    coefficients = tuple(float(c) for c in data["coefficients"])  # type: ignore[attr-defined]
    cuts_data = data["cuts"]
    cuts = (float(cuts_data["partial"]), float(cuts_data["strong"]))  # type: ignore[index]
    unknown = [name for name in features if name not in FEATURES]
    if unknown or not features:
        raise RuntimeError(
            f"data/match.json names unknown features {unknown}; run scripts/train_match.py"
        )
    if len(coefficients) != len(features):
        raise RuntimeError(
            "data/match.json: one coefficient per feature; run scripts/train_match.py"
        )
    if not all(math.isfinite(v) for v in (*coefficients, *cuts)) or not cuts[0] < cuts[1]:
        raise RuntimeError("data/match.json: its cut points are out of order or not numbers")
    return MatchModel(features, coefficients, cuts)


@functools.cache
def shipped_match() -> MatchModel:
    """The model scripts/train_match.py wrote to data/match.json."""
    text = resources.files("tailor").joinpath("data/match.json").read_text("utf-8")
    return model_from_json(json.loads(text))


def _sigmoid(value: float) -> float:
    return 1.0 / (1.0 + math.exp(-value)) if value > -700 else 0.0
