"""Print, as JSON, what a trained model predicts for fixed inputs (run in its own process).

`python tests/infra/model_predictions.py MODEL [--fast]` loads the model with Rasa's loader or
with bot.fast_model_load, then records every intent ranking, the FAQ response selection and
the next-action scores of the dialogue policies for a few conversations. The test compares
the two outputs; a separate process keeps the patched loader out of the test session.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time

TEXTS = [
    "hi there", "I want to apply for a case review", "my neighbours play loud music every night",
    "yes", "no", "talk to a real person please", "why do you need my address", "I don't know",
    "how long does a review take?", "they said they'd kill me", "go back", "stop", "blah blah",
]
CONVERSATIONS = [["hello"], ["I want a case review", "yes"], ["hi", "talk to a person"]]


def policy_scores(agent, tracker) -> dict:
    """Every dialogue policy's own scores (the ensemble would hide TED behind RulePolicy)."""
    from rasa.engine.constants import PLACEHOLDER_TRACKER

    processor = agent.processor
    schema = processor.model_metadata.predict_schema
    out = {}
    for name, node in schema.nodes.items():
        if "Policy" not in node.uses.__name__ or "Ensemble" in node.uses.__name__:
            continue
        prediction = processor.graph_runner.run(inputs={PLACEHOLDER_TRACKER: tracker}, targets=[name])[name]
        out[name] = [round(p, 5) for p in prediction.probabilities]
    return out


async def main(model: str, fast: bool) -> dict:
    if fast:
        from bot.fast_model_load import install

        install()
    from rasa.core.agent import Agent
    from rasa.core.channels.channel import UserMessage

    started = time.monotonic()
    agent = Agent.load(model)
    load_seconds = time.monotonic() - started
    nlu = []
    for text in TEXTS:
        parsed = await agent.parse_message(text)
        selector = (parsed.get("response_selector") or {}).get("faq", {}).get("response", {})
        nlu.append({
            "text": text,
            "ranking": [(r["name"], round(r["confidence"], 5)) for r in parsed.get("intent_ranking", [])],
            "faq": (selector.get("utter_action"), round(selector.get("confidence") or 0.0, 5)),
        })
    core = []
    for n, turns in enumerate(CONVERSATIONS):
        sender = f"compare-{n}"
        for text in turns:
            await agent.processor.log_message(UserMessage(text, sender_id=sender))
        tracker = await agent.processor.get_tracker(sender)
        core.append({"turns": turns, "policies": policy_scores(agent, tracker)})
    return {"load_seconds": load_seconds, "nlu": nlu, "core": core}


if __name__ == "__main__":
    result = asyncio.run(main(sys.argv[1], "--fast" in sys.argv[2:]))
    print("RESULT " + json.dumps(result))
