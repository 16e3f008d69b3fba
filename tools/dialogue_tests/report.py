"""For testers (the dialogue runner): turning results into what testers read: the console report and JUnit XML."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Iterable

from tools.dialogue_tests.runner import StoryResult, Turn, message_text
from tools.dialogue_tests.story import _show, short

# Characters XML 1.0 cannot hold, even escaped (a bot may echo anything a resident typed).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


# In the exchange a resident's message is shown whole unless it is a deliberately huge one.
EXCHANGE_TEXT_LIMIT = 600


def xml_safe(text: str) -> str:
    return _NOT_XML.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _indent(text: str, prefix: str) -> str:
    return "\n".join(prefix + line if line else prefix.rstrip() for line in text.splitlines() or [""])


def format_turn(turn: Turn) -> str:
    step = turn.step
    lines = []
    head = f"{step.number:>3} > {step.label(limit=EXCHANGE_TEXT_LIMIT)}"
    if step.kind == "click" and turn.sent is not None:
        head += f" -> sends {_show(short(turn.sent))}"
    if step.note:
        head += f"   # {step.note}"
    lines.append(head)
    if turn.sent is None:
        lines.append("      (nothing sent)")
        return "\n".join(lines)
    if turn.error:
        lines.append(f"      ! {turn.error}")
        return "\n".join(lines)
    if not turn.reply:
        lines.append("    < (no reply)")
    for message in turn.reply:
        text = message_text(message)
        if text:
            first, *rest = text.splitlines() or [""]
            lines.append(f"    < {first}")
            lines.extend(f"      {line}" for line in rest)
        titles = [str(b.get("title", "")) for b in message.get("buttons") or [] if isinstance(b, dict)]
        if titles:
            lines.append("      [buttons: " + " | ".join(titles) + "]")
        others = {k: v for k, v in message.items() if k not in ("text", "buttons", "recipient_id")}
        if others:
            lines.append("      " + short(json.dumps(others, ensure_ascii=False), 300))
        if not text and not titles and not others:
            lines.append("    < (empty message)")
    if turn.slots is not None:
        wanted = set()
        if step.expect:
            wanted = {n.split(".")[0] for n in (*step.expect.slots, *step.expect.slots_set, *step.expect.slots_unset)}
            if step.expect.outcome:
                wanted |= {"assessment_outcome", "assessment"}
        shown = {k: v for k, v in turn.slots.items() if k in wanted}
        lines.append("      slots: " + short(json.dumps(shown, ensure_ascii=False, default=str), 600))
    return "\n".join(lines)


def format_exchange(result: StoryResult) -> str:
    lines = [f"exchange (sender {result.sender}):"]
    lines.extend(format_turn(turn) for turn in result.turns)
    return "\n".join(lines)


def format_failure(result: StoryResult) -> str:
    story = result.story
    step = result.failed_step
    total = len(story.steps)
    lines = []
    if step is not None:
        lines.append(f"step {step.number} of {total} (line {step.line}): {step.label()}")
    lines.extend(f"  - {p}" for p in result.problems)
    if step is not None and step.expect:
        lines.append("  expected:")
        lines.extend(f"    {d}" for d in step.expect.describe())
    if step is not None and step.number < total:
        rest = f"step {total} was" if step.number + 1 == total else f"steps {step.number + 1}-{total} were"
        lines.append(f"  {rest} not run")
    lines.append(_indent(format_exchange(result), "  "))
    return "\n".join(lines)


def failure_summary(result: StoryResult) -> str:
    step = result.failed_step
    first = result.problems[0] if result.problems else "failed"
    return f"step {step.number}: {first}" if step is not None else first


def console_line(result: StoryResult) -> str:
    story = result.story
    if result.skipped:
        return f"SKIP  {story.name}  ({story.path}): {result.skipped}"
    status = "PASS" if result.passed else "FAIL"
    return f"{status}  {story.name}  ({story.path}, {len(result.turns)}/{len(story.steps)} steps, {result.seconds:.1f}s)"


def write_junit(results: Iterable[StoryResult], path: Path, suite_name: str = "dialogue tests") -> None:
    results = list(results)
    failures = sum(1 for r in results if not r.skipped and not r.passed)
    skipped = sum(1 for r in results if r.skipped)
    seconds = sum(r.seconds for r in results)
    root = ET.Element("testsuites", tests=str(len(results)), failures=str(failures), errors="0",
                      skipped=str(skipped), time=f"{seconds:.3f}")
    suite = ET.SubElement(root, "testsuite", name=suite_name, tests=str(len(results)),
                          failures=str(failures), errors="0", skipped=str(skipped), time=f"{seconds:.3f}")
    for result in results:
        story = result.story
        case = ET.SubElement(
            suite, "testcase",
            classname=xml_safe(f"dialogues.{story.path.stem}"),
            name=xml_safe(story.name),
            file=xml_safe(str(story.path)),
            time=f"{result.seconds:.3f}",
        )
        if result.skipped:
            ET.SubElement(case, "skipped", message=xml_safe(result.skipped))
            continue
        if not result.passed:
            failure = ET.SubElement(case, "failure", message=xml_safe(failure_summary(result)), type="DialogueFailure")
            failure.text = xml_safe(format_failure(result))
        out = ET.SubElement(case, "system-out")
        out.text = xml_safe(format_exchange(result))
    tree = ET.ElementTree(root)
    ET.indent(tree)
    path.parent.mkdir(parents=True, exist_ok=True)
    tree.write(path, encoding="utf-8", xml_declaration=True)

