"""shared/safeguarding.assess reads time, negation, who and idiom as a call handler would (rules §9).

Written from the spec's own examples and the issue's; tuning is on tests/safeguarding_eval/dev.yml.
"""

from __future__ import annotations

import pytest

from shared.safeguarding import assess


def kind(text, **kw):
    v = assess(text, **kw)
    return v.answer, v.certainty


@pytest.mark.parametrize("text", [
    "they're kicking my door in right now",
    "there's a man at my door with a knife right now",
    "help please",
    "they've got in, I'm hiding upstairs",
])
def test_clear_danger_now_is_999_at_once(text):
    assert kind(text) == ("emergency", "clear")


def test_the_same_danger_told_as_past_is_part_of_the_story():
    assert kind("someone pulled a knife on me last year outside the shop") == ("none", "none")
    assert kind("they set fire to the bins in March") == ("none", "none")


def test_violence_without_a_time_gets_a_check_not_the_full_reply():
    assert kind("there's a fight by the garages") == ("emergency", "check")


@pytest.mark.parametrize("text", [
    "the music is killing me", "their subwoofer's killing me", "dying to get this sorted",
    "I'm not going to do anything to myself, I'm just tired", "nobody's in any danger, I'm just sick of it",
    "I called 999 on 30th April and 101 twice in May", "emergency contact: my son Dave",
])
def test_idiom_negation_and_ordinary_answers_are_not_cues(text):
    assert kind(text)[1] == "none"


def test_who_self_harm_is_about_decides_the_framing():
    assert kind("I want to end it all") == ("self_harm", "clear")
    assert kind("my son said he wants to die") == ("self_harm_other", "clear")
    assert kind("I've tried to kill myself twice since this started") == ("self_harm", "clear")  # past still counts


@pytest.mark.parametrize("text", [
    "my husband hits me", "my ex keeps turning up at night banging on the windows",
    "my adult son takes my pension", "my grandson has taken over my house and takes my money",
])
def test_abuse_by_a_partner_ex_or_relative_is_domestic_abuse_whatever_the_tense(text):
    assert kind(text) == ("domestic_abuse", "clear")


@pytest.mark.parametrize("text", [
    "my partner reported it twice and I did once", "the neighbours shout at my husband",
    "they call my daughter names and hit her with sticks", "I rent from my ex, the ASB is from next door",
])
def test_a_partner_or_relative_who_is_not_doing_the_harm_is_not_domestic_abuse(text):
    assert kind(text)[0] != "domestic_abuse"


def test_a_model_guess_alone_asks_a_check_unless_the_rules_say_harmless():
    assert kind("something odd is going on and I'm frightened", intent="emergency", confidence=0.95) == ("emergency", "check")
    # The full abuse reply on the model's word needs a word of harm or control, or someone close
    # named: it is sure of some harmless sentences.
    assert kind("my neighbour keeps putting his hedge clippings over my fence", intent="domestic_abuse",
                confidence=1.0) == ("none", "none")
    # However sure: the model was sure of these (measured).
    for text, intent in (("my neighbour keeps putting his hedge clippings over my fence", "self_harm"),
                         ("flibber jabber wocky", "emergency"), ("the lads in flat 8 n there m8s", "emergency"),
                         ("I'd still like to send it in please.", "emergency")):
        assert kind(text, intent=intent, confidence=1.0) == ("none", "none"), text
    assert kind("the music is killing me", intent="emergency", confidence=0.99) == ("none", "none")
    assert kind("something odd is going on", intent="emergency", confidence=0.3) == ("none", "none")
    assert kind("my husband is awful about money", intent="domestic_abuse", confidence=0.9) == ("domestic_abuse", "clear")


def test_a_street_name_at_the_place_question_is_not_a_shooting():
    assert kind("Shot Tower Close, number 3", position="location")[1] == "none"


def test_the_verdict_names_the_rule_not_the_words():
    verdict = assess("my husband hits me")
    assert verdict.cue and "husband" not in verdict.cue and verdict.intent == "domestic_abuse"


def test_hate_is_a_flag_not_a_safety_intent():
    verdict = assess("they call me a paki every time I walk past")
    assert verdict.answer == "hate" and verdict.intent is None
