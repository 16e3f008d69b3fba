"""The held-out set must stay held out: none of its examples may appear in training data."""

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def _examples(path: Path) -> dict[str, str]:
    data = yaml.safe_load(path.read_text()) or {}
    out = {}
    for block in data.get("nlu", []):
        for line in (block.get("examples") or "").splitlines():
            text = re.sub(r"\s+", " ", line.strip().lstrip("- ").lower())
            if text:
                out[text] = block["intent"]
    return out


def test_no_held_out_example_is_in_the_training_data():
    training = {}
    for path in (ROOT / "data").rglob("*.yml"):
        training.update(_examples(path))
    heldout = _examples(ROOT / "tests" / "nlu" / "heldout.yml")
    assert len(heldout) >= 200
    leaked = sorted(set(heldout) & set(training))
    assert not leaked, f"held-out examples found in training data: {leaked[:10]}"


def test_every_intent_is_tested():
    heldout = _examples(ROOT / "tests" / "nlu" / "heldout.yml")
    domain = yaml.safe_load((ROOT / "domain.yml").read_text())
    tested = {i.split("/")[0] for i in heldout.values()}
    assert set(domain["intents"]) <= tested
