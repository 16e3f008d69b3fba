"""A long story with two reports in it keeps both, and what others did is not taken for a report."""

from datetime import date

from actions.language import extract_reports

TODAY = date(2026, 11, 20)


def test_nothing_happened_is_no_incident_cue():
    text = ("Since the spring the couple below have rowed every night, doors slamming, glass smashing. On the 2nd of "
            "November it went on till dawn so I phoned 101 later that day. Nothing happened, so on the 9th I emailed "
            "the council's environmental health too.")
    cands = extract_reports(text, TODAY)
    assert [(c.reported_to, c.reported_date.value) for c in cands] == [
        ("police", date(2026, 11, 2)), ("council", date(2026, 11, 9))]


def test_a_crime_number_after_the_report_is_not_another_report():
    text = "In the summer when they set fire to my bin, I reported it to the police and got a crime number, 12/34567/26."
    (c,) = extract_reports(text, TODAY)
    assert (c.reported_to, c.reference) == ("police", "12/34567/26")


def test_handing_something_over_during_a_visit_is_a_report():
    text = ("The man next door has shouted at my kids for a year, and I handed my notes to the housing officer on "
            "4 October when she came round about the damp, and later I went into the police station on the 11th.")
    cands = extract_reports(text, TODAY)
    assert [(c.reported_to, c.reported_date.value) for c in cands] == [
        ("housing", date(2026, 10, 4)), ("police", date(2026, 10, 11))]


def test_their_doing_it_again_is_what_happened_not_a_report():
    text = ("On Friday night the youths were on the wall again kicking a ball at my door for hours, "
            "so I called 999 straight away.")
    (c,) = extract_reports(text, TODAY)
    assert c.reported_to == "police" and c.incident_date.value == date(2026, 11, 13)
