"""The real browser the report tests (and scripts/report_image.py) open reports in.

Debian's `chromium` driven by Playwright through `executable_path`: Playwright's own browser
download (`playwright install`) is never used, so nothing is fetched at test time and CI
installs the browser like LibreOffice (scripts/system-deps.sh).

A missing browser is a failure with the fix in the message, never a silent skip. Only a
developer who sets TAILOR_ALLOW_NO_BROWSER=1 gets a skip instead.
"""

from __future__ import annotations

import contextlib
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# Offline and quiet: no sync, no component or safe-browsing updates, no first-run pages. Any
# request that still tried to leave would be counted by the tests' route handler.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
ALLOW_MISSING = "TAILOR_ALLOW_NO_BROWSER"


def find_chromium() -> str | None:
    for name in ("chromium", "chromium-browser"):
        if found := shutil.which(name):
            return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


def missing_browser_message() -> str | None:
    """Why the browser tests cannot run, or None when they can."""
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return (
            "the Python package playwright is missing: pip install -e '.[test]' "
            "(do not run `playwright install`: the tests use the system Chromium)"
        )
    if not find_chromium():
        return "Chromium is missing: run scripts/system-deps.sh (apt-get install chromium)"
    return None


@contextlib.contextmanager
def open_browser() -> Iterator[Any]:
    """A headless Chromium (a Playwright Browser), closed afterwards."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=find_chromium(), args=CHROMIUM_ARGS, headless=True
        )
        try:
            yield browser
        finally:
            browser.close()


def allow_missing() -> bool:
    return os.environ.get(ALLOW_MISSING) == "1"
