"""Story files are validated strictly: any mistake stops the run with exit 2 and a message
naming the file, the step and the key, before anything is sent."""

from __future__ import annotations

from pathlib import Path

import pytest

from tools.dialogue_tests.story import StoryError, parse_story


@pytest.mark.parametrize(
    "text, message",
    [
        ("name: x\nsteps:\n  - user: hi\n    expext: {contains: hi}\n",
         "step 1 (line 3): unknown key 'expext' (did you mean 'expect'?)"),
        ("name: x\nsteps:\n  - user: hi\n  - user: there\n    expect:\n      contain: hi\n",
         "step 2 (line 4): expect: unknown key 'contain' (did you mean 'contains'?)"),
        ("name: x\nstep:\n  - user: hi\n", "unknown key 'step' (did you mean 'steps'?)"),
        ("name: x\nsteps:\n  - user: hi\n    expect: {slots: {a: 1}, outcome: maybe}\n",
         "step 1 (line 3): expect: outcome: 'maybe' is not one of met, not_met, needs_review"),
        ("name: x\nsteps:\n  - user: hi\n    click: Yes\n",
         "step 1 (line 3): needs exactly one of user, raw, user_repeat, click (found: user, click)"),
        ("name: x\nsteps:\n  - expect: {contains: hi}\n",
         "step 1 (line 3): needs exactly one of user, raw, user_repeat, click (found: none)"),
        ("name: x\nsteps:\n  - click: Yes\n", "step 1 (line 3): click needs an earlier step"),
        ("name: x\nsteps:\n  - user: /restart\n", "step 1 (line 3): user: text starting with / is a command"),
        ("name: x\nsteps:\n  - user: \"  \"\n", "step 1 (line 3): user: must not be empty"),
        ("name: x\nsteps:\n  - user:\n", "step 1 (line 3): user: has no value"),
        ("name: x\nsteps:\n  - user: hi\n    expect: {matches: \"(unclosed\"}\n",
         "step 1 (line 3): expect: matches: '(unclosed' is not a valid regular expression"),
        ("name: x\nsteps:\n  - user: hi\n    expect: {buttons: Yes}\n",
         "step 1 (line 3): expect: buttons: must be a list of button titles"),
        ("name: x\nsteps:\n  - user: hi\n    expect: {no_reply: true, contains: hi}\n",
         "no_reply: true cannot be combined"),
        ("name: x\nsteps:\n  - user_repeat: {text: a, times: many}\n",
         "step 1 (line 3): user_repeat: times must be a whole number"),
        ("name: x\nsteps:\n  - user_repeat: {text: a, count: 3}\n",
         "step 1 (line 3): user_repeat: unknown key 'count'"),
        ("name: x\nsteps:\n  - user: hi\n    timeout: 0\n",
         "step 1 (line 3): timeout: must be a number of seconds greater than 0"),
        ("name: x\ntoday: 2026-02-31\nsteps:\n  - user: hi\n", "today: '2026-02-31' is not a real date"),
        ("name: x\ntoday: 22/11/2026\nsteps:\n  - user: hi\n", "today: '22/11/2026' is not a real date"),
        ("steps:\n  - user: hi\n", "name: is missing"),
        ("name: x\nsteps: []\n", "steps: must be a list with at least one step"),
        ("name: x\nsteps:\n  - user: hi\n  - hello\n", "step 2: must be a mapping"),
        ("name: x\nname: y\nsteps:\n  - user: hi\n", "line 2: the key 'name' appears twice"),
        ("name: x\nsteps:\n  - user: hi\n   expect: {}\n", "not valid YAML at line 4"),
        ("- just\n- a list\n", "a story file must be a mapping"),
        ("", "the file is empty"),
        ("name: x\nsteps:\n  - user: hi\n    expect: {}\n", "step 1 (line 3): expect: is empty"),
        ("name: x\nsteps:\n  - user: hi\n    expect: {contains: []}\n",
         "step 1 (line 3): expect: contains: the list is empty"),
    ],
)
def test_mistakes_are_reported_with_file_step_and_key(text, message):
    with pytest.raises(StoryError) as info:
        parse_story(text, Path("tests/dialogues/example.yml"))
    assert str(info.value).startswith("tests/dialogues/example.yml")
    assert message in str(info.value)


