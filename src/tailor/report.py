"""What the user reads: the --json contract and the plain-text summaries, as data and lines.

The CLI prints these; keeping them here lets tests and scripts use the same contract.
"""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

from tailor.layout import Theme
from tailor.pipeline import Tailored

JSON_VERSION = 1


def bullet_reason(tailored: Tailored, bullet_id: str, rank: int) -> str:
    bullet = next(b for b in tailored.resume.bullets() if b.id == bullet_id)
    if bullet_id in tailored.page.kept:
        if bullet.pin:
            return "kept: pinned in resume.yaml"
        return f"kept: rank {rank} of {len(tailored.ranking.scores)}"
    return f"cut: rank {rank}, no room left on the page"


def as_json(tailored: Tailored, output: Path | None) -> dict[str, Any]:
    """The --json document: every bullet of the résumé, best first, chosen or not."""
    kept = set(tailored.page.kept)
    bullets = []
    for rank, item in enumerate(tailored.ranking.scores, start=1):
        bullets.append({
            "id": item.bullet.id,
            "section": item.bullet.section,
            "role": tailored.resume.context_of(item.bullet),
            "text": item.bullet.text,
            "score": item.score,
            "selected": item.bullet.id in kept,
            "evidence": item.evidence.text if item.evidence else None,
            "evidence_line": item.evidence.line if item.evidence else None,
            "semantic": item.semantic,
            "lexical": item.lexical,
            "matched_terms": list(item.matched_terms),
            "reason": bullet_reason(tailored, item.bullet.id, rank),
        })
    return {
        "version": JSON_VERSION,
        "job": {"source": tailored.job.source, "title": tailored.job.title},
        "model": tailored.model,
        "match": tailored.ranking.match,
        "output": str(output) if output else None,
        "pages": tailored.pages,
        "pages_checked_by": tailored.pages_checked_by,
        "paper": tailored.page.paper,
        "fill": round(tailored.page.fill, 3),
        "selected": len(tailored.page.kept),
        "cut": len(tailored.page.cut),
        "omitted_roles": list(tailored.page.omitted_roles),
        "bullets": bullets,
        "requirements": [
            {"text": r.unit.text, "line": r.unit.line, "section": r.unit.section,
             "weight": r.unit.weight, "best_bullet": r.best_bullet.id if r.best_bullet else None,
             "similarity": r.similarity, "covered": r.covered}
            for r in tailored.ranking.requirements
        ],
    }


def summary_lines(tailored: Tailored, output: Path | None, pdf: Path | None = None,
                  top: int = 5) -> list[str]:
    """The short report after writing: where it went, the fit, the best matches."""
    page = tailored.page
    total = len(tailored.resume.bullets())
    lines = []
    if tailored.job.title:
        lines.append(f"{tailored.job.title}: match {tailored.ranking.match:.0f}/100 "
                     f"(model {tailored.model})")
    if output:
        pages = f"{tailored.pages} page" + ("s" if tailored.pages != 1 else "")
        lines.append(f"Wrote {output}: {pages} ({page.paper.capitalize()}, checked by "
                     f"{tailored.pages_checked_by}), {len(page.kept)} of {total} bullets kept, "
                     f"{len(page.cut)} cut.")
    if pdf:
        lines.append(f"Wrote {pdf}.")
    if page.omitted_roles:
        lines.append(f"Left out {len(page.omitted_roles)} older roles to fit one page: "
                     + "; ".join(page.omitted_roles))
    if page.theme != Theme():
        lines.append(f"Tightened the layout to fit: body {page.theme.body_pt:g} pt, margins "
                     f"{page.theme.margin_in:g} in.")
    if not tailored.ranking.scores:
        return lines
    lines.append(f"Top {min(top, len(tailored.ranking.scores))} matches:")
    for item in tailored.ranking.scores[:top]:
        lines.append(f"  {item.score:.2f}  {_clip(item.bullet.text, 88)}")
        if item.evidence:
            lines.append(f"        ↳ job line {item.evidence.line}: "
                         f"\"{_clip(item.evidence.text, 78)}\"")
    uncovered = [r for r in tailored.ranking.requirements
                 if not r.covered and r.unit.weight >= 1.0]
    if uncovered:
        lines.append(f"Requirements no bullet covers well ({len(uncovered)}):")
        lines += [f"  - {_clip(r.unit.text, 90)}" for r in uncovered[:5]]
    lines.append("Every score and why: tailor scores " +
                 (tailored.job.source if tailored.job.source != "-" else "JOB"))
    return lines


def scores_lines(tailored: Tailored, width: int = 100) -> list[str]:
    """One row per bullet, best first: rank, score, chosen or cut, id, text and evidence."""
    kept = set(tailored.page.kept)
    lines = [f"{tailored.job.title}: match {tailored.ranking.match:.0f}/100, "
             f"{len(kept)} kept, {len(tailored.page.cut)} cut",
             f"{'rank':>4}  {'score':>5}  {'page':4}  {'id':16}  bullet"]
    for rank, item in enumerate(tailored.ranking.scores, start=1):
        mark = "kept" if item.bullet.id in kept else "cut"
        lines.append(f"{rank:>4}  {item.score:5.3f}  {mark:4}  {item.bullet.id:16}  "
                     f"{_clip(item.bullet.text, max(30, width - 38))}")
        if item.evidence:
            terms = f" [{', '.join(item.matched_terms)}]" if item.matched_terms else ""
            lines.append(f"{'':36}↳ line {item.evidence.line}: "
                         f"{_clip(item.evidence.text, max(30, width - 48))}{terms}")
    return lines


def _clip(text: str, width: int) -> str:
    return textwrap.shorten(text, width=width, placeholder="…")
