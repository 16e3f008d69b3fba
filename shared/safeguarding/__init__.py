"""Safeguarding (rules §9): reading a message for risk, with no Rasa import (see assess.py)."""

from shared.safeguarding.assess import NOTHING, SAFETY_INTENTS, Verdict, assess, told_as_past

__all__ = ["NOTHING", "SAFETY_INTENTS", "Verdict", "assess", "told_as_past"]
