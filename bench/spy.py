"""For developers: where the Rasa server's CPU goes under load, sampled with py-spy from outside the process.

    .venv/bin/python -m bench.spy [--channel rest] [--residents 5] [--conversations 10]

Starts our stack as bench.run does, warms it up, then records the Rasa server with
``py-spy record --format raw`` while simulated residents replay the scripted intakes, and
prints the share of busy samples under each stage (NLU, policies, action calls, tracker
store, TensorFlow...). Unlike bench.profile_turns it sees the real server: channels, Sanic,
concurrency. Needs py-spy on PATH, or uv (then ``uvx py-spy`` fetches it). Samples hold
function names only, never conversation text. The raw samples stay in --out.
"""

from __future__ import annotations

import argparse
import collections
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Stage -> a fragment of a py-spy frame ("function (file:line)") that marks it.
STAGES = {
    "whole turn (processor.handle_message)": "handle_message (rasa/core/processor.py",
    "NLU (parse_message)": "parse_message (rasa/core/processor.py",
    "policies (_predict_next_with_tracker)": "_predict_next_with_tracker (",
    "TensorFlow (any)": "tensorflow/",
    "  DIET": "diet_classifier.py",
    "  ResponseSelector": "response_selector.py",
    "  TED": "ted_policy.py",
    "  Memoization + Rule": "memoization.py",
    "action-server calls (RemoteAction.run)": "run (rasa/core/actions/action.py",
    "  building the request (action_call_format)": "action_call_format (",
    "  aiohttp": "aiohttp/",
    "tracker store: retrieve": "retrieve (bot/tracker_cache.py",
    "tracker store: save": "save (bot/tracker_cache.py",
    "SQLAlchemy (any)": "sqlalchemy/",
    "handoff check (held_by_operator)": "held_by_operator (",
}
IDLE = ("_worker (concurrent/futures/thread.py", "select (selectors.py", "_run_once (asyncio/base_events.py")


def summarise(raw: Path) -> tuple[int, dict[str, float], list[tuple[str, float]]]:
    """Busy samples, the share under each stage, and the top functions by own time."""
    busy, under, own = 0, collections.Counter(), collections.Counter()
    for line in raw.read_text().splitlines():
        if not line.strip():
            continue
        stack, count = line.rsplit(" ", 1)
        frames = stack.split(";")
        if frames[-1].startswith(IDLE):
            continue  # a thread waiting for work
        n = int(count)
        busy += n
        for stage, mark in STAGES.items():
            if mark in stack:
                under[stage] += n
        own[frames[-1]] += n
    shares = {stage: under[stage] / busy for stage in STAGES} if busy else {}
    return busy, shares, [(f, n / busy) for f, n in own.most_common(15)] if busy else []


def py_spy() -> list[str]:
    found = shutil.which("py-spy")
    if found:
        return [found]
    if shutil.which("uvx"):
        return ["uvx", "py-spy"]
    raise SystemExit("bench.spy needs py-spy on PATH, or uv (for uvx py-spy)")


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--channel", default="rest", choices=("rest", "socketio"))
    p.add_argument("--residents", type=int, default=5)
    p.add_argument("--conversations", type=int, default=10)
    p.add_argument("--rate", type=int, default=200, help="samples a second")
    p.add_argument("--out", type=Path, default=ROOT / "results" / "bench" / "spy-latest.txt")
    args = p.parse_args()

    from bench.drivers import Target, run_load
    from bench.scenarios import our_scripts
    from bench.stack import our_stack
    from launcher.training import ensure_model

    spy = py_spy()
    model = ensure_model(quiet=True)
    scripts = our_scripts()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="asb-spy-") as tmp, our_stack(model, Path(tmp) / "ours") as ours:
        target = Target(ours.url, ours.origin, signed_sessions=True, token=ours.token)
        run_load(target, "rest", scripts[:1], 1, 1)  # warm-up
        rasa = next(proc.pid for service, proc in ours.supervisor.procs if service.name == "rasa")
        recorder = subprocess.Popen([*spy, "record", "--pid", str(rasa), "--format", "raw", "--rate", str(args.rate),
                                     "-o", str(args.out)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(2)  # py-spy attaches
        result = run_load(target, args.channel, scripts, args.residents, args.conversations)
        recorder.send_signal(signal.SIGINT)  # py-spy writes its file and exits
        recorder.wait(60)
    errors = sum(1 for o in result.outcomes if o.error)
    busy, shares, top = summarise(args.out)
    print(f"{args.channel}, {args.residents} residents, {args.conversations} conversations, errors {errors}; "
          f"{busy} busy samples of the Rasa server ({args.out})")
    for stage, share in shares.items():
        print(f"  {stage:48} {share:6.1%}")
    print("top functions by own time:")
    for frame, share in top:
        print(f"  {share:6.1%} {frame[:110]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
