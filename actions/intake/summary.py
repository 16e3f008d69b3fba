"""The "Check your answers" summary (GOV.UK pattern): every answer, in plain words.

It goes out as text (REST clients, the conversation history, screen readers), one line per
answer and per report, and with it a structured summary list (`custom`): the rows' labels and
the payloads of their "Change" buttons, in the order of those lines. The chat widget shows
them as a GOV.UK summary list, taking each value from its line of the text. The values stay
out of `custom`: what a resident typed is only ever sent as plain message text.
"""

from __future__ import annotations

import json
from typing import Optional

from actions.intake import reports_flow as rf
from shared.application.in_words import answer_items, answer_rows, changeable_answers  # noqa: F401
from shared.words import text

CHANGE_INTENT = "change_answer"
REPORT = "report"  # the change payload's "answer" for a report; "report" then says which ("2")


def _one_line(value: str) -> str:
    """A value typed over several lines kept to its own line of the summary."""
    return " ".join(str(value).split())


def answers_summary(s: dict) -> str:
    lines = [f"{text('app_summary_title')}:"] + [f"- {k}: {_one_line(v)}" for k, v in answer_rows(s)]
    lines.append(rf.readback(list(s.get("reports") or [])))
    return "\n".join(lines)


def change_payload(answer: str, report: Optional[int] = None) -> str:
    """What a Change button sends: `/change_answer{"answer":"location"}`; a report's number is a
    string, as the channel sanitiser lets only short string values through."""
    entities = {"answer": answer} if report is None else {"answer": REPORT, "report": str(report)}
    return f"/{CHANGE_INTENT}{json.dumps(entities, separators=(',', ':'))}"


def summary_list(s: dict) -> dict:
    """The rows (key, change) of the summary, in the order of the text's lines: "- key: value"
    for each answer, then "N. ..." for each report. `change.hidden` finishes the button's
    words for screen readers: "Change<hidden> where</hidden>"."""
    rows = [{"key": label, "change": {"payload": change_payload(slot), "hidden": label.lower()} if slot else None}
            for slot, label, _ in answer_items(s)]
    for number, _ in enumerate(s.get("reports") or [], start=1):
        rows.append({"key": text("app_summary_report", number=number),
                     "change": {"payload": change_payload(REPORT, number),
                                "hidden": text("app_summary_report_hidden", number=number)}})
    return {"title": text("app_summary_title"), "rows": rows}
