"""Fuzzing the widget's socket.io channel on the live Rasa server (issue 16, item 8): any
payload for any of its events is answered (an acknowledgement comes back, never silence), the
server keeps serving, and its log shows no unhandled exception."""

from __future__ import annotations

import asyncio

import requests
import socketio
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from resident_socket import talk

JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=10), inner, max_size=3),
    max_leaves=10,
)
MESSAGE_DATA = st.one_of(
    JSON,
    st.fixed_dictionaries({}, optional={"message": JSON, "session_id": JSON, "metadata": JSON,
                                        "client_id": JSON}),
)


class Resident:
    """One socket kept open across examples, with a real session."""

    def __init__(self, stack):
        self.loop = asyncio.new_event_loop()
        self.client = socketio.AsyncClient(reconnection=False)
        self.run(self.client.connect(stack.url, headers={"Origin": stack.webchat_origin},
                                     transports=["polling"], socketio_path="/socket.io"))
        confirmed = self.loop.create_future()
        self.client.on("session_confirm", lambda data: confirmed.done() or confirmed.set_result(data))
        self.run(self.client.emit("session_request", {}))
        self.token = self.run(asyncio.wait_for(confirmed, 30))["session_id"]

    def run(self, coro):
        return self.loop.run_until_complete(coro)

    def close(self):
        self.run(self.client.disconnect())
        self.loop.close()


FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def test_every_event_with_any_payload_is_answered(stack):
    resident = Resident(stack)
    sizes = {p: p.stat().st_size for p in stack.log_dir.glob("*.log")}
    try:
        @FUZZ
        @given(event=st.sampled_from(["user_uttered", "session_request", "end_session_x", "user_uttered"]),
               data=MESSAGE_DATA)
        def one(event, data):
            if event == "user_uttered" and isinstance(data, dict) and "message" in data and isinstance(data["message"], str):
                data = dict(data, message=data["message"][:200])
            if event == "end_session_x":  # an unknown event: ignored, and nothing breaks
                resident.run(resident.client.emit("no_such_event", data))
                return
            if event == "session_request":
                resident.run(resident.client.emit(event, data))
                return
            # An acknowledgement always comes back (call() raises TimeoutError otherwise).
            resident.run(resident.client.call(event, data, timeout=60))

        one()
    finally:
        resident.close()
    # The channel still works: a new resident is answered.
    assert asyncio.run(talk(stack, ["hello"]))
    assert requests.get(f"{stack.url}/", timeout=10).status_code == 200
    new_log = "".join(p.read_text(errors="replace")[sizes.get(p, 0):] for p in stack.log_dir.glob("*.log"))
    assert "Traceback" not in new_log, new_log[-3000:]
