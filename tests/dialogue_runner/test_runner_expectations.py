"""Each kind of expectation passes when the reply fits and fails, naming the step and
showing the whole exchange, when it does not."""

from __future__ import annotations

import pytest

PASSING = """\
    name: A passing story
    tags: [smoke]
    today: 2026-11-22
    steps:
      - user: hello
        expect:
          contains: ["automated assistant", "999", "leave this site"]
          not_contains: ["not eligible"]
          first_contains: "automated assistant"
          buttons: ["yes", "No"]
          matches: "already\\\\s+reported"
          not_matches: "not\\\\s+eligible"
      - click: "Yes"
        expect:
          buttons: ["Me - it's happening to me"]
          slots: {reported_before: "yes"}
      - click: "Me"
        expect:
          slots: {applicant_type: self}
          slots_set: [reported_before]
          slots_unset: [full_name]
      - user: "He's outside my door now"
        expect:
          first_contains: ["999", "55"]
      - user: three reports
        expect:
          contains: meets the threshold
          outcome: met
          slots: {assessment.routes_met: [statutory], reports_count: 3}
      - user: silence
        expect:
          no_reply: true
      - user: picture
        expect:
          no_reply: false
"""


def test_a_passing_story_exits_0(fake, story, run):
    result = run("--url", fake.url, story(PASSING))
    assert result.code == 0, result.out + result.err
    assert "PASS  A passing story" in result.out
    assert "1 passed, 0 failed" in result.out
    # the click sent the button's payload, not its title
    assert fake.messages()[:3] == ["hello", '/inform{"choice":"yes"}', '/inform{"choice":"self"}']


def _fails(fake, story, run, steps: str):
    """Run a story made of the given steps; it must fail with exit code 1."""
    path = story("name: Failing story\nsteps:\n" + steps)
    result = run("--url", fake.url, path)
    assert result.code == 1, result.out + result.err
    assert "FAIL  Failing story" in result.out
    return result.out


@pytest.mark.parametrize(
    "steps, step_number, problem",
    [
        ("  - user: hello\n    expect: {contains: [\"999\", \"meets the threshold\"]}\n",
         1, 'expected the reply to contain "meets the threshold"'),
        ("  - user: hello\n    expect: {not_contains: \"automated\"}\n",
         1, 'expected the reply NOT to contain "automated"'),
        ("  - user: hello\n    expect: {matches: \"never.*reported\"}\n",
         1, "expected the reply to match /never.*reported/"),
        ("  - user: hello\n    expect: {not_matches: \"auto\\\\w+\"}\n",
         1, "expected the reply NOT to match /auto\\w+/"),
        ("  - user: hello\n    expect: {buttons: [\"Yes\", \"Not sure\"]}\n",
         1, 'expected buttons ["Not sure"]; offered: "Yes", "No"'),
        ("  - user: hello\n  - click: Maybe\n",
         2, 'cannot click: no button titled "Maybe" in the previous reply; offered: "Yes", "No"'),
        ("  - user: hello\n    expect: {first_contains: \"already reported\"}\n",
         1, 'expected the first message to contain "already reported"'),
        ("  - user: hello\n  - click: \"Yes\"\n    expect: {slots: {reported_before: \"no\"}}\n",
         2, 'expected slot reported_before = "no", but it is "yes"'),
        ("  - user: hello\n    expect: {slots: {applicant_typ: self}}\n",
         1, "expected slot applicant_typ = \"self\", but there is no such slot"),
        ("  - user: hello\n    expect: {slots_set: [applicant_type]}\n",
         1, "expected slot applicant_type to be set, but it is missing"),
        ("  - user: hello\n  - click: \"Yes\"\n    expect: {slots_unset: [reported_before]}\n",
         2, 'expected slot reported_before to be empty, but it is "yes"'),
        ("  - user: three reports\n    expect: {outcome: not_met}\n",
         1, 'expected outcome not_met, but it is "met"'),
        ("  - user: hello\n    expect: {outcome: met}\n",
         1, "expected outcome met, but the tracker has neither an assessment_outcome nor an assessment slot"),
        ("  - user: hello\n    expect: {no_reply: true}\n",
         1, "expected no reply, but the assistant sent 2 message(s)"),
        ("  - user: silence\n    expect: {no_reply: false}\n",
         1, "expected a reply, but the assistant sent nothing"),
        ("  - user: silence\n    expect: {first_contains: \"999\"}\n",
         1, 'expected the first message (there was no reply) to contain "999"'),
        ("  - user: picture\n    expect: {not_in_markup: \"<script>\"}\n",
         1, 'expected "<script>" only as plain text, but message 1 has it outside its text'),
    ],
    ids=["contains", "not_contains", "matches", "not_matches", "buttons", "click_missing",
         "first_contains", "slots_value", "slots_missing", "slots_set", "slots_unset",
         "outcome", "outcome_no_slot", "no_reply_true", "no_reply_false", "first_contains_empty",
         "not_in_markup"],
)
def test_each_expectation_can_fail_and_names_the_step(fake, story, run, steps, step_number, problem):
    out = _fails(fake, story, run, steps)
    total = steps.count("  - ")
    assert f"step {step_number} of {total}" in out
    assert problem in out
    # the whole exchange so far: every user turn and the bot's replies
    assert "exchange (sender dt-" in out
    assert "  1 > " in out
    if step_number == 2:
        assert '  1 > user: "hello"' in out
        assert "< Hello. I'm an automated assistant" in out


