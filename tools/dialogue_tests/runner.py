"""For testers (the dialogue runner): running a story against the assistant and checking each reply."""

from __future__ import annotations

import json
import re
import time
import uuid
from dataclasses import dataclass, field
from typing import Any, Optional

from tools.dialogue_tests.client import AssistantClient, TransportError
from tools.dialogue_tests.story import Expect, Step, Story, _show

RUN_ID = uuid.uuid4().hex[:8]


# --------------------------------------------------------------------------------------
# What was said


@dataclass
class Turn:
    step: Step
    sent: Optional[str]  # None when nothing was sent (a click with no matching button)
    reply: list[dict] = field(default_factory=list)
    slots: Optional[dict] = None  # fetched only when the step checks slots
    error: Optional[str] = None  # transport failure


@dataclass
class StoryResult:
    story: Story
    sender: str
    turns: list[Turn] = field(default_factory=list)
    failed_step: Optional[Step] = None
    problems: list[str] = field(default_factory=list)
    seconds: float = 0.0
    skipped: Optional[str] = None

    @property
    def passed(self) -> bool:
        return self.failed_step is None and not self.problems


# --------------------------------------------------------------------------------------
# Reading a reply

_SPACE = re.compile(r"\s+")
_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "\u00a0": " "})


def normalise(text: str) -> str:
    """Case, runs of whitespace and curly quotes never decide a check."""
    return _SPACE.sub(" ", str(text).translate(_QUOTES)).strip().casefold()


def message_text(message: dict) -> str:
    text = message.get("text")
    return text if isinstance(text, str) else ""


def joined_text(reply: list[dict]) -> str:
    return "\n".join(message_text(m) for m in reply if message_text(m))


def button_list(reply: list[dict]) -> list[dict]:
    buttons = []
    for message in reply:
        for button in message.get("buttons") or []:
            if isinstance(button, dict):
                buttons.append(button)
    return buttons


def button_titles(reply: list[dict]) -> list[str]:
    return [str(b.get("title", "")) for b in button_list(reply)]


def find_button(reply: list[dict], title: str) -> tuple[Optional[dict], str]:
    """The button to press for a title: an exact match (ignoring case and spacing), else the
    only button whose title starts with it. Returns (button, why-not)."""
    buttons = button_list(reply)
    wanted = normalise(title)
    exact = [b for b in buttons if normalise(b.get("title", "")) == wanted]
    if exact:
        return exact[0], ""
    prefixed = [b for b in buttons if normalise(b.get("title", "")).startswith(wanted)]
    if len(prefixed) == 1:
        return prefixed[0], ""
    offered = ", ".join(_show(str(b.get("title", ""))) for b in buttons) or "none"
    if len(prefixed) > 1:
        return None, f"{_show(title)} could be any of several buttons; offered: {offered}"
    return None, f"no button titled {_show(title)} in the previous reply; offered: {offered}"


def _markup(message: dict) -> str:
    """Everything in a message except its plain text: buttons, images, custom, attachments."""
    rest = {k: v for k, v in message.items() if k not in ("text", "recipient_id")}
    return json.dumps(rest, ensure_ascii=False) if rest else ""


def _slot_value(slots: dict, name: str) -> tuple[bool, Any]:
    """Slot `name`, or a field inside a slot with `slot.field`. (found, value)."""
    if name in slots:
        return True, slots[name]
    head, _, rest = name.partition(".")
    if not rest or head not in slots:
        return False, None
    value = slots[head]
    for part in rest.split("."):
        if isinstance(value, dict) and part in value:
            value = value[part]
        elif isinstance(value, list) and part.isdigit() and int(part) < len(value):
            value = value[int(part)]
        else:
            return True, None
    return True, value


def same_value(expected: Any, actual: Any) -> bool:
    """Equal, allowing for how the tracker keeps values: 4 == "4" == 4.0, "Self" == "self";
    but a boolean only equals a boolean, and nothing equals an empty slot but null."""
    if isinstance(expected, bool) or isinstance(actual, bool):
        return isinstance(expected, bool) and isinstance(actual, bool) and expected == actual
    if expected is None or actual is None:
        return expected is None and actual is None
    if isinstance(expected, (int, float)) and isinstance(actual, (int, float)):
        return float(expected) == float(actual)
    if isinstance(expected, (list, dict)) or isinstance(actual, (list, dict)):
        return expected == actual
    return normalise(str(expected)) == normalise(str(actual))


def outcome_of(slots: dict) -> tuple[bool, Any]:
    if "assessment_outcome" in slots:
        return True, slots["assessment_outcome"]
    if "assessment" in slots:
        assessment = slots["assessment"]
        return True, assessment.get("outcome") if isinstance(assessment, dict) else None
    return False, None


