"""The safeguarding cue patterns and the Rasa component that applies them (rules §9)."""

import logging

import pytest
from rasa.shared.nlu.training_data.message import Message

from shared.safeguarding.cues import safeguarding_cue
from bot.nlu.safeguarding_cues import SafeguardingCueClassifier

EMERGENCY = [
    "He's outside my door now screaming he'll kill me",
    "they are trying to get in",
    "someone is trying to break in",
    "help he's got a knife",
    "he's going to kill me",
    "they're kicking my door in",
    "it's happening right now",
    "the house is on fire",
    "fire now!!",
    "help me now",
    "I'm being attacked",
    "they're outside my house right now with a baseball bat",
    "help someone is breaking into my flat",
    "im terrified theyre at the door rite now",
    "he's trying to kill me",
    "theyre outside now shouting theyll burn us out",
    "I rang 999 but they're still at my door now",
    "someone's threatening to stab me right now",
    "HELP they're in the house",
    "help please someone's in my garden",
    "someone's in my garden with a knife",
    "they're smashing the car up as we speak",
    "call the police they're here now",
]

SELF_HARM = [
    "I just want to end it all",
    "I don't want to be here any more",
    "i want to kill myself",
    "thinking of killing meself",
    "there's no point living",
    "I've been hurting myself",
    "I'm going to hurt myself",
    "this has made me suicidal",
    "I'd be better off dead",
    "I don't want to live any more",
    "I want to die",
    "i feel like topping myself",
    "I've been cutting myself",
    "I keep thinking about ending it",
    "everyone would be better off without me",
    "I cant see the point of being alive anymore",
    "I don\u2019t want to be here anymore",
]

DOMESTIC = [
    "My ex keeps turning up at night banging on the windows",
    "my husband threatens me",
    "my partner hits me",
    "me ex keeps texting threats",
    "my boyfriend threatened me last night",
    "my son hits me when he's drunk",
    "my daughter threatens me",
    "my dad beats my mum",
    "my ex-husband won't leave me alone",
    "my wife is violent",
    "my girlfriend controls everything I do",
    "I'm scared of my partner",
    "it's my ex, he won't leave us alone",
    "my ex-wife is harassing me at work",
    "the kids' dad keeps turning up and kicking off",
    "my mum's boyfriend hits me",
    "my husband won't let me leave the house",
    "it's domestic abuse really",
    "it's my former partner harassing me",
    "the father of my kids keeps turning up drunk",
]

NOT_A_CUE = [
    # idioms and ordinary ASB
    "this noise is killing me",
    "the stress is killing me honestly",
    "my back is killing me from no sleep",
    "I rang 101 on 3 March",
    "loud music every night",
    "",
    "   ",
    # ex- words that are not an ex-partner
    "my ex-neighbour used to play loud music",
    "my ex neighbour caused the same trouble",
    "my ex-landlord never did anything",
    "I did my exams last year",
    # neighbours hurting someone in the family is ASB, not domestic abuse
    "the kids next door hit my car with a football",
    "the kids next door hit my car",
    "they shout abuse at my husband whenever he goes out",
    "my neighbour shouts at my wife",
    "my husband is disabled and it really upsets him",
    "I'm doing this for my mum, she's 84",
    "my son and his mates got hit by the lads at the park",
    "my son's friend was threatened by them",
    "my son hit the ball into their garden and they kept it",
    "they threatened my son",
    "my partner and I can't sleep",
    "my wife rang the council twice",
    "my husband threatened to call the police on them",
    # told calmly about the past: inform, not an emergency now
    "last week he said he would kill me",
    "last week he threatened to kill me when I asked him to turn it down",
    "he threatened me with a knife back in October and I reported it",
    "two weeks ago they tried to break in",
    "yesterday they were trying to get in through the back",
    # "help" in ordinary use
    "can you help me please with the form",
    "please help me apply",
    "I need help with my application",
    "help me fill this in",
    # ongoing answers, not danger now
    "yes it's still happening now",
    "it's still going on right now, every night",
    "I don't want to live here any more",
    "I don't want to live next to them",
    "I don't want to be here any more in this flat",
    "they set fire to the bins every bonfire night",
    "I want to end this chat",
    "I want to change where it's happening",
    "they're playing music right now",
    "there's no point going on with this form",
    "I'm thinking about ending my tenancy",
    "my old partner and I both reported it",
]


@pytest.mark.parametrize("text", EMERGENCY)
def test_danger_now_is_an_emergency(text):
    assert safeguarding_cue(text) == "emergency"


@pytest.mark.parametrize("text", SELF_HARM)
def test_self_harm_is_never_missed(text):
    assert safeguarding_cue(text) == "self_harm"


@pytest.mark.parametrize("text", DOMESTIC)
def test_partner_or_family_abuse_is_domestic_abuse(text):
    assert safeguarding_cue(text) == "domestic_abuse"


@pytest.mark.parametrize("text", NOT_A_CUE)
def test_ordinary_messages_are_not_cues(text):
    assert safeguarding_cue(text) is None


def test_self_harm_comes_first():
    assert safeguarding_cue("my ex keeps turning up and I want to end it all") == "self_harm"
    assert safeguarding_cue("my ex is outside my door right now trying to get in") == "emergency"


def test_non_text_is_not_a_cue():
    assert safeguarding_cue(None) is None  # type: ignore[arg-type]
    assert safeguarding_cue("x" * 100_000) is None


def _message(text, intent="inform", confidence=0.9):
    ranking = [{"name": intent, "confidence": confidence}, {"name": "deny", "confidence": 0.05}]
    return Message({"text": text, "intent": {"name": intent, "confidence": confidence}, "intent_ranking": ranking})


def test_component_overrides_the_intent_and_keeps_the_ranking():
    component = SafeguardingCueClassifier()
    typed = _message("I don't want to live anymore", "inform", 0.4)
    fallback = _message("he's got a knife", "nlu_fallback", 0.4)
    partner = _message("my ex keeps turning up", "inform", 0.95)
    component.process([typed, fallback, partner])
    assert typed.get("intent") == {"name": "self_harm", "confidence": 1.0}
    assert fallback.get("intent") == {"name": "emergency", "confidence": 1.0}
    assert partner.get("intent") == {"name": "domestic_abuse", "confidence": 1.0}
    # the model's own ranking is kept for evaluation and debugging
    assert [r["name"] for r in typed.get("intent_ranking")] == ["inform", "deny"]


def test_component_leaves_other_messages_alone():
    component = SafeguardingCueClassifier()
    button = _message('/inform{"choice":"kill myself"}', "inform", 1.0)
    plain = _message("loud music", "inform", 0.9)
    idiom = _message("this noise is killing me", "inform", 0.8)
    empty = Message({"text": ""})
    component.process([button, plain, idiom, empty])
    assert button.get("intent")["name"] == "inform"
    assert plain.get("intent") == {"name": "inform", "confidence": 0.9}
    assert idiom.get("intent")["name"] == "inform"
    assert empty.get("intent") is None


def test_component_output_is_part_of_the_parse_result():
    component = SafeguardingCueClassifier()
    (msg,) = component.process([_message("he's trying to get in", "inform", 0.3)])
    assert msg.as_dict_nlu()["intent"]["name"] == "emergency"


def test_message_text_is_never_logged(caplog):
    component = SafeguardingCueClassifier()
    secret = "my husband threatens me at 12 Secret Street"
    with caplog.at_level(logging.DEBUG):
        component.process([_message(secret)])
    assert "Secret Street" not in caplog.text
    assert "husband" not in caplog.text
