"""How many wrong passwords pause signing in, and for how long: the one place that decides.

Keyed by whatever the caller passes (today the login name); making it per source, or per
name and source, only changes the key. A pause is reported as ``SignInPaused`` so the page
can say so (HTTP 429 with Retry-After) instead of looking like one more wrong password.
"""

from __future__ import annotations

import math
import time
from typing import Callable

MAX_FAILURES = 5
PAUSE_SECONDS = 60.0


class SignInPaused(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after

    def message(self) -> str:
        unit = "second" if self.retry_after == 1 else "seconds"
        return f"Too many attempts. Try again in {self.retry_after} {unit}."


class SignInThrottle:
    """Failures count while each comes within PAUSE_SECONDS of the last; MAX_FAILURES of them
    pause that key until PAUSE_SECONDS after the last one."""

    def __init__(self, max_failures: int = MAX_FAILURES, pause_seconds: float = PAUSE_SECONDS,
                 clock: Callable[[], float] = time.time) -> None:
        self.max_failures = max_failures
        self.pause_seconds = pause_seconds
        self.clock = clock
        self._failures: dict[str, tuple[int, float]] = {}

    def check(self, key: str) -> None:
        """Raise SignInPaused while `key` is paused."""
        count, last = self._failures.get(key, (0, 0.0))
        remaining = self.pause_seconds - (self.clock() - last)
        if count >= self.max_failures and remaining > 0:
            raise SignInPaused(max(1, math.ceil(remaining)))

    def failed(self, key: str) -> None:
        """Count a wrong password; raise SignInPaused if that one pauses the key."""
        now = self.clock()
        count, last = self._failures.get(key, (0, 0.0))
        self._failures[key] = (count + 1 if now - last < self.pause_seconds else 1, now)
        self.check(key)

    def succeeded(self, key: str) -> None:
        self._failures.pop(key, None)
