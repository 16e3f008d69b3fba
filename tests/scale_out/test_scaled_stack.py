"""Several instances, the supported way (issue 18): two Rasa servers, two action servers and two
delivery workers behind HAProxy, on PostgreSQL and Redis (launcher/scaled/, as `make run-scaled`
starts them). Residents talk over socket.io through the balancer, as the widget does.

- 20 residents complete intakes, half on each Rasa server, while a delivery worker is killed
  holding applications the case system has not answered: each is delivered exactly once;
- an operator signed in through server A takes a conversation whose resident is connected to
  server B: words go both ways, the console on A hears B's changes, hand-back resumes the form;
- an operator stays signed in whichever server answers;
- a Rasa server is killed (SIGKILL) mid-conversation: its residents reconnect through the
  balancer, resume their sessions on the other server and finish, nothing lost or repeated.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import signal
import tempfile
import threading
import time
from pathlib import Path

import pytest
import requests

from launcher.scaled.haproxy import instance_name
from launcher.scaled.stack import ScaledPorts, scaled_stack
from launcher.supervisor import free_port
from resident import REFERENCE, Resident, texts
from shared.handoff.operators import Operators
from shared.outbox import queue
from shared.settings import Settings, temporarily
from tools.dialogue_tests.story import load_story

from live_stack import TEST_TODAY
from shared.settings import ROOT

STORIES = [load_story(ROOT / "tests" / "dialogues" / f"{name}.yml")
           for name in ("met_three_police_reports", "not_met_apply_anyway", "applicant_third_party_for_mum")]
INSTANCES = tuple(instance_name(i) for i in range(2))  # the balancer's names: rasa1, rasa2
PASSWORD = "correct horse battery staple"
LEASE_S = 8


@pytest.fixture(scope="module")
def scaled(tmp_path_factory, model_path):
    work = tmp_path_factory.mktemp("scaled")
    webchat_port = free_port()
    origin = f"http://127.0.0.1:{webchat_port}"
    # Everything the services read is given here: the session's live stack has rewritten this
    # process's environment (tests/live_stack.py), which children would otherwise inherit.
    overrides = {"ASB_HOST": "127.0.0.1", "ASB_VAR_DIR": str(work / "var"), "ASB_ALLOWED_ORIGINS": origin,
                 "ASB_CASE_SYSTEM_PORT": str(free_port()), "ASB_PURGE_HEALTH_PORT": str(free_port()),
                 "ASB_WEBCHAT_PORT": str(webchat_port), "ASB_TEST_CLOCK": "1", "ASB_OPERATOR_HOURS": "00:00-24:00",
                 "ASB_DELIVERY_CONCURRENCY": "4", "ASB_DELIVERY_TIMEOUT_S": str(LEASE_S - 1),
                 "ASB_DELIVERY_LEASE_S": str(LEASE_S), "RASA_API_TOKEN": secrets.token_hex(16)}
    drop = ("CASE_SYSTEM_URL", "ASB_TRACKER_DB", "ASB_OUTBOX_DB", "ASB_HANDOFF_DB", "ASB_ENDED_SESSIONS_DB",
            "ASB_OPERATORS_FILE", "ASB_DELIVERY_HEARTBEAT", "ASB_SESSION_SECRET", "ASB_DATABASE_URL")
    pg_dir = Path(tempfile.mkdtemp(prefix="asb-scaled-pg-"))  # one `postgres` can enter when run as root
    with temporarily(overrides, drop=drop):
        settings = Settings()
        ports = ScaledPorts.choose(free_port())
        with scaled_stack(settings, model_path, ports, secrets.token_hex(32), work / "data",
                          supervisor_kwargs={"log_dir": work / "logs", "echo": False},
                          webchat_port=webchat_port, extra_env=overrides, postgres_dir=pg_dir) as running:
            Operators(running.env["ASB_DATABASE_URL"]).add("alex", PASSWORD, "Alex Smith")
            running.origin = origin
            running.token = overrides["RASA_API_TOKEN"]
            yield running
    shutil.rmtree(pg_dir, ignore_errors=True)


def _proc(scaled, name: str):
    return next(proc for service, proc in scaled.supervisor.procs if service.name == name)


def _tracker(scaled, session_id: str) -> dict:
    r = requests.get(f"{scaled.url}/conversations/{session_id}/tracker", params={"token": scaled.token}, timeout=30)
    r.raise_for_status()
    return r.json()


def _cases(scaled) -> list[dict]:
    token = (scaled.settings.var_dir / "case-system-token").read_text().strip()
    r = requests.get(f"http://127.0.0.1:{scaled.env['ASB_CASE_SYSTEM_PORT']}/applications", params={"limit": 500},
                     headers={"Authorization": f"Bearer {token}"}, timeout=30)
    r.raise_for_status()
    return r.json()["items"]


async def _intake(resident: Resident, story, steps=None) -> str:
    """Say the story's steps (all, or a slice); returns the reference if the last reply gave one."""
    for step in story.steps if steps is None else steps:
        await resident.say(resident.message_for(step))
    found = REFERENCE.search(texts(resident.last_reply))
    return found.group(1) if found else ""


