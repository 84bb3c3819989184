"""Advice on the bullets themselves: what a recruiter would flag before any job is involved.

Warnings, never errors: a résumé with long or unquantified bullets is still a résumé. Everything
here is lexical (no model) and close to linear in the number of bullets, so `tailor check`
stays instant on a whole career.
"""

from __future__ import annotations

import difflib
import itertools
import math
import re
import zlib
from collections import Counter, defaultdict
from dataclasses import dataclass

from tailor.resume import WORK_SECTIONS, Bullet, Resume

# Openers that describe presence rather than achievement.
WEAK_OPENERS = frozenset(
    """worked helped assisted participated responsible involved handled
    tasked did was were contributed supported utilized used tried""".split()
)
_MEASURE = re.compile(
    r"\d|%|\$|€|£|\b(one|two|three|four|five|six|seven|eight|nine|ten|"
    r"twice|doubl(?:e[ds]?|ing)|tripl(?:e[ds]?|ing)|quadrupl(?:e[ds]?|ing)|"
    r"half|halv(?:e[ds]?|ing)|\w+fold|hundreds?|thousands?|millions?|"
    r"billions?)\b",
    re.IGNORECASE,
)
NEAR_DUPLICATE = 0.85  # difflib ratio of two bullets' normalised words
# Two bullets that difflib rates NEAR_DUPLICATE share most of their words' stems: over the
# corpus and seed bullets with words added, dropped, swapped, pluralised and renumbered, never
# less than this share (tests/test_check.py). Pairs that share less are never compared.
CANDIDATE_JACCARD = 0.5
# Bullets that share most of their words with thousands of others (a generated or pasted list)
# would make every bullet a candidate of every other: each key of the index offers its
# KEY_CANDIDATES latest bullets, and each bullet is compared with its MAX_COMPARED likeliest
# candidates (most shared stems), so the search stays linear whatever the bullets look like.
# A real résumé never reaches either bound, and a bullet with that many near-copies is flagged
# anyway.
KEY_CANDIDATES = 32
MAX_COMPARED = 16
_STOP_WORDS = frozenset(
    "a an the and or of to in on for with by at from as is was were be "
    "our we my i it its this that into".split()
)

# Kinds of advice (advice_lines groups them: near-duplicates, long, weak openers, unmeasured).
LONG, WEAK, REPEAT, UNMEASURED = "long", "weak opener", "near-duplicate", "unmeasured"


@dataclass(frozen=True, slots=True)
class Advice:
    bullet: Bullet
    message: str
    kind: str = ""
    severity: float = 0.0  # within a kind, higher is worse: shown first


def lint_resume(resume: Resume) -> list[Advice]:
    """Every warning about every bullet, in résumé order."""
    from tailor.layout import (
        DEFAULT_PAPER,
        Block,
        Run,
        Theme,
        block_style,
        count_lines,
        text_width,
    )

    theme = Theme()
    # `tailor check` knows no paper: it judges lines on the default one.
    page_width = text_width(theme, DEFAULT_PAPER)
    advice: list[Advice] = []
    bullets = resume.bullets()
    repeats: dict[int, list[tuple[int, float]]] = defaultdict(list)
    for i, j, ratio in near_duplicates([b.text for b in bullets]):
        repeats[i].append((j, ratio))
    for i, bullet in enumerate(bullets):
        summary = bullet.kind == "summary"
        # Measured as the page sets it: a bullet indented, an entry's summary line in italics
        # across the whole width (layout.compose).
        block = Block("text" if summary else "bullet", (Run(bullet.text, italic=summary),))
        style = block_style(block.kind, theme)
        lines = count_lines(block.runs, page_width - style.left_indent_pt, style.size_pt)
        if lines > 2:
            advice.append(
                Advice(
                    bullet,
                    f"wraps to {lines} lines on the page; two at most "
                    "reads best (split it or cut words).",
                    LONG,
                    lines,
                )
            )
        # An action verb and a measured result are what an achievement owes; an entry's
        # summary line says what the role or project was, and owes neither. Length and
        # repeats apply to both: both take the page's lines.
        if bullet.section in WORK_SECTIONS and not summary:
            first = (re.findall(r"[A-Za-z]+", bullet.text) or [""])[0].lower()
            if first in WEAK_OPENERS:
                advice.append(
                    Advice(
                        bullet,
                        f'opens with the weak verb "{first}"; lead with '
                        "what you did (built, led, cut, shipped…).",
                        WEAK,
                    )
                )
            if not _MEASURE.search(bullet.text):
                advice.append(
                    Advice(
                        bullet,
                        "has no measurable result (a number, %, $, time "
                        "saved); add one if you can.",
                        UNMEASURED,
                    )
                )
        for j, ratio in sorted(repeats[i]):
            advice.append(
                Advice(
                    bullet,
                    f"nearly repeats {bullets[j].id} (similarity "
                    f"{ratio:.2f}); keep the stronger one.",
                    REPEAT,
                    ratio,
                )
            )
    return advice


