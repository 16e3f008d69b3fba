"""For testers (the dialogue runner): story files: loading and strict validation.

A story is one YAML file describing one conversation: what the resident sends, step by
step, and what the assistant must answer. Every mistake in a file is reported with the
file, the step number, the line and the key, so a tester can fix it without reading code.
See docs/dialogue-tests.md for the format.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Optional

import yaml

# --------------------------------------------------------------------------------------
# YAML loading: YAML 1.2-style booleans (so `user: yes` is the text "yes", not True), numbers
# that remember how they were written (so `user: 007` sends "007"), and line numbers on
# every mapping for error messages.


class _RawInt(int):
    raw: str


class _RawFloat(float):
    raw: str


class _LineDict(dict):
    line: int = 0


class _StoryLoader(yaml.SafeLoader):
    pass


# Drop the YAML 1.1 resolvers for bool (yes/no/on/off/y/n); keep only true/false.
_StoryLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_StoryLoader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def _construct_int(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    value = _RawInt(yaml.SafeLoader.construct_yaml_int(loader, node))
    value.raw = node.value
    return value


def _construct_float(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> Any:
    value = _RawFloat(yaml.SafeLoader.construct_yaml_float(loader, node))
    value.raw = node.value
    return value


def _construct_mapping(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Any:
    result = _LineDict()
    result.line = node.start_mark.line + 1
    yield result
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if key in result:
            raise StoryError(
                f"line {key_node.start_mark.line + 1}: the key {key!r} appears twice in the same block"
            )
        result[key] = loader.construct_object(value_node, deep=True)


_StoryLoader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_StoryLoader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_StoryLoader.add_constructor("tag:yaml.org,2002:map", _construct_mapping)
# Dates stay text as written ("2026-02-31" is then reported as not a real date, not a crash).
_StoryLoader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: node.value)


# --------------------------------------------------------------------------------------
# The model


class StoryError(Exception):
    """A story file is not valid. The message names the file, step and key."""


OUTCOMES = ("met", "not_met", "needs_review")

STORY_KEYS = {
    "name": "a short sentence saying what the story proves (required)",
    "description": "longer notes for people reading the story",
    "tags": "a list of labels, for --tag",
    "today": "the test clock: YYYY-MM-DD, sent as metadata with every turn",
    "sender": "a fixed conversation id (default: a new one on every run)",
    "metadata": "a mapping sent as metadata with every turn",
    "timeout": "seconds to wait for each reply (default 30, or --timeout)",
    "skip": "a reason: the story is listed as skipped and not run",
    "steps": "the list of steps (required)",
}

ACTION_KEYS = ("user", "raw", "user_repeat", "click")

STEP_KEYS = {
    "user": "text the resident types (not empty, not starting with /)",
    "raw": "text sent exactly as written, even empty, whitespace or /commands",
    "user_repeat": "{text: ..., times: N}: the text repeated N times, sent verbatim",
    "click": "the title of a button in the previous reply; its payload is sent",
    "expect": "what the reply to this step must look like",
    "metadata": "a mapping merged into the metadata of this turn",
    "timeout": "seconds to wait for this reply",
    "note": "a comment shown in reports",
}

EXPECT_KEYS = {
    "contains": "text (or list) that must all appear in the reply",
    "not_contains": "text (or list) that must not appear in the reply",
    "matches": "regular expression (or list) the reply must match",
    "not_matches": "regular expression (or list) the reply must not match",
    "first_contains": "text (or list) the FIRST message of the reply must contain",
    "buttons": "list of button titles the reply must offer",
    "slots": "mapping of slot name (or slot.field) to the value it must have",
    "slots_set": "list of slots that must have a value",
    "slots_unset": "list of slots that must be empty",
    "outcome": "met, not_met or needs_review (slot assessment_outcome, or assessment.outcome)",
    "no_reply": "true: the assistant must send nothing; false: it must send something",
    "not_in_markup": "text (or list) that may appear only as plain message text, never in buttons, images, custom or attachments",
}


@dataclass
class Expect:
    contains: list[str] = field(default_factory=list)
    not_contains: list[str] = field(default_factory=list)
    matches: list[str] = field(default_factory=list)
    not_matches: list[str] = field(default_factory=list)
    first_contains: list[str] = field(default_factory=list)
    buttons: list[str] = field(default_factory=list)
    slots: dict[str, Any] = field(default_factory=dict)
    slots_set: list[str] = field(default_factory=list)
    slots_unset: list[str] = field(default_factory=list)
    outcome: Optional[str] = None
    no_reply: Optional[bool] = None
    not_in_markup: list[str] = field(default_factory=list)

    @property
    def needs_tracker(self) -> bool:
        return bool(self.slots or self.slots_set or self.slots_unset or self.outcome)

    def describe(self) -> list[str]:
        """One plain line per expectation, for reports."""
        lines = []
        for key in EXPECT_KEYS:
            value = getattr(self, key)
            if value in (None, [], {}):
                continue
            lines.append(f"{key}: {_show(value)}")
        return lines


@dataclass
class Step:
    number: int  # 1-based
    line: int
    kind: str  # user | raw | user_repeat | click
    text: str  # the text to send, or the button title for click
    expect: Optional[Expect] = None
    metadata: dict = field(default_factory=dict)
    timeout: Optional[float] = None
    note: Optional[str] = None

    def label(self, limit: int = 80) -> str:
        if self.kind == "click":
            return f"click {_quote(self.text)}"
        if self.kind == "user_repeat":
            return f"user_repeat ({len(self.text)} characters)"
        return f"{self.kind}: {_quote(short(self.text, limit))}"


@dataclass
class Story:
    path: Path
    name: str
    steps: list[Step]
    tags: list[str] = field(default_factory=list)
    description: Optional[str] = None
    today: Optional[str] = None
    sender: Optional[str] = None
    metadata: dict = field(default_factory=dict)
    timeout: Optional[float] = None
    skip: Optional[str] = None


# --------------------------------------------------------------------------------------
# Helpers


def short(text: str, limit: int = 80) -> str:
    if len(text) <= limit:
        return text
    return f"{text[:limit]}… ({len(text)} characters)"


def _quote(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _show(value: Any) -> str:
    if isinstance(value, str):
        return _quote(value)
    if isinstance(value, list):
        return "[" + ", ".join(_show(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_show(v)}" for k, v in value.items()) + "}"
    return str(value)


def _unknown_key(where: str, key: Any, allowed: dict | tuple) -> StoryError:
    names = list(allowed)
    hint = difflib.get_close_matches(str(key), names, n=1)
    suggestion = f" (did you mean {hint[0]!r}?)" if hint else ""
    return StoryError(
        f"{where}: unknown key {str(key)!r}{suggestion}. Allowed keys: {', '.join(names)}"
    )


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return "mapping"
    if isinstance(value, list):
        return "list"
    return type(value).__name__


def _as_text(value: Any, where: str, *, allow_empty: bool = True) -> str:
    """A scalar written in YAML as the text the tester meant."""
    if isinstance(value, (_RawInt, _RawFloat)):
        return value.raw
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        if not allow_empty and not value.strip():
            raise StoryError(f"{where}: must not be empty")
        return value
    if value is None:
        raise StoryError(f"{where}: has no value (write \"\" in quotes for empty text)")
    raise StoryError(f"{where}: must be text, not a {_kind(value)}")


def _text_list(value: Any, where: str) -> list[str]:
    if isinstance(value, list):
        if not value:
            raise StoryError(f"{where}: the list is empty")
        return [_as_text(v, f"{where} item {i}", allow_empty=False) for i, v in enumerate(value, 1)]
    return [_as_text(value, where, allow_empty=False)]


def _positive_number(value: Any, where: str) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or value <= 0:
        raise StoryError(f"{where}: must be a number of seconds greater than 0")
    return float(value)


def _mapping(value: Any, where: str) -> dict:
    if not isinstance(value, dict):
        raise StoryError(f"{where}: must be a mapping (key: value lines), not a {_kind(value)}")
    return value


def _plain(value: Any) -> Any:
    """Strip the loader's helper types so values are ordinary JSON-able Python."""
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, _RawInt):
        return int(value)
    if isinstance(value, _RawFloat):
        return float(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def parse_today(value: Any, where: str) -> str:
    if isinstance(value, date):
        return value.isoformat()
    text = _as_text(value, where)
    try:
        if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
            raise ValueError
        return date.fromisoformat(text).isoformat()
    except ValueError:
        raise StoryError(f"{where}: {text!r} is not a real date written YYYY-MM-DD") from None


# --------------------------------------------------------------------------------------
# Parsing


def _parse_expect(raw: Any, where: str) -> Expect:
    raw = _mapping(raw, where)
    if not raw:
        raise StoryError(f"{where}: is empty (remove it, or say what the reply must contain)")
    expect = Expect()
    for key, value in raw.items():
        here = f"{where}: {key}"
        if key not in EXPECT_KEYS:
            raise _unknown_key(where, key, EXPECT_KEYS)
        if key in ("contains", "not_contains", "first_contains", "not_in_markup"):
            setattr(expect, key, _text_list(value, here))
        elif key in ("matches", "not_matches"):
            patterns = _text_list(value, here)
            for pattern in patterns:
                try:
                    re.compile(pattern)
                except re.error as exc:
                    raise StoryError(f"{here}: {pattern!r} is not a valid regular expression: {exc}") from None
            setattr(expect, key, patterns)
        elif key == "buttons":
            if not isinstance(value, list):
                raise StoryError(f"{here}: must be a list of button titles, e.g. [\"Yes\", \"No\"]")
            expect.buttons = _text_list(value, here)
        elif key == "slots":
            mapping = _mapping(value, here)
            if not mapping:
                raise StoryError(f"{here}: is empty")
            expect.slots = {str(k): _plain(v) for k, v in mapping.items()}
        elif key in ("slots_set", "slots_unset"):
            setattr(expect, key, _text_list(value, here))
        elif key == "outcome":
            outcome = _as_text(value, here).strip().lower().replace(" ", "_")
            if outcome not in OUTCOMES:
                raise StoryError(f"{here}: {value!r} is not one of {', '.join(OUTCOMES)}")
            expect.outcome = outcome
        elif key == "no_reply":
            if not isinstance(value, bool):
                raise StoryError(f"{here}: must be true or false")
            expect.no_reply = value
    if expect.no_reply is True and (
        expect.contains or expect.matches or expect.first_contains or expect.buttons
    ):
        raise StoryError(f"{where}: no_reply: true cannot be combined with checks on the reply's text")
    return expect


def _parse_step(raw: Any, number: int, previous: Optional["Step"], file_label: str) -> Step:
    where = f"{file_label}: step {number}"
    if isinstance(raw, dict):
        where += f" (line {getattr(raw, 'line', '?')})"
    raw = _mapping(raw, where)
    for key in raw:
        if key not in STEP_KEYS:
            raise _unknown_key(where, key, STEP_KEYS)
    actions = [k for k in ACTION_KEYS if k in raw]
    if len(actions) != 1:
        found = ", ".join(actions) if actions else "none"
        raise StoryError(f"{where}: needs exactly one of {', '.join(ACTION_KEYS)} (found: {found})")
    kind = actions[0]
    value = raw[kind]
    if kind == "user":
        text = _as_text(value, f"{where}: user", allow_empty=False)
        if text.strip().startswith("/"):
            raise StoryError(
                f"{where}: user: text starting with / is a command; use click: to press a "
                f"button, or raw: to send typed /text on purpose"
            )
    elif kind == "raw":
        text = _as_text(value, f"{where}: raw")
    elif kind == "user_repeat":
        spec = _mapping(value, f"{where}: user_repeat")
        for key in spec:
            if key not in ("text", "times"):
                raise _unknown_key(f"{where}: user_repeat", key, ("text", "times"))
        if "text" not in spec or "times" not in spec:
            raise StoryError(f"{where}: user_repeat: needs both text and times")
        piece = _as_text(spec["text"], f"{where}: user_repeat: text", allow_empty=False)
        times = spec["times"]
        if isinstance(times, bool) or not isinstance(times, int) or not 1 <= times <= 1_000_000:
            raise StoryError(f"{where}: user_repeat: times must be a whole number from 1 to 1000000")
        text = piece * int(times)
    else:  # click
        text = _as_text(value, f"{where}: click", allow_empty=False)
        if previous is None:
            raise StoryError(f"{where}: click needs an earlier step whose reply has buttons")
    step = Step(number=number, line=getattr(raw, "line", 0), kind=kind, text=text)
    if "expect" in raw:
        step.expect = _parse_expect(raw["expect"], f"{where}: expect")
    if "metadata" in raw:
        step.metadata = _plain(_mapping(raw["metadata"], f"{where}: metadata"))
        if "today" in step.metadata:
            step.metadata["today"] = parse_today(raw["metadata"]["today"], f"{where}: metadata: today")
    if "timeout" in raw:
        step.timeout = _positive_number(raw["timeout"], f"{where}: timeout")
    if "note" in raw:
        step.note = _as_text(raw["note"], f"{where}: note")
    return step


def parse_story(text: str, path: Path, label: Optional[str] = None) -> Story:
    """Parse one story; raise StoryError naming the file, step and key."""
    file_label = label or str(path)
    try:
        data = yaml.load(text, Loader=_StoryLoader)  # noqa: S506 - a SafeLoader subclass
    except StoryError as exc:
        raise StoryError(f"{file_label}: {exc}") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        problem = getattr(exc, "problem", None) or str(exc)
        raise StoryError(f"{file_label}: not valid YAML{at}: {problem}") from None
    except (ValueError, TypeError) as exc:  # e.g. an unhashable key such as {[a]: 1}
        raise StoryError(f"{file_label}: cannot be read as a story: {exc}") from None
    if data is None:
        raise StoryError(f"{file_label}: the file is empty")
    if not isinstance(data, dict):
        raise StoryError(
            f"{file_label}: a story file must be a mapping with name: and steps:, not a {_kind(data)}"
        )
    for key in data:
        if key not in STORY_KEYS:
            raise _unknown_key(file_label, key, STORY_KEYS)
    if "name" not in data:
        raise StoryError(f"{file_label}: name: is missing (say what the story proves)")
    name = _as_text(data["name"], f"{file_label}: name", allow_empty=False).strip()
    story = Story(path=path, name=name, steps=[])
    if "tags" in data:
        tags = data["tags"]
        if not isinstance(tags, list):
            raise StoryError(f"{file_label}: tags: must be a list, e.g. [outcome-met]")
        story.tags = [_as_text(t, f"{file_label}: tags", allow_empty=False) for t in tags]
    if "description" in data:
        story.description = _as_text(data["description"], f"{file_label}: description")
    if "today" in data:
        story.today = parse_today(data["today"], f"{file_label}: today")
    if "sender" in data:
        story.sender = _as_text(data["sender"], f"{file_label}: sender", allow_empty=False)
    if "metadata" in data:
        story.metadata = _plain(_mapping(data["metadata"], f"{file_label}: metadata"))
    if "timeout" in data:
        story.timeout = _positive_number(data["timeout"], f"{file_label}: timeout")
    if "skip" in data:
        story.skip = _as_text(data["skip"], f"{file_label}: skip", allow_empty=False)
    steps = data.get("steps")
    if not isinstance(steps, list) or not steps:
        raise StoryError(f"{file_label}: steps: must be a list with at least one step")
    previous: Optional[Step] = None
    for number, raw_step in enumerate(steps, 1):
        step = _parse_step(raw_step, number, previous, file_label)
        story.steps.append(step)
        previous = step
    return story


def load_story(path: Path, label: Optional[str] = None) -> Story:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise StoryError(f"{label or path}: is not UTF-8 text") from None
    except OSError as exc:
        raise StoryError(f"{label or path}: cannot be read: {exc.strerror}") from None
    return parse_story(text, Path(path), label)


def find_story_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """The story files under the given files/folders, and errors for paths that don't exist."""
    files: list[Path] = []
    errors: list[str] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.suffix in (".yml", ".yaml") and p.is_file())
            if not found:
                errors.append(f"{raw}: no *.yml story files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            errors.append(f"{raw}: no such file or folder")
    unique: list[Path] = []
    seen = set()
    for f in files:
        key = f.resolve()
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, errors


def load_stories(paths: list[str]) -> tuple[list[Story], list[str]]:
    """Load every story under the paths; return the stories and every error found."""
    files, errors = find_story_files(paths)
    stories = []
    for f in files:
        try:
            stories.append(load_story(f))
        except StoryError as exc:
            errors.append(str(exc))
    return stories, errors
