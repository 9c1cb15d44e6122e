"""Guards of the local server, proven with real requests against a real uvicorn process."""

import re
import subprocess
from pathlib import Path

import httpx2 as httpx

from spinecoach.serving import WebSettings
from spinecoach.web.security import token_matches
from tests.web.conftest import PHONE_HOST, SPINECOACH, Server, authority_trust, printed_link

CROSS_SITE = [
    {"Origin": "http://evil.example"},
    {"Origin": "null"},
    {"Sec-Fetch-Site": "cross-site"},
    {"Sec-Fetch-Site": "same-site"},  # another app on localhost:3000 is "same-site"
    {"Sec-Fetch-Site": "cross-site", "Origin": "http://127.0.0.1"},
]


def test_binding_a_network_address_without_lan_is_refused(db_file: Path) -> None:
    done = subprocess.run(
        [SPINECOACH, "serve", "--host", "0.0.0.0", "--db", str(db_file), "--port", "1"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )

    assert done.returncode == 2
    assert "--lan" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_a_foreign_host_header_is_refused(client: httpx.Client) -> None:
    rebinding = client.get("/api/history", headers={"Host": "attacker.example:8000"})
    loopback = client.get("/api/history", headers={"Host": "localhost"})

    assert rebinding.status_code == 400
    assert rebinding.json() == {"detail": "this server does not answer to that Host name"}
    assert loopback.status_code == 200


def test_state_changing_requests_from_another_site_are_refused(client: httpx.Client) -> None:
    responses = [client.post("/api/pain", json={"score": 3}, headers=h) for h in CROSS_SITE]
    form = client.post("/history/pain", data={"score": "3"}, headers=CROSS_SITE[0])

    assert [r.status_code for r in responses] == [403] * len(CROSS_SITE)
    assert all("another site" in r.json()["detail"] for r in responses)
    assert form.status_code == 403
    assert client.get("/api/history").json()["diary"] == []


def test_same_origin_writes_and_cross_site_reads_are_allowed(
    client: httpx.Client, web_server: str
) -> None:
    same_origin = {"Origin": web_server, "Sec-Fetch-Site": "same-origin"}

    written = client.post("/api/pain", json={"score": 3}, headers=same_origin)
    read = client.get("/api/history", headers={"Sec-Fetch-Site": "cross-site"})

    assert written.status_code == 201
    assert read.status_code == 200


# Requests that cost seconds of CPU or megabytes: speech, figures, reports and exports.
HEAVY_READS = [
    "/api/speech?text=Breathe+in",
    "/api/player/figure/cat-cow.json?phases=prepare:0.5,inhale:4,exhale:4",
    "/figures/cat-cow/moving.svg",
    "/api/report",
    "/api/charts/pain.svg",
    "/api/export/backup",
    "/report.pdf",
    "/data/tables.zip",
]


def test_heavy_reads_from_another_site_are_refused(client: httpx.Client) -> None:
    for path in HEAVY_READS:
        responses = [client.get(path, headers=headers) for headers in CROSS_SITE]

        assert [r.status_code for r in responses] == [403] * len(CROSS_SITE), path
        if path.startswith("/api"):
            assert all("another site" in r.json()["detail"] for r in responses)


def test_heavy_reads_from_this_site_or_typed_in_are_served(client: httpx.Client) -> None:
    own = [{"Sec-Fetch-Site": "same-origin"}, {"Sec-Fetch-Site": "none"}, {}]

    for path in HEAVY_READS:
        statuses = [client.get(path, headers=headers).status_code for headers in own]

        assert statuses == [200] * len(own), path
    # A link from another site still opens the pages themselves.
    assert client.get("/history", headers={"Sec-Fetch-Site": "cross-site"}).status_code == 200


PATHS = [
    "/",
    "/welcome",
    "/api/catalog",
    "/api/nope",
    "/static/css/app.css",
    "/docs",
    "/figures/x.svg",
]


def test_every_response_carries_a_self_only_content_security_policy(client: httpx.Client) -> None:
    responses = [client.get(path) for path in PATHS]
    responses.append(client.post("/api/pain", json={"score": 99}))

    for response in responses:
        policy = response.headers["content-security-policy"]
        assert "default-src 'self'" in policy
        assert "http" not in policy  # no other origin is allowed anywhere
        assert response.headers["x-content-type-options"] == "nosniff"
    assert {r.status_code for r in responses} >= {200, 303, 404, 422}


def test_docs_load_swagger_ui_from_this_server(client: httpx.Client) -> None:
    page = client.get("/docs").text
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)

    assert sources
    assert all(source.startswith("/") for source in sources)
    assert all(client.get(source).status_code == 200 for source in sources)


def printed_token(server: Server) -> str:
    return printed_link(server).split("?token=")[1]


def test_lan_mode_prints_the_link_with_a_qr_code(lan_server: Server) -> None:
    output = lan_server.output()

    token = printed_token(lan_server)
    assert f"https://{PHONE_HOST}:{lan_server.port}/?token={token}" in output
    assert len(token) >= 24
    qr_rows = [line for line in output.splitlines() if "█" in line or "▀" in line]
    assert len(qr_rows) >= 10


def test_lan_mode_answers_401_without_the_token(lan_server: Server) -> None:
    with httpx.Client(base_url=lan_server.url, verify=authority_trust(lan_server)) as http:
        without = http.get("/api/history")
        wrong = http.get("/api/history", params={"token": "not-the-token"})
        static = http.get("/static/css/app.css")

    assert without.status_code == 401
    assert wrong.status_code == 401
    assert static.status_code == 401
    assert "token" in without.json()["detail"]


def test_lan_token_link_sets_a_strict_http_only_cookie(lan_server: Server) -> None:
    token = printed_token(lan_server)
    trust = authority_trust(lan_server)
    with httpx.Client(base_url=lan_server.url, verify=trust) as http:
        opened = http.get("/plan", params={"token": token, "minutes": "5"})
        cookie = opened.headers["set-cookie"]
        followed = http.get(opened.headers["location"])
        bearer = httpx.get(
            f"{lan_server.url}/api/history",
            headers={"Authorization": f"Bearer {token}"},
            verify=trust,
        )

    assert opened.status_code == 303
    assert opened.headers["location"] == "/plan?minutes=5"  # the token leaves the address bar
    assert "HttpOnly" in cookie
    assert "SameSite=Strict" in cookie
    assert "Secure" in cookie  # over HTTPS the cookie never goes back over plain HTTP
    assert followed.status_code == 200
    assert bearer.status_code == 200


def test_tokens_are_compared_exactly() -> None:
    assert token_matches("abc", "abc")
    assert not token_matches("abd", "abc")
    assert not token_matches("ab", "abc")
    assert not token_matches(None, "abc")


def test_listening_everywhere_answers_to_the_names_in_use_not_to_the_wildcard() -> None:
    settings = WebSettings(
        database_url="sqlite://", host="0.0.0.0", extra_hosts=("192.168.1.20", "Kitchen.local")
    )

    assert {"192.168.1.20", "kitchen.local", "127.0.0.1"} <= settings.allowed_hosts
    assert "0.0.0.0" not in settings.allowed_hosts
