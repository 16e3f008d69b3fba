"""The example utterances of conversation.md that carry reports, and short answers."""

from datetime import date as d

from hypothesis import given, settings, strategies as st

from actions.language import (
    extract_email, extract_phone, extract_postcode, extract_reports, looks_like_hate, parse_change,
    parse_count, parse_yes_no,
)

SUN = d(2026, 11, 22)


def summary(text):
    return [(c.reported_date.value if c.reported_date else None, c.reported_to) for c in extract_reports(text, SUN)]


def test_two_calls_to_101_in_one_sentence():
    assert summary("I rang 101 on 3 March and again on the 21st") == [(d(2026, 3, 3), "police"), (d(2026, 3, 21), "police")]


def test_three_bodies_three_dates():
    assert summary("Reported it to my housing association on 2 Feb, police on the 9th and the council last Tuesday") == [
        (d(2026, 2, 2), "housing"), (d(2026, 2, 9), "police"), (d(2026, 11, 17), "council")]


def test_incident_and_late_report_in_one_sentence():
    (c,) = extract_reports("It happened on 14/02 but I didn't report it till April because I was in hospital", SUN)
    assert c.incident_date.value == d(2026, 2, 14)
    assert c.reported_date.precision == "month" and c.reported_date.earliest == d(2026, 4, 1)


def test_same_night_two_agencies_are_linked():
    cands = extract_reports("Same night — I phoned the police and then emailed the council about it next morning", SUN)
    assert [c.reported_to for c in cands] == ["police", "council"]
    assert cands[1].same_as_previous is True


def test_references_and_police_log_numbers():
    cands = extract_reports("Council ref is ASB/2025/1187 and police gave me 0453 of 18 January", SUN)
    assert [c.reference for c in cands] == ["ASB/2025/1187", "0453 of 18 January"]
    assert all(c.reported_date is None for c in cands), "the log number's date is not a report date"


def test_count_pcso_and_diaries():
    (c,) = extract_reports("I've rung 101 three times since Christmas about lads racing scramblers", SUN)
    assert c.reported_to == "police" and c.count == 3
    informal = extract_reports("the third was just me telling the PCSO in the street", SUN)
    assert informal[0].reported_to == "police" and informal[0].informal
    (diary,) = extract_reports("I've filled in the landlord's diary sheets every day but never actually rang anyone", SUN)
    assert diary.reported_to == "diary"


def test_plain_landlord_is_left_for_the_assistant_to_ask():
    (c,) = extract_reports("told my landlord on 3 March", SUN)
    assert c.reported_to is None and "landlord_type_unknown" in c.notes


def test_changes_in_words():
    ch = parse_change("the second date is wrong, it was the 12th", SUN)
    assert (ch.target, ch.field, ch.index, ch.value.value) == ("report", "reported_date", 1, d(2026, 11, 12))
    assert parse_change("remove the third report", SUN).action == "remove"
    ch = parse_change("the first one was to the council not the police", SUN)
    assert (ch.field, ch.index, ch.value) == ("reported_to", 0, "council")
    assert parse_change("change my phone number to 07700 900123", SUN).value == "07700900123"
    assert parse_change("my email is wrong", SUN).value is None
    assert parse_change("the address is 12 High Street", SUN).value == "12 High Street"
    assert parse_change("lovely weather", SUN) is None


def test_short_answers():
    assert [parse_yes_no(x) for x in ["yes", "Yeah!", "aye", "nope", "not really", "not sure", "purple"]] == [
        True, True, True, False, False, None, None]
    assert [parse_count(x) for x in ["4", "four other households", "nobody", "a few", "just me"]] == [4, 4, 0, None, 0]


def test_contact_details_and_hate_hint():
    assert extract_postcode("it's on st16 2dh") == "ST16 2DH"
    assert extract_phone("ring 07700 900 123") == "07700900123"
    assert extract_email("email me at jo.bloggs@example.org please") == "jo.bloggs@example.org"
    assert looks_like_hate("Someone sprayed racist abuse on my front door the weekend before last")
    assert not looks_like_hate("They egg my windows every Friday")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=600))
def test_free_text_parsers_never_raise(text):
    for c in extract_reports(text, SUN):
        assert c.reported_date is None or c.reported_date.value is None or c.reported_date.value <= SUN
    parse_change(text, SUN)
    assert parse_yes_no(text) in (True, False, None)
    assert parse_count(text) is None or parse_count(text) >= 0
