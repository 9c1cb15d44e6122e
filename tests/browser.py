"""Debian's Chromium through Playwright, started so it never reaches for the network."""

import shutil
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
# Without these, Chromium keeps trying to reach Google's services and stalls on a closed network.
QUIET_FLAGS = [
    "--no-sandbox",  # tests run as root
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium() -> Iterator[Browser]:
    """Launch headless Debian Chromium (never a downloaded browser) and close it afterwards."""
    assert shutil.which(CHROMIUM), "Debian's chromium must be installed (.ci/run installs it)"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=QUIET_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
