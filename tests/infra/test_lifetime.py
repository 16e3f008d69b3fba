"""A supervisor killed with SIGKILL leaves no service serving (PR_SET_PDEATHSIG)."""

import os
import signal
import subprocess
import sys
import time

from shared.settings import ROOT
from launcher.supervisor import ServiceFailed, free_port, wait_healthy

PARENT = """
import sys, time
from launcher.service import Service
from launcher.supervisor import Supervisor
port = int(sys.argv[1])
sup = Supervisor({}, echo=False)
sup.start_all([Service("web", [sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1"],
                       f"http://127.0.0.1:{port}/", ready_timeout=20)])
print("ready", flush=True)
time.sleep(120)
"""


def test_children_stop_answering_when_the_supervisor_is_killed():
    port = free_port()
    parent = subprocess.Popen([sys.executable, "-c", PARENT, str(port)], cwd=ROOT,
                              stdout=subprocess.PIPE, text=True)
    assert parent.stdout.readline().strip() == "ready"
    wait_healthy(f"http://127.0.0.1:{port}/", timeout=5)
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    time.sleep(5)
    try:
        wait_healthy(f"http://127.0.0.1:{port}/", timeout=0.5)
        answered = True
    except ServiceFailed:
        answered = False
    assert not answered
