"""Every sentence the product's own Python shows a resident or an operator, by id.

They live in domain.yml beside the responses Rasa speaks, under a `words:` block that Rasa's
domain schema allows and ignores, so a content review or a Welsh translation reads one file.
Values go in with str.format: `text("sent", reference="ASB-1234")` for "... {reference} ...".
"""
from __future__ import annotations

import functools
from typing import Any, Mapping

import yaml

from shared import settings


# libyaml when it is there: domain.yml is large, and the pure-Python loader takes ~0.4 s.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.lru_cache(maxsize=4)
def _catalogue(path: str) -> Mapping[str, str]:
    with open(path, encoding="utf-8") as handle:
        words = (yaml.load(handle, Loader=_LOADER) or {}).get("words") or {}
    if not all(isinstance(key, str) and isinstance(value, str) for key, value in words.items()):
        raise ValueError(f"{path}: every entry under words: must be an id and a sentence")
    return words


def catalogue() -> Mapping[str, str]:
    """Every word by id, from the domain ASB_DOMAIN names (read once per file)."""
    return _catalogue(settings.domain_file())


def text(word_id: str, **values: Any) -> str:
    """The sentence `word_id`, with its {placeholders} filled from `values`."""
    return catalogue()[word_id].format(**values)
