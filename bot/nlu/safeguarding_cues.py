"""Rasa graph component: overrides the intent when a safeguarding cue is certain.

Runs last in the pipeline. The original ranking is kept so evaluation can see what the model
thought; nothing about the message is logged.
"""

from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, INTENT_NAME_KEY, PREDICTED_CONFIDENCE_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

from bot.nlu.cues import safeguarding_cue


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class SafeguardingCueClassifier(GraphComponent):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SafeguardingCueClassifier":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            # Button payloads ("/inform{...}") are not words a resident typed.
            if not text or text.startswith("/"):
                continue
            cue = safeguarding_cue(text)
            if cue:
                message.set(INTENT, {INTENT_NAME_KEY: cue, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
        return messages
