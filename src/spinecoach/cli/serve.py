"""The `serve` command: check where to listen, print the address, run the web app in uvicorn."""

import ipaddress
import os
import secrets
import socket
import threading
import time
from pathlib import Path
from typing import TYPE_CHECKING, Annotated
from urllib.parse import urlsplit

import typer

from spinecoach.cli.lan import WILDCARD_HOSTS, names_in_use
from spinecoach.cli.options import DbOption, WholeNumber
from spinecoach.cli.serve_output import print_phone_link, print_phone_setup, web_address
from spinecoach.errors import InvalidInputError
from spinecoach.tls.names import check_host_name

if TYPE_CHECKING:
    from spinecoach.cli.serve_https import Https

# uvicorn imports the app by name in each worker; the CLI and the web app never import each other.
APP_FACTORY = "spinecoach.web.app:app_from_environment"
SETUP_APP_FACTORY = "spinecoach.web.phone_setup:setup_app_from_environment"


def is_loopback(host: str) -> bool:
    """Say whether a host name or address only accepts connections from this computer."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


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


def _refuse_busy_port(host: str, port: int, chosen_port: int) -> None:
    """Fail with one line when another program already listens there.

    uvicorn only logs a failed bind, after the address was printed as if all were well.
    """
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as error:
            purpose = "" if port == chosen_port else f" (the phone setup page uses port {port})"
            raise InvalidInputError(
                f"--port {chosen_port}: cannot listen on {host}:{port}{purpose} "
                f"({error.strerror}); stop the program using it or choose another port with "
                f"--port (with make: make run PORT={port + 1 if port < 65535 else 8001})"
            ) from None


def _public_root(public_url: str) -> tuple[str, str]:
    """Return the proxy's root address and its host name, or explain the expected form."""
    parts = urlsplit(public_url.strip())
    if parts.scheme != "https" or not parts.hostname or parts.path not in ("", "/"):
        raise InvalidInputError(
            f"--public-url {public_url}: give the https address people open, with no path, "
            "like https://spinecoach.example.org"
        )
    return f"https://{parts.netloc}/", check_host_name(parts.hostname)


def _names_and_https(
    host: str, lan: bool, lan_names: list[str], cert: Path | None, key: Path | None
) -> tuple[list[str], "Https | None"]:
    """Return the names the server answers to (the link's first) and its HTTPS files, if any."""
    chosen = [check_host_name(name) for name in lan_names]
    names = names_in_use(host, chosen) if lan else [*chosen, host.strip("[]")]
    # Imported only for HTTPS: the certificate library is a third of every command's start-up.
    if cert is not None and key is not None:
        from spinecoach.cli.serve_https import own_certificate

        https, certificate_names = own_certificate(cert, key)
        return list(dict.fromkeys([*chosen, *certificate_names, *names])), https
    if not lan:
        return names, None
    from spinecoach.cli.serve_https import local_authority_certificate

    return names, local_authority_certificate(names, chosen)


def _start_setup_page(host: str, port: int) -> None:
    """Serve the phone setup page over plain HTTP beside the app, in this process."""
    import uvicorn

    config = uvicorn.Config(
        SETUP_APP_FACTORY,
        factory=True,
        host=host,
        port=port,
        log_level="warning",
        server_header=False,
        proxy_headers=False,
    )
    # uvicorn leaves the signals to the main thread's server, so Ctrl+C stops both.
    threading.Thread(target=uvicorn.Server(config).run, daemon=True).start()


