"""Issue 15, second round: answers read the way a call handler would (the kinds the resident
driver found on main 08158de). The cases that read something failed on main; the
guard cases (unsure, real restrictions, nothing invented) pass on both and keep the change honest."""

from datetime import date as d

import pytest

from actions.language import contact_restriction, extract_reports, parse_yes_no, reference_in

TODAY = d(2026, 11, 20)


# ---------------------------------------------------------------- yes/no as people type it
@pytest.mark.parametrize("text", ["ye", "ye ok", "yh", "yeh", "ye thats rite", "ye send it", "Yeah that's right", "I agree",
                                  "i think so"])
def test_text_speak_yes(text):
    assert parse_yes_no(text) is True


@pytest.mark.parametrize("text", ["dont think so, they do it to other people too", "I believe not.",
                                  "I would not like to say that it is. No.", "Oh no, I don't think it's anything to do with it",
                                  "nah, nothing"])
def test_no_in_words(text):
    assert parse_yes_no(text) is False


@pytest.mark.parametrize("text", ["not sure", "no idea", "maybe"])
def test_unsure_is_neither(text):
    assert parse_yes_no(text) is None


# ---------------------------------------------------------------- only real restrictions
@pytest.mark.parametrize("text", [
    "whatever", "wotever", "whenever's easiest", "no ring when ever", "No, ring me whenever, I'm always in",
    "There are no restrictions on contacting me.", "There are no restrictions. I am generally at home.",
    "No, any time, I'm retired", "whatevers easiest, phone or email both fine any time", "No, ring when you like",
    "Phone is ok. Afternoon best, before the shop opens.", "Email is better for me. But phone is ok also.",
    "Ring me, not Mum, any time in the day is fine", "Not at all, you can call whenever you like.",
])
def test_any_way_is_fine_in_any_words_is_no_restriction(text):
    assert contact_restriction(text) is None


@pytest.mark.parametrize("text", [
    "Please don't send a marked car or anyone in uniform to my house", "no letters please", "not at work",
    "only ring me, and not before 10 in the morning", "my ex might see the letters", "ring after 6, he checks my phone",
    "any time is fine but not after 9pm",
])
def test_real_restrictions_stay_restrictions(text):
    assert contact_restriction(text) == text


# ---------------------------------------------------------------- references with their prefix
@pytest.mark.parametrize("text, expected", [
    ("CR 41877/26", "CR 41877/26"), ("yes CR/1234/26", "CR/1234/26"), ("CR 0312", "CR 0312"),
    ("SBC/ASB/1950", "SBC/ASB/1950"), ("The reference is CCDC/ASB/0871", "CCDC/ASB/0871"), ("HA 66120", "HA 66120"),
    ("crime ref CR 60315/26", "CR 60315/26"), ("TBC-ASB-7734", "TBC-ASB-7734"), ("HS-20931", "HS-20931"),
])
def test_a_reference_keeps_its_letters(text, expected):
    assert reference_in(text, TODAY) == expected


def test_a_prefixed_reference_in_a_report_sentence():
    (c,) = extract_reports("rang the police on 3 November, crime ref CR 60315/26", TODAY)
    assert (c.reported_to, c.reference, c.reported_date.value) == ("police", "CR 60315/26", d(2026, 11, 3))


@pytest.mark.parametrize("text", ["OK 20 times", "it's covid-19 all over again", "ST4 7QB"])
def test_no_reference_invented(text):
    assert not [c.reference for c in extract_reports("I rang the police on 3 November. " + text, TODAY) if c.reference]


# ---------------------------------------------------------------- one day, said twice
@pytest.mark.parametrize("text, day", [
    ("It was the same day, I rang them straight away", d(2026, 11, 14)),
    ("It was the day before, the night before really", d(2026, 11, 13)),
    ("last week, the tuesday", d(2026, 11, 10)),
])
def test_two_date_words_for_one_day_are_one_date(text, day):
    from actions.language import parse_date

    reading = parse_date(text, TODAY, context=d(2026, 11, 14))
    assert reading.ok and reading.value == day


def test_two_different_days_are_still_asked():
    from actions.language import parse_date

    assert parse_date("3 March and 5 March", TODAY).status == "not_understood"


