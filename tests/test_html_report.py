"""The HTML report (`tailor JOB --html`), opened in a real browser: headless Chromium.

What a reader relies on is checked in the DOM: the score and every number as --json has them,
every kept bullet, the links from a posting line to its bullet and back, the kept/cut filter
(with scripts off: it is CSS), print and dark mode, 200% zoom, escaping of what the posting and
the résumé say, and that opening the file makes no request at all.

A missing browser fails these tests with the fix in the message (tests/browser.py); set
TAILOR_ALLOW_NO_BROWSER=1 to skip them locally instead.
"""

from __future__ import annotations

import json
import os
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tailor.cli import app

from .browser import allow_missing, missing_browser_message, open_browser
from .conftest import EXAMPLE_JOBS, ROOT, write

pytestmark = pytest.mark.slow

JOB = ROOT / "examples" / "jobs" / "ml-platform.txt"


@pytest.fixture(scope="module")
def browser():
    problem = missing_browser_message()
    if problem:
        if allow_missing():
            pytest.skip(f"no browser ({problem}); TAILOR_ALLOW_NO_BROWSER=1 is set")
        pytest.fail(
            f"the HTML report tests need a real browser: {problem}. (Locally, "
            "TAILOR_ALLOW_NO_BROWSER=1 skips them instead.)"
        )
    with open_browser() as found:
        yield found


