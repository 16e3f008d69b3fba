"""`make run` as a person starts it, in a fresh clone of the committed HEAD: the tests in this
folder drive the README's command itself, not the test fixtures' start-up.

The clone gets nothing from the test set-up: make run builds its own .venv (uv's cache makes
that quick), installs its own npm packages and checks its own model. The one thing copied in is
the trained model whose name is the clone's own input fingerprint (launcher/training.py): make run's
set-up then finds it exactly as it would after training, and training from a fresh clone is
already what CI does on every run (`make test` in a fresh clone calls the same ensure_model).
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from launcher.ports import port_in_use
from launcher.services import full_product
from shared.settings import ROOT, Settings
from launcher.supervisor import free_port
from launcher.training import model_path

RUNNING = "assistant is running"


def port_variables() -> list[str]:
    """The variable that moves each port `make run` opens, from the services it starts (so a
    service added to launcher/services.py is covered here without a change)."""
    services = full_product(Settings(), Path("model.tar.gz"))
    return [service.port_variable for service in services if service.port_variable]


def clone_head(target: Path) -> Path:
    """A fresh clone of the checkout's committed HEAD, and the model for its fingerprint if the
    checkout has one (otherwise make run trains it)."""
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(target)], check=True,
                   timeout=300)
    trained = model_path(ROOT)
    wanted = model_path(target)
    if trained.exists() and trained.name == wanted.name:
        shutil.copyfile(trained, wanted)
    return target


def clean_env(ports: dict[str, int]) -> dict[str, str]:
    """A person's shell: none of the test run's settings, its .venv or its PYTHONPATH."""
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("ASB_", "RASA_", "PYTEST", "CASE_SYSTEM")) and
           k not in ("PYTHONPATH", "VIRTUAL_ENV", "MAKEFLAGS", "MFLAGS", "MAKELEVEL")}
    venv_bin = str(ROOT / ".venv" / "bin")
    env["PATH"] = os.pathsep.join(p for p in env.get("PATH", "").split(os.pathsep)
                                  if p and os.path.realpath(p) != os.path.realpath(venv_bin))
    env.update({variable: str(port) for variable, port in ports.items()})
    # The demo page's origin moves with its port; the README documents this variable.
    env["ASB_ALLOWED_ORIGINS"] = f"http://127.0.0.1:{ports['ASB_WEBCHAT_PORT']}"
    return env


@dataclass
class MakeRun:
    """One `make run` in `folder`, its output in a file (a pipe nobody reads could block it)."""

    folder: Path
    ports: dict[str, int]  # port variable -> the free port given to it
    proc: subprocess.Popen
    log: Path

    @classmethod
    def start(cls, folder: Path, log: Path) -> "MakeRun":
        ports = {variable: free_port() for variable in port_variables()}
        out = open(log, "ab")
        proc = subprocess.Popen(["make", "run"], cwd=folder, env=clean_env(ports), stdin=subprocess.DEVNULL,
                                stdout=out, stderr=subprocess.STDOUT,
                                start_new_session=True)  # a terminal's job: Ctrl-C reaches the group
        out.close()
        return cls(folder, ports, proc, log)

    def output(self) -> str:
        return self.log.read_text(errors="replace")

    def wait_running(self, timeout: float) -> float:
        started = time.monotonic()
        while RUNNING not in self.output():
            if self.proc.poll() is not None:
                raise AssertionError(f"make run exited ({self.proc.returncode}) before running:\n"
                                     f"{self.output()[-6000:]}")
            if time.monotonic() - started > timeout:
                raise AssertionError(f"make run not running after {timeout:.0f} s:\n{self.output()[-6000:]}")
            time.sleep(0.5)
        return time.monotonic() - started

    def url(self, variable: str) -> str:
        return f"http://127.0.0.1:{self.ports[variable]}"

    def ctrl_c(self, timeout: float = 60) -> int:
        os.killpg(self.proc.pid, signal.SIGINT)
        return self.proc.wait(timeout)

    def kill_make(self) -> None:
        """SIGKILL to make alone, as when its terminal or a process manager kills it."""
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait(10)

    def listening(self) -> list[str]:
        return [f"{v}={p}" for v, p in self.ports.items() if port_in_use("127.0.0.1", p)]

    def cleanup(self) -> None:
        """After a failed test: end whatever is still running from the clone."""
        for pid in processes_in(self.folder):
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(10)


def processes_in(folder: Path) -> list[int]:
    """Processes whose working directory is in `folder` (every service make run starts is)."""
    found = []
    root = os.path.realpath(folder)
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            cwd = os.readlink(entry / "cwd")
        except OSError:
            continue
        if cwd == root or cwd.startswith(root + os.sep):
            found.append(int(entry.name))
    return found


def pid_of(folder: Path, module: str) -> Optional[int]:
    """The process started from `folder` running `python -m module`."""
    for pid in processes_in(folder):
        try:
            argv = (Path("/proc") / str(pid) / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if module.encode() in argv:
            return pid
    return None


def command_lines() -> list[str]:
    """Every process's command line, as `ps` shows it to any local user."""
    lines = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            lines.append(cmdline.read_bytes().replace(b"\0", b" ").decode("utf-8", "replace"))
        except OSError:
            pass
    return lines
