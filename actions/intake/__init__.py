"""rasa-sdk actions for the intake conversation (`rasa run actions --actions actions.intake`)."""

from actions.intake import ask, every_turn, form, handoff, submit  # noqa: F401 - registers the actions
