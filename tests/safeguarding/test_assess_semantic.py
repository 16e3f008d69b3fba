"""assess with the meaning model's scores (bot/nlu/safety_scores.py) as a second opinion.

By meaning alone a message is only ever asked the check, never given the full guidance; the
meaning model is heard with no question open and, at a form question, for what the action passes
(words that are not an answer), never for the resident's account; the rules for time,
negation, addresses and who still decide; scores that are not probabilities of the safety
intents are ignored (the action reads them from parse data).
"""

from __future__ import annotations

import pytest

from shared.safeguarding import assess


def kind(text, semantic=None, **kw):
    v = assess(text, semantic=semantic, **kw)
    return v.answer, v.certainty


SURE_DANGER = {"emergency": 0.95, "self_harm": 0.01, "domestic_abuse": 0.01}


def test_danger_by_meaning_alone_is_asked_not_told():
    text = "a teenage girl is being held down by a group in the underpass"
    assert kind(text) == ("none", "none")  # no rule knows it
    assert kind(text, SURE_DANGER) == ("emergency", "check")


def test_self_harm_by_meaning_is_asked_in_any_tense():
    text = "I've written my note"
    assert kind(text, {"emergency": 0.0, "self_harm": 0.8, "domestic_abuse": 0.0}) == ("self_harm", "check")


@pytest.mark.parametrize("text", [
    "someone got glassed outside the pub last month",  # told as past
    "nobody is hurt, they have gone in",  # negation
    "the music is killing me",  # idiom
    "I live at 4 Shot Tower Close",  # an address
])
def test_the_rules_still_decide_time_negation_idiom_and_addresses(text):
    assert kind(text, SURE_DANGER) == ("none", "none")


def test_a_long_account_needs_a_word_of_now_or_a_surer_reading():
    account = ("the lads on scramblers use the field behind us as a racetrack, ripping it up, the noise is "
               "unreal on a sunday and they go back and forth for hours")
    assert kind(account, {"emergency": 0.7, "self_harm": 0.0, "domestic_abuse": 0.0}) == ("none", "none")
    assert kind(account, {"emergency": 0.95, "self_harm": 0.0, "domestic_abuse": 0.0}) == ("emergency", "check")


def test_asked_for_their_story_it_is_not_heard():
    text = "they are stoning the bus"
    assert kind(text, {"emergency": 0.88, "self_harm": 0.0, "domestic_abuse": 0.0}) == ("emergency", "check")
    assert kind(text, {"emergency": 0.95, "self_harm": 0.0, "domestic_abuse": 0.0},
                position="problem_description") == ("none", "none")


def test_a_short_answer_read_near_danger_is_not_asked():
    # "I'm their son" scored 0.8: four simulated residents were asked "are you in danger?" at
    # every answer until they gave up.
    assert kind("I'm their son", {"emergency": 0.8, "self_harm": 0.05, "domestic_abuse": 0.05}) == ("none", "none")
    assert kind("I believe not.", {"emergency": 0.0, "self_harm": 0.2, "domestic_abuse": 0.63},
                intent="domestic_abuse", confidence=0.9) == ("none", "none")


@pytest.mark.parametrize("position", ["on_behalf_relationship", "victim_consent", "location", "full_name"])
def test_at_a_form_question_it_is_heard_for_what_the_caller_passes(position):
    # The action passes the scores only for words that cannot be the answer
    # (actions/intake/answer_like.py): "he's my dad" read 0.91 as abuse and never gets here.
    assert kind("a teenage girl is being held down by a group in the underpass", SURE_DANGER,
                position=position) == ("emergency", "check")
    assert kind("a teenage girl is being held down by a group in the underpass", position=position) == ("none", "none")


def test_with_no_question_open_it_is_heard():
    text = "a teenage girl is being held down by a group in the underpass"
    assert kind(text, SURE_DANGER) == ("emergency", "check")
    assert kind(text, SURE_DANGER, position="problem_description") == ("none", "none")
    # Agreeing with the intent model, it stands in for a word of harm.
    assert kind("the lads are climbing on the roof", {"emergency": 0.6, "self_harm": 0.0, "domestic_abuse": 0.0},
                intent="emergency", confidence=0.9) == ("emergency", "check")
    assert kind("the lads are climbing on the roof", intent="emergency", confidence=0.9) == ("none", "none")


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
