"""Talking to the server (clock, senders, tokens, timeouts, dead servers) and the reports
(JUnit XML, exit codes, selection, the module entry point)."""

from __future__ import annotations

import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_today_is_sent_as_metadata_with_every_turn(fake, story, run):
    path = story("""\
        name: Clock
        today: 2026-11-22
        metadata: {channel: tests}
        steps:
          - user: hello
          - click: "Yes"
            metadata: {extra: 1}
          - user: something
            metadata: {today: 2026-12-25}
    """)
    assert run("--url", fake.url, path).code == 0
    assert [b["metadata"] for b in fake.received] == [
        {"channel": "tests", "today": "2026-11-22"},
        {"channel": "tests", "today": "2026-11-22", "extra": 1},
        {"channel": "tests", "today": "2026-12-25"},
    ]


def test_cli_today_is_the_default_clock_and_a_story_today_wins(fake, story, run):
    own = story("name: Own clock\ntoday: 2026-03-15\nsteps:\n  - user: hello\n", "a.yml")
    story("name: No clock\nsteps:\n  - user: hello\n", "b.yml")
    assert run("--url", fake.url, "--today", "2026-11-22", own.parent).code == 0
    assert [b.get("metadata") for b in fake.received] == [{"today": "2026-03-15"}, {"today": "2026-11-22"}]
    fake.received.clear()
    assert run("--url", fake.url, own.parent.joinpath("b.yml")).code == 0
    assert "metadata" not in fake.received[0]  # no clock at all: none is invented


def test_each_run_uses_a_new_sender_unless_the_story_fixes_one(fake, story, run):
    path = story("name: Senders\nsteps:\n  - user: hello\n  - user: again\n")
    run("--url", fake.url, path)
    run("--url", fake.url, path)
    senders = [b["sender"] for b in fake.received]
    assert senders[0] == senders[1] and senders[2] == senders[3]  # one conversation per story run
    assert senders[0] != senders[2]  # a rerun never continues the last conversation
    assert senders[0].startswith("dt-story-1-")
    fixed = story("name: Fixed\nsender: resident-42\nsteps:\n  - user: hello\n")
    fake.received.clear()
    run("--url", fake.url, fixed)
    assert fake.received[0]["sender"] == "resident-42"


def test_separate_processes_never_share_a_sender(fake, story):
    path = story("name: Rerun\nsteps:\n  - user: hello\n")
    for _ in range(2):
        subprocess.run([sys.executable, "-m", "tools.dialogue_tests", "--url", fake.url, str(path)],
                       cwd=ROOT, capture_output=True, timeout=60, check=True)
    assert fake.received[0]["sender"] != fake.received[1]["sender"]


def test_connection_refused_is_a_failure_with_a_clear_message_not_a_traceback(story, run, closed_port, tmp_path):
    path = story("name: Nobody home\nsteps:\n  - user: hello\n  - user: again\n")
    junit = tmp_path / "out.xml"
    result = run("--url", f"http://127.0.0.1:{closed_port}", "--junit", junit, path)
    assert result.code == 1
    assert f"connection refused: nothing answered at http://127.0.0.1:{closed_port}" in result.out
    assert "step 1 of 2" in result.out
    assert "Traceback" not in result.out + result.err
    assert ET.parse(junit).getroot().get("failures") == "1"


def test_a_slow_reply_is_a_timeout_failure(fake, story, run):
    fake.delay_seconds["slow"] = 3
    path = story("name: Slow\nsteps:\n  - user: slow\n    timeout: 0.5\n")
    result = run("--url", fake.url, path)
    assert result.code == 1
    assert "no answer to the message within 0.5 seconds" in result.out
    assert "Traceback" not in result.out + result.err


def test_server_errors_and_non_json_answers_are_failures(fake, story, run):
    path = story("name: Broken server\nsteps:\n  - user: hello\n")
    fake.fail_status = 500
    result = run("--url", fake.url, path)
    assert result.code == 1 and "the server answered HTTP 500: Internal Server Error" in result.out
    fake.fail_status = None
    fake.not_json = True
    result = run("--url", fake.url, path)
    assert result.code == 1 and "the server's answer was not JSON" in result.out
    assert "Traceback" not in result.out + result.err


def test_slot_checks_send_the_token_and_explain_a_refusal(fake, story, run):
    fake.token = "s3cret"
    path = story("name: Token\nsteps:\n  - user: three reports\n    expect: {outcome: met}\n")
    result = run("--url", fake.url, path)
    assert result.code == 1
    assert "the tracker request: the server refused access (HTTP 401); pass the server's token with --token" in result.out
    result = run("--url", fake.url, "--token", "s3cret", path)
    assert result.code == 0, result.out
    assert fake.tracker_requests[-1]["query"] == {"token": ["s3cret"]}


