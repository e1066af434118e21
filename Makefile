# The two commands a newcomer needs: `make run` and `make test`.
SHELL := /bin/bash
.DEFAULT_GOAL := help

VENV    := .venv
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed
# Rasa telemetry stays off in every process this Makefile starts.
export RASA_TELEMETRY_ENABLED := false
export TF_CPP_MIN_LOG_LEVEL := 2
export PYTHONDONTWRITEBYTECODE := 1

.PHONY: help run run-cluster test lint format bench lock locales model rasa clean kb-check nlu-report messages telegram-webhook

help:
	@echo "make run     start Rasa, the action server and the web service (prints the URLs)"
	@echo "make test    run the whole test suite"
	@echo "make lint    ruff check + format check"
	@echo "make bench   run the benchmarks in bench/"
	@echo "make model   train the Rasa model if the training data changed"
	@echo "make rasa ARGS='data validate'   run a rasa command inside the environment"
	@echo "make lock    re-resolve requirements.lock after editing pyproject.toml"
	@echo "make kb-check  validate the knowledge base and run its scenarios"
	@echo "make messages  extract message ids and update the catalogs (pybabel)"
	@echo "make nlu-report  NLU cross-validation, intent F1 per language"

$(STAMP): requirements.lock pyproject.toml scripts/find-python310
	@if [ ! -x $(PY) ]; then \
	  py310=$$(scripts/find-python310) || exit 1; \
	  echo "creating $(VENV) with $$py310"; \
	  "$$py310" -m venv $(VENV) || exit 1; \
	fi
	$(VENV)/bin/pip install --quiet --require-hashes --no-deps -r requirements.lock
	$(VENV)/bin/pip install --quiet --no-deps --no-build-isolation -e .
	$(VENV)/bin/pip check
	@$(VENV)/bin/rasa telemetry disable >/dev/null 2>&1 || true
	@touch $@

locales: $(STAMP)
	$(PY) -m bot.i18n.catalogs compile

model: $(STAMP)
	$(PY) -m bot.training

run: $(STAMP) locales model
	$(PY) -m bot.stack

# Two instances of each process behind HAProxy (needs DATABASE_URL=postgresql://…, REDIS_URL, haproxy).
run-cluster: $(STAMP) locales model
	$(PY) -m bot.cluster

kb-check: $(STAMP)
	$(VENV)/bin/pathways validate
	$(VENV)/bin/pathways test

test: $(STAMP) locales kb-check
	@scripts/ensure-chromium
	$(PY) -m pytest $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check bot actions tests bench
	$(VENV)/bin/ruff format --check bot actions tests bench

format: $(STAMP)
	$(VENV)/bin/ruff check --fix bot actions tests bench
	$(VENV)/bin/ruff format bot actions tests bench

bench: $(STAMP)
	$(PY) -m bench

# Register the Telegram webhook (needs TELEGRAM_BOT_TOKEN, TELEGRAM_SECRET_TOKEN, PUBLIC_BASE_URL).
telegram-webhook: $(STAMP)
	$(PY) -m bot.channels.telegram register

nlu-report: $(STAMP)
	$(PY) -m bench.nlu_report

# Re-extract message ids from the code and the KB, merge them into every catalog, compile.
# New ids arrive untranslated, and `make test` fails until every catalog translates them.
messages: $(STAMP)
	$(VENV)/bin/pybabel extract -F babel.cfg -k t:2 -k msg -k N_ -k _simple:1 -k _yes_no:1 --no-default-keywords --no-location --omit-header -o locales/messages.pot .
	$(VENV)/bin/pybabel update -i locales/messages.pot -d locales --no-fuzzy-matching --ignore-obsolete
	$(PY) -m bot.i18n.catalogs compile

rasa: $(STAMP)
	$(PY) -m bot.rasa_cli $(ARGS)

# Needs only the environment (not an up-to-date install): pyproject.toml has just been edited.
lock:
	@test -x $(VENV)/bin/uv || $(MAKE) $(STAMP)
	$(VENV)/bin/uv pip compile pyproject.toml --extra test --generate-hashes \
	  --python-version 3.10 --python-platform x86_64-unknown-linux-gnu \
	  --no-header --custom-compile-command "make lock" -o requirements.lock

clean:
	rm -rf var/log models/*.tar.gz .pytest_cache