def test_failure_shows_every_earlier_turn_and_what_was_expected(fake, story, run):
    out = _fails(fake, story, run, (
        "  - user: hello\n"
        "  - click: \"Yes\"\n"
        "  - click: \"Me\"\n"
        "  - user: \"He's outside my door now\"\n"
        "    expect:\n"
        "      first_contains: \"When you're ready\"\n"
        "      contains: [\"999\"]\n"
        "  - user: never reached\n"
    ))
    assert "step 4 of 5 (line 6): user: \"He's outside my door now\"" in out
    assert "expected:" in out and 'first_contains: ["When you\'re ready"]' in out
    assert "step 5 was not run" in out
    for line in [
        '  1 > user: "hello"',
        "[buttons: Yes | No]",
        '  2 > click "Yes" -> sends "/inform{\\"choice\\":\\"yes\\"}"',
        "< Who is asking for the review?",
        '  3 > click "Me" -> sends',
        "< In your own words, what is happening?",
        "  4 > user: \"He's outside my door now\"",
        "< If you are in danger now, call 999.",
        "< When you're ready, we can carry on.",
    ]:
        assert line in out, line
    assert "never reached" not in out.split("exchange")[1]
    assert "never reached" not in fake.messages()


def test_matching_ignores_case_spacing_and_curly_quotes(fake, story, run):
    fake.script["curly"] = {"reply": [{"text": "Here are the reports you\u2019ve\n  told me about"}]}
    path = story("""\
        name: Tolerant matching
        steps:
          - user: curly
            expect:
              contains: "here are the REPORTS you've told me about"
    """)
    assert run("--url", fake.url, path).code == 0
    path = story("""\
        name: Still strict about words
        steps:
          - user: curly
            expect:
              contains: "here are the reports you told me about"
    """)
    assert run("--url", fake.url, path).code == 1


def test_click_takes_an_exact_title_before_a_prefix_and_refuses_an_ambiguous_one(fake, story, run):
    fake.script["consent?"] = {"reply": [{"text": "Agree?", "buttons": [
        {"title": "Yes, I agree", "payload": "/affirm"},
        {"title": "Yes", "payload": "/inform{\"choice\":\"yes\"}"},
        {"title": "Yes, later", "payload": "/later"},
    ]}]}
    path = story("""\
        name: Exact title wins
        steps:
          - user: consent?
          - click: "yes"
    """)
    assert run("--url", fake.url, path).code == 0
    assert fake.messages()[-1] == '/inform{"choice":"yes"}'
    path = story("""\
        name: Ambiguous prefix
        steps:
          - user: consent?
          - click: "Yes,"
    """)
    result = run("--url", fake.url, path)
    assert result.code == 1
    assert '"Yes," could be any of several buttons' in result.out


def test_a_slot_number_matches_whatever_form_the_tracker_keeps(fake, story, run):
    fake.script["count"] = {"reply": [{"text": "ok"}], "slots": {"other_reporters": "4", "score": 4.0,
                                                                   "hate": True, "assessment_outcome": "needs_review"}}
    path = story("""\
        name: Numbers and booleans
        steps:
          - user: count
            expect:
              slots: {other_reporters: 4, score: 4, hate: true}
              outcome: needs review
    """)
    result = run("--url", fake.url, path)
    assert result.code == 0, result.out
    path = story("""\
        name: A boolean is not text
        steps:
          - user: count
            expect:
              slots: {hate: "yes"}
    """)
    result = run("--url", fake.url, path)
    assert result.code == 1
    assert 'expected slot hate = "yes", but it is True' in result.out


def test_reply_text_is_printed_whole_and_long_user_messages_are_shortened(fake, story, run):
    fake.script["long answer"] = {"reply": [{"text": "line one\nline two\n" + "x" * 500}]}
    path = story("""\
        name: Long things
        steps:
          - user_repeat: {text: "a", times: 5000}
          - user: long answer
            expect: {contains: "nowhere"}
    """)
    result = run("--url", fake.url, path)
    assert result.code == 1
    assert fake.received[0]["message"] == "a" * 5000
    assert "user_repeat (5000 characters)" in result.out
    assert "a" * 100 not in result.out
    assert "x" * 500 in result.out
    assert "      line two" in result.out


def test_the_exchange_shows_a_residents_whole_message(fake, story, run):
    words = "Lads racing scramblers behind the flats every night, revving engines till 2am, " * 3
    path = story(f"name: Whole message\nsteps:\n  - user: \"echo:{words.strip()}\"\n    expect: {{contains: nowhere}}\n")
    result = run("--url", fake.url, path)
    assert result.code == 1
    assert f'  1 > user: "echo:{words.strip()}"' in result.out
