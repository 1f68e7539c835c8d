# kroniek: set-up, demo, tests and benchmarks.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DATA ?= ../shared/data
SUDO := $(shell [ "$$(id -u)" = "0" ] || echo sudo)

.PHONY: setup system-packages demo test bench clean

$(BIN)/kroniek: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test,bench]'
	touch $@

## system-packages: Frog and Timbl (entities), PostgreSQL with its contrib modules (the server backend and its
## tests), Chromium (the web page's browser tests)
system-packages:
	@{ command -v frog && command -v timbl && ls /usr/lib/postgresql/*/bin/initdb && ls /usr/share/postgresql/*/extension/pg_trgm.control && command -v chromium; } >/dev/null 2>&1 || { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq frog frogdata timbl postgresql postgresql-contrib chromium chromium-driver; }

## setup: Frog and Timbl from apt, kroniek and its dependencies in $(VENV), Frog's entity model compiled once
setup: system-packages $(BIN)/kroniek
	@$(BIN)/python -m kroniek.nlp.frog_model

## demo: set up, ingest the seed and the DPG corpus, print the Sessions timeline
demo: setup
	$(BIN)/kroniek ingest $(DATA)/seed/000_bc9ad96b2057a7eb.txt $(DATA)/news/dpg2019-nl/articles.jsonl || [ $$? -eq 1 ]
	$(BIN)/kroniek timeline Sessions

## test: the test suite (needs setup); it starts and stops its own throwaway PostgreSQL cluster
test: setup
	$(BIN)/pytest -q

## bench: the benchmark scripts
bench: setup
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/tagger.py

clean:
	rm -rf $(VENV) kroniek.db kroniek.db-wal kroniek.db-shm
