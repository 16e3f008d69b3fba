"""Several reports in one message stay several (issue 15, rules §8).

One report per event: a weekday beside a date, "that night" or "they logged it the same day"
describe ONE report. But a message that tells several events one after the other, each with
its own date (a named day, "last Friday the 8th") or its own channel (999, 101, online), is
that many reports, even when every one went to the police and one is dated "the day after"
another.
"""

from datetime import date as d

from actions.language import extract_reports

TODAY = d(2027, 1, 12)  # a Tuesday: "last Friday the 8th" is 8 January, "Tuesday the 5th" is 5 January


def reports(text, today=TODAY):
    return extract_reports(text, today)


def day(reading):
    return reading.value if reading is not None else None


def summary(text, today=TODAY):
    return [(c.reported_to, day(c.reported_date), day(c.incident_date)) for c in reports(text, today)]


# ------------------------------------------------------------------ two channels, two reports

def test_a_999_call_then_a_101_call_on_a_named_day_are_two_reports():
    assert summary("I phoned 999, then boxing day I rang 101") == [
        ("police", None, None), ("police", d(2026, 12, 26), None)]


def test_an_undated_call_is_not_given_the_date_of_the_next_call_on_another_line():
    # the 999 call and the 101 call are told one after the other: the 101 call's date is its own
    assert summary("rang 999 when they were kicking the door, then on christmas eve I phoned 101") == [
        ("police", None, None), ("police", d(2026, 12, 24), None)]


def test_a_101_call_the_day_after_a_999_call_is_a_second_report():
    (a, b) = reports("I called 999 the night they threw the brick, that was new years eve, "
                     "and I rang 101 the day after to get a crime number, 43/1234/26")
    assert (a.reported_to, day(a.reported_date), a.reference) == ("police", d(2026, 12, 31), None)
    assert (b.reported_to, day(b.reported_date), b.reference) == ("police", d(2027, 1, 1), "43/1234/26")


def test_the_same_line_the_day_after_is_still_the_same_report():
    (c,) = reports("I rang 101 on Saturday 2 January, they logged it the day after")
    assert (c.reported_to, day(c.reported_date)) == ("police", d(2027, 1, 2))


def test_the_same_body_again_the_day_after_is_a_second_report():
    assert summary("reported it to the council on boxing day, then rang them again the day after") == [
        ("council", d(2026, 12, 26), None), ("council", d(2026, 12, 27), None)]


# ------------------------------------------------------------------ each event with its own day

def test_two_named_days_each_with_its_own_incident_and_call():
    a, b = reports("they set fire to the bins on bonfire night and I rang 999, then on boxing day they "
                   "egged the car and I phoned 101 the day after, ref CR/5521/26")
    assert (a.reported_to, day(a.incident_date), a.reference) == ("police", d(2026, 11, 5), None)
    assert a.reported_date is None or a.reported_date.value == d(2026, 11, 5)
    assert (b.reported_to, day(b.reported_date), day(b.incident_date), b.reference) == (
        "police", d(2026, 12, 27), d(2026, 12, 26), "CR/5521/26")


def test_each_call_after_its_own_incident_day_is_its_own_report():
    # no "then", and both calls to "the police": the two days something happened tell them apart
    assert summary("they set fire to the bins on bonfire night and I rang the police, on boxing day they egged "
                   "the car and I phoned the police the day after") == [
        ("police", None, d(2026, 11, 5)), ("police", d(2026, 12, 27), d(2026, 12, 26))]


def test_one_incident_day_then_the_report_is_one_report():
    (c,) = reports("the council, it happened on the 3rd, reported it a few days later")
    assert (c.reported_to, day(c.incident_date)) == ("council", d(2027, 1, 3))
    assert d(2027, 1, 5) <= c.reported_date.value <= d(2027, 1, 8)


def test_a_named_day_then_a_call_the_day_after_in_brackets_is_incident_then_report():
    assert summary("on christmas eve they smashed the shed window (rang 101 the next day)") == [
        ("police", d(2026, 12, 25), d(2026, 12, 24))]


def test_the_same_night_in_brackets_after_what_they_did_dates_both():
    assert summary("new years eve they were throwing bottles at the house (called 999 that night)") == [
        ("police", d(2026, 12, 31), d(2026, 12, 31))]


def test_three_events_in_one_message_are_three_reports():
    found = reports("the lads were letting off rockets at my car on bonfire night so i dialled 999, then christmas "
                    "eve they threw eggs at the windows (rang 101 the day after) and last tuesday the 5th they were "
                    "hammering on my door at 2am, i reported it online. same group every time")
    assert len(found) == 3
    a, b, c = found
    assert (a.reported_to, day(a.reported_date)) == ("police", d(2026, 11, 5))
    assert (b.reported_to, day(b.reported_date), day(b.incident_date)) == ("police", d(2026, 12, 25), d(2026, 12, 24))
    # "reported it online" names no body and no day: both are asked, the incident is known
    assert (c.reported_date, day(c.incident_date)) == (None, d(2027, 1, 5))


def test_a_reference_stays_with_the_report_it_was_given_for():
    found = reports("halloween they put a firework through the letterbox and I called 999, crime number 88213, "
                    "then last friday the 8th they smashed my car mirror and I phoned 101, ref 55102")
    assert [(c.reported_to, c.reference) for c in found] == [("police", "88213"), ("police", "55102")]
    assert day(found[1].reported_date) == d(2027, 1, 8) or day(found[1].incident_date) == d(2027, 1, 8)


def test_different_bodies_on_named_days_are_different_reports():
    assert summary("rang 101 on christmas eve and the council on boxing day") == [
        ("police", d(2026, 12, 24), None), ("council", d(2026, 12, 26), None)]


def test_a_weekday_and_a_date_for_each_of_two_reports():
    assert summary("rang 101 on Tuesday 5 January, then emailed the council on Friday the 8th") == [
        ("police", d(2027, 1, 5), None), ("council", d(2027, 1, 8), None)]


def test_a_report_then_the_day_after_to_another_body_is_two_reports():
    assert summary("I rang 101 on Saturday 12 December, then told the council the day after") == [
        ("police", d(2026, 12, 12), None), ("council", d(2026, 12, 13), None)]


# ------------------------------------------------------------------ an incident after a report is not its incident

def test_what_happened_after_a_report_is_not_that_reports_incident():
    (c,) = reports("I rang 101 on boxing day, and last friday the 8th they were back kicking the door")
    assert (c.reported_to, day(c.reported_date)) == ("police", d(2026, 12, 26))
    assert c.incident_date is None or c.incident_date.value <= d(2026, 12, 26)
