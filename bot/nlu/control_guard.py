"""Rasa graph component: a weak control intent without its words becomes `inform` (see control_words).

Runs after FallbackClassifier and before SafeguardingCueClassifier. The model's own
`intent_ranking` is kept, so evaluation and debugging still see what DIET thought. Button
payloads ("/inform{...}") and `nlu_fallback` are left alone.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.control_words import guarded_intent


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class ControlIntentGuard(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "ControlIntentGuard":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            intent = message.get(INTENT) or {}
            if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
                continue
            name, confidence = intent.get(INTENT_NAME_KEY), float(intent.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            replacement = guarded_intent(name, confidence, text)
            if replacement:
                message.set(INTENT, {INTENT_NAME_KEY: replacement, PREDICTED_CONFIDENCE_KEY: confidence},
                            add_to_output=True)
        return messages
