"""Canned replies for the usual signposting (the console's quick buttons), from domain.yml's words."""

from __future__ import annotations

from shared.words import text

CANNED = ("emergency", "101", "victim_support", "samaritans", "domestic_abuse", "back_to_assistant")


def canned_replies() -> list[tuple[str, str]]:
    """(button title, message) for each canned reply, in the order the console shows them."""
    return [(text(f"canned_{key}_title"), text(f"canned_{key}")) for key in CANNED]
