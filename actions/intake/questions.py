"""What each question is for: why we ask it, whether it can be skipped, what "skip" means.

One table, so "why do you need this", "I don't know", "not understood" and "go back" behave
the same at every step of the intake.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Optional


@dataclass(frozen=True)
class Question:
    slot: str
    why: str
    optional: bool = False
    skip_value: Any = None  # the value passed to the slot's validator when the resident skips it
    kind: str = "text"  # text | yes_no | choice | date | count
    examples: str = ""  # "You could say ..." after a second misunderstanding


YES_NO_EXAMPLES = "\"yes\", \"no\" or \"not sure\""

QUESTIONS = {
    q.slot: q
    for q in [
        Question("reported_before", "a case review looks at how reports were handled, so there need to be earlier reports.",
                 kind="yes_no", examples=YES_NO_EXAMPLES),
        Question("in_england_wales", "the ASB Case Review is a law in England and Wales only.", kind="yes_no",
                 examples="\"yes\" or \"no\""),
        Question("applicant_type", "the agencies need to know who they are talking to, and whether the person affected agrees.",
                 kind="choice", examples="\"it's me\", \"for my mum\", \"for my shop\" or \"a group of us\""),
        Question("on_behalf_relationship", "the agencies need to know how you can speak for the person.", optional=True,
                 skip_value="skip", examples="\"she's my mum\" or \"I'm his support worker\""),
        Question("victim_consent", "a review can only be asked for on someone's behalf with their agreement.", kind="yes_no",
                 examples="\"yes\" or \"no\""),
        Question("organisation_name", "the agencies need to know which business or group is affected.",
                 examples="\"Corner Shop Ltd\" or \"Oak Road Residents\""),
        Question("problem_description", "the agencies need to understand the problem in your own words.",
                 examples="\"loud music every night from next door\" or \"lads on bikes racing behind the flats\""),
        Question("location", "where it happens decides which area's agencies and rules apply.",
                 examples="\"Oak Road, Stafford\" or a postcode like \"ST16 2DH\""),
        Question("perpetrator", "knowing who is responsible helps the agencies link your reports together.",
                 optional=True, skip_value="skip", examples="\"the people at number 12\" or \"I don't know\""),
        Question("ongoing", "it helps the agencies see whether the problem is still happening.", optional=True,
                 skip_value="not_sure", kind="yes_no", examples=YES_NO_EXAMPLES),
        Question("hate", "hate incidents are taken especially seriously and in some areas open a review on their own.",
                 optional=True, skip_value="not_sure", kind="yes_no", examples=YES_NO_EXAMPLES),
        Question("report_text", "the review depends on when you reported the problem and who to.",
                 examples="\"I rang 101 on 3 March\" or \"I told the council last Tuesday\""),
        Question("pending_date_confirm", "numbers like 03/04 can be read two ways, and the date decides whether a report counts.",
                 kind="yes_no", examples="\"yes\" or \"no\""),
        Question("pending_reported_date", "a report counts if it was made in the six months before you apply.", kind="date",
                 examples="\"3 March\", \"last Tuesday\" or \"early March\""),
        Question("pending_reported_to", "reports to the police, the council or a social housing provider count towards the threshold.",
                 kind="choice", examples="\"police\", \"council\" or \"housing association\""),
        Question("pending_incident_when", "a report counts if it was made within a month of the incident.", optional=True,
                 skip_value="unknown", kind="date", examples="\"the same day\", \"the day before\" or \"1 March\""),
        Question("pending_same_incident", "one incident told to several agencies counts once, so I need to know if these are the same.",
                 optional=True, skip_value="not_sure", kind="yes_no", examples="\"yes\" or \"no\""),
        Question("pending_reference", "a reference number helps the agencies find your report quickly.", optional=True,
                 skip_value="skip", examples="\"CRI/1234/26\" or \"skip\""),
        Question("more_reports", "every report in the last six months can count towards the threshold.", kind="yes_no",
                 examples="\"yes\" or \"no, that's all\""),
        Question("reports_confirmed", "the agencies check the dates against their records, so they need to be right.",
                 kind="yes_no", examples="\"yes\" or \"the second date is wrong, it was the 12th\""),
        Question("other_reporters", "in some areas, reports from several people can open a review.", optional=True,
                 skip_value="not_sure", kind="count", examples="\"none\", \"2\" or \"not sure\""),
        Question("others_consent", "the agencies need permission to contact the other people.", optional=True,
                 skip_value="not_sure", kind="yes_no", examples=YES_NO_EXAMPLES),
        Question("others_same_household", "people from one household count as one in some areas.", optional=True,
                 skip_value="not_sure", kind="yes_no", examples=YES_NO_EXAMPLES),
        Question("impact_opt_in", "the agencies look at harm and vulnerability as well as the number of reports.",
                 optional=True, skip_value="skip", kind="yes_no", examples="\"yes\" or \"skip\""),
        Question("impact_text", "the agencies look at how much harm the problem is causing.", optional=True,
                 skip_value="skip", examples="\"I can't sleep\" or \"my kids are scared to go out\""),
        Question("vulnerable_in_home", "the agencies give priority to people who are vulnerable.", optional=True,
                 skip_value="skip", kind="yes_no", examples="\"yes\", \"no\" or \"I'd rather not say\""),
        Question("fear_of_retaliation", "if you are worried about what they might do, the agencies can take extra care.",
                 optional=True, skip_value="skip", kind="yes_no", examples="\"yes\", \"no\" or \"I'd rather not say\""),
        Question("apply_decision", "you decide whether to send your application.", kind="choice",
                 examples="\"send it\" or \"not now\""),
        Question("full_name", "a review can't be anonymous: the agencies need to know who asked for it.",
                 examples="\"Jo Bloggs\""),
        Question("contact_address", "the agencies need to know where you live to look at your case. It is never given to the people causing the problem.",
                 optional=True, skip_value="skip", examples="\"14 Oak Road, Stafford ST16 2DH\" or \"skip\""),
        Question("phone", "the team needs a way to tell you what happens next.", optional=True, skip_value="skip",
                 examples="\"07700 900123\" or \"skip\""),
        Question("email", "the team needs a way to tell you what happens next.", optional=True, skip_value="skip",
                 examples="\"jo@example.org\" or \"skip\""),
        Question("preferred_contact", "we want to contact you the way that suits you.", optional=True, skip_value="either",
                 kind="choice", examples="\"phone\", \"email\" or \"either\""),
        Question("safe_contact", "we never want to contact you in a way that puts you at risk.", optional=True,
                 skip_value="none", examples="\"don't ring after 5pm\", \"email only\" or \"any way is fine\""),
        Question("victim_name", "the agencies need to know who the review is for.", examples="\"Mary Smith\""),
        Question("victim_contact", "the agencies may need to speak to the person it's happening to.", optional=True,
                 skip_value="skip", examples="\"same as mine\" or \"07700 900456\""),
        Question("consent_share", "the review is done by several agencies together, so they need to share what you tell us.",
                 kind="yes_no", examples="\"yes, I agree\" or \"no\""),
        Question("declaration", "the agencies rely on what you tell them.", kind="yes_no", examples="\"yes\" or \"no\""),
        Question("answers_confirmed", "you can check and change your answers before anything is sent.", kind="yes_no",
                 examples="\"yes, send it\" or \"change my phone number\""),
    ]
}

# Order used by "go back": the order questions are asked in.
ORDER = list(QUESTIONS)


def question(slot: Optional[str]) -> Optional[Question]:
    return QUESTIONS.get(slot or "")
