"""Killing a process group hard, for the crash tests (a uniquely named module: every test
folder has a conftest.py, so `from conftest import ...` picks whichever was imported first)."""

import os
import signal


def kill_hard(proc) -> None:
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(10)