def test_twenty_residents_complete_intakes_while_a_delivery_worker_dies_holding_applications(scaled):
    case_system = _proc(scaled, "case-system")
    os.killpg(case_system.pid, signal.SIGSTOP)  # the case system takes requests but answers none
    try:
        async def twenty() -> list[tuple[Resident, str]]:
            residents = [Resident(scaled.url, scaled.origin, STORIES[i % 3].today or TEST_TODAY, INSTANCES[i % 2])
                         for i in range(20)]
            for r in residents:
                assert await r.open() is False  # a new session each
            refs = await asyncio.gather(*(_intake(r, STORIES[i % 3]) for i, r in enumerate(residents)))
            for r in residents:
                await r.close()
            return list(zip(residents, refs))

        done = asyncio.run(twenty())
        references = [ref for _, ref in done]
        assert all(references), [texts(r.last_reply)[-200:] for r, ref in done if not ref]
        assert len(set(references)) == 20
        # Both workers hold claims the case system has not answered; kill one of them.
        outbox = queue.connect(scaled.env["ASB_DATABASE_URL"])
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            owners = {r["lease_owner"] for r in queue.rows(outbox, "pending", 100) if r["lease_until"]}
            if len(owners) == 2:
                break
            time.sleep(0.2)
        assert len(owners) == 2, owners
        killed = _proc(scaled, "delivery-1")
        os.killpg(killed.pid, signal.SIGKILL)
        killed.wait(10)
    finally:
        os.killpg(case_system.pid, signal.SIGCONT)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and queue.counts(outbox)["delivered"] < 20:
        time.sleep(0.5)
    rows = {r["reference"]: r for r in queue.rows(outbox, None, 100)}
    assert {ref: rows[ref]["status"] for ref in references} == {ref: "delivered" for ref in references}
    cases = _cases(scaled)
    by_reference = [c["reference"] for c in cases]
    assert sorted(by_reference) == sorted(references)  # each exactly once, the dead worker's too
    assert any(r["attempts"] > 1 for r in rows.values())  # some were sent again after the lease ran out


class Console:
    """An operator's browser on one Rasa server (signed in through whichever)."""

    def __init__(self, base: str, cookie: str | None = None) -> None:
        self.base, self.http = base, requests.Session()
        if cookie:
            self.http.cookies.set("asb_console", cookie, path="/console")

    def sign_in(self) -> str:
        r = self.http.post(f"{self.base}/console/login", data={"name": "alex", "password": PASSWORD},
                           headers={"Origin": self.base}, allow_redirects=False, timeout=30)
        assert r.status_code == 303, r.status_code
        return r.cookies["asb_console"]

    def get(self, path: str) -> requests.Response:
        return self.http.get(f"{self.base}/console/api/{path}", timeout=30)

    def post(self, path: str, body: dict | None = None) -> requests.Response:
        return self.http.post(f"{self.base}/console/api/{path}", json=body or {},
                              headers={"Origin": self.base, "X-Console": "1"}, timeout=60)


def _listen(console: Console, heard: list, stop: threading.Event) -> None:
    """The console page's live feed (server-sent events) from its server."""
    with console.http.get(f"{console.base}/console/api/events", stream=True, timeout=(5, 30)) as r:
        for line in r.iter_lines(decode_unicode=True):
            if line and line.startswith("data: "):
                heard.append(line[6:])
            if stop.is_set():
                return


