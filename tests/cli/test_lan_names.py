"""The names `serve --lan` offers a phone: chosen names first, never a loopback address."""

import ipaddress

import pytest

from spinecoach.cli.lan import lan_addresses, mdns_name, names_in_use
from spinecoach.tls.names import on_home_network


@pytest.mark.parametrize(
    ("hostname", "expected"),
    [
        ("kitchen-pc", "kitchen-pc.local"),
        ("Johns-MacBook.local", "johns-macbook.local"),
        ("desk.example.com", "desk.local"),
        ("my_pc", None),  # an underscore is no host name a phone can look up
        ("", None),
    ],
)
def test_computer_name_becomes_its_dot_local_name(hostname: str, expected: str | None) -> None:
    assert mdns_name(hostname) == expected


def test_chosen_names_come_first_then_the_address_listened_on() -> None:
    names = names_in_use("127.0.0.1", ["Phone-Test.home", "192.168.1.20"])

    assert names == ["phone-test.home", "192.168.1.20", "127.0.0.1"]


def test_network_addresses_found_are_home_addresses_never_loopback() -> None:
    for address in lan_addresses():
        assert on_home_network(address)
        assert not ipaddress.ip_address(address).is_loopback
