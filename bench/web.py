"""Load the web app and a bare Starlette app alike; print throughput, latency and page weight.

Both run in uvicorn with one worker on loopback; wrk (Debian package) drives each from its own
process with 50 connections for 20 s. Measured: GET / (the home page) and recording an exercise
result (POST /api/sessions/{id}/results, a real write each, synced to disk) on SQLite and on
PostgreSQL (a server of its own, fsync on), against a bare hello-world GET and a bare JSON POST.
Results are sent flat out, for throughput (target: >= 25 % of the bare app's), and paced at 100
a second from the same 50 connections, for latency (target: p99 under 50 ms). Flat out, the
bare echo and the results take turns in three rounds of 10 s and the median round's share is
the one judged: this machine's speed drifts by a sixth from minute to minute (the same build's
CPU time per result measured 0.43 and 0.50 ms a few minutes apart), which a single pair of
runs reads as a change of the app. Every result sent is a new one (counted in the database
afterwards): a result sent again is answered from what is stored, which costs less. A clinic
with 1,000 people in session sends about one result a second, so 100 a second is a hundred
times the real load; flat out, 50 connections with no pause only measure how long requests
queue behind each other, which no person makes happen.

Then SQLite with its write lock held by another process for 3 s (as a terminal session or a
large restore may): four browsers read (a page, a static file, the catalogue, round robin,
each every 200 ms or so) while ten phones send results that must wait. Targets: p99 of the
reads under 50 ms, and no result lost: each one answered 201 after the lock, or 503 and stored
when sent again.

Last, the bytes of a first visit to the player page in Chromium, all assets gzip-compressed as
sent (target <= 80 KB).
"""

import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

import httpx2 as httpx

CONNECTIONS = 50
SECONDS = 20
LOCK_SECONDS = 3
READERS = 4  # browsers reading while the lock is held: latency, not saturation, is measured
PHONES = 10  # each sends two results during the lock
BIN = Path(sys.executable).parent
ROOT = Path(__file__).resolve().parents[1]
BARE_APP = """
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

async def hello(request: Request) -> PlainTextResponse:
    return PlainTextResponse("Hello, world!")

async def echo(request: Request) -> JSONResponse:
    return JSONResponse(await request.json(), status_code=201)

app = Starlette(routes=[Route("/", hello), Route("/echo", echo, methods=["POST"])])
"""
# Each result is one a real player sends: the exercise planned at that position of a started
# session, within its dose (coaching/results.py refuses anything else). A session holds only
# six, so the load is spread over many sessions started beforehand, as a clinic's people are.
RECORD_SCRIPT = """
local sessions = {%(sessions)s}
local exercises = {%(exercises)s}
local counter = 0
-- base is a global: thread:set() writes globals, and a local would hide it (both threads
-- would then send the same results, measuring retries instead of new results).
base = 0
local threads = 0
function setup(thread)
  thread:set("base", threads)
  threads = threads + 1
end
request = function()
  local slot = counter
  counter = counter + 1
  local position = slot %% #exercises
  local index = math.floor(slot / #exercises) * 2 + base
  local session = sessions[index %% #sessions + 1]
  local body = string.format('{"position": %%d, "exercise": "%%s", "repetitions_done": 1,'
    .. ' "hold_seconds": 0, "skipped": false, "idempotency_key": "b%%d-%%d"}',
    position, exercises[position + 1], session, position)
  local path = "/api/sessions/" .. session .. "/results"
  return wrk.format("POST", path, {["Content-Type"] = "application/json"}, body)
end
%(pace)s
"""
# Each connection waits about this long before its next request: 50 connections, 100 results a
# second. The wait is random (half to one and a half times) because phones are not in step: a
# fixed one keeps all 50 in step, and each round arrives as one burst of 50.
PACE = """
function delay()
  return math.random(%d, %d)
end
"""
PACED_PER_SECOND = 100
PACED_WAIT_MS = 1000 * CONNECTIONS // PACED_PER_SECOND
ROUNDS = 3
ROUND_SECONDS = 10
# Enough for a round at 4,000 results a second (this machine gives about 2,500), then 20 s
# paced: each result is new, none a retry. Checked after the run (record_both).
ROUND_SESSIONS = 4_000 * ROUND_SECONDS // 6
BENCH_SESSIONS = ROUNDS * ROUND_SESSIONS
PACED_SESSIONS = PACED_PER_SECOND * SECONDS // 6 + 50


