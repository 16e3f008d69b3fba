"""The meaning model beside the intent model (bot/nlu/safety_scores.py, bot/nlu/token_vectors.py).

The encoder's forward pass is checked against what a sentence encoder must do (similar
sentences are near, unrelated ones far); the component is trained, persisted, loaded and run
through Rasa's own model storage with a small stand-in table, so the test takes seconds.
"""

from __future__ import annotations

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

import bot.nlu.safety_scores as safety_scores
from bot.nlu import token_vectors
from bot.nlu.safety_scores import OUTPUT, SafetyScorer


def test_the_numpy_encoder_reads_meaning_not_words():
    knife, blade, report, music = token_vectors.encode_sentences([
        "someone is at my door with a knife",
        "there's a man outside with a blade right now",
        "I rang 101 on the 3rd of March",
        "the music next door is too loud",
    ])
    assert np.allclose(np.linalg.norm([knife, blade, report]), np.sqrt(3), atol=1e-4)
    # A wrong attention mask or transposed weight makes every pair look alike (~0.85 each).
    assert knife @ blade > 0.35
    assert knife @ blade - knife @ report > 0.25
    assert blade @ music < 0.2 and blade @ report < 0.2


def test_token_vectors_are_unit_length_and_empty_text_is_zero():
    table = np.random.default_rng(0).normal(size=(token_vectors.tokenizer().get_vocab_size(), 8)).astype(np.float32)
    out = token_vectors.TokenVectors(table).embed(["they are kicking the door", "", "   "])
    assert np.isclose(np.linalg.norm(out[0]), 1.0)
    assert not out[1].any() and not out[2].any() and np.isfinite(out).all()


@pytest.fixture
def scorer(tmp_path, monkeypatch):
    # A stand-in for the distilled table: words of danger share one direction, others another.
    size = token_vectors.tokenizer().get_vocab_size()
    table = np.zeros((size, 4), np.float32)
    table[:, 0] = 1.0
    for word in ("knife", "stab", "gun", "fire"):
        for i in token_vectors.tokenizer().encode(word, add_special_tokens=False).ids:
            table[i] = (0.0, 1.0, 0.0, 0.0)
    monkeypatch.setattr(safety_scores, "distil", lambda: table)
    monkeypatch.setattr(safety_scores, "EXAMPLES", tmp_path / "none.yml")  # only the examples below
    storage = LocalModelStorage(tmp_path)
    resource = Resource("safety_scorer")
    context = ExecutionContext(GraphSchema({}), "test")
    config = {**SafetyScorer.get_default_config()}
    trainer = SafetyScorer.create(config, storage, resource, context)
    data = TrainingData([Message.build(text, intent) for text, intent in [
        ("he has a knife", "emergency"), ("they will stab me", "emergency"), ("a gun outside", "emergency"),
        ("the house is on fire", "emergency"), ("the music is loud", "inform"), ("I rang the council", "inform"),
        ("yes please", "affirm"), ("next door park on the grass", "inform")]])
    trainer.train(data)
    return SafetyScorer.load(config, storage, resource, context)


def test_trained_scores_are_persisted_and_read_back(scorer):
    danger, harmless, payload = (Message({"text": t}) for t in ("knife, gun", "the music", '/inform{"x": 1}'))
    scorer.process([danger, harmless, payload])
    assert set(danger.get(OUTPUT)) == {"emergency", "self_harm", "domestic_abuse"}
    assert danger.get(OUTPUT)["emergency"] > 0.6 > harmless.get(OUTPUT)["emergency"]
    # A class with no training examples can never be said.
    assert danger.get(OUTPUT)["self_harm"] == 0.0 and danger.get(OUTPUT)["domestic_abuse"] == 0.0
    assert payload.get(OUTPUT) is None  # a button payload is not words a resident typed
    assert OUTPUT in danger.as_dict_nlu()  # so the action reads it from the parse data


def test_an_untrained_scorer_adds_nothing(tmp_path):
    scorer = SafetyScorer.create(SafetyScorer.get_default_config(), LocalModelStorage(tmp_path),
                                 Resource("x"), ExecutionContext(GraphSchema({}), "test"))
    message = Message({"text": "a man with a knife"})
    scorer.process([message])
    assert message.get(OUTPUT) is None
