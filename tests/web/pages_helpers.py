"""Browser helpers for page tests: answer the screen, run axe-core, catch CSP violations."""

from pathlib import Path
from typing import Any

from playwright.sync_api import Page

from spinecoach.safety.loader import default_screening
from spinecoach.safety.schema import ItemKind

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING_IMPACTS = ("serious", "critical")


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Run axe-core (from the npm registry, see package.json) and return serious or worse."""
    assert AXE.is_file(), f"{AXE} is missing: run `make install` (npm installs axe-core)"
    # Evaluated through DevTools, not a <script> tag, which the page's CSP would refuse.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    results: dict[str, Any] = page.evaluate("async () => await axe.run(document)")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results["violations"]
        if v["impact"] in BLOCKING_IMPACTS
    ]


def watch_csp(page: Page) -> list[str]:
    """Collect console messages about anything the Content-Security-Policy refused."""
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    return refused


def answer_screen(page: Page, **yes: bool) -> None:
    """Tick every red flag no and every acknowledgement yes (overrides by id), then submit."""
    for item in default_screening().items:
        answer = yes.get(item.id.replace("-", "_"), item.kind is ItemKind.ACKNOWLEDGEMENT)
        page.check(f'input[name="{item.id}"][value="{"yes" if answer else "no"}"]')
    page.get_by_role("button", name="See what this means").click()


def horizontal_overflow(page: Page) -> int:
    """Return how many CSS pixels the page is wider than its viewport (0 when it reflows)."""
    overflow: int = page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"
    )
    return overflow
