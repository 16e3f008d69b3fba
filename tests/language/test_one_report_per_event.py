"""Issue 15: one report per event, however many date words describe it (rules §8)."""

from datetime import date as d

from actions.language import extract_reports

TODAY = d(2026, 12, 2)  # a Wednesday


def reports(text, today=TODAY, context=None):
    return extract_reports(text, today, context=context)


def span(reading):
    return (reading.earliest, reading.latest)


def test_a_weekday_before_a_date_is_one_report():
    (c,) = reports("I rang 101 on Wednesday 23 September")
    assert (c.reported_to, c.reported_date.value) == ("police", d(2026, 9, 23))


def test_a_weekday_with_a_comma_before_a_date_is_one_report():
    (c,) = reports("I called the council on Wednesday, 23rd September 2026")
    assert (c.reported_to, c.reported_date.value) == ("council", d(2026, 9, 23))


def test_a_rough_date_then_the_same_night_is_one_report():
    (c,) = reports("about ten weeks ago, rang 101 the same night")
    assert c.reported_to == "police"
    assert c.reported_date.earliest <= d(2026, 9, 23) <= c.reported_date.latest
    assert c.reported_date.precision == "approximate"
    assert span(c.incident_date) == span(c.reported_date)


def test_it_happened_that_night_joins_the_report():
    (c,) = reports("I called the council on 14 November, it happened that night")
    assert (c.reported_date.value, c.incident_date.value) == (d(2026, 11, 14), d(2026, 11, 14))


def test_the_same_day_after_an_incident_is_the_report_date():
    (c,) = reports("It kicked off on 3 October and I reported it to the police the same day")
    assert (c.reported_to, c.reported_date.value, c.incident_date.value) == ("police", d(2026, 10, 3), d(2026, 10, 3))


def test_a_couple_of_days_before_is_an_incident_range():
    (c,) = reports("told the housing on 20 October, it happened a couple of days before")
    assert (c.reported_to, c.reported_date.value) == ("housing", d(2026, 10, 20))
    assert c.incident_date.earliest <= d(2026, 10, 18) <= c.incident_date.latest < d(2026, 10, 20)


def test_the_night_before_joins_its_own_report_not_the_next():
    a, b = reports("rang 101 on 3 March, it happened the night before, and again on the 21st")
    assert (a.reported_date.value, a.incident_date.value) == (d(2026, 3, 3), d(2026, 3, 2))
    assert (b.reported_date.value, b.incident_date) == (d(2026, 3, 21), None)


def test_the_13th_after_a_report_date_is_the_same_report():
    (c,) = reports("I reported it to the police on 14 November, the incident was the night before, the 13th")
    assert (c.reported_date.value, c.incident_date.value) == (d(2026, 11, 14), d(2026, 11, 13))


def test_a_second_mention_of_the_same_day_is_not_a_second_report():
    (c,) = reports("I rang 101 on Monday 16 November, they logged it the same day")
    assert c.reported_date.value == d(2026, 11, 16)


def test_several_reports_in_one_answer_still_work():
    a, b = reports("rang 101 on 3 March and again on the 21st")
    assert [(a.reported_date.value, a.reported_to), (b.reported_date.value, b.reported_to)] == [
        (d(2026, 3, 3), "police"), (d(2026, 3, 21), "police")]


def test_another_body_the_same_day_is_a_second_report_on_that_date():
    a, b = reports("I rang the police on 3 March and the council the same day")
    assert [(a.reported_to, a.reported_date.value), (b.reported_to, b.reported_date.value)] == [
        ("police", d(2026, 3, 3)), ("council", d(2026, 3, 3))]
    assert b.same_as_previous is True


def test_again_the_next_day_is_a_second_report():
    a, b = reports("I rang 101 on 3 March and again the next day")
    assert (a.reported_date.value, b.reported_date.value, b.reported_to) == (d(2026, 3, 3), d(2026, 3, 4), "police")


def test_rough_dates_are_ranges():
    (c,) = reports("I rang 101 last week")
    assert span(c.reported_date) == (d(2026, 11, 23), d(2026, 11, 29))
    (c,) = reports("reported it to the council early October")
    assert span(c.reported_date) == (d(2026, 10, 1), d(2026, 10, 10))
    (c,) = reports("rang the police about ten weeks ago")
    lo, hi = span(c.reported_date)
    assert lo < d(2026, 9, 23) < hi and (hi - lo).days <= 14


def test_a_relative_date_in_context_is_read_against_the_date_discussed():
    (c,) = reports("yes and it happened the night before", context=d(2026, 11, 14))
    assert c.incident_date.value == d(2026, 11, 13)


def test_a_weekday_named_after_the_date_is_the_same_day():
    (c,) = reports("I phoned the council on the 24th, that was a Tuesday, about the bins being set alight")
    assert (c.reported_to, c.reported_date.value) == ("council", d(2026, 11, 24))


def test_a_weekday_in_brackets_is_the_same_day():
    (c,) = reports("Emailed the housing officer on 12/11/26 (a Thursday) about the shouting")
    assert (c.reported_to, c.reported_date.value) == ("housing", d(2026, 11, 12))


def test_a_date_and_a_body_in_two_clauses_of_one_sentence_are_one_report():
    (c,) = reports("On Friday 20th, the morning after the break-in, I filled in the police online form")
    assert (c.reported_to, c.reported_date.value) == ("police", d(2026, 11, 20))


def test_two_sentences_keep_two_reports():
    a, b = reports("On 3 November it was awful. I rang the council.")
    assert a.reported_to is None or b.reported_date is None
