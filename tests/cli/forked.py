"""Run the `spinecoach` command in a fresh process forked from one that imported it already.

Each command run by the tests was a new Python process importing SQLAlchemy, Pydantic, Typer
and the app: about 0.5 s of CPU, a fifth of the whole test run's CPU time. Here one process per
test worker imports them once and waits; for each command it forks a child, which takes the
test's stdin, stdout and stderr (passed over a Unix socket), environment, working directory
and arguments, and runs the console script's entry point. The command still runs in a process
of its own, with real pipes and a real exit status; only the imports are shared. The README
test, the terminal (tmux) tests and every test that starts the command another way still run
the installed script from scratch, so a broken import or entry point is caught there.
"""

import atexit
import json
import os
import signal
import socket
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

# The forking process: imports what every command imports, then serves one request per
# connection: a JSON line (argv, env, cwd) with three file descriptors; answers the child's pid
# and then its exit status.
ZYGOTE = r"""
import array, json, os, signal, socket, sys, threading
import spinecoach.cli.main, spinecoach.cli.storage, spinecoach.coaching.access
import spinecoach.store.database, spinecoach.store.repository, spinecoach.catalog.loader

listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
listener.bind(sys.argv[1])
listener.listen(16)


def end_with_the_tests():
    # Returns when the test process that started us is gone, however it ended. os.read, not
    # sys.stdin: a fork would copy sys.stdin's lock held by this thread, and a command
    # reading its input through sys.__stdin__ would wait for it for ever.
    while os.read(0, 4096):
        pass
    os._exit(0)


threading.Thread(target=end_with_the_tests, daemon=True).start()
print("ready", flush=True)


def run_child(request, fds):
    stdin, stdout, stderr = fds
    for fd, target in ((stdin, 0), (stdout, 1), (stderr, 2)):
        os.dup2(fd, target)
        os.close(fd)
    os.environ.clear()
    os.environ.update(request["env"])
    os.chdir(request["cwd"])
    sys.argv = request["argv"]
    signal.signal(signal.SIGINT, signal.default_int_handler)
    # New text streams on the new descriptors, set up as a new interpreter would from env.
    encoding = os.environ.get("PYTHONIOENCODING", "utf-8").split(":")[0] or "utf-8"
    sys.stdin = open(0, "r", encoding=encoding, closefd=False)
    sys.stdout = open(1, "w", encoding=encoding, closefd=False)
    sys.stderr = open(2, "w", encoding=encoding, closefd=False, buffering=1)
    code = 1
    try:
        code = spinecoach.cli.main.app()
    except SystemExit as stop:
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if stop.code is not None and not isinstance(stop.code, int):
            print(stop.code, file=sys.stderr)
    except BaseException:
        import traceback
        traceback.print_exc()
    finally:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:
                pass
    os._exit(code if isinstance(code, int) else 0)


def serve(connection):
    with connection:
        message, fds, _, _ = socket.recv_fds(connection, 1 << 20, 3)
        request = json.loads(message)
        pid = os.fork()
        if pid == 0:
            listener.close()
            connection.close()
            run_child(request, fds)
        for fd in fds:
            os.close(fd)
        connection.sendall(f"{pid}\n".encode())
        _, status = os.waitpid(pid, 0)
        connection.sendall(f"{os.waitstatus_to_exitcode(status)}\n".encode())


while True:
    connection, _ = listener.accept()
    threading.Thread(target=serve, args=(connection,), daemon=True).start()
"""


class Zygote:
    """One forking process per test worker, started on first use."""

    def __init__(self) -> None:
        self._folder = tempfile.mkdtemp(prefix="spinecoach-zygote-")
        self.address = str(Path(self._folder) / "socket")
        self._process = subprocess.Popen(
            [sys.executable, "-c", ZYGOTE, self.address],
            stdin=subprocess.PIPE,  # never written: its end tells the process to stop
            stdout=subprocess.PIPE,
            text=True,
        )
        assert self._process.stdout is not None
        said = self._process.stdout.readline().strip()
        assert said == "ready", f"the forking process said {said!r}"

    def run(
        self, argv: list[str], env: dict[str, str], stdin: str, timeout: float, cwd: str
    ) -> subprocess.CompletedProcess[str]:
        """Run the command; return what it wrote and its exit code, as subprocess.run does."""
        read_end, write_end = os.pipe()
        with (
            tempfile.TemporaryFile() as out,
            tempfile.TemporaryFile() as err,
            socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as connection,
        ):
            connection.connect(self.address)
            request = json.dumps({"argv": argv, "env": env, "cwd": cwd}).encode()
            socket.send_fds(connection, [request], [read_end, out.fileno(), err.fileno()])
            os.close(read_end)
            # Written by a thread, as subprocess.run does: more than a pipe holds would block.
            feeder = threading.Thread(target=_feed, args=(write_end, stdin.encode()), daemon=True)
            feeder.start()
            answers = connection.makefile("r")
            pid = int(answers.readline())
            connection.settimeout(timeout)
            try:
                code = int(answers.readline())
            except TimeoutError:
                os.kill(pid, signal.SIGKILL)
                raise subprocess.TimeoutExpired(argv, timeout) from None
            feeder.join()
            out.seek(0)
            err.seek(0)
            stdout = out.read().decode()
            stderr = err.read().decode()
        return subprocess.CompletedProcess(argv, code, stdout, stderr)

    def close(self) -> None:
        """Stop the forking process."""
        self._process.kill()
        self._process.wait(timeout=30)


def _feed(fd: int, data: bytes) -> None:
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except BrokenPipeError:  # the command ended without reading it all, as it may
        pass
    finally:
        os.close(fd)


_zygote: Zygote | None = None


@atexit.register
def _stop() -> None:
    if _zygote is not None:
        _zygote.close()


def forked_run(
    argv: list[str], env: dict[str, str], stdin: str, timeout: float, cwd: str | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `spinecoach` with argv (after the program name) as a fresh fork of the zygote."""
    global _zygote
    if _zygote is None:
        _zygote = Zygote()
    return _zygote.run(["spinecoach", *argv], env, stdin, timeout, cwd or os.getcwd())
