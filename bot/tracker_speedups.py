"""Two pure computations Rasa 3.6 repeats on every turn, done once instead.

bench/profile_turns.py showed most of a turn outside NLU and the action server going to:

- ``Event.resolve_by_type``: deserialising each stored event searches every Event subclass
  for its type name (~0.2 ms an event; a long intake has hundreds of events, read back from
  the tracker store on every turn). Found names are remembered; an unknown name still goes
  to Rasa's own method (and its error).
- ``DialogueStateTracker.applied_events``: each policy recomputes it from the whole history
  for the same tracker (quadratic in loop-heavy conversations like the intake form). It is a
  function of the event list only, so it is remembered per tracker until an event is added.
  Across trackers it is carried on rather than redone: the trackers of one conversation (the
  copies each policy and form validation make, and with bot.tracker_cache the next turn's)
  hold the same Event objects, so when a tracker's events start with a history already worked
  out, only the new events go through Rasa's loop. A new form name among them (which changes
  how earlier events count) means starting again from the beginning.

- ``DialogueStateTracker.past_states``: Memoization and TED ask the same tracker for the same
  states in every prediction, each replaying the whole conversation. Remembered per tracker
  (until an event is added), for the same domain and options; each caller gets its own copy
  of the states, as Rasa's featurizer edits the last one.
- Every tracker Rasa makes (each copy, each replay) copies all ~60 slots with ``copy.copy``,
  which goes through ``__reduce_ex__``. ``Slot.__copy__`` does the same copy directly.

tests/infra/test_tracker_speedups.py checks all of them give exactly what Rasa's give.
"""

from __future__ import annotations

from collections import OrderedDict
from typing import Any, Dict, FrozenSet, List, Optional, Tuple

from bot.tracker_cache import capacity, starts_with

PATCH = ("bot/tracker_speedups.py (Event.resolve_by_type, DialogueStateTracker.applied_events/past_states, "
         "Slot.__copy__)")
UPSTREAM = "no upstream issue found (closest: RasaHQ/rasa_core#1758 'Tracker gets very big for long conversations')"
_installed = False

# sender id -> a few (events, applied events, form names) worked out lately, newest first.
# A few, because form validation's temporary trackers branch off the real one.
_histories: "OrderedDict[str, List[Tuple[Tuple[Any, ...], Tuple[Any, ...], FrozenSet[str]]]]" = OrderedDict()
_PER_CONVERSATION = 4
# As many as bot.tracker_cache keeps (older histories would only keep its evicted events
# alive), and enough for the conversations in progress when the cache is off.
_CONVERSATIONS = 200


def forget(sender_id: str) -> None:
    """Drop the histories kept for this conversation (its events were erased)."""
    _histories.pop(sender_id, None)


def _loop_names(events: Any) -> FrozenSet[str]:
    from rasa.shared.core.events import ActiveLoop

    return frozenset(e.name for e in events if isinstance(e, ActiveLoop) and e.name)


def _carry_on(tracker: Any, applied: List[Any], loop_names: FrozenSet[str], new_events: Any) -> List[Any]:
    """Rasa 3.6's DialogueStateTracker.applied_events loop, from a known point."""
    from rasa.shared.core.events import (ActionExecuted, ActionReverted, Restarted, SessionStarted, UserUttered,
                                         UserUtteranceReverted)

    for event in new_events:
        if isinstance(event, (Restarted, SessionStarted)):
            applied = []
        elif isinstance(event, ActionReverted):
            tracker._undo_till_previous(ActionExecuted, applied)
        elif isinstance(event, UserUtteranceReverted):
            tracker._undo_till_previous(UserUttered, applied)
            tracker._undo_till_previous(ActionExecuted, applied)
        elif (isinstance(event, ActionExecuted) and event.action_name in loop_names
              and not tracker._first_loop_execution_or_unhappy_path(event.action_name, applied)):
            tracker._undo_till_previous_loop_execution(event.action_name, applied)
        else:
            applied.append(event)
    return applied


def _copy_slot(slot: Any) -> Any:
    """What copy.copy makes of a Slot (a new object of its class sharing its attributes)."""
    new = slot.__class__.__new__(slot.__class__)
    new.__dict__.update(slot.__dict__)
    return new


def _applied_from_history(tracker: Any, rasa_applied: Any) -> List[Any]:
    events = tuple(tracker.events)
    known = _histories.get(tracker.sender_id, [])
    best = max((h for h in known if starts_with(events, h[0])), key=lambda h: len(h[0]), default=None)
    applied: Optional[List[Any]] = None
    if best is not None:
        tail = events[len(best[0]):]
        names = best[2]
        if _loop_names(tail) <= names:
            applied = _carry_on(tracker, list(best[1]), names, tail)
    if applied is None:
        applied, names = rasa_applied(tracker), _loop_names(events)
    if best is None or len(events) > len(best[0]):
        _histories[tracker.sender_id] = [(events, tuple(applied), names), *known][:_PER_CONVERSATION]
        _histories.move_to_end(tracker.sender_id)
        while len(_histories) > _CONVERSATIONS:
            _histories.popitem(last=False)
    return applied


def install() -> None:
    global _installed, _CONVERSATIONS
    if _installed:
        return
    from bot.rasa_version_guard import may_patch

    if not may_patch(PATCH, UPSTREAM):
        return
    _CONVERSATIONS = max(capacity(), 50)
    from rasa.shared.core.events import Event
    from rasa.shared.core.slots import Slot
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
            cached = (key, _applied_from_history(self, rasa_applied))
            self.__dict__["_asb_applied"] = cached
        return list(cached[1])  # callers may change the list they get

    rasa_past_states = DialogueStateTracker.past_states

    def past_states(self, domain, omit_unset_slots=False, ignore_rule_only_turns=False,  # noqa: ANN001, ANN202
                    rule_only_data=None):
        events = self.events
        key = (len(events), id(events[-1]) if events else None)
        memo = self.__dict__.get("_asb_states")
        if memo is None or memo[0] != key:
            memo = self.__dict__["_asb_states"] = (key, [])
        for known_domain, options, known_rule_only, states in memo[1]:
            if known_domain is domain and known_rule_only is rule_only_data and options == (
                    omit_unset_slots, ignore_rule_only_turns):
                break
        else:
            states = rasa_past_states(self, domain, omit_unset_slots, ignore_rule_only_turns, rule_only_data)
            memo[1].append((domain, (omit_unset_slots, ignore_rule_only_turns), rule_only_data, states))
        return [{part: dict(sub) for part, sub in state.items()} for state in states]

    Event.resolve_by_type = staticmethod(resolve_by_type)
    DialogueStateTracker.applied_events = applied_events
    DialogueStateTracker.past_states = past_states
    if "__copy__" not in vars(Slot):
        Slot.__copy__ = _copy_slot
    _installed = True
