"""A count said after the fact, a visit that is no report, a period that opens with 'since the end of'.

The re-merged parser read "I've reported it I don't know how many times, well three" plus "the
council have been round" as a bodiless report joined into a council report: two reports where
the resident means three to be asked about, one of them a visit (README: a visit is no report).
"""

from datetime import date as d

from actions.language import extract_reports

TODAY = d(2027, 1, 12)


def summary(text, today=TODAY):
    return [(c.reported_to, c.reported_date.value if c.reported_date else None, c.count)
            for c in extract_reports(text, today)]


def test_a_number_said_after_a_vague_count_is_the_count():
    assert summary("they've been at it since the end of the summer and I've rung the council "
                   "I don't know how many times, maybe five") == [("council", None, 5)]
    assert summary("I've told the police loads of times, at least six") == [("police", None, 6)]


def test_a_vague_count_alone_is_still_asked():
    assert summary("I've told the police loads of times") == [("police", None, 1)]


def test_an_agency_that_has_been_round_made_no_report():
    assert summary("the police have been round once, I rang 101 on the 4th") == [("police", d(2027, 1, 4), 1)]
    assert summary("the housing officer has been out twice but nothing's changed, I reported it to them on the 3rd") == [
        ("housing", d(2027, 1, 3), 1)]


def test_the_resident_going_round_to_an_agency_is_a_report():
    assert summary("I have been round to the council offices about it") == [("council", None, 1)]


def test_since_the_end_of_a_season_opens_a_period_and_is_no_report_date():
    (c,) = extract_reports("it has gone on since the end of the summer, I've reported it to the council", TODAY)
    assert (c.reported_to, c.reported_date) == ("council", None)