# Each reader asks every 200 ms or so: four browsers open on pages at once, far busier than a home.
READ_SCRIPT = """
local paths = {"/", "/static/player/player.css", "/api/catalog"}
local turn = 0
request = function()
  turn = turn + 1
  return wrk.format("GET", paths[turn % #paths + 1])
end
function delay()
  return math.random(100, 300)
end
"""
ECHO_SCRIPT = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"position": 1, "exercise": "cat-cow", "repetitions_done": 5, "hold_seconds": 0,'
  .. ' "skipped": false, "idempotency_key": "b1"}'
"""


class Recorded(NamedTuple):
    """Flat-out rounds (the bare echo's numbers, then the results'), the paced run, how many
    results wrk had answered and how many the database gained."""

    rounds: list[tuple[dict[str, float], dict[str, float]]]
    paced: dict[str, float]
    answered: int
    stored: int

    def all_new(self) -> bool:
        """Say whether each answered result was a new one, stored once.

        A retry is answered without a new row, so fewer rows than answers means some were.
        When wrk stops, the requests it leaves in flight (at most one per connection) are
        still stored, unanswered: so a few more rows than answers.
        """
        in_flight = CONNECTIONS * (len(self.rounds) + 1)
        return self.answered <= self.stored <= self.answered + in_flight

    def median_round(self) -> tuple[dict[str, float], dict[str, float]]:
        """Return the round whose share of the bare echo is the median one."""
        ordered = sorted(self.rounds, key=lambda pair: pair[1]["rps"] / pair[0]["rps"])
        return ordered[len(ordered) // 2]


def free_port() -> int:
    """Return a loopback TCP port nothing listens on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def wait_for(port: int) -> None:
    """Wait until a server accepts connections on the port."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"nothing answered on port {port}")


def start(command: list[str], port: int, workdir: Path) -> subprocess.Popen[bytes]:
    """Start a server process and wait until it answers."""
    log = (workdir / f"server-{port}.log").open("wb")
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, cwd=workdir)
    wait_for(port)
    return process


def stop(process: subprocess.Popen[bytes]) -> None:
    """Stop a server process started here."""
    process.terminate()
    process.wait(timeout=20)


def cpu_seconds(pid: int) -> float:
    """Return the CPU time a process has used so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def settle(process: subprocess.Popen[bytes]) -> None:
    """Wait until the server is idle: when wrk stops, the requests it left queued still run.

    Without this the home page's last slow requests delayed the first results by up to 330 ms
    (timed in the writer) and made their p99.
    """
    settle_pid(process.pid)


def settle_pid(pid: int) -> None:
    """Wait until the process uses (almost) no CPU for half a second."""
    deadline = time.monotonic() + 60
    before = cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(0.5)
        now = cpu_seconds(pid)
        if now - before < 0.02:
            return
        before = now
    raise SystemExit("the server stayed busy for a minute after the load stopped")