def near_duplicates(texts: list[str]) -> list[tuple[int, int, float]]:
    """(i, j, ratio) for every pair j < i whose normalised words difflib rates at least
    NEAR_DUPLICATE, in the order of i then j.

    Comparing every pair with difflib took minutes on a long career (1,000 bullets: 139 s).
    Only pairs that share at least CANDIDATE_JACCARD of their word stems are compared, and
    they are found without looking at the others, by prefix filtering: with each bullet's
    stems ordered rarest first, two bullets that share that many stems share two among the
    first few of each, so an index of those pairs of stems finds every such pair, and a
    bullet meets only the few that share its rarer words. Among bullets that all share most
    of their words, each is compared with a bounded few (KEY_CANDIDATES, MAX_COMPARED).
    """
    normalised = [" ".join(re.findall(r"\w+", text.lower())) for text in texts]
    stems = [_stems(text) for text in normalised]
    frequency = Counter(stem for bullet in stems for stem in bullet)
    # Stems as numbers, rarest first: a bullet is its sorted numbers, a key one integer.
    rank = {
        stem: n
        for n, (stem, _) in enumerate(
            sorted(frequency.items(), key=lambda item: (item[1], item[0]))
        )
    }
    ids = [sorted(rank[stem] for stem in bullet) for bullet in stems]
    base = len(rank) + 1
    needed = CANDIDATE_JACCARD / (1 + CANDIDATE_JACCARD)  # shared ÷ (size + other size)
    # A first, cheap count of shared stems: each stem as one of 256 bits, a bullet as their
    # union. Two stems on one bit of one bullet make the count fall short by at most the two
    # bullets' `spare` (stems minus bits), so the count plus those is never too low.
    masks = [sum({1 << (zlib.crc32(stem.encode()) & 255) for stem in bullet}) for bullet in stems]
    sizes = [len(bullet) for bullet in stems]
    spares = [size - mask.bit_count() for size, mask in zip(sizes, masks, strict=True)]
    index: dict[int, list[int]] = defaultdict(list)
    found = []
    # Smallest first: a bullet is then only compared with ones no larger than itself, which
    # lets each be indexed under a shorter prefix than the one it is looked up with.
    for i in sorted(range(len(ids)), key=lambda i: len(ids[i])):
        ordered, bullet, size, mask, spare = ids[i], stems[i], sizes[i], masks[i], spares[i]
        # The two rarest stems they share lie within these prefixes (the AllPairs bounds).
        probe = ordered[: size - math.ceil(CANDIDATE_JACCARD * size) + 2]
        indexed = ordered[
            : size - math.ceil(2 * CANDIDATE_JACCARD / (1 + CANDIDATE_JACCARD) * size) + 2
        ]
        candidates: set[int] = set()
        for key in _keys(probe, size, base):
            candidates.update(index[key][-KEY_CANDIDATES:])
        for key in _keys(indexed, size, base):
            index[key].append(i)
        likely = [
            (len(bullet & stems[j]), j)
            for j in candidates
            if (mask & masks[j]).bit_count() + spare + spares[j] >= needed * (size + sizes[j])
        ]
        for shared, j in sorted(likely, reverse=True)[:MAX_COMPARED]:
            if shared < needed * (size + sizes[j]):
                continue
            later, earlier = max(i, j), min(i, j)
            matcher = difflib.SequenceMatcher(
                None, normalised[later], normalised[earlier], autojunk=False
            )
            if (
                matcher.real_quick_ratio() >= NEAR_DUPLICATE
                and matcher.quick_ratio() >= NEAR_DUPLICATE
                and (ratio := matcher.ratio()) >= NEAR_DUPLICATE
            ):
                found.append((later, earlier, ratio))
    return sorted(found)


def _keys(prefix: list[int], size: int, base: int) -> list[int]:
    """The index keys: each pair of stems as one number, and for a bullet of one or two stems
    (which can match another on a single stem) each stem alone too, kept apart by sign."""
    keys = [first * base + second for first, second in itertools.combinations(prefix, 2)]
    return keys + [-1 - stem for stem in prefix] if size <= 2 else keys


def _stems(normalised: str) -> frozenset[str]:
    """A bullet's content words, each cut to five letters after a plural "s", so "costs",
    "costing" and "cost" (or "optimised" and "optimized") meet."""
    words = normalised.split()
    content = [word for word in words if word not in _STOP_WORDS] or words
    # A bullet with no words at all still meets its like, as difflib would pair them.
    return frozenset(
        (word[:-1] if len(word) > 3 and word[-1] == "s" else word)[:5] for word in content
    ) or frozenset({""})


_KIND_TITLES = {
    REPEAT: "Near-duplicates, worst first",
    LONG: "Too long, longest first",
    WEAK: "Weak opening verbs",
}
SHOWN_PER_KIND = 6  # three kinds of six, with their headings: about 30 lines at most
SHOWN_UNMEASURED = 10


def advice_lines(advice: list[Advice], source: str, everything: bool = False) -> list[str]:
    """Advice as `tailor check` prints it: grouped by kind, the worst of each first, a few of
    each unless `everything`, with a count of the rest. A long career gets thousands of
    pieces of advice; a screenful of the worst is what gets acted on."""
    if not advice:
        return []
    lines = [
        f"Advice (not errors): {len(advice):,} in all"
        + ("." if everything else ", the worst of each kind (--all shows every one).")
    ]
    for kind in (REPEAT, LONG, WEAK):
        items = sorted((a for a in advice if a.kind == kind), key=lambda a: -a.severity)
        if not items:
            continue
        shown = items if everything else items[:SHOWN_PER_KIND]
        lines.append(f"  {_KIND_TITLES[kind]} ({len(items):,}):")
        lines += [f"    {source}:{a.bullet.line}: {a.bullet.id}: {a.message}" for a in shown]
        if len(items) > len(shown):
            lines.append(f"    … and {len(items) - len(shown):,} more")
    unmeasured = [a.bullet.id for a in advice if a.kind == UNMEASURED]
    if unmeasured:
        shown_ids = unmeasured if everything else unmeasured[:SHOWN_UNMEASURED]
        rest = len(unmeasured) - len(shown_ids)
        lines.append(
            f"  {len(unmeasured):,} bullets have no measurable result (a number, %, $, "
            f"time saved); add one where you can: {', '.join(shown_ids)}"
            + (f" and {rest:,} more" if rest else "")
        )
    return lines
