# The two commands a new machine needs: `make run` and `make test` (see README).
PY := .venv/bin/python
.DEFAULT_GOAL := help

.PHONY: help env model webchat browser postgres run test validate eval-nlu dialogues bench clean

help:
	@echo "make run    - set up, train if needed, start every service (Ctrl-C stops them)"
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

# The store tests also run on PostgreSQL, a throwaway cluster from Debian's binaries (tests/pg_cluster.py).
postgres:
	@bin/ensure-postgres

test: model webchat browser postgres
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
bench: model
	$(PY) bench/bench_assess.py
	$(PY) bench/bench_safeguarding.py
	$(PY) -m bench.run $(BENCH_ARGS)

clean:
	rm -rf results .rasa .pytest_cache .hypothesis