def wrk(
    url: str,
    script: str | None,
    workdir: Path,
    connections: int = CONNECTIONS,
    seconds: float = SECONDS,
) -> dict[str, float]:
    """Drive one URL with wrk and return requests per second, p50 and p99 in ms."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    if script is not None:
        path = workdir / f"script-{abs(hash(script))}.lua"
        path.write_text(script)
        command[1:1] = ["-s", str(path)]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"wrk failed on {url}:\n{done.stdout}\n{done.stderr}")
    output = done.stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise SystemExit(f"{url}: {non_2xx.group(1)} failed requests\n{output}")

    def latency(percent: str) -> float:
        found = re.search(rf"^\s+{percent}%\s+([\d.]+)(us|ms|s)\s*$", output, re.M)
        if not found:
            raise SystemExit(f"no {percent}% latency in wrk output:\n{output}")
        scale = {"us": 0.001, "ms": 1.0, "s": 1000.0}[found.group(2)]
        return float(found.group(1)) * scale

    rps = re.search(r"Requests/sec:\s+([\d.]+)", output)
    sent = re.search(r"(\d+) requests in", output)
    assert rps and sent, output
    return {
        "rps": float(rps.group(1)),
        "p50": latency("50"),
        "p99": latency("99"),
        "requests": float(sent.group(1)),
    }


def player_first_visit_bytes(base: str) -> dict[str, tuple[int, int]]:
    """Load the player page in a fresh Chromium; return bytes sent (gzip) and requests by kind.

    Kinds: the page with its scripts, styles and figures, and the spoken cues (audio that a
    browser without a voice of its own fetches from /api/speech as the session goes on).
    Counted from the network, whoever asked: the page, or its service worker, which fetches
    the figures and clips for it and keeps the player's files for offline use. A request the
    worker answers from its cache crossed no network and is not counted twice.
    """
    sys.path.insert(0, str(ROOT))
    from playwright.sync_api import Request
    from tests.browser import chromium

    with chromium() as browser:
        context = browser.new_context()
        asked: list[Request] = []
        ended: list[Request] = []
        # Playwright wraps each handler in an attribute, which a bound method cannot carry.
        context.on("request", lambda request: asked.append(request))
        context.on("requestfinished", lambda request: ended.append(request))
        context.on("requestfailed", lambda request: ended.append(request))
        page = context.new_page()
        page.goto(base + "/play", wait_until="networkidle")
        # The player fetches figures and spoken cues once it has waited for the browser's
        # voices, and on a busy machine they can still be on their way after a quiet moment on
        # the network: count only once every request has ended.
        page.wait_for_function("window.spinecoachPlayer?.prepared !== undefined")
        page.evaluate("spinecoachPlayer.prepared")
        deadline = time.monotonic() + 60
        while len(ended) < len(asked) and time.monotonic() < deadline:
            page.wait_for_timeout(200)
        if len(ended) < len(asked):
            raise SystemExit(f"{len(asked) - len(ended)} requests of the first visit never ended")
        kinds: dict[str, tuple[int, int]] = {}
        for request in ended:
            response = request.response()
            if response is None or response.from_service_worker:
                continue
            sizes = request.sizes()
            kind = "speech" if "/api/speech" in request.url else "page"
            total, count = kinds.get(kind, (0, 0))
            # Chromium reports no body size for the service worker's own script.
            body = sizes["responseBodySize"] or int(response.headers.get("content-length") or 0)
            size = body + sizes["responseHeadersSize"]
            kinds[kind] = (total + size, count + 1)
        context.close()
    return kinds


def line(name: str, result: dict[str, float], bare: dict[str, float] | None) -> str:
    """Format one measurement, with its ratio to the bare app when there is one."""
    ratio = f"  {result['rps'] / bare['rps']:6.1%} of bare" if bare else ""
    return (
        f"{name:<34} {result['rps']:8.0f} req/s  p50 {result['p50']:6.2f} ms  "
        f"p99 {result['p99']:6.2f} ms{ratio}"
    )


def main() -> None:
    """Measure both apps and print the results with the targets."""
    if shutil.which("wrk") is None:
        raise SystemExit("bench/web.py needs wrk: apt-get install wrk")
    workdir = Path(tempfile.mkdtemp(prefix="spinecoach-bench-"))
    (workdir / "bare_app.py").write_text(BARE_APP)
    bare_port = free_port()
    uvicorn = [str(BIN / "uvicorn"), "--log-level", "warning", "--workers", "1"]
    bare = start([*uvicorn, "--port", str(bare_port), "bare_app:app"], bare_port, workdir)

    # Each round of results is compared with the echo measured just before it (see the
    # module's docstring for why).
    def echo() -> dict[str, float]:
        """Measure the bare JSON echo now."""
        settle(bare)
        return wrk(
            f"http://127.0.0.1:{bare_port}/echo", ECHO_SCRIPT, workdir, seconds=ROUND_SECONDS
        )

    db = workdir / "bench.db"
    try:
        bare_get = wrk(f"http://127.0.0.1:{bare_port}/", None, workdir)
        with serving(str(db), workdir) as (base, app):
            # The page and the home page first, for a person with one session in progress, as
            # people have: the thousands started for the load below would weigh on both.
            first, routine = start_first(base)
            visit = player_first_visit_bytes(base)
            settle(app)
            home = wrk(f"{base}/", None, workdir)
            settle(app)
            more = more_sessions(f"sqlite:///{db}", first["id"], BENCH_SESSIONS + PACED_SESSIONS)
            exercises = [item["exercise"] for item in routine["exercises"]]
            settle(app)
            sessions = [first["id"], *more]
            record = record_both(base, app, f"sqlite:///{db}", sessions, exercises, workdir, echo)
        # A fresh database: the home page of a session holding thousands of results is slower.
        locked_db = workdir / "locked.db"
        with serving(str(locked_db), workdir) as (base, app):
            sessions, exercises = prepare_sessions(base, f"sqlite:///{locked_db}", PHONES)
            # A new server builds its templates and catalogue on first use: not what is timed.
            warm_up(base)
            settle(app)
            quiet = wrk(base, READ_SCRIPT, workdir, READERS, LOCK_SECONDS)
            settle(app)
            locked, outcomes = while_locked(base, locked_db, sessions, exercises, workdir)
        on_postgres = record_on_postgres(workdir, echo)
    finally:
        stop(bare)
        shutil.rmtree(workdir, ignore_errors=True)
    print(f"{CONNECTIONS} connections, {SECONDS} s each (unless said), one uvicorn worker, wrk -t2")
    print(f"load average while measuring: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(line("bare Starlette GET / (hello)", bare_get, None))
    print(line("spinecoach GET / (home page)", home, bare_get))
    for name, recorded in (("SQLite", record), ("PostgreSQL", on_postgres)):
        print(f"results on {name}, flat out, {ROUNDS} rounds of {ROUND_SECONDS} s after the echo:")
        for number, (bare_post, flat_out) in enumerate(recorded.rounds, start=1):
            print(line(f"  {number}. bare Starlette POST /echo", bare_post, None))
            print(line(f"  {number}. spinecoach POST result", flat_out, bare_post))
        bare_post, flat_out = recorded.median_round()
        share = flat_out["rps"] / bare_post["rps"]
        verdict = "met" if share >= 0.25 else "NOT met"
        print(f"  target: >= 25 % of bare, median round {share:.1%}: {verdict}")
        print(line(f"  paced at {PACED_PER_SECOND}/s", recorded.paced, None))
        print(f"  target: p99 < 50 ms, paced: {'met' if recorded.paced['p99'] < 50 else 'NOT met'}")
        print(
            f"  {recorded.answered} results answered, {recorded.stored} stored: each new and "
            f"stored once: {'yes' if recorded.all_new() else 'NO'}"
        )
    print(f"SQLite write lock held {LOCK_SECONDS} s by another process; {READERS} readers:")
    print(line("  page, CSS, catalogue, no lock", quiet, None))
    print(line("  page, CSS, catalogue, lock held", locked, None))
    print(f"  target: p99 < 50 ms with the lock held: {'met' if locked['p99'] < 50 else 'NOT met'}")
    print(
        f"  {outcomes['sent']} results sent by {PHONES} phones during the lock: "
        f"{outcomes['201']} answered 201, {outcomes['503']} answered 503 (then 201 on retry), "
        f"{outcomes['stored']} stored once each "
        f"(no result lost: {'met' if outcomes['stored'] == outcomes['sent'] else 'NOT met'})"
    )
    page_bytes, requests = visit.get("page", (0, 0))
    print(
        f"player page first visit: {page_bytes / 1024:.1f} KB gzip in {requests} requests, "
        f"figures included (target <= 80 KB: {'met' if page_bytes <= 80 * 1024 else 'NOT met'})"
    )
    speech_bytes, clips = visit.get("speech", (0, 0))
    print(f"  plus spoken cues fetched ahead: {speech_bytes / 1024:.1f} KB in {clips} clips")


@contextmanager
def serving(database: str, workdir: Path) -> Iterator[tuple[str, subprocess.Popen[bytes]]]:
    """Run `spinecoach serve` on the database; yield its address and process."""
    port = free_port()
    command = [str(BIN / "spinecoach"), "serve", "--db", database, "--port", str(port)]
    app = start(command, port, workdir)
    try:
        yield f"http://127.0.0.1:{port}", app
    finally:
        stop(app)


def record_on_postgres(workdir: Path, echo: Callable[[], dict[str, float]]) -> Recorded:
    """Record results on a PostgreSQL server of its own, flat out then paced; see record_both."""
    sys.path.insert(0, str(ROOT))
    from tests.conftest import running_postgres

    with running_postgres(fsync=True) as server:
        database_url = server.create_database()
        with serving(database_url, workdir) as (base, app):
            count = BENCH_SESSIONS + PACED_SESSIONS
            sessions, exercises = prepare_sessions(base, database_url, count)
            return record_both(base, app, database_url, sessions, exercises, workdir, echo)


def while_locked(
    base: str, db: Path, sessions: list[int], exercises: list[str], workdir: Path
) -> tuple[dict[str, float], dict[str, int]]:
    """Read and send results while another process holds the write lock; return the numbers.

    Each phone plays its own session and sends its first two results one after another, and
    one refused as busy again after the Retry-After the server asked for, as the player's
    outbox does.
    """
    sys.path.insert(0, str(ROOT))
    from tests.write_lock import write_lock

    def send(client: httpx.Client, session: int, position: int) -> int:
        body = {"position": position, "exercise": exercises[position], "repetitions_done": 1}
        body |= {"hold_seconds": 0.0, "skipped": False, "idempotency_key": f"lock-{position}"}
        path = f"/api/sessions/{session}/results"
        first = answer = client.post(path, json=body)
        while answer.status_code == 503:
            time.sleep(float(answer.headers["Retry-After"]))
            answer = client.post(path, json=body)
        answer.raise_for_status()
        return first.status_code

    def phone(client: httpx.Client, session: int) -> list[int]:
        with client:
            return [send(client, session, position) for position in (0, 1)]

    # Made before the lock: setting up a client's TLS context costs CPU the readers would feel.
    clients = [httpx.Client(base_url=base, timeout=60) for _ in range(PHONES)]
    with ThreadPoolExecutor(max_workers=PHONES) as phones:
        with write_lock(db):
            sent = [
                phones.submit(phone, client, session)
                for client, session in zip(clients, sessions, strict=True)
            ]
            reads = wrk(base, READ_SCRIPT, workdir, READERS, LOCK_SECONDS)
        firsts = [code for each in sent for code in each.result()]
    with sqlite3.connect(db) as connection:
        (stored,) = connection.execute(
            "SELECT COUNT(DISTINCT session_id || '-' || position) FROM exercise_results"
        ).fetchone()
    counts = {"sent": len(firsts), "stored": stored}
    counts |= {str(code): firsts.count(code) for code in (201, 503)}
    return reads, counts


def warm_up(base: str) -> None:
    """Ask each page the readers ask once, so what is built on first use is built."""
    with httpx.Client(base_url=base, timeout=30) as client:
        for path in ("/", "/static/player/player.css", "/api/catalog"):
            client.get(path).raise_for_status()


def start_first(base: str) -> tuple[dict[str, Any], dict[str, Any]]:
    """Pass the screen and start a session through the API; return it and its routine."""
    sys.path.insert(0, str(ROOT))
    from tests.web.api_helpers import answers

    with httpx.Client(base_url=base, timeout=30) as client:
        client.post("/api/screening", json={"answers": answers()}).raise_for_status()
        started = client.post("/api/sessions", json={"routine": "all-six", "pain_before": 3})
        started.raise_for_status()
    return started.json()["session"], started.json()["timeline"]["routine"]


def prepare_sessions(base: str, database_url: str, count: int) -> tuple[list[int], list[str]]:
    """Start one session through the API and `count - 1` more like it; see more_sessions.

    Return the sessions' ids and the exercise planned at each position.
    """
    first, routine = start_first(base)
    others = more_sessions(database_url, first["id"], count - 1)
    return [first["id"], *others], [item["exercise"] for item in routine["exercises"]]


def more_sessions(database_url: str, first_id: int, count: int) -> list[int]:
    """Start `count` sessions like the first one, straight in the store; return their ids.

    Setting up is not what is measured: starting twenty thousand through the API, or one
    commit each, would take longer than the measurement itself. Like the first in all but
    its browser: no player owns them, as wrk keeps no cookie.
    """
    from sqlalchemy import insert, select

    from spinecoach.records import SessionStatus, new_uuid
    from spinecoach.store.database import open_database
    from spinecoach.store.models import SessionRow

    engine = open_database(database_url)
    try:
        with engine.begin() as connection:
            copied = ("person_id", "started_at", "routine_id", "routine", "planned_seconds")
            first = connection.execute(
                select(*(SessionRow.__table__.c[name] for name in copied)).where(
                    SessionRow.id == first_id
                )
            ).one()
            like_first = {**first._asdict(), "status": SessionStatus.IN_PROGRESS.value}
            rows = [{**like_first, "uuid": new_uuid()} for _ in range(count)]
            started = connection.execute(insert(SessionRow).returning(SessionRow.id), rows)
            return sorted(started.scalars())
    finally:
        engine.dispose()


def results_stored(database_url: str) -> int:
    """Return how many exercise results the database holds."""
    from sqlalchemy import func, select

    from spinecoach.store.database import open_database
    from spinecoach.store.models import ExerciseResultRow

    engine = open_database(database_url)
    try:
        with engine.connect() as connection:
            return int(connection.scalar(select(func.count()).select_from(ExerciseResultRow)) or 0)
    finally:
        engine.dispose()


def record_script(sessions: list[int], exercises: list[str], paced: bool = False) -> str:
    """Return the wrk script that sends each session's planned results, each once."""
    return RECORD_SCRIPT % {
        "sessions": ", ".join(map(str, sessions)),
        "exercises": ", ".join(f'"{exercise}"' for exercise in exercises),
        "pace": PACE % (PACED_WAIT_MS // 2, PACED_WAIT_MS * 3 // 2) if paced else "",
    }


def record_both(
    base: str,
    app: subprocess.Popen[bytes],
    database_url: str,
    sessions: list[int],
    exercises: list[str],
    workdir: Path,
    echo: Callable[[], dict[str, float]],
) -> Recorded:
    """Send results flat out in rounds, each after the bare echo, then paced; see Recorded.

    Each round and the paced run send to sessions of their own, so each result is new.
    """
    before = results_stored(database_url)
    # What earlier measurements left to write goes to disk now, not during these rounds,
    # where it would slow each commit's sync.
    os.sync()
    rounds = []
    for number in range(ROUNDS):
        mine = sessions[number * ROUND_SESSIONS : (number + 1) * ROUND_SESSIONS]
        bare_post = echo()
        settle(app)
        record = wrk(base, record_script(mine, exercises), workdir, seconds=ROUND_SECONDS)
        rounds.append((bare_post, record))
    settle(app)
    paced_sessions = sessions[ROUNDS * ROUND_SESSIONS :]
    paced = wrk(base, record_script(paced_sessions, exercises, paced=True), workdir)
    answered = sum(record["requests"] for _, record in rounds) + paced["requests"]
    return Recorded(rounds, paced, int(answered), results_stored(database_url) - before)


if __name__ == "__main__":
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    main()
