"""Reading a posting like a recruiter: what each of its units is, learnt from labelled lines.

`job.parse_job` splits a posting into units and guesses each one's section from the heading
above it. Headings are written a thousand ways ("What's in it for you?", "Be an Owner and Be
Bold:") and lie (a work-authorization line in a requirements list), so the heading alone
misreads postings outside the fields it was written for. Here every unit is read by what it
says as well: a logistic regression over the unit's words, its MiniLM vector, where it stands
and the section the heading gave it, then a second one that also sees its neighbours' and its
block's first reading (a list is mostly of one kind). It is learnt by
`scripts/train_reader.py` from 5,605 lines of 139 postings the team labelled
(`training/reading/`), and measured by `benchmarks/reading.py` on 39 others.

The kinds are the recruiters' labels (see `training/README.md`); each becomes a section and a
weight. The weight is the one most likely to be right for the unit under the reading rule
(requirements and duties count fully, nice-to-haves at the preferred weight, the company's
blurb barely, benefits, legal text, apply buttons and header lines not at all), not the weight
of the likeliest kind: a unit that is 40 % a requirement and 60 % boilerplate is left out.

Two models ship: one with the MiniLM vector, used when the embedder is the model it was learnt
with, and one without, used with any other embedder (the multilingual one, tests' fake one):
a vector from another model means nothing to the first.
"""

from __future__ import annotations

import itertools
import math
import re
import zlib
from dataclasses import replace
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from tailor.headings import PREFERRED_CUE
from tailor.job import SECTION_WEIGHTS, Job, JobUnit

if TYPE_CHECKING:
    import numpy as np

    from tailor.embed import Embedder

# The recruiters' labels, and the section and weight each gives a unit.
KIND_SECTIONS = {
    "duty": "responsibilities",
    "req": "requirements",
    "pref": "preferred",
    "overview": "overview",
    "about": "about",
    "benefit": "benefits",
    "legal": "legal",
    "apply": "apply",
    "header": "header",
    "heading": "heading",
    "title": "title",
}
# The kinds the reading rule scores, and the weights a unit may get (see module docstring).
SCORED_KINDS = ("duty", "req", "pref", "about", "benefit", "legal", "apply", "header")
WEIGHTS = (1.0, SECTION_WEIGHTS["preferred"], SECTION_WEIGHTS["about"], 0.0)
# The sections the heading rules give (job.parse_job): a feature, not the answer.
RULE_SECTIONS = (
    "requirements",
    "responsibilities",
    "preferred",
    "other",
    "about",
    "header",
    "benefits",
    "salary",
    "legal",
    "heading",
    "fragment",
)
TEXT_BINS = 2**12  # hashed words and word pairs of the unit
HEADING_BINS = 2**10  # and of the heading it sits under
INTRODUCTION_WORDS = 6  # "What you'll need to succeed:" is as long as a heading runs
# A line ending in a colon opens a list of its own inside the heading's ("- Strongly
# Preferred:", "We'd love it if you also had:"); a longer one is a sentence that runs on.
SUB_HEADING_WORDS = 12
CUE_EDGE_WORDS = 4  # "Bonus: …", "Preferred - B.S. …", "… is a plus", "… (nice to have)."
# In choosing a unit's weight, a nice-to-have's chance counts this many times over: reading
# one as a must (or a must as one) is not an even trade when nice-to-haves are one line in
# twenty. The smallest factor that brings the preferred lines to 85 % on the training
# postings out of fold (`train_reader.py --oof`: 80.8 -> 85.0 %, requirements and duties
# 97.0 -> 96.7 %); 1.5 gave 83.3 % (96.8), 2 gave 84.6 % (96.8), 3 gave 87.2 % (96.5).
PREFERRED_PRIOR = 2.2
EMBEDDING_MODEL = "all-MiniLM-L6-v2"  # the model whose vectors the full reader was learnt on

_WORD = re.compile(r"\w+")
_PREFERRED_CUE = re.compile(PREFERRED_CUE, re.IGNORECASE)
_MONEY = re.compile(r"[$€£¥₹]|\d+k\b|\b\d{2,3}[,.]\d{3}\b", re.IGNORECASE)
_LINK = re.compile(r"https?://|www\.|\.com\b", re.IGNORECASE)
_YOU = re.compile(r"(you|your)\b", re.IGNORECASE)
_WE = re.compile(r"(we|our|we're)\b", re.IGNORECASE)


