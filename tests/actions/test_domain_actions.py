"""Every custom action the domain names must exist in the action server, or the resident
hears nothing when Rasa calls it (Rasa logs the 404 and the turn ends silently)."""

from rasa_sdk.executor import ActionExecutor


def test_every_domain_action_is_registered(domain):
    executor = ActionExecutor()
    executor.register_package("actions.intake")
    missing = [a for a in domain["actions"] if a not in executor.actions]
    assert not missing, f"actions named in domain.yml with no implementation: {missing}"


def test_every_custom_ask_action_is_named_in_the_domain(domain):
    executor = ActionExecutor()
    executor.register_package("actions.intake")
    unnamed = [a for a in executor.actions if a not in domain["actions"]]
    assert not unnamed, f"actions implemented but not in domain.yml: {unnamed}"
