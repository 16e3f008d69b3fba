"""A landlord said to be the council or a private let, references given as 'a number', diary periods, day/day typos."""

from datetime import date

import pytest

from actions.language import extract_reports

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize("text, body", [
    ("I emailed my landlord, who is the council, on the 9th", "housing"),
    ("I texted the landlord (it's privately rented) on the 9th", "private_landlord"),
])
def test_a_landlord_said_to_be_a_kind(text, body):
    (c,) = extract_reports(text, TODAY)
    assert (c.reported_to, c.reported_date.value) == (body, date(2026, 11, 9))


def test_a_number_they_gave_is_a_reference():
    (c,) = extract_reports("rang 101 on the 9th and they gave me number 3381", TODAY)
    assert c.reference == "3381"


def test_a_diary_kept_since_a_day_has_no_report_date():
    (c,) = extract_reports("I've kept a noise diary since the 2nd of October, not sent it yet", TODAY)
    assert c.reported_to == "diary" and c.reported_date is None and c.since is None
    assert c.incident_date.earliest == date(2026, 10, 2)


def test_a_day_over_a_day_is_no_uk_date():
    (c,) = extract_reports("i rang 101 on the 14/14", TODAY)
    assert c.reported_date is None or not c.reported_date.ok


def test_a_councils_front_desk_is_the_council():
    (c,) = extract_reports("on the 9th I called in at the housing office and told the lady on the front desk", TODAY)
    assert c.reported_to == "housing"


def test_a_days_event_is_not_a_report_date():
    cands = extract_reports("I rang the council on Tuesday about Saturday's party", TODAY)
    assert [(c.reported_to, c.reported_date.value) for c in cands] == [("council", date(2026, 11, 17))]
