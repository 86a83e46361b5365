# Two commands on a fresh machine: `make run` and `make test` (Python 3.11+ is all they need).
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-$(shell cksum pyproject.toml | cut -d' ' -f1)

.PHONY: install run test lint format schema bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-* && touch $(STAMP)

install: $(STAMP)

## run: the whole service on embedded defaults (SQLite, embedded Redis, the Zoom stand-in)
run: install
	$(PY) manage.py migrate --no-input
	$(PY) manage.py demo_users
	$(PY) manage.py runstack

## test: the full suite (unit and integration; real worker processes and the stand-in)
test: install
	$(PY) -m pytest

## lint: ruff and the import-linter layer contracts, as CI runs them
lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/lint-imports

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

## schema: the OpenAPI description, validated (any warning fails), written to var/openapi.yml
schema: install
	$(PY) manage.py spectacular --validate --fail-on-warn --file var/openapi.yml

## bench: the benchmark suite (bench/README.md)
bench: install
	$(PY) bench/run.py

clean:
	rm -rf $(VENV) var/*.sqlite3 var/redis var/beat*
