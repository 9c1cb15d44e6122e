"""How many TCP connections a process holds on a port, read from Linux's /proc (no tool needed).

For showing that a proxy's requests reached a server process: each connection the server
accepted is a socket among its open files, on the port it listens on.
"""

import os
from pathlib import Path

PROC = Path("/proc")
ESTABLISHED = "01"  # the state column of /proc/net/tcp


def _socket_inodes(pid: int) -> set[str]:
    """Return the inode numbers of the sockets a process has open."""
    inodes = set()
    try:
        for fd in (PROC / str(pid) / "fd").iterdir():
            target = os.readlink(fd)
            if target.startswith("socket:["):
                inodes.add(target[len("socket:[") : -1])
    except OSError:
        pass  # the process ended meanwhile, or a descriptor closed while being read
    return inodes


def accepted_connections(pid: int, port: int) -> int:
    """Return how many open connections the process holds on its local TCP port."""
    inodes = set()
    for line in (PROC / "net" / "tcp").read_text().splitlines()[1:]:
        fields = line.split()
        local_port = int(fields[1].split(":")[1], 16)
        if local_port == port and fields[3] == ESTABLISHED:
            inodes.add(fields[9])
    return len(_socket_inodes(pid) & inodes)
