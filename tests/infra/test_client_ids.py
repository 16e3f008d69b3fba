"""A resent widget message is acknowledged again but answered once; memory stays bounded."""

import asyncio

from bot.channels.client_ids import ClientIds, valid_client_id


def test_only_well_formed_client_ids_are_used():
    assert valid_client_id("0b7c1a5e-2f4d-4c8e-9a31-6d2b0f5e8c17") == "0b7c1a5e-2f4d-4c8e-9a31-6d2b0f5e8c17"
    for bad in (None, 12, "", "short", "x" * 65, "has space in it", "<script>x</script>"):
        assert valid_client_id(bad) is None


def test_a_resend_waits_for_the_first_arrival_and_is_not_processed_again():
    async def scenario():
        ids = ClientIds()
        assert ids.claim("conv-1", "id-aaaaaaaa") is None          # first arrival: process it
        earlier = ids.claim("conv-1", "id-aaaaaaaa")                # resend while answering
        assert earlier is not None and not earlier.done()
        assert ids.claim("conv-2", "id-aaaaaaaa") is None          # same id, other conversation
        ids.finish("conv-1", "id-aaaaaaaa")
        assert await asyncio.wait_for(earlier, 1) is True
        again = ids.claim("conv-1", "id-aaaaaaaa")                  # resend after the answer
        assert again is not None and again.done()

    asyncio.run(scenario())


def test_a_failed_first_arrival_is_forgotten_so_a_resend_is_processed():
    async def scenario():
        ids = ClientIds()
        assert ids.claim("c", "id-bbbbbbbb") is None
        waiting = ids.claim("c", "id-bbbbbbbb")
        ids.finish("c", "id-bbbbbbbb", processed=False)
        assert await asyncio.wait_for(waiting, 1) is False
        assert ids.claim("c", "id-bbbbbbbb") is None

    asyncio.run(scenario())


def test_memory_is_bounded_oldest_first():
    async def scenario():
        ids = ClientIds(max_entries=3)
        for n in range(5):
            assert ids.claim("c", f"id-{n:08d}") is None
        assert len(ids) == 3
        assert ids.claim("c", "id-00000004") is not None   # recent: remembered
        assert ids.claim("c", "id-00000000") is None       # oldest: forgotten

    asyncio.run(scenario())
