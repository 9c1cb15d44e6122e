"""Request bodies on a real server: one JSON policy, and a size limit counted as bytes arrive."""

import importlib
import json
import pkgutil
import select
import socket
from typing import Any
from urllib.parse import urlsplit

import httpx2 as httpx
from fastapi.routing import APIRoute

import spinecoach.web.routes
from spinecoach.json_input import MAX_FILE_BYTES
from spinecoach.web.app import MAX_BODY_BYTES
from spinecoach.web.json_body import JsonBodyRoute
from tests.web.api_helpers import answers, assert_error

JSON = {"content-type": "application/json"}
DEEP = b"[" * 10_000 + b"]" * 10_000
# What the two ends' socket buffers can hold unread (net.ipv4.tcp_wmem and tcp_rmem at most
# 4 and 6 MB by default), with room to spare.
IN_FLIGHT = 16 * 1024 * 1024


def screening_with_twice(key: str, first: bool) -> bytes:
    """Return screening answers (all clear) with `key` given once more before its real answer."""
    pairs = ", ".join(f'"{k}": {str(v).lower()}' for k, v in answers().items())
    return f'{{"answers": {{"{key}": {str(first).lower()}, {pairs}}}}}'.encode()


def started_session(client: httpx.Client) -> int:
    assert client.post("/api/screening", json={"answers": answers()}).status_code == 201
    started = client.post("/api/sessions", json={"routine": "desk-break", "pain_before": 3})
    assert started.status_code == 201, started.text
    session_id: int = started.json()["session"]["id"]
    return session_id


def result_body(**changes: Any) -> dict[str, Any]:
    return {
        "position": 0,
        "exercise": "seated-back-twist",
        "repetitions_done": 3,
        "hold_seconds": 10.0,
        "skipped": False,
        "idempotency_key": "k1",
        **changes,
    }


def stream_until_answered(url: str, path: str, total: int) -> tuple[int, bytes]:
    """Send a chunked body of up to `total` bytes; stop once the server answers.

    Return how many body bytes were sent by then, and the answer's head and body.
    """
    address = urlsplit(url)
    chunk = 64 * 1024
    piece = b"%x\r\n" % chunk + b" " * chunk + b"\r\n"
    head = (
        f"POST {path} HTTP/1.1\r\nHost: {address.netloc}\r\nContent-Type: application/json\r\n"
        "Transfer-Encoding: chunked\r\n\r\n"
    ).encode()
    sent = 0
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(head)
        pending = memoryview(b"")
        while sent < total:
            readable, writable, _ = select.select([connection], [connection], [], 30)
            if readable:
                break
            if writable:
                if not pending:
                    pending = memoryview(piece)
                written = connection.send(pending)
                pending = pending[written:]
                sent += written
        return sent, read_answer(connection)


def read_answer(connection: socket.socket) -> bytes:
    """Return a whole HTTP answer (head and body) as it arrives on the connection."""
    answer = b""
    while b"\r\n\r\n" not in answer or len(answer.partition(b"\r\n\r\n")[2]) < _length(answer):
        received = connection.recv(65536)
        if not received:
            break
        answer += received
    return answer


def _length(answer: bytes) -> int:
    for line in answer.partition(b"\r\n\r\n")[0].split(b"\r\n"):
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            return int(value)
    return 0


def test_a_screening_answer_given_twice_is_refused_naming_it_and_nothing_is_stored(
    client: httpx.Client,
) -> None:
    body = screening_with_twice("urine-difficulty", first=True)

    detail = assert_error(client.post("/api/screening", content=body, headers=JSON), 422)

    assert detail[0]["loc"] == ["body"]
    assert "'urine-difficulty' is given more than once" in detail[0]["msg"]
    assert client.get("/api/screening/latest").json()["screen_due"] is True


def test_a_result_with_a_key_given_twice_or_nan_is_refused_and_nothing_is_stored(
    client: httpx.Client,
) -> None:
    session = started_session(client)
    path = f"/api/sessions/{session}/results"
    body = json.dumps(result_body())
    twice = '{"skipped": true, ' + body[1:]
    nan = body.replace('"hold_seconds": 10.0', '"hold_seconds": NaN')

    refused_twice = assert_error(client.post(path, content=twice, headers=JSON), 422)
    refused_nan = assert_error(client.post(path, content=nan, headers=JSON), 422)

    assert "'skipped' is given more than once" in refused_twice[0]["msg"]
    assert "NaN is not a JSON number" in refused_nan[0]["msg"]
    assert client.get("/api/sessions/current").json()["results"] == []