def test_bad_files_exit_2_naming_every_problem_and_send_nothing(fake, story, run):
    good = story("name: fine\nsteps:\n  - user: hello\n", "good.yml")
    bad = story("name: typo\nsteps:\n  - user: hello\n  - user: hi\n    expect: {buttonz: [Yes]}\n", "bad.yml")
    broken = story("name: broken\nsteps: [\n", "broken.yml")
    result = run("--url", fake.url, good.parent)
    assert result.code == 2
    assert "2 problem(s) with the story files; nothing was run" in result.err
    assert f"{bad}: step 2 (line 4): expect: unknown key 'buttonz' (did you mean 'buttons'?)" in result.err
    assert f"{broken}: not valid YAML" in result.err
    assert fake.received == []


def test_yaml_words_and_numbers_are_sent_as_written():
    story = parse_story(
        "name: x\nsteps:\n  - user: yes\n  - user: no\n  - user: 007\n  - user: 3.10\n"
        "  - user: on\n  - raw: \"\"\n  - raw: \"   \"\n  - raw: /restart\n"
        "  - user_repeat: {text: ab, times: 3}\n",
        Path("x.yml"),
    )
    assert [s.text for s in story.steps] == ["yes", "no", "007", "3.10", "on", "", "   ", "/restart", "ababab"]


def test_today_and_metadata_are_read_as_plain_values():
    story = parse_story(
        "name: x\ntoday: 2026-11-22\nmetadata: {channel: test, n: 2}\nsteps:\n"
        "  - user: hi\n    metadata: {today: 2026-12-01, lang: en}\n    expect: {slots: {count: 3, hate: true, x: null}}\n",
        Path("x.yml"),
    )
    assert story.today == "2026-11-22"
    assert story.metadata == {"channel": "test", "n": 2}
    assert story.steps[0].metadata == {"today": "2026-12-01", "lang": "en"}
    slots = story.steps[0].expect.slots
    assert slots == {"count": 3, "hate": True, "x": None} and type(slots["count"]) is int


def test_missing_paths_and_empty_folders_exit_2(run, tmp_path):
    (tmp_path / "empty").mkdir()
    result = run(str(tmp_path / "nope.yml"), str(tmp_path / "empty"))
    assert result.code == 2
    assert "nope.yml: no such file or folder" in result.err
    assert "empty: no *.yml story files in this folder" in result.err


def test_usage_errors_exit_2(run, story):
    path = story("name: x\nsteps:\n  - user: hi\n")
    assert run("--today", "22/11/2026", path).code == 2
    assert run("--jobs", "0", path).code == 2
    assert run("--timeout", "-1", path).code == 2
    assert run("--no-such-option", path).code == 2
    assert run().code == 2
    result = run("-k", "nothing matches this", path)
    assert result.code == 2 and "no stories to run" in result.err


def test_check_validates_without_a_server(run, story, closed_port):
    path = story("name: Checked only\ntags: [a]\nsteps:\n  - user: hi\n")
    result = run("--check", "--url", f"http://127.0.0.1:{closed_port}", path)
    assert result.code == 0
    assert "ok    Checked only" in result.out and "1 story file(s) are valid" in result.out


def test_the_projects_own_dialogue_stories_are_valid(run):
    folder = Path(__file__).resolve().parents[1] / "dialogues"
    if not folder.is_dir():
        pytest.skip("tests/dialogues has no stories yet")
    result = run("--check", str(folder))
    assert result.code == 0, result.err


# Whatever a tester writes, the loader answers with a StoryError or a story, never a crash.
from hypothesis import given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=20),
                     st.sampled_from(["2026-02-31", "2026-11-22", "yes", "/restart", "", "*", "&a", "[", "{"]))
_keys = st.sampled_from(["name", "steps", "user", "click", "raw", "expect", "contains", "slots", "outcome",
                         "no_reply", "user_repeat", "text", "times", "today", "metadata", "timeout", "buttons",
                         "tags", "skip", "sender", "junk"])
_values = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                         st.dictionaries(_keys, inner, max_size=4)), max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(_keys, _values, max_size=5))
def test_any_structure_gives_a_story_or_a_story_error(data):
    import yaml

    try:
        parse_story(yaml.safe_dump(data), Path("fuzz.yml"))
    except StoryError as exc:
        assert str(exc).startswith("fuzz.yml")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_story_or_a_story_error(text):
    try:
        parse_story(text, Path("fuzz.yml"))
    except StoryError as exc:
        assert str(exc).startswith("fuzz.yml")
