"""A weak control intent needs its own words to interrupt the intake (bot/nlu/control_words.py)."""

import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.control_guard import ControlIntentGuard
from bot.nlu.control_words import CONFIDENT, guarded_intent


@pytest.mark.parametrize("intent, text", [
    ("stop", "Patel's Convenience Store"),
    ("greet", "Margaret Walsh"),
    ("start_again", "the family at number 9"),
    ("request_human", "Oak Road Residents Group"),
])
def test_a_weak_control_intent_without_its_words_is_an_answer(intent, text):
    assert guarded_intent(intent, 0.5, text) == "inform"


@pytest.mark.parametrize("intent, text", [
    ("complain_about_staff", "jo.bloggs88@example.co.uk"), ("stop", "07700 900123"), ("report_new_incident", "+44 1632 960000"),
])
def test_an_email_or_phone_number_alone_is_an_answer_at_any_confidence(intent, text):
    assert guarded_intent(intent, 0.99, text) == "inform"
    assert guarded_intent("complain_about_staff", 0.99, "the officer was rude to me, email me at jo@example.com") is None


@pytest.mark.parametrize("intent, text, confidence", [
    ("stop", "please stop this", 0.5),          # its own words
    ("start_again", "can I start over", 0.4),
    ("request_human", "can I talk to someone", 0.6),
    ("stop", "Patel's Convenience Store", CONFIDENT),  # confident: DIET is trusted
    ("emergency", "anything at all", 0.1),      # safeguarding is never downgraded
    ("self_harm", "myself", 0.3),
    ("inform", "anything", 0.2),
])
def test_the_intent_is_kept(intent, text, confidence):
    assert guarded_intent(intent, confidence, text) is None


def test_the_component_rewrites_only_the_intent_and_skips_payloads():
    typed = Message(data={"text": "Patel's Convenience Store", "intent": {"name": "stop", "confidence": 0.45},
                          "intent_ranking": [{"name": "stop", "confidence": 0.45}]})
    payload = Message(data={"text": '/stop', "intent": {"name": "stop", "confidence": 0.3}})
    ControlIntentGuard().process([typed, payload])
    assert typed.get("intent") == {"name": "inform", "confidence": 0.45}
    assert typed.get("intent_ranking")[0]["name"] == "stop"  # what the model thought is kept
    assert payload.get("intent")["name"] == "stop"


def test_an_faq_needs_a_question_even_when_the_selector_is_sure():
    assert guarded_intent("faq", 0.96, "My name's Priya Shah") == "inform"
    assert guarded_intent("faq", 0.96, "do I have to give my name") is None
    assert guarded_intent("faq", 0.96, "I don't want them knowing my name") is None
    assert guarded_intent("faq", 0.5, "anonymous?") is None


def test_every_faq_example_in_training_and_held_out_keeps_its_intent():
    import yaml
    from pathlib import Path

    root = Path(__file__).resolve().parents[2]
    for path in (root / "data/nlu/faq.yml", root / "tests/nlu/heldout.yml"):
        for block in yaml.safe_load(path.read_text())["nlu"]:
            if block.get("intent", "").startswith("faq"):
                for line in block["examples"].splitlines():
                    example = line.strip()[2:]
                    assert guarded_intent("faq", 0.99, example) is None, example
