"""`serve` with the person's own certificate, behind a reverse proxy, and its refusals."""

import socket
import ssl
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import httpx2 as httpx
import pytest

from spinecoach.tls.authority import Issued, issue_server_certificate, new_authority
from spinecoach.tls.pem import certificate_pem, private_key_pem
from tests.web.conftest import SPINECOACH, printed_link, start_server

pytestmark = pytest.mark.slow

PROXY_NAME = "spinecoach.example.org"


def serve(db_file: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run `spinecoach serve` expecting it to stop at once."""
    return subprocess.run(
        [SPINECOACH, "serve", "--db", str(db_file), *args],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def write_pair(folder: Path, issued: Issued) -> tuple[Path, Path]:
    certificate, key = folder / "cert.pem", folder / "key.pem"
    certificate.write_bytes(certificate_pem(issued.certificate))
    key.write_bytes(private_key_pem(issued.key))
    return certificate, key


@pytest.fixture
def authority() -> Issued:
    return new_authority(datetime.now(UTC))


@pytest.fixture
def own_pair(tmp_path: Path, authority: Issued) -> tuple[Path, Path]:
    """A certificate for spinecoach.home and 127.0.0.1 that the person brought, and its key."""
    issued = issue_server_certificate(
        authority, ["spinecoach.home", "127.0.0.1"], datetime.now(UTC)
    )
    return write_pair(tmp_path, issued)


def test_own_certificate_is_served_and_its_name_is_the_link(
    db_file: Path, tmp_path: Path, own_pair: tuple[Path, Path], authority: Issued
) -> None:
    certificate, key = own_pair
    trust = ssl.create_default_context(cadata=certificate_pem(authority.certificate).decode())
    server = start_server(
        str(db_file),
        tmp_path / "own.log",
        "--cert",
        str(certificate),
        "--key",
        str(key),
        scheme="https",
    )
    try:
        response = httpx.get(f"{server.url}/welcome", verify=trust)
        output = server.output()
    finally:
        server.stop()

    assert response.status_code == 200
    assert f"https://spinecoach.home:{server.port}/" in output
    assert "setup" not in output.lower()  # no phone setup page for a certificate of one's own


@pytest.mark.parametrize(
    ("problem", "expected"),
    [
        ("missing", "cannot read"),
        ("not a certificate", "holds no PEM certificate"),
        ("other key", "does not belong to the certificate"),
        ("no key", "--cert and --key go together"),
    ],
)
def test_unusable_certificate_files_are_refused_in_one_line(
    db_file: Path, tmp_path: Path, own_pair: tuple[Path, Path], problem: str, expected: str
) -> None:
    certificate, key = own_pair
    if problem == "missing":
        certificate = tmp_path / "nowhere.pem"
    elif problem == "not a certificate":
        certificate.write_text("hello")
    elif problem == "other key":
        key.write_bytes(private_key_pem(new_authority(datetime.now(UTC)).key))
    args = ["--cert", str(certificate)] + ([] if problem == "no key" else ["--key", str(key)])

    done = serve(db_file, *args)

    assert done.returncode == 2
    assert expected in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "running at" not in done.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (
            ["--lan-name", "bank.example"],
            "--lan-name bank.example: this computer's own certificate",
        ),
        (["--lan-name", "my computer"], "is not a host name"),
        (["--port", "65535"], "the next port for the phone setup page"),
    ],
)
def test_lan_refuses_what_its_certificate_cannot_cover(
    db_file: Path, args: list[str], expected: str
) -> None:
    done = serve(db_file, "--lan", "--host", "127.0.0.1", *args)

    assert done.returncode == 2
    assert expected in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_lan_says_when_the_setup_page_port_is_taken(db_file: Path) -> None:
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1] - 1

        done = serve(db_file, "--lan", "--host", "127.0.0.1", "--port", str(port))

    assert done.returncode == 2
    assert f"the phone setup page uses port {port + 1}" in done.stderr


def test_behind_a_proxy_the_link_is_the_public_address_and_the_token_is_required(
    db_file: Path, tmp_path: Path
) -> None:
    server = start_server(
        str(db_file), tmp_path / "proxy.log", "--public-url", f"https://{PROXY_NAME}"
    )
    as_proxy = {"Host": PROXY_NAME, "X-Forwarded-Proto": "https"}
    try:
        link = printed_link(server)
        token = link.split("?token=")[1]
        without = httpx.get(f"{server.url}/welcome", headers=as_proxy)
        opened = httpx.get(f"{server.url}/welcome", params={"token": token}, headers=as_proxy)
        foreign = httpx.get(
            f"{server.url}/welcome", params={"token": token}, headers={"Host": "x.org"}
        )
    finally:
        server.stop()

    assert link == f"https://{PROXY_NAME}/?token={token}"
    assert without.status_code == 401
    assert opened.status_code == 303
    assert "Secure" in opened.headers["set-cookie"]  # the proxy said the person used HTTPS
    assert foreign.status_code == 400


@pytest.mark.parametrize(
    "url", ["http://spinecoach.example.org", "https://spinecoach.example.org/app", "example.org"]
)
def test_public_url_must_be_an_https_address_without_a_path(db_file: Path, url: str) -> None:
    done = serve(db_file, "--public-url", url)

    assert done.returncode == 2
    assert "--public-url" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
