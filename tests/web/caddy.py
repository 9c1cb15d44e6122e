"""Debian's Caddy as the clinic's reverse proxy: HTTPS by its own authority, on loopback only.

Each Caddy gets a temporary folder as its HOME and XDG folders, so its certificates, its
authority and its saved config stay there, and it never touches the machine's trust store
(skip_install_trust), port 80 (no redirects) or an admin port (admin off).
"""

import os
import shutil
import socket
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.web.player.conftest import wait_for

STARTUP_SECONDS = 30
# What a clinic's Caddyfile holds (README "Run a clinic"), on a test name and ports; the global
# options keep this Caddy to itself. HTTP/3 is left out: it would also need the UDP port.
CADDYFILE = """{{
\tadmin off
\tskip_install_trust
\tauto_https disable_redirects
\tservers {{
\t\tprotocols h1 h2
\t}}
}}

https://{name}:{port} {{
\tbind 127.0.0.1
\ttls internal
\treverse_proxy {upstreams} {{
\t\tlb_policy round_robin
\t\tlb_try_duration 5s
\t}}
}}
"""


@dataclass(frozen=True)
class Caddy:
    """A running Caddy: the address people open, and the root certificate it signs with."""

    url: str
    port: int
    root_certificate: Path
    log: Path


def caddy_executable() -> str:
    """Return Debian's caddy, or fail saying how to install it (the test needs the real one)."""
    found = shutil.which("caddy")
    if found is None:
        pytest.fail(
            "caddy not found: install the Debian package 'caddy' (make test installs it through "
            "tools/debian-packages test); the clinic's reverse-proxy test needs the real one.",
            pytrace=False,
        )
    return found


def _answers(port: int) -> bool:
    """Say whether something accepts TCP connections on 127.0.0.1:port."""
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


@contextmanager
def running_caddy(folder: Path, name: str, port: int, upstreams: list[int]) -> Iterator[Caddy]:
    """Serve https://name:port on 127.0.0.1 with `tls internal`, balancing the upstream ports."""
    executable = caddy_executable()
    folder.mkdir(parents=True, exist_ok=True)
    config = folder / "Caddyfile"
    upstream = " ".join(f"127.0.0.1:{upstream}" for upstream in upstreams)
    config.write_text(CADDYFILE.format(name=name, port=port, upstreams=upstream))
    log = folder / "caddy.log"
    env = {
        **os.environ,
        "HOME": str(folder),
        "XDG_DATA_HOME": str(folder / "data"),
        "XDG_CONFIG_HOME": str(folder / "config"),
    }
    root = folder / "data" / "caddy" / "pki" / "authorities" / "local" / "root.crt"
    command = [executable, "run", "--config", str(config), "--adapter", "caddyfile"]
    # Output goes to a file: a pipe nobody reads could fill up and stall Caddy.
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    try:
        try:
            wait_for(
                lambda: process.poll() is not None or (root.is_file() and _answers(port)),
                STARTUP_SECONDS,
                "caddy to start",
            )
        except AssertionError:
            raise AssertionError(
                f"caddy did not start:\n{log.read_text(errors='replace')}"
            ) from None
        if process.poll() is not None:
            raise AssertionError(f"caddy exited:\n{log.read_text(errors='replace')}")
        yield Caddy(f"https://{name}:{port}", port, root, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
