"""Fixtures for the progress pages: a server on weeks of records, and reading a PDF's text."""

import io
from collections.abc import Iterator
from pathlib import Path

import httpx2 as httpx
import pytest
from pypdf import PdfReader

from tests.cli.conftest import rows
from tests.cli.test_progress_cli import fill
from tests.web.conftest import start_server


@pytest.fixture
def filled_db(tmp_path: Path) -> Path:
    """A SQLite file with a screening and four weeks of sessions, pain easing, and a diary note."""
    db = tmp_path / "filled.db"
    fill(db)
    return db


@pytest.fixture
def filled_server(filled_db: Path, tmp_path: Path) -> Iterator[str]:
    """The real app on the filled database; yields its URL."""
    server = start_server(str(filled_db), tmp_path / "filled.log")
    try:
        yield server.url
    finally:
        server.stop()


def pdf_text(data: bytes) -> tuple[int, str]:
    """Return a PDF's page count and its text with whitespace collapsed."""
    reader = PdfReader(io.BytesIO(data))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return len(reader.pages), " ".join(text.split())


def before_scores(db: Path) -> list[int]:
    """Return the before-session pain scores, oldest first, read straight from the file."""
    query = "select score from pain_entries where context = 'before' order by recorded_at"
    return [int(str(score)) for (score,) in rows(db, query)]


@pytest.fixture
def client_on_filled(filled_server: str) -> Iterator[httpx.Client]:
    """An HTTP client on the server with weeks of records."""
    with httpx.Client(base_url=filled_server, timeout=30) as http:
        yield http
