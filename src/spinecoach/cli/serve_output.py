"""What `serve` prints: where to open the app, and for a phone the setup page, with QR codes."""

import typer

from spinecoach.tls.names import as_address


def web_address(scheme: str, host: str, port: int) -> str:
    """Return the root address of a server, IPv6 hosts in brackets, default ports left out."""
    address = as_address(host)
    shown = f"[{host}]" if address is not None and address.version == 6 else host
    default = {"http": 80, "https": 443}[scheme]
    return f"{scheme}://{shown}{'' if port == default else f':{port}'}/"


def _qr_code(url: str) -> None:
    import segno

    segno.make(url, error="l").terminal(compact=True)


def print_phone_setup(setup_url: str, fingerprint: str, new_authority: bool) -> None:
    """Explain the one-time setup of a phone, with the setup page's QR code."""
    if new_authority:
        typer.echo("This computer just made its own certificate for secure links to your phone.")
    typer.echo("First time on this phone? Scan this code, or open the address below, and follow")
    typer.echo("the steps to make the phone trust this computer. Once per phone is enough.")
    _qr_code(setup_url)
    typer.echo(f"\n  {setup_url}\n")
    typer.echo(f"(On the phone, the certificate's SHA-256 fingerprint starts {fingerprint[:23]}.)")
    typer.echo("")


def print_phone_link(url: str, other_names: list[str], home_network: bool) -> None:
    """Print the secret link for the phone and its QR code."""
    if home_network:
        typer.echo("Then open spinecoach on the phone, on the same Wi-Fi: scan this code or open")
        typer.echo("the address below.")
    else:
        typer.echo(
            "Open spinecoach with this link: scan the code with a phone or open the address."
        )
    _qr_code(url)
    typer.echo(f"\n  {url}\n")
    typer.echo("The address holds a secret: share it with nobody. It changes each time.")
    if other_names:
        typer.echo(f"The phone may also use {', '.join(other_names)} in place of the address.")
