"""Reporting online with no body named is the police's online form; another body's form is that body's."""

from datetime import date

import pytest

from actions.language import extract_reports
from actions.language.bodies import body_in

TODAY = date(2026, 11, 20)


@pytest.mark.parametrize("text", ["I filled in an online form", "did the web form", "submitted an online report"])
def test_the_online_form_alone_is_the_police(text):
    assert body_in(text) == "police"


@pytest.mark.parametrize("text, body", [
    ("used the council's online form", "council"),
    ("filled in my housing association's web form", "housing"),
])
def test_another_bodys_form_is_that_body(text, body):
    assert [c.reported_to for c in extract_reports(text, TODAY)] == [body]


def test_reported_it_online_after_what_happened_is_a_police_report_of_it():
    (c,) = extract_reports("Someone keyed my car on Wednesday, I reported it online", TODAY)
    assert c.reported_to == "police" and c.incident_date.value == date(2026, 11, 18)


def test_buying_or_posting_online_is_no_report():
    assert all(c.reported_to is None for c in extract_reports("the lads were filming it online on Monday", TODAY))


def test_an_online_form_and_a_call_are_two_reports():
    cands = extract_reports("I did the online form on Monday and phoned the council on Wednesday", TODAY)
    assert [(c.reported_to, c.reported_date.value.day) for c in cands] == [("police", 16), ("council", 18)]
