from tools.dialogue_tests.cli import run_cli

run_cli()
