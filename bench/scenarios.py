"""For developers: what the simulated residents say.

Our residents replay scripted dialogue stories (tests/dialogues, see docs/dialogue-tests.md)
that end with the application sent and a reference given; buttons are pressed by their title
as the dialogue runner does. The baseline residents say the moodbot's own phrases, repeated to
the same number of turns, so both systems answer the same number of messages per conversation.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from tools.dialogue_tests.runner import find_button
from tools.dialogue_tests.story import Story, load_story
from shared.settings import ROOT

TODAY = "2026-11-22"
# Stories that reach the send step and end with "Your reference is ASB-...".
STORIES = ("met_three_police_reports", "not_met_apply_anyway", "applicant_third_party_for_mum")
DONE_MARK = "Your reference is ASB-"

# The moodbot's intents with a one-message answer (utter_greet, utter_happy, utter_goodbye,
# utter_iamabot), so the end of a reply is known on the stock socket.io channel too.
MOODBOT_PHRASES = ("hello there", "I am feeling great", "bye", "are you a bot?")


@dataclass(frozen=True)
class Step:
    text: str
    click: bool = False  # text is a button title to press in the previous reply


@dataclass(frozen=True)
class Script:
    name: str
    steps: tuple[Step, ...]
    today: Optional[str]
    done_mark: Optional[str]  # must appear in the last reply, else the conversation failed


def our_scripts(root: Path = ROOT) -> list[Script]:
    scripts = []
    for name in STORIES:
        story: Story = load_story(root / "tests" / "dialogues" / f"{name}.yml")
        steps = tuple(Step(s.text, s.kind == "click") for s in story.steps)
        scripts.append(Script(name, steps, story.today or TODAY, DONE_MARK))
    return scripts


def baseline_script(turns: int) -> Script:
    steps = tuple(Step(MOODBOT_PHRASES[i % len(MOODBOT_PHRASES)]) for i in range(turns))
    return Script(f"moodbot-{turns}", steps, None, None)


def message_for(step: Step, previous_reply: list[dict]) -> Optional[str]:
    """The text to send: the button's payload for a click (None if it isn't offered)."""
    if not step.click:
        return step.text
    button, _ = find_button(previous_reply, step.text)
    if button is None:
        return None
    payload = button.get("payload")
    return payload if isinstance(payload, str) and payload else str(button.get("title", ""))
