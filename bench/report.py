"""For developers: figures from load results, ratios to the baseline, targets, and the files in results/bench.

The scaled stack (two instances behind HAProxy, bench/scaled_stack.py) is set beside the single
one: `compare_scale` gives scaled/ours ratios of p50, p95 and turns per second at each level and
channel both were measured at (issue 18: on 2 cores, no more than 15 % slower than one).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Optional

from bench.drivers import LoadResult

TARGETS = {
    "p50_ratio_max": 1.5, "p95_ratio_max": 2.0, "throughput_ratio_min": 0.7, "errors": 0,
    "rasa_peak_mb_max": 1.6 * 1024, "train_scratch_s_max": 300.0, "ready_s_max": 60.0,
    # Two instances on the same 2 cores: not expected faster, at most 15 % slower than one.
    "scaled_latency_ratio_max": 1.15, "scaled_throughput_ratio_min": 0.87,
}
SCALE_VERDICT = "scaled no more than 15 % slower than one instance"


def percentile(values: list[float], q: float) -> Optional[float]:
    """Linear interpolation between closest ranks (numpy's default)."""
    if not values:
        return None
    s = sorted(values)
    pos = (len(s) - 1) * q
    lo, hi = math.floor(pos), math.ceil(pos)
    return s[lo] + (s[hi] - s[lo]) * (pos - lo)


def summarise(result: LoadResult) -> dict:
    latencies = [t for o in result.outcomes for t in o.latencies]
    errors = [o.error for o in result.outcomes if o.error]
    last = [o.latencies[-1] for o in result.outcomes if o.latencies and not o.error]
    done = len(result.outcomes) - len(errors)
    ms = lambda v: None if v is None else round(v * 1000, 1)  # noqa: E731
    return {
        "channel": result.channel, "concurrency": result.concurrency,
        "conversations": len(result.outcomes), "turns": len(latencies),
        "mean_ms": ms(sum(latencies) / len(latencies)) if latencies else None,
        # The last turn is the send step in our conversations (the outbox write).
        "last_turn_mean_ms": ms(sum(last) / len(last)) if last else None,
        "p50_ms": ms(percentile(latencies, 0.50)), "p95_ms": ms(percentile(latencies, 0.95)),
        "p99_ms": ms(percentile(latencies, 0.99)), "max_ms": ms(max(latencies, default=None)),
        "wall_s": round(result.wall_seconds, 1),
        "conversations_per_min": round(done / result.wall_seconds * 60, 2) if result.wall_seconds else None,
        "turns_per_s": round(len(latencies) / result.wall_seconds, 2) if result.wall_seconds else None,
        "errors": len(errors), "error_kinds": sorted(set(errors)),
    }


def _ratio(a, b, digits: int = 2) -> Optional[float]:
    return round(a / b, digits) if a is not None and b else None


def compare(ours: list[dict], base: list[dict]) -> list[dict]:
    rows = []
    by_key = {(b["channel"], b["concurrency"]): b for b in base}
    for o in ours:
        b = by_key.get((o["channel"], o["concurrency"]))
        if b is None:
            continue
        row = {"channel": o["channel"], "concurrency": o["concurrency"], "ours": o, "baseline": b,
               "p50_ratio": _ratio(o["p50_ms"], b["p50_ms"]), "p95_ratio": _ratio(o["p95_ms"], b["p95_ms"]),
               "p99_ratio": _ratio(o["p99_ms"], b["p99_ms"]),
               # Conversations have the same number of turns on both sides, so turns/s compares
               # the same work as conversations/min.
               "throughput_ratio": _ratio(o["turns_per_s"], b["turns_per_s"])}
        rows.append(row)
    return rows


def compare_scale(ours: list[dict], scaled: list[dict]) -> list[dict]:
    """Scaled beside one instance, at the levels and channels both ran (ratios: scaled / ours)."""
    by_key = {(o["channel"], o["concurrency"]): o for o in ours}
    rows = []
    for s in scaled:
        o = by_key.get((s["channel"], s["concurrency"]))
        if o is None:
            continue
        rows.append({"channel": s["channel"], "concurrency": s["concurrency"], "ours": o, "scaled": s,
                     # Three decimals: the 1.15 / 0.87 bounds need them to be read off the table.
                     "p50_ratio": _ratio(s["p50_ms"], o["p50_ms"], 3), "p95_ratio": _ratio(s["p95_ms"], o["p95_ms"], 3),
                     "throughput_ratio": _ratio(s["turns_per_s"], o["turns_per_s"], 3)})
    return rows


def scale_verdicts(rows: list[dict]) -> dict:
    if not rows:
        return {}
    def exact(r: dict, key: str) -> Optional[float]:  # unrounded: 1.154 is more than 15 % slower
        a, b = r["scaled"][key], r["ours"][key]
        return a / b if a is not None and b else None

    def within(r: dict) -> bool:
        p50, p95, tput = exact(r, "p50_ms"), exact(r, "p95_ms"), exact(r, "turns_per_s")
        return (None not in (p50, p95, tput) and p50 <= TARGETS["scaled_latency_ratio_max"]
                and p95 <= TARGETS["scaled_latency_ratio_max"] and tput >= TARGETS["scaled_throughput_ratio_min"])

    return {
        SCALE_VERDICT: all(within(r) for r in rows),
        "0 errors (scaled)": all(r["scaled"]["errors"] == 0 for r in rows),
    }


def verdicts(results: dict) -> dict:
    rows, v = results["comparison"], {}
    v["p50 <= 1.5x baseline at every concurrency"] = all(
        r["p50_ratio"] is not None and r["p50_ratio"] <= TARGETS["p50_ratio_max"] for r in rows)
    v["p95 <= 2x baseline at every concurrency"] = all(
        r["p95_ratio"] is not None and r["p95_ratio"] <= TARGETS["p95_ratio_max"] for r in rows)
    v["throughput >= 0.7x baseline"] = all(
        r["throughput_ratio"] is not None and r["throughput_ratio"] >= TARGETS["throughput_ratio_min"] for r in rows)
    v["0 errors"] = all(r["ours"]["errors"] == 0 for r in rows) and all(
        results["slow_case_system"][k]["errors"] == 0 for k in ("fast", "slow") if "slow_case_system" in results)
    rasa = results.get("memory", {}).get("ours", {}).get("rasa", {})
    v["Rasa server peak memory <= 1.6 GB"] = bool(rasa) and rasa["peak_mb"] <= TARGETS["rasa_peak_mb_max"]
    scratch = results["training"].get("train_from_scratch_s")
    v["training from scratch <= 5 min"] = None if scratch is None else scratch <= TARGETS["train_scratch_s_max"]
    ready = results["ready_s"]["ours"].get("rasa")
    v["ready <= 60 s"] = ready is not None and ready <= TARGETS["ready_s_max"]
    slow = results.get("slow_case_system")
    if slow:
        # "No worse": within run-to-run noise, taken as 20 % (or 50 ms) on p50 and p95.
        f, s = slow["fast"], slow["slow"]
        v["latency with a 5-s case system no worse"] = all(
            s[k] <= max(f[k] * 1.2, f[k] + 50) for k in ("p50_ms", "p95_ms", "last_turn_mean_ms"))
    v.update(scale_verdicts(results.get("scale", [])))
    return v


def _triple(s: dict) -> str:
    return " / ".join("-" if s[k] is None else f"{s[k]:.0f}" for k in ("p50_ms", "p95_ms", "p99_ms"))


def _pair(s: dict) -> str:
    return " / ".join("-" if s[k] is None else f"{s[k]:.0f}" for k in ("p50_ms", "p95_ms"))


def _cpu(s: dict) -> str:
    cpu = s.get("instance_cpu_s") or {}
    return ", ".join(f"{k} {v}" for k, v in cpu.items()) or "-"


def scale_table(rows: list[dict]) -> list[str]:
    out = ["", "Scaled (2 instances behind HAProxy, PostgreSQL, Redis) beside one instance; ratios scaled / one:", "",
           "| channel | residents | one p50/p95 ms | scaled p50/p95 ms | one turns/s | scaled turns/s "
           "| p50 × | p95 × | throughput × | errors one/scaled | Rasa CPU s per instance |",
           "|---|---:|---|---|---:|---:|---:|---:|---:|---|---|"]
    for r in rows:
        o, s = r["ours"], r["scaled"]
        out.append(f"| {r['channel']} | {r['concurrency']} | {_pair(o)} | {_pair(s)} | {o['turns_per_s']} "
                   f"| {s['turns_per_s']} | {r['p50_ratio']} | {r['p95_ratio']} | {r['throughput_ratio']} "
                   f"| {o['errors']}/{s['errors']} | {_cpu(s)} |")
    return out


def markdown(results: dict) -> str:
    out = [f"# Benchmark {results['started']} ({results['mode']})", "",
           f"Machine: {results['machine']}", "",
           "| channel | residents | ours p50/p95/p99 ms | baseline p50/p95/p99 ms | p50 × | p95 × | p99 × "
           "| ours conv/min | baseline conv/min | throughput × | errors ours/base |",
           "|---|---:|---|---|---:|---:|---:|---:|---:|---:|---|"]
    for r in results["comparison"]:
        o, b = r["ours"], r["baseline"]
        out.append(f"| {r['channel']} | {r['concurrency']} | {_triple(o)} | {_triple(b)} | {r['p50_ratio']} | {r['p95_ratio']} "
                   f"| {r['p99_ratio']} | {o['conversations_per_min']} | {b['conversations_per_min']} "
                   f"| {r['throughput_ratio']} | {o['errors']}/{b['errors']} |")
    if results.get("scale"):
        out += scale_table(results["scale"])
    out += ["", "| process | peak MB (largest process) | sum of per-process peaks MB | processes |", "|---|---:|---:|---:|"]
    for side, mem in results.get("memory", {}).items():
        for name, m in mem.items():
            out.append(f"| {side}: {name} | {m['peak_mb']} | {m['tree_mb']} | {m['processes']} |")
    t = results["training"]
    out += ["", "| figure | value |", "|---|---|"]
    for k, val in t.items():
        out.append(f"| {k} | {val} |")
    for side, ready in results["ready_s"].items():
        out.append(f"| ready s ({side}) | " + ", ".join(f"{k} {v}" for k, v in ready.items()) + " |")
    slow = results.get("slow_case_system")
    if slow:
        f, s = slow["fast"], slow["slow"]
        out.append(f"| REST, {f['concurrency']} resident(s), case system fast: p50 / p95 / send-step ms "
                   f"| {f['p50_ms']} / {f['p95_ms']} / {f['last_turn_mean_ms']} |")
        out.append(f"| same, case system answering after {slow['delay_s']} s: p50 / p95 / send-step ms "
                   f"| {s['p50_ms']} / {s['p95_ms']} / {s['last_turn_mean_ms']} |")
        out.append(f"| requests that reached the slow case system; outbox afterwards "
                   f"| {slow.get('case_system_requests')}; {slow.get('outbox')} |")
    for side, prof in results.get("profile", {}).items():
        out.append(f"| where a turn goes ({side}, 1 resident) | "
                   + ", ".join(f"{k} {v}" for k, v in prof.items()) + " |")
    out += ["", "| target | met |", "|---|---|"]
    for k, ok in results["verdicts"].items():
        out.append(f"| {k} | {'n/a' if ok is None else ('yes' if ok else '**no**')} |")
    for note in results.get("notes", []):
        out.append(f"\n- {note}")
    return "\n".join(out) + "\n"


def plot(results: dict, path: Path) -> Optional[str]:
    """Latency against concurrency, ours and baseline, per channel. Returns a note if skipped."""
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "matplotlib is not installed: no plot"
    fig, axes = plt.subplots(1, 2, figsize=(11, 4.2), sharey=True)
    for ax, channel in zip(axes, ("rest", "socketio")):
        rows = [r for r in results["comparison"] if r["channel"] == channel]
        xs = [r["concurrency"] for r in rows]
        for side, colour in (("ours", "tab:blue"), ("baseline", "tab:grey")):
            for key, style in (("p50_ms", "-o"), ("p95_ms", "--s")):
                ax.plot(xs, [r[side][key] for r in rows], style, color=colour, label=f"{side} {key[:3]}")
        scaled = [r for r in results.get("scale", []) if r["channel"] == channel]
        for key, style in (("p50_ms", "-o"), ("p95_ms", "--s")):
            if scaled:
                ax.plot([r["concurrency"] for r in scaled], [r["scaled"][key] for r in scaled], style,
                        color="tab:orange", label=f"scaled {key[:3]}")
        ax.set_title(f"{channel}: turn latency")
        ax.set_xlabel("concurrent residents")
        ax.set_xscale("log")
        ax.set_xticks(xs or [1])
        ax.set_xticklabels([str(x) for x in xs] or ["1"])
        ax.grid(alpha=0.3)
    axes[0].set_ylabel("ms per turn")
    axes[0].legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)
    return None


def write(results: dict, out_dir: Path) -> list[Path]:
    out_dir.mkdir(parents=True, exist_ok=True)
    stamp = results["started"].replace(":", "").replace("-", "")
    paths = [out_dir / f"bench-{stamp}.json", out_dir / f"bench-{stamp}.md", out_dir / f"bench-{stamp}.png"]
    note = plot(results, paths[2])
    if note:
        results.setdefault("notes", []).append(note)
        paths.pop()
    paths[0].write_text(json.dumps(results, indent=2))
    paths[1].write_text(markdown(results))
    for p in paths:  # the latest run under a fixed name too
        (out_dir / f"latest{p.suffix}").write_bytes(p.read_bytes())
    return paths