def test_junit_xml_is_well_formed_and_counts_failures_and_skips(fake, story, run, tmp_path):
    folder = tmp_path / "suite"
    folder.mkdir()
    (folder / "a_pass.yml").write_text("name: Passes\nsteps:\n  - user: hello\n    expect: {contains: '999'}\n")
    (folder / "b_fail.yml").write_text(
        "name: Fails <with> & \"odd\" chars\nsteps:\n  - user: \"echo:bad \\x01 control & <tags>\"\n"
        "    expect: {contains: nowhere}\n")
    (folder / "c_fail.yml").write_text("name: Also fails\nsteps:\n  - user: hello\n    expect: {no_reply: true}\n")
    (folder / "d_skip.yml").write_text("name: Skipped\nskip: waiting for the hate route\nsteps:\n  - user: hello\n")
    junit = tmp_path / "reports" / "dialogues.xml"
    result = run("--url", fake.url, "--junit", junit, folder)
    assert result.code == 1
    assert "1 passed, 2 failed, 1 skipped" in result.out
    root = ET.parse(junit).getroot()  # raises if not well-formed
    suite = root.find("testsuite")
    assert (suite.get("tests"), suite.get("failures"), suite.get("skipped")) == ("4", "2", "1")
    cases = {c.get("name"): c for c in suite.findall("testcase")}
    assert list(cases) == ["Passes", 'Fails <with> & "odd" chars', "Also fails", "Skipped"]
    assert cases["Passes"].find("failure") is None
    failure = cases['Fails <with> & "odd" chars'].find("failure")
    assert failure.get("message") == 'step 1: expected the reply to contain "nowhere"'
    assert "bad \\x01 control & <tags>" in failure.text  # the exchange, with the control char made visible
    assert "exchange (sender" in failure.text
    assert cases["Skipped"].find("skipped").get("message") == "waiting for the hate route"
    assert cases["Passes"].get("classname") == "dialogues.a_pass"


def test_k_and_tag_select_stories(fake, story, run):
    story("name: Emergency at the start\ntags: [safeguarding]\nsteps:\n  - user: hello\n", "emergency.yml")
    story("name: Group route\ntags: [route-group]\nsteps:\n  - user: hello\n", "group.yml")
    last = story("name: Hate route\ntags: [route-hate, safeguarding]\nsteps:\n  - user: hello\n", "hate.yml")
    result = run("--url", fake.url, "-k", "GROUP", last.parent)
    assert "Group route" in result.out and "Hate route" not in result.out
    result = run("--url", fake.url, "--tag", "safeguarding", last.parent)
    assert "Emergency at the start" in result.out and "Hate route" in result.out and "Group route" not in result.out
    assert "2 passed" in result.out


def test_jobs_run_stories_at_the_same_time_and_report_in_order(fake, story, run):
    barrier = threading.Barrier(3, timeout=5)

    def together(sender, message, metadata):
        barrier.wait()  # returns only when three stories are waiting at once
        return [{"text": "together"}]

    fake.handlers["together"] = together
    paths = [story(f"name: Story {i}\nsteps:\n  - user: together\n    expect: {{contains: together}}\n", f"s{i}.yml")
             for i in range(3)]
    result = run("--url", fake.url, "--jobs", "3", "--timeout", "10", paths[0].parent)
    assert result.code == 0, result.out
    assert result.out.index("Story 0") < result.out.index("Story 1") < result.out.index("Story 2")
    barrier.reset()
    result = run("--url", fake.url, "--timeout", "1", paths[0])  # one at a time: the barrier never fills
    assert result.code == 1 and "no answer to the message within 1 seconds" in result.out


def test_exitfirst_stops_after_the_first_failure(fake, story, run):
    story("name: First fails\nsteps:\n  - user: hello\n    expect: {contains: nowhere}\n", "a.yml")
    last = story("name: Never run\nsteps:\n  - user: hello\n", "b.yml")
    result = run("--url", fake.url, "-x", last.parent)
    assert result.code == 1
    assert "Never run" not in result.out.split("failed:")[0]
    assert "1 not run (-x)" in result.out


def test_verbose_prints_the_exchange_of_passing_stories(fake, story, run):
    path = story("name: Chatty\nsteps:\n  - user: hello\n")
    assert "< Hello. I'm an automated assistant" not in run("--url", fake.url, path).out
    assert "< Hello. I'm an automated assistant" in run("--url", fake.url, "-v", path).out


def test_the_module_entry_point_exits_with_the_runners_code(fake, story):
    good = story("name: Good\nsteps:\n  - user: hello\n    expect: {contains: '999'}\n")
    bad = story("name: Bad\nsteps:\n  - user: hello\n    expect: {contains: nowhere}\n")
    broken = story("name: Broken\nsteps:\n  - usr: hello\n")
    codes = []
    for path in (good, bad, broken):
        done = subprocess.run([sys.executable, "-m", "tools.dialogue_tests", "--url", fake.url, str(path)],
                              cwd=ROOT, capture_output=True, text=True, timeout=60)
        assert "Traceback" not in done.stderr
        codes.append(done.returncode)
    assert codes == [0, 1, 2]


def test_sent_text_is_exactly_what_the_story_says(fake, story, run):
    path = story("""\
        name: Verbatim
        steps:
          - raw: ""
          - raw: "   "
          - raw: /restart
          - raw: '/inform{"x":"y"}'
          - user: "  padded  "
          - user: "<img src=x onerror=alert(1)>"
    """)
    assert run("--url", fake.url, path).code == 0
    assert fake.messages() == ["", "   ", "/restart", '/inform{"x":"y"}', "  padded  ", "<img src=x onerror=alert(1)>"]
