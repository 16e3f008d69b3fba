"""Console sign-in pauses only the source of the wrong passwords (bot/console/throttle.py)."""

from __future__ import annotations

import pytest

from bot.console.auth import ConsoleAuth
from bot.console.throttle import SignInPaused, SignInThrottle
from shared.handoff.operators import Operators


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_fifth_wrong_password_pauses_that_source_and_says_how_long_is_left():
    clock = Clock()
    throttle = SignInThrottle(clock=clock)
    for _ in range(4):
        throttle.failed("10.0.0.1")
    throttle.check("10.0.0.1")  # four: not paused
    with pytest.raises(SignInPaused) as fifth:
        throttle.failed("10.0.0.1")
    assert fifth.value.retry_after == 15
    assert fifth.value.message() == "Too many attempts. Try again in 15 seconds."
    clock.now += 14.5
    with pytest.raises(SignInPaused) as last:
        throttle.check("10.0.0.1")
    assert last.value.message() == "Too many attempts. Try again in 1 second."  # never "0 seconds"
    clock.now += 0.5
    throttle.check("10.0.0.1")  # the pause is over
    with pytest.raises(SignInPaused) as sixth:
        throttle.failed("10.0.0.1")
    assert sixth.value.retry_after == 30  # back-off doubles


def test_wrong_passwords_from_one_source_never_lock_the_operator_out_elsewhere(tmp_path):
    operators = Operators(tmp_path / "handoff.db")
    operators.add("alex", "right-password-123", "Alex")
    auth = ConsoleAuth(operators, SignInThrottle())
    for _ in range(4):
        assert auth.login("alex", "wrong", "203.0.113.9") is None
    with pytest.raises(SignInPaused):
        auth.login("alex", "wrong", "203.0.113.9")
    with pytest.raises(SignInPaused):  # not even the right password from the attacker's address
        auth.login("alex", "right-password-123", "203.0.113.9")
    assert auth.login("alex", "right-password-123", "10.1.2.3")  # the operator still gets in


def test_a_success_clears_the_count():
    throttle = SignInThrottle(clock=Clock())
    for _ in range(4):
        throttle.failed("a")
    throttle.succeeded("a")
    for _ in range(4):
        throttle.failed("a")
    throttle.check("a")
