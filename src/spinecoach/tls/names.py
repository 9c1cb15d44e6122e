"""Names a home-network certificate may carry: addresses and host names, checked and normalised."""

import ipaddress
import re

from spinecoach.errors import InvalidInputError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
IPNetwork = ipaddress.IPv4Network | ipaddress.IPv6Network

# The authority may vouch only for these, so a copy of its key cannot impersonate a bank to a
# phone that trusts it. Names: mDNS (.local), RFC 8375's home.arpa, ICANN's private .internal and
# what home routers hand out (.lan, .home). Addresses: private, link-local, carrier-grade NAT
# (Tailscale and the like), loopback, and the documentation ranges that no public site uses.
HOME_DOMAINS = ("local", "home.arpa", "internal", "lan", "home", "localhost")
HOME_NETWORKS: tuple[IPNetwork, ...] = tuple(
    ipaddress.ip_network(network)
    for network in (
        "10.0.0.0/8",
        "172.16.0.0/12",
        "192.168.0.0/16",
        "169.254.0.0/16",
        "100.64.0.0/10",
        "127.0.0.0/8",
        "192.0.2.0/24",
        "198.51.100.0/24",
        "203.0.113.0/24",
        "fc00::/7",
        "fe80::/10",
        "::1/128",
    )
)
_LABEL = re.compile(r"^(?!-)[a-z0-9-]{1,63}(?<!-)$")


def as_address(name: str) -> IPAddress | None:
    """Return the name as an IP address, or None when it is a host name."""
    try:
        return ipaddress.ip_address(name.strip("[]"))
    except ValueError:
        return None


def normalised(name: str) -> str:
    """Return a name in the one spelling certificates and Host checks compare."""
    address = as_address(name.strip())
    if address is not None:
        return str(address)
    return name.strip().lower().rstrip(".")


def check_host_name(name: str) -> str:
    """Return a host name or address normalised, or explain why it cannot be one."""
    value = normalised(name)
    if as_address(value) is not None:
        return value
    labels = value.split(".")
    if len(value) > 253 or not all(_LABEL.match(label) for label in labels):
        raise InvalidInputError(
            f"{name!r} is not a host name: use letters, digits, hyphens and dots, "
            "like mycomputer.local"
        )
    return value


def on_home_network(name: str) -> bool:
    """Say whether a name or address lies within what the local authority may vouch for."""
    value = normalised(name)
    address = as_address(value)
    if address is not None:
        return any(address in network for network in HOME_NETWORKS)
    return any(value == domain or value.endswith(f".{domain}") for domain in HOME_DOMAINS)
