"""The `serve` command: check where to listen, print the address, run the web app in uvicorn."""

import ipaddress
import os
import secrets
import socket
import threading
import time
from typing import Annotated

import typer

from spinecoach.cli.options import DbOption
from spinecoach.errors import InvalidInputError

# uvicorn imports the app by name in each worker; the CLI and the web app never import each other.
APP_FACTORY = "spinecoach.web.app:app_from_environment"


def is_loopback(host: str) -> bool:
    """Say whether a host name or address only accepts connections from this computer."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def lan_address() -> str:
    """Return this computer's address on the local network, or explain that there is none."""
    candidates: list[str] = []
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        candidates = [str(info[4][0]) for info in infos]
    except OSError:
        pass
    # connect() on a UDP socket sends nothing; it only asks the kernel which local address
    # the default route would use (192.0.2.1 is a documentation address, never contacted).
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            candidates.append(str(probe.getsockname()[0]))
        except OSError:
            pass
    for address in candidates:
        parsed = ipaddress.ip_address(address)
        if parsed.is_private and not parsed.is_loopback:
            return address
    raise InvalidInputError(
        "--lan: this computer has no local network address; connect to Wi-Fi or give --host"
    )


def _print_lan_help(url: str) -> None:
    import segno

    typer.echo("On your phone, on the same Wi-Fi, scan this code or open the address below.")
    segno.make(url, error="l").terminal(compact=True)
    typer.echo(f"\n  {url}\n")
    typer.echo("The address holds a secret: share it with nobody. It changes each time.")


def _open_browser_when_ready(host: str, port: int, url: str) -> None:
    """Open the person's browser once the server accepts connections (in the background)."""

    def wait_and_open() -> None:
        import webbrowser

        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((host, port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        if not webbrowser.open(url):
            typer.echo(f"No browser found here: open {url} yourself.")

    threading.Thread(target=wait_and_open, daemon=True).start()


def _refuse_busy_port(host: str, port: int) -> None:
    """Fail with one line when another program already listens there.

    uvicorn only logs a failed bind, after the address was printed as if all were well.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            raise InvalidInputError(
                f"--port {port}: cannot listen on {host}:{port} ({error.strerror}); "
                "stop the program using it or choose another port with --port"
            ) from None


def serve(
    host: Annotated[
        str | None,
        typer.Option(
            "--host", help="Address to listen on [default: 127.0.0.1, or the LAN one with --lan]"
        ),
    ] = None,
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    db: DbOption = None,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the app in your browser once it is up.")
    ] = False,
    lan: Annotated[
        bool,
        typer.Option("--lan", help="Listen on the local network for a phone, behind a token."),
    ] = False,
    workers: Annotated[
        int, typer.Option("--workers", min=1, max=32, help="Worker processes (PostgreSQL).")
    ] = 1,
) -> None:
    """Run the web app (make run): a guided session in your browser, on this computer only."""
    import uvicorn

    from spinecoach.catalog.loader import default_catalog
    from spinecoach.safety.loader import default_screening
    from spinecoach.serving import ENV_VAR, WebSettings
    from spinecoach.store.database import upgrade_to_head
    from spinecoach.store.settings import resolve_settings

    # Here, in one line: in the worker it would fail only after the address was printed.
    default_catalog()
    default_screening()
    if host is None:
        host = lan_address() if lan else "127.0.0.1"
    if not lan and not is_loopback(host):
        raise InvalidInputError(
            f"--host {host}: that address lets other devices reach your records; "
            "add --lan to serve them behind a secret token, or use 127.0.0.1"
        )
    _refuse_busy_port(host, port)
    database_url = resolve_settings(db).database_url
    # Once here, not in each worker: workers starting together must not race to migrate.
    upgrade_to_head(database_url)
    token = secrets.token_urlsafe(24) if lan else None
    settings = WebSettings(database_url=database_url, host=host, port=port, lan_token=token)
    os.environ[ENV_VAR] = settings.to_environment()
    shown_host = f"[{host}]" if ":" in host else host
    url = f"http://{shown_host}:{port}/"
    if token is not None:
        url += f"?token={token}"
        _print_lan_help(url)
    else:
        typer.echo(f"spinecoach is running at {url}")
    typer.echo(
        "Press Ctrl+C to stop. Prefer the terminal? `spinecoach session` starts the same "
        "session there."
    )
    if open_browser:
        _open_browser_when_ready(host, port, url)
    uvicorn.run(
        APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        server_header=False,
        # Behind no proxy: never trust X-Forwarded-* from a client.
        proxy_headers=False,
    )
