"""The held-out set must stay held out, and cover every intent.

Fails when a held-out example appears in the training data (compared case- and
space-insensitively, and again ignoring punctuation), when training config points at the
tests folder, or when an intent or FAQ question has fewer than 10 held-out examples.
"""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]
HELDOUT = ROOT / "tests" / "nlu" / "heldout.yml"
MIN_PER_INTENT = 10


def _blocks(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text()) or {}
    return [b for b in data.get("nlu", []) if isinstance(b, dict) and "intent" in b]


def _lines(block: dict) -> list[str]:
    out = []
    for line in (block.get("examples") or "").splitlines():
        line = line.strip()
        if line.startswith("- "):
            out.append(line[2:])
    return out


def _space_case(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip().casefold()


def _bare(text: str) -> str:
    return re.sub(r"[^\w ]+", "", _space_case(text).replace("\u2019", "'").replace("'", "")).strip()


def _examples(path: Path) -> list[tuple[str, str]]:
    return [(text, block["intent"]) for block in _blocks(path) for text in _lines(block)]


def _training() -> list[tuple[str, str]]:
    found = []
    for path in sorted((ROOT / "data").rglob("*.yml")) + sorted((ROOT / "data").rglob("*.yaml")):
        found += _examples(path)
    return found


def test_no_held_out_example_is_in_the_training_data():
    heldout = _examples(HELDOUT)
    training = _training()
    assert len(training) >= 600
    exact = {_space_case(t) for t, _ in training}
    leaked = sorted({t for t, _ in heldout if _space_case(t) in exact})
    assert not leaked, f"held-out examples copied into data/nlu: {leaked[:10]}"


def test_no_held_out_example_differs_from_training_only_in_punctuation():
    bare = {_bare(t) for t, _ in _training()}
    near = sorted({t for t, _ in _examples(HELDOUT) if _bare(t) and _bare(t) in bare})
    assert not near, f"held-out examples near-copied into data/nlu: {near[:10]}"


def test_held_out_examples_are_unique():
    seen = [_space_case(t) for t, _ in _examples(HELDOUT)]
    assert len(seen) == len(set(seen))


def test_the_held_out_file_is_not_training_data():
    for name in ("config.yml", "domain.yml"):
        path = ROOT / name
        if path.exists():
            assert "tests/nlu" not in path.read_text()
    assert not HELDOUT.resolve().is_relative_to((ROOT / "data").resolve())


def _min_counts() -> dict[str, int]:
    counts: dict[str, int] = {}
    for _, intent in _examples(HELDOUT):
        counts[intent] = counts.get(intent, 0) + 1
    return counts


def test_every_intent_and_faq_question_has_enough_held_out_examples():
    counts = _min_counts()
    trained = {intent for _, intent in _training()}
    missing = sorted(i for i in trained if counts.get(i, 0) < MIN_PER_INTENT)
    assert not missing, {i: counts.get(i, 0) for i in missing}


def test_every_domain_intent_is_tested():
    domain_file = ROOT / "domain.yml"
    if not domain_file.exists():
        pytest.skip("domain.yml not written yet")
    domain = yaml.safe_load(domain_file.read_text()) or {}
    intents = {i if isinstance(i, str) else next(iter(i)) for i in domain.get("intents", [])}
    tested = {i.split("/")[0] for i in _min_counts()}
    assert intents <= tested, sorted(intents - tested)
