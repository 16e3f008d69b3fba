# The two commands a new machine needs: `make run` and `make test` (see README).
PY := .venv/bin/python
.DEFAULT_GOAL := help

.PHONY: help env model webchat browser scale-out run run-scaled test validate eval-nlu dialogues bench clean

help:
	@echo "make run    - set up, train if needed, start every service (Ctrl-C stops them)"
	@echo "make run-scaled - the same as two instances behind HAProxy, on PostgreSQL and Redis"
	@echo "make test   - set up, train if needed, run every test"
	@echo "make eval-nlu | validate | dialogues | bench | clean"

env:
	@bin/ensure-venv

model: env
	@$(PY) -m launcher.training ensure

# The widget's socket.io client is served by the running product, so the run set-up installs
# it. launcher.run checks the ports, then trains if needed (before loading anything).
webchat:
	@bin/ensure-webchat

run: env webchat
	@$(PY) -m launcher.run

browser:
	@bin/ensure-browser

# PostgreSQL, Redis and HAProxy from Debian's packages: for run-scaled, for the store tests on
# PostgreSQL (tests/pg_cluster.py) and for the scale-out test (tests/scale_out/).
scale-out:
	@bin/ensure-scale-out

# Several instances on one machine (docs/scale-out.md).
run-scaled: env webchat scale-out
	@$(PY) -m launcher.run_scaled

test: model webchat browser scale-out
	$(PY) -m pytest

validate: env
	$(PY) -m bot.rasa_cli data validate

eval-nlu: model
	$(PY) -m tools.nlu_eval --model "$$($(PY) -m launcher.training path)" --out results/nlu

# Run the scripted dialogues against an assistant that is already running (make run).
dialogues: env
	ASB_DIALOGUE_TOKEN="$$(cat var/rasa-api-token)" \
		$(PY) -m tools.dialogue_tests --url "http://127.0.0.1:$${ASB_RASA_PORT:-5005}" tests/dialogues

# The rules-engine timing, then the load benchmark against a bare Rasa baseline (see README,
# "Benchmark"; ~30 min). BENCH_ARGS=--quick for a few minutes.
bench: model scale-out
	$(PY) bench/bench_assess.py
	$(PY) bench/bench_safeguarding.py
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf results .rasa .pytest_cache .hypothesis
