"""Per-source sign-in throttling with back-off, for every password the product checks.

A global account lock (five wrong passwords lock the account for everyone) lets anyone lock
the staff out forever. Here only the source that keeps failing waits: its first
``free_failures`` mistakes cost nothing, then each further one doubles its wait (1 s, 2 s,
4 s ... up to ``max_delay``). The right password from anywhere else still works, and a
success clears the source. Memory is bounded: the least recently seen sources are forgotten
first, and a source quiet for ``forget_after`` seconds starts afresh.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from dataclasses import dataclass
from typing import Callable


@dataclass
class _Source:
    failures: int = 0
    blocked_until: float = 0.0
    last_seen: float = 0.0


class SourceThrottle:
    def __init__(self, free_failures: int = 5, base_delay: float = 1.0, max_delay: float = 300.0,
                 forget_after: float = 900.0, max_sources: int = 10_000,
                 clock: Callable[[], float] = time.monotonic):
        self.free_failures, self.base_delay, self.max_delay = free_failures, base_delay, max_delay
        self.forget_after, self.max_sources, self.clock = forget_after, max_sources, clock
        self._sources: OrderedDict[str, _Source] = OrderedDict()

    def _get(self, source: str) -> _Source:
        now = self.clock()
        known = self._sources.pop(source, None)
        if known is None or now - known.last_seen > self.forget_after:
            known = _Source()
        known.last_seen = now
        self._sources[source] = known
        while len(self._sources) > self.max_sources:
            self._sources.popitem(last=False)
        return known

    def retry_after(self, source: str) -> float:
        """Seconds this source must wait before a password is checked again (0: go ahead)."""
        known = self._sources.get(source)
        if known is None:
            return 0.0
        return max(0.0, known.blocked_until - self.clock())

    def failed(self, source: str) -> float:
        """Record a wrong password; returns the wait it now has."""
        known = self._get(source)
        known.failures += 1
        over = known.failures - self.free_failures
        if over > 0:
            known.blocked_until = self.clock() + min(self.max_delay, self.base_delay * 2 ** (over - 1))
        return self.retry_after(source)

    def succeeded(self, source: str) -> None:
        self._sources.pop(source, None)
