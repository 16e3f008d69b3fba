"""Make what a resident types safe to hand to Rasa.

Rasa treats any text starting with "/" as a hard-coded intent (``/restart`` wipes the
conversation, ``/session_start`` begins a new one). Buttons legitimately send payloads such
as ``/inform{"choice":"police"}``, so only a short list of intents, with a flat JSON object of
short string values, passes as a payload; any other slash-text is passed on as ordinary words
for the NLU to classify. Slot values from payloads are still validated by the form.
"""

from __future__ import annotations

import json
import re
from typing import Optional

from shared import words

# Intents a button or quick reply may carry. Rasa's built-in intents (restart, back,
# session_start, nlu_fallback) are deliberately absent.
PAYLOAD_INTENTS = frozenset(
    {
        "inform",
        "affirm",
        "deny",
        "dont_know",
        "request_human",
        "go_back",
        "start_again",
        "stop",
        "start_application",
        "greet",
        "ask_why",
        "change_answer",  # the Change buttons of "Check your answers"
    }
)
# A Change button names an answer and, for a report, its number; nothing else passes as a
# change payload (Rasa warns about entities the domain lacks, quoting the payload in the log).
CHANGE_ENTITIES = {"answer": re.compile(r"[a-z_]{1,40}"), "report": re.compile(r"[0-9]{1,2}")}

# A message longer than this is refused, not cut (a cut answer would be taken as if it were
# whole): it protects the NLU pipeline and the tracker store from abuse while leaving room
# for the longest real account a resident would type. The widget's character count uses the
# same limit, so a resident is told before sending.
MAX_MESSAGE_CHARS = 4000
MAX_PAYLOAD_VALUE_CHARS = 200

_PAYLOAD = re.compile(r"^/(?P<intent>[a-z_]+)(?P<entities>\{.*\})?$", re.DOTALL)


def _is_allowed_payload(text: str) -> bool:
    match = _PAYLOAD.match(text)
    if not match or match.group("intent") not in PAYLOAD_INTENTS:
        return False
    raw = match.group("entities")
    if raw is None:
        return True
    try:
        entities = json.loads(raw)
    except ValueError:
        return False
    if match.group("intent") == "change_answer":
        return isinstance(entities, dict) and all(
            k in CHANGE_ENTITIES and isinstance(v, str) and CHANGE_ENTITIES[k].fullmatch(v)
            for k, v in entities.items()
        )
    return (
        isinstance(entities, dict)
        and len(entities) <= 3
        and all(
            isinstance(k, str) and isinstance(v, str) and len(v) <= MAX_PAYLOAD_VALUE_CHARS
            for k, v in entities.items()
        )
    )


def too_long_reply(text: Optional[str]) -> Optional[str]:
    """What the resident is told when a message is over the limit (None if it is not)."""
    if not isinstance(text, str) or len(text.strip()) <= MAX_MESSAGE_CHARS:
        return None
    return words.text("message_too_long", limit=f"{MAX_MESSAGE_CHARS:,}", length=f"{len(text.strip()):,}")


def sanitise_text(text: Optional[str]) -> str:
    """Return the text Rasa should process for what the resident sent (length is checked
    separately, by :func:`too_long_reply`)."""
    if not isinstance(text, str):
        return ""
    text = text.replace("\x00", "")
    stripped = text.strip()
    if stripped.startswith("/") and not _is_allowed_payload(stripped):
        # Keep the words, drop the command prefix: "/restart" becomes "restart", which the
        # NLU understands as a wish to start again (and the assistant confirms first).
        return stripped.lstrip("/").strip() or "?"
    return text
