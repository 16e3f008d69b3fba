"""Check the action server's responses with a validator built once.

Rasa 3.6 checks every action-server response with ``jsonschema.validate(result, schema)``,
which first validates the (constant) schema against its meta-schema and builds a new
validator, on every call. bench/profile_turns.py found that was about half of a turn's time
in the Rasa server (138-200 ms a turn as is, 99-103 ms with the validator built once). Same
schema, same checks; an invalid response still raises Rasa's own error with its message.

Each event is then checked against the schema for its own type. Rasa's schema says an event
is "one of" 23 event schemas, each fixed to one ``event`` name, so jsonschema tried all 23 for
every event (still ~5 % of a turn). Only those with the event's own name can match, so the
answer is the same: an event whose name has no schema is refused, as "one of" none refuses it.
"""

from __future__ import annotations

import copy
from typing import Any, Callable, Dict, Optional

PATCH = "bot/action_response_check.py (RemoteAction._validate_action_result)"
UPSTREAM = "no upstream issue found (Rasa calls jsonschema.validate, which rebuilds the validator every call)"
_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from bot.rasa_version_guard import may_patch

    if not may_patch(PATCH, UPSTREAM):
        return
    from jsonschema import validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator_class = validators.validator_for(schema)
    is_valid = _by_event_type(schema, validator_class) or validator_class(schema).is_valid
    rasa_check = RemoteAction._validate_action_result

    def check(self, result):  # noqa: ANN001, ANN202 - Rasa's signature
        if not is_valid(result):
            return rasa_check(self, result)  # Rasa's error and message for a bad response
        return True

    RemoteAction._validate_action_result = check
    _installed = True


def _by_event_type(schema: Dict[str, Any], validator_class: Any) -> Optional[Callable[[Any], bool]]:
    """One validator for the response without its events and one per event name; None when
    the schema is not shaped as this relies on (then the whole schema is used)."""
    try:
        items = schema["properties"]["events"]["items"]
        names = [sub["properties"]["event"]["const"] for sub in items["oneOf"]]
    except (KeyError, TypeError):
        return None
    base = {k: v for k, v in items.items() if k != "oneOf"}
    per_name: Dict[str, list] = {}
    for name, sub in zip(names, items["oneOf"]):
        per_name.setdefault(name, []).append(sub)
    by_name = {name: validator_class({**base, "oneOf": subs}) for name, subs in per_name.items()}
    outer = copy.deepcopy(schema)
    outer["properties"]["events"] = {k: v for k, v in schema["properties"]["events"].items() if k != "items"}
    outer_validator = validator_class(outer)

    def is_valid(result: Any) -> bool:
        if not outer_validator.is_valid(result):
            return False
        for event in result.get("events") or ():
            name = event.get("event") if isinstance(event, dict) else None
            validator = by_name.get(name) if isinstance(name, str) else None
            if validator is None or not validator.is_valid(event):
                return False
        return True

    return is_valid
