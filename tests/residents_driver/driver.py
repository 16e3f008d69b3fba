"""One resident's conversation with the running assistant over the REST channel.

The loop: read what the assistant asks (asked.py), answer from the profile (answers.py), typed
words first; when the same question comes back or the assistant says it didn't understand, the
turn counts as not understood and the resident presses the matching button (or types a plainer
answer), as a person would after being misunderstood. The run ends at a reference, an ending
(right route, not applying, stopped), an unrecognised question, or a turn limit.
"""

from __future__ import annotations

import time
import uuid
from dataclasses import dataclass, field
from typing import Optional

from tools.dialogue_tests.client import AssistantClient, TransportError

from . import read_back
from .answers import Answer, Resident
from .asked import RIGHT_ROUTES, Asked, recognise

MAX_TURNS = 90
MAX_TRIES = 4  # misunderstood answers to one question before the resident gives up
MAX_ASKS = 12  # one question coming up this often is a loop


@dataclass
class Turn:
    sent: str
    kind: Optional[str]  # what the reply asked next
    not_understood: bool
    how: str  # typed | button | plain | side


@dataclass
class Run:
    profile_id: str
    sender: str
    turns: list[Turn] = field(default_factory=list)
    transcript: list[tuple[str, str]] = field(default_factory=list)  # ("resident"|"assistant", text)
    unrecognised: list[str] = field(default_factory=list)  # assistant messages the driver could not place
    end: str = "incomplete"  # sent | <ending name> | unrecognised | gave_up | turn_limit | error
    error: Optional[str] = None
    outcomes_shown: list[str] = field(default_factory=list)
    reference: Optional[str] = None
    seconds: float = 0.0
    read_back_seen: bool = False
    summary_seen: bool = False
    read_back_fixes: int = 0  # wrong read-backs the resident corrected from the facts
    fixes_tried: set = field(default_factory=set)

    @property
    def not_understood(self) -> int:
        return sum(t.not_understood for t in self.turns)

    @property
    def observed_outcome(self) -> Optional[str]:
        if self.end in RIGHT_ROUTES:
            return "right_route"
        return self.outcomes_shown[-1] if self.outcomes_shown else None


def play(profile: dict, client: AssistantClient) -> Run:
    run = Run(profile["id"], f"resident-{profile['id'][:2]}-{uuid.uuid4().hex[:10]}")
    started = time.monotonic()
    try:
        _converse(profile, client, run)
    except TransportError as exc:
        run.end, run.error = "error", str(exc)
    run.seconds = round(time.monotonic() - started, 1)
    return run


def _converse(profile: dict, client: AssistantClient, run: Run) -> None:
    resident = Resident(profile)
    metadata = {"today": profile["today"]}

    def send(text: str, how: str) -> Asked:
        run.transcript.append(("resident", text))
        messages = client.send(run.sender, text, metadata)
        for m in messages:
            if m.get("text"):
                buttons = " | ".join(b.get("title", "") for b in m.get("buttons") or [])
                run.transcript.append(("assistant", m["text"] + (f"  [buttons: {buttons}]" if buttons else "")))
        asked = recognise(messages)
        if asked.outcome_shown:
            run.outcomes_shown.append(asked.outcome_shown)
        return asked

    asked = send(profile["opening"], "typed")
    asks: dict[tuple, int] = {}  # times each question came up
    misses: dict[tuple, int] = {}  # times the answer to it was not understood
    pending: dict[tuple, Answer] = {}  # the answer that was not understood, to give again
    while len(run.turns) < MAX_TURNS:
        if asked.reference:
            run.reference, run.end = asked.reference, "sent"
            return
        if asked.ending and not _carries_on(resident, asked):
            # A signpost (right route), "not now", or stopped: the resident goes no further.
            run.end = asked.ending
            _ask_leftover_side_questions(resident, send, run)
            return
        if (asked.ending == "consent_end" or asked.kind is None) and resident.consent_left():
            asked = send(resident.victim_consent().text, "side")  # "hang on, I'll ask her"
            run.turns.append(Turn(run.transcript[-1][1], asked.kind, False, "side"))
            continue
        if asked.kind is None:
            run.unrecognised.append(asked.question[:300])
            run.end = "unrecognised"
            return
        key = asked.key()
        asks[key] = asks.get(key, 0) + 1
        if misses.get(key, 0) >= MAX_TRIES or asks[key] > MAX_ASKS:
            run.end = "gave_up"
            return
        answer, how = _choose(resident, asked, run, misses.get(key, 0), pending.get(key))
        if answer is None:
            run.unrecognised.append(asked.question[:300])
            run.end = "unrecognised"
            return
        reply = send(*how)
        repeated = reply.key() == key and not answer.side
        # Asked to confirm a stop nobody asked for, or a danger message with no cause: misread too.
        misread = reply.kind in ("confirm_stop", "confirm_start_again") or (
            "emergency" in reply.signs and not profile["facts"].get("safety")) or (
            reply.ending is not None and _carries_on(resident, reply))
        not_understood = "not_understood" in reply.signs or repeated or misread
        run.turns.append(Turn(how[0], reply.kind, not_understood, how[1]))
        if not_understood and not answer.side:
            misses[key] = misses.get(key, 0) + 1
            pending[key] = answer
        elif not answer.side:  # understood: the next time this question comes, type again
            pending.pop(key, None)
            misses.pop(key, None)
        asked = reply
    run.end = "turn_limit"


