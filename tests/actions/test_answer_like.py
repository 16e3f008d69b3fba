"""Could the words be the answer to the open question? Where they could, the meaning model is not
heard (it reads "he's my dad" as abuse); where they could not, it is (issue 14, mid-form)."""

from __future__ import annotations

from datetime import date

import pytest

from actions.intake.answer_like import could_be_the_answer

TODAY = date(2026, 11, 22)


@pytest.mark.parametrize("slot, text", [
    ("location", "Meadow Road, Stafford ST16 2DH"),
    ("location", "the garages behind Elm Court"),
    ("full_name", "Dana Okafor"),
    ("full_name", "my name is Mrs P. Aldridge-Kaur"),
    ("report_text", "phoned the housing officer on the 4th"),
    ("report_text", "told the PCSO about it in the street"),
    ("on_behalf_relationship", "she's my nan"),
    ("victim_consent", "yes he knows and is happy for me to"),
    ("phone", "07700 900461"),
    ("pending_reported_date", "the Friday before last"),
])
def test_an_answer_is_an_answer(slot, text):
    assert could_be_the_answer(slot, text, TODAY)


@pytest.mark.parametrize("slot, text", [
    ("location", "two lads are kicking a man on the ground by the bus shelter on Tiverton Road"),
    ("location", "my little boy has wandered off and I can't find him"),
    ("full_name", "my little boy has wandered off and I can't find him"),
    ("report_text", "my little boy has wandered off and I can't find him"),
    ("victim_consent", "he doesn't know because he keeps hurting her"),
])
def test_words_that_cannot_be_the_answer(slot, text):
    assert not could_be_the_answer(slot, text, TODAY)
