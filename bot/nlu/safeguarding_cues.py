"""Rasa graph component: overrides the intent when a safeguarding cue is certain (rules §9).

Runs last in the pipeline (after DIETClassifier, ResponseSelector and FallbackClassifier),
so a cue of danger now, self-harm or domestic abuse is never lost to a low-confidence or
`nlu_fallback` classification. The intent becomes `emergency`, `self_harm` or
`domestic_abuse` with confidence 1.0; the model's own `intent_ranking` is kept untouched so
evaluation and debugging can see what the model thought. Nothing about the message is
logged. Button payloads ("/inform{...}") are not words a resident typed and are skipped.
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
    """Sets the intent to a safeguarding intent when bot.nlu.cues finds a cue."""

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "SafeguardingCueClassifier":
        return cls()

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text = message.get(TEXT)
            if not isinstance(text, str) or not text.strip() or text.lstrip().startswith("/"):
                continue
            cue = safeguarding_cue(text)
            if cue:
                message.set(INTENT, {INTENT_NAME_KEY: cue, PREDICTED_CONFIDENCE_KEY: 1.0}, add_to_output=True)
        return messages