def _carries_on(resident: Resident, asked: Asked) -> bool:
    """A signpost that doesn't fit this resident, with the question asked again: they carry on.
    One that fits (the domestic abuse line for an ex-partner) ends it, as does any with no question."""
    if asked.ending == "consent_end":
        return resident.consent_left()
    if asked.kind is None or asked.ending not in ("domestic_abuse", "complaint_about_staff"):
        return False
    facts = resident.f
    fits = facts.get("domestic_or_family") if asked.ending == "domestic_abuse" else facts.get("about_staff")
    return not fits


def _choose(resident: Resident, asked: Asked, run: Run, misses: int,
            misunderstood: Optional[Answer]) -> tuple[Answer, tuple[str, str]]:
    """The answer to send and how: typed first; a button (or plainer words) once misunderstood."""
    if misunderstood is not None and misses:
        button = _button(asked, misunderstood.buttons)
        if button and misses == 1:
            return misunderstood, (button["payload"], "button")
        plain = misunderstood.plain or misunderstood.text
        return misunderstood, (plain, "plain")
    special = _special(resident, asked, run)
    if special is not None:
        return special, (special.text, "side" if special.side else "typed")
    if asked.kind == "reports" and "redo_report" in asked.signs:
        answer = resident.retell()
        return answer, (answer.text, "typed")
    side = resident.side_question(asked.kind)
    if side is not None:
        return side, (side.text, "side")
    answer = resident.answer(asked.kind, asked.dates, asked.question, run.outcomes_shown[-1] if run.outcomes_shown else None)
    if answer is None:
        return None, ("", "")
    return answer, (answer.text, "typed")


def _special(resident: Resident, asked: Asked, run: Run) -> Optional[Answer]:
    """The read-back and the summary: a correction the profile makes there, else agree."""
    if asked.kind == "read_back":
        run.read_back_seen = True
        correction = resident.correction_at("read_back")
        if correction:
            return correction
        if run.read_back_fixes < read_back.MAX_FIXES:
            fixed = read_back.fix(asked.raw, read_back.truth(resident.reports, resident.all_corrections,
                                                   tuple(c for c in resident.all_corrections if c not in resident.corrections)))
            if fixed and fixed.text not in run.fixes_tried:  # the same fix twice won't work better
                run.read_back_fixes += 1
                run.fixes_tried.add(fixed.text)
                return fixed
        return Answer(resident.say("right"), ["Yes, that's right"], "yes")
    if asked.kind == "check_your_answers":
        run.summary_seen = True
        return resident.correction_at("check_your_answers") or Answer(resident.say("send"), ["Yes, send it"], "yes send it")
    return None


def _button(asked: Asked, titles: list[str]) -> Optional[dict]:
    for wanted in titles:
        for b in asked.buttons:
            if b.get("title", "").strip().lower() == wanted.lower():
                return b
        starts = [b for b in asked.buttons if b.get("title", "").lower().startswith(wanted.lower())]
        if len(starts) == 1:
            return starts[0]
    return None


def _ask_leftover_side_questions(resident: Resident, send, run: Run) -> None:
    """Right-route residents ask their side question after the signpost ("so who do I ring?")."""
    for question in resident.side_questions[:1]:
        reply = send(question, "side")
        run.turns.append(Turn(question, reply.kind, "not_understood" in reply.signs, "side"))
    resident.side_questions.clear()
