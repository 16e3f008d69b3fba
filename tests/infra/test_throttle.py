"""shared/throttle.py: only the failing source waits, with doubling back-off, bounded memory."""

from shared.throttle import SourceThrottle


class Clock:
    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def test_free_failures_then_doubling_waits_for_that_source_only():
    clock = Clock()
    t = SourceThrottle(free_failures=3, base_delay=1.0, max_delay=8.0, clock=clock)
    assert [t.failed("a") for _ in range(3)] == [0.0, 0.0, 0.0]
    assert t.failed("a") == 1.0
    assert t.failed("a") == 2.0
    assert t.failed("a") == 4.0
    assert t.failed("a") == 8.0
    assert t.failed("a") == 8.0  # capped
    assert t.retry_after("b") == 0.0  # another source is not affected
    clock.now += 8.0
    assert t.retry_after("a") == 0.0


def test_success_clears_and_quiet_sources_start_afresh():
    clock = Clock()
    t = SourceThrottle(free_failures=1, forget_after=60, clock=clock)
    t.failed("a")
    assert t.failed("a") == 1.0
    t.succeeded("a")
    assert t.retry_after("a") == 0.0 and t.failed("a") == 0.0
    assert t.failed("a") == 1.0
    clock.now += 61
    assert t.failed("a") == 0.0  # forgotten after a quiet spell


def test_memory_is_bounded():
    t = SourceThrottle(max_sources=100)
    for i in range(1000):
        t.failed(f"10.0.{i // 256}.{i % 256}")
    assert len(t._sources) == 100
