"""For developers: cProfile of our Rasa server's work for whole conversations, to see where a turn goes.

    .venv/bin/python -m bench.profile_turns [--top 25] [--time-only] [--stock-action-check]

The real action server runs as a process (its time shows as waiting on HTTP); the agent is
loaded in this process with the project's endpoints.yml (SQLite tracker store) and handles
each scripted conversation once after a warm-up. Prints the Rasa stages by cumulative time
(NLU, policies, tracker store, actions) and the top functions. Nothing typed is printed.

The agent is set up as bot.rasa_server sets up the server (bot.action_response_check: the
action server's responses checked with a validator built once). --stock-action-check leaves
Rasa 3.6's own check (jsonschema.validate, which re-validates the constant schema against the
meta-schema on every call) to measure what that costs. --time-only measures without cProfile,
whose overhead inflates pure-Python code.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import io
import pstats
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.scenarios import message_for, our_scripts  # noqa: E402
from launcher.services import action_server, service_env  # noqa: E402
from shared.settings import Settings, export, export_all, temporarily  # noqa: E402
from launcher.supervisor import Supervisor, free_port  # noqa: E402
from launcher.training import ensure_model  # noqa: E402

# Where Rasa spends a turn, by the function that does each stage.
STAGES = {
    "NLU (parse_message)": "parse_message",
    "policies (predict_next_with_tracker_if_should)": "predict_next_with_tracker_if_should",
    "tracker store: retrieve": "get_or_create_tracker",
    "tracker store: save": "save",
    "remote actions (HTTP to the action server)": "_run_action",
}


async def conversations(agent, scripts) -> float:
    from rasa.core.channels.channel import CollectingOutputChannel, UserMessage

    turns = 0
    for i, script in enumerate(scripts):
        sender, reply = f"profile-{i}-{time.time_ns()}", []
        for step in script.steps:
            out = CollectingOutputChannel()
            await agent.handle_message(UserMessage(message_for(step, reply), out, sender, input_channel="rest",
                                                   metadata={"today": script.today}))
            reply = out.messages
            turns += 1
    return turns


def stage_times(stats: pstats.Stats) -> dict[str, float]:
    found: dict[str, float] = {}
    for (filename, _line, name), (_cc, _nc, _tt, ct, _callers) in stats.stats.items():
        for label, func in STAGES.items():
            if name == func and "rasa" in filename and (func != "save" or "tracker_store" in filename):
                found[label] = max(found.get(label, 0.0), ct)
    return found


def quiet_logs() -> None:
    """Warnings only, content redacted, as bot.rasa_server runs Rasa: no conversation text."""
    import logging

    from rasa.utils.log_utils import configure_structlog

    from bot.privacy.redact import install

    logging.getLogger().setLevel(logging.WARNING)
    configure_structlog(logging.WARNING)
    install()


def main() -> int:
    p = argparse.ArgumentParser()
    p.add_argument("--top", type=int, default=25)
    p.add_argument("--time-only", action="store_true")
    p.add_argument("--stock-action-check", action="store_true")
    p.add_argument("--stock-tracker", action="store_true", help="without bot.tracker_speedups and the tracker cache")
    p.add_argument("--dump", type=Path, help="also write the raw profile here (for pstats / snakeviz)")
    args = p.parse_args()
    from bot.rasa_server import install_speedups

    if args.stock_tracker:  # the cache is part of the tracker store endpoints.yml names
        export("ASB_TRACKER_CACHE", "0")
    install_speedups(model_load=False, action_check=not args.stock_action_check, tracker=not args.stock_tracker)
    from rasa.utils.tensorflow.environment import setup_tf_environment

    setup_tf_environment()  # TF_*_PARALLELISM_THREADS, as `rasa run` applies them
    model = ensure_model(quiet=True)
    scripts = our_scripts()
    with tempfile.TemporaryDirectory(prefix="asb-profile-") as tmp:
        with temporarily({"ASB_VAR_DIR": tmp, "ASB_ACTIONS_PORT": str(free_port()), "ASB_TEST_CLOCK": "1",
                       "LOG_LEVEL": "WARNING"}, drop=("ASB_ACTION_ENDPOINT_URL", "ASB_TRACKER_DB")):
            settings = Settings()
            env = service_env(settings)
            export_all(env)
            quiet_logs()
            sup = Supervisor(env, log_dir=Path(tmp) / "logs", echo=False)
            try:
                sup.start_all([action_server(settings)])
                from rasa.core.agent import load_agent
                from rasa.core.utils import AvailableEndpoints

                async def run() -> tuple[int, float, cProfile.Profile]:
                    agent = await load_agent(str(model), endpoints=AvailableEndpoints.read_endpoints(str(settings.endpoints)))
                    await conversations(agent, scripts[:1])  # warm-up
                    prof = cProfile.Profile()
                    started = time.perf_counter()
                    if not args.time_only:
                        prof.enable()
                    turns = await conversations(agent, scripts)
                    prof.disable()
                    return turns, time.perf_counter() - started, prof

                turns, seconds, prof = asyncio.run(run())
            finally:
                sup.stop()
    how = "without a profiler" if args.time_only else "under cProfile"
    print(f"{turns} turns in {seconds:.1f} s {how}: {seconds / turns * 1000:.0f} ms a turn"
          + (" (Rasa's stock action-response check)" if args.stock_action_check else ""))
    if args.time_only:
        return 0
    stats = pstats.Stats(prof)
    if args.dump:
        stats.dump_stats(str(args.dump))
    for label, ct in sorted(stage_times(stats).items(), key=lambda kv: -kv[1]):
        print(f"  {label:48} {ct / turns * 1000:7.1f} ms a turn ({ct / seconds:5.1%})")
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(args.top)
    print(out.getvalue())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
