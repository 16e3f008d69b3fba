"""What each question is for: why we ask it, whether it can be skipped, what "skip" means.

One table, so "why do you need this", "I don't know" and "go back" behave the same at every
step of the intake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True)
class Question:
    slot: str
    why: str
    optional: bool = False
    skip_value: Any = None  # the value kept when the resident skips it
    kind: str = "text"  # text | yes_no | choice | date | count


QUESTIONS = {
    q.slot: q
    for q in [
        Question("reported_before", "a case review looks at how reports were handled, so there need to be earlier reports.", kind="yes_no"),
        Question("in_england_wales", "the ASB Case Review is a law in England and Wales only.", kind="yes_no"),
        Question("applicant_type", "the agencies need to know who they are talking to, and whether the person affected agrees.", kind="choice"),
        Question("on_behalf_relationship", "the agencies need to know how you can speak for the person.", optional=True, skip_value="not given"),
        Question("victim_consent", "a review can only be asked for on someone's behalf with their agreement.", kind="yes_no"),
        Question("organisation_name", "the agencies need to know which business or group is affected."),
        Question("problem_description", "the agencies need to understand the problem in your own words."),
        Question("location", "where it happens decides which area's agencies and rules apply."),
        Question("ongoing", "it helps the agencies see whether the problem is still happening.", optional=True, skip_value="not_sure", kind="yes_no"),
        Question("hate", "hate incidents are taken especially seriously and in some areas open a review on their own.", optional=True, skip_value="not_sure", kind="yes_no"),
        Question("report_text", "the review depends on when you reported the problem and who to."),
        Question("pending_reported_to", "reports to the police, the council or a social housing provider count towards the threshold.", kind="choice"),
        Question("pending_reported_date", "a report counts if it was made in the six months before you apply.", kind="date"),
        Question("pending_incident_when", "a report counts if it was made within a month of the incident.", optional=True, skip_value="unknown", kind="date"),
        Question("pending_same_incident", "one incident told to several agencies counts once, so I need to know if these are the same.", optional=True, skip_value=False, kind="yes_no"),
        Question("more_reports", "every report in the last six months can count towards the threshold.", kind="yes_no"),
        Question("reports_confirmed", "the agencies check the dates against their records, so they need to be right.", kind="yes_no"),
        Question("other_reporters", "in some areas, reports from several people can open a review.", optional=True, skip_value="not_sure", kind="count"),
        Question("others_consent", "the agencies need permission to contact the other people.", optional=True, skip_value="not_sure", kind="yes_no"),
        Question("impact_opt_in", "the agencies look at harm and vulnerability as well as the number of reports.", optional=True, skip_value=False, kind="yes_no"),
        Question("impact_text", "the agencies look at how much harm the problem is causing.", optional=True, skip_value="not given"),
        Question("vulnerable_in_home", "the agencies give priority to people who are vulnerable.", optional=True, skip_value="not_said", kind="yes_no"),
        Question("apply_decision", "you decide whether to send your application.", kind="choice"),
        Question("full_name", "a review can't be anonymous: the agencies need to know who asked for it."),
        Question("victim_name", "the agencies need to know who the review is for."),
        Question("contact_details", "the team needs a way to tell you what happens next."),
        Question("safe_contact", "we never want to contact you in a way that puts you at risk.", optional=True, skip_value="none"),
        Question("consent_share", "the review is done by several agencies together, so they need to share what you tell us.", kind="yes_no"),
        Question("declaration", "the agencies rely on what you tell them.", kind="yes_no"),
        Question("answers_confirmed", "you can check and change your answers before anything is sent.", kind="yes_no"),
    ]
}

# Order used by "go back": the order questions are asked in.
ORDER = list(QUESTIONS)


def question(slot: Optional[str]) -> Optional[Question]:
    return QUESTIONS.get(slot or "")
