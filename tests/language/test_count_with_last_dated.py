"""A count of reports and then the date of the last of them: the last is its own report, the count keeps the rest."""

from datetime import date

from actions.language import extract_reports

TODAY = date(2026, 11, 20)


def test_the_last_dated_report_comes_out_of_the_count():
    cands = extract_reports("emailed environmental health six times since July, the latest one last Wednesday", TODAY)
    assert [(c.reported_to, c.count) for c in cands] == [("council", 5), ("council", 1)]
    assert cands[1].reported_date.value == date(2026, 11, 18)
    assert (cands[0].reported_date.earliest, cands[0].reported_date.latest) == (date(2026, 7, 1), date(2026, 11, 17))


def test_a_bare_day_for_the_last_of_a_months_reports_is_in_that_month():
    cands = extract_reports("phoned 101 three times in September, the final call on the 27th", TODAY)
    assert [(c.count, c.reported_date.latest) for c in cands] == [(2, date(2026, 9, 26)), (1, date(2026, 9, 27))]


def test_a_count_without_a_last_one_stays_whole():
    (c,) = extract_reports("I've rung the council four times since August", TODAY)
    assert c.count == 4
