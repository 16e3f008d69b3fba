"""Issue 15: references without filler, real contact restrictions only, places and descriptive answers."""

from datetime import date as d

import pytest

from actions.rules import area_for_location
from actions.language import (
    DONT_KNOW, answer_by_content, contact_restriction, extract_reports, in_england_or_wales, is_dont_know, reference_in,
)

TODAY = d(2026, 12, 2)


@pytest.mark.parametrize("text, expected", [
    ("yes it was 0312", "0312"),
    ("0312", "0312"),
    ("crime number 0312", "0312"),
    ("it's CAD 4471", "CAD 4471"),
    ("20/11/2026-0456", "20/11/2026-0456"),
    ("yeah SF/12345/26 I think", "SF/12345/26"),
    ("the council one is ASB/2025/1187", "ASB/2025/1187"),
    ("log 0453 of 18 January", "0453 of 18 January"),
    ("ref: 12345678.", "12345678"),
])
def test_references_without_filler(text, expected):
    assert reference_in(text) == expected


@pytest.mark.parametrize("text", ["no", "none", "I didn't get one", "can't remember it", "skip"])
def test_no_reference(text):
    assert reference_in(text) is None


def test_a_police_log_gives_the_report_date():
    (c,) = extract_reports("rang 101, log 0453 of 18 January", TODAY)
    assert (c.reported_to, c.reference, c.reported_date.value) == ("police", "0453 of 18 January", d(2026, 1, 18))


def test_a_dated_police_reference_is_one_report_with_that_date():
    (c,) = extract_reports("I rang 101 and they gave me 20/11/2026-0456", TODAY)
    assert (c.reported_to, c.reference, c.reported_date.value) == ("police", "20/11/2026-0456", d(2026, 11, 20))


def test_a_five_digit_slashed_reference_is_found():
    (c,) = extract_reports("reported to the police on 3 November, ref SF/12345/26", TODAY)
    assert (c.reference, c.reported_date.value) == ("SF/12345/26", d(2026, 11, 3))


@pytest.mark.parametrize("text", ["any time", "anytime", "no", "none", "whatever's easiest", "no, any time", "Nope, any way is fine",
                                  "no restrictions", "not really", "no that's fine", "either is fine", "any time is fine thanks"])
def test_no_restriction(text):
    assert contact_restriction(text) is None


@pytest.mark.parametrize("text", ["don't ring after 6, he checks my phone", "email only", "no, but don't ring after 6pm",
                                  "never call me at work", "only text, don't call"])
def test_real_restrictions_are_kept_as_said(text):
    assert contact_restriction(text) == text


def test_dont_know_restriction():
    assert contact_restriction("not sure") == DONT_KNOW


@pytest.mark.parametrize("text, answer, area", [
    ("ST16 2DH", True, "staffordshire"),
    ("Stoke", True, "staffordshire"),
    ("England", True, None),
    ("yes, england", True, None),
    ("wales", True, None),
    ("Cardiff", True, "cardiff"),
    ("yes", True, None),
    ("no, Scotland", False, None),
    ("Glasgow", False, None),
    ("EH1 1YZ", False, None),
    ("Belfast, Northern Ireland", False, None),
    ("no", False, None),
])
def test_england_or_wales_by_place(text, answer, area):
    got = in_england_or_wales(text, area_for_location)
    assert (got.answer, got.area) == (answer, area)


def test_england_or_wales_dont_know():
    assert in_england_or_wales("not sure").answer == DONT_KNOW


@pytest.mark.parametrize("topic, text, expected", [
    ("vulnerable", "she's 81 and frail and lives alone", True),
    ("vulnerable", "my son is autistic", True),
    ("vulnerable", "I'm disabled, I use a wheelchair", True),
    ("vulnerable", "no, it's just me and I'm fine", False),
    ("vulnerable", "nobody", False),
    ("vulnerable", "yes", True),
    ("ongoing", "it's still going on, every night", True),
    ("ongoing", "happened again last night", True),
    ("ongoing", "it stopped in October", False),
    ("fear", "I'm terrified of what he'll do", True),
    ("fear", "not really, they don't scare me", False),
])
def test_descriptive_answers_read_by_content(topic, text, expected):
    assert answer_by_content(text, topic) is expected


def test_descriptive_answer_unsure_is_dont_know():
    assert answer_by_content("not sure to be honest", "vulnerable") == DONT_KNOW


@pytest.mark.parametrize("text", ["skip", "don't know", "dunno", "not sure", "no idea", "I can't remember", "pass"])
def test_dont_know_words(text):
    assert is_dont_know(text)


@pytest.mark.parametrize("text", ["no", "yes", "not really", "I don't know his name but he lives at 12"])
def test_not_dont_know(text):
    assert not is_dont_know(text)
