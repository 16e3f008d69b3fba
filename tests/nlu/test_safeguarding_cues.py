import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.cues import safeguarding_cue
from bot.nlu.safeguarding_cues import SafeguardingCueClassifier


@pytest.mark.parametrize(
    "text, cue",
    [
        ("He's outside my door now screaming he'll kill me", "emergency"),
        ("they are trying to get in", "emergency"),
        ("help he's got a knife", "emergency"),
        ("I just want to end it all", "self_harm"),
        ("I don't want to be here any more", "self_harm"),
        ("My ex keeps turning up at night banging on the windows", "domestic_abuse"),
        ("my husband threatens me", "domestic_abuse"),
    ],
)
def test_cues_that_must_never_be_missed(text, cue):
    assert safeguarding_cue(text) == cue


@pytest.mark.parametrize(
    "text",
    [
        "this noise is killing me",
        "my ex-neighbour used to play loud music",
        "the kids next door hit my car with a football",
        "last week he said he would kill me",  # told calmly about the past: not an emergency now
        "I rang 101 on 3 March",
        "they have been shouting abuse at my wife since September",  # about a neighbour, not a partner
        "",
    ],
)
def test_ordinary_reports_are_not_cues(text):
    assert safeguarding_cue(text) is None


def test_component_overrides_the_intent_but_not_button_payloads():
    component = SafeguardingCueClassifier()
    typed = Message({"text": "I don't want to live anymore", "intent": {"name": "inform", "confidence": 0.4}})
    button = Message({"text": '/inform{"choice":"kill myself"}', "intent": {"name": "inform", "confidence": 1.0}})
    plain = Message({"text": "loud music", "intent": {"name": "inform", "confidence": 0.9}})
    component.process([typed, button, plain])
    assert typed.get("intent") == {"name": "self_harm", "confidence": 1.0}
    assert button.get("intent")["name"] == "inform"
    assert plain.get("intent")["name"] == "inform"
