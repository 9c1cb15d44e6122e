"""The new forms and downloads pass the same guards as every other: no cross-site writes, and
on the LAN nothing (not even a backup download) without the token."""

import json

import httpx2 as httpx
import pytest

from tests.web.conftest import Server, authority_trust
from tests.web.test_security import CROSS_SITE, printed_token

BACKUP = json.dumps({"format": "spinecoach-backup", "format_version": 1, "tables": {}}).encode()


@pytest.mark.parametrize("headers", CROSS_SITE)
def test_new_forms_refuse_requests_from_another_site(
    client: httpx.Client, headers: dict[str, str]
) -> None:
    psfs = client.post("/function", data={"activity_1": "socks", "score_1": "3"}, headers=headers)
    restore = client.post("/data/restore", files={"backup": ("b.json", BACKUP)}, headers=headers)
    api_psfs = client.post(
        "/api/function", json={"ratings": [{"activity": "socks", "score": 3}]}, headers=headers
    )
    api_import = client.post("/api/import", content=BACKUP, headers=headers)

    assert [r.status_code for r in (psfs, restore, api_psfs, api_import)] == [403] * 4
    assert client.get("/api/function").json()["entries"] == []


def test_a_same_origin_form_from_the_page_is_accepted(
    client: httpx.Client, web_server: str
) -> None:
    same_origin = {"Origin": web_server, "Sec-Fetch-Site": "same-origin"}

    saved = client.post(
        "/function", data={"activity_1": "socks", "score_1": "3"}, headers=same_origin
    )

    assert saved.status_code == 303
    assert len(client.get("/api/function").json()["entries"]) == 1


NEW_PATHS = ["/data/backup.json", "/api/export/backup", "/report.pdf", "/api/trends", "/function"]


def test_on_the_lan_every_new_page_and_download_needs_the_token(lan_server: Server) -> None:
    token = printed_token(lan_server)
    # --lan serves HTTPS from the install's own authority: trust it, as a phone would.
    with httpx.Client(base_url=lan_server.url, verify=authority_trust(lan_server)) as http:
        without = [http.get(path).status_code for path in NEW_PATHS]
        restore = http.post("/data/restore", files={"backup": ("b.json", BACKUP)})
        bearer = {"Authorization": f"Bearer {token}"}
        with_token = [http.get(path, headers=bearer).status_code for path in NEW_PATHS]

    assert without == [401] * len(NEW_PATHS)
    assert restore.status_code == 401
    assert with_token == [200] * len(NEW_PATHS)
