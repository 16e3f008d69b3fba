"""assess with the meaning model's scores (bot/nlu/safety_scores.py) as a second opinion.

By meaning alone nothing is said, nor when it agrees with the intent model; it reads abuse
by someone close; the rules for time, idiom, addresses and who still
decide; scores that are not probabilities of the safety intents are ignored.
"""

from __future__ import annotations

import pytest

from shared.safeguarding import assess


def kind(text, semantic=None, **kw):
    v = assess(text, semantic=semantic, **kw)
    return v.answer, v.certainty


SURE_DANGER = {"emergency": 0.95, "self_harm": 0.01, "domestic_abuse": 0.01}


def test_meaning_alone_never_asks():
    # End to end, short answers to form questions read 0.84-0.92 as danger or self-harm.
    for text, scores in [("she's my neighbour", {"emergency": 0.9, "self_harm": 0.01, "domestic_abuse": 0.03}),
                         ("yes she knows and wants me to", {"emergency": 0.0, "self_harm": 0.84, "domestic_abuse": 0.1}),
                         ("a teenage girl is being held down by a group in the underpass", SURE_DANGER)]:
        assert kind(text, scores) == ("none", "none")


def test_both_models_agreeing_is_no_word_of_harm():
    text = "yes she knows and wants me to"
    assert kind(text, {"emergency": 0.0, "self_harm": 0.84, "domestic_abuse": 0.1},
                intent="self_harm", confidence=0.9) == ("none", "none")


@pytest.mark.parametrize("text", [
    "someone got glassed outside the pub last month",  # told as past
    "the music is killing me",  # idiom
    "I live at 4 Shot Tower Close",  # an address
])
def test_the_rules_still_decide_time_idiom_and_addresses(text):
    assert kind(text, SURE_DANGER, intent="emergency", confidence=0.9) == ("none", "none")


def test_an_abuse_guess_without_a_word_of_harm_is_no_check():
    assert kind("I believe not.", {"emergency": 0.0, "self_harm": 0.2, "domestic_abuse": 0.63},
                intent="domestic_abuse", confidence=0.9) == ("none", "none")


def test_abuse_by_meaning_needs_someone_close_and_a_word_of_harm():
    scores = {"emergency": 0.05, "self_harm": 0.0, "domestic_abuse": 0.9}
    assert kind("my teenage son punches me when he's angry", scores) == ("domestic_abuse", "clear")
    # Someone close, no harm: "my wife has MS" reads near abuse to the meaning model.
    assert kind("my wife has MS and the constant banging upsets her", scores) == ("none", "none")
    # Harm by others is ASB, not abuse at home.
    assert kind("the neighbours punch my son when he walks past", scores)[0] != "domestic_abuse"


def test_abuse_told_of_him_alone_needs_an_act_the_rules_know():
    scores = {"emergency": 0.0, "self_harm": 0.0, "domestic_abuse": 0.95}
    assert kind("he takes all my wages and gives me twenty pound a week", scores) == ("domestic_abuse", "clear")
    assert kind("he takes all my wages and gives me twenty pound a week") == ("none", "none")
    assert kind("he parks across my drive every night", scores) == ("none", "none")


@pytest.mark.parametrize("bad", [
    {"emergency": 2.0}, {"emergency": float("nan")}, {"emergency": "0.99"}, {"emergency": True},
    {"hate": 0.99, "inform": 0.99}, ["emergency", 0.99], "emergency",
])
def test_scores_that_are_not_probabilities_are_ignored(bad):
    assert kind("a teenage girl is being held down by a group in the underpass", bad) == ("none", "none")
