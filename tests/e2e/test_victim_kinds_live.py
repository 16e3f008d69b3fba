"""Issue 15 item 5 on the live product: a business and a community group, both asked as "a business
or community group", reach the case system as different victim kinds.

The dialogue runner sees replies and slots, not the application delivered to the case system,
so this plays the two conversations itself and reads what the case system stored.
"""

from __future__ import annotations

import re
import uuid

import pytest

from tests.live_stack import TEST_TODAY

ORGANISATION_INTAKE = [
    "hello", "yes", "yes", "it's for my business",  # reported before, England/Wales, who is asking
    None,  # the organisation's name goes here
    "Youths gather outside every evening, shouting at people and damaging the shutters.",
    "Meadow Road, Stafford ST16 2DH", "skip", "yes", "no",
    "I rang 101 on 3 October, 21 October and 9 November",
    "the same day", "skip", "the same day", "skip", "the same day", "skip",
    "no", "yes", "no one else", "skip",  # more reports, read-back right, others, impact
    "carry on", "Sam Okafor", "40 Meadow Road, Stafford ST16 2DH", "07700 900456", "no",
    "any time is fine", "yes", "yes", "yes send it",
]


def _apply(stack, organisation: str) -> str:
    sender = f"test-kind-{uuid.uuid4().hex}"
    replies, exchange = [], []
    for text in ORGANISATION_INTAKE:
        replies = stack.say(sender, text or organisation, today=TEST_TODAY)
        exchange.append(f"> {text or organisation}\n" + "\n".join(f"< {r.get('text')}" for r in replies))
    said = " ".join(r.get("text") or "" for r in replies)
    found = re.search(r"ASB-[A-Z0-9-]+", said)
    assert found, "no reference at the end of the intake:\n" + "\n".join(exchange)[-6000:]
    return found.group(0).rstrip(".")


@pytest.mark.parametrize("organisation, kind", [
    ("Patel's Convenience Store", "business"),
    ("Oak Road Residents' Association", "community_group"),
])
def test_business_and_community_group_reach_the_case_system_apart(stack, organisation, kind):
    victim = stack.delivered(_apply(stack, organisation))["victim"]
    assert (victim["kind"], victim["name"]) == (kind, organisation)
