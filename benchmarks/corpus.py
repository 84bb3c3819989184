"""Every real résumé of ../shared/corpus/jsonresume, imported and tailored to one page on a
posting of its own field.

Usage:
    python benchmarks/corpus.py [--libreoffice]

"Of its own field" is reproducible: the posting, among the team's dev postings, the field
postings and examples/jobs, whose TF-IDF vector is closest to the résumé's whole text
(`pick_posting`). Prints, per résumé: its language, the posting picked and that similarity,
the lines kept and cut, the page fill and pages (by the layout model, or by LibreOffice with
--libreoffice), or why it failed. tests/test_corpus.py runs the same steps.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from benchmarks.shared import shared_dir
from roundtrip import CORPUS, corpus_files, load

from tailor.errors import UserError
from tailor.jsonresume import from_json_resume
from tailor.lexical import ENGLISH_STOP_WORDS, tfidf
from tailor.resume import Resume

SHARED = shared_dir() / "eval-dev"
POSTING_DIRS = (SHARED / "jobs", SHARED / "fields" / "jobs", ROOT / "examples" / "jobs")
_WORDS = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token pattern


def postings() -> list[Path]:
    return sorted(path for folder in POSTING_DIRS for path in folder.glob("*.txt"))


def pick_posting(resume: Resume, candidates: list[Path]) -> tuple[Path, float]:
    """The posting whose TF-IDF vector (English stop words out, fitted on the résumé and all
    candidates) is closest to the résumé's whole text, and that cosine."""
    from tailor.keywords import resume_text

    texts = [resume_text(resume)] + [path.read_text(encoding="utf-8") for path in candidates]
    vectors = tfidf(texts, _WORDS, ENGLISH_STOP_WORDS).matrix
    similarity = vectors[1:] @ vectors[0]
    best = int(similarity.argmax())
    return candidates[best], float(similarity[best])


@dataclass(frozen=True)
class Outcome:
    file: str
    language: str
    posting: str
    similarity: float
    kept: int  # lines on the page
    cut: int
    fill: float  # predicted share of the page's height
    pages: int
    checked_by: str
    error: str | None = None  # the message when tailoring refused


def tailor_one(path: Path, language: str, embedder, *, libreoffice: bool = False) -> Outcome:
    """Import one corpus file and tailor it to the posting of its field."""
    from tailor.pipeline import tailor_job

    resume, _ = from_json_resume(load(path))
    posting, similarity = pick_posting(resume, postings())
    try:
        result = tailor_job(resume, str(posting), embedder, check_pages=libreoffice)
    except UserError as error:
        return Outcome(
            path.name, language, posting.stem, similarity, 0, 0, 0.0, 0, "-", error.message
        )
    return Outcome(
        path.name,
        language,
        posting.stem,
        similarity,
        len(result.page.kept),
        len(result.page.cut),
        result.page.fill,
        result.pages,
        result.pages_checked_by,
    )


def main() -> None:
    from tailor.embed import load_embedder

    libreoffice = "--libreoffice" in sys.argv[1:]
    embedder = load_embedder()
    print(
        f"{'file':38} {'lang':4} {'posting':40} {'tf-idf':>6} {'kept':>4} {'cut':>4} "
        f"{'fill':>5} {'pages':>5}  checked by"
    )
    one_page = 0
    for path, language in corpus_files(CORPUS):
        outcome = tailor_one(path, language, embedder, libreoffice=libreoffice)
        one_page += outcome.error is None and outcome.pages == 1
        tail = f"FAILED: {outcome.error[:90]}" if outcome.error else outcome.checked_by
        print(
            f"{outcome.file:38} {outcome.language:4} {outcome.posting:40} "
            f"{outcome.similarity:6.3f} {outcome.kept:>4} {outcome.cut:>4} "
            f"{outcome.fill:5.2f} {outcome.pages:>5}  {tail}"
        )
    print(f"\n{one_page} of {len(corpus_files(CORPUS))} on one page")


if __name__ == "__main__":
    main()