def serve(
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            help="Address to listen on [default: 127.0.0.1, or every network address with --lan]",
        ),
    ] = None,
    port: Annotated[
        int,
        typer.Option(
            "--port", click_type=WholeNumber(1, 65535), metavar="PORT", help="TCP port, 1 to 65535."
        ),
    ] = 8000,
    db: DbOption = None,
    open_browser: Annotated[
        bool, typer.Option("--open", help="Open the app in your browser once it is up.")
    ] = False,
    lan: Annotated[
        bool,
        typer.Option(
            "--lan",
            help="Let a phone on your home network in, over HTTPS and behind a secret token; "
            "the phone setup page is on the next port.",
        ),
    ] = False,
    lan_name: Annotated[
        list[str] | None,
        typer.Option(
            "--lan-name",
            metavar="NAME",
            help="A name or address the phone reaches this computer by (repeatable); the link "
            "uses the first.",
        ),
    ] = None,
    cert: Annotated[
        Path | None,
        typer.Option("--cert", metavar="FILE", help="Your own HTTPS certificate file (PEM)."),
    ] = None,
    key: Annotated[
        Path | None,
        typer.Option("--key", metavar="FILE", help="The private key of --cert (PEM)."),
    ] = None,
    public_url: Annotated[
        str | None,
        typer.Option(
            "--public-url",
            metavar="URL",
            help="The https address where a reverse proxy (such as Caddy) serves this app; "
            "the link printed holds the secret.",
        ),
    ] = None,
    clinic: Annotated[
        bool,
        typer.Option(
            "--clinic",
            help="Clinic mode: staff sign in (made with `spinecoach clinic create`) and "
            "patients use the devices enrolled by the links they are given.",
        ),
    ] = False,
    workers: Annotated[
        int,
        typer.Option(
            "--workers",
            click_type=WholeNumber(1, 32),
            metavar="N",
            help="Worker processes, 1 to 32 (PostgreSQL).",
        ),
    ] = 1,
) -> None:
    """Run the web app (make run): a guided session in your browser, on this computer only."""
    import uvicorn

    from spinecoach.catalog.loader import default_catalog
    from spinecoach.safety.loader import default_screening
    from spinecoach.serving import ENV_VAR, WebSettings
    from spinecoach.store.database import upgrade_to_head
    from spinecoach.store.settings import resolve_settings

    if (cert is None) != (key is None):
        raise InvalidInputError("--cert and --key go together: give the certificate and its key")
    if public_url is not None and (lan or cert is not None):
        raise InvalidInputError(
            "--public-url: the proxy in front makes the secure connection; "
            "leave out --lan, --cert and --key"
        )
    if clinic and lan:
        raise InvalidInputError(
            "--clinic: a clinic serves its patients through its own HTTPS address; give "
            "--public-url (behind a reverse proxy) or --cert and --key instead of --lan"
        )
    if lan_name and not (lan or cert is not None):
        raise InvalidInputError("--lan-name: add --lan to let a phone in by that name")
    # Here, in one line: in the worker it would fail only after the address was printed.
    default_catalog()
    default_screening()
    if host is None:
        host = WILDCARD_HOSTS[0] if lan else "127.0.0.1"
    if not lan and not is_loopback(host):
        raise InvalidInputError(
            f"--host {host}: that address lets other devices reach your records; "
            "add --lan to serve them behind a secret token, or use 127.0.0.1"
        )
    names, https = _names_and_https(host, lan, lan_name or [], cert, key)
    public_root = None
    if public_url is not None:
        public_root, public_name = _public_root(public_url)
        names.append(public_name)
    setup_port = port + 1 if https is not None and https.authority is not None else None
    if setup_port is not None and setup_port > 65535:
        raise InvalidInputError(
            f"--port {port}: --lan also needs the next port for the phone setup page; "
            "choose a lower --port"
        )
    _refuse_busy_port(host, port, port)
    if setup_port is not None:
        _refuse_busy_port(host, setup_port, port)
    database_url = resolve_settings(db).database_url
    # Once here, not in each worker: workers starting together must not race to migrate.
    upgrade_to_head(database_url)
    # In clinic mode accounts and enrolled devices guard the records, not one shared token.
    token = secrets.token_urlsafe(24) if (lan or public_url is not None) and not clinic else None
    settings = WebSettings(
        database_url=database_url,
        host=host,
        port=port,
        lan_token=token,
        extra_hosts=tuple(names),
        setup_port=setup_port,
        authority_certificate=str(https.authority) if https and https.authority else None,
        clinic=clinic,
    )
    os.environ[ENV_VAR] = settings.to_environment()
    url = public_root or web_address("https" if https else "http", names[0], port)
    if https is not None and https.authority is not None and setup_port is not None:
        setup_url = web_address("http", names[0], setup_port)
        print_phone_setup(setup_url, https.authority_fingerprint, https.new_authority)
        _start_setup_page(host, setup_port)
    if token is not None:
        url += f"?token={token}"
        print_phone_link(url, [name for name in names[1:] if not is_loopback(name)], lan)
    elif clinic:
        typer.echo(f"spinecoach (clinic mode) is running at {url}")
        typer.echo(f"Staff sign in at {url.rstrip('/')}/clinic; patients open their links.")
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
        ssl_certfile=https.certificate if https else None,
        ssl_keyfile=https.key if https else None,
        # Only a proxy on this computer may say the person's connection was HTTPS (so the
        # token cookie is marked Secure); with no proxy, X-Forwarded-* is never trusted.
        proxy_headers=public_url is not None,
        forwarded_allow_ips="127.0.0.1" if public_url is not None else None,
    )
