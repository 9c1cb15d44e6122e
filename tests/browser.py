"""Debian's Chromium through Playwright, started so it never reaches for the network."""

import os
import shutil
import subprocess
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from playwright.sync_api import Browser, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CERTUTIL = "/usr/bin/certutil"
# Without these, Chromium keeps trying to reach Google's services and stalls on a closed network.
QUIET_FLAGS = [
    "--no-sandbox",  # tests run as root
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@contextmanager
def chromium(extra_args: Sequence[str] = (), home: Path | None = None) -> Iterator[Browser]:
    """Launch headless Debian Chromium (never a downloaded browser) and close it afterwards.

    `home` becomes Chromium's HOME, where it reads the certificates it trusts (see trust_in_home).
    """
    assert shutil.which(CHROMIUM), "Debian's chromium must be installed (.ci/run installs it)"
    env = {**os.environ, "HOME": str(home)} if home is not None else None
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=[*QUIET_FLAGS, *extra_args], env=env
        )
        try:
            yield browser
        finally:
            browser.close()


def trust_in_home(home: Path, authority: Path | None) -> None:
    """Give a HOME its own NSS database, trusting the authority's certificate for websites.

    Chromium on Linux takes the certificates a person added from ~/.pki/nssdb; a database made
    here leaves the machine's own untouched. With no authority it trusts nothing extra.
    """
    assert shutil.which(CERTUTIL), "certutil is missing: install Debian's libnss3-tools"
    database = f"sql:{home / '.pki' / 'nssdb'}"
    (home / ".pki" / "nssdb").mkdir(parents=True, exist_ok=True)
    subprocess.run([CERTUTIL, "-d", database, "-N", "--empty-password"], check=True)
    if authority is not None:
        # "C,,": a certificate authority trusted to vouch for servers, and for nothing else.
        add = ["-A", "-n", "spinecoach-test", "-t", "C,,", "-i", str(authority)]
        subprocess.run([CERTUTIL, "-d", database, *add], check=True)
