"""The ASB Case Review threshold engine: plain Python, no Rasa import.

The custom actions and the `asb-review` command both call it, so the assistant and a
caseworker always get the same answer.
"""

from actions.rules.assess import assess, assess_payload
from actions.rules.explain import explain
from actions.rules.policy import Policy, PolicyError, area_for_location, list_policies, load_policy
from actions.rules.reports import PayloadError

__all__ = [
    "assess", "assess_payload", "explain", "Policy", "PolicyError", "PayloadError",
    "area_for_location", "list_policies", "load_policy",
]
