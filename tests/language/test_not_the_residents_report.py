"""Another person's own report and what a body did in reply are not the resident's reports."""

from datetime import date

from actions.language import extract_reports

TODAY = date(2026, 11, 20)


def test_a_neighbours_own_report_is_not_counted():
    cands = extract_reports("the neighbours across the landing complained to the council on Monday and I emailed them on Tuesday",
                            TODAY)
    assert [(c.reported_to, c.reported_date.value) for c in cands] == [("council", date(2026, 11, 17))]


def test_a_neighbour_reporting_for_the_resident_is_counted():
    (c,) = extract_reports("my neighbour phoned 101 on my behalf on Monday", TODAY)
    assert (c.reported_to, c.reported_date.value) == ("police", date(2026, 11, 16))


def test_a_letter_or_warning_in_reply_is_no_report():
    cands = extract_reports("I rang the housing officer on the 4th; she wrote to the tenant on the 6th and he got sent a warning "
                            "on the 11th", TODAY)
    assert [(c.reported_to, c.reported_date.value.day) for c in cands] == [("housing", 4)]


def test_a_shut_front_desk_is_no_report():
    assert extract_reports("I walked down to the police station on Sunday but the front desk was closed", TODAY) == []
