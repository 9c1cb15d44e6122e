"""`serve` on a port another program holds says so in one line instead of printing its address."""

import socket
from pathlib import Path

from tests.cli.conftest import Run


def test_serve_on_a_busy_port_fails_with_one_line_and_no_address(
    spinecoach: Run, tmp_path: Path
) -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]

        done = spinecoach("serve", "--port", str(port), timeout=60)

    assert done.returncode == 2
    assert f"--port {port}: cannot listen on 127.0.0.1:{port}" in done.stderr
    assert f"make run PORT={port + 1}" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1
    assert "running at" not in done.stdout
