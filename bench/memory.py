"""For developers: peak memory (VmHWM: the most resident memory a process ever had) of service processes.

A sampler thread walks each service's process and all its descendants every second and keeps,
per service, the largest single-process peak and the peak of the sum over the tree (children
that come and go are caught while they live).
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Callable, Optional

PROC = Path("/proc")


def _children_map() -> dict[int, list[int]]:
    kids: dict[int, list[int]] = {}
    for entry in PROC.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # "pid (comm) state ppid ...": comm may hold spaces, so split after the last ')'.
        ppid = int(stat.rsplit(")", 1)[1].split()[1])
        kids.setdefault(ppid, []).append(int(entry.name))
    return kids


def tree(pid: int, kids: Optional[dict[int, list[int]]] = None) -> list[int]:
    kids = kids if kids is not None else _children_map()
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(kids.get(p, []))
    return out


def vm_hwm_kb(pid: int) -> Optional[int]:
    try:
        for line in (PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError):
        return None
    return None


class PeakMemory:
    """Sample while running; `peaks()` gives MB per service name."""

    def __init__(self, pids: Callable[[], dict[str, int]], interval: float = 1.0):
        self._pids = pids  # name -> root pid, asked each time (services may be added)
        self._interval = interval
        self._per_pid: dict[str, dict[int, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def sample(self) -> None:
        kids = _children_map()
        for name, root in self._pids().items():
            seen = self._per_pid.setdefault(name, {})
            for pid in tree(root, kids):
                kb = vm_hwm_kb(pid)
                if kb is not None:
                    seen[pid] = max(seen.get(pid, 0), kb)

    def _run(self) -> None:
        while not self._stop.wait(self._interval):
            self.sample()

    def __enter__(self) -> "PeakMemory":
        self.sample()
        self._thread.start()
        return self

    def __exit__(self, *_exc) -> None:
        self._stop.set()
        self._thread.join()
        self.sample()

    def peaks(self) -> dict[str, dict]:
        return {
            name: {"peak_mb": round(max(per.values(), default=0) / 1024, 1),
                   "tree_mb": round(sum(per.values()) / 1024, 1),
                   "processes": len(per)}
            for name, per in self._per_pid.items()
        }


def own_pid_map(procs) -> dict[str, int]:
    """Supervisor.procs ([(service, Popen)]) as name -> pid, for PeakMemory."""
    return {service.name: proc.pid for service, proc in procs if proc.poll() is None}

