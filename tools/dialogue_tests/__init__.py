"""For testers: scripted dialogue stories: YAML files run against a live assistant over
Rasa's REST channel. Guide: docs/dialogue-tests.md. Run: python -m tools.dialogue_tests."""

from tools.dialogue_tests.cli import main
from tools.dialogue_tests.runner import StoryResult, run_story
from tools.dialogue_tests.story import Story, StoryError, load_story, parse_story

__all__ = ["Story", "StoryError", "StoryResult", "load_story", "main", "parse_story", "run_story"]
