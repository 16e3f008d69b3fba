"""Changes in words at "check your answers", short answers, contact details and the hate hint."""

from datetime import date as d

import pytest

from actions.language import (
    extract_email, extract_phone, extract_postcode, looks_like_hate, parse_change, parse_count, parse_yes_no,
)

NOV = d(2026, 11, 22)


def test_a_report_date_changed_in_words():
    ch = parse_change("the second date is wrong, it was the 12th", NOV)
    assert (ch.target, ch.field, ch.index, ch.action) == ("report", "reported_date", 1, "update")
    assert ch.value.value == d(2026, 11, 12) and ch.value.said == "the 12th"
    ch = parse_change("change the date of the 2nd report to the 3rd", NOV)
    assert (ch.index, ch.value.value) == (1, d(2026, 11, 3))
    ch = parse_change("the incident on the first one was actually 2 March", NOV)
    assert (ch.field, ch.index, ch.value.value) == ("incident_date", 0, d(2026, 3, 2))
    ch = parse_change("the second date is wrong", NOV)
    assert (ch.field, ch.index, ch.value) == ("reported_date", 1, None)  # ask for the new one


@pytest.mark.parametrize("said, index", [
    ("remove the third report", 2), ("delete the last one", -1), ("take out report 4", 3), ("remove the 10th one", 9),
    ("delete the first", 0), ("get rid of the fifth report", 4),
])
def test_removing_a_report(said, index):
    ch = parse_change(said, NOV)
    assert (ch.target, ch.action, ch.index) == ("report", "remove", index)


def test_who_it_went_to_and_the_reference():
    ch = parse_change("the first one was to the council not the police", NOV)
    assert (ch.field, ch.index, ch.value) == ("reported_to", 0, "council")
    ch = parse_change("the 3rd was to the housing association", NOV)
    assert (ch.field, ch.index, ch.value) == ("reported_to", 2, "housing")
    ch = parse_change("the reference for report 2 is ASB/2025/1190", NOV)
    assert (ch.field, ch.index, ch.value) == ("reference", 1, "ASB/2025/1190")


def test_contact_details_changed_in_words():
    ch = parse_change("change my phone number to 07700 900123", NOV)
    assert (ch.target, ch.field, ch.value) == ("phone", "phone", "07700900123")
    ch = parse_change("my email is wrong", NOV)
    assert (ch.target, ch.field, ch.value) == ("email", "email", None)
    assert parse_change("my email address is jo@example.org", NOV).value == "jo@example.org"
    ch = parse_change("the address is 12 High Street", NOV)
    assert (ch.target, ch.field, ch.value) == ("contact_address", "address", "12 High Street")
    assert parse_change("my address is wrong", NOV).value is None
    assert (parse_change("my name is Jo Bloggs", NOV).field, parse_change("my name is Jo Bloggs", NOV).value) == ("name", "Jo Bloggs")


@pytest.mark.parametrize("said", ["lovely weather", "", "yes", "🙂", "<script>alert(1)</script>"])
def test_not_a_change(said):
    assert parse_change(said, NOV) is None


@pytest.mark.parametrize("said, answer", [
    ("yes", True), ("Yeah!", True), ("yep", True), ("aye", True), ("correct", True), ("that's right", True), ("ok", True),
    ("Yes please", True), ("no", False), ("nope", False), ("nah", False), ("not really", False), ("never", False),
    ("of course not", False), ("No, that's wrong", False), ("not sure", None), ("I don't know", None), ("maybe", None),
    ("purple", None), ("", None),
])
def test_yes_no(said, answer):
    assert parse_yes_no(said) is answer


@pytest.mark.parametrize("said, count", [
    ("four other households", 4), ("3", 3), ("about 5 people", 5), ("twenty", 20), ("none", 0), ("nobody", 0),
    ("just me", 0), ("no", 0), ("a few", None), ("several", None), ("3 or 4", None), ("not sure", None),
])
def test_counts(said, count):
    assert parse_count(said) == count


def test_contact_details():
    assert extract_postcode("it's on st162dh") == "ST16 2DH"
    assert extract_postcode("ST16  2DH") == "ST16 2DH"
    assert extract_postcode("London SW1A 1AA please") == "SW1A 1AA"
    assert extract_postcode("ST16 2CI") is None  # C and I are never in the last part
    assert extract_phone("ring 07700 900 123") == "07700900123"
    assert extract_phone("+44 7700 900123") == "07700900123"
    assert extract_phone("(01785) 123456") == "01785123456"
    assert extract_phone("call 999 or 101") is None
    assert extract_email("email me at jo.bloggs@example.org please") == "jo.bloggs@example.org"
    assert extract_email("jo@@example.org") is None and extract_email("jo@localhost") is None


@pytest.mark.parametrize("said, hint", [
    ("Someone sprayed racist abuse on my front door the weekend before last.", True),
    ("they shout at me because I'm gay", True),
    ("it started because we're Muslim", True),
    ("they pick on him because he's disabled", True),
    ("homophobic graffiti on the wall", True),
    ("I hate the noise", False),
    ("They egg my windows every Friday", False),
])
def test_hate_hint(said, hint):
    assert looks_like_hate(said) is hint
