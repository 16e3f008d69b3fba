"""Is an evaluation message a near-copy of a training example in data/?

The issue asks for rapidfuzz's ratio >= 85. rapidfuzz is not installed and adding it changes
uv.lock, which is a model input (launcher/training.py) and would retrain the model, so this uses
the standard library's difflib.SequenceMatcher ratio x 100, which is the same 2*M/T measure
(difflib's M comes from matching blocks, so it can be a little lower than rapidfuzz's exact
LCS on reordered text). Cheap upper bounds (length, real_quick_ratio, quick_ratio) skip the
pairs that cannot reach the threshold before the full ratio is computed.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher
from pathlib import Path
from typing import Iterable, List, Tuple

import yaml

ROOT = Path(__file__).resolve().parents[2]
THRESHOLD = 85.0

_ENTITY = re.compile(r"\[([^\]]*)\]\([^)]*\)|\[([^\]]*)\]\{[^}]*\}")
_PUNCT = re.compile(r"[^\w\s]")


def normalise(text: str) -> str:
    text = _ENTITY.sub(lambda m: m.group(1) or m.group(2) or "", text)
    return " ".join(_PUNCT.sub(" ", text.lower().replace("\u2019", "'").replace("'", "")).split())


def training_examples(root: Path = ROOT) -> List[str]:
    found: List[str] = []
    for path in [*sorted((root / "data").rglob("*.y*ml")), root / "bot" / "nlu" / "safety_examples.yml"]:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            for line in str((block or {}).get("examples") or "").splitlines():
                line = line.strip()
                if line.startswith("- "):
                    found.append(line[2:])
    return found


def ratio(a: str, b: str) -> float:
    """difflib ratio x 100, or 0.0 as soon as a cheap bound shows it is under THRESHOLD."""
    la, lb = len(a), len(b)
    if not la or not lb or 200.0 * min(la, lb) / (la + lb) < THRESHOLD:
        return 0.0
    matcher = SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() * 100 < THRESHOLD or matcher.quick_ratio() * 100 < THRESHOLD:
        return 0.0
    return matcher.ratio() * 100


def near_copies(messages: Iterable[Tuple[str, str]], examples: Iterable[str]) -> List[Tuple[str, float]]:
    """(message id, best ratio) for every message at or over THRESHOLD against any example."""
    normal = sorted({normalise(e) for e in examples if normalise(e)})
    found = []
    for mid, text in messages:
        t = normalise(text)
        best = max((ratio(t, e) for e in normal), default=0.0)
        if best >= THRESHOLD:
            found.append((mid, round(best, 1)))
    return found
