"""Check the action server's responses with a validator built once.

Rasa 3.6 checks every action-server response with ``jsonschema.validate(result, schema)``,
which first validates the (constant) schema against its meta-schema and builds a new
validator, on every call. bench/profile_turns.py found that was about half of a turn's time
in the Rasa server (138-200 ms a turn as is, 99-103 ms with the validator built once). Same
schema, same checks; an invalid response still raises Rasa's own error with its message.
"""

from __future__ import annotations

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from jsonschema import ValidationError, validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)(schema)
    rasa_check = RemoteAction._validate_action_result

    def check(self, result):  # noqa: ANN001, ANN202 - Rasa's signature
        try:
            validator.validate(result)
        except ValidationError:
            return rasa_check(self, result)  # Rasa's error and message for a bad response
        return True

    RemoteAction._validate_action_result = check
    _installed = True
