"""Two pure computations Rasa 3.6 repeats on every turn, done once instead.

bench/profile_turns.py showed most of a turn outside NLU and the action server going to:

- ``Event.resolve_by_type``: deserialising each stored event searches every Event subclass
  for its type name (~0.2 ms an event; a long intake has hundreds of events, read back from
  the tracker store on every turn). Found names are remembered; an unknown name still goes
  to Rasa's own method (and its error).
- ``DialogueStateTracker.applied_events``: each policy recomputes it from the whole history
  for the same tracker (quadratic in loop-heavy conversations like the intake form). It is a
  function of the event list only, so it is remembered per tracker until an event is added.

tests/infra/test_tracker_speedups.py checks both give exactly what Rasa's give.
"""

from __future__ import annotations

from typing import Any, Dict, Optional

_installed = False


def install() -> None:
    global _installed
    if _installed:
        return
    from rasa.shared.core.events import Event
    from rasa.shared.core.trackers import DialogueStateTracker

    rasa_resolve = Event.resolve_by_type
    found: Dict[str, Any] = {}

    def resolve_by_type(type_name, default: Optional[Any] = None):  # noqa: ANN001, ANN202 - Rasa's
        cls = found.get(type_name)
        if cls is None:
            cls = rasa_resolve(type_name, default)
            if cls is not None and cls is not default and getattr(cls, "type_name", None) == type_name:
                found[type_name] = cls
        return cls

    rasa_applied = DialogueStateTracker.applied_events

    def applied_events(self):  # noqa: ANN001, ANN202 - Rasa's signature
        events = self.events
        # Events are only ever appended (a full deque drops its oldest, which changes the
        # last one), so length + identity of the last event say whether anything changed.
        key = (len(events), id(events[-1]) if events else None)
        cached = self.__dict__.get("_asb_applied")
        if cached is None or cached[0] != key:
            cached = (key, rasa_applied(self))
            self.__dict__["_asb_applied"] = cached
        return list(cached[1])  # callers may change the list they get

    Event.resolve_by_type = staticmethod(resolve_by_type)
    DialogueStateTracker.applied_events = applied_events
    _installed = True
