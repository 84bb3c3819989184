"""Advice on the bullets themselves: what a recruiter would flag before any job is involved.

Warnings, never errors: a résumé with long or unquantified bullets is still a résumé. Everything
here is lexical (no model), so `tailor check` stays instant.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from tailor.resume import Bullet, Resume

# Openers that describe presence rather than achievement.
WEAK_OPENERS = frozenset("""worked helped assisted participated responsible involved handled
    tasked did was were contributed supported utilized used tried""".split())
_MEASURE = re.compile(r"\d|%|\$|€|£|\b(one|two|three|four|five|six|seven|eight|nine|ten|"
                      r"twice|double[ds]?|half|hundreds?|thousands?|millions?|billions?)\b",
                      re.IGNORECASE)
NEAR_DUPLICATE = 0.85  # difflib ratio of two bullets' normalised words


@dataclass(frozen=True, slots=True)
class Advice:
    bullet: Bullet
    message: str


def lint_resume(resume: Resume) -> list[Advice]:
    """Every warning about every bullet, in résumé order."""
    from tailor.layout import PAPERS, POINTS_PER_INCH, Block, Run, Theme, block_style, count_lines

    theme = Theme()
    style = block_style("bullet", theme)
    width = PAPERS["letter"][0] - 2 * theme.margin_in * POINTS_PER_INCH - style.left_indent_pt
    advice: list[Advice] = []
    bullets = resume.bullets()
    normalised = [" ".join(re.findall(r"\w+", b.text.lower())) for b in bullets]
    for i, bullet in enumerate(bullets):
        lines = count_lines(Block("bullet", (Run(bullet.text),)).runs, width, style.size_pt)
        if lines > 2:
            advice.append(Advice(bullet, f"wraps to {lines} lines on the page; two at most "
                                         "reads best (split it or cut words)."))
        if bullet.section in ("experience", "open_source", "projects"):
            first = (re.findall(r"[A-Za-z]+", bullet.text) or [""])[0].lower()
            if first in WEAK_OPENERS:
                advice.append(Advice(bullet, f"opens with the weak verb \"{first}\"; lead with "
                                             "what you did (built, led, cut, shipped…)."))
            if not _MEASURE.search(bullet.text):
                advice.append(Advice(bullet, "has no measurable result (a number, %, $, time "
                                             "saved); add one if you can."))
        for j in range(i):
            ratio = difflib.SequenceMatcher(None, normalised[i], normalised[j],
                                            autojunk=False).ratio()
            if ratio >= NEAR_DUPLICATE:
                advice.append(Advice(bullet, f"nearly repeats {bullets[j].id} (similarity "
                                             f"{ratio:.2f}); keep the stronger one."))
    return advice
