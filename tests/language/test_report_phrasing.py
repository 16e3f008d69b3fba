"""Issue 15: ways residents write report dates that the parser missed or read twice.

Each test states one rule about how people write; the sentences are made up for it.
"""

from datetime import date as d

from actions.language import extract_reports, parse_date, scan_dates

FRI = d(2026, 11, 20)  # a Friday


def one(text, today=FRI, context=None):
    (c,) = extract_reports(text, today, context=context)
    return c


def test_a_date_written_with_dots_and_a_year_is_found_in_a_message():
    c = one("On 14.09.2026 I emailed the council about the dog")
    assert (c.reported_to, c.reported_date.value) == ("council", d(2026, 9, 14))


def test_since_a_month_is_found_in_a_message():
    (found,) = scan_dates("the council have had three calls from me since June", FRI)
    assert found.since and (found.reading.earliest, found.reading.latest) == (d(2026, 6, 1), d(2026, 6, 30))


def test_a_season_is_a_range_of_its_three_months():
    r = parse_date("back in the autumn", d(2027, 2, 10))
    assert (r.earliest, r.latest) == (d(2026, 9, 1), d(2026, 11, 30))
    r = parse_date("in the winter", d(2027, 2, 10))
    assert (r.earliest, r.latest) == (d(2026, 12, 1), d(2027, 2, 10))
    r = parse_date("late spring", FRI)
    assert (r.earliest, r.latest) == (d(2026, 5, 1), d(2026, 5, 31))


def test_a_season_then_a_hedged_month_is_that_month():
    c = one("I rang the police sometime in the autumn, October I believe")
    assert (c.reported_date.earliest, c.reported_date.latest) == (d(2026, 10, 1), d(2026, 10, 31))


def test_between_christmas_and_new_year_is_one_stretch():
    c = one("I told the housing officer between Christmas and New Year", d(2027, 1, 8))
    r = c.reported_date
    assert (r.earliest, r.latest) == (d(2026, 12, 26), d(2026, 12, 31))


def test_last_night_typed_fast_is_yesterday():
    assert one("phoned 101 lastnite about the car alarm").reported_date.value == d(2026, 11, 19)


def test_a_named_day_last_year_is_last_years():
    assert one("I went to the police on Halloween last year").reported_date.value == d(2025, 10, 31)


def test_a_month_spelt_the_european_way_is_read():
    assert one("i call police on 12 oktober").reported_date.value == d(2026, 10, 12)


def test_one_day_said_twice_side_by_side_is_one_report():
    c = one("emailed the council 3/11 this morning", d(2026, 11, 3))
    assert c.reported_date.value == d(2026, 11, 3)
    c = one("I rang 999 just after midnight on the 25th, Christmas Day", d(2027, 1, 4))
    assert c.reported_date.value == d(2026, 12, 25)


def test_a_weekday_with_last_after_it_names_the_date_beside_it():
    c = one("I emailed the council on Tuesday last, the 17th.")
    assert c.reported_date.value == d(2026, 11, 17)


def test_the_weekday_after_with_the_date_in_brackets_is_one_day():
    cands = extract_reports("I rang 101 on the 9th and the Tuesday after (10th) I told the council", FRI)
    assert [(c.reported_to, c.reported_date.value) for c in cands] == [("police", d(2026, 11, 9)),
                                                                         ("council", d(2026, 11, 10))]
