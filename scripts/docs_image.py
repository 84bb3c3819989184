"""Regenerate docs/example-page.png: page 1 of the résumé tailored to the example ML-platform job,
rendered by LibreOffice and pdftoppm (both needed: make system-deps).

    python scripts/docs_image.py        (or: make docs-image)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from tailor.embed import ModelSettings
from tailor.pipeline import tailor_job
from tailor.resume_yaml import load_resume


def main() -> None:
    tailored = tailor_job(
        load_resume(ROOT / "resume.yaml"),
        str(ROOT / "examples/jobs/ml-platform.txt"),
        ModelSettings().load(),
        make_pdf=True,
    )
    assert tailored.pdf is not None and tailored.pages == 1
    target = ROOT / "docs" / "example-page.png"
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "page.pdf"
        pdf.write_bytes(tailored.pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "80",
                "-png",
                "-f",
                "1",
                "-l",
                "1",
                "-singlefile",
                str(pdf),
                str(target.with_suffix("")),
            ],
            check=True,
        )
    print(
        f"wrote {target.relative_to(ROOT)} (1 page, text reaches {tailored.text_bottom:.0%} "
        "of the page height)"
    )


if __name__ == "__main__":
    main()
