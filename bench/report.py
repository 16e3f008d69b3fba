"""For developers: figures from load results, ratios to the baseline, targets, and the files in results/bench."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Optional

from bench.drivers import LoadResult

TARGETS = {
    "p50_ratio_max": 1.5, "p95_ratio_max": 2.0, "throughput_ratio_min": 0.7, "errors": 0,
    "rasa_peak_mb_max": 1.6 * 1024, "train_scratch_s_max": 300.0, "ready_s_max": 60.0,
}


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


def _ratio(a, b) -> Optional[float]:
    return round(a / b, 2) if a is not None and b else None


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
    rasa = results["memory"]["ours"].get("rasa", {})
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
    return v


def _triple(s: dict) -> str:
    return " / ".join("-" if s[k] is None else f"{s[k]:.0f}" for k in ("p50_ms", "p95_ms", "p99_ms"))


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
    out += ["", "| process | peak MB (largest process) | sum of per-process peaks MB | processes |", "|---|---:|---:|---:|"]
    for side, mem in results["memory"].items():
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
