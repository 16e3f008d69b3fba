"""How many wrong passwords pause console sign-in, and what the pause says (bot/console/throttle.py)."""

from __future__ import annotations

import pytest

from bot.console.throttle import SignInPaused, SignInThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_fifth_wrong_password_pauses_for_a_minute_and_says_how_long_is_left():
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    for _ in range(4):
        throttle.failed("alex")
    throttle.check("alex")  # four: not paused
    with pytest.raises(SignInPaused) as fifth:
        throttle.failed("alex")
    assert fifth.value.retry_after == 60
    assert fifth.value.message() == "Too many attempts. Try again in 60 seconds."
    clock.now += 45.5
    with pytest.raises(SignInPaused) as later:
        throttle.check("alex")
    assert later.value.retry_after == 15  # rounded up: never "try again in 0 seconds"
    clock.now += 14.0
    with pytest.raises(SignInPaused) as last:
        throttle.check("alex")
    assert last.value.message() == "Too many attempts. Try again in 1 second."
    clock.now += 0.5
    throttle.check("alex")  # the pause is over


def test_other_names_and_a_right_password_are_not_affected():
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    for _ in range(4):
        throttle.failed("alex")
    throttle.succeeded("alex")
    throttle.failed("alex")  # counting starts again after a success
    for _ in range(4):
        throttle.failed("sam")
    with pytest.raises(SignInPaused):
        throttle.failed("sam")
    throttle.check("alex")


def test_failures_spread_out_over_more_than_a_minute_do_not_pause():
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    for _ in range(10):
        throttle.failed("alex")
        clock.now += 61
    throttle.check("alex")
