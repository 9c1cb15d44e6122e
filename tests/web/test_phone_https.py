"""A phone on the home network: the setup page, a trusted secure context, the player offline.

The phone is Chromium with its own NSS database (its HOME), told that phone-test.home is
127.0.0.1. Its page is a secure context only because the certificate checks out against the
authority it was given: the address is never localhost, and no certificate error is ignored.
"""

from pathlib import Path

import httpx2 as httpx
import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import expect

from tests.browser import chromium, trust_in_home
from tests.web.api_helpers import answers
from tests.web.conftest import PHONE_HOST, Server, printed_link
from tests.web.fake_camera import fake_camera_flags
from tests.web.pages_helpers import axe_violations, horizontal_overflow, watch_csp
from tests.web.player.conftest import begin_session, results_by_position, rows_of, wait_for

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PHONE = {"width": 390, "height": 844}
PHONE_FLAGS = [f"--host-resolver-rules=MAP {PHONE_HOST} 127.0.0.1", *fake_camera_flags(None)]

# The safety screen answered from the phone's own page: same origin, through the certificate.
SCREEN = """async (answers) => (await fetch("/api/screening", {
  method: "POST", headers: {"content-type": "application/json"}, body: JSON.stringify({answers})
})).status"""

# What the README promises a phone, asked of the page itself.
SECURE_FEATURES = """async () => {
  const registration = await navigator.serviceWorker.register("/sw.js", { scope: "/" });
  await navigator.serviceWorker.ready;
  const lock = await navigator.wakeLock.request("screen");
  const stream = await navigator.mediaDevices.getUserMedia({ video: true });
  const result = {
    secure: window.isSecureContext,
    worker: Boolean(registration.active || registration.waiting || registration.installing),
    wakeLock: lock.type === "screen" && !lock.released,
    camera: stream.getVideoTracks().length,
  };
  stream.getTracks().forEach((track) => track.stop());
  await lock.release();
  return result;
}"""


def setup_page(server: Server, path: str = "/") -> httpx.Response:
    """Ask the plain-HTTP setup port as the phone would, by the phone's host name."""
    url = f"http://127.0.0.1:{server.port + 1}{path}"
    return httpx.get(url, headers={"Host": f"{PHONE_HOST}:{server.port + 1}"})


def downloaded_authority(server: Server, folder: Path) -> Path:
    """Download the authority's certificate from the setup page, as the phone does."""
    response = setup_page(server, "/spinecoach-ca.crt")
    assert response.status_code == 200
    path = folder / "spinecoach-ca.crt"
    path.write_bytes(response.content)
    return path


def test_phone_that_trusts_the_authority_gets_offline_player_wake_lock_and_camera(
    lan_server: Server, tmp_path: Path
) -> None:
    home = tmp_path / "phone-home"
    trust_in_home(home, downloaded_authority(lan_server, tmp_path))
    link = printed_link(lan_server)

    with chromium(PHONE_FLAGS, home=home) as browser:
        page = browser.new_context(viewport=PHONE).new_page()
        page.goto(link)
        features = page.evaluate(SECURE_FEATURES)
        address = page.url

    assert link.startswith(f"https://{PHONE_HOST}:{lan_server.port}/?token=")
    assert address.startswith(f"https://{PHONE_HOST}:{lan_server.port}/")
    assert "token" not in address
    assert features == {"secure": True, "worker": True, "wakeLock": True, "camera": 1}


def test_phone_opens_the_player_over_https_with_the_computer_switched_off(
    lan_server: Server, db_file: Path, tmp_path: Path
) -> None:
    rows = rows_of(db_file)
    home = tmp_path / "phone-home"
    trust_in_home(home, downloaded_authority(lan_server, tmp_path))

    with chromium(PHONE_FLAGS, home=home) as browser:
        page = browser.new_context(viewport=PHONE).new_page()
        page.goto(printed_link(lan_server))
        screened = page.evaluate(SCREEN, answers())
        begin_session(page, f"https://{PHONE_HOST}:{lan_server.port}", "routine=all-six&speed=30")
        wait_for(lambda: page.evaluate("Boolean(navigator.serviceWorker.controller)"), what="sw")
        wait_for(lambda: results_by_position(rows), what="a first result")
        lan_server.stop()
        page.reload()

        expect(page.locator("#before-title")).to_have_text("Carry on where you stopped")
        expect(page.locator("#connection")).to_contain_text("sent when it is back")
        page.click("#before-form button[type=submit]")
        expect(page.locator("#stage-play")).to_be_visible()
        address = page.url

    assert screened == 201
    assert address.startswith(f"https://{PHONE_HOST}:{lan_server.port}/play")


def test_phone_that_never_installed_the_authority_is_warned_off(
    lan_server: Server, tmp_path: Path
) -> None:
    home = tmp_path / "phone-home"
    trust_in_home(home, None)

    with chromium(PHONE_FLAGS, home=home) as browser:
        page = browser.new_context(viewport=PHONE).new_page()
        with pytest.raises(PlaywrightError, match="ERR_CERT_AUTHORITY_INVALID"):
            page.goto(printed_link(lan_server))


def test_setup_port_serves_the_certificate_and_its_instructions_and_nothing_else(
    lan_server: Server,
) -> None:
    instructions = setup_page(lan_server)
    der = setup_page(lan_server, "/spinecoach-ca.crt")
    pem = setup_page(lan_server, "/spinecoach-ca.pem")
    others = [setup_page(lan_server, path) for path in ("/welcome", "/api/history", "/sw.js")]
    foreign = httpx.get(
        f"http://127.0.0.1:{lan_server.port + 1}/", headers={"Host": "evil.example"}
    )

    assert instructions.status_code == 200
    assert "Android" in instructions.text and "iPhone" in instructions.text
    assert f"https://{PHONE_HOST}:{lan_server.port}/" in instructions.text
    assert "token" not in instructions.text  # the secret never travels over plain HTTP
    assert der.headers["content-type"] == "application/x-x509-ca-cert"
    assert der.content.startswith(b"\x30\x82")  # DER: an ASN.1 sequence
    assert pem.text.startswith("-----BEGIN CERTIFICATE-----")
    assert [response.status_code for response in others] == [404, 404, 404]
    assert "https://" in others[1].json()["detail"]
    assert foreign.status_code == 400


def test_setup_page_fits_a_phone_screen_and_passes_axe(lan_server: Server) -> None:
    with chromium(PHONE_FLAGS) as browser:
        page = browser.new_context(viewport=PHONE).new_page()
        refused = watch_csp(page)
        page.goto(f"http://{PHONE_HOST}:{lan_server.port + 1}/")
        overflow = horizontal_overflow(page)
        styled = page.evaluate("getComputedStyle(document.querySelector('.button-big')).display")
        violations = axe_violations(page)

    assert overflow == 0
    assert styled == "flex"  # the app's stylesheet is served here too
    assert violations == []
    assert refused == []
