"""For developers: measure what issue 3 asks to be measured, not timed in tests:
training from scratch, training again from Rasa's cache, and server start-up to ready.

    .venv/bin/python bench/bench_startup.py [--skip-scratch]

Writes bench/results/startup.json and prints a short table. Training from scratch uses an
empty temporary Rasa cache, so it measures what a fresh clone pays.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from launcher.services import product, service_env  # noqa: E402
from shared.settings import Settings, child_environment, export_all  # noqa: E402
from launcher.supervisor import Supervisor, free_port  # noqa: E402


def train(out: Path, cache: Path) -> float:
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "--out", str(out), "--fixed-model-name", "bench"],
        cwd=ROOT, check=True, capture_output=True,
        env=child_environment(RASA_CACHE_DIRECTORY=str(cache), LOG_LEVEL="WARNING"),
    )
    return time.monotonic() - started


def ready(model: Path) -> dict:
    with tempfile.TemporaryDirectory() as var:
        export_all(dict(ASB_VAR_DIR=var, ASB_RASA_PORT=str(free_port()),
                        ASB_ACTIONS_PORT=str(free_port())))
        settings = Settings()
        sup = Supervisor(service_env(settings), log_dir=Path(var) / "logs", echo=False)
        try:
            sup.start_all(product(settings, model))
            return dict(sup.ready_seconds)
        finally:
            sup.stop()


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-scratch", action="store_true")
    args = parser.parse_args()
    results: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        out, cache = Path(tmp) / "models", Path(tmp) / "cache"
        if not args.skip_scratch:
            results["train_from_scratch_s"] = round(train(out, cache), 1)
        results["train_from_cache_s"] = round(train(out, cache), 1)
        model = out / "bench.tar.gz"
        results["model_size_mb"] = round(model.stat().st_size / 1e6, 1)
        results["ready_s"] = {k: round(v, 1) for k, v in ready(model).items()}
    dest = ROOT / "bench" / "results"
    dest.mkdir(parents=True, exist_ok=True)
    (dest / "startup.json").write_text(json.dumps(results, indent=2))
    for key, value in results.items():
        print(f"{key:24} {value}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
