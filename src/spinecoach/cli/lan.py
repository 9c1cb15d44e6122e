"""The names a phone on the home network can use to reach this computer."""

import ipaddress
import socket
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from spinecoach.errors import InvalidInputError
from spinecoach.tls.names import check_host_name, normalised, on_home_network

WILDCARD_HOSTS = ("0.0.0.0", "::")
# Avahi announces the computer's name as NAME.local on Linux; macOS does it always.
AVAHI_SOCKETS = (Path("/run/avahi-daemon/socket"), Path("/var/run/avahi-daemon/socket"))
RESOLVE_SECONDS = 1.0


def lan_addresses() -> list[str]:
    """Return this computer's IPv4 addresses on a home network, the default route's first."""
    candidates: list[str] = []
    # connect() on a UDP socket sends nothing; it only asks the kernel which local address
    # the default route would use (192.0.2.1 is a documentation address, never contacted).
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            probe.connect(("192.0.2.1", 9))
            candidates.append(str(probe.getsockname()[0]))
        except OSError:
            pass
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
        candidates += [str(info[4][0]) for info in infos]
    except OSError:
        pass
    usable = [
        address
        for address in candidates
        if not ipaddress.ip_address(address).is_loopback and on_home_network(address)
    ]
    return list(dict.fromkeys(usable))


def mdns_name(hostname: str) -> str | None:
    """Return the NAME.local a computer called `hostname` is announced as, if it can be one."""
    label = hostname.strip().lower().removesuffix(".").removesuffix(".local").split(".")[0]
    try:
        return check_host_name(f"{label}.local") if label else None
    except InvalidInputError:
        return None


def announced_local_name() -> str | None:
    """Return NAME.local when this computer answers to it: Avahi runs, or the name resolves."""
    name = mdns_name(socket.gethostname())
    if name is None:
        return None
    if sys.platform == "darwin" or any(path.exists() for path in AVAHI_SOCKETS):
        return name
    return name if _resolves_quickly(name) else None


def _resolves_quickly(name: str) -> bool:
    """Say whether the name resolves within a second (a stuck resolver must not delay start)."""
    found: list[bool] = []

    def look_up() -> None:
        try:
            found.append(bool(socket.getaddrinfo(name, None)))
        except OSError:
            found.append(False)

    thread = threading.Thread(target=look_up, daemon=True)
    thread.start()
    thread.join(RESOLVE_SECONDS)
    return bool(found and found[0])


def names_in_use(host: str, chosen: Sequence[str]) -> list[str]:
    """Return the names and addresses a phone may use, the one for the link first."""
    names = [check_host_name(name) for name in chosen]
    if host in WILDCARD_HOSTS:
        addresses = lan_addresses()
        if not addresses and not names:
            raise InvalidInputError(
                "--lan: this computer has no address on a home network; connect to Wi-Fi, "
                "or name the address with --lan-name"
            )
        local_name = announced_local_name()
        names += [*addresses, *([local_name] if local_name else [])]
    else:
        names.append(normalised(host))
    return list(dict.fromkeys(names))
