"""Console sign-in: wrong passwords pause only the source that sends them.

A pause per login name let anyone lock every operator out (five wrong passwords, repeated
forever from anywhere). The count is kept per source address instead (shared/throttle.py): four
mistakes are free, then each further one doubles that source's wait (15 s, 30 s, 60 s ... up to
15 minutes), while the right password from any other source still works. A pause is reported
as ``SignInPaused`` so the page says so (HTTP 429 with Retry-After) instead of looking like
one more wrong password.
"""

from __future__ import annotations

import math
import time
from typing import Callable

from shared.throttle import SourceThrottle
from shared.words import text

FREE_FAILURES = 4
FIRST_PAUSE_SECONDS = 15.0
MAX_PAUSE_SECONDS = 900.0


class SignInPaused(Exception):
    def __init__(self, retry_after: int) -> None:
        super().__init__(retry_after)
        self.retry_after = retry_after

    def message(self) -> str:
        word_id = "console_paused_one" if self.retry_after == 1 else "console_paused"
        return text(word_id, seconds=self.retry_after)


class SignInThrottle:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._sources = SourceThrottle(free_failures=FREE_FAILURES, base_delay=FIRST_PAUSE_SECONDS,
                                       max_delay=MAX_PAUSE_SECONDS, forget_after=3600.0, clock=clock)

    @staticmethod
    def _paused(wait: float) -> SignInPaused:
        return SignInPaused(max(1, math.ceil(wait)))

    def check(self, source: str) -> None:
        """Raise SignInPaused while `source` must wait."""
        wait = self._sources.retry_after(source)
        if wait > 0:
            raise self._paused(wait)

    def failed(self, source: str) -> None:
        """Count a wrong password; raise SignInPaused if that one pauses the source."""
        wait = self._sources.failed(source)
        if wait > 0:
            raise self._paused(wait)

    def succeeded(self, source: str) -> None:
        self._sources.succeeded(source)
