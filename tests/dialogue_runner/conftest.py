"""Fixtures for testing the dialogue runner against a fake Rasa REST server."""

from __future__ import annotations

import io
import socket
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest

from tools.dialogue_tests.cli import main
from dialogue_fake_rasa import FakeRasa


@pytest.fixture
def fake():
    server = FakeRasa().start()
    try:
        yield server
    finally:
        server.stop()


@dataclass
class Run:
    code: int
    out: str
    err: str


@pytest.fixture
def story(tmp_path):
    """Write a story file from indented YAML text; return its path."""
    counter = {"n": 0}

    def write(text: str, name: str | None = None) -> Path:
        counter["n"] += 1
        path = tmp_path / "stories" / (name or f"story_{counter['n']}.yml")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
        return path

    return write


@pytest.fixture
def run():
    """Run the runner in-process: run(*argv) -> Run(code, out, err)."""

    def call(*argv: str) -> Run:
        out, err = io.StringIO(), io.StringIO()
        try:
            code = main([str(a) for a in argv], out=out, err=err)
        except SystemExit as exc:  # argparse usage errors
            code = exc.code
        return Run(code, out.getvalue(), err.getvalue())

    return call


@pytest.fixture
def closed_port() -> int:
    """A port on which nothing listens."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]
