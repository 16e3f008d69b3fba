"""Build and encode the JSON the Rasa server sends to the action server more cheaply.

On every action call Rasa 3.6 posts the whole tracker and the domain (late in an intake
about 120-200 KB; 1.4-1.8 calls a turn). The standard library's encoder took 6 ms for the
largest; ujson (already installed with Rasa, a C encoder) takes 2 ms. The receiver parses
JSON, so only the bytes change (no spaces after separators), not what arrives. Anything
ujson refuses (NaN, a number too large, an unknown type) goes to json.dumps as before, so
errors are Rasa's own.

Building that JSON, Rasa turns every event of the conversation into a dict again on every
call (``tracker.current_state``), though an event does not change once it is in a tracker.
Each event's dict is kept while the event lives (with its timestamp and metadata object,
the two things Rasa replaces on an event as it enters a tracker; if either changed the
dict is made again). The dicts are only encoded, never changed.

tests/infra/test_request_json.py checks both give what Rasa's give.
"""

from __future__ import annotations

import json
import weakref
from typing import Any, Dict, List, Tuple

import ujson

PATCH = "bot/request_json.py (EndpointConfig.session, RemoteAction._action_call_format)"
UPSTREAM = ("no upstream issue for the encoding found; the cost it cuts is RasaHQ/rasa#6334 "
            "(the whole tracker is posted on every action call)")
_installed = False


def dumps(value: Any) -> str:
    try:
        return ujson.dumps(value, ensure_ascii=True, escape_forward_slashes=False)
    except (TypeError, ValueError, OverflowError):
        return json.dumps(value)


# id(event) -> (weak reference to it, (timestamp, id(metadata)), its dict); dropped when it dies.
_dicts: Dict[int, Tuple[Any, Tuple[Any, int], Dict[str, Any]]] = {}


def _forget(key: int) -> Any:
    return lambda _ref: _dicts.pop(key, None)


def event_dicts(events: Any) -> List[Dict[str, Any]]:
    """[e.as_dict() for e in events], each made once per event."""
    out = []
    for event in events:
        key, mark = id(event), (event.timestamp, id(event.metadata))
        known = _dicts.get(key)
        if known is None or known[0]() is not event or known[1] != mark:
            known = (weakref.ref(event, _forget(key)), mark, event.as_dict())
            _dicts[key] = known
        out.append(known[2])
    return out


def install() -> None:
    """Rasa's EndpointConfig sessions encode request bodies with dumps; RemoteAction builds
    its request with event_dicts."""
    global _installed
    if _installed:
        return
    from bot.rasa_version_guard import may_patch

    if not may_patch(PATCH, UPSTREAM):
        return
    import aiohttp
    import rasa
    from rasa.core.actions.action import RemoteAction
    from rasa.shared.core.trackers import EventVerbosity
    from rasa.utils.endpoints import DEFAULT_REQUEST_TIMEOUT, EndpointConfig

    def session(self):  # noqa: ANN001, ANN202 - Rasa 3.6's EndpointConfig.session, plus json_serialize
        auth = (aiohttp.BasicAuth(self.basic_auth["username"], self.basic_auth["password"])
                if self.basic_auth else None)
        return aiohttp.ClientSession(headers=self.headers, auth=auth, json_serialize=dumps,
                                     timeout=aiohttp.ClientTimeout(total=DEFAULT_REQUEST_TIMEOUT))

    def action_call_format(self, tracker, domain):  # noqa: ANN001, ANN202 - Rasa 3.6's, events made once
        state = tracker.current_state(EventVerbosity.NONE)  # all but the events
        state["events"] = event_dicts(tracker.events)  # what EventVerbosity.ALL lists
        result = {"next_action": self._name, "sender_id": tracker.sender_id, "tracker": state,
                  "version": rasa.__version__}
        if not self._is_selective_domain_enabled() or domain.does_custom_action_explicitly_need_domain(self.name()):
            result["domain"] = domain.as_dict()
        return result

    EndpointConfig.session = session
    RemoteAction._action_call_format = action_call_format
    _installed = True
