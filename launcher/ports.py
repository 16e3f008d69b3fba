"""For whoever runs the product (make run): is a port free, and is the process listening on it the one we started?

`make run` checks every port before it trains or loads anything (a port already taken fails
in seconds, naming the variable to change), and a service counts as ready only when the
socket answering its health check belongs to the process the supervisor started, so a
stranger answering on 5005 is never taken for our Rasa server.
"""

from __future__ import annotations

import os
import socket
from pathlib import Path
from typing import Optional

PROC = Path("/proc")


def port_in_use(host: str, port: int) -> bool:
    """True when something listens on host:port (a connection in TIME_WAIT does not count:
    the services set SO_REUSEADDR too)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as s:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((host, port))
        except OSError:
            return True
    return False


def _listening_inodes(port: int) -> set[str]:
    """Socket inodes in LISTEN state on `port` (any address), from /proc/net/tcp{,6}."""
    inodes: set[str] = set()
    for table in ("tcp", "tcp6"):
        try:
            lines = (PROC / "net" / table).read_text().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == port:
                inodes.add(inode)
    return inodes


def _tree(pid: int) -> list[int]:
    """pid and every descendant (through /proc/<pid>/task/*/children)."""
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in (PROC / str(current) / "task").glob("*/children"):
            try:
                todo.extend(int(child) for child in task.read_text().split())
            except OSError:
                pass
    return found


def _socket_inodes(pid: int) -> set[str]:
    inodes: set[str] = set()
    try:
        fds = list((PROC / str(pid) / "fd").iterdir())
    except OSError:
        return inodes
    for fd in fds:
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith("socket:["):
            inodes.add(target[8:-1])
    return inodes


def listens_on(pid: int, port: int) -> Optional[bool]:
    """Does process `pid` (or a child of it) hold the listening socket on `port`?

    None where /proc cannot tell (not Linux): the caller then relies on the port having
    been free before the start and the child being alive."""
    if not (PROC / "net" / "tcp").exists():
        return None
    listening = _listening_inodes(port)
    if not listening:
        return False
    return any(listening & _socket_inodes(p) for p in _tree(pid))
