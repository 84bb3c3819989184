"""Regenerate docs/report.png: the top of the HTML report for the example ML-platform job, as
headless Chromium shows it (needs chromium and playwright: make system-deps, the test extra).

    python scripts/report_image.py        (or: make docs-image)
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))

from tests.browser import missing_browser_message, open_browser

from tailor.batch import RunOptions, reproduce_command
from tailor.embed import ModelSettings
from tailor.html_report import render_report
from tailor.pagecheck import pdf_to_png
from tailor.pipeline import default_output, tailor_job
from tailor.report import report_data
from tailor.resume_yaml import load_resume

JOB = "examples/jobs/ml-platform.txt"


def main() -> None:
    problem = missing_browser_message()
    if problem:
        sys.exit(f"report_image: {problem}")
    os.chdir(ROOT)  # the report shows paths as a user in the repo would type them
    tailored = tailor_job(
        load_resume(Path("resume.yaml")), JOB, ModelSettings().load(), make_pdf=True
    )
    assert tailored.pdf is not None and tailored.pages == 1
    output = default_output(JOB)
    command = reproduce_command(RunOptions(jobs=(JOB,)), JOB, output)
    html = render_report(report_data(tailored, output, command), pdf_to_png(tailored.pdf))
    target = ROOT / "docs" / "report.png"
    with tempfile.TemporaryDirectory() as folder, open_browser() as browser:
        report = Path(folder) / output.with_suffix(".html").name
        report.write_text(html, encoding="utf-8")
        page = browser.new_page(
            viewport={"width": 1100, "height": 1300}, color_scheme="light", device_scale_factor=1
        )
        page.goto(report.as_uri())
        page.screenshot(path=str(target))
    print(f"wrote {target.relative_to(ROOT)} ({len(html.encode()) // 1024} KB report)")


if __name__ == "__main__":
    main()
