"""The bodies a resident may have reported to, in the words the resident and the operator read
(the payload's `reported_to` values are the keys; the words are domain.yml's `body_<key>`)."""

from __future__ import annotations

from typing import Iterator, Mapping

from shared.words import text

BODIES = ("police", "council", "housing", "health", "private_landlord", "councillor", "mp",
          "residents_group", "social_media", "diary", "other", "unknown")


class _BodyWords(Mapping[str, str]):
    """BODY_WORDS["police"] -> "the police", read from the words when asked for (not at import,
    so ASB_DOMAIN can name a translated domain)."""

    def __getitem__(self, key: str) -> str:
        if key not in BODIES:
            raise KeyError(key)
        return text(f"body_{key}")

    def __contains__(self, key: object) -> bool:
        return key in BODIES

    def __iter__(self) -> Iterator[str]:
        return iter(BODIES)

    def __len__(self) -> int:
        return len(BODIES)


BODY_WORDS: Mapping[str, str] = _BodyWords()