# ---------------------------------------------------------------- a bare day still to come
def test_a_bare_day_still_to_come_is_the_latest_one_that_has_been():
    from actions.language import find_dates

    # Said on 12 November: the Sunday before was 8 November, and November's 18th is still to come.
    found = [r.value for r in find_dates("reported it to the council on 20 oct, the sunday b4 (18th)", d(2026, 11, 12))]
    assert d(2026, 10, 20) in found and d(2026, 10, 18) in found and not any(v is None for v in found)


def test_after_again_a_day_still_to_come_is_asked():
    from actions.language import find_dates

    (first, second) = find_dates("on 3 March and again on the 21st", d(2026, 3, 10))
    assert first.value == d(2026, 3, 3) and second.status == "future"


def test_a_weekday_beside_a_date_names_it_and_the_next_day_follows_the_date():
    (c,) = extract_reports("The first time was the end of July, the 29th, a Wednesday I think, it came at her by the bins, "
                           "and I rang the police for her the next day, the 30th, on 101", d(2026, 10, 14))
    assert (c.reported_to, c.reported_date.value, c.incident_date.value) == ("police", d(2026, 7, 30), d(2026, 7, 29))


# ---------------------------------------------------------------- how many others, in words
@pytest.mark.parametrize("text, n", [
    ("Three others: the families at 41, 45 and 49. They've all rung the police since August.", 3),
    ("4 others, all diff houses on the close, no 3, 5, 11 n 14", 4),
    ("I am not aware of other complainants at this time.", 0),
    ("Not that I know of, the other neighbours keep themselves to themselves", 0),
])
def test_the_number_said_with_what_it_counts_decides(text, n):
    from actions.language import parse_count

    assert parse_count(text) == n


@pytest.mark.parametrize("text", ["3 or 4", "a few", "parents might have"])
def test_unclear_counts_are_still_asked(text):
    from actions.language import parse_count

    assert parse_count(text) is None


def test_the_night_before_in_text_speak_is_the_incident_of_that_report():
    (c,) = extract_reports("o wait i also rang the council on 15 november about them kickin my door the nite b4", d(2026, 12, 16))
    assert (c.reported_to, c.reported_date.value, c.incident_date.value) == ("council", d(2026, 11, 15), d(2026, 11, 14))


def test_a_bare_day_after_a_weekday_is_the_latest_one_on_that_weekday():
    # Said on 8 July, after a report on 6 June: "last Saturday, the 4th" is Saturday 4 July, not 4 June.
    (c,) = extract_reports("And last Saturday, the 4th, I rang 999 because they were kicking the gate", d(2026, 7, 8),
                           context=d(2026, 6, 6))
    assert c.reported_date.value == d(2026, 7, 4)


@pytest.mark.parametrize("text, day", [("16th octobr", d(2026, 10, 16)), ("agust 3rd", d(2026, 8, 3)),
                                       ("2 septmber", d(2026, 9, 2))])
def test_month_names_typed_with_typos(text, day):
    from actions.language import parse_date

    assert parse_date(text, TODAY).value == day


def test_typed_fast_weekday_and_body():
    (c,) = extract_reports("and thrusday 12th, week before last, i rang the coucnil ASB line about the windwos", TODAY,
                           context=d(2026, 10, 16))
    assert (c.reported_to, c.reported_date.value) == ("council", d(2026, 11, 12))


def test_one_of_two_days_is_a_range_and_a_month_in_a_sentence_is_the_month():
    from actions.language import parse_date

    r = parse_date("the tuesday or wednesday", d(2026, 12, 16))
    assert (r.value, r.earliest, r.latest) == (d(2026, 12, 15), d(2026, 12, 15), d(2026, 12, 16))
    r = parse_date("It was May, I'm sure of that, but whether it was the beginning or the end I really couldn't say", TODAY)
    assert (r.earliest, r.latest, r.precision) == (d(2026, 5, 1), d(2026, 5, 31), "month")
    r = parse_date("beginning of October, first week I think", TODAY)
    assert r.ok and r.earliest == d(2026, 10, 1) and r.latest <= d(2026, 10, 10)


def test_a_terse_report_in_fragments_is_one_report():
    (c,) = extract_reports("21 feb. quads on pitch. 101. CAD 1750", d(2026, 4, 20))
    assert (c.reported_to, c.reported_date.value, c.reference) == ("police", d(2026, 2, 21), "CAD 1750")
