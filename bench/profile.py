"""For developers: where a turn's time goes, at one resident: NLU, the action server, and the rest (policy
prediction, tracker store, channel), plus whether turns get slower as a conversation grows.

NLU is timed with Rasa's /model/parse on the same texts; the action server through the
zero-delay stopwatch proxy (our_stack(time_actions=True)); the rest is what remains.
"""

from __future__ import annotations

import json
import statistics
import time
import urllib.request
from typing import Optional

from bench.drivers import LoadResult, Target, run_load
from bench.scenarios import Script
from bench.stack import Running


def nlu_ms(url: str, texts: list[str], token: Optional[str]) -> float:
    """Mean ms of /model/parse over the texts, one at a time."""
    query = f"?token={token}" if token else ""
    took = []
    for text in texts:
        req = urllib.request.Request(f"{url}/model/parse{query}", data=json.dumps({"text": text}).encode(),
                                     headers={"Content-Type": "application/json"}, method="POST")
        started = time.perf_counter()
        with urllib.request.urlopen(req, timeout=60) as r:
            r.read()
        took.append(time.perf_counter() - started)
    return round(statistics.mean(took) * 1000, 1)


def growth(result: LoadResult, edge: int = 5) -> dict:
    """Mean ms of the first and last `edge` turns of each conversation."""
    first = [t for o in result.outcomes for t in o.latencies[:edge]]
    last = [t for o in result.outcomes for t in o.latencies[-edge:]]
    return {f"first_{edge}_turns_ms": round(statistics.mean(first) * 1000, 1) if first else None,
            f"last_{edge}_turns_ms": round(statistics.mean(last) * 1000, 1) if last else None}


def breakdown(stack: Running, scripts: list[Script]) -> dict:
    """One resident, each script once, on a stack started with time_actions=True."""
    before = stack.proxy_stats(stack.action_proxy_url)
    result = run_load(Target(stack.url, stack.origin, token=stack.token), "rest", scripts, 1, len(scripts))
    after = stack.proxy_stats(stack.action_proxy_url)
    latencies = [t for o in result.outcomes for t in o.latencies]
    turns = len(latencies) or 1
    texts = [s.text for script in scripts for s in script.steps if not s.click]
    turn_ms = statistics.mean(latencies) * 1000 if latencies else 0.0
    nlu = nlu_ms(stack.url, texts, stack.token)
    actions = (after["upstream_seconds"] - before["upstream_seconds"]) * 1000 / turns
    return {
        "turns": len(latencies), "errors": sum(1 for o in result.outcomes if o.error),
        "turn_mean_ms": round(turn_ms, 1), "nlu_mean_ms": nlu,
        "action_server_ms_per_turn": round(actions, 1),
        "action_calls_per_turn": round((after["forwarded"] - before["forwarded"]) / turns, 2),
        "rest_ms_per_turn": round(turn_ms - nlu - actions, 1),
        **growth(result),
    }
