"""Bodies named the way residents name them (the corpus conventions' list of who is who)."""

import pytest

from actions.language.bodies import body_in


@pytest.mark.parametrize("text, body", [
    ("I logged it on Fix My Street", "council"),
    ("the dog wardens never came", "council"),
    ("rang the out-of-hours service", "council"),
    ("went to the front desk", "police"),
    ("spoke to our tenancy officer", "housing"),
    ("I told Crime Stoppers anonymously", "other"),
    ("I let my son's school know", "other"),
    ("I tweeted at the police", "social_media"),
])
def test_who_is_who(text, body):
    assert body_in(text) == body


def test_a_message_to_a_body_through_facebook_is_to_that_body():
    from actions.language.bodies import find_bodies
    assert [b for b, _, _ in find_bodies("I sent the council a message on Facebook")] == ["council"]
