"""For whoever runs the product (make run): processes that end when their parent ends, even when the parent is killed with SIGKILL.

Linux's prctl(PR_SET_PDEATHSIG) asks the kernel to signal a process when the *thread* that
forked it exits, so the supervisor starts and restarts every child from one long-lived
thread (the main one). Elsewhere this does nothing and Ctrl-C / SIGTERM still stop
everything through Supervisor.stop().
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from typing import Callable

_PR_SET_PDEATHSIG = 1
# Loaded once in the parent: the child calls it between fork and exec, where importing or
# loading a library could deadlock.
_prctl = ctypes.CDLL(None, use_errno=True).prctl if sys.platform.startswith("linux") else None


def die_with_parent(sig: int = signal.SIGTERM, parent: int | None = None) -> None:
    """Ask for `sig` when the parent goes; if it has already gone (reparented), go now."""
    if _prctl is None:
        return
    _prctl(_PR_SET_PDEATHSIG, int(sig), 0, 0, 0)
    if parent is not None and os.getppid() != parent:
        os.kill(os.getpid(), sig)


def child_preexec() -> Callable[[], None]:
    """A Popen preexec_fn: the child dies with this process (the one starting it)."""
    parent = os.getpid()
    return lambda: die_with_parent(signal.SIGTERM, parent)
