"""A rough date and then the exact day it was, in one telling, are one report on the exact day."""

from datetime import date

from actions.language import extract_reports

TODAY = date(2026, 11, 20)


def test_a_month_then_the_day_it_was_is_one_report():
    (c,) = extract_reports("Back in June I phoned the council about it, it was a Friday, the 12th June", TODAY)
    assert (c.reported_to, c.reported_date.value) == ("council", date(2026, 6, 12))


def test_a_bare_day_after_a_month_is_that_months_day():
    (c,) = extract_reports("in September I wrote to the housing officer, that was the 8th", TODAY)
    assert (c.reported_to, c.reported_date.value) == ("housing", date(2026, 9, 8))


def test_a_new_event_between_them_keeps_two_reports():
    cands = extract_reports("In August I rang the police and then again, it was the 30th", TODAY)
    assert len(cands) == 2


def test_on_an_ordinal_then_a_month_is_that_month():
    (c,) = extract_reports("contacted the council on 4th of September", TODAY)
    assert c.reported_date.value == date(2026, 9, 4)


def test_a_time_of_day_between_a_date_and_its_weekday_keeps_one_report():
    (c,) = extract_reports("rang 999 on 7 November at around 11.30pm, which was a Saturday", TODAY)
    assert (c.reported_to, c.reported_date.value) == ("police", date(2026, 11, 7))


def test_once_more_on_a_bare_day_is_after_the_previous_report():
    (c,) = extract_reports("and I also phoned them on the 17th", TODAY, context=date(2026, 11, 12))
    assert c.reported_date.value == date(2026, 11, 17)


def test_a_bare_day_after_a_dated_report_is_the_next_such_day():
    cands = extract_reports("29 September I rang the police. The 3rd I emailed the council.", TODAY)
    assert [c.reported_date.value for c in cands] == [date(2026, 9, 29), date(2026, 10, 3)]


def test_more_reports_after_an_earlier_one_are_read_onwards_from_it():
    cands = extract_reports("yes, the police on the 14th and the council on the 18th", TODAY, context=date(2026, 11, 9))
    assert [c.reported_date.value for c in cands] == [date(2026, 11, 14), date(2026, 11, 18)]


def test_the_day_it_happened_before_a_report_is_still_before_it():
    cands = extract_reports("I rang 101 on the 12th, it had happened on the 10th", TODAY)
    assert (cands[0].reported_date.value, cands[0].incident_date.value) == (date(2026, 11, 12), date(2026, 11, 10))
