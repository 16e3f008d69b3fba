"""bot/tracker_speedups.py must give exactly what Rasa gives (run in a subprocess so the
patch stays out of this test session)."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = r'''
import json, sys
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (ActionExecuted, ActionReverted, ActiveLoop, BotUttered, Event, Restarted,
    SessionStarted, SlotSet, UserUttered, UserUtteranceReverted)
from rasa.shared.core.trackers import DialogueStateTracker

full = {"n": 0}
rasa_applied = DialogueStateTracker.applied_events
def counted(self):
    full["n"] += 1
    return rasa_applied(self)
DialogueStateTracker.applied_events = counted  # what the speedups fall back to
if sys.argv[1] == "fast":
    from bot.tracker_speedups import install
    install()

domain = Domain.load("domain.yml")
rule_only = {"rule_only_slots": ["requested_slot"], "rule_only_loops": []}
import copy
copies = [copy.copy(slot) for slot in domain.slots]
def user(intent, text="x"):
    return UserUttered(text, {"name": intent, "confidence": 1.0})
events = [ActionExecuted("action_session_start"), SessionStarted(), ActionExecuted("action_listen"),
          user("greet"), ActionExecuted("action_opening"), ActionExecuted("intake_form"), ActiveLoop("intake_form"),
          SlotSet("requested_slot", "reported_before"), ActionExecuted("action_listen")]
for n, intent in enumerate(["inform", "affirm", "ask_why", "inform", "deny", "inform"] * 6):
    events += [user(intent), ActionExecuted("intake_form"), SlotSet("requested_slot", f"slot{n % 5}")]
    if n == 2:  # run twice as an ordinary action; only once it is known as a form does the second not count
        events += [ActionExecuted("feedback_form"), ActionExecuted("feedback_form")]
    if n == 27:
        events += [ActiveLoop("feedback_form"), ActionExecuted("feedback_form"), ActiveLoop(None)]
    if intent == "ask_why":
        events += [ActionExecuted("action_explain_why"), ActiveLoop("intake_form"), ActionExecuted("intake_form")]
    if n == 7:
        events += [ActionReverted()]
    if n == 11:
        events += [UserUtteranceReverted()]
    events += [BotUttered(f"q{n}"), ActionExecuted("action_listen")]
    if n == 20:
        events += [Restarted(), ActionExecuted("action_listen")]
out = {"applied": [], "states": [], "events": []}
for end in range(1, len(events) + 1, 7):
    tracker = DialogueStateTracker.from_events("t", events[:end], domain.slots)
    for _ in range(3):  # the same tracker asked again, as each policy does
        out["applied"].append([e.as_dict().get("event") + ":" + str(e.as_dict().get("name")) for e in tracker.applied_events()])
    tracker.update(user("inform"))  # changed after being asked: must not be stale
    out["applied"].append([str(e.as_dict().get("name")) for e in tracker.applied_events()])
    out["states"].append(json.dumps(tracker.past_states(domain), sort_keys=True, default=str))
    # As Memoization and TED ask (ML turns only), then the featurizer edits the last state:
    # the next caller must not see that edit.
    for _ in range(2):
        ml = tracker.past_states(domain, ignore_rule_only_turns=True, rule_only_data=rule_only)
        out["states"].append(json.dumps(ml, sort_keys=True, default=str))
        ml[-1].get("user", {}).pop("intent", None)
        ml[-1]["mutated"] = {"x": 1}
dumped = [e.as_dict() for e in events]
out["events"] = [type(Event.from_parameters(d)).__name__ for d in dumped]
try:
    Event.resolve_by_type("no_such_event")
except ValueError as exc:
    out["unknown"] = str(exc)
out["topic"] = Event.resolve_by_type("topic")
out["slots"] = [[type(c).__name__, c is not o, sorted((k, repr(v)) for k, v in vars(c).items())]
                for c, o in zip(copies, domain.slots)]
out["asked"] = 4 * len(range(1, len(events) + 1, 7))
out["full"] = full["n"]
print("RESULT " + json.dumps(out))
'''


def _run(mode: str) -> dict:
    proc = subprocess.run([sys.executable, "-c", SCRIPT, mode], capture_output=True, text=True, timeout=600)
    line = [l for l in proc.stdout.splitlines() if l.startswith("RESULT ")]
    assert line, proc.stderr[-3000:]
    return json.loads(line[0][len("RESULT "):])


def test_the_speedups_change_nothing_rasa_computes():
    fast, rasa = _run("fast"), _run("rasa")
    assert len(rasa["applied"]) > 40 and rasa["unknown"].startswith("Unknown event name")
    # Rasa works each tracker's history out from the start; the speedups carry on from the
    # last one of the conversation and start again only when they must (a restart of the
    # run after a branch, or a form first named late).
    assert rasa["full"] > rasa["asked"]
    assert fast.pop("full") < rasa.pop("full") / 10
    assert fast == rasa