def check(expect: Expect, reply: list[dict], slots: Optional[dict]) -> list[str]:
    """Every way the reply falls short of the expectation, in plain words."""
    problems: list[str] = []
    raw_text = joined_text(reply)
    text = normalise(raw_text)
    for phrase in expect.contains:
        if normalise(phrase) not in text:
            problems.append(f"expected the reply to contain {_show(phrase)}")
    for phrase in expect.not_contains:
        if normalise(phrase) in text:
            problems.append(f"expected the reply NOT to contain {_show(phrase)}")
    for pattern in expect.matches:
        if not re.search(pattern, raw_text, re.IGNORECASE | re.DOTALL):
            problems.append(f"expected the reply to match /{pattern}/")
    for pattern in expect.not_matches:
        if re.search(pattern, raw_text, re.IGNORECASE | re.DOTALL):
            problems.append(f"expected the reply NOT to match /{pattern}/")
    if expect.first_contains:
        first = normalise(message_text(reply[0])) if reply else ""
        for phrase in expect.first_contains:
            if normalise(phrase) not in first:
                where = "the first message" if reply else "the first message (there was no reply)"
                problems.append(f"expected {where} to contain {_show(phrase)}")
    if expect.buttons:
        offered = [normalise(t) for t in button_titles(reply)]
        missing = [b for b in expect.buttons if normalise(b) not in offered]
        if missing:
            shown = ", ".join(_show(t) for t in button_titles(reply)) or "none"
            problems.append(f"expected buttons {_show(missing)}; offered: {shown}")
    for phrase in expect.not_in_markup:
        needle = normalise(phrase)
        for i, message in enumerate(reply, 1):
            if needle in normalise(_markup(message)):
                problems.append(
                    f"expected {_show(phrase)} only as plain text, but message {i} has it outside its text"
                )
    if expect.no_reply is True and reply:
        problems.append(f"expected no reply, but the assistant sent {len(reply)} message(s)")
    if expect.no_reply is False and not reply:
        problems.append("expected a reply, but the assistant sent nothing")
    if expect.needs_tracker and slots is not None:
        for name, wanted in expect.slots.items():
            found, actual = _slot_value(slots, name)
            if not found:
                problems.append(f"expected slot {name} = {_show(wanted)}, but there is no such slot")
            elif not same_value(wanted, actual):
                problems.append(f"expected slot {name} = {_show(wanted)}, but it is {_show(actual)}")
        for name in expect.slots_set:
            found, actual = _slot_value(slots, name)
            if actual in (None, "", [], {}):
                problems.append(f"expected slot {name} to be set, but it is {'empty' if found else 'missing'}")
        for name in expect.slots_unset:
            found, actual = _slot_value(slots, name)
            if actual not in (None, "", [], {}):
                problems.append(f"expected slot {name} to be empty, but it is {_show(actual)}")
        if expect.outcome:
            found, actual = outcome_of(slots)
            if not found:
                problems.append(
                    f"expected outcome {expect.outcome}, but the tracker has neither an "
                    f"assessment_outcome nor an assessment slot"
                )
            elif not same_value(expect.outcome, actual):
                problems.append(f"expected outcome {expect.outcome}, but it is {_show(actual)}")
    return problems


# --------------------------------------------------------------------------------------
# Running


def sender_for(story: Story, index: int) -> str:
    if story.sender:
        return story.sender
    stem = re.sub(r"[^a-z0-9]+", "-", story.path.stem.lower()).strip("-")[:40] or "story"
    return f"dt-{stem}-{RUN_ID}-{index}-{uuid.uuid4().hex[:6]}"


def turn_metadata(story: Story, step: Step, default_today: Optional[str]) -> dict:
    metadata = dict(story.metadata)
    today = story.today or default_today
    if today:
        metadata["today"] = today
    metadata.update(step.metadata)
    return metadata


def run_story(
    story: Story,
    url: str,
    token: Optional[str] = None,
    default_today: Optional[str] = None,
    default_timeout: float = 30.0,
    index: int = 0,
) -> StoryResult:
    sender = sender_for(story, index)
    result = StoryResult(story=story, sender=sender)
    if story.skip:
        result.skipped = story.skip
        return result
    started = time.monotonic()
    client = AssistantClient(url, token, story.timeout or default_timeout)
    previous_reply: list[dict] = []
    try:
        for step in story.steps:
            timeout = step.timeout or story.timeout or default_timeout
            if step.kind == "click":
                button, why_not = find_button(previous_reply, step.text)
                if button is None:
                    result.turns.append(Turn(step=step, sent=None))
                    result.failed_step = step
                    result.problems = [f"cannot click: {why_not}"]
                    break
                payload = button.get("payload")
                message = payload if isinstance(payload, str) and payload else str(button.get("title", ""))
            else:
                message = step.text
            turn = Turn(step=step, sent=message)
            result.turns.append(turn)
            try:
                turn.reply = client.send(sender, message, turn_metadata(story, step, default_today), timeout)
                if step.expect and step.expect.needs_tracker:
                    turn.slots = client.slots(sender, timeout)
            except TransportError as exc:
                turn.error = str(exc)
                result.failed_step = step
                result.problems = [str(exc)]
                break
            if step.expect:
                problems = check(step.expect, turn.reply, turn.slots)
                if problems:
                    result.failed_step = step
                    result.problems = problems
                    break
            previous_reply = turn.reply
    except Exception as exc:  # noqa: BLE001 - a runner bug must still be a readable failure
        if result.failed_step is None:
            result.failed_step = result.turns[-1].step if result.turns else story.steps[0]
        result.problems.append(f"the runner itself failed: {type(exc).__name__}: {exc}")
    finally:
        client.close()
        result.seconds = time.monotonic() - started
    return result
