"""Web server settings: built by `spinecoach serve`, read by every uvicorn worker of the web app.

A module of its own because the CLI and the web app never import each other.
"""

import json
import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field

from spinecoach.errors import InvalidInputError

# Workers are separate processes started by uvicorn from an import string, so the settings
# travel in one environment variable rather than as an object.
ENV_VAR = "SPINECOACH_WEB_SETTINGS"
LOOPBACK_NAMES = ("127.0.0.1", "localhost", "::1")
# "Listen everywhere" is no name a browser reaches the server by.
WILDCARD_NAMES = frozenset({"0.0.0.0", "::"})
TOKEN_COOKIE = "spinecoach_token"


@dataclass(frozen=True, slots=True)
class WebSettings:
    """Database, the names the server answers to, and the LAN token when one is required."""

    database_url: str
    host: str = "127.0.0.1"
    port: int = 8000
    # Set only with --lan: every request must carry it (query, cookie or bearer header).
    lan_token: str | None = None
    # Extra Host names accepted besides loopback and the bound address (the names a phone
    # uses with --lan, a proxy's public name, tests).
    extra_hosts: tuple[str, ...] = field(default=())
    # With --lan on spinecoach's own certificate authority: the plain-HTTP port that hands its
    # certificate to phones, and the certificate's PEM file.
    setup_port: int | None = None
    authority_certificate: str | None = None
    # Clinic mode (`serve --clinic`): staff sign in, and patients' enrolled devices use the app.
    clinic: bool = False

    @property
    def allowed_hosts(self) -> frozenset[str]:
        """Return the host names a Host header may carry (without port, lower case)."""
        names = {*LOOPBACK_NAMES, self.host, *self.extra_hosts}
        return frozenset(name.lower().strip("[]") for name in names) - WILDCARD_NAMES

    def to_environment(self) -> str:
        """Return the settings as the JSON text workers read from the environment."""
        return json.dumps(asdict(self))


def settings_from_environment(environ: Mapping[str, str] | None = None) -> WebSettings:
    """Read the settings `spinecoach serve` left in the environment, naming a bad value."""
    env = os.environ if environ is None else environ
    text = env.get(ENV_VAR)
    if not text:
        raise InvalidInputError(f"{ENV_VAR} is not set; start the web app with `spinecoach serve`")
    try:
        data = json.loads(text)
        data["extra_hosts"] = tuple(data.get("extra_hosts", ()))
        return WebSettings(**data)
    except (ValueError, TypeError, AttributeError) as error:
        raise InvalidInputError(f"{ENV_VAR}: {text!r} is not valid settings: {error}") from None
