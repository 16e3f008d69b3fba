"""An experiment, not the product: bot.rasa_server with Rasa's action-response check cached.

    python -m bench.patched_rasa_server run ...   (the same arguments as bot.rasa_server)

Rasa 3.6 checks every action-server response with jsonschema.validate, which first validates
the constant schema against the meta-schema; bench/profile_turns.py found that to be about half
of a turn. Here the validator is built once (same checks, Rasa's own error when one fails), so
`bench.run --patch-action-schema` shows what the fix would give before anyone changes the
product.
"""

from __future__ import annotations


def cache_action_schema() -> None:
    """RemoteAction._validate_action_result with a validator built once (same checks)."""
    from jsonschema import ValidationError, validators
    from rasa.core.actions.action import RemoteAction

    schema = RemoteAction.action_response_format_spec()
    validator = validators.validator_for(schema)(schema)
    original = RemoteAction._validate_action_result

    def _validate(self, result):  # noqa: ANN001, ANN202 - same signature as Rasa's
        try:
            validator.validate(result)
            return True
        except ValidationError:
            return original(self, result)  # Rasa's own error, message and all

    RemoteAction._validate_action_result = _validate


if __name__ == "__main__":
    from bot.rasa_server import main

    cache_action_schema()
    main()
