"""A count told with dated reports: the total of the dated ones, a body said for all, one of them dated."""

from datetime import date

from actions.language import extract_reports

TODAY = date(2026, 12, 10)


def test_a_total_followed_by_each_dated_report_is_no_extra_count():
    text = "I've complained three times. First to the council on 2 Oct. Then the police on 9 Oct. Then the council on 1 Nov."
    cands = extract_reports(text, TODAY)
    assert [(c.reported_to, c.count) for c in cands] == [("council", 1), ("police", 1), ("council", 1)]


def test_a_body_said_for_all_the_counts():
    cands = extract_reports("4 times in september, once in october, all to the council", TODAY)
    assert [(c.reported_to, c.count) for c in cands] == [("council", 4), ("council", 1)]


def test_one_of_a_count_dated_leaves_the_rest_undated():
    cands = extract_reports("I phoned the housing officer four times, once on the 3rd", TODAY)
    assert [(c.reported_to, c.count, c.reported_date and c.reported_date.value) for c in cands] == [
        ("housing", 3, None), ("housing", 1, date(2026, 12, 3))]