def test_json_nested_ten_thousand_deep_is_a_4xx_naming_it_not_a_500(
    client: httpx.Client,
) -> None:
    imported = client.post("/api/import", content=DEEP, headers=JSON)
    restored = client.post("/data/restore", files={"backup": ("deep.json", DEEP)})
    answered = client.post("/api/screening", content=DEEP, headers=JSON)

    assert "nested more than 32 levels deep" in assert_error(imported, 400)
    assert restored.status_code == 400
    assert "nested more than 32 levels deep" in restored.text
    assert "nested more than 32 levels deep" in assert_error(answered, 422)[0]["msg"]


def test_a_body_over_the_limit_is_413_with_json_before_it_is_all_sent(web_server: str) -> None:
    sent, answer = stream_until_answered(web_server, "/api/screening", 64 * 1024 * 1024)

    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"content-type: application/json" in answer.lower()
    assert answer.endswith(
        b'{"detail":"the request body is larger than 64 KB, the most this address takes"}'
    )
    assert sent < MAX_BODY_BYTES + IN_FLIGHT


def test_a_backup_over_its_limit_is_refused_before_it_is_all_sent(
    web_server: str, client: httpx.Client
) -> None:
    sent, answer = stream_until_answered(web_server, "/api/import", 8 * MAX_FILE_BYTES)

    assert answer.startswith(b"HTTP/1.1 413 ")
    assert answer.endswith(b'larger than 32 MB, the most this address takes"}')
    assert MAX_FILE_BYTES < sent < MAX_FILE_BYTES + IN_FLIGHT
    assert client.get("/api/history").status_code == 200


def test_a_body_declared_too_large_is_refused_before_any_of_it_is_read(web_server: str) -> None:
    address = urlsplit(web_server)
    with socket.create_connection((address.hostname, address.port), timeout=30) as connection:
        connection.sendall(
            f"POST /api/pain HTTP/1.1\r\nHost: {address.netloc}\r\n"
            "Content-Type: application/json\r\nContent-Length: 300000000\r\n\r\n".encode()
        )
        answer = read_answer(connection)

    assert answer.startswith(b"HTTP/1.1 413 ")
    assert b"content-security-policy" in answer.lower()
    assert answer.endswith(b'the most this address takes"}')


def test_a_form_post_over_the_limit_is_refused_with_the_error_page(client: httpx.Client) -> None:
    response = client.post("/history/pain", data={"score": "3", "note": "x" * (100 * 1024)})

    assert response.status_code == 413
    assert response.headers["content-type"].startswith("text/html")
    assert "larger than 64 KB" in response.text
    assert client.get("/api/history").json()["diary"] == []


def test_a_backup_file_over_its_limit_is_refused_on_the_data_page(client: httpx.Client) -> None:
    too_large = b" " * (MAX_FILE_BYTES + 128 * 1024)

    response = client.post("/data/restore", files={"backup": ("backup.json", too_large)})

    assert response.status_code == 413
    assert "That file is larger than 32 MB, more than any backup. Nothing changed." in response.text
    assert '<form method="post" action="/data/restore"' in response.text


def test_a_backup_larger_than_the_api_limit_still_restores(client: httpx.Client) -> None:
    client.post("/api/pain", json={"score": 3})
    backup = client.get("/api/export/backup").content
    padded = backup + b" " * (2 * MAX_BODY_BYTES)

    response = client.post("/api/import", content=padded, headers=JSON)

    assert response.status_code == 200, response.text
    assert response.json()["skipped"]["pain_entries"] == 1


def test_a_large_bad_body_is_not_echoed_back_whole(client: httpx.Client) -> None:
    session = started_session(client)
    body = result_body(idempotency_key="x" * 60_000)

    response = client.post(f"/api/sessions/{session}/results", json=body)

    detail = assert_error(response, 422)
    assert detail[0]["loc"] == ["body", "idempotency_key"]
    assert len(response.content) < 1000


def test_every_route_with_a_json_body_reads_it_through_the_shared_reader() -> None:
    modules = [
        importlib.import_module(f"spinecoach.web.routes.{module.name}")
        for module in pkgutil.iter_modules(spinecoach.web.routes.__path__)
    ]
    # Every module that declares routes; helpers beside them (start_screen) have no router.
    routers = [module.router for module in modules if hasattr(module, "router")]
    routes = [route for router in routers for route in router.routes]

    with_bodies = [r for r in routes if isinstance(r, APIRoute) and r.body_field is not None]

    assert {route.path for route in with_bodies} >= {"/api/screening", "/api/pain"}
    assert all(isinstance(route, JsonBodyRoute) for route in with_bodies), [
        route.path for route in with_bodies if not isinstance(route, JsonBodyRoute)
    ]
