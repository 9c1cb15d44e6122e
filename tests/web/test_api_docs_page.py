"""The bundled API documentation page renders every operation in real Chromium."""

import httpx2 as httpx
from playwright.sync_api import Page, expect


def documented_summaries(server: str) -> list[str]:
    """Return every operation's summary from the server's own OpenAPI document."""
    document = httpx.get(f"{server}/openapi.json").json()
    return [
        operation["summary"]
        for methods in document["paths"].values()
        for operation in methods.values()
        if "summary" in operation
    ]


def test_docs_page_shows_every_operation_without_errors(page: Page, web_server: str) -> None:
    errors: list[str] = []
    page.on(
        "console",
        lambda message: errors.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: errors.append(str(error)))

    page.goto(f"{web_server}/docs")

    # The server builds /openapi.json on its first request and Swagger UI then lays out every
    # operation: about a second alone, but it took over 5 s (the default wait) during a full
    # test run on a slow machine.
    expect(page.get_by_text("Every exercise and built-in routine")).to_be_visible(timeout=30_000)
    body = page.locator("#swagger-ui").inner_text()
    assert "Unable to render" not in body
    missing = [summary for summary in documented_summaries(web_server) if summary not in body]
    assert not missing
    assert not errors
