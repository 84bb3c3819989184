"""The page, proven: every example job × paper rendered by LibreOffice, with page count and fill.

Usage:
    python benchmarks/page.py [JOB ...]

Fill is how far down page 1 the text reaches, as a fraction of the page height (pdftotext
-bbox); with 0.6 in margins text can reach about 0.945 (Letter) or 0.95 (A4).
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tailor.embed import load_embedder
from tailor.errors import UserError
from tailor.pipeline import tailor_job
from tailor.resume_yaml import load_resume


def main() -> None:
    jobs = [Path(arg) for arg in sys.argv[1:]] or sorted((ROOT / "examples/jobs").glob("*.txt"))
    embedder = load_embedder()
    resume = load_resume(ROOT / "resume.yaml")
    print(
        f"{'job':28} {'paper':6} {'pages':>5} {'fill':>6} {'predicted':>9} {'kept':>5} "
        f"{'theme':>10}"
    )
    for job in jobs:
        for paper in ("letter", "a4"):
            try:
                result = tailor_job(resume, str(job), embedder, paper=paper, check_pages=True)
            except UserError as error:  # LibreOffice laid it out on two pages, among others
                print(f"{job.stem:28} {paper:6} {error.message}")
                continue
            theme = (
                "default"
                if result.page.theme.body_pt == 10.5
                else f"{result.page.theme.body_pt:g}pt"
            )
            print(
                f"{job.stem:28} {paper:6} {result.pages:>5} {result.text_bottom:6.3f} "
                f"{result.page.fill:9.3f} {len(result.page.kept):>5} {theme:>10}"
            )


if __name__ == "__main__":
    main()
