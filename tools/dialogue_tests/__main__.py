"""For testers: `python -m tools.dialogue_tests` runs scripted dialogue stories (see cli.py)."""

from tools.dialogue_tests.cli import run_cli

run_cli()