def read_job(job: Job, embedder: Embedder | None = None) -> Job:
    """The job with each unit's section and weight read by the learnt reader.

    With an embedder of the model the full reader was learnt on, its vectors count too;
    otherwise the reader without them is used. The title unit keeps its place."""
    if job.read:
        return job
    positions = [at for at, unit in enumerate(job.units) if unit.section != "title"]
    if not positions:
        return replace(job, read=True)
    units = [job.units[at] for at in positions]
    full = embedder is not None and _is_reader_model(embedder)
    vectors = embedder.encode([unit.text for unit in units]) if full and embedder else None
    readings = read_units(
        units, "\n" not in job.text.strip(), vectors, _model("full" if full else "words")
    )
    read = list(job.units)
    for at, unit, (kind, weight) in zip(positions, units, readings, strict=True):
        read[at] = replace(unit, section=KIND_SECTIONS[kind], weight=weight)
    return replace(job, units=tuple(read), read=True)


def read_units(
    units: list[JobUnit], flat: bool, vectors: Any, model: dict[str, Any]
) -> list[tuple[str, float]]:
    """Each unit's kind and weight by `model` (the arrays of data/reader.npz for one reader)."""
    import numpy as np

    matrix = unit_features(units, flat=flat, vectors=vectors)
    first = _probabilities(matrix, model["w1"], model["b1"])
    second = _probabilities(
        np.hstack([matrix, context_features(units, first)]), model["w2"], model["b2"]
    )
    kinds = [str(kind) for kind in model["classes"]]
    return [
        ("heading", 0.0) if introduces(unit.text) else decide(kinds, row)
        for unit, row in zip(units, second, strict=True)
    ]


def decide(kinds: list[str], probabilities: Any) -> tuple[str, float]:
    """The weight most likely to be right under the reading rule (a nice-to-have's chance
    counted PREFERRED_PRIOR times), and the likeliest kind that weight is right for (its
    section); a unit most likely a heading or the title again counts for nothing."""
    chances = dict(zip(kinds, (float(p) for p in probabilities), strict=True))
    likeliest = max(chances, key=chances.__getitem__)
    if likeliest in ("heading", "title"):
        return likeliest, 0.0  # a heading names what follows; it is never evidence itself
    weight = max(
        WEIGHTS,
        key=lambda w: sum(
            chance * (PREFERRED_PRIOR if kind == "pref" else 1.0)
            for kind, chance in chances.items()
            if kind in SCORED_KINDS and right_weight(kind, w)
        ),
    )
    fitting = [kind for kind in kinds if kind in SCORED_KINDS and right_weight(kind, weight)]
    return max(fitting, key=chances.__getitem__), weight


def introduces(text: str) -> bool:
    """A few words ending in a colon ("Education:", "- Knowledge:", "Be an Owner and Be Bold:")
    introduce what follows: a heading, even inside a list, whatever its words."""
    return text.rstrip().endswith(":") and len(text.split()) <= INTRODUCTION_WORDS


def right_weight(kind: str, weight: float) -> bool:
    """The reading rule: what weight a unit of each kind should get."""
    if kind in ("duty", "req"):
        return weight >= 0.9
    if kind == "pref":
        return 0.3 <= weight < 0.9
    if kind == "about":
        return weight <= 0.15
    if kind in ("benefit", "legal", "apply", "header"):
        return weight == 0.0
    return True


