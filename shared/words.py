"""Every sentence the product's own Python shows a resident or an operator, by id.

They live in domain.yml beside the responses Rasa speaks, under a `words:` block that Rasa's
domain schema allows and ignores, so a content review or a Welsh translation reads one file.
Values go in with str.format: `text("sent", reference="ASB-1234")` for "... {reference} ...".
"""
from __future__ import annotations

import functools
from pathlib import Path
from typing import Any, Mapping

import yaml

from shared import settings


@functools.lru_cache(maxsize=4)
def _catalogue(path: Path) -> Mapping[str, str]:
    with open(path, encoding="utf-8") as handle:
        words = (yaml.safe_load(handle) or {}).get("words") or {}
    if not all(isinstance(key, str) and isinstance(value, str) for key, value in words.items()):
        raise ValueError(f"{path}: every entry under words: must be an id and a sentence")
    return words


def catalogue() -> Mapping[str, str]:
    """Every word by id, from the domain settings.domain() names (read once per path)."""
    return _catalogue(settings.domain())


def text(word_id: str, **values: Any) -> str:
    """The sentence `word_id`, with its {placeholders} filled from `values`."""
    return catalogue()[word_id].format(**values)