def tailor(*args: str, environment: dict[str, str]) -> tuple[int, str, str]:
    with pytest.MonkeyPatch.context() as patch:
        for name, value in environment.items():
            patch.setenv(name, value)
        result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def environment(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> dict[str, str]:
    """What conftest's per-test isolation sets, for the module-wide runs below."""
    return {
        "TAILOR_CACHE": str(cache_dir),
        "TAILOR_MODELS": str(tmp_path_factory.mktemp("no-models-here")),
    }


@pytest.fixture(scope="module")
def example(
    tmp_path_factory: pytest.TempPathFactory, resume_path: Path, environment: dict[str, str]
) -> tuple[dict, Path]:
    """`tailor examples/jobs/ml-platform.txt --html --json`: its JSON and its report."""
    out = tmp_path_factory.mktemp("report") / "ml-platform-resume.docx"
    code, stdout, stderr = tailor(
        str(JOB),
        "--resume",
        str(resume_path),
        "-o",
        str(out),
        "--html",
        "--json",
        "--quiet",
        environment=environment,
    )
    assert code == 0, stderr
    report = json.loads(stdout)
    assert report["html"] == str(out.with_suffix(".html"))
    return report, out.with_suffix(".html")


def open_report(browser, path: Path, allowed_folder: Path | None = None, **options):
    """A page showing the report, and the list of every request it made beyond the file(s)
    opened on purpose (each such request is refused, and counted)."""
    context = browser.new_context(**options)
    stray: list[str] = []
    allowed = (allowed_folder or path.parent).resolve().as_uri() + "/"

    def route(request_route) -> None:
        url = request_route.request.url
        if url == path.resolve().as_uri() or (allowed_folder and url.startswith(allowed)):
            request_route.continue_()
        else:
            stray.append(url)
            request_route.abort()

    context.route("**/*", route)
    context.on(
        "request",
        lambda request: (
            None
            if request.url.startswith(allowed) or request.url.startswith("data:")
            else stray.append(request.url)
        ),
    )
    page = context.new_page()
    page.goto(path.resolve().as_uri())
    return page, stray


def visible_bullet_ids(page) -> list[str]:
    return [
        item.get_attribute("data-id")
        for item in page.locator("ol.bullets > li").all()
        if item.is_visible()
    ]


def test_the_report_is_one_file_that_requests_nothing(browser, example):
    _, path = example
    page, stray = open_report(browser, path)
    page.wait_for_load_state("networkidle")
    assert stray == []
    html = path.read_text(encoding="utf-8")
    assert "<script" not in html  # the filter works without one
    assert page.locator("link[rel=stylesheet], script, iframe, object, embed").count() == 0
    sources = page.eval_on_selector_all("img", "images => images.map(i => i.src)")
    assert all(source.startswith("data:image/png;base64,") for source in sources)
    assert page.evaluate("[...document.images].every(i => i.complete && i.naturalWidth > 0)")


def test_the_match_score_and_every_kept_bullet_are_shown_with_the_json_numbers(browser, example):
    report, path = example
    page, _ = open_report(browser, path)
    assert page.locator("#match").inner_text().replace("\n", "") == f"{report['match']}/100"
    assert report["job"]["title"] in page.locator("h1").inner_text()
    assert report["job"]["company"] in page.locator("h1").inner_text()
    items = page.locator("ol.bullets > li")
    assert items.count() == len(report["bullets"])
    for rank, bullet in enumerate(report["bullets"], start=1):
        item = page.locator(f"#b-{rank}")
        assert item.get_attribute("data-id") == bullet["id"]
        assert item.locator(".bullet-text").inner_text() == bullet["text"]
        assert item.locator(".score-value").inner_text() == f"score {bullet['score']}"
        assert bullet["reason"] in item.inner_text()
        assert ("kept" in item.get_attribute("class")) == bullet["selected"]
    kept = [b["id"] for b in report["bullets"] if b["selected"]]
    assert len(kept) == report["selected"] > 0
    for requirement in report["requirements"]:
        line = page.locator(f"#line-{requirement['line']}")
        assert f"similarity {requirement['similarity']}" in line.inner_text()


def test_every_posting_line_is_shown_as_pasted_and_ignored_ones_say_why(browser, example):
    report, path = example
    page, _ = open_report(browser, path)
    pasted = JOB.read_text(encoding="utf-8").split("\n")
    lines = page.locator("ol.posting > li .text")
    assert lines.count() == len(pasted)
    shown = page.eval_on_selector_all(
        "ol.posting > li .text",
        "spans => spans.map(s => s.lastChild ? "
        "(s.lastChild.nodeType === 3 ? s.lastChild.data : '') : '')",
    )
    assert shown == pasted
    assert report["ignored"], "the example posting has benefits and legal lines"
    for ignored in report["ignored"]:
        line = page.locator(f"#line-{ignored['line']}")
        assert "ignored" in line.get_attribute("class")
        assert "ignored (" in line.inner_text()


def test_a_covered_line_links_to_its_bullet_and_the_bullet_links_back(browser, example):
    report, path = example
    page, stray = open_report(browser, path)
    covered = [
        r
        for r in report["requirements"]
        if r["coverage"] == "covered" and r["section"] not in ("title", "about")
    ]
    assert covered
    for requirement in covered:
        page.locator(f"#line-{requirement['line']} a.to-bullet").first.click()
        target = page.locator(":target")
        assert target.get_attribute("data-id") == requirement["best_bullet"]
        assert target.is_visible()
        assert target.evaluate("e => e.getBoundingClientRect().top < window.innerHeight")
        # Back: the bullet names the lines it covers; this one is among them.
        target.locator(f"a.to-line[href='#line-{requirement['line']}']").first.click()
        assert page.locator(":target").get_attribute("id") == f"line-{requirement['line']}"
    bullet = next(b for b in report["bullets"] if b["evidence_line"])
    rank = report["bullets"].index(bullet) + 1
    page.locator(f"#b-{rank} dd a.to-line").first.click()
    assert page.locator(":target").get_attribute("id") == f"line-{bullet['evidence_line']}"
    assert stray == []


def test_the_filter_shows_kept_or_cut_bullets_even_with_scripts_off(browser, example):
    report, path = example
    page, _ = open_report(browser, path, java_script_enabled=False)
    kept = [b["id"] for b in report["bullets"] if b["selected"]]
    cut = [b["id"] for b in report["bullets"] if not b["selected"]]
    assert visible_bullet_ids(page) == [b["id"] for b in report["bullets"]]
    page.locator("label[for=show-kept]").click()
    assert visible_bullet_ids(page) == kept
    page.locator("label[for=show-cut]").click()
    assert visible_bullet_ids(page) == cut
    page.locator("label[for=show-all]").click()
    assert len(visible_bullet_ids(page)) == len(report["bullets"])


def test_print_shows_every_bullet_and_hides_the_controls(browser, example):
    report, path = example
    page, _ = open_report(browser, path)
    page.locator("label[for=show-kept]").click()
    page.emulate_media(media="print")
    assert len(visible_bullet_ids(page)) == len(report["bullets"])
    assert not page.locator("nav").is_visible()
    assert not page.locator(".filter").is_visible()


def test_dark_mode_and_200_percent_zoom(browser, example):
    _, path = example
    backgrounds = {}
    for scheme in ("light", "dark"):
        page, _ = open_report(browser, path, color_scheme=scheme)
        backgrounds[scheme] = page.evaluate("getComputedStyle(document.body).backgroundColor")
    assert backgrounds["light"] == "rgb(255, 255, 255)"
    assert backgrounds["dark"] != backgrounds["light"]
    # 200% zoom on a 1280-pixel window leaves 640 CSS pixels: nothing may need sideways scroll.
    page, _ = open_report(
        browser, path, viewport={"width": 640, "height": 900}, device_scale_factor=2
    )
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_page_picture_and_the_command_that_reproduces_the_run(
    browser, example, resume_path: Path, soffice: str
):
    report, path = example
    page, _ = open_report(browser, path)
    picture = page.locator("#page figure img")
    assert picture.count() == 1
    assert "LibreOffice" in page.locator("#page figcaption").inner_text()
    out = Path(report["output"])
    here = out.parent  # the command runs in the report's folder, and names files from there
    assert page.locator("#command code").inner_text() == shlex.join(
        [
            "tailor",
            os.path.relpath(JOB, here),
            "-o",
            out.name,
            "--resume",
            os.path.relpath(resume_path, here),
            "--html",
        ]
    )
    assert page.locator("header a").first.get_attribute("href") == out.name


def test_without_libreoffice_the_page_is_drawn_from_the_layout_model_and_says_so(
    browser, tmp_path: Path, resume_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import tailor.batch

    monkeypatch.setattr(tailor.batch, "can_picture_page", lambda: False)
    out = tmp_path / "job-resume.docx"
    result = CliRunner().invoke(
        app, [str(JOB), "--resume", str(resume_path), "-o", str(out), "--html", "--json", "--quiet"]
    )
    assert result.exit_code == 0, result.stderr
    report = json.loads(result.stdout)
    page, stray = open_report(browser, out.with_suffix(".html"))
    assert page.locator("img").count() == 0
    assert "Not a picture of the DOCX" in page.locator("#page figcaption").inner_text()
    shown = page.locator(".sheet p.bullet").all_inner_texts()
    assert sorted(shown) == sorted(b["text"] for b in report["bullets"] if b["selected"])
    assert stray == []


HOSTILE = (
    "<script>window.pwned = 1</script>",
    '"><img src=x onerror="window.pwned=2">',
    '\'><svg onload="window.pwned=3">',
)


def test_what_the_posting_and_resume_say_is_shown_as_text_never_run(
    browser, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import tailor.batch

    monkeypatch.setattr(tailor.batch, "can_picture_page", lambda: False)
    import yaml

    resume = write(
        tmp_path / "resume.yaml",
        yaml.safe_dump(
            {
                "basics": {"name": f"Eve {HOSTILE[0]}"},
                "experience": [
                    {
                        "company": f"Acme {HOSTILE[2]}",
                        "title": "Engineer",
                        "start": 2020,
                        "bullets": [
                            f"Built Kubernetes platforms in Python {HOSTILE[1]}",
                            f"Ran Python services at scale {HOSTILE[0]}",
                            "Wrote documentation for the deploy tooling.",
                        ],
                    }
                ],
                "skills": [{"name": "Tools", "items": [f"Kubernetes {HOSTILE[1]}"]}],
            }
        ),
    )
    job = write(
        tmp_path / "job.txt",
        f"""\
Platform Engineer {HOSTILE[0]}
Acme {HOSTILE[1]}

Requirements
- Build Kubernetes platforms {HOSTILE[1]}
- Python services at scale {HOSTILE[2]}
""",
    )
    out = tmp_path / "job-resume.docx"
    result = CliRunner().invoke(
        app, [str(job), "--resume", str(resume), "-o", str(out), "--html", "--quiet"]
    )
    assert result.exit_code == 0, result.stderr
    page, stray = open_report(browser, out.with_suffix(".html"))
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: dialogs.append(dialog.message))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.pwned") is None
    assert page.locator("img, svg, script").count() == 0
    assert stray == [] and dialogs == []
    text = page.locator("body").inner_text()
    for hostile in HOSTILE:
        assert hostile in text
    assert page.title().startswith("tailor report: Platform Engineer <script>")


def test_a_batch_writes_jobs_html_ranked_by_match_linking_each_report(
    browser, tmp_path: Path, resume_path: Path, monkeypatch: pytest.MonkeyPatch
):
    import tailor.batch

    monkeypatch.setattr(tailor.batch, "can_picture_page", lambda: False)
    result = CliRunner().invoke(
        app,
        [
            *map(str, EXAMPLE_JOBS),
            "--resume",
            str(resume_path),
            "-o",
            str(tmp_path),
            "--html",
            "--json",
            "--quiet",
        ],
    )
    assert result.exit_code == 0, result.stderr
    batch = json.loads(result.stdout)["jobs"]
    index = tmp_path / "jobs.html"
    page, stray = open_report(browser, index, allowed_folder=tmp_path)
    rows = page.locator("tbody tr")
    assert rows.count() == len(EXAMPLE_JOBS) == len(batch)
    for number, job in enumerate(batch):  # --json lists the jobs best match first too
        row = rows.nth(number)
        assert f" {job['match']}" in row.locator("td").nth(1).inner_text()
        assert row.locator("a").inner_text() == job["job"]["title"]
    for number, job in enumerate(batch):
        page.locator("tbody tr a").nth(number).click()
        assert page.url == Path(job["output"]).with_suffix(".html").resolve().as_uri()
        assert page.locator("#match").inner_text().replace("\n", "") == f"{job['match']}/100"
        page.go_back()
    assert stray == []
