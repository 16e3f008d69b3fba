"""For developers: `make bench`: our assistant against a bare Rasa 3.6 baseline under 1, 5 and 20 residents,
and the scaled stack (two instances) beside the single one at 5 and 20 (issue 18).

    .venv/bin/python -m bench.run [--quick] [--skip-train-scratch] [--skip-training] [--out DIR]
    .venv/bin/python -m bench.run --only-scale [--baseline-dir DIR]     # the scale figures alone, ~10-15 min

Starts the whole product (bench/stack.py), the same product scaled out as `make run-scaled`
starts it - PostgreSQL, Redis and HAProxy in front of two Rasa servers, two action servers and
two delivery workers (bench/scaled_stack.py) - and the `rasa init` moodbot (bench/baseline.py),
drives complete conversations over REST and socket.io (bench/drivers.py; behind the balancer,
conversations go to each Rasa server in turn), samples peak memory (bench/memory.py), times
training from scratch and from the cache, and measures latency while the case system answers
only after 5 s (bench/slow_proxy.py). Results: results/bench/ (JSON, Markdown, PNG; latest.* is
the newest). Phases alternate ours/scaled/baseline so that load from other work on the machine
hits all alike; compare the ratios, not absolute figures. The scaled stack runs at 5 and 20
residents only; its table gives p50, p95 and turns/s beside one instance's, their ratios, the
CPU seconds each Rasa server spent (both must work), and the target: on this 2-core machine
two instances are not expected to be faster, but no more than 15 % slower (p50 and p95 at most
1.15x one instance's, throughput at least 0.87x).

--only-scale runs just those load phases - ours, scaled, baseline at 5 and 20 residents, both
channels - and skips training timing, the slow-case-system measurement and the profile (peak
memory is still sampled); its results go to results/bench/scale/, so the full run's
results/bench/latest.* stay. --conversations N sets every level's number of conversations (a
smoke run; the figures of so few are not a measurement). --work DIR keeps the stacks' files
and logs (e.g. each Rasa server's log, scaled/logs/rasa-1.log) in a new folder DIR.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from contextlib import ExitStack
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from bench.baseline import baseline_stack, init_and_train  # noqa: E402
from bench.bench_startup import train  # noqa: E402
from bench.drivers import Target, run_load  # noqa: E402
from bench.memory import PeakMemory, own_pid_map  # noqa: E402
from bench.profile import breakdown, nlu_ms  # noqa: E402
from bench.report import compare, compare_scale, markdown, summarise, verdicts, write  # noqa: E402
from bench.scaled_stack import instance_cpu, scaled_product  # noqa: E402
from bench.scenarios import baseline_script, our_scripts  # noqa: E402
from bench.stack import our_stack  # noqa: E402
from launcher.training import ensure_model  # noqa: E402

CHANNELS = ("rest", "socketio")
SLOW_DELAY_S = 5.0
SCALE_LEVELS = (5, 20)  # residents at which the scaled stack is measured


def say(text: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {text}", flush=True)


def plan(quick: bool, only_scale: bool = False) -> dict[int, int]:
    """Residents -> conversations in that phase (each resident holds one at a time)."""
    if only_scale:
        return {r: n for r, n in plan(False).items() if r in SCALE_LEVELS}
    return {1: 2, 5: 5} if quick else {1: 3, 5: 10, 20: 20}


def time_training(tmp: Path, scratch: bool) -> dict:
    """Train the project into tmp (models/ is untouched): from an empty cache, then from a
    cache (the one just filled, or a copy of the project's .rasa/cache when scratch is skipped)."""
    figures: dict = {}
    cache, out = tmp / "cache", tmp / "models"
    if scratch:
        say("training the project from scratch (empty cache)...")
        figures["train_from_scratch_s"] = round(train(out, cache), 1)
    elif (ROOT / ".rasa" / "cache").is_dir():
        shutil.copytree(ROOT / ".rasa" / "cache", cache)
    say("training the project again, from the cache...")
    figures["train_from_cache_s"] = round(train(out, cache), 1)
    shutil.rmtree(cache, ignore_errors=True)
    return figures


def measure(systems: dict, scripts: dict, levels: dict[int, int], at: dict | None = None,
            probes: dict | None = None) -> dict[str, list[dict]]:
    """at: system -> the resident levels it runs at (default: every level); probes: system ->
    a function giving CPU seconds per instance, read before and after each of its phases."""
    at, probes = at or {}, probes or {}
    out: dict[str, list[dict]] = {name: [] for name in systems}
    for channel in CHANNELS:
        for residents, conversations in levels.items():
            for name, target in systems.items():
                if name in at and residents not in at[name]:
                    continue
                probe = probes.get(name)
                before = probe() if probe else {}
                s = summarise(run_load(target, channel, scripts[name], residents, conversations))
                if probe:
                    after = probe()
                    s["instance_cpu_s"] = {k: round(v - before.get(k, 0.0), 1) for k, v in after.items()}
                out[name].append(s)
                cpu = f", Rasa CPU s {s['instance_cpu_s']}" if probe else ""
                say(f"{name:8} {channel:8} {residents:2} residents: p50 {s['p50_ms']} ms, p95 {s['p95_ms']} ms, "
                    f"{s['turns_per_s']} turns/s, {s['conversations_per_min']} conv/min, "
                    f"errors {s['errors']} {s['error_kinds'] or ''}{cpu}")
    return out


def slow_case_system(ours, target: Target, scripts, residents: int, conversations: int) -> dict:
    """The same load twice on one stack: case system fast, then answering after 5 s."""
    figures: dict = {"delay_s": SLOW_DELAY_S}
    for label, delay in (("fast", 0.0), ("slow", SLOW_DELAY_S)):
        ours.set_case_system_delay(delay)
        before = ours.proxy_stats(ours.proxy_url)["forwarded"]
        figures[label] = summarise(run_load(target, "rest", scripts, residents, conversations))
        say(f"case system {label}: p50 {figures[label]['p50_ms']} ms, p95 {figures[label]['p95_ms']} ms, "
            f"errors {figures[label]['errors']}")
    # Give the worker time to deliver what the slow case system still owes, then count.
    time.sleep(SLOW_DELAY_S * 3)
    figures["case_system_requests"] = ours.proxy_stats(ours.proxy_url)["forwarded"] - before
    figures["outbox"] = ours.outbox_counts()
    ours.set_case_system_delay(0.0)
    return figures


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="1 and 5 residents, fewer conversations, no scratch training")
    p.add_argument("--skip-train-scratch", action="store_true", help="time only training from the cache")
    p.add_argument("--skip-training", action="store_true", help="time no training at all")
    p.add_argument("--out", type=Path, help="where results go (results/bench; results/bench/scale with --only-scale)")
    p.add_argument("--skip-profile", action="store_true", help="no breakdown of where a turn's time goes")
    p.add_argument("--baseline-dir", type=Path, help="keep the baseline bot here; reuse it if already trained")
    p.add_argument("--only-scale", action="store_true",
                   help="only the ours/scaled/baseline load phases at 5 and 20 residents (~10-15 min)")
    p.add_argument("--conversations", type=int, metavar="N",
                   help="conversations per level (a smoke run: too few for figures to mean anything)")
    p.add_argument("--work", type=Path, metavar="DIR",
                   help="a new folder for the stacks' files and logs, kept afterwards (default: a temporary one)")
    args = p.parse_args(argv)
    if args.only_scale:
        args.skip_training = args.skip_profile = True
    levels = plan(args.quick, args.only_scale)
    if args.conversations:
        levels = {residents: args.conversations for residents in levels}
    mode = "only-scale" if args.only_scale else ("quick" if args.quick else "full")
    args.out = args.out or ROOT / "results" / "bench" / ("scale" if args.only_scale else "")
    results: dict = {
        "started": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "mode": mode + (f", {args.conversations} conversations per level (smoke run)" if args.conversations else ""),
        "machine": f"{os.cpu_count()} CPUs, {platform.platform()}, Python {platform.python_version()}",
        "levels": levels, "training": {}, "notes": [
            "Baseline: `rasa init --no-prompt` moodbot, default config, no seeds added; no action server "
            "(it has no custom actions); in-memory tracker store; socket.io session_persistence off.",
            "Ours: the full product (actions, Rasa, case system, delivery worker, demo page), SQLite tracker store.",
            "Scaled: the same product as `make run-scaled` starts it: HAProxy in front of two Rasa servers, two "
            "action servers and two delivery workers, PostgreSQL tracker store and data, Redis lock store and "
            "socket.io manager; conversations go to each Rasa server in turn (the balancer's ASB_INSTANCE cookie); "
            f"measured at {', '.join(map(str, SCALE_LEVELS))} residents.",
            "Phases alternate ours/scaled/baseline; other work on the 2-core machine shifts absolute figures.",
        ],
    }
    model = ensure_model(quiet=True)
    results["training"]["model_size_mb"] = round(model.stat().st_size / 1e6, 1)
    scripts = {"ours": our_scripts()}
    scripts["baseline"] = [baseline_script(len(s.steps)) for s in scripts["ours"]]
    results["turns_per_conversation"] = [len(s.steps) for s in scripts["ours"]]
    with ExitStack() as work:
        if args.work:
            args.work.mkdir(parents=True, exist_ok=False)
            tmp = args.work
        else:
            tmp = Path(work.enter_context(tempfile.TemporaryDirectory(prefix="asb-bench-")))
        base_dir = args.baseline_dir or tmp / "baseline"
        if not list(base_dir.glob("models/*.tar.gz")):
            say("rasa init --no-prompt (trains the moodbot)...")
            results["training"]["baseline_init_and_train_s"] = round(init_and_train(base_dir), 1)
        if not args.skip_training:
            scratch = not (args.quick or args.skip_train_scratch)
            results["training"].update(time_training(tmp / "train", scratch))
        with ExitStack() as stack:
            say("starting our stack, the baseline and the scaled stack...")
            ours = stack.enter_context(our_stack(model, tmp / "ours"))
            base = stack.enter_context(baseline_stack(base_dir))
            scaled = stack.enter_context(scaled_product(model, tmp / "scaled"))
            results["ready_s"] = {r.name: {k: round(v, 1) for k, v in r.supervisor.ready_seconds.items()}
                                  for r in (ours, base, scaled)}
            mem = {r.name: stack.enter_context(PeakMemory(lambda r=r: own_pid_map(r.supervisor.procs)))
                   for r in (ours, base)}
            mem["scaled"] = stack.enter_context(PeakMemory(
                lambda: {**own_pid_map(scaled.supervisor.procs), **scaled.daemon_pids()}))
            systems = {"ours": Target(ours.url, ours.origin, signed_sessions=True, token=ours.token),
                       "scaled": Target(scaled.url, scaled.origin, signed_sessions=True, token=scaled.token,
                                        sticky_cookie=scaled.sticky_cookie, instances=scaled.instances),
                       "baseline": Target(base.url, None, signed_sessions=False)}
            scripts["scaled"] = scripts["ours"]
            say("warming up (one conversation each, one per scaled instance, not counted)...")
            for name, target in systems.items():
                run_load(target, "rest", scripts[name][:1], 1, max(1, len(target.instances)))
            figures = measure(systems, scripts, levels, at={"scaled": SCALE_LEVELS},
                              probes={"scaled": lambda: instance_cpu(scaled)})
            if not args.only_scale:
                results["slow_case_system"] = slow_case_system(
                    ours, systems["ours"], scripts["ours"], min(levels), 2 if args.quick else 3)
            for m in mem.values():
                m.sample()
            results["memory"] = {name: m.peaks() for name, m in mem.items()}
            if not args.skip_profile:
                one = next(f for f in figures["baseline"] if f["channel"] == "rest" and f["concurrency"] == 1)
                results["profile"] = {"baseline": {"turn_mean_ms": one["mean_ms"], "nlu_mean_ms": nlu_ms(
                    base.url, [s.text for s in scripts["baseline"][0].steps], None)}}
        if not args.skip_profile:
            say("profile: our stack again, with a stopwatch in front of the action server...")
            with our_stack(model, tmp / "profile", time_actions=True) as timed:
                run_load(Target(timed.url, timed.origin, token=timed.token), "rest", scripts["ours"][:1], 1, 1)  # warm-up
                results["profile"]["ours"] = breakdown(timed, scripts["ours"])
            say(f"profile: {results['profile']}")
    results["runs"] = figures
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "raw-latest.json").write_text(json.dumps(results, indent=2))  # kept if reporting fails
    results["comparison"] = compare(figures["ours"], figures["baseline"])
    results["scale"] = compare_scale(figures["ours"], figures["scaled"])
    results["verdicts"] = verdicts(results)
    paths = write(results, args.out)
    print(markdown(results))
    say("written: " + ", ".join(str(p.relative_to(ROOT)) if p.is_relative_to(ROOT) else str(p) for p in paths))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