def unit_features(units: list[JobUnit], flat: bool, vectors: Any = None) -> np.ndarray:
    """One row per unit: where it stands and what the heading rules made of it, its hashed words
    and its heading's, and (for the full reader) its vector."""
    import numpy as np

    count = len(units)
    rows = []
    headings = [heading for heading, _ in read_under(units)]
    for at, (unit, heading) in enumerate(zip(units, headings, strict=True)):
        text = unit.text
        words = len(text.split())
        split = text.split()
        place = at / max(count, 1)
        rows.append(
            [unit.section == section for section in RULE_SECTIONS]
            + [
                unit.bullet,
                flat,
                place,
                place * place,
                math.log1p(words),
                words <= 3,
                text.endswith(":"),
                text.endswith("?"),
                bool(_MONEY.search(text)),
                any(ch.isdigit() for ch in text),
                bool(_YOU.match(text)),
                bool(_WE.match(text)),
                text.isupper(),
                not heading,
                bool(_PREFERRED_CUE.search(text)),
                bool(_PREFERRED_CUE.search(" ".join(split[:CUE_EDGE_WORDS]))),
                bool(_PREFERRED_CUE.search(" ".join(split[-CUE_EDGE_WORDS:]))),
                bool(_PREFERRED_CUE.search(unit.heading)),
                bool(_PREFERRED_CUE.search(heading)),
                bool(_LINK.search(text)),
                at < 4,
            ]
        )
    parts = [
        np.array(rows, dtype=np.float64).reshape(count, -1),
        hashed_words([unit.text for unit in units], TEXT_BINS),
        0.5 * hashed_words(headings, HEADING_BINS),
    ]
    if vectors is not None:
        parts.append(np.asarray(vectors, dtype=np.float64))
    return np.hstack(parts)


def read_under(units: list[JobUnit]) -> list[tuple[str, tuple[str, int]]]:
    """The heading each unit is read under, and its block: the heading rules' heading, or
    the nearest line above it under that heading that ends in a colon and opens a list of
    its own ("- Strongly Preferred:", "Extra brownie points if you:"), which the heading
    rules do not take for a heading but a reader of the list does."""
    read: list[tuple[str, tuple[str, int]]] = []
    opened: tuple[str, int] | None = None  # the sub-heading's text and place
    for at, unit in enumerate(units):
        if at and unit.heading != units[at - 1].heading:
            opened = None
        read.append(
            (opened[0], (unit.heading, opened[1])) if opened else (unit.heading, (unit.heading, -1))
        )
        if unit.text.rstrip().endswith(":") and len(unit.text.split()) <= SUB_HEADING_WORDS:
            opened = (unit.text, at)
    return read


def hashed_words(texts: list[str], bins: int) -> np.ndarray:
    """Lower-cased words and word pairs, each counted in one of `bins` buckets (CRC-32, stable
    across runs and machines), each row scaled to unit length."""
    import numpy as np

    matrix = np.zeros((len(texts), bins))
    for row, text in enumerate(texts):
        words = _WORD.findall(text.lower())
        for term in words + [f"{a} {b}" for a, b in itertools.pairwise(words)]:
            matrix[row, zlib.crc32(term.encode("utf-8")) % bins] += 1.0
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    return matrix / np.where(norms > 0, norms, 1.0)


def context_features(units: list[JobUnit], probabilities: Any) -> np.ndarray:
    """What the first reading made of the unit's neighbours, of its block (the units under the
    same heading) and of the whole posting: a list is mostly of one kind."""
    import numpy as np

    probabilities = np.asarray(probabilities)
    count, kinds = probabilities.shape
    under = [block for _, block in read_under(units)]
    blocks: dict[tuple[str, int], list[int]] = {}
    for at, block in enumerate(under):
        blocks.setdefault(block, []).append(at)
    block_means = {block: probabilities[ats].mean(axis=0) for block, ats in blocks.items()}
    posting = probabilities.mean(axis=0) if count else np.zeros(kinds)
    none = np.zeros(kinds)
    return np.array(
        [
            np.concatenate(
                [
                    probabilities[at - 1] if at > 0 else none,
                    probabilities[at + 1] if at + 1 < count else none,
                    block_means[under[at]],
                    posting,
                ]
            )
            for at in range(count)
        ]
    ).reshape(count, 4 * kinds)


def _probabilities(matrix: Any, weights: Any, bias: Any) -> np.ndarray:
    import numpy as np

    scores = matrix @ weights.T + bias
    scores -= scores.max(axis=1, keepdims=True)
    exp = np.exp(scores)
    return exp / exp.sum(axis=1, keepdims=True)


def _is_reader_model(embedder: Embedder) -> bool:
    return getattr(embedder, "name", None) == EMBEDDING_MODEL


MODEL_FILE = "reader.npz"


@lru_cache(maxsize=2)
def _model(variant: str) -> dict[str, Any]:
    import numpy as np

    with resources.files("tailor.data").joinpath(MODEL_FILE).open("rb") as handle:
        stored = np.load(handle)
        return {key: stored[f"{variant}_{key}"] for key in ("w1", "b1", "w2", "b2")} | {
            "classes": stored["classes"]
        }