def test_an_operator_on_one_server_takes_a_resident_connected_to_the_other(scaled):
    a = Console(scaled.instance_url(0))
    a.sign_in()
    assert a.get("queue").status_code == 200  # present: the queue takes requests for a person

    async def conversation() -> None:
        resident = Resident(scaled.url, scaled.origin, TEST_TODAY, instance="rasa2")
        await resident.open()
        await resident.say("hello")
        asked = texts(await resident.say("I'd like to talk to a person please"))
        assert "in the queue" in asked, asked
        sid = resident.session_id

        heard, stop = [], threading.Event()
        feed = threading.Thread(target=_listen, args=(a, heard, stop), daemon=True)
        feed.start()
        assert a.post(f"conversations/{sid}/take").status_code == 200
        assert a.post(f"conversations/{sid}/send", {"text": "Hello, I'm Alex from the team."}).status_code == 200
        for _ in range(100):  # the operator's words reach the socket held by the other server
            if any(m.get("text") == "Hello, I'm Alex from the team." for m in resident.heard):
                break
            await asyncio.sleep(0.1)
        staff = [m for m in resident.heard if m.get("text") == "Hello, I'm Alex from the team."]
        assert staff and (staff[0].get("metadata") or {}).get("from") == "staff"

        heard.clear()
        assert await resident.say("They play drum and bass until 3am every night") == []  # held for Alex
        for _ in range(100):  # A's console hears the change made on B at once, through Redis
            if any(sid in h and '"message"' in h for h in heard):
                break
            await asyncio.sleep(0.1)
        assert any(sid in h and '"message"' in h for h in heard), heard
        said = [m["text"] for m in a.get(f"conversations/{sid}").json()["transcript"] if m["from"] == "user"]
        assert "They play drum and bass until 3am every night" in said

        before = len(resident.heard)
        assert a.post(f"conversations/{sid}/handback").status_code == 200
        for _ in range(200):  # the form's next question reaches the resident on B
            if len(resident.heard) > before:
                break
            await asyncio.sleep(0.1)
        assert len(resident.heard) > before
        tracker = _tracker(scaled, sid)
        assert (tracker.get("active_loop") or {}).get("name") == "intake_form"
        assert texts(await resident.say("yes")).strip()  # the assistant answers again
        stop.set()
        await resident.close()

    asyncio.run(conversation())


def test_an_operator_stays_signed_in_whichever_server_answers(scaled):
    cookie = Console(scaled.url).sign_in()  # through the balancer
    for base in (scaled.instance_url(0), scaled.instance_url(1)):
        me = Console(base, cookie).get("me")
        assert me.status_code == 200 and me.json()["operator"] == "alex"
    for instance in INSTANCES:  # and through the balancer, pinned to each
        console = Console(scaled.url, cookie)
        console.http.cookies.set("ASB_INSTANCE", instance)
        assert console.get("queue").status_code == 200
    assert Console(scaled.url, "not-a-session").get("me").status_code == 401


def test_a_rasa_server_killed_mid_conversation_loses_nothing(scaled):
    story = STORIES[0]
    half = len(story.steps) // 2

    async def interrupted() -> None:
        residents = [Resident(scaled.url, scaled.origin, story.today or TEST_TODAY, instance="rasa1")
                     for _ in range(3)]
        for r in residents:
            await r.open()
        await asyncio.gather(*(_intake(r, story, story.steps[:half]) for r in residents))
        killed = _proc(scaled, "rasa-1")
        os.killpg(killed.pid, signal.SIGKILL)
        killed.wait(10)
        for r in residents:
            await asyncio.wait_for(r.dropped.wait(), 30)
        resumed = await asyncio.gather(*(r.reopen() for r in residents))
        assert resumed == [True, True, True]  # the same conversations, now on the other server
        refs = await asyncio.gather(*(_intake(r, story, story.steps[half:]) for r in residents))
        assert all(refs), [texts(r.last_reply)[-300:] for r in residents]
        for r in residents:
            said = [e["text"] for e in _tracker(scaled, r.session_id)["events"] if e["event"] == "user"]
            assert said == r.sent  # every message once, in order, across the two servers
            await r.close()

    asyncio.run(interrupted())
