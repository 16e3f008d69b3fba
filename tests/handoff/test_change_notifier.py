"""The in-process change notifier behind the console's live feed (shared/handoff/changes.py)."""

from __future__ import annotations

import asyncio
from datetime import datetime
from zoneinfo import ZoneInfo
import time

from shared.handoff.changes import EVERYTHING, MAX_PENDING, ChangeNotifier
from shared.handoff.store import HandoffStore


async def waiting(listener, timeout: float) -> asyncio.Task:
    """A listener's wait, already blocked (nothing has changed yet)."""
    task = asyncio.create_task(listener.wait(timeout))
    await asyncio.sleep(0.05)
    assert not task.done()
    return task


def test_a_waiting_listener_is_woken_at_once_by_a_change():
    async def scenario():
        notifier = ChangeNotifier()
        async with notifier.listen() as listener:
            woken = await waiting(listener, timeout=5)
            started = time.monotonic()
            notifier.notify("message", "s1")
            got = await woken
            return got, time.monotonic() - started

    got, took = asyncio.run(scenario())
    assert got == [("message", "s1")]
    assert took < 0.05


def test_a_change_made_in_a_worker_thread_wakes_the_listener():
    # The store runs in threads (runtime.in_store): notify must cross into the event loop.
    async def scenario():
        notifier = ChangeNotifier()
        async with notifier.listen() as listener:
            woken = await waiting(listener, timeout=5)
            await asyncio.to_thread(notifier.notify, "queue", "s2")
            return await asyncio.wait_for(woken, 1)

    assert asyncio.run(scenario()) == [("queue", "s2")]


def test_nothing_changed_means_an_empty_answer_after_the_timeout():
    async def scenario():
        async with ChangeNotifier().listen() as listener:
            return await listener.wait(timeout=0.05)

    assert asyncio.run(scenario()) == []


def test_a_closed_listener_is_removed_and_no_longer_told():
    async def scenario():
        notifier = ChangeNotifier()
        async with notifier.listen() as first:
            async with notifier.listen():
                assert notifier.listeners == 2
            assert notifier.listeners == 1
            notifier.notify("message", "s3")
            assert await first.wait(timeout=1) == [("message", "s3")]
        assert notifier.listeners == 0
        notifier.notify("message", "s4")  # nobody listening: nothing to do, nothing kept
        return notifier

    asyncio.run(scenario())


def test_a_browser_going_away_cancels_the_stream_and_removes_its_listener():
    async def scenario():
        notifier = ChangeNotifier()

        async def stream():
            async with notifier.listen() as listener:
                while True:
                    await listener.wait(timeout=10)

        task = asyncio.create_task(stream())
        await asyncio.sleep(0.05)
        assert notifier.listeners == 1
        task.cancel()  # what Sanic does when the connection drops
        await asyncio.gather(task, return_exceptions=True)
        return notifier.listeners

    assert asyncio.run(scenario()) == 0


def test_changes_are_coalesced_and_a_stalled_listener_holds_at_most_one_catch_all():
    async def scenario():
        notifier = ChangeNotifier()
        async with notifier.listen() as listener:
            notifier.notify("message", "a")
            notifier.notify("message", "a")
            notifier.notify("queue", "a")
            first = await listener.wait(timeout=1)
            for n in range(MAX_PENDING + 5):
                notifier.notify("message", f"s{n}")
            second = await listener.wait(timeout=1)
            return first, second

    first, second = asyncio.run(scenario())
    assert first == [("message", "a"), ("queue", "a")]
    assert second == [EVERYTHING]


def test_close_all_ends_every_waiting_listener_now():
    async def scenario():
        notifier = ChangeNotifier()
        async with notifier.listen() as listener:
            woken = await waiting(listener, timeout=30)
            notifier.close_all()
            await asyncio.wait_for(woken, 1)
            return listener.closed

    assert asyncio.run(scenario()) is True


def test_the_store_announces_queueing_taking_and_finishing(tmp_path, monkeypatch):
    notifier = ChangeNotifier()
    monkeypatch.setattr("shared.handoff.store.CHANGES", notifier)
    store = HandoffStore(tmp_path / "handoff.db")
    # A weekday noon: inside the team's hours whatever the time of day the test runs
    # (outside them the request is refused and nothing is announced, as it should be).
    noon = datetime(2026, 12, 2, 12, 0, tzinfo=ZoneInfo("Europe/London")).timestamp()
    store.touch_presence("alex", now=noon)

    async def scenario():
        seen = []
        async with notifier.listen() as listener:
            for step in (lambda: store.request("s5", "asked for a person", False, now=noon),
                         lambda: store.take("s5", "alex", now=noon),
                         lambda: store.take("s5", "sam", now=noon),  # refused: no change, no news
                         lambda: store.finish("s5", "alex", "closed", "closed the conversation")):
                await asyncio.to_thread(step)
                seen.append(await listener.wait(timeout=0.2))
        return seen

    assert asyncio.run(scenario()) == [[("queue", "s5")], [("queue", "s5")], [], [("queue", "s5")]]
