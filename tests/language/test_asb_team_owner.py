"""'The ASB team' alone could be the council's, the police's or the landlord's: the body is asked."""

from datetime import date

import pytest

from actions.language import extract_reports
from actions.language.bodies import body_in

TODAY = date(2026, 11, 20)


def test_a_team_with_no_owner_leaves_the_body_to_ask():
    (c,) = extract_reports("I emailed the anti-social behaviour team on Tuesday", TODAY)
    assert c.reported_to is None and "asb_team_owner_unknown" in c.notes and c.reported_date.value == date(2026, 11, 17)
    assert body_in("the ASB officer") is None


@pytest.mark.parametrize("text, body", [
    ("spoke to the council's ASB officer on Tuesday", "council"),
    ("spoke to the ASB team at Midland Heart on Tuesday", "housing"),
    ("spoke to the police ASB unit on Tuesday", "police"),
])
def test_a_team_with_its_owner_named_is_that_body(text, body):
    assert [c.reported_to for c in extract_reports(text, TODAY)] == [body]
