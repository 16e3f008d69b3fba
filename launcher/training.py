"""For whoever runs or tests the product (make run, make test): train the Rasa model only when its inputs changed.

The model file is named after a hash of everything that shapes it (config, domain, training
data, the custom NLU components and the lock file), so ``ensure_model`` is a cheap no-op when
an up-to-date model is already in ``models/`` and the test command trains at most once a run.
"""

from __future__ import annotations

import argparse
import hashlib
import re
import subprocess
import sys
import time
from pathlib import Path

from shared.settings import child_environment, log_level

ROOT = Path(__file__).resolve().parent.parent
MODELS = ROOT / "models"

# What the trained model depends on. Actions are called over HTTP and do not shape it.
INPUTS = ("config.yml", "domain.yml", "data", "bot/nlu", "uv.lock")


def _files(root: Path) -> list[Path]:
    found: list[Path] = []
    for name in INPUTS:
        path = root / name
        if path.is_file():
            found.append(path)
        elif path.is_dir():
            found.extend(
                p
                for p in path.rglob("*")
                if p.is_file() and "__pycache__" not in p.parts and p.suffix != ".pyc"
            )
    return sorted(found)


# domain.yml's `words:` block is read by the actions and the console, never by Rasa (its
# schema allows the key and ignores it), so rewording a sentence does not retrain.
_WORDS_BLOCK = re.compile(rb"^words:\n(?:(?:[ #].*)?\n)*", re.MULTILINE)


def _shaping_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    if path.name == "domain.yml":
        data = _WORDS_BLOCK.sub(b"", data).rstrip(b"\n") + b"\n"
    return data


def fingerprint(root: Path = ROOT) -> str:
    digest = hashlib.sha256()
    for path in _files(root):
        digest.update(str(path.relative_to(root)).encode())
        digest.update(b"\0")
        digest.update(_shaping_bytes(path))
        digest.update(b"\0")
    return digest.hexdigest()[:16]


def model_path(root: Path = ROOT) -> Path:
    return root / "models" / f"asb-{fingerprint(root)}.tar.gz"


def ensure_model(root: Path = ROOT, quiet: bool = False) -> Path:
    """Return the path of an up-to-date model, training one if needed."""
    target = model_path(root)
    if target.exists():
        if not quiet:
            print(f"Model is up to date: {target.relative_to(root)}")
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    print(f"Training a model (inputs changed or no model yet): {target.name}", flush=True)
    started = time.monotonic()
    env = child_environment(LOG_LEVEL=log_level("WARNING"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.rasa_cli",  # Rasa's CLI with nothing sent outside
            "train",
            "--config", str(root / "config.yml"),
            "--domain", str(root / "domain.yml"),
            "--data", str(root / "data"),
            "--out", str(target.parent),
            "--fixed-model-name", target.name[: -len(".tar.gz")],
        ],
        cwd=root,
        env=env,
        check=True,
    )
    print(f"Trained in {time.monotonic() - started:.0f} s", flush=True)
    # Keep only the current model so models/ does not grow without bound.
    for old in target.parent.glob("asb-*.tar.gz"):
        if old != target:
            old.unlink()
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("command", choices=["ensure", "path", "fingerprint"])
    args = parser.parse_args(argv)
    if args.command == "ensure":
        print(ensure_model())
    elif args.command == "path":
        print(model_path())
    else:
        print(fingerprint())
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
