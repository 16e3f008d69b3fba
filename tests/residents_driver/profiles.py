"""Loading the resident profiles (tests/corpora/residents/NN-*.yml)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import yaml

CORPUS = Path(__file__).resolve().parents[1] / "corpora" / "residents"


def load(path: Path) -> dict:
    profile = yaml.safe_load(path.read_text())
    profile["today"] = str(profile["today"])
    return profile


def load_all(corpus: Path = CORPUS, only: list[str] | None = None) -> list[dict]:
    paths = sorted(corpus.glob("[0-9][0-9]-*.yml"))
    if only:
        paths = [p for p in paths if any(p.stem.startswith(o) or o in p.stem for o in only)]
    return [load(p) for p in paths]


def as_date(value) -> dt.date | None:
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return None
    return None
