"""What the widget's page serves comes only from the run set-up (webchat, bin/ensure-webchat),
never from the browser tests' own tools (tests/webchat, bin/ensure-browser): otherwise the
browser tests could pass on a checkout where `make run` serves a chat that cannot connect."""

import json
import re
import os
import shutil
import subprocess
from pathlib import Path

import pytest
import requests

from shared.settings import ROOT

WEBCHAT = ROOT / "webchat"
TOOLS = ROOT / "tests" / "webchat"
SERVED_CLIENT = WEBCHAT / "node_modules" / "socket.io-client" / "dist" / "socket.io.min.js"


def _locked(folder: Path) -> dict[str, str]:
    """Every package a lock file installs (direct or not), name -> version."""
    packages = json.loads((folder / "package-lock.json").read_text())["packages"]
    return {path.rsplit("node_modules/", 1)[1]: meta["version"] for path, meta in packages.items() if path}


def test_the_run_and_test_packages_are_apart():
    run, tools = _locked(WEBCHAT), _locked(TOOLS)
    assert run["socket.io-client"] == "4.8.1"
    assert "socket.io-client" not in tools and not any(name.startswith("engine.io") for name in tools)
    assert {"playwright-core", "axe-core"} <= tools.keys()
    assert not {"playwright-core", "axe-core"} & run.keys()  # `make run` installs no test tools
    assert not (TOOLS / "node_modules" / "socket.io-client").exists()


def test_the_page_serves_the_socketio_client_the_run_set_up_installed(stack):
    served = requests.get(f"{stack.webchat_origin}/vendor/socket.io.min.js", timeout=10)
    assert served.status_code == 200
    assert served.content == SERVED_CLIENT.read_bytes()
    installed = json.loads((WEBCHAT / "node_modules" / "socket.io-client" / "package.json").read_text())
    assert installed["version"] == _locked(WEBCHAT)["socket.io-client"]


def test_ensure_browser_installs_only_into_the_test_folder(tmp_path):
    """bin/ensure-browser on a tree with nothing installed: npm runs in tests/webchat alone."""
    tree = tmp_path / "tree"
    (tree / "bin").mkdir(parents=True)
    shutil.copy2(ROOT / "bin" / "ensure-browser", tree / "bin")
    for folder in (WEBCHAT, TOOLS):
        target = tree / folder.relative_to(ROOT)
        target.mkdir(parents=True, exist_ok=True)
        for name in ("package.json", "package-lock.json"):
            shutil.copy2(folder / name, target)
    fake_bin = tmp_path / "fake-bin"
    fake_bin.mkdir()
    calls = tmp_path / "npm-calls"
    npm = fake_bin / "npm"
    npm.write_text(f'#!/bin/sh\necho "$(pwd) $*" >> {calls}\n')
    npm.chmod(0o755)
    env = dict(os.environ, PATH=f"{fake_bin}{os.pathsep}{os.environ['PATH']}")
    subprocess.run(["bash", str(tree / "bin" / "ensure-browser")], env=env, check=True, timeout=120,
                   capture_output=True)
    (line,) = calls.read_text().splitlines()
    where, args = line.split(" ", 1)
    assert Path(where) == tree / "tests" / "webchat" and args.startswith("ci")


def test_the_demo_server_is_unhealthy_and_will_not_start_without_the_client(monkeypatch, tmp_path):
    """So `make run` cannot say "running" while the page's chat has no socket.io client."""
    import asyncio

    from aiohttp.test_utils import TestClient, TestServer

    from webchat import server

    async def health_status() -> int:
        async with TestClient(TestServer(server.make_app())) as client:
            return (await client.get("/health")).status

    assert asyncio.run(health_status()) == 200
    monkeypatch.setattr(server, "socketio_client_path", lambda: tmp_path / "missing.js")
    assert asyncio.run(health_status()) == 503
    with pytest.raises(SystemExit, match="bin/ensure-webchat"):
        server.run("127.0.0.1", 0)


def _words_table(source: str) -> tuple[dict[str, str], str]:
    """WORDS in widget.js as {id: text}, and the source without the table."""
    start = source.index("var WORDS = {")
    end = source.index("};", start)
    table = dict(re.findall(r"^\s*(\w+): '((?:[^'\\]|\\.)*)',?$", source[start:end], re.M))
    return table, source[:start] + source[end:]


@pytest.mark.parametrize("script, least", [(WEBCHAT / "widget.js", 40),
                                           (ROOT / "bot" / "console" / "static" / "console.js", 20)])
def test_every_word_a_script_shows_comes_from_its_words_table(script, least):
    source = script.read_text()
    table, rest = _words_table(source)
    assert len(table) >= least
    called = set(re.findall(r"\bword\('(\w+)'", rest))
    assert called and called - set(table) == set(), "word() names an id the table lacks"
    named = {key for key in table if f"'{key}'" in rest}  # word('x'), or word(n === 1 ? 'x' : 'y', n)
    assert set(table) - named == set(), "a word in the table is never shown"
    # No sentence of the table is also written out elsewhere in the widget's code.
    code = re.sub(r"(?m)(^|\s)//[^\n]*", "", re.sub(r"/\*.*?\*/", "", rest, flags=re.S))
    for key, text in table.items():
        if len(text.split()) >= 2:
            assert text not in code, f"{key}: {text!r} is written outside WORDS"
