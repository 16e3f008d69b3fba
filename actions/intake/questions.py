"""What each question is for: why we ask it, whether it can be skipped, what "skip" means.

One table, so "why do you need this", "I don't know", "not understood" and "go back" behave
the same at every step of the intake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional

from shared.words import text


@dataclass(frozen=True)
class Question:
    slot: str
    optional: bool = False
    skip_value: Any = None  # the value passed to the slot's validator when the resident skips it
    kind: str = "text"  # text | yes_no | choice | date | count

    @property
    def why(self) -> str:
        """Why we ask it, to follow "because ...": domain.yml's words `why_<slot>`."""
        return text(f"why_{self.slot}")

    @property
    def examples(self) -> str:
        """Examples for "You could say ..." after a second misunderstanding: words `example_<slot>`."""
        return text(f"example_{self.slot}")


# Each question's reason and examples are in domain.yml's words, as why_<slot> and example_<slot>.
QUESTIONS = {
    q.slot: q
    for q in [
        Question("reported_before", kind="yes_no"),
        Question("in_england_wales", kind="yes_no"),
        Question("applicant_type", kind="choice"),
        Question("on_behalf_relationship", optional=True, skip_value="skip"),
        Question("victim_consent", kind="yes_no"),
        Question("organisation_name"),
        Question("problem_description"),
        Question("location"),
        Question("perpetrator", optional=True, skip_value="skip"),
        Question("ongoing", optional=True, skip_value="not_sure", kind="yes_no"),
        Question("hate", optional=True, skip_value="not_sure", kind="yes_no"),
        Question("report_text"),
        Question("pending_date_confirm", kind="yes_no"),
        Question("pending_reported_date", kind="date"),
        Question("pending_reported_to", kind="choice"),
        Question("pending_incident_when", optional=True, skip_value="unknown", kind="date"),
        Question("pending_same_incident", optional=True, skip_value="not_sure", kind="yes_no"),
        Question("pending_reference", optional=True, skip_value="skip"),
        Question("more_reports", kind="yes_no"),
        Question("reports_confirmed", kind="yes_no"),
        Question("other_reporters", optional=True, skip_value="not_sure", kind="count"),
        Question("others_consent", optional=True, skip_value="not_sure", kind="yes_no"),
        Question("others_same_household", optional=True, skip_value="not_sure", kind="yes_no"),
        Question("impact_opt_in", optional=True, skip_value="skip", kind="yes_no"),
        Question("impact_text", optional=True, skip_value="skip"),
        Question("vulnerable_in_home", optional=True, skip_value="skip", kind="yes_no"),
        Question("fear_of_retaliation", optional=True, skip_value="skip", kind="yes_no"),
        Question("apply_decision", kind="choice"),
        Question("full_name"),
        Question("contact_address", optional=True, skip_value="skip"),
        Question("phone", optional=True, skip_value="skip"),
        Question("email", optional=True, skip_value="skip"),
        Question("preferred_contact", optional=True, skip_value="either", kind="choice"),
        Question("safe_contact", optional=True, skip_value="none"),
        Question("victim_name"),
        Question("victim_contact", optional=True, skip_value="skip"),
        Question("consent_share", kind="yes_no"),
        Question("declaration", kind="yes_no"),
        Question("answers_confirmed", kind="yes_no"),
    ]
}

# Order used by "go back": the order questions are asked in.
ORDER = list(QUESTIONS)


def question(slot: Optional[str]) -> Optional[Question]:
    return QUESTIONS.get(slot or "")
